"""The name resolver's index is kept beside the store (``Resolver.for_store``, issue 14):
the same answers as a fresh one, rebuilt when the store changed, and a damaged,
foreign or planted file is ignored (never run)."""

from __future__ import annotations

import builtins
import os
import pickle
import shutil
from pathlib import Path

import pytest
from neo4j_fixtures import NEO4J_URI, SKIP_REASON, open_neo4j, wipe

from kommunalgraph.graph import resolve, sidecar
from kommunalgraph.graph.errors import AmbiguousName, UnknownMunicipality
from kommunalgraph.graph.ladybug_store import DB_FILENAME, LadybugStore
from kommunalgraph.graph.resolve import INDEX_FILE, Resolver
from kommunalgraph.graph.schema import DISTRICT, IN_DISTRICT, IN_STATE, MUNICIPALITY, STATE
from kommunalgraph.graph.store import GraphStore

PROV = {"source": "fixture", "as_of": "2026", "importer": "test", "dataset": "fixture"}
#: names that exercise every path of the resolver (exact, prefix, word, transliteration,
#: ambiguity, typo, unknown, AGS, ARS)
QUERIES = ["Witten", "Offenbach", "Frankfurt", "Frankfurt Oder", "Freiburg", "Essen", "Rheda",
           "Muenster", "Koeln", "Halle Saale", "Neustadt", "Frankfrt", "Gemeine Birkenwerder",
           "Wittenberg", "05954036", "059540036036", "Atlantis", "Stadt Witten", "Bad"]


def fresh_process() -> None:
    """Forget what this process has built (as a new process would)."""
    resolve._CACHE.clear()


def _answer(r: Resolver, q: str) -> object:
    try:
        m = r.resolve(q)
    except (AmbiguousName, UnknownMunicipality) as e:
        return type(e).__name__, e.message_de
    return m.key, m.how, m.note, [c.key for c in m.alternatives]


def _tiny(path: Path) -> None:
    s = LadybugStore(path)
    _fill(s)
    s.close()


def _fill(s: GraphStore) -> None:
    """Witten in its Kreis and Land: what the resolver needs."""
    with s.transaction():
        s.upsert_nodes(STATE, [{"key": "05", "name": "Nordrhein-Westfalen", **PROV}])
        s.upsert_nodes(DISTRICT, [{"key": "05954", "name": "Ennepe-Ruhr-Kreis", **PROV}])
        s.upsert_nodes(MUNICIPALITY, [
            {"ags": "05954036", "ars": "059540036036", "name": "Witten",
             "official_name": "Witten, Stadt", "population": 91808, **PROV}])
        s.create_relationships(IN_STATE, DISTRICT, STATE,
                               [{"from": "05954", "to": "05", **PROV}])
        s.create_relationships(IN_DISTRICT, MUNICIPALITY, DISTRICT,
                               [{"from": "05954036", "to": "05954", **PROV}])


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    _tiny(tmp_path / "store")
    return tmp_path / "store"


@pytest.fixture(scope="module")
def bundled_copy(bundled_store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bundled store (the shared one is not written to from tests)."""
    path = tmp_path_factory.mktemp("resolver-bundled") / "store"
    path.mkdir()
    shutil.copy2(bundled_store_path / DB_FILENAME, path / DB_FILENAME)
    return path


@pytest.mark.slow
def test_saved_index_answers_as_a_fresh_one(bundled_copy: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    store = LadybugStore(bundled_copy, read_only=True)
    try:
        fresh = Resolver.from_store(store)
        fresh_process()
        Resolver.for_store(store)  # builds and saves
        assert (bundled_copy / INDEX_FILE).exists()
        fresh_process()
        monkeypatch.setattr(Resolver, "from_store", classmethod(
            lambda cls, s: pytest.fail("the index should have come from the file")))
        saved = Resolver.for_store(store)
        assert saved._state() == fresh._state()
        for q in QUERIES:
            assert _answer(saved, q) == _answer(fresh, q), q
        assert saved.search("Offenb") == fresh.search("Offenb")
        assert saved.resolve_district("Ennepe-Ruhr-Kreis") == \
            fresh.resolve_district("Ennepe-Ruhr-Kreis")
    finally:
        store.close()


def test_kept_in_memory_per_store(tiny: Path) -> None:
    fresh_process()
    store = LadybugStore(tiny, read_only=True)
    try:
        assert Resolver.for_store(store) is Resolver.for_store(store)
    finally:
        store.close()


def _add_hattingen(s: GraphStore) -> None:
    """Hattingen in Witten's Kreis, in one transaction: a change the resolver must see."""
    with s.transaction():
        s.upsert_nodes(MUNICIPALITY, [
            {"ags": "05954020", "ars": "059540020020", "name": "Hattingen",
             "official_name": "Hattingen, Stadt", "population": 53915, **PROV}])
        s.create_relationships(IN_DISTRICT, MUNICIPALITY, DISTRICT,
                               [{"from": "05954020", "to": "05954", **PROV}])


def test_rebuilt_after_an_import_changes_the_store(tiny: Path) -> None:
    fresh_process()
    store = LadybugStore(tiny, read_only=True)
    with pytest.raises(UnknownMunicipality):
        Resolver.for_store(store).resolve("Hattingen")
    store.close()
    before = (tiny / INDEX_FILE).read_bytes()

    writer = LadybugStore(tiny)  # another process imports a municipality
    _add_hattingen(writer)
    writer.close()

    fresh_process()
    store = LadybugStore(tiny, read_only=True)
    try:
        assert Resolver.for_store(store).resolve("Hattingen").key == "05954020"
        assert (tiny / INDEX_FILE).read_bytes() != before  # replaced by the new state
    finally:
        store.close()


def test_a_write_in_this_process_is_seen(tiny: Path) -> None:
    fresh_process()
    store = LadybugStore(tiny)
    try:
        assert "05954020" not in Resolver.for_store(store)
        _add_hattingen(store)
        assert Resolver.for_store(store).resolve("Hattingen").key == "05954020"
    finally:
        store.close()


def _saved(tiny: Path) -> Path:
    fresh_process()
    store = LadybugStore(tiny, read_only=True)
    Resolver.for_store(store)
    store.close()
    fresh_process()
    return tiny / INDEX_FILE


def _resolves_and_rewrites(tiny: Path, path: Path) -> None:
    store = LadybugStore(tiny, read_only=True)
    try:
        assert Resolver.for_store(store).resolve("Witten").key == "05954036"
    finally:
        store.close()
    with path.open("rb") as f:
        kind, _, _, state = pickle.load(f)
    assert kind == "resolver" and Resolver._from_state(state) is not None


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05K\x01.",
                                     pickle.dumps(("resolver", "other", None, {}))])
def test_damaged_or_other_file_is_rebuilt(tiny: Path, content: bytes) -> None:
    path = _saved(tiny)
    path.write_bytes(content)
    _resolves_and_rewrites(tiny, path)


class _Planted:
    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (exec, ("import builtins; builtins._kommunalgraph_planted = True",))


def test_a_planted_pickle_is_never_run(tiny: Path) -> None:
    path = _saved(tiny)
    with path.open("rb") as f:
        kind, fmt, token, _ = pickle.load(f)
    path.write_bytes(pickle.dumps((kind, fmt, token, _Planted())))
    os.chmod(path, 0o600)
    _resolves_and_rewrites(tiny, path)
    assert not hasattr(builtins, "_kommunalgraph_planted")


def test_a_file_others_may_write_is_ignored(tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _saved(tiny)
    os.chmod(path, 0o666)
    monkeypatch.setattr(Resolver, "_from_state", classmethod(
        lambda cls, state: pytest.fail("a group/world-writable file must not be read")
        if state is not None else None))
    store = LadybugStore(tiny, read_only=True)
    try:
        assert Resolver.for_store(store).resolve("Witten").key == "05954036"
    finally:
        store.close()
    assert os.stat(path).st_mode & 0o077 == 0  # replaced by a private one


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_a_link_is_not_followed(tiny: Path, tmp_path: Path) -> None:
    path = _saved(tiny)
    elsewhere = tmp_path / "elsewhere.pickle"
    path.rename(elsewhere)
    path.symlink_to(elsewhere)
    assert sidecar.read(path, "resolver", resolve._format(), ("any",), safe=True) is None


def test_read_only_folder_keeps_the_resolver_in_memory(
        tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh_process()

    def refuse(*a: object, **k: object) -> None:
        raise PermissionError("read-only folder")

    monkeypatch.setattr(sidecar.tempfile, "mkstemp", refuse)
    store = LadybugStore(tiny, read_only=True)
    try:
        assert Resolver.for_store(store).resolve("Witten").key == "05954036"
        assert Resolver.for_store(store) is Resolver.for_store(store)
    finally:
        store.close()
    assert not (tiny / INDEX_FILE).exists()
    assert [p.name for p in tiny.iterdir() if p.name.startswith(".")] == []


@pytest.mark.neo4j
@pytest.mark.skipif(not NEO4J_URI, reason=SKIP_REASON)
def test_neo4j_resolver_is_kept_in_memory_until_a_commit() -> None:
    """Neo4j has no folder: nothing is saved. Its change token keeps the resolver in
    memory; a commit (here through the same store) builds it anew."""
    fresh_process()
    store = open_neo4j(empty=True)
    try:
        _fill(store)
        assert sidecar.path_for(store, INDEX_FILE) is None
        first = Resolver.for_store(store)
        assert first.resolve("Witten").key == "05954036"
        assert Resolver.for_store(store) is first
        token = store.change_token()
        assert store.change_token() == token  # reading changes nothing
        store.set_node_properties(MUNICIPALITY, [{"ags": "05954036", "population": 1}])
        assert store.change_token() != token
        assert Resolver.for_store(store) is not first
    finally:
        wipe(store)
        store.close()


def test_changed_resolver_code_does_not_read_an_older_index(
        tiny: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _saved(tiny)
    monkeypatch.setattr(resolve, "_FORMAT", ["another version of resolve.py"])
    calls: list[int] = []
    real = Resolver.from_store.__func__  # type: ignore[attr-defined]
    monkeypatch.setattr(Resolver, "from_store", classmethod(
        lambda cls, s: calls.append(1) or real(cls, s)))
    store = LadybugStore(tiny, read_only=True)
    try:
        Resolver.for_store(store)
    finally:
        store.close()
    assert calls == [1]
    with path.open("rb") as f:
        assert pickle.load(f)[1] == "another version of resolve.py"
