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


def _graph(net: dict[str, Any], q: dict[str, Any]) -> dict[str, Any]:
    biggest = max((n["size"] for n in net["nodes"]), default=0) or 1
    nodes = []
    for n in net["nodes"]:
        x, y = geo_xy(n["lat"], n["lon"], scale=220 if net["level"] == "gemeinden" else 140)
        size = 6 + 30 * math.sqrt(max(n["size"], 0) / biggest)
        if net["level"] == "regionen":
            nodes.append({
                "id": n["id"], "label": n["name"], "size": size, "x": x, "y": y,
                "colour": colour_for(n["key"]),
                "title": f"{n['name']}\n{h.de_int(n['members'])} Kommune(n), meist in "
                         f"{n['state']}\nKlicken: Kommunen dieser Region zeigen",
                "url": url_for("netzwerk.page", region=n["key"], art=q["kind"],
                               land=q["land"])})
        elif net["level"] == "kreise":
            nodes.append({
                "id": n["id"], "label": common_name(n["name"]), "size": size, "x": x, "y": y,
                "colour": colour_for(n["state_key"]),
                "title": f"{n['name']}\n{n['state']}\n"
                         f"{de_count(n['members'], 'Kommune', 'Kommunen')} in Projekten\n"
                         "Klicken: Kommunen dieses Kreises zeigen",
                "url": url_for("netzwerk.page", kreis=n["key"], art=q["kind"])})
        else:
            region = (f"Digitale Region {n['community']}" if n["community"] is not None
                      else "keine Region berechnet")
            nodes.append({
                "id": n["id"], "label": n["name"], "size": size, "x": x, "y": y,
                "colour": colour_for(n["community"] if n["community"] is not None
                                     else n["state_key"]),
                "title": f"{n['name']} (AGS {n['ags']})\n{n['district']}, {n['state']}\n"
                         f"{region}\n{h.de_int(n['projects'])} Projekt(e)",
                "url": url_for("kommune.page", ags=n["ags"])})
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


@bp.get("/netzwerk")
@h.cached_page
def page():  # type: ignore[no-untyped-def]
    q = _query()
    net = _network(q)
    regions = None
    if net["level"] == "gemeinden":
        counts: dict[Any, int] = {}
        for n in net["nodes"]:
            counts[n["community"]] = counts.get(n["community"], 0) + 1
        regions = [(r, n, colour_for(r)) for r, n in
                   sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
                   if r is not None]
    return render_template("netzwerk.html", q=q, net=net, graph=_graph(net, q),
                           options=h.filter_options(), regions=regions, max_nodes=MAX_NETWORK_NODES)


@bp.get("/api/netzwerk")
@h.cached_page
def api():  # type: ignore[no-untyped-def]
    return jsonify(_network(_query()))
