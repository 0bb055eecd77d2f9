"""Opening a store: the one place that turns a URI into a backend.

The CLI, the web and the tests open stores here; everything below them
receives an opened :class:`~kommunalgraph.graph.store.GraphStore`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import GraphStore

__all__ = ["open_store", "default_store_uri", "NEO4J_SCHEMES"]

NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


def default_store_uri() -> str:
    """``KOMMUNALGRAPH_STORE`` or ``./.kommunalgraph``."""
    return os.environ.get("KOMMUNALGRAPH_STORE") or str(Path.cwd() / ".kommunalgraph")


def open_store(uri: str | None = None, *, read_only: bool = False,
               defer_open: bool = False) -> GraphStore:
    """Open the store named by ``uri``.

    ``bolt://``, ``neo4j://`` and ``neo4j+s://`` URIs open Neo4j with
    ``NEO4J_USER``, ``NEO4J_PASSWORD`` and ``NEO4J_DATABASE`` from the
    environment; anything else is a path to an embedded Ladybug store.
    ``defer_open`` (read-only): Ladybug opens its database on the first query
    (the CLI: a reader answered from the indexes beside the store never opens it).
    """
    uri = uri or default_store_uri()
    if uri.startswith(NEO4J_SCHEMES):
        from .neo4j_store import Neo4jStore

        return Neo4jStore.from_env(uri, read_only=read_only)
    from .ladybug_store import LadybugStore

    return LadybugStore(uri, read_only=read_only, defer_open=defer_open and read_only)
