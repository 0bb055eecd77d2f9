"""Named Cypher queries, loaded by name.

A query ``NAME`` lives in ``queries/cypher/NAME.cypher`` when the portable
Cypher subset suffices for both stores, and in
``queries/cypher/<backend>/NAME.cypher`` where the dialects differ (the
per-backend file wins). Values are always ``$parameters``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from ..graph.errors import KommunalgraphError
from ..graph.store import GraphStore

__all__ = ["load", "run", "names", "BACKENDS"]

BACKENDS = ("ladybug", "neo4j")


def _dir():  # type: ignore[no-untyped-def]
    return resources.files(__package__).joinpath("cypher")


@cache
def load(name: str, backend: str) -> str:
    """Return the text of query ``name`` for ``backend``.

    >>> "MATCH" in load("municipality_detail", "ladybug")
    True
    """
    if backend not in BACKENDS:
        raise KommunalgraphError(f"unknown backend {backend!r}")
    for candidate in (_dir().joinpath(backend, name + ".cypher"),
                      _dir().joinpath(name + ".cypher")):
        if candidate.is_file():
            return candidate.read_text("utf-8")
    raise KommunalgraphError(f"no query named {name!r}")


def names() -> dict[str, set[str]]:
    """Every query name and the backends that have their own file for it."""
    out: dict[str, set[str]] = {}
    for entry in _dir().iterdir():
        if entry.name.endswith(".cypher"):
            out.setdefault(entry.name[:-7], set())
        elif entry.is_dir():
            for f in entry.iterdir():
                if f.name.endswith(".cypher"):
                    out.setdefault(f.name[:-7], set()).add(entry.name)
    return out


def run(store: GraphStore, name: str, **params: Any) -> list[dict[str, Any]]:
    """Run the named query on ``store`` with ``params`` as ``$parameters``."""
    return store.run(load(name, store.backend), params)
