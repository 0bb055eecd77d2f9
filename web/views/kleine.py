"""Under-connected small towns: a ranked, filterable table and a map with bridges."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, render_template

from ...queries.analytics.underconnected import underconnected
from .. import helpers as h
from ..maps import load_shapes, map_view

bp = Blueprint("kleine", __name__)


def _query() -> dict[str, Any]:
    land, kreis = h.land_kreis_args()
    return {"land": land, "kreis": kreis,
            "max_population": h.int_arg("max_einwohner", 20000, lo=100, hi=1_000_000),
            "limit": h.int_arg("limit", 50, lo=1, hi=500)}


def _underconnected(q: dict[str, Any]) -> dict[str, Any]:
    holder = h.holder()
    key = ("underconnected", tuple(sorted(q.items())))
    return holder.memo(key, lambda: underconnected(holder.get(), **q))  # type: ignore[no-any-return]


@bp.get("/kleine-kommunen")
@h.cached_page
def page():  # type: ignore[no-untyped-def]
    q = _query()
    result = _underconnected(q)
    holder = h.holder()
    shapes = holder.memo("map_shapes", lambda: load_shapes(holder.get()))
    marks = [{"ags": r["ags"], "name": r["name"], "population": r.get("population")}
             for r in result["results"]]
    svg = map_view(shapes, marks, land=q["land"], kreis=q["kreis"])
    return render_template("kleine.html", q=q, result=result, svg=svg, options=h.filter_options())


@bp.get("/api/kleine-kommunen")
@h.cached_page
def api():  # type: ignore[no-untyped-def]
    return jsonify(_underconnected(_query()))
