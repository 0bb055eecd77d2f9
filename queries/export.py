"""Export the graph (or one municipality's ecosystem) for Gephi, scripts and spreadsheets.

Formats
-------
``graphml`` and ``gexf``
    One file, written by networkx; both open in Gephi. Every attribute is a
    scalar (string, integer, float, boolean); missing values are left out
    rather than written as ``None``, which the writers cannot encode.
    Municipalities carry ``lat``/``lon`` for Gephi's geo layout.
``json``
    One file ``{"meta", "nodes", "edges"}`` in the shape of
    :func:`~kommunalgraph.queries.ecosystem.ecosystem`.
``csv``
    ``nodes.csv`` and ``edges.csv`` (UTF-8, comma, header row, the format of
    Gephi's spreadsheet import: ``id``/``label`` are written as
    ``Id``/``Label`` and ``source``/``target`` as ``Source``/``Target``).
    ``PATH`` is a folder, created if missing, or, when it ends in ``.zip``,
    a zip archive holding both files.

Every node has ``id`` (``"Label:key"``), ``label`` (its name), ``kind`` (the
schema label, e.g. ``Municipality``), ``kind_de`` and ``key`` (its natural
key; a schema key property called ``id`` is exported only as ``key``); a schema property that
is itself called ``kind`` (Kreis kind, project kind, organisation kind) is
exported as ``category``, and the provenance property ``source`` (where a
fact comes from) as ``data_source``, so that it cannot be mistaken for an
edge's source node. Every edge has ``source``, ``target``, ``kind``
(the relationship type) and ``label_de``.

Personal data
-------------
The contact properties of ``HAS_ROLE`` (:data:`~kommunalgraph.graph.schema.PERSONAL_PROPERTIES`)
are left out unless ``include_personal_data=True``; even then they are only
exported for roles whose ``consent`` is true, and the result counts the
contacts withheld for lack of consent.

The whole-store export builds its reads from the schema's fixed lists
(:func:`~kommunalgraph.graph.schema.quote`), like ``GraphStore.counts``: one
query per label and per relationship pair, no user input in the text.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from ..graph import schema
from ..graph.errors import InputError, KommunalgraphError, reason_de
from ..graph.store import GraphStore

__all__ = ["FORMATS", "export", "graph_data", "to_networkx", "clean_attrs", "write"]

FORMATS = ("graphml", "gexf", "json", "csv")

_GERMAN = {t.label: t.german for t in schema.NODE_TYPES} | {
    t.type: t.german for t in schema.REL_TYPES}
#: schema property → export attribute, where the schema name clashes with ours
_RENAME = {"kind": "category", "source": "data_source"}
_NODE_FIRST = ("id", "label", "kind", "kind_de")
_EDGE_FIRST = ("source", "target", "kind", "label_de")


def clean_attrs(data: Mapping[str, Any]) -> dict[str, Any]:
    """Keep only scalar, non-missing attributes (what GraphML and GEXF can hold).

    Lists become ``"; "``-joined strings, dicts are dropped.

    Examples
    --------
    >>> clean_attrs({"a": 1, "b": None, "c": ["x", "y"], "d": {"e": 1}, "f": True})
    {'a': 1, 'c': 'x; y', 'f': True}
    """
    out: dict[str, Any] = {}
    for k, v in data.items():
        if v is None or isinstance(v, dict):
            continue
        if isinstance(v, list | tuple | set):
            v = "; ".join(str(x) for x in v if x is not None)
        elif not isinstance(v, str | int | float | bool):
            v = str(v)
        out[k] = v
    return out


def _nodes_of(store: GraphStore) -> Iterable[dict[str, Any]]:
    for nt in schema.NODE_TYPES:
        props = list(nt.all_properties)
        cols = ", ".join("n." + schema.quote(p) + " AS " + schema.quote(p) for p in props)
        q = "MATCH (n:" + schema.quote(nt.label) + ") RETURN " + cols
        # by key: the same file from the same data, on every store
        for row in sorted(store.run(q), key=lambda r, k=nt.key: str(r[k])):
            key = row[nt.key]
            node: dict[str, Any] = {
                "id": f"{nt.label}:{key}",
                "label": row.get("name") or str(key),
                "kind": nt.label,
                "kind_de": nt.german,
                "key": str(key),
            }
            for p, v in row.items():
                if p != "id":  # the natural key ``id`` is exported as ``key``
                    node[_RENAME.get(p, p)] = v
            yield node


def _edges_of(store: GraphStore, include_personal_data: bool) -> tuple[list[dict], int]:
    edges: list[dict[str, Any]] = []
    withheld = 0
    for rt in schema.REL_TYPES:
        props = list(rt.all_properties)
        for a, b in rt.pairs:
            ka, kb = schema.node_type(a).key, schema.node_type(b).key
            cols = "".join(", r." + schema.quote(p) + " AS " + schema.quote(p) for p in props)
            q = ("MATCH (a:" + schema.quote(a) + ")-[r:" + schema.quote(rt.type) + "]->(b:"
                 + schema.quote(b) + ") RETURN a." + schema.quote(ka) + " AS `_s`, b."
                 + schema.quote(kb) + " AS `_t`" + cols)
            rows = sorted(store.run(q), key=lambda r: (
                str(r["_s"]), str(r["_t"]), json.dumps(r, sort_keys=True, default=str)))
            for row in rows:
                edge = {"source": f"{a}:{row.pop('_s')}", "target": f"{b}:{row.pop('_t')}",
                        "kind": rt.type, "label_de": rt.german}
                withheld += _strip_personal(row, include_personal_data)
                edge.update({_RENAME.get(p, p): v for p, v in row.items()})
                edges.append(edge)
    return edges, withheld


def _strip_personal(props: dict[str, Any], include: bool) -> int:
    """Remove personal properties in place unless included and consented; 1 if withheld."""
    present = [p for p in schema.PERSONAL_PROPERTIES if props.get(p) is not None]
    if include and props.get("consent") is True:
        return 0
    for p in schema.PERSONAL_PROPERTIES:
        props.pop(p, None)
    return 1 if (include and present) else 0


def graph_data(store: GraphStore, *, ego: str | None = None,
               include_personal_data: bool = False) -> dict[str, Any]:
    """Nodes and edges to export: the whole store, or the ecosystem of AGS ``ego``.

    Returns ``{"meta", "nodes", "edges"}`` with plain attribute dicts
    (``None`` values still present; writers drop them).
    """
    if ego is not None:
        from .ecosystem import ecosystem

        eco = ecosystem(store, ego, include_personal_data=include_personal_data)
        nodes, edges = eco["nodes"], eco["edges"]
        withheld = eco.get("personal_data_withheld", 0)
    else:
        nodes = list(_nodes_of(store))
        edges, withheld = _edges_of(store, include_personal_data)
    meta = {
        "generator": "kommunalgraph",
        "scope": f"ecosystem:{ego}" if ego else "all",
        "personal_data_included": bool(include_personal_data),
        "personal_data_withheld_no_consent": withheld,
        "nodes": len(nodes),
        "edges": len(edges),
        "note_de": ("Quellen und Lizenzen der Daten: siehe NOTICE und die Attribute "
                    "source/as_of an Knoten und Kanten."),
    }
    return {"meta": meta, "nodes": nodes, "edges": edges}


def to_networkx(data: Mapping[str, Any]) -> nx.MultiDiGraph:
    """Build a MultiDiGraph with only scalar attributes from ``{"nodes", "edges"}``.

    Examples
    --------
    >>> G = to_networkx({"nodes": [{"id": "Municipality:1", "label": "A", "kind": "Municipality",
    ...                             "population": None}],
    ...                  "edges": [{"source": "Municipality:1", "target": "Municipality:1",
    ...                             "kind": "NEIGHBOUR_OF", "label_de": "grenzt an"}]})
    >>> G.nodes["Municipality:1"]
    {'label': 'A', 'kind': 'Municipality'}
    >>> list(G.edges(keys=True, data="kind"))
    [('Municipality:1', 'Municipality:1', 0, 'NEIGHBOUR_OF')]
    """
    G = nx.MultiDiGraph()
    for n in data["nodes"]:
        attrs = clean_attrs({k: v for k, v in n.items() if k != "id"})
        G.add_node(n["id"], **attrs)
    for e in data["edges"]:
        attrs = clean_attrs({k: v for k, v in e.items() if k not in ("source", "target")})
        attrs.setdefault("label", e.get("label_de") or e.get("kind"))
        G.add_edge(e["source"], e["target"], **attrs)
    return G


#: cell starts that a spreadsheet reads as a formula (OWASP "CSV injection")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs as a formula: text starting with
    ``= + - @`` (or a tab or carriage return) gets a leading apostrophe.

    Numbers stay numbers; only text is changed.

    >>> safe_cell("=SUM(A1)"), safe_cell("-1"), safe_cell(-1), safe_cell("Witten")
    ("'=SUM(A1)", "'-1", -1, 'Witten')
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_text(rows: list[dict[str, Any]], first: tuple[str, ...],
              gephi: dict[str, str]) -> str:
    """CSV text; the columns in ``gephi`` are renamed (``id`` → ``Id``) and come first."""
    cleaned = [clean_attrs(r) for r in rows]
    renamed = [{next((g for g, src in gephi.items() if src == k), k): v for k, v in r.items()}
               for r in cleaned]
    head = [*gephi, *(f for f in first if f not in gephi.values())]
    keys = sorted({k for r in renamed for k in r} - set(head))
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=[*head, *keys], lineterminator="\n")
    w.writeheader()
    w.writerows({k: safe_cell(v) for k, v in r.items()} for r in renamed)
    return buf.getvalue()


def write(data: Mapping[str, Any], fmt: str, path: str | Path) -> list[str]:
    """Write export ``data`` as ``fmt`` to ``path``; return the files written."""
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}",
                         f"Unbekanntes Format „{fmt}“. Möglich: {', '.join(FORMATS)}.")
    p = Path(path)
    try:
        if fmt == "json":
            p.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), "utf-8")
            return [str(p)]
        if fmt in ("graphml", "gexf"):
            G = to_networkx(data)
            if fmt == "graphml":
                nx.write_graphml(G, p, encoding="utf-8", prettyprint=False)
            else:
                nx.write_gexf(G, p, encoding="utf-8", prettyprint=False, version="1.2draft")
            return [str(p)]
        nodes = _csv_text(list(data["nodes"]), _NODE_FIRST, {"Id": "id", "Label": "label"})
        edges = _csv_text(list(data["edges"]), _EDGE_FIRST,
                          {"Source": "source", "Target": "target"})
        if p.suffix.lower() == ".zip":
            with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr("nodes.csv", nodes)
                z.writestr("edges.csv", edges)
            return [str(p)]
        p.mkdir(parents=True, exist_ok=True)
        (p / "nodes.csv").write_text(nodes, "utf-8")
        (p / "edges.csv").write_text(edges, "utf-8")
        return [str(p / "nodes.csv"), str(p / "edges.csv")]
    except OSError as e:
        raise KommunalgraphError(f"cannot write {p}: {e}",
                                 f"Kann {p} nicht schreiben: {reason_de(e)}.") from e


def export(store: GraphStore, fmt: str, path: str | Path, *, ego: str | None = None,
           include_personal_data: bool = False) -> dict[str, Any]:
    """Export the store (or the ecosystem of AGS ``ego``) as ``fmt`` to ``path``.

    Parameters
    ----------
    store : GraphStore
    fmt : {"graphml", "gexf", "json", "csv"}
    path : path
        The file to write; for ``csv`` a folder (or a ``.zip`` file).
    ego : str, optional
        AGS of a municipality: export only its ecosystem.
    include_personal_data : bool
        Include contact names and e-mails of roles (only where consent is
        recorded). Off by default.

    Returns
    -------
    dict
        ``format``, ``files``, ``nodes``, ``edges``, ``scope``,
        ``personal_data_included``, ``personal_data_withheld_no_consent``.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r}",
                         f"Unbekanntes Format „{fmt}“. Möglich: {', '.join(FORMATS)}.")
    data = graph_data(store, ego=ego, include_personal_data=include_personal_data)
    files = write(data, fmt, path)
    meta = data["meta"]
    return {"format": fmt, "files": files, "nodes": meta["nodes"], "edges": meta["edges"],
            "scope": meta["scope"], "personal_data_included": meta["personal_data_included"],
            "personal_data_withheld_no_consent": meta["personal_data_withheld_no_consent"]}
