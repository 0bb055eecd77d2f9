"""The viewer's read-only store beside a writer in another process (Ladybug has no lock)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from web_fixtures import build_tiny_store

from kommunalgraph.graph.errors import StoreError
from kommunalgraph.web import create_app

WRITER = textwrap.dedent("""
    import sys
    from kommunalgraph.graph.ladybug_store import LadybugStore
    s = LadybugStore(sys.argv[1])
    with s.transaction():
        s.upsert_nodes("Municipality", [{"ags": "05954200", "name": "Neuhausen", "population": 1}])
    s.close()
""")


def test_reader_keeps_serving_and_reopens_after_import(tmp_path: Path) -> None:
    path = build_tiny_store(tmp_path / "store")
    app = create_app({"STORE": str(path), "TESTING": True, "STORE_SETTLE_S": 0})
    client = app.test_client()
    holder = app.extensions["kommunalgraph"]
    assert client.get("/api/start").get_json()["municipalities"] == 9
    first = holder.generation
    old = holder.get()
    # A writer process imports while the viewer holds the store open read-only.
    done = subprocess.run([sys.executable, "-c", WRITER, str(path)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    # The first request after the change notices it, the next one (files settled) reopens.
    client.get("/api/start")
    assert client.get("/api/start").get_json()["municipalities"] == 10
    assert holder.generation > first
    # A request that still holds the old store can finish on it ...
    assert old.run("MATCH (m:Municipality) RETURN count(m) AS c")[0]["c"] == 9
    # ... until it is retired for good.
    holder.RETIRE_S = 0
    holder.get()
    with pytest.raises(StoreError):
        old.run("MATCH (m:Municipality) RETURN count(m) AS c")
    holder.close()


def test_settle_time_delays_reopen(tmp_path: Path) -> None:
    path = build_tiny_store(tmp_path / "store")
    app = create_app({"STORE": str(path), "TESTING": True, "STORE_SETTLE_S": 3600})
    client = app.test_client()
    assert client.get("/api/start").get_json()["municipalities"] == 9
    subprocess.run([sys.executable, "-c", WRITER, str(path)], check=True, timeout=120)
    # Files changed but have not settled: the old snapshot keeps being served.
    assert client.get("/api/start").get_json()["municipalities"] == 9
    app.extensions["kommunalgraph"].close()


def test_the_token_is_asked_at_most_every_check_s(tmp_path: Path) -> None:
    """Under load the store is not asked for its change token on every request (on Neo4j
    that is a round trip under the holder's lock), but a change is still seen."""
    path = build_tiny_store(tmp_path / "store")
    app = create_app({"STORE": str(path), "TESTING": True, "STORE_SETTLE_S": 0.2})
    client = app.test_client()
    holder = app.extensions["kommunalgraph"]
    asked: list[float] = []
    real = holder.signature

    def counting() -> object:
        asked.append(time.monotonic())
        return real()

    holder.signature = counting  # type: ignore[method-assign]
    started = time.monotonic()
    while time.monotonic() - started < 1.0:
        assert client.get("/api/start").status_code == 200
    # at most every 0.2 s (the smaller of CHECK_S and the settle time), plus one at opening
    assert 2 <= len(asked) <= 8
    subprocess.run([sys.executable, "-c", WRITER, str(path)], check=True, timeout=120)
    deadline = time.monotonic() + 10
    while client.get("/api/start").get_json()["municipalities"] == 9:
        assert time.monotonic() < deadline, "the change was not seen"
        time.sleep(0.05)
    holder.close()


def test_writes_need_flag_and_token(tmp_path: Path) -> None:
    from kommunalgraph.web.app import writes_allowed

    assert not writes_allowed(create_app({"STORE": str(tmp_path), "TESTING": True}))
    assert not writes_allowed(create_app({"STORE": str(tmp_path), "ALLOW_WRITES": True}))
    assert not writes_allowed(create_app({"STORE": str(tmp_path), "ADMIN_TOKEN": "x"}))
    assert writes_allowed(create_app({"STORE": str(tmp_path), "ALLOW_WRITES": "true",
                                      "ADMIN_TOKEN": "geheim"}))


def test_config_from_prefixed_env(tmp_path: Path, monkeypatch) -> None:  # type: ignore
    monkeypatch.setenv("KOMMUNALGRAPH_STORE", str(tmp_path / "s"))
    monkeypatch.setenv("KOMMUNALGRAPH_ALLOW_WRITES", "true")
    app = create_app()
    assert app.config["STORE"] == str(tmp_path / "s")
    assert app.config["ALLOW_WRITES"] is True
    assert app.extensions["kommunalgraph"].uri == str(tmp_path / "s")


def _types(path: Path) -> list[dict]:
    from kommunalgraph.graph.ladybug_store import LadybugStore

    s = LadybugStore(path, read_only=True)
    try:
        return s.run("MATCH (m:Municipality)-[r:HAS_TYPE]->(t:MunicipalityType) "
                     "RETURN m.ags AS ags, t.id AS type")
    finally:
        s.close()


FORM = {"lokale_gemeinschaft": "5", "kommune": "Witten", "speichern": "1"}


def test_typcheck_is_not_stored_by_default(tmp_path: Path) -> None:
    path = build_tiny_store(tmp_path / "store")
    app = create_app({"STORE": str(path), "TESTING": True})
    c = app.test_client()
    r = c.post("/typ-check", data=FORM)
    assert r.status_code == 403 and "ausgeschaltet" in r.get_data(as_text=True)
    r = c.post("/api/typ-check", json={"priorities": {"effizienz": 5}, "save": True,
                                       "municipality": "Witten"})
    assert r.status_code == 403 and r.is_json
    assert "Speichern" not in c.get("/typ-check").get_data(as_text=True).split("<form")[1]
    app.extensions["kommunalgraph"].close()
    assert _types(path) == []


def test_typcheck_stored_with_writes_and_token(tmp_path: Path) -> None:
    path = build_tiny_store(tmp_path / "store")
    app = create_app({"STORE": str(path), "TESTING": True, "ALLOW_WRITES": True,
                      "ADMIN_TOKEN": "geheim"})
    c = app.test_client()
    assert c.post("/typ-check", data={**FORM, "admin_token": "falsch"}).status_code == 403
    r = c.post("/typ-check", data={**FORM, "admin_token": "geheim"})
    assert r.status_code == 200, r.get_data(as_text=True)
    assert "Gespeichert: Witten" in r.get_data(as_text=True)
    r = c.post("/api/typ-check", json={"priorities": {"effizienz": 5}, "save": True,
                                       "municipality": "05954016"},
               headers={"Authorization": "Bearer geheim"})
    assert r.status_code == 200 and r.get_json()["saved"]["type"] == "optimierer"
    # the viewer serves the new state right away, read-only again
    assert c.get("/api/start").status_code == 200
    assert app.extensions["kommunalgraph"].get().read_only
    app.extensions["kommunalgraph"].close()
    assert sorted((x["ags"], x["type"]) for x in _types(path)) == [
        ("05954016", "optimierer"), ("05954036", "community-manager")]
