"""Files kept beside a store: work built from the store, saved so that a new process
need not build it again (the name resolver's index, the partner index).

Each file is a pickle of ``(kind, format, token, payload)``: ``kind`` names what it
holds, ``format`` is bumped (or derived from the code) when the payload changes
shape, and ``token`` is the store's :meth:`~kommunalgraph.graph.store.GraphStore.change_token`
when the payload was built. A file is used only when all three still match, so
every write to the store (from any process) makes it stale, and the next reader
builds the payload again and replaces the file.

A file is read only when it can be trusted like the store itself: a regular file
(not a link) owned by the user of this process and writable by nobody else. A
file that is damaged, foreign, of another version or of another store state is
ignored (and replaced when the folder is writable). A store without a folder
(Neo4j) keeps nothing on disk; a folder that cannot
be written to (a read-only store) is left alone: the caller keeps what it built
in memory. Files are written to a temporary name and renamed, so a reader never
sees half a file.

``safe=True`` reads with an unpickler that refuses every class and function: the
payload can only be built-in values (dicts, lists, strings, numbers, sets), so
even a planted file cannot run code. The partner index (numpy arrays, a networkx
graph) needs the full unpickler and relies on the ownership check.
"""

from __future__ import annotations

import io
import os
import pickle
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

if TYPE_CHECKING:
    from .store import GraphStore

__all__ = ["path_for", "read", "write", "trusted"]


def path_for(store: GraphStore, filename: str) -> Path | None:
    """Where ``filename`` is kept beside ``store``, or None (a store without a folder)."""
    folder = getattr(store, "path", None)
    if folder is None:
        return None
    folder = Path(folder)
    return folder / filename if folder.is_dir() else None


class _BuiltinsOnly(pickle.Unpickler):
    """An unpickler that refuses every global: only built-in values come out."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"refused: {module}.{name}")


def trusted(path: Path) -> bool:
    """``path`` is a regular file (not a link) of this process's user, writable by no one
    else: the rule for every file kept beside a store (also the viewer's prepared answers)."""
    f = _open_trusted(path)
    if f is None:
        return False
    f.close()
    return True


def _open_trusted(path: Path) -> BinaryIO | None:
    """``path`` opened for reading if it is :func:`trusted`, else None. The check is made
    on the open file, so a file swapped in after it cannot be read instead."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    f = os.fdopen(fd, "rb")
    try:
        st = os.fstat(f.fileno())
    except OSError:
        f.close()
        return None
    geteuid = getattr(os, "geteuid", None)
    if (not stat.S_ISREG(st.st_mode) or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
            or (geteuid is not None and st.st_uid != geteuid())):
        f.close()
        return None
    return f


def read(path: Path | None, kind: str, fmt: Any, token: Any, *, safe: bool = False) -> Any:
    """The payload saved at ``path`` for ``kind``/``fmt``/``token``, or None."""
    f = _open_trusted(path) if path is not None else None
    if f is None:
        return None
    try:
        with f:
            data = f.read()
        loader = _BuiltinsOnly if safe else pickle.Unpickler
        saved = loader(io.BytesIO(data)).load()
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
            ValueError, TypeError, IndexError, KeyError, MemoryError, RecursionError):
        return None
    if not (isinstance(saved, tuple) and len(saved) == 4):
        return None
    s_kind, s_fmt, s_token, payload = saved
    if s_kind != kind or s_fmt != fmt or s_token != token:
        return None
    return payload


def write(path: Path | None, kind: str, fmt: Any, token: Any, payload: Any) -> bool:
    """Save ``payload`` at ``path`` (atomically, mode 0600); False if it cannot be written."""
    if path is None:
        return False
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            pickle.dump((kind, fmt, token, payload), f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        return True
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False
