"""The web viewer: a Flask application factory, blueprints, Jinja templates in German.

``create_app()`` builds the app; ``kommunalgraph serve`` runs it under waitress.
See ``docs/web.md``.
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
