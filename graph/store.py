"""The ``GraphStore`` interface that both backends implement.

Code receives a store and never builds one, except at the edges (CLI, web,
tests), which call :func:`kommunalgraph.graph.open.open_store`.

Write model
-----------
Importers never write Cypher. They hand rows to three operations, all inside
one :meth:`GraphStore.transaction`:

* :meth:`GraphStore.upsert_nodes` merges nodes on their natural key and sets
  exactly the properties present in the rows (others stay untouched);
* :meth:`GraphStore.delete_facts` removes the relationships that an earlier
  run of the same importer wrote from the same dataset;
* :meth:`GraphStore.create_relationships` writes relationships between
  existing nodes.

Delete-then-create per ``(importer, dataset)`` makes imports idempotent, and
the transaction makes a failed import leave the store as it was.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from . import schema
from .schema import MUNICIPALITY

__all__ = ["GraphStore"]

Row = Mapping[str, Any]


class GraphStore(ABC):
    """One graph database, embedded (Ladybug) or server (Neo4j)."""

    #: "ladybug" or "neo4j": picks per-backend query files
    backend: str = ""
    read_only: bool = False
    #: transactions committed through this store object (``transaction`` counts
    #: them); readers key in-process caches on it together with ``change_token``
    write_count: int = 0

    # -- lifecycle -----------------------------------------------------------
    @abstractmethod
    def init_schema(self) -> None:
        """Create node tables / constraints and relationship tables. Idempotent."""

    @abstractmethod
    def close(self) -> None:
        """Release the database."""

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reads ---------------------------------------------------------------
    @abstractmethod
    def run(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one Cypher statement and return its rows as dicts keyed by column."""

    def counts(self) -> dict[str, dict[str, int]]:
        """Count nodes per label and relationships per type (all schema names)."""
        nodes = {}
        for nt in schema.NODE_TYPES:
            q = "MATCH (n:" + schema.quote(nt.label) + ") RETURN count(n) AS c"
            nodes[nt.label] = int(self.run(q)[0]["c"])
        rels = {}
        for rt in schema.REL_TYPES:
            q = "MATCH ()-[r:" + schema.quote(rt.type) + "]->() RETURN count(r) AS c"
            rels[rt.type] = int(self.run(q)[0]["c"])
        return {"nodes": nodes, "relationships": rels}

    def existing_keys(self, label: str) -> set[str]:
        """All natural keys of ``label`` currently in the store."""
        nt = schema.node_type(label)
        q = ("MATCH (n:" + schema.quote(nt.label) + ") RETURN n." + schema.quote(nt.key)
             + " AS k")
        return {r["k"] for r in self.run(q)}

    @abstractmethod
    def change_token(self) -> Any:
        """A cheap, hashable value that differs whenever the stored data may have changed
        (a commit from this or any other client).

        Readers cache whole-graph work and rendered answers per token.
        """

    def is_empty(self) -> bool:
        return self.counts()["nodes"][MUNICIPALITY] == 0

    # -- writes --------------------------------------------------------------
    @abstractmethod
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All writes inside are committed together or not at all.

        The outermost transaction adds one to ``write_count`` when it commits.
        """

    @abstractmethod
    def upsert_nodes(self, label: str, rows: Sequence[Row]) -> int:
        """Merge nodes on their key; set the properties present in each row."""

    @abstractmethod
    def create_relationships(
        self, rel: str, from_label: str, to_label: str, rows: Sequence[Row]
    ) -> int:
        """Create relationships; each row has ``from`` and ``to`` keys plus properties.

        Both end nodes must exist; a missing one raises ``StoreError``.
        """

    @abstractmethod
    def delete_facts(self, importer: str, dataset: str | None = None) -> int:
        """Delete the relationships written by ``importer`` (from ``dataset``)."""

    @abstractmethod
    def set_node_properties(self, label: str, rows: Sequence[Row]) -> int:
        """Set properties on existing nodes only (rows hold the key); returns matches."""
