"""The network overview: digital regions coloured, nodes sized by centrality, drill-down."""

from __future__ import annotations

import math
from typing import Any

from flask import Blueprint, jsonify, render_template, url_for

from ...graph.resolve import common_name
from ...queries.german import de_count
from ...queries.web_data import MAX_NETWORK_NODES, network_analytics, network_overview
from .. import helpers as h
from ..graphs import build_graph, colour_for, geo_xy

bp = Blueprint("netzwerk", __name__)


def _query() -> dict[str, Any]:
    land, kreis = h.land_kreis_args()
    return {"land": land, "kreis": kreis, "kind": h.str_arg("art"),
            "level": h.str_arg("ebene", max_len=20),
            "region": h.int_arg("region", None, lo=1, hi=100000)}


def _network(q: dict[str, Any]) -> dict[str, Any]:
    holder = h.holder()
    key = ("network", q["land"], q["kreis"], q["kind"], q["level"], q["region"])
    analytics = holder.memo("network_analytics", lambda: network_analytics(holder.get()))
    return holder.memo(key, lambda: network_overview(  # type: ignore[no-any-return]
        holder.get(), land=q["land"], kreis=q["kreis"], kind=q["kind"], level=q["level"],
        region=q["region"], analytics=analytics))


#: How many of the largest nodes carry a label on the canvas (the others show theirs on hover).
LABELLED = {"kreise": 20, "regionen": 40, "gemeinden": 25}
_BIG_FONT = {"size": 26, "face": "system-ui, sans-serif", "color": "#1b2631", "strokeWidth": 4,
             "strokeColor": "#ffffff", "bold": {"size": 26}}


def _labelled(net: dict[str, Any]) -> set[str]:
    """Ids of the nodes that are labelled: the largest by centrality."""
    top = sorted(net["nodes"], key=lambda n: (-n["size"], str(n["id"])))
    return {str(n["id"]) for n in top[:LABELLED.get(net["level"], 25)]}


def _graph(net: dict[str, Any], q: dict[str, Any]) -> dict[str, Any]:
    biggest = max((n["size"] for n in net["nodes"]), default=0) or 1
    labelled = _labelled(net)
    nodes = []
    for n in net["nodes"]:
        x, y = geo_xy(n["lat"], n["lon"], scale=220 if net["level"] == "gemeinden" else 140)
        size = 6 + 30 * math.sqrt(max(n["size"], 0) / biggest)
        shown = str(n["id"]) in labelled
        if net["level"] == "regionen":
            node = {
                "id": n["id"], "label": n["name"], "size": size, "x": x, "y": y,
                "colour": colour_for(n["key"]),
                "title": f"{n['name']}\n{de_count(n['members'], 'Kommune', 'Kommunen')}, "
                         f"meist in {n['state']}\nKlicken: Kommunen dieser Region zeigen",
                "url": url_for("netzwerk.page", region=n["key"], art=q["kind"],
                               land=q["land"])}
        elif net["level"] == "kreise":
            node = {
                "id": n["id"], "label": common_name(n["name"]), "size": size, "x": x, "y": y,
                "colour": colour_for(n["state_key"]),
                "title": f"{n['name']}\n{n['state']}\n"
                         f"{de_count(n['members'], 'Kommune', 'Kommunen')} in Projekten\n"
                         "Klicken: Kommunen dieses Kreises zeigen",
                "url": url_for("netzwerk.page", kreis=n["key"], art=q["kind"])}
        else:
            region = (f"Digitale Region {n['community']}" if n["community"] is not None
                      else "keine Region berechnet")
            node = {
                "id": n["id"], "label": n["name"], "size": size, "x": x, "y": y,
                "colour": colour_for(n["community"] if n["community"] is not None
                                     else n["state_key"]),
                "title": f"{n['name']} (AGS {n['ags']})\n{n['district']}, {n['state']}\n"
                         f"{region}\n{de_count(n['projects'], 'Projekt', 'Projekte')}",
                "url": url_for("kommune.page", ags=n["ags"])}
        if shown:
            node["font"] = _BIG_FONT
        else:
            node["label"] = ""
        nodes.append(node)
    edges = [{"source": e["source"], "target": e["target"],
              "width": 1 + math.log(e["weight"]),
              "title": de_count(e["weight"], "gemeinsame Projektbeziehung",
                                "gemeinsame Projektbeziehungen")}
             for e in net["edges"]]
    what = {"kreise": "Kreise", "regionen": "digitalen Regionen"}.get(net["level"], "Kommunen")
    # Super-nodes (Kreise, regions) sit where their municipalities are.
    fixed = True if net["level"] in ("kreise", "regionen") else None
    return build_graph("netzwerk", nodes, edges, height="680px", fixed_layout=fixed,
                       description_de=f"Kooperationsnetz der {what}: verbunden, wenn sie "
                                      "gemeinsam an Projekten teilnehmen.")


def _legend(net: dict[str, Any]) -> list[dict[str, Any]]:
    """What the colours mean: Länder (Kreise, regions) or digital regions (municipalities).

    Each entry: ``key``, ``name``, ``colour``, ``count`` and, for a digital
    region, its most central member (``top``), largest first.
    """
    groups: dict[Any, dict[str, Any]] = {}
    for n in sorted(net["nodes"], key=lambda n: (-n["size"], str(n["id"]))):
        if net["level"] == "gemeinden" and n.get("community") is not None:
            key, name, colour = n["community"], f"Digitale Region {n['community']}", \
                colour_for(n["community"])
        elif net["level"] == "regionen":
            key, name, colour = n["key"], n["name"], colour_for(n["key"])
        else:
            key, name, colour = n["state_key"], n["state"], colour_for(n["state_key"])
        g = groups.setdefault(key, {"key": key, "name": name, "colour": colour, "count": 0,
                                    "top": n.get("name")})
        g["count"] += 1
    return sorted(groups.values(), key=lambda g: (-g["count"], str(g["name"])))


@bp.get("/netzwerk")
@h.cached_page
def page():  # type: ignore[no-untyped-def]
    q = _query()
    net = _network(q)
    return render_template("netzwerk.html", q=q, net=net, graph=_graph(net, q),
                           options=h.filter_options(), legend=_legend(net),
                           labelled=LABELLED.get(net["level"], 25), max_nodes=MAX_NETWORK_NODES)


@bp.get("/api/netzwerk")
@h.cached_page
def api():  # type: ignore[no-untyped-def]
    return jsonify(_network(_query()))
