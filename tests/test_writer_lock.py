"""One writer at a time, in German (issue 10, item 5).

Another process holds the store open for writing (Ladybug's own file lock);
a second writer gets one German line naming that process, exit code 1, and
can wait for it with ``--wait``. Readers are not blocked.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kommunalgraph.cli import main
from kommunalgraph.graph.ladybug_store import LadybugStore, StoreBusy

HOLD = """
import sys
from kommunalgraph.graph.ladybug_store import LadybugStore
s = LadybugStore(sys.argv[1])
print("bereit", flush=True)
sys.stdin.readline()
s.close()
"""


@pytest.fixture
def writer(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """A store held open for writing by another process until its stdin closes."""
    path = tmp_path / "store"
    LadybugStore(path).close()
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "bereit"
    yield str(path), proc
    if proc.stdin and not proc.stdin.closed:
        proc.stdin.close()
    proc.wait(timeout=20)
    proc.stdout.close()


def expected(pid: int) -> str:
    return (f"Fehler: Der Datenbestand wird gerade von Prozess {pid} beschrieben. "
            "Bitte warten oder --wait angeben.\n")


def test_a_second_writer_gets_one_german_line_with_the_pid(writer) -> None:
    path, proc = writer
    r = CliRunner().invoke(main, ["--store", path, "init"])
    assert r.exit_code == 1
    assert r.output == expected(proc.pid)
    with pytest.raises(StoreBusy) as e:
        LadybugStore(path)
    assert e.value.pid == proc.pid


def test_readers_are_not_blocked_by_a_writer(writer) -> None:
    path, _ = writer
    r = CliRunner().invoke(main, ["--store", path, "stats", "--json"])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(main, ["--store", path, "datasets"])
    assert r.exit_code == 0 and "Keine Datensätze" in r.output


def test_wait_gives_up_after_its_seconds(writer) -> None:
    path, proc = writer
    started = time.monotonic()
    r = CliRunner().invoke(main, ["--store", path, "--wait", "1", "init"])
    assert 1 <= time.monotonic() - started < 10
    assert r.exit_code == 1 and r.output.endswith(expected(proc.pid))
    assert "warte" in r.output


def test_wait_goes_on_when_the_writer_is_done(writer) -> None:
    path, proc = writer
    assert proc.stdin is not None
    threading.Timer(1.0, proc.stdin.close).start()
    started = time.monotonic()
    r = CliRunner().invoke(main, ["--store", path, "--wait", "init"])  # default seconds
    assert r.exit_code == 0, r.output
    assert time.monotonic() - started >= 0.9
    assert "Schema angelegt" in r.output
