"""The ÖFIT/KGSt type self-check: questionnaire, result card, types to learn from.

The result is computed and shown, never stored: the viewer is read-only.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, render_template, request

from ...graph.errors import InputError
from .. import helpers as h

bp = Blueprint("typcheck", __name__)


def _module() -> Any:
    h.analytics("typecheck", "typecheck")  # raises FeatureMissing if absent
    from ...queries import typecheck as tc

    return tc


def _answers_from_form(form: Any, goals: dict[str, str], top: int) -> dict[str, Any]:
    prios = {}
    for g in goals:
        raw = (form.get(g) or "0").strip()
        if not raw.isdigit():
            raise InputError(f"{g}: not a number",
                             f"Bitte für „{goals[g]}“ eine Zahl von 0 bis {top} wählen.")
        prios[g] = int(raw)
    answers: dict[str, Any] = {"priorities": prios}
    muni = (form.get("kommune") or "").strip()
    if muni:
        answers["municipality"] = muni
    return answers


@bp.route("/typ-check", methods=["GET", "POST"])
def page():  # type: ignore[no-untyped-def]
    tc = _module()
    result, answers = None, None
    if request.method == "POST":
        answers = _answers_from_form(request.form, tc.GOALS, tc.MAX_PRIORITY)
        result = tc.typecheck(answers, store=h.store())
    return render_template("typcheck.html", goals=tc.GOALS, top=tc.MAX_PRIORITY,
                           answers=(answers or {}).get("priorities", {}), result=result,
                           types=tc.TYPES)


@bp.post("/api/typ-check")
def api():  # type: ignore[no-untyped-def]
    tc = _module()
    body = request.get_json(silent=True)
    if body is None:
        raise InputError("expected a JSON body",
                         "Erwartet JSON: {\"priorities\": {\"effizienz\": 5, …}}.")
    return jsonify(tc.typecheck(body, store=h.store()))


@bp.get("/api/typ-check")
def api_get():  # type: ignore[no-untyped-def]
    tc = _module()
    if not request.args:
        return jsonify({"goals": tc.GOALS, "max_priority": tc.MAX_PRIORITY,
                        "types": {k: v["name"] for k, v in tc.TYPES.items()}})
    return jsonify(tc.typecheck(_answers_from_form(request.args, tc.GOALS, tc.MAX_PRIORITY),
                                store=h.store()))
