"""The embedded default store: Ladybug, the maintained fork of Kùzu.

Ladybug is schema-first: every label is a node table with a primary key and
every relationship type a relationship table, both created from
:mod:`kommunalgraph.graph.schema` at :meth:`LadybugStore.init_schema`.

Bulk writes go through ``COPY`` from Arrow tables (relationships as a ``$table``
parameter, nodes by way of a Parquet file: see below), which is fast (tens of
thousands of rows in well under a second), while per-row ``UNWIND ... CREATE``
of edges costs about 1 ms each. ``COPY`` runs inside a
manual transaction and rolls back with it.

Three facts about Ladybug 0.22.0 that shape this module:

* ``COPY`` of a node whose primary key already exists crashes the process
  (a segmentation fault, not an exception). Rows are therefore de-duplicated
  and split into new keys (``COPY``) and existing keys (``UNWIND ... SET``).
* A failing statement inside a manual transaction rolls the transaction back
  by itself; a later ``ROLLBACK`` then reports "no active transaction".
* ``COPY`` of a *node* table from a Python object (an Arrow table, a data frame)
  keeps about 2 MB of the buffer pool per statement that is never given back
  (as kuzudb/kuzu#5779 reports for Kùzu): a process that imports a few hundred
  times fails with "buffer pool is full". The same Arrow table written to a
  private Parquet file and copied from there keeps nothing, and is as fast
  (``_copy_nodes``). Relationship ``COPY`` from Arrow does not leak.
"""

from __future__ import annotations

import re
import tempfile
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import schema
from .errors import QueryFailed, StoreError, StoreUnavailable
from .rows import coerce, node_rows, property_rows, rel_rows
from .store import GraphStore, Row

__all__ = ["LadybugStore", "DB_FILENAME", "StoreBusy"]

#: The database file inside the store folder.
DB_FILENAME = "graph.lbug"
#: a path that can stand in a Cypher string literal as it is
_PLAIN_PATH = re.compile(r"[A-Za-z0-9_./-]+")


def _arrow() -> tuple[Any, dict[str, Any]]:
    """pyarrow and the Arrow type of each schema type, imported on the first bulk write:
    reads never need pyarrow, and loading it would cost every CLI start ~0.15 s."""
    import pyarrow as pa

    return pa, {
        schema.STRING: pa.string(),
        schema.INT: pa.int64(),
        schema.FLOAT: pa.float64(),
        schema.BOOL: pa.bool_(),
        schema.STRING_LIST: pa.list_(pa.string()),
    }


class StoreBusy(StoreUnavailable):
    """Another process holds the store's write lock (Ladybug's file lock)."""

    def __init__(self, folder: Path, pid: int | None) -> None:
        who = f"von Prozess {pid}" if pid else "von einem anderen Prozess"
        super().__init__(
            f"store {folder} is locked by another writer (pid {pid})",
            f"Der Datenbestand wird gerade {who} beschrieben. "
            "Bitte warten oder --wait angeben.",
        )
        self.pid = pid


#: Ladybug's own lock message names the holder: "Lock is held by PID 1234"
_LOCKED = re.compile(r"Could not set lock on file.*?(?:held by PID (\d+))?", re.S)
_HOLDER = re.compile(r"held by PID (\d+)")
#: a read-only open after a crash during a checkpoint: a writer must finish it
_RECOVERY = "checkpoint recovery is pending"


def _open_error(folder: Path, e: Exception) -> StoreUnavailable:
    text = str(e)
    if _LOCKED.search(text):
        m = _HOLDER.search(text)
        return StoreBusy(folder, int(m.group(1)) if m else None)
    return StoreUnavailable(
        f"cannot open store at {folder}: {e}",
        f"Der Datenbestand unter {folder} lässt sich nicht öffnen (kein Datenbestand von "
        "kommunalgraph, beschädigt oder von einer anderen Ladybug-Version angelegt; "
        f"Meldung von Ladybug: „{e}“).",
    )


class LadybugStore(GraphStore):
    """An embedded Ladybug database in a folder (default ``./.kommunalgraph``)."""

    backend = "ladybug"

    def __init__(self, path: str | Path, *, read_only: bool = False,
                 buffer_pool_mb: int = 1024, defer_open: bool = False) -> None:
        """``defer_open`` (read-only only): open the database on the first query, so
        that a reader answered from files kept beside the store (the name and partner
        indexes) never pays for Ladybug (about 0.1 s of a CLI start)."""
        folder = Path(path)
        if folder.suffix in (".lbug", ".kuzu"):
            folder, dbfile = folder.parent, folder
        else:
            dbfile = folder / DB_FILENAME
        self.path = folder
        self.read_only = read_only
        if read_only and not dbfile.exists():
            raise StoreUnavailable(
                f"no store at {folder}",
                f"Kein Datenbestand unter {folder}. Bitte zuerst "
                "„kommunalgraph import bundled“ ausführen.",
            )
        self._buffer = buffer_pool_mb * 1024 * 1024
        self._dbfile = dbfile
        self._lock = threading.RLock()
        self._in_tx = False
        self._db: Any = None
        self._conn: Any = None
        self._deferred = read_only and defer_open
        if not self._deferred:
            self._open()
        if not read_only:
            self.init_schema()

    def _open(self) -> None:
        import ladybug

        folder, dbfile, read_only = self.path, self._dbfile, self.read_only
        try:
            folder.mkdir(parents=True, exist_ok=True)
            try:
                self._db = self._database(dbfile, read_only)
            except RuntimeError as e:
                if not (read_only and _RECOVERY in str(e)):
                    raise
                # killed during a checkpoint: a short read-write open finishes
                # the recovery (refused, in German, while a writer holds the store)
                self._recover(folder, dbfile)
                self._db = self._database(dbfile, read_only)
            self._conn = ladybug.Connection(self._db)
        except (RuntimeError, OSError) as e:
            raise _open_error(folder, e) from e

    def _database(self, dbfile: Path, read_only: bool) -> Any:
        import ladybug

        return ladybug.Database(str(dbfile), read_only=read_only,
                                buffer_pool_size=self._buffer, max_db_size=1 << 34)

    def _recover(self, folder: Path, dbfile: Path) -> None:
        """Open read-write once so that Ladybug completes an interrupted checkpoint."""
        try:
            db = self._database(dbfile, False)
        except RuntimeError as e:
            err = _open_error(folder, e)
            if isinstance(err, StoreBusy):
                raise err from e
            raise StoreUnavailable(
                f"store {folder} needs recovery and cannot be recovered: {e}",
                f"Der Datenbestand unter {folder} muss nach einem Abbruch wiederhergestellt "
                f"werden; bitte „kommunalgraph --store {folder} init“ ausführen.",
            ) from e
        db.close()

    # -- lifecycle -----------------------------------------------------------
    def init_schema(self) -> None:
        """Create missing tables, and add properties that a newer schema defines."""
        tables = {r["name"] for r in self.run("CALL show_tables() RETURN name")}
        for nt in (*schema.NODE_TYPES, *schema.BOOKKEEPING):
            if nt.label in tables:
                self._add_missing_columns(nt.label, nt.all_properties)
                continue
            cols = ", ".join(
                schema.quote(p) + " " + t for p, t in nt.all_properties.items()
            )
            self._exec(
                "CREATE NODE TABLE IF NOT EXISTS " + schema.quote(nt.label)
                + "(" + cols + ", PRIMARY KEY(" + schema.quote(nt.key) + "))"
            )
        for rt in schema.REL_TYPES:
            if rt.type in tables:
                self._add_missing_columns(rt.type, rt.all_properties)
                continue
            pairs = ", ".join(
                "FROM " + schema.quote(a) + " TO " + schema.quote(b) for a, b in rt.pairs
            )
            cols = "".join(
                ", " + schema.quote(p) + " " + t for p, t in rt.all_properties.items()
            )
            self._exec(
                "CREATE REL TABLE IF NOT EXISTS " + schema.quote(rt.type)
                + "(" + pairs + cols + ")"
            )

    def _add_missing_columns(self, table: str, props: Mapping[str, str]) -> None:
        """A store made by an older version gets the properties added since (as null)."""
        schema.quote(table)  # a schema name only (table_info takes no parameter)
        have = {r["name"] for r in self.run("CALL table_info('" + table + "') RETURN name")}
        for p, t in props.items():
            if p not in have:
                self._exec("ALTER TABLE " + schema.quote(table) + " ADD IF NOT EXISTS "
                           + schema.quote(p) + " " + t)

    def close(self) -> None:
        with self._lock:
            self._deferred = False
            conn, db = getattr(self, "_conn", None), getattr(self, "_db", None)
            if conn is not None:
                conn.close()
                self._conn = None
            if db is not None:
                db.close()
                self._db = None

    def change_token(self) -> tuple[Any, ...]:
        """Size and modification time of the database file and its write-ahead log.

        Every committed write (from this process or another) changes one of them.
        """
        sig: list[Any] = []
        for f in (self._dbfile, self._dbfile.with_name(self._dbfile.name + ".wal")):
            try:
                st = f.stat()
                sig.append((f.name, st.st_size, st.st_mtime_ns))
            except OSError:
                sig.append((f.name, None))
        return tuple(sig)

    # -- reads ---------------------------------------------------------------
    def _exec(self, cypher: str, params: Mapping[str, Any] | None = None) -> Any:
        with self._lock:
            if self._deferred:
                self._open()  # a failed open is tried again by the next query
                self._deferred = False
            if self._conn is None:
                raise StoreError("store is closed", "Der Datenbestand ist geschlossen.")
            try:
                return self._conn.execute(cypher, dict(params or {}))
            except RuntimeError as e:
                raise QueryFailed(
                    f"Ladybug query failed: {e}",
                    f"Die Abfrage an den Datenbestand ist fehlgeschlagen (Meldung von Ladybug: "
                    f"„{e}“).",
                ) from e

    def run(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        with self._lock:
            result = self._exec(cypher, params)
            cols = result.get_column_names()
            return [dict(zip(cols, row, strict=True)) for row in result.get_all()]

    # -- writes --------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            if self._in_tx:  # nested: the outer transaction decides
                yield
                return
            self._exec("BEGIN TRANSACTION")
            self._in_tx = True
            try:
                yield
            except BaseException:
                self._in_tx = False
                try:
                    self._exec("ROLLBACK")
                except QueryFailed:
                    pass  # a failed statement already rolled the transaction back
                raise
            self._in_tx = False
            self._exec("COMMIT")
            self.write_count += 1

    def upsert_nodes(self, label: str, rows: Sequence[Row]) -> int:
        props = schema.node_type(label).all_properties
        unique = node_rows(label, rows)
        if not unique:
            return 0
        existing = self.existing_keys(label)
        new = [r for k, r in unique.items() if k not in existing]
        old = [r for k, r in unique.items() if k in existing]
        with self.transaction():
            if new:
                pa, arrow = _arrow()
                table = pa.table(
                    {p: pa.array([r.get(p) for r in new], arrow[t]) for p, t in props.items()}
                )
                self._copy_nodes(label, table)
            if old:
                self.set_node_properties(label, old)
        return len(unique)

    def _copy_nodes(self, label: str, table: Any) -> None:
        """``COPY label`` from ``table`` through a Parquet file in a private temporary
        folder (see the module docstring: copying from the Arrow table itself leaks).

        The file's path is the one literal in the statement: made here by ``mkdtemp``,
        never from data; a temporary folder whose path would need quoting falls back to
        the Arrow table as a parameter.
        """
        import pyarrow.parquet as pq

        with tempfile.TemporaryDirectory(prefix="kommunalgraph-copy-") as folder:
            path = Path(folder, "rows.parquet").as_posix()
            if not _PLAIN_PATH.fullmatch(path):
                self._exec("COPY " + schema.quote(label) + " FROM $t", {"t": table})
                return
            pq.write_table(table, path)
            self._exec("COPY " + schema.quote(label) + " FROM '" + path + "'")

    def set_node_properties(self, label: str, rows: Sequence[Row]) -> int:
        nt = schema.node_type(label)
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for row in property_rows(label, rows):
            groups.setdefault(tuple(sorted(k for k in row if k != nt.key)), []).append(row)
        matched = 0
        with self.transaction():
            for cols, group in groups.items():
                # A column that is null in every row would reach Ladybug as an
                # untyped (STRING) parameter and fail on a typed property:
                # set those to a literal NULL instead.
                sets = ", ".join(
                    "n." + schema.quote(c) + " = "
                    + ("NULL" if all(r.get(c) is None for r in group) else "row." + c)
                    for c in cols
                )
                q = (
                    "UNWIND $rows AS row MATCH (n:" + schema.quote(label) + " {"
                    + schema.quote(nt.key) + ": row." + nt.key + "}) SET " + sets
                    + " RETURN count(n) AS c"
                )
                params = {"rows": group}
                matched += int(self.run(q, params)[0]["c"])
        return matched

    def create_relationships(
        self, rel: str, from_label: str, to_label: str, rows: Sequence[Row]
    ) -> int:
        props = schema.rel_type(rel).all_properties
        data = rel_rows(rel, from_label, to_label, rows)
        if not data:
            return 0
        pa, arrow = _arrow()
        columns = {
            "from": pa.array([str(r["from"]) for r in data], pa.string()),
            "to": pa.array([str(r["to"]) for r in data], pa.string()),
        }
        for p, t in props.items():
            columns[p] = pa.array([coerce(r.get(p), t) for r in data], arrow[t])
        with self.transaction():
            self._exec(
                "COPY " + schema.quote(rel) + " FROM $t (from='" + from_label
                + "', to='" + to_label + "')",
                {"t": pa.table(columns)},
            )
        return len(data)

    def delete_facts(self, importer: str, dataset: str | None = None) -> int:
        deleted = 0
        with self.transaction():
            for rt in schema.REL_TYPES:
                q = "MATCH ()-[r:" + schema.quote(rt.type) + "]->() WHERE r.importer = $imp"
                if dataset is not None:
                    q += " AND r.dataset = $ds"
                rows = self.run(q + " DELETE r RETURN count(*) AS c",
                                {"imp": importer, "ds": dataset})
                deleted += int(rows[0]["c"]) if rows else 0
        return deleted
