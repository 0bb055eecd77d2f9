"""The application factory.

Configuration (all optional, from ``KOMMUNALGRAPH_*`` environment variables
through ``Config.from_prefixed_env`` or from ``test_config``):

``STORE``
    Store URI (path or Neo4j URI); default ``./.kommunalgraph``.
``ALLOW_WRITES``
    ``true`` allows routes that change data, and only with ``ADMIN_TOKEN``.
``ADMIN_TOKEN``
    Secret that a writing request must send as ``Authorization: Bearer ...``.
``MAP_CACHE``
    Folder for the simplified map shapes (default: the user's cache folder).
``STORE_SETTLE_S``
    Seconds the store files must stay unchanged before the viewer reopens them.
``PAGE_CACHE`` / ``PAGE_CACHE_SIZE``
    Keep up to this many rendered GET answers per open store (default on, 2048).
"""

from __future__ import annotations

import hmac
from typing import Any

from flask import Flask, jsonify, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from ..graph.errors import AmbiguousName, KommunalgraphError, UnknownEntity
from ..graph.store import default_store_uri
from . import helpers
from .labels import de_label
from .store import StoreHolder

__all__ = ["create_app", "writes_allowed"]

_HTTP_DE = {
    400: "Ungültige Anfrage.",
    403: "Keine Berechtigung.",
    404: "Diese Seite gibt es nicht.",
    405: "Diese Methode ist hier nicht erlaubt.",
    500: "Interner Fehler. Bitte später erneut versuchen.",
    503: "Der Dienst ist gerade nicht verfügbar.",
}


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the viewer. ``test_config`` overrides the environment."""
    app = Flask(__name__)
    app.config.from_mapping(
        STORE=None,
        ALLOW_WRITES=False,
        ADMIN_TOKEN=None,
        MAP_CACHE=None,
        STORE_SETTLE_S=2.0,
        PAGE_CACHE=True,
        PAGE_CACHE_SIZE=2048,
        JSON_SORT_KEYS=False,
    )
    if test_config is None:
        app.config.from_prefixed_env("KOMMUNALGRAPH")
    else:
        app.config.from_mapping(test_config)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    uri = str(app.config["STORE"] or default_store_uri())
    app.extensions["kommunalgraph"] = StoreHolder(
        uri, settle_s=float(app.config["STORE_SETTLE_S"]),
        page_cache=int(app.config["PAGE_CACHE_SIZE"]))

    app.jinja_env.filters.update(
        de_int=helpers.de_int, de_num=helpers.de_num, de_pct=helpers.de_pct, de=de_label)
    app.jinja_env.globals["writes_allowed"] = lambda: writes_allowed(app)

    from .views import (
        kleine,
        kommune,
        netzwerk,
        oekosystem,
        partner,
        projekte,
        start,
        typcheck,
    )

    for bp in (start.bp, kommune.bp, partner.bp, oekosystem.bp, netzwerk.bp, kleine.bp,
               projekte.bp, typcheck.bp):
        app.register_blueprint(bp)

    _register_errors(app)

    @app.after_request
    def _security_headers(resp):  # type: ignore[no-untyped-def]
        # Nothing may leave the origin: the policy makes the browser enforce it too.
        resp.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "script-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; "
            "base-uri 'self'; form-action 'self'; frame-ancestors 'self'",
        )
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "same-origin")
        return resp

    return app


def writes_allowed(app: Flask) -> bool:
    """Writes need ``ALLOW_WRITES`` and a configured ``ADMIN_TOKEN``."""
    flag = app.config.get("ALLOW_WRITES")
    if isinstance(flag, str):
        flag = flag.strip().lower() in ("1", "true", "yes", "ja", "on")
    return bool(flag) and bool(app.config.get("ADMIN_TOKEN"))


def request_may_write(app: Flask) -> bool:
    """True when writes are allowed and the request carries the admin token."""
    if not writes_allowed(app):
        return False
    sent = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    sent = sent or request.form.get("admin_token", "")
    return hmac.compare_digest(sent.encode(), str(app.config["ADMIN_TOKEN"]).encode())


def _error_payload(status: int, message_de: str, message: str,
                   candidates: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    err: dict[str, Any] = {"status": status, "message_de": message_de, "message": message}
    if candidates is not None:
        err["candidates"] = candidates
    return {"error": err}


def _candidate_url(key: str) -> str | None:
    """Where a candidate of an ambiguous or unknown name leads: the same page for it."""
    if len(key) != 8 or not key.isdigit():
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


def _register_errors(app: Flask) -> None:
    @app.errorhandler(KommunalgraphError)
    def _kg_error(e: KommunalgraphError):  # type: ignore[no-untyped-def]
        status = int(getattr(e, "status", 500) or 500)
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
