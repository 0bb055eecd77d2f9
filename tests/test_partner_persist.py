"""The partner index is kept beside the store and rebuilt only when the store changed."""

from __future__ import annotations

import pytest
from neo4j_fixtures import NEO4J_URI, SKIP_REASON, open_neo4j, wipe
from partner_graphs import BRILON, HATTINGEN, WITTEN, build_world

from kommunalgraph.graph.ladybug_store import LadybugStore
from kommunalgraph.graph.schema import MUNICIPALITY, PARTICIPATES_IN, PROJECT
from kommunalgraph.queries.analytics import network
from kommunalgraph.queries.partner import persist
from kommunalgraph.queries.partner.suggest import suggest


def fresh_process() -> None:
    """Forget what this process has built (as a new process would)."""
    persist._MEMORY.clear()


def test_index_saved_and_reused_until_the_store_changes(tmp_path, monkeypatch):
    store = LadybugStore(tmp_path / "store")
    build_world(store)
    first = suggest(store, WITTEN, limit=10)
    path = persist.index_file(store)
    assert path is not None and path.exists()

    # a new process with the same store: the index comes from the file, no graph load
    fresh_process()

    def no_load(_store):
        raise AssertionError("the index should have come from the file")

    monkeypatch.setattr(network, "load_network", no_load)
    assert suggest(store, WITTEN, limit=10) == first
    monkeypatch.undo()

    # the store changes (here by another process): the saved index is stale, rebuilt
    store.close()
    writer = LadybugStore(tmp_path / "store")
    with writer.transaction():
        writer.create_relationships("PARTICIPATES_IN", "Municipality", "Project",
                                    [{"from": BRILON, "to": "eakte"}])
    writer.close()
    store = LadybugStore(tmp_path / "store", read_only=True)
    fresh_process()
    after = suggest(store, WITTEN, limit=10)
    known = {r["ags"] for r in after["already_partners"]}
    assert known == {HATTINGEN, BRILON, "05913000"}
    assert after != first
    store.close()


def test_unreadable_file_is_rebuilt(tmp_path):
    store = LadybugStore(tmp_path / "store")
    build_world(store)
    suggest(store, WITTEN)
    path = persist.index_file(store)
    path.write_bytes(b"not a pickle")
    fresh_process()
    assert suggest(store, WITTEN)["already_partners"]
    assert path.read_bytes() != b"not a pickle"
    store.close()


@pytest.mark.neo4j
@pytest.mark.skipif(not NEO4J_URI, reason=SKIP_REASON)
def test_neo4j_index_is_kept_in_memory_until_the_server_changes(monkeypatch):
    """Neo4j has no folder: nothing is kept on disk. Its change token (the last committed
    transaction's bookmark) keeps the index in memory until a commit from any client."""
    store = open_neo4j(empty=True)
    other = open_neo4j(empty=False)
    try:
        build_world(store)
        assert persist.index_file(store) is None
        fresh_process()
        first = suggest(store, WITTEN, limit=10)
        assert {r["ags"] for r in first["already_partners"]} == {HATTINGEN, "05913000"}

        def no_load(_store):
            raise AssertionError("the index should have come from memory")

        monkeypatch.setattr(network, "load_network", no_load)
        assert suggest(store, WITTEN, limit=10) == first
        monkeypatch.undo()
        # another client commits: the token moves and the index is built anew
        with other.transaction():
            other.create_relationships(PARTICIPATES_IN, MUNICIPALITY, PROJECT,
                                       [{"from": BRILON, "to": "eakte"}])
        known = {r["ags"] for r in suggest(store, WITTEN, limit=10)["already_partners"]}
        assert known == {HATTINGEN, BRILON, "05913000"}
    finally:
        wipe(store)
        store.close()
        other.close()


def test_file_others_may_write_is_not_unpickled(tmp_path, monkeypatch):
    """The index is a full pickle: one that another user could have written is never read."""
    import os
    import pickle

    store = LadybugStore(tmp_path / "store")
    build_world(store)
    first = suggest(store, WITTEN, limit=10)
    path = persist.index_file(store)
    os.chmod(path, 0o666)
    fresh_process()

    def no_unpickle(*a, **k):
        raise AssertionError("a group/world-writable index must not be unpickled")

    monkeypatch.setattr(pickle, "Unpickler", no_unpickle)
    assert suggest(store, WITTEN, limit=10) == first  # rebuilt from the store
    monkeypatch.undo()
    assert os.stat(path).st_mode & 0o077 == 0  # replaced by a private file
    store.close()
