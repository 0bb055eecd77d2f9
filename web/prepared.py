"""Answers prepared ahead: every municipality's page and suggest answer, once per store state.

The data changes only at import, and the two answers asked most, the page of a
municipality (``/kommune/<ags>``) and its partner suggestions
(``/api/suggest?kommune=<ags>``), depend on nothing but the store. So the
viewer renders them for every current municipality once per state of the
store, in a background process of low priority (``web/prepare.py``, started by
:meth:`StoreHolder.warm`, i.e. by ``serve`` and ``demo``), and keeps them in
``web-answers.sqlite`` in the store's folder, with the store's change token.
Every worker process reads the same file (the operating system keeps it in
memory once), and a restart finds it ready. Until the file is complete, or when
it belongs to another state of the store, answers are computed as before.

The file is written under another name and renamed when complete, so a reader
sees either nothing or a whole file; readers open it immutable (no locks). A
second builder (another worker) finds the lock taken and leaves. The bodies are
the bytes the live view renders (a test compares them), compressed with zlib;
their ``ETag`` is the body's hash, the same in every process.

A store without a folder of its own (Neo4j) or a folder that cannot be written
to gets no prepared answers; everything else works as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import threading
import zlib
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from ..graph import sidecar

__all__ = ["FILENAME", "FORMAT", "LOCKNAME", "Prepared", "answers_file", "canonical_key",
           "etag_of", "prepared_paths", "start_builder", "token_text"]

FILENAME = "web-answers.sqlite"
#: the background builder (web/prepare.py), run by :func:`start_builder`
RUN = "import sys; from kommunalgraph.web.prepare import main; sys.exit(main(sys.argv[1:]))"
#: bump when the file's layout changes (an older file is then rebuilt)
FORMAT = 1
LOCKNAME = "web-answers.lock"


def etag_of(body: bytes) -> str:
    """The ``ETag`` of an answer: its hash, the same in every process.

    >>> etag_of(b"abc") == etag_of(b"abc") != etag_of(b"abd")
    True
    """
    return hashlib.blake2b(body, digest_size=12).hexdigest()


def canonical_key(path: str, args: Any, defaults: dict[str, str] | None = None) -> str:
    """One key per answer, whatever the order of the parameters and whether a
    default is spelled out.

    >>> canonical_key("/api/suggest", {"limit": "10", "kommune": "05954036"}, {"limit": "10"})
    '/api/suggest?kommune=05954036'
    >>> canonical_key("/kommune/05954036", {})
    '/kommune/05954036'
    """
    items = sorted((k, v) for k, v in (args.items(multi=True) if hasattr(args, "getlist")
                                        else args.items())
                   if (defaults or {}).get(k) != v)
    return path + ("?" + urlencode(items) if items else "")


def prepared_paths(ags: str) -> list[str]:
    """The answers prepared for one municipality, as their canonical keys."""
    return [f"/kommune/{ags}", canonical_key("/api/suggest", {"kommune": ags})]


def answers_file(uri: str) -> Path | None:
    """Where the prepared answers of the store at ``uri`` live, or None (no folder)."""
    if "://" in uri:
        return None
    folder = Path(uri)
    return folder / FILENAME if folder.is_dir() else None


def token_text(token: Any) -> str:
    return json.dumps(token, default=str)


class Prepared:
    """The prepared answers of one store state, read-only; ``get`` returns
    ``(body, mimetype, etag)`` or None."""

    def __init__(self, path: Path, token: Any) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True,
                                     check_same_thread=False)
        try:
            meta = dict(self._conn.execute("SELECT k, v FROM meta").fetchall())
        except sqlite3.Error:
            self._conn.close()
            raise
        if meta.get("format") != str(FORMAT) or meta.get("token") != token_text(token):
            self._conn.close()
            raise ValueError("prepared answers of another store state")
        self.count = int(meta.get("count", 0))

    @classmethod
    def open(cls, uri: str, token: Any) -> Prepared | None:
        """The complete prepared answers for ``token``, or None."""
        path = answers_file(uri)
        if token is None or path is None or not sidecar.trusted(path):
            return None  # (a planted file would be served as pages: trusted like the store)
        try:
            return cls(path, token)
        except (sqlite3.Error, ValueError, OSError):
            return None

    def get(self, key: str) -> tuple[bytes, str, str] | None:
        try:
            with self._lock:
                row = self._conn.execute(
                    "SELECT body, mimetype, etag FROM answers WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        if row is None:
            return None
        try:
            return zlib.decompress(row[0]), row[1], row[2]
        except (zlib.error, TypeError):
            return None  # (a damaged answer is computed anew)

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def start_builder(uri: str) -> subprocess.Popen[bytes] | None:
    """Start :func:`kommunalgraph.web.prepare.build` for ``uri`` in a background process
    (which lowers its own priority); None where nothing can be prepared."""
    path = answers_file(uri)
    if path is None or not os.access(path.parent, os.W_OK):
        return None
    return subprocess.Popen(  # (it lowers its own priority: no preexec_fn in threads)
        [sys.executable, "-c", RUN, uri],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        close_fds=True)
