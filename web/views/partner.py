"""The partner finder: ranked partners with German reasons and distance."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, render_template

from ...graph.errors import InputError
from ...queries.partner.suggest import suggest
from ...queries.topics import resolve_ozg, search_ozg
from .. import helpers as h

bp = Blueprint("partner", __name__)


def _params() -> dict[str, Any]:
    return {
        "kind": h.str_arg("art"),
        "ozg": _ozg(h.str_arg("ozg", max_len=200)),
        "themenfeld": h.str_arg("themenfeld"),
        "radius_km": h.float_arg("radius", lo=1, hi=1000),
    }


def _ozg(text: str | None) -> str | None:
    """The OZG-Leistung's ID for what was typed: an ID or (a unique part of) its name."""
    return resolve_ozg(h.store(), text) if text else None


def _suggest(query: str, limit: int, params: dict[str, Any]) -> dict[str, Any]:
    match = h.resolve_municipality(query)
    if any(v is not None for v in params.values()):
        result = suggest(h.store(), match.key, limit=limit, **params)
    else:  # the everyday question, shared with the municipality page
        result = h.suggestions(match.key, limit=limit)
    result.setdefault("query", {})
    result["municipality"] = {"ags": match.key, "name": match.name,
                              "district": match.district, "state": match.state}
    return result  # type: ignore[no-any-return]


@bp.get("/partner")
@h.cached_page
def page():  # type: ignore[no-untyped-def]
    query = h.str_arg("kommune")
    limit = h.int_arg("limit", 10, lo=1, hi=100) or 10
    params = _params()
    result = _suggest(query, limit, params) if query else None
    return render_template("partner.html", query=query, params=params, limit=limit,
                           result=result, options=h.filter_options())


@bp.get("/api/suggest")
@h.cached_page(defaults={"limit": "10"})
def api():  # type: ignore[no-untyped-def]
    query = h.str_arg("kommune")
    if not query:
        raise InputError("missing kommune",
                         "Bitte eine Kommune angeben (Parameter „kommune“: AGS oder Name).")
    limit = h.int_arg("limit", 10, lo=1, hi=100) or 10
    return jsonify(_suggest(query, limit, _params()))


@bp.get("/api/ozg")
@h.cached_page
def api_ozg():  # type: ignore[no-untyped-def]
    """OZG-Leistungen for the typeahead of the OZG field: ``{"results": [{id, name,
    themenfeld, projects}]}``, best matches of ``q`` first."""
    q = h.str_arg("q", max_len=100) or ""
    limit = h.int_arg("limit", 8, lo=1, hi=50) or 8
    return jsonify({"results": search_ozg(h.store(), q, limit)})
