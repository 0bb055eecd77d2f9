"""The ecosystem map for a CDO: the ego network coloured by kind, with export."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, jsonify, redirect, render_template, url_for

from ...graph.errors import InputError
from ...graph.schema import (
    ASSOCIATION,
    DISTRICT,
    EGOV_COMPONENT,
    MUNICIPALITY,
    MUNICIPALITY_TYPE,
    ORGANISATION,
    OZG_SERVICE,
    PARTICIPATION_TOOL,
    PROGRAMME,
    PROJECT,
    ROLE,
    STATE,
)
from ...queries.ecosystem import ecosystem
from ...queries.export import export as export_graph
from .. import helpers as h
from ..graphs import build_graph

bp = Blueprint("oekosystem", __name__)

_URLS = {MUNICIPALITY: "kommune.page", PROJECT: "projekte.project"}
_KIND = {MUNICIPALITY: "municipality", DISTRICT: "district", STATE: "state",
         ASSOCIATION: "association", PROJECT: "project",
         PROGRAMME: "programme", ORGANISATION: "organisation", ROLE: "role",
         MUNICIPALITY_TYPE: "type", EGOV_COMPONENT: "component",
         PARTICIPATION_TOOL: "tool", OZG_SERVICE: "service"}
EXPORT_TYPES = {"gexf": "application/gexf+xml", "json": "application/json",
                "graphml": "application/graphml+xml"}


def _ecosystem(ags: str) -> dict[str, Any]:
    match = h.resolve_municipality(ags)
    data = ecosystem(h.store(), match.key)
    data["municipality"] = {"ags": match.key, "name": match.name}
    return data  # type: ignore[no-any-return]


def _graph(data: dict[str, Any]) -> dict[str, Any]:
    """vis nodes from the ecosystem nodes (pure rendering: colour by kind, size by ring)."""
    nodes = []
    for n in data["nodes"]:
        kind = _KIND.get(n.get("kind", ""), "organisation")
        if n.get("ring") == 0:
            kind = "center"
        url = None
        if n.get("kind") in _URLS and n.get("key"):
            arg = "ags" if n["kind"] == MUNICIPALITY else "project_id"
            url = url_for(_URLS[n["kind"]], **{arg: n["key"]})
        title = f"{n.get('label') or n['id']}\n{n.get('kind_de') or n.get('kind') or ''}"
        nodes.append({"id": n["id"], "label": n.get("label") or n["id"], "kind": kind,
                      "size": {0: 28, 1: 16}.get(n.get("ring"), 9), "title": title,
                      "url": url})
    edges = [{"source": e["source"], "target": e["target"],
              "title": e.get("label_de") or e.get("kind")} for e in data["edges"]]
    name = data["municipality"]["name"]
    return build_graph("eco-" + data["municipality"]["ags"], nodes, edges, height="640px",
                       description_de=f"Ökosystem von {name}: Projekte, Programme, "
                                      "Partner, IT-Dienstleister, Profil und Nachbarn.")


@bp.get("/oekosystem")
def choose():  # type: ignore[no-untyped-def]
    q = h.str_arg("kommune")
    if q:
        match = h.resolve_municipality(q)
        return redirect(url_for("oekosystem.page", ags=match.key))
    return render_template("oekosystem_start.html")


@bp.get("/oekosystem/<ags>")
@h.cached_page
def page(ags: str):  # type: ignore[no-untyped-def]
    data = _ecosystem(ags)
    if data["municipality"]["ags"] != ags:
        return redirect(url_for("oekosystem.page", ags=data["municipality"]["ags"]))
    # municipalities, projects and organisations have their own sections
    listed = {MUNICIPALITY, PROJECT, ORGANISATION}
    groups: dict[str, list[dict[str, Any]]] = {}
    for n in data["nodes"]:
        if n.get("ring") != 0 and n.get("kind") not in listed:
            groups.setdefault(n.get("kind_de") or n.get("kind") or "Sonstiges", []).append(n)
    return render_template("oekosystem.html", data=data, graph=_graph(data), groups=groups)


@bp.get("/api/oekosystem/<ags>")
@h.cached_page
def api(ags: str):  # type: ignore[no-untyped-def]
    return jsonify(_ecosystem(ags))


@bp.get("/oekosystem/<ags>/export.<fmt>")
def export(ags: str, fmt: str):  # type: ignore[no-untyped-def]
    if fmt not in EXPORT_TYPES:
        raise InputError(f"unknown export format {fmt!r}",
                         "Export nur als GEXF, GraphML oder JSON möglich.")
    match = h.resolve_municipality(ags)
    with tempfile.TemporaryDirectory(prefix="kg-export-") as tmp:
        path = Path(tmp) / f"oekosystem-{match.key}.{fmt}"
        export_graph(h.store(), fmt, path, ego=match.key)
        body = path.read_bytes()
    return Response(body, mimetype=EXPORT_TYPES[fmt], headers={
        "Content-Disposition": f'attachment; filename="oekosystem-{match.key}.{fmt}"'})
