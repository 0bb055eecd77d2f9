"""Preparing the answers of every municipality (read by :mod:`.prepared`).

:func:`build` renders ``/kommune/<ags>`` and ``/api/suggest?kommune=<ags>`` of every
current municipality through the viewer itself (a Flask test client, so the bytes
are those the live view would send), compresses them into a new SQLite file and
renames it to ``web-answers.sqlite`` in the store's folder when complete. It runs in
its own process of low priority (:func:`main`, started by
:func:`.prepared.start_builder`); a lock file keeps it to one builder per store.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from .prepared import (
    FORMAT,
    LOCKNAME,
    Prepared,
    answers_file,
    etag_of,
    prepared_paths,
    token_text,
)

__all__ = ["build", "main"]


@contextlib.contextmanager
def _exclusive(folder: Path) -> Iterator[bool]:
    """An exclusive lock on the builder's lock file; yields False when it is taken."""
    import fcntl

    with (folder / LOCKNAME).open("a") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def build(uri: str, *, log: Callable[[str], None] | None = None) -> Path | None:
    """Prepare the answers of the store at ``uri`` for its current state.

    Returns the file, or None when there is nothing to do (no folder, another
    builder at work, the answers already prepared) or the store changed while
    building (the next start builds again).
    """
    from .app import create_app, env_config

    path = answers_file(uri)
    if path is None or not hasattr(os, "fork"):
        return None
    with _exclusive(path.parent) as mine:
        if not mine:
            return None
        app = create_app({**env_config(), "STORE": uri, "PAGE_CACHE": False})
        holder = app.extensions["kommunalgraph"]
        try:
            holder.get()
            token = holder.signature()
            if token is None or Prepared.open(uri, token) is not None:
                return None
            return _write(app, holder, path, token, log)
        finally:
            holder.close()


def _write(app: Any, holder: Any, path: Path, token: Any,
           log: Callable[[str], None] | None) -> Path | None:
    from ..graph.resolve import load_cypher

    started = time.monotonic()
    # every current municipality (the history is asked for too rarely)
    current = sorted({r["ags"] for r in holder.get().run(load_cypher("municipality_index"))})
    holder.details()
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    n = 0
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT)")
        conn.execute("CREATE TABLE answers (key TEXT PRIMARY KEY, body BLOB, mimetype TEXT, "
                     "etag TEXT)")
        client = app.test_client()
        for i, ags in enumerate(current):
            for key in prepared_paths(ags):
                resp = client.get(key)
                if resp.status_code != 200:
                    continue
                body = resp.get_data()
                conn.execute("INSERT INTO answers VALUES (?, ?, ?, ?)",
                             (key, zlib.compress(body, 6), resp.mimetype, etag_of(body)))
                n += 1
            if log and (i + 1) % 1000 == 0:
                log(f"{i + 1} von {len(current)} Kommunen vorbereitet")
        if holder.signature() != token:
            return None  # the store changed meanwhile: these answers are already old
        conn.executemany("INSERT INTO meta VALUES (?, ?)", [
            ("format", str(FORMAT)), ("token", token_text(token)), ("count", str(n)),
            ("seconds", f"{time.monotonic() - started:.1f}")])
        conn.commit()
        conn.close()
        os.chmod(tmp, 0o600)  # (read only when no one else may write it: sidecar.trusted)
        os.replace(tmp, path)
        return path
    finally:
        with contextlib.suppress(sqlite3.Error):
            conn.close()
        tmp.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    """Prepare the answers of the store given as the one argument (the background process
    of :func:`.prepared.start_builder`)."""
    args = sys.argv[1:] if argv is None else argv
    with contextlib.suppress(OSError):
        os.nice(10)  # the viewer's answers come first
    if len(args) != 1:
        print("Aufruf: main([SPEICHERORT])", file=sys.stderr)
        return 2
    done = build(args[0], log=lambda s: print(s, file=sys.stderr))
    print(f"Antworten vorbereitet: {done}" if done else "Nichts vorzubereiten.",
          file=sys.stderr)
    return 0
