"""``demo`` on a taken port: one German line before anything is imported, exit code 1."""

from __future__ import annotations

import socket
from pathlib import Path

from click.testing import CliRunner

from kommunalgraph.cli import main


def test_demo_on_a_taken_port_says_so_in_one_line_and_imports_nothing(tmp_path: Path) -> None:
    blocker = socket.socket()
    blocker.bind(("127.0.0.1", 0))
    blocker.listen(1)
    port = blocker.getsockname()[1]
    store = tmp_path / "store"
    try:
        r = CliRunner().invoke(main, ["--store", str(store), "demo", "--port", str(port)])
    finally:
        blocker.close()
    assert r.exit_code == 1, r.output
    lines = [ln for ln in r.output.splitlines() if ln.strip()]
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"Fehler: Port {port} ist schon belegt")
    assert f"make demo PORT={port + 1}" in lines[0]
    assert not store.exists()  # nothing was imported (a fresh import takes half a minute)
