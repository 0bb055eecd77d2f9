"""Ladybug-only: many bulk writes in one process do not fill the buffer pool.

Copying a node table from an Arrow table keeps about 2 MB of Ladybug's buffer pool
per statement (kuzudb/kuzu#5779 reports the same of Kùzu); a process that imported a
few hundred times failed with "buffer pool is full". The store copies nodes through a
private Parquet file instead (``LadybugStore._copy_nodes``).
"""

from __future__ import annotations

from pathlib import Path

from kommunalgraph.graph.ladybug_store import LadybugStore
from kommunalgraph.graph.schema import PROJECT

PROV = {"source": "Testdaten", "as_of": "2026", "importer": "test", "dataset": "test"}


def test_many_node_copies_fit_a_small_buffer_pool(tmp_path: Path) -> None:
    # 32 MB: copying from Arrow failed here after about 15 rounds
    store = LadybugStore(tmp_path / "store", buffer_pool_mb=32)
    try:
        for i in range(60):
            rows = [{"id": f"p{i}-{k}", "name": f"Projekt {i}-{k}", "description": "x" * 200,
                     **PROV} for k in range(50)]
            assert store.upsert_nodes(PROJECT, rows) == 50
        assert store.counts()["nodes"][PROJECT] == 60 * 50
        assert store.run("MATCH (p:Project {id: 'p59-49'}) RETURN p.name AS n") == [
            {"n": "Projekt 59-49"}]
    finally:
        store.close()


def test_no_copy_file_is_left_behind(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    store = LadybugStore(tmp_path / "store")
    try:
        store.upsert_nodes(PROJECT, [{"id": "a", "name": "A", **PROV}])
    finally:
        store.close()
    assert list((tmp_path / "tmp").iterdir()) == []


def test_a_temporary_folder_that_would_need_quoting_falls_back(tmp_path: Path,
                                                              monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A path is put into the statement only when it needs no quoting; otherwise the rows
    go as an Arrow parameter (the old way), and the write still succeeds."""
    import tempfile

    odd = tmp_path / "it's here"
    odd.mkdir()
    monkeypatch.setenv("TMPDIR", str(odd))
    monkeypatch.setattr(tempfile, "tempdir", None)
    store = LadybugStore(tmp_path / "store")
    try:
        assert store.upsert_nodes(PROJECT, [{"id": "a", "name": "A", **PROV}]) == 1
        assert store.run("MATCH (p:Project) RETURN p.name AS n") == [{"n": "A"}]
    finally:
        store.close()
    assert list(odd.iterdir()) == []
