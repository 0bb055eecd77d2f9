"""Project catalogue, project pages and "wer könnte noch mitmachen?" (candidates)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, render_template

from ...graph.errors import InputError
from ...queries.catalogue import STATUSES_DE, grouped_catalogue
from ...queries.partner.candidates import candidates
from ...queries.web_data import project_detail
from .. import helpers as h

bp = Blueprint("projekte", __name__)


def _catalogue() -> dict[str, Any]:
    oss = h.str_arg("open_source", max_len=5)
    if oss not in (None, "ja", "nein"):
        raise InputError("open_source must be ja or nein",
                         "Der Parameter „open_source“ muss „ja“ oder „nein“ sein.")
    status = h.str_arg("status", max_len=20)
    if status not in (None, *STATUSES_DE):
        raise InputError("unknown status",
                         "Der Parameter „status“ muss einer von "
                         f"{', '.join(STATUSES_DE)} sein.")
    land = h.str_arg("land", max_len=2)
    return grouped_catalogue(
        h.store(), kind=h.str_arg("art"), open_source=None if oss is None else oss == "ja",
        programme=h.str_arg("programm"), themenfeld=h.str_arg("themenfeld"),
        q=h.str_arg("q", max_len=100), land=land, status=status)


@bp.get("/projekte")
@h.cached_page
def catalogue():  # type: ignore[no-untyped-def]
    return render_template("projekte.html", result=_catalogue(), options=h.filter_options(),
                           statuses=STATUSES_DE)


@bp.get("/api/projekte")
@h.cached_page
def api_catalogue():  # type: ignore[no-untyped-def]
    return jsonify(_catalogue())


def _candidates(project_id: str, limit: int) -> dict[str, Any]:
    return candidates(h.store(), project_id, limit=limit)  # type: ignore[no-any-return]


@bp.get("/projekt/<path:project_id>")
@h.cached_page
def project(project_id: str):  # type: ignore[no-untyped-def]
    p = project_detail(h.store(), project_id)
    limit = h.int_arg("limit", 10, lo=1, hi=100) or 10
    cands = _candidates(project_id, limit)
    return render_template("projekt.html", p=p, candidates=cands)


@bp.get("/api/projekt/<path:project_id>")
@h.cached_page
def api_project(project_id: str):  # type: ignore[no-untyped-def]
    return jsonify(project_detail(h.store(), project_id))


@bp.get("/api/candidates")
@h.cached_page
def api_candidates():  # type: ignore[no-untyped-def]
    project_id = h.str_arg("projekt")
    if not project_id:
        raise InputError("missing projekt",
                         "Bitte ein Projekt angeben (Parameter „projekt“: Projektkennung).")
    limit = h.int_arg("limit", 10, lo=1, hi=100) or 10
    project_detail(h.store(), project_id)  # unknown project → 404
    return jsonify(_candidates(project_id, limit))
