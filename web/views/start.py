"""Start page, search (type-ahead and form), headline figures."""

from __future__ import annotations

from flask import Blueprint, jsonify, redirect, render_template, request, url_for

from ...graph.errors import AmbiguousName, InputError, KommunalgraphError
from ...queries.web_data import headline
from .. import helpers as h

bp = Blueprint("start", __name__)


def _headline() -> dict:
    holder = h.holder()
    return holder.memo("headline", lambda: headline(holder.get()))  # type: ignore[no-any-return]


@bp.get("/")
@h.cached_page
def index():  # type: ignore[no-untyped-def]
    return render_template("start.html", figures=_headline())


@bp.get("/api/start")
@h.cached_page
def api_index():  # type: ignore[no-untyped-def]
    return jsonify(_headline())


def _search_results(q: str, limit: int) -> list[dict]:
    """The typeahead: in the order the resolver ranks (Enter on ``/suche`` opens the first)."""
    return [
        {"ags": c.key, "name": c.name, "district": c.district, "state": c.state,
         "population": c.population, "url": url_for("kommune.page", ags=c.key)}
        for c in h.resolver().search(q, limit=limit)
    ]


@bp.get("/api/search")
def api_search():  # type: ignore[no-untyped-def]
    q = h.str_arg("q", max_len=100)
    if not q:
        raise InputError("missing q", "Bitte einen Suchbegriff angeben (Parameter „q“).")
    limit = h.int_arg("limit", 10, lo=1, hi=50)
    return jsonify({"query": q, "results": _search_results(q, limit or 10)})


@bp.get("/suche")
def search():  # type: ignore[no-untyped-def]
    """The search form (Enter in the search box): the municipality the name means opens
    its page (the first typeahead entry; a note says what else was possible, see
    :func:`search_note`); an ambiguous name lists the candidates, most relevant first."""
    q = h.str_arg("q", max_len=100)
    if not q:
        return redirect(url_for("start.index"))
    land, kreis = h.str_arg("land"), h.str_arg("kreis")
    try:
        match = h.resolver().resolve(q, land=land, kreis=kreis, partial=True)
    except AmbiguousName as e:
        return render_template("suche.html", query=q, candidates=e.candidates)
    args = {"gesucht": q} if match.note else {}
    return redirect(url_for("kommune.page", ags=match.key, **args))


@bp.app_context_processor
def search_note() -> dict[str, str | None]:
    """``search_note`` for every page: after ``/suche`` the page of the chosen
    municipality says how the name was read ("„Frankfurt“ als Frankfurt am Main
    erkannt; auch möglich: Frankfurt (Oder)")."""
    q = request.args.get("gesucht", "").strip()
    ags = (request.view_args or {}).get("ags")
    if not q or not ags or len(q) > 100:
        return {"search_note": None}
    try:
        match = h.resolver().resolve(q, partial=True)
    except KommunalgraphError:
        return {"search_note": None}
    if match.key != ags or not match.note:
        return {"search_note": None}
    return {"search_note": f"„{q}“ {match.note}."}


@bp.get("/quellen")
def about():  # type: ignore[no-untyped-def]
    return render_template("quellen.html")
