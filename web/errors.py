"""Errors at the web edge: status codes and German error pages (HTML or JSON).

The floor's error classes (``graph/errors.py``) know nothing of HTTP; this
module maps each to a status. An ambiguous name answers ``300 Multiple
Choices`` with the list of candidates, each linked to the same page for it.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from ..graph.errors import (
    AmbiguousName,
    InputError,
    KommunalgraphError,
    StoreUnavailable,
    UnknownEntity,
)
from . import helpers

__all__ = ["STATUS", "status_for", "register"]

#: error class → HTTP status (the first class in the error's MRO wins)
STATUS: dict[type[KommunalgraphError], int] = {
    AmbiguousName: 300,
    UnknownEntity: 404,
    InputError: 400,
    StoreUnavailable: 503,
    helpers.WriteForbidden: 403,
}

_HTTP_DE = {
    400: "Ungültige Anfrage.",
    403: "Keine Berechtigung.",
    404: "Diese Seite gibt es nicht.",
    405: "Diese Methode ist hier nicht erlaubt.",
    413: "Die Anfrage ist zu groß.",
    414: "Die Adresse ist zu lang.",
    415: "Dieses Datenformat wird hier nicht angenommen.",
    500: "Interner Fehler. Bitte später erneut versuchen.",
    503: "Der Dienst ist gerade nicht verfügbar.",
}


def status_for(e: KommunalgraphError) -> int:
    """The HTTP status of ``e``: its nearest class in :data:`STATUS`, else 500."""
    for cls in type(e).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500


def _error_payload(status: int, message_de: str, message: str,
                   candidates: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    err: dict[str, Any] = {"status": status, "message_de": message_de, "message": message}
    if candidates is not None:
        err["candidates"] = candidates
    return {"error": err}


def _candidate_url(key: str) -> str | None:
    """Where a candidate of an ambiguous or unknown name leads: the same page for it."""
    if len(key) != 8 or not (key.isascii() and key.isdigit()):
        return None
    endpoint = request.endpoint or ""
    try:
        if "kommune" in request.args and endpoint:
            args = {k: v for k, v in request.args.items() if k not in ("land", "kreis")}
            return url_for(endpoint, **{**args, "kommune": key})
        if request.view_args and "ags" in request.view_args and endpoint:
            return url_for(endpoint, **{**request.view_args, "ags": key})
        if endpoint == "start.search":
            return url_for("kommune.page", ags=key)
    except Exception:  # noqa: BLE001 - fall back to the municipality page
        pass
    return url_for("kommune.page", ags=key)


def register(app: Flask) -> None:
    """Install the error handlers on ``app``."""

    @app.errorhandler(KommunalgraphError)
    def _kg_error(e: KommunalgraphError):  # type: ignore[no-untyped-def]
        status = status_for(e)
        candidates = None
        kind = "error"
        if isinstance(e, AmbiguousName):
            candidates, kind = e.candidates, "ambiguous"
        elif isinstance(e, UnknownEntity):
            candidates, kind = e.suggestions, "unknown"
        cands = [
            {"key": c.key, "name": c.name, "district": c.district, "state": c.state,
             "url": _candidate_url(c.key)}
            for c in (candidates or [])
        ]
        if status >= 500:
            app.logger.error("%s: %s", type(e).__name__, e)
        if helpers.wants_json():
            return jsonify(_error_payload(status, e.message_de, str(e),
                                          cands if candidates is not None else None)), status
        return render_template("error.html", status=status, message_de=e.message_de,
                               kind=kind, candidates=cands,
                               query=getattr(e, "query", None)), status

    @app.errorhandler(HTTPException)
    def _http_error(e: HTTPException):  # type: ignore[no-untyped-def]
        status = e.code or 500
        message_de = _HTTP_DE.get(status, "Fehler.")
        if helpers.wants_json():
            return jsonify(_error_payload(status, message_de, e.description or "")), status
        return render_template("error.html", status=status, message_de=message_de,
                               kind="http", candidates=[], query=None), status

    @app.errorhandler(Exception)
    def _unexpected(e: Exception):  # type: ignore[no-untyped-def]
        if isinstance(e, HTTPException):
            return _http_error(e)
        app.logger.exception("unexpected error")
        message_de = _HTTP_DE[500]
        if helpers.wants_json():
            return jsonify(_error_payload(500, message_de, type(e).__name__)), 500
        return render_template("error.html", status=500, message_de=message_de,
                               kind="http", candidates=[], query=None), 500
