"""The application factory.

Configuration (all optional, from ``KOMMUNALGRAPH_*`` environment variables
through ``Config.from_prefixed_env`` or from ``test_config``):

``STORE``
    Store URI (path or Neo4j URI); default ``./.kommunalgraph``.
``ALLOW_WRITES``
    ``true`` allows routes that change data, and only with ``ADMIN_TOKEN``.
``ADMIN_TOKEN``
    Secret that a writing request must send as ``Authorization: Bearer ...``.
``STORE_SETTLE_S``
    Seconds the store files must stay unchanged before the viewer reopens them.
``PAGE_CACHE`` / ``PAGE_CACHE_MB``
    Keep rendered GET answers per open store (default on), at most this many
    megabytes (default 64). Answers carry an ``ETag``; a repeated request with
    ``If-None-Match`` gets ``304 Not Modified``.
``MAX_CONTENT_LENGTH``
    Largest request body accepted (default 64 KiB); larger ones get 413.
``PREPARED_ANSWERS``
    Use (and, when served with ``serve`` or ``demo``, prepare in the background)
    every municipality's page and suggest answer once per store state, kept
    beside the store (default on; see ``web/prepared.py``).
"""

from __future__ import annotations

from typing import Any

from flask import Config, Flask

from ..graph.open import default_store_uri
from . import errors, helpers
from .helpers import writes_allowed
from .labels import de_label
from .store import StoreHolder

__all__ = ["create_app", "env_config"]


def env_config() -> dict[str, Any]:
    """The ``KOMMUNALGRAPH_*`` settings of the environment other than the store (which
    ``--store`` or the caller decides): for ``serve`` and the background builder of the
    prepared answers, which must render as the viewer that started it."""
    cfg = Config(".")
    cfg.from_prefixed_env("KOMMUNALGRAPH")
    cfg.pop("STORE", None)
    return dict(cfg)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the viewer. ``test_config`` overrides the environment."""
    app = Flask(__name__)
    app.config.from_mapping(
        STORE=None,
        ALLOW_WRITES=False,
        ADMIN_TOKEN=None,
        STORE_SETTLE_S=2.0,
        PAGE_CACHE=True,
        PAGE_CACHE_MB=64,
        MAX_CONTENT_LENGTH=64 * 1024,
        PREPARED_ANSWERS=True,
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
        page_cache_bytes=int(float(app.config["PAGE_CACHE_MB"]) * (1 << 20)),
        prepared_answers=helpers.flag(app.config["PREPARED_ANSWERS"]))

    app.jinja_env.filters.update(
        de_int=helpers.de_int, de_num=helpers.de_num, de_pct=helpers.de_pct, de=de_label)
    app.jinja_env.globals["writes_allowed"] = lambda: writes_allowed(app)
    app.jinja_env.globals["query_args"] = helpers.query_args

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

    errors.register(app)

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
