"""The municipality page: facts, projects, neighbours, ego network, partner suggestions."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, redirect, render_template, url_for

from ...queries.municipality import municipality_detail
from .. import helpers as h
from ..graphs import build_graph
from ..labels import de_label

bp = Blueprint("kommune", __name__)


def _detail(ags: str) -> tuple[dict[str, Any], Any]:
    match = h.resolve_municipality(ags)
    prepared = h.holder().details().get(match.key)
    # (a copy: the prepared details are shared by every request)
    detail = dict(prepared) if prepared else municipality_detail(h.store(), match)
    if match.fuzzy:
        detail["match"] = {"how": "fuzzy", "query": ags}
    return detail, match


def ego_network(detail: dict[str, Any]) -> dict[str, Any]:
    """The small ego network drawn on the page, straight from the detail data."""
    c = "m:" + detail["ags"]
    nodes = [{"id": c, "label": detail["name"], "kind": "center", "size": 26,
              "title": f"{detail['official_name']}\nAGS {detail['ags']}"}]
    edges = []
    d = detail["district"]
    if d.get("key"):
        nodes.append({"id": "d:" + d["key"], "label": d["name"], "kind": "district", "size": 16,
                      "title": f"Kreis: {d['name']}",
                      "url": url_for("netzwerk.page", kreis=d["key"])})
        edges.append({"source": c, "target": "d:" + d["key"], "title": "liegt im Kreis"})
    for n in detail["neighbours"]:
        corner = n.get("contact") == "point"
        nodes.append({"id": "m:" + n["ags"], "label": n["name"], "kind": "neighbour",
                      "size": 12, "title": f"{n['name']}\nNachbarkommune (AGS {n['ags']})"
                      + (", nur ein Eckpunkt gemeinsam" if corner else ""),
                      "url": url_for("kommune.page", ags=n["ags"])})
        edges.append({"source": c, "target": "m:" + n["ags"],
                      "title": "berührt an einer Ecke" if corner else "grenzt an",
                      "dashes": True})
    for p in detail["projects"]:
        pid = "p:" + p["id"]
        if any(x["id"] == pid for x in nodes):
            continue
        nodes.append({"id": pid, "label": p["name"], "kind": "project", "size": 14,
                      "title": f"{p['name']}\nProjekt ({de_label(p.get('kind'), 'kind')})"
                               f"\nRolle: {de_label(p.get('role') or 'member', 'role')}",
                      "url": url_for("projekte.project", project_id=p["id"])})
        edges.append({"source": c, "target": pid, "title": "nimmt teil an"})
    for o in detail["it_providers"]:
        oid = "o:" + o["id"]
        if any(x["id"] == oid for x in nodes):
            continue
        nodes.append({"id": oid, "label": o["name"], "kind": "it_provider", "size": 14,
                      "title": f"{o['name']}\nIT-Dienstleister"})
        edges.append({"source": c, "target": oid, "title": "IT-Dienstleister"})
    return build_graph("ego-" + detail["ags"], nodes, edges, height="460px",
                       fixed_layout=False,
                       description_de=f"Ego-Netzwerk von {detail['name']}: Kreis, "
                                      "Nachbarn, Projekte und IT-Dienstleister.")


@bp.get("/kommune/<ags>")
@h.cached_page
def page(ags: str):  # type: ignore[no-untyped-def]
    detail, match = _detail(ags)
    if match.key != ags and not match.fuzzy:
        return redirect(url_for("kommune.page", ags=match.key, **h.query_args("ags")))
    suggestions = h.suggestions(match.key, limit=5)
    return render_template("kommune.html", m=detail, graph=ego_network(detail),
                           suggestions=suggestions)


@bp.get("/api/kommune/<ags>")
@h.cached_page
def api(ags: str):  # type: ignore[no-untyped-def]
    detail, _ = _detail(ags)
    return jsonify(detail)
