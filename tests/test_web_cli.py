"""``serve`` and ``demo``: help texts, and demo skipping the import on a filled store."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from web_fixtures import build_tiny_store

from kommunalgraph.cli import main
from kommunalgraph.cli import web as cli_web


@pytest.mark.parametrize("command", ["serve", "demo"])
def test_help(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "--host" in result.output and "--port" in result.output


def test_demo_starts_at_once_on_a_filled_store(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = build_tiny_store(tmp_path / "store")
    started: list[tuple] = []
    # Record instead of blocking in waitress; the store itself is real.
    monkeypatch.setattr(cli_web, "run_server", lambda *a: started.append(a))
    result = CliRunner().invoke(main, ["--store", str(path), "demo", "--port", "5999"])
    assert result.exit_code == 0, result.output
    assert "kein Import nötig" in result.output
    assert started == [(str(path), "127.0.0.1", 5999, 8)]


def test_serve_rejects_bad_port() -> None:
    result = CliRunner().invoke(main, ["serve", "--port", "0"])
    assert result.exit_code == 2


def test_the_viewer_answers_under_waitress(tmp_path: Path) -> None:
    """A real waitress server answers on a free port (started and stopped here)."""
    import urllib.request

    from browser_fixtures import served

    path = build_tiny_store(tmp_path / "store")
    with served({"STORE": str(path)}) as url:
        with urllib.request.urlopen(f"{url}/api/start") as r:
            assert r.status == 200 and r.headers["Server"] == "waitress"


def test_prefetch_fills_the_page_cache(tmp_path: Path) -> None:
    from kommunalgraph.web import create_app

    path = build_tiny_store(tmp_path / "store")
    app = create_app({"STORE": str(path), "MAP_CACHE": str(tmp_path / "maps")})
    cli_web._prefetch(app)
    cached = set(app.extensions["kommunalgraph"].pages)
    assert {"/?", "/netzwerk?", "/kleine-kommunen?", "/projekte?"} <= cached
    app.extensions["kommunalgraph"].close()
