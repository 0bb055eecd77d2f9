"""Serving: a taken port is one German line, a public host a warning, several workers work."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from web_fixtures import build_tiny_store

from kommunalgraph.cli import main
from kommunalgraph.web.server import PortBusy, bind, is_loopback


def _taken_port() -> tuple[socket.socket, int]:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen(1)
    return s, s.getsockname()[1]


def test_busy_port_is_one_german_line(tmp_path: Path) -> None:
    blocker, port = _taken_port()
    try:
        with pytest.raises(PortBusy) as e:
            bind("127.0.0.1", port)
        assert f"Port {port} ist schon belegt" in e.value.message_de
        path = build_tiny_store(tmp_path / "store")
        r = CliRunner().invoke(main, ["--store", str(path), "serve", "--port", str(port)])
        assert r.exit_code == 1
        lines = [ln for ln in r.output.splitlines() if ln.strip()]
        assert lines == [lines[0]] and lines[0].startswith("Fehler: Port ")
        assert f"PORT={port + 1}" in lines[0]
    finally:
        blocker.close()


def test_loopback_hosts() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.7")


@pytest.mark.skipif(not hasattr(os, "fork"), reason="mehrere Prozesse nur mit fork (POSIX)")
def test_two_workers_serve_and_stop(tmp_path: Path) -> None:
    path = build_tiny_store(tmp_path / "store")
    blocker, port = _taken_port()
    blocker.close()  # a free port (tiny race; bind() below says so if it was taken)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kommunalgraph", "--store", str(path), "serve", "--host",
         "0.0.0.0", "--port", str(port), "--workers", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 60
        answers = 0
        while time.time() < deadline and answers < 20:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/start", timeout=5) as r:
                    answers += r.status == 200
            except OSError:
                time.sleep(0.2)
        assert answers == 20
    finally:
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert "mit 2 Prozessen" in out
    assert "Achtung: Der Viewer ist unter 0.0.0.0" in err
    assert proc.returncode == 0, err
