"""The ÖFIT/KGSt type self-check: questionnaire, result card, types to learn from.

The result is computed and shown. It is stored as ``HAS_TYPE`` only when the
installation allows writes (``ALLOW_WRITES`` and ``ADMIN_TOKEN``) and the request
carries the admin token; otherwise nothing is written.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, render_template, request

from ...graph.errors import InputError
from ...importers.pipeline import save_type
from ...queries import typecheck as tc
from .. import helpers as h
from ..helpers import request_may_write, writes_allowed

bp = Blueprint("typcheck", __name__)


def _answers_from_form(form: Any, goals: dict[str, str], top: int) -> dict[str, Any]:
    prios = {}
    for g in goals:
        raw = (form.get(g) or "0").strip()
        if not h.digits(raw):
            raise InputError(f"{g}: not a number",
                             f"Bitte für „{goals[g]}“ eine Zahl von 0 bis {top} wählen.")
        prios[g] = int(raw)
    answers: dict[str, Any] = {"priorities": prios}
    muni = (form.get("kommune") or "").strip()
    if muni:
        answers["municipality"] = muni
    return answers


def _save(result: dict[str, Any], municipality: str | None) -> dict[str, Any]:
    """Store the result as HAS_TYPE: only with writes allowed and the admin token."""
    if not writes_allowed(current_app):
        raise h.WriteForbidden(
            "writes are disabled",
            "Speichern ist in dieser Installation ausgeschaltet (dazu müssen "
            "KOMMUNALGRAPH_ALLOW_WRITES und KOMMUNALGRAPH_ADMIN_TOKEN gesetzt sein).")
    if not request_may_write(current_app):
        raise h.WriteForbidden("missing or wrong admin token",
                               "Zum Speichern fehlt das gültige Admin-Token.")
    if not municipality:
        raise InputError("municipality missing",
                         "Zum Speichern bitte die Kommune angeben (AGS oder Name).")
    match = h.resolve_municipality(municipality)
    when = result["answers"].get("answered_at")
    h.holder().write(lambda s: save_type(s, match.key, result["type"]["id"], when))
    return {"ags": match.key, "name": match.name, "type": result["type"]["id"]}


@bp.route("/typ-check", methods=["GET", "POST"])
def page():  # type: ignore[no-untyped-def]
    result, answers, saved = None, None, None
    if request.method == "POST":
        answers = _answers_from_form(request.form, tc.GOALS, tc.MAX_PRIORITY)
        result = tc.typecheck(answers, store=h.store())
        if request.form.get("speichern"):
            saved = _save(result, answers.get("municipality"))
    return render_template("typcheck.html", goals=tc.GOALS, top=tc.MAX_PRIORITY,
                           answers=(answers or {}).get("priorities", {}), result=result,
                           types=tc.TYPES, saved=saved,
                           kommune=(answers or {}).get("municipality", ""))


@bp.post("/api/typ-check")
def api():  # type: ignore[no-untyped-def]
    body = h.json_body()
    if not isinstance(body, dict):
        raise InputError("expected a JSON body",
                         "Erwartet JSON: {\"priorities\": {\"effizienz\": 5, …}}.")
    save = bool(body.pop("save", False))
    result = tc.typecheck(body, store=h.store())
    if save:
        result["saved"] = _save(result, result["answers"].get("municipality"))
    return jsonify(result)


@bp.get("/api/typ-check")
def api_get():  # type: ignore[no-untyped-def]
    if not request.args:
        return jsonify({"goals": tc.GOALS, "max_priority": tc.MAX_PRIORITY,
                        "types": {k: v["name"] for k, v in tc.TYPES.items()}})
    return jsonify(tc.typecheck(_answers_from_form(request.args, tc.GOALS, tc.MAX_PRIORITY),
                                store=h.store()))
