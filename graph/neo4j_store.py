"""The server store: Neo4j 5 through the official ``neo4j`` driver (6.x).

Neo4j is schema-optional; :meth:`Neo4jStore.init_schema` creates one
uniqueness constraint per node label on its natural key (which also gives
the index that every ``MERGE`` and key lookup needs) and one index on the
provenance of each relationship type (for :meth:`Neo4jStore.delete_facts`),
all from :mod:`kommunalgraph.graph.schema`.

The write operations behave exactly like
:class:`~kommunalgraph.graph.ladybug_store.LadybugStore`, which the store
contract suite (``tests/test_store_contract.py``) checks on both backends:

* rows are checked against the schema (unknown property or missing key:
  :class:`~kommunalgraph.graph.errors.StoreError`), coerced to the schema
  type, and de-duplicated (nodes on their key, later rows win per property;
  relationships on ``(from, to)``, the first row wins);
* ``upsert_nodes`` sets only the properties present in the rows;
* ``create_relationships`` fails (and its transaction rolls back) when an
  end node is missing;
* values come back as plain Python: a node is a dict with ``_ID``,
  ``_LABEL`` and every schema property of its label (``None`` when unset), a
  relationship likewise with ``_SRC``/``_DST``, a path
  ``{"_NODES": [...], "_RELS": [...]}``, temporal values as
  :mod:`datetime` objects.

Every statement is built by a module-level function below, so that
``tools/cypher-lint/dump_neo4j_statements.py`` can hand all of them to the
Cypher 5 syntax check without a server.

Transactions are per thread: :meth:`Neo4jStore.transaction` opens one
explicit transaction for the calling thread, writes inside it join it
(nested ``transaction()`` calls too), and other threads keep reading the
committed state through their own auto-commit queries.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from neo4j import READ_ACCESS, WRITE_ACCESS, Driver, GraphDatabase, RoutingControl
from neo4j.exceptions import (
    AuthError,
    DatabaseUnavailable,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)
from neo4j.graph import Node, Path, Relationship
from neo4j.spatial import Point
from neo4j.time import Date, DateTime, Duration, Time

from . import schema
from .errors import QueryFailed, StoreError, StoreUnavailable
from .rows import coerce, node_rows, property_rows, rel_rows
from .store import GraphStore, Row

__all__ = [
    "Neo4jStore",
    "BATCH_SIZE",
    "constraint_statements",
    "index_statements",
    "upsert_statement",
    "set_properties_statement",
    "relationship_statement",
    "missing_keys_statement",
    "delete_statement",
    "all_statements",
]

#: Rows per ``UNWIND`` batch.
BATCH_SIZE = 1000

_UNAVAILABLE = (ServiceUnavailable, SessionExpired, AuthError, DatabaseUnavailable)
_UNAVAILABLE_CODES = ("Neo.ClientError.Database.DatabaseNotFound",)


# -- statements (pure; also dumped for the Cypher lint) ---------------------------

def constraint_statements() -> list[str]:
    """One uniqueness constraint per node label on its key."""
    return [
        "CREATE CONSTRAINT " + nt.label + "_" + nt.key + "_unique IF NOT EXISTS "
        "FOR (n:" + schema.quote(nt.label) + ") REQUIRE n." + schema.quote(nt.key)
        + " IS UNIQUE"
        for nt in (*schema.NODE_TYPES, *schema.BOOKKEEPING)
    ]


def index_statements() -> list[str]:
    """One index per relationship type on ``(importer, dataset)``."""
    return [
        "CREATE INDEX " + rt.type + "_provenance IF NOT EXISTS "
        "FOR ()-[r:" + schema.quote(rt.type) + "]-() ON (r."
        + schema.quote("importer") + ", r." + schema.quote("dataset") + ")"
        for rt in schema.REL_TYPES
    ]


def upsert_statement(label: str) -> str:
    """Merge a batch ``$rows`` of nodes on their key and set the given properties."""
    nt = schema.node_type(label)
    key = schema.quote(nt.key)
    return (
        "UNWIND $rows AS row MERGE (n:" + schema.quote(nt.label) + " {" + key
        + ": row." + key + "}) SET n += row"
    )


def set_properties_statement(label: str) -> str:
    """Set properties of existing nodes only; returns the number matched."""
    nt = schema.node_type(label)
    key = schema.quote(nt.key)
    return (
        "UNWIND $rows AS row MATCH (n:" + schema.quote(nt.label) + " {" + key
        + ": row." + key + "}) SET n += row RETURN count(n) AS c"
    )


def relationship_statement(rel: str, from_label: str, to_label: str) -> str:
    """Create a batch ``$rows`` of {src, dst, props}; returns the number created."""
    rt = schema.rel_type(rel)
    a, b = schema.node_type(from_label), schema.node_type(to_label)
    return (
        "UNWIND $rows AS row"
        " MATCH (a:" + schema.quote(a.label) + ") WHERE a." + schema.quote(a.key) + " = row.src"
        " MATCH (b:" + schema.quote(b.label) + ") WHERE b." + schema.quote(b.key) + " = row.dst"
        " CREATE (a)-[r:" + schema.quote(rt.type) + "]->(b) SET r += row.props"
        " RETURN count(r) AS c"
    )


def missing_keys_statement(label: str) -> str:
    """Those of ``$keys`` that no node of ``label`` has."""
    nt = schema.node_type(label)
    return (
        "UNWIND $keys AS k OPTIONAL MATCH (n:" + schema.quote(nt.label) + " {"
        + schema.quote(nt.key) + ": k}) WITH k, n WHERE n IS NULL RETURN k"
    )


def delete_statement(rel: str, with_dataset: bool) -> str:
    """Delete the relationships of type ``rel`` written by ``$imp`` (from ``$ds``)."""
    rt = schema.rel_type(rel)
    q = ("MATCH ()-[r:" + schema.quote(rt.type) + "]->() WHERE r."
         + schema.quote("importer") + " = $imp")
    if with_dataset:
        q += " AND r." + schema.quote("dataset") + " = $ds"
    return q + " DELETE r RETURN count(*) AS c"


def all_statements() -> list[tuple[str, str]]:
    """Every statement this module can send, as ``(name, cypher)`` pairs."""
    out: list[tuple[str, str]] = []
    out += [(f"constraint_{i}", s) for i, s in enumerate(constraint_statements())]
    out += [(f"index_{i}", s) for i, s in enumerate(index_statements())]
    for nt in schema.NODE_TYPES:
        out.append((f"upsert_{nt.label}", upsert_statement(nt.label)))
        out.append((f"set_properties_{nt.label}", set_properties_statement(nt.label)))
        out.append((f"missing_keys_{nt.label}", missing_keys_statement(nt.label)))
    for rt in schema.REL_TYPES:
        for a, b in rt.pairs:
            out.append((f"create_{rt.type}_{a}_{b}", relationship_statement(rt.type, a, b)))
        out.append((f"delete_{rt.type}", delete_statement(rt.type, False)))
        out.append((f"delete_{rt.type}_dataset", delete_statement(rt.type, True)))
    return out


# -- values ----------------------------------------------------------------------

def _schema_props(names: Sequence[str], kinds: dict[str, dict[str, str]]) -> dict[str, Any]:
    for name in names:
        if name in kinds:
            return dict.fromkeys(kinds[name])
    return {}


_NODE_PROPS = {nt.label: nt.all_properties
               for nt in (*schema.NODE_TYPES, *schema.BOOKKEEPING)}
_REL_PROPS = {rt.type: rt.all_properties for rt in schema.REL_TYPES}


def _node(n: Node) -> dict[str, Any]:
    labels = sorted(n.labels)
    label = next((lb for lb in labels if lb in _NODE_PROPS), labels[0] if labels else None)
    out: dict[str, Any] = {"_ID": n.element_id, "_LABEL": label}
    out.update(_schema_props([label] if label else [], _NODE_PROPS))
    out.update({k: plain(v) for k, v in n.items()})
    return out


def _rel(r: Relationship) -> dict[str, Any]:
    out: dict[str, Any] = {
        "_ID": r.element_id,
        "_SRC": r.start_node.element_id if r.start_node is not None else None,
        "_DST": r.end_node.element_id if r.end_node is not None else None,
        "_LABEL": r.type,
    }
    out.update(_schema_props([r.type], _REL_PROPS))
    out.update({k: plain(v) for k, v in r.items()})
    return out


def plain(value: Any) -> Any:
    """Turn a value from the Neo4j driver into plain Python (recursively)."""
    if value is None or isinstance(value, (str, int, float, bool, bytes)):
        return value
    if isinstance(value, Node):
        return _node(value)
    if isinstance(value, Relationship):
        return _rel(value)
    if isinstance(value, Path):
        return {"_NODES": [_node(n) for n in value.nodes],
                "_RELS": [_rel(r) for r in value.relationships]}
    if isinstance(value, (Date, DateTime, Time)):
        return value.to_native()
    if isinstance(value, Duration):
        if value.months == 0:
            return dt.timedelta(days=value.days, seconds=value.seconds,
                                microseconds=value.nanoseconds // 1000)
        return value.iso_format()
    if isinstance(value, Point):
        return list(value)
    if isinstance(value, Mapping):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


# -- bulk reads --------------------------------------------------------------------
#
# The Python driver spends ~60 µs on every record it receives, whatever it holds; the
# server needs a fraction of that. The analysis graph reads 30,000 rows and more, so a
# read outside a transaction is sent as ``CALL () { <query> } RETURN collect([...])``: one
# record holding every row as a list, 5-10 times faster (see docs/neo4j.md). Its
# columns come from an ``EXPLAIN`` of the query (planned only, not run), cached per text.

#: first keyword of a query that may be wrapped
_READ_START = re.compile(r"^\s*(MATCH|OPTIONAL\s+MATCH|UNWIND|WITH|RETURN)\b", re.IGNORECASE)
#: anything that writes, calls procedures or changes the schema stays as it is
_NOT_PLAIN_READ = re.compile(
    r"\b(CREATE|MERGE|DELETE|DETACH|SET|REMOVE|FOREACH|LOAD|CALL|USE|TRANSACTIONS|"
    r"EXPLAIN|PROFILE)\b", re.IGNORECASE)
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_BULK_ALIAS = "kommunalgraph_rows"
#: query text -> its columns (wrap it) or None (send it as it is)
_BULK_COLUMNS: dict[str, tuple[str, ...] | None] = {}


def _strip_comments(cypher: str) -> str:
    return "\n".join(ln for ln in cypher.splitlines() if not ln.lstrip().startswith("//"))


def bulk_candidate(cypher: str) -> bool:
    """Whether ``cypher`` is a plain read that may be fetched as one list.

    >>> bulk_candidate("// x\\nMATCH (m:Municipality) RETURN m.ags AS ags")
    True
    >>> bulk_candidate("MATCH (n) DETACH DELETE n")
    False
    """
    body = _strip_comments(cypher)
    return bool(_READ_START.match(body)) and not _NOT_PLAIN_READ.search(body)


def bulk_statement(cypher: str, columns: Sequence[str]) -> str:
    """``cypher`` wrapped so that all its rows come back as one list of lists.

    >>> bulk_statement("MATCH (m) RETURN m.ags AS ags", ["ags"])
    'CALL () {\\nMATCH (m) RETURN m.ags AS ags\\n}\\nRETURN collect([`ags`]) AS kommunalgraph_rows'
    """
    return ("CALL () {\n" + _strip_comments(cypher).strip() + "\n}\nRETURN collect(["
            + ", ".join("`" + c + "`" for c in columns) + "]) AS " + _BULK_ALIAS)


def _chunks(rows: Sequence[Any], size: int = BATCH_SIZE) -> Iterator[Sequence[Any]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def _wrap(e: Exception, what: str = "Neo4j query failed") -> StoreError:
    """The kommunalgraph error for a driver error ``e`` (raise it ``from e``)."""
    code = getattr(e, "code", None) or ""
    text = getattr(e, "message", None) or str(e)
    if isinstance(e, _UNAVAILABLE) or code in _UNAVAILABLE_CODES:
        return StoreUnavailable(
            f"Neo4j unavailable: {text}",
            f"Die Neo4j-Datenbank ist nicht erreichbar: {text}",
        )
    if isinstance(e, Neo4jError):
        return QueryFailed(f"{what}: {code}: {text}", f"Abfrage fehlgeschlagen: {text}")
    return StoreError(f"{what}: {text}", f"Neo4j-Fehler: {text}")


# -- the store -------------------------------------------------------------------

class Neo4jStore(GraphStore):
    """A Neo4j 5 database reached through a driver (``bolt://``, ``neo4j://``, ...)."""

    backend = "neo4j"

    def __init__(self, driver: Driver, *, database: str | None = None,
                 read_only: bool = False, owns_driver: bool = False,
                 uri: str | None = None) -> None:
        """Use ``driver`` (built by the caller, or by :meth:`from_env`).

        ``database`` is the Neo4j database name (``None``: the server's
        default). With ``owns_driver`` :meth:`close` closes the driver too.
        Like the Ladybug store, a writable store creates its schema at once.
        """
        self._driver: Driver | None = driver
        self.database = database
        self.read_only = read_only
        self.uri = uri
        self._owns_driver = owns_driver
        self._local = threading.local()
        if not read_only:
            self.init_schema()

    @classmethod
    def from_env(cls, uri: str, read_only: bool = False) -> Neo4jStore:
        """Connect to ``uri`` with ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``.

        Without ``NEO4J_PASSWORD`` the driver connects without authentication
        (a server started with ``NEO4J_AUTH=none``). An unreachable server or
        bad credentials raise :class:`StoreUnavailable`.
        """
        user = os.environ.get("NEO4J_USER") or "neo4j"
        password = os.environ.get("NEO4J_PASSWORD")
        database = os.environ.get("NEO4J_DATABASE") or None
        auth = (user, password) if password is not None else None
        driver = None
        try:
            # counts() asks for every schema label, also those not in the
            # database yet: the server's "unknown label" notices are noise
            driver = GraphDatabase.driver(
                uri, auth=auth, notifications_min_severity="WARNING",
                notifications_disabled_classifications=["UNRECOGNIZED"],
            )
            driver.verify_connectivity()  # a missing database shows at init_schema()
        except (Neo4jError, DriverError, ValueError, OSError) as e:
            if driver is not None:
                driver.close()
            raise StoreUnavailable(
                f"cannot reach Neo4j at {uri}: {e}",
                f"Neo4j unter {uri} ist nicht erreichbar. Läuft der Server "
                "(docker compose up -d) und stimmen NEO4J_USER/NEO4J_PASSWORD?",
            ) from e
        try:
            return cls(driver, database=database, read_only=read_only,
                       owns_driver=True, uri=uri)
        except BaseException:
            driver.close()
            raise

    # -- lifecycle -----------------------------------------------------------
    def init_schema(self) -> None:
        """Create the constraints and indexes (each in its own transaction).

        Neo4j does not allow schema changes in a transaction that writes, so
        this runs outside any :meth:`transaction` of the calling thread.
        """
        self._check_writable()
        for q in constraint_statements() + index_statements():
            self._auto(q, {}, write=True)

    def close(self) -> None:
        driver, self._driver = self._driver, None
        if driver is not None and self._owns_driver:
            driver.close()

    # -- reads ---------------------------------------------------------------
    def _drv(self) -> Driver:
        if self._driver is None:
            raise StoreError("store is closed", "Der Datenbestand ist geschlossen.")
        return self._driver

    def _tx(self) -> Any:
        return getattr(self._local, "tx", None)

    def change_token(self) -> tuple[str, ...]:
        """The bookmark of the database's last committed transaction, as a read session
        sees it (one round trip): every commit, from any client, gives a new one."""
        try:
            with self._drv().session(database=self.database,
                                     default_access_mode=READ_ACCESS) as session:
                session.run("RETURN 1").consume()
                return tuple(sorted(session.last_bookmarks().raw_values))
        except (Neo4jError, DriverError) as e:
            raise _wrap(e) from e

    def _auto(self, cypher: str, params: Mapping[str, Any], *, write: bool) -> list[dict]:
        routing = RoutingControl.WRITE if write else RoutingControl.READ
        try:
            return self._drv().execute_query(
                cypher, dict(params), routing_=routing, database_=self.database,
                result_transformer_=_records,
            )
        except (Neo4jError, DriverError) as e:
            raise _wrap(e) from e

    def _bulk_columns(self, cypher: str, params: Mapping[str, Any]) -> tuple[str, ...] | None:
        if cypher in _BULK_COLUMNS:
            return _BULK_COLUMNS[cypher]
        columns: tuple[str, ...] | None = None
        if bulk_candidate(cypher):
            try:
                keys = self._drv().execute_query(
                    "EXPLAIN " + cypher, dict(params), routing_=RoutingControl.READ,
                    database_=self.database, result_transformer_=_keys)
            except (Neo4jError, DriverError):
                keys = ()  # the real run reports the error
            if keys and len(set(keys)) == len(keys) and all(_NAME.match(k) for k in keys):
                columns = tuple(keys)
        _BULK_COLUMNS[cypher] = columns
        return columns

    def _auto_bulk(self, cypher: str, params: Mapping[str, Any]) -> list[dict] | None:
        """The rows of a plain read fetched as one list, or None where that does not apply."""
        columns = self._bulk_columns(cypher, params)
        if columns is None:
            return None
        try:
            rows = self._drv().execute_query(
                bulk_statement(cypher, columns), dict(params), routing_=RoutingControl.READ,
                database_=self.database, result_transformer_=_single_value)
        except (Neo4jError, DriverError):
            _BULK_COLUMNS[cypher] = None  # send it as it is from now on (and report from there)
            return None
        return [{c: plain(v) for c, v in zip(columns, row, strict=True)} for row in rows]

    def run(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        tx = self._tx()
        if tx is None:
            rows = self._auto_bulk(cypher, params or {})
            if rows is not None:
                return rows
            return self._auto(cypher, params or {}, write=not self.read_only)
        try:
            return _records(tx.run(cypher, dict(params or {})))
        except (Neo4jError, DriverError) as e:
            raise _wrap(e) from e

    # -- writes --------------------------------------------------------------
    def _check_writable(self) -> None:
        if self.read_only:
            raise QueryFailed("the store is opened read-only",
                              "Der Datenbestand ist nur zum Lesen geöffnet.")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._tx() is not None:  # nested: the outer transaction decides
            yield
            return
        mode = READ_ACCESS if self.read_only else WRITE_ACCESS
        try:
            session = self._drv().session(database=self.database, default_access_mode=mode)
        except (Neo4jError, DriverError) as e:
            raise _wrap(e) from e
        try:
            try:
                tx = session.begin_transaction()
            except (Neo4jError, DriverError) as e:
                raise _wrap(e) from e
            self._local.tx = tx
            try:
                yield
            except BaseException:
                self._local.tx = None
                try:
                    tx.rollback()
                except (Neo4jError, DriverError):
                    pass  # the server already ended the failed transaction
                raise
            self._local.tx = None
            try:
                tx.commit()
            except (Neo4jError, DriverError) as e:
                raise _wrap(e, "Neo4j commit failed") from e
            self.write_count += 1
        finally:
            self._local.tx = None
            session.close()

    def upsert_nodes(self, label: str, rows: Sequence[Row]) -> int:
        unique = node_rows(label, rows)
        if not unique:
            return 0
        self._check_writable()
        q = upsert_statement(label)
        data = list(unique.values())
        with self.transaction():
            for chunk in _chunks(data):
                self.run(q, {"rows": list(chunk)})
        return len(unique)

    def set_node_properties(self, label: str, rows: Sequence[Row]) -> int:
        data = property_rows(label, rows)  # a row with only the key sets nothing
        if not data:
            return 0
        self._check_writable()
        q = set_properties_statement(label)
        matched = 0
        with self.transaction():
            for chunk in _chunks(data):
                matched += int(self.run(q, {"rows": list(chunk)})[0]["c"])
        return matched

    def create_relationships(
        self, rel: str, from_label: str, to_label: str, rows: Sequence[Row]
    ) -> int:
        props = schema.rel_type(rel).all_properties
        data = [{"src": str(row["from"]), "dst": str(row["to"]),
                 "props": {p: coerce(row.get(p), t) for p, t in props.items()
                           if row.get(p) is not None}}
                for row in rel_rows(rel, from_label, to_label, rows)]
        if not data:
            return 0
        self._check_writable()
        q = relationship_statement(rel, from_label, to_label)
        with self.transaction():
            for chunk in _chunks(data):
                created = int(self.run(q, {"rows": list(chunk)})[0]["c"])
                if created != len(chunk):
                    self._missing_endpoints(rel, from_label, to_label, chunk)
        return len(data)

    def _missing_endpoints(self, rel: str, from_label: str, to_label: str,
                           chunk: Sequence[dict[str, Any]]) -> None:
        missing = []
        for label, end in ((from_label, "src"), (to_label, "dst")):
            keys = sorted({r[end] for r in chunk})
            found = self.run(missing_keys_statement(label), {"keys": keys})
            missing += [f"{label} {r['k']}" for r in found]
        shown = ", ".join(missing[:10]) + (" ..." if len(missing) > 10 else "")
        raise StoreError(
            f"{rel}: end nodes missing: {shown}",
            f"{rel}: Endknoten fehlen: {shown}",
        )

    def delete_facts(self, importer: str, dataset: str | None = None) -> int:
        self._check_writable()
        deleted = 0
        params = {"imp": importer, "ds": dataset}
        with self.transaction():
            for rt in schema.REL_TYPES:
                rows = self.run(delete_statement(rt.type, dataset is not None), params)
                deleted += int(rows[0]["c"]) if rows else 0
        return deleted


def _keys(result: Any) -> tuple[str, ...]:
    keys = tuple(result.keys())
    result.consume()
    return keys


def _single_value(result: Any) -> list[Any]:
    record = result.single(strict=True)
    return list(record[0] or [])


def _records(result: Any) -> list[dict[str, Any]]:
    return [{k: plain(v) for k, v in record.items()} for record in result]
