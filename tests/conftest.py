"""Shared fixtures. Every test uses the real embedded Ladybug database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from kommunalgraph.graph.ladybug_store import LadybugStore

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LadybugStore]:
    """A fresh, empty embedded store with the schema."""
    s = LadybugStore(tmp_path / "store")
    yield s
    s.close()


@pytest.fixture(scope="session")
def bundled_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with all bundled real data, imported once per test session.

    Tests must not write to it; open it with ``LadybugStore(path, read_only=True)``
    or use the ``bundled`` fixture.
    """
    from kommunalgraph.importers.pipeline import import_bundled

    cached = os.environ.get("KOMMUNALGRAPH_TEST_BUNDLED")  # speeds up local reruns
    if cached and (Path(cached) / "graph.lbug").exists():
        return Path(cached)
    path = tmp_path_factory.mktemp("bundled") / "store"
    s = LadybugStore(path)
    try:
        import_bundled(s)
    finally:
        s.close()
    return path


@pytest.fixture(scope="session")
def bundled(bundled_store_path: Path) -> Iterator[LadybugStore]:
    """The bundled real data, opened read-only once per session."""
    s = LadybugStore(bundled_store_path, read_only=True)
    yield s
    s.close()
