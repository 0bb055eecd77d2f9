"""Answers prepared ahead (web/prepared.py): the same bytes as the live view, shared by
processes, used only for the store state they were made for."""

from __future__ import annotations

import shutil
import sqlite3
import time
import zlib
from pathlib import Path

import pytest
from web_fixtures import XSS, XSS_AGS, build_tiny_store

from kommunalgraph.graph.ladybug_store import LadybugStore
from kommunalgraph.graph.schema import MUNICIPALITY
from kommunalgraph.web import create_app, prepare
from kommunalgraph.web import prepared as prep

WITTEN = "05954036"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny store with its answers prepared (copied per test where changed)."""
    path = build_tiny_store(tmp_path_factory.mktemp("prepared") / "store")
    assert prepare.build(str(path)) == path / prep.FILENAME
    return path


def _copy(built: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "store"
    shutil.copytree(built, dest)
    return dest


def _token(path: Path) -> object:
    s = LadybugStore(path, read_only=True)
    try:
        return s.change_token()
    finally:
        s.close()


def test_prepared_bodies_equal_the_live_view(built: Path) -> None:
    ready = prep.Prepared.open(str(built), _token(built))
    assert ready is not None
    live = create_app({"STORE": str(built), "PAGE_CACHE": False}).test_client()
    keys = [k for a in (WITTEN, XSS_AGS, "09162000") for k in prep.prepared_paths(a)]
    assert ready.count >= 16  # two answers for each of the tiny store's municipalities
    for key in keys:
        hit = ready.get(key)
        assert hit is not None, key
        resp = live.get(key)
        assert resp.status_code == 200
        assert hit[0] == resp.get_data(), key
        assert hit[1] == resp.mimetype and hit[2] == prep.etag_of(hit[0])
    # names from data stay escaped in the prepared page too
    page = ready.get(f"/kommune/{XSS_AGS}")[0].decode()  # type: ignore[index]
    assert XSS not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    ready.close()


def _tamper(path: Path, key: str, body: bytes) -> None:
    with sqlite3.connect(path / prep.FILENAME) as conn:
        n = conn.execute("UPDATE answers SET body = ? WHERE key = ?",
                         (zlib.compress(body), key)).rowcount
    conn.close()
    assert n == 1


def test_viewer_answers_from_the_prepared_file(built: Path, tmp_path: Path) -> None:
    path = _copy(built, tmp_path)
    _tamper(path, f"/kommune/{WITTEN}", b"<p>aus der vorbereiteten Datei</p>")
    _tamper(path, f"/api/suggest?kommune={WITTEN}", b'{"vorbereitet": true}')
    client = create_app({"STORE": str(path)}).test_client()
    assert client.get(f"/kommune/{WITTEN}").data == b"<p>aus der vorbereiteten Datei</p>"
    # canonical: parameters in any order, the default limit spelled out or not
    for url in (f"/api/suggest?kommune={WITTEN}", f"/api/suggest?limit=10&kommune={WITTEN}",
                f"/api/suggest?kommune={WITTEN}&limit=10"):
        assert client.get(url).data == b'{"vorbereitet": true}', url
    # other parameters are answered live
    other = client.get(f"/api/suggest?kommune={WITTEN}&limit=3")
    assert other.status_code == 200 and other.json["results"]
    # the setting switches it off
    off = create_app({"STORE": str(path), "PREPARED_ANSWERS": False}).test_client()
    assert b"vorbereiteten" not in off.get(f"/kommune/{WITTEN}").data


def test_a_changed_store_ignores_old_answers(built: Path, tmp_path: Path) -> None:
    path = _copy(built, tmp_path)
    _tamper(path, f"/kommune/{WITTEN}", b"<p>alt</p>")
    before = _token(path)
    s = LadybugStore(path)
    try:
        with s.transaction():
            s.set_node_properties(MUNICIPALITY, [{"ags": WITTEN, "population": 95001}])
    finally:
        s.close()
    assert _token(path) != before
    assert prep.Prepared.open(str(path), _token(path)) is None
    resp = create_app({"STORE": str(path)}).test_client().get(f"/kommune/{WITTEN}")
    assert resp.status_code == 200 and b"<p>alt</p>" not in resp.data
    assert "95.001" in resp.get_data(as_text=True)


def test_a_broken_file_is_ignored(built: Path, tmp_path: Path) -> None:
    path = _copy(built, tmp_path)
    (path / prep.FILENAME).write_bytes(b"kein SQLite" * 100)
    assert prep.Prepared.open(str(path), _token(path)) is None
    resp = create_app({"STORE": str(path)}).test_client().get(f"/kommune/{WITTEN}")
    assert resp.status_code == 200 and "Witten" in resp.get_data(as_text=True)
    # ... and the next build replaces it
    assert prepare.build(str(path)) == path / prep.FILENAME
    assert prep.Prepared.open(str(path), _token(path)) is not None


def test_one_builder_at_a_time(built: Path, tmp_path: Path) -> None:
    path = _copy(built, tmp_path)
    (path / prep.FILENAME).unlink()
    with prepare._exclusive(path) as mine:
        assert mine
        assert prepare.build(str(path)) is None  # the lock is taken: nothing done
    assert not (path / prep.FILENAME).exists()
    assert prepare.build(str(path)) is not None
    assert prepare.build(str(path)) is None  # already prepared for this state


def test_warm_prepares_in_the_background(built: Path, tmp_path: Path) -> None:
    path = _copy(built, tmp_path)
    (path / prep.FILENAME).unlink()
    app = create_app({"STORE": str(path)})
    holder = app.extensions["kommunalgraph"]
    holder.warm()
    deadline = time.monotonic() + 120
    while holder.prepared() is None and time.monotonic() < deadline:
        time.sleep(0.5)
    assert holder.prepared() is not None, "the background builder did not finish"
    assert holder._builder is None or holder._builder.wait(30) == 0
    holder.close()


def test_no_prepared_answers_without_a_folder() -> None:
    assert prep.answers_file("bolt://localhost:7687") is None
    assert prepare.build("bolt://localhost:7687") is None
    assert prep.start_builder("bolt://localhost:7687") is None


def test_a_file_others_may_write_or_a_link_is_not_trusted(built: Path, tmp_path: Path) -> None:
    path = _copy(built, tmp_path)
    answers = path / prep.FILENAME
    token = _token(path)
    assert prep.Prepared.open(str(path), token) is not None
    answers.chmod(0o666)
    assert prep.Prepared.open(str(path), token) is None
    answers.chmod(0o600)
    elsewhere = tmp_path / "elsewhere.sqlite"
    answers.rename(elsewhere)
    answers.symlink_to(elsewhere)
    assert prep.Prepared.open(str(path), token) is None


def test_a_damaged_answer_is_computed_anew(built: Path, tmp_path: Path) -> None:
    path = _copy(built, tmp_path)
    with sqlite3.connect(path / prep.FILENAME) as conn:
        conn.execute("UPDATE answers SET body = ? WHERE key = ?",
                     (b"kein zlib", f"/kommune/{WITTEN}"))
    conn.close()
    resp = create_app({"STORE": str(path)}).test_client().get(f"/kommune/{WITTEN}")
    assert resp.status_code == 200 and "Witten" in resp.get_data(as_text=True)
