"""Start page, search (type-ahead and form), headline figures."""

from __future__ import annotations

from flask import Blueprint, jsonify, redirect, render_template, url_for

from ...graph.errors import InputError
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
    return [
        {"ags": c.key, "name": c.name, "district": c.district, "state": c.state,
         "url": url_for("kommune.page", ags=c.key)}
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
    """The search form without JavaScript: one match opens its page, several are listed."""
    q = h.str_arg("q", max_len=100)
    if not q:
        return redirect(url_for("start.index"))
    match = h.resolve_municipality(q)
    return redirect(url_for("kommune.page", ags=match.key))


@bp.get("/quellen")
def about():  # type: ignore[no-untyped-def]
    return render_template("quellen.html")
