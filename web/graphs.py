"""Networks for the browser: built with pyvis, rendered by our own template.

pyvis 0.3.2 builds the nodes, edges and options; its own HTML output is never
used, because every pyvis mode loads Bootstrap (and in ``local`` mode even
vis-network) from a CDN. The template puts the data in a
``<script type="application/json">`` block (Jinja's ``tojson`` escapes ``<``,
``>`` and ``&``), and ``static/js/graph.js`` draws it with the vendored
vis-network. Tooltips (``title``) are plain strings here; graph.js turns them
into DOM elements filled with ``textContent``, so a name from data is always
text.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from pyvis.network import Network

__all__ = ["KIND_COLOURS", "KIND_LABELS", "PALETTE", "STATE_COLOURS", "build_graph", "colour_for",
           "geo_xy"]

#: Node colour by kind (ecosystem, ego network).
KIND_COLOURS: dict[str, str] = {
    # one hue per kind, so that no two kinds on one page look alike (CSS .kind-* matches)
    "center": "#c0392b",        # red
    "municipality": "#2e86c1",  # blue
    "neighbour": "#85c1e9",     # light blue
    "district": "#8e44ad",      # purple
    "state": "#2c3e50",         # dark slate
    "association": "#e377c2",   # pink
    "project": "#e69f00",       # orange
    "programme": "#8c564b",     # brown
    "organisation": "#27ae60",  # green
    "it_provider": "#0e6251",   # dark teal
    "role": "#7f8c8d",          # grey
    "type": "#b7950b",          # dark gold
    "component": "#17becf",     # cyan
    "tool": "#bcbd22",          # olive
    "service": "#ff9896",       # salmon
}
KIND_LABELS: dict[str, str] = {
    "center": "diese Kommune",
    "municipality": "Kommune",
    "neighbour": "Nachbarkommune",
    "district": "Kreis",
    "state": "Land",
    "association": "Gemeindeverband",
    "project": "Projekt",
    "programme": "Förderprogramm",
    "organisation": "Organisation",
    "it_provider": "IT-Dienstleister",
    "role": "Rolle",
    "type": "Kommunentyp",
    "component": "Basiskomponente",
    "tool": "Beteiligungsinstrument",
    "service": "OZG-Leistung",
}
#: Colours for communities / Länder (colour-blind friendly first, then more).
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442",
           "#332288", "#117733", "#882255", "#44aa99", "#999933", "#aa4499", "#6699cc",
           "#888888", "#661100")

#: One colour per Land, chosen so that neighbouring Länder differ clearly.
STATE_COLOURS: dict[str, str] = {
    "01": "#e69f00", "02": "#009e73", "03": "#cc79a7", "04": "#56b4e9", "05": "#d55e00",
    "06": "#f0e442", "07": "#332288", "08": "#117733", "09": "#0072b2", "10": "#44aa99",
    "11": "#444444", "12": "#aa4499", "13": "#6699cc", "14": "#999933", "15": "#882255",
    "16": "#888888",
}

#: Above this many nodes the layout is precomputed (geographic) and physics is off.
PHYSICS_MAX_NODES = 150


def colour_for(value: Any) -> str:
    """A stable palette colour for a community number or a Land key ("05")."""
    if value is None:
        return "#95a5a6"
    if isinstance(value, str) and value in STATE_COLOURS:
        return STATE_COLOURS[value]
    try:
        i = int(value)
    except (TypeError, ValueError):
        i = sum(ord(c) for c in str(value))
    return PALETTE[i % len(PALETTE)]


def geo_xy(lat: float | None, lon: float | None, scale: float = 60.0) -> tuple[float, float]:
    """Position from latitude/longitude (equirectangular around Germany's centre)."""
    if lat is None or lon is None:
        return 0.0, 0.0
    return ((lon - 10.45) * scale * math.cos(math.radians(51.2)), -(lat - 51.2) * scale)


def short_label(text: str, max_len: int = 40) -> str:
    """A node label short enough not to cover its neighbours (the tooltip keeps it whole).

    >>> short_label("Kompetenzzentrum eBehördenakte EN (E-Akte of Witten reused by EN-Kreis towns)")
    'Kompetenzzentrum eBehördenakte EN …'
    >>> short_label("Witten")
    'Witten'
    """
    if len(text) <= max_len:
        return text
    return text[:max_len - 1].rsplit(" ", 1)[0].rstrip(" ,;:-(") + " …"


def build_graph(graph_id: str, nodes: Iterable[dict[str, Any]],
                edges: Iterable[dict[str, Any]], *, height: str = "520px",
                fixed_layout: bool | None = None, description_de: str = "") -> dict[str, Any]:
    """Build a network with pyvis and return what the template embeds.

    ``nodes``: dicts with ``id``, ``label`` (``""`` draws no label; the
    tooltip still names the node), optional ``title`` (plain text, lines
    separated by ``\\n``), ``kind`` or ``colour``, ``size``, ``font`` (vis
    font options for this node), ``url`` (opened on click), ``x``/``y`` (used
    with a fixed layout).
    ``edges``: dicts with ``source``, ``target``, optional ``title``,
    ``width``, ``dashes``.
    """
    nodes = list(nodes)
    edges = list(edges)
    fixed = len(nodes) > PHYSICS_MAX_NODES if fixed_layout is None else fixed_layout
    # directed=True only skips pyvis's quadratic duplicate-edge check; arrows are off.
    net = Network(height=height, width="100%", directed=True, cdn_resources="remote")
    for n in nodes:
        colour = n.get("colour") or KIND_COLOURS.get(n.get("kind", ""), "#2e86c1")
        opts: dict[str, Any] = {
            "title": str(n.get("title") or n.get("label") or ""),
            "size": float(n.get("size") or 12),
            "kind": n.get("kind"),
        }
        if n.get("url"):
            opts["url"] = n["url"]
        if fixed and n.get("x") is not None:
            opts.update(x=float(n["x"]), y=float(n["y"]), physics=False)
        if n.get("font"):
            opts["font"] = n["font"]
        label = n.get("label")
        label = short_label(str(n["id"] if label is None else label))
        net.add_node(str(n["id"]), label=label, shape="dot", color=colour, **opts)
    known = set(net.get_nodes())
    for e in edges:
        a, b = str(e["source"]), str(e["target"])
        if a in known and b in known and a != b:
            extra = {k: e[k] for k in ("title", "width", "dashes") if e.get(k) is not None}
            net.add_edge(a, b, **extra)
    vis_nodes, vis_edges, _, _, _, _ = net.get_network_data()
    unlabelled = {str(n["id"]) for n in nodes if n.get("label") == ""}
    for v in vis_nodes:
        if v["id"] in unlabelled:  # pyvis puts the id where no label is given
            v["label"] = ""
    for e in vis_edges:
        e.pop("arrows", None)
        if "title" in e:
            e["title"] = str(e["title"])
    options = {
        "autoResize": True,
        "nodes": {"shape": "dot", "borderWidth": 1,
                  "font": {"size": 10 if fixed else 14, "face": "system-ui, sans-serif",
                           "color": "#1b2631",
                           "strokeWidth": 3, "strokeColor": "#ffffff"}},
        "edges": {"arrows": {"to": {"enabled": False}}, "smooth": False,
                  "color": {"color": "#aab7b8", "highlight": "#2c3e50", "hover": "#2c3e50"},
                  "width": 1},
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False,
                        "keyboard": {"enabled": True, "bindToWindow": False},
                        "hideEdgesOnDrag": len(vis_edges) > 2000},
        "layout": {"improvedLayout": len(nodes) <= 100, "randomSeed": 7},
        "physics": {
            "enabled": not fixed,
            "solver": "forceAtlas2Based",
            # strong repulsion and full overlap avoidance keep labels apart; graph.js
            # switches physics off once it has settled, so the layout then stays put
            "forceAtlas2Based": {"gravitationalConstant": -140, "springLength": 150,
                                 "springConstant": 0.05, "avoidOverlap": 1},
            "stabilization": {"enabled": True, "iterations": 600, "fit": True},
        },
    }
    return {"id": graph_id, "nodes": vis_nodes, "edges": vis_edges, "options": options,
            "height": height, "fixed": fixed, "description_de": description_de,
            "legend": sorted({(n.get("kind") or "") for n in nodes} - {""})}
