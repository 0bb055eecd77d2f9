"""Where the Neo4j tests find their server, and why they skip without one.

``make test`` (and ``.ci/run``) starts a real Neo4j 5 with ``tools/neo4j-test-server``
and exports ``NEO4J_URI``, ``NEO4J_USER`` and ``NEO4J_PASSWORD``. Without java or mvn
it exports ``KOMMUNALGRAPH_NEO4J_SKIP`` with the reason instead, which the skipped
tests show. The server is a throw-away one: tests empty its database.
"""

from __future__ import annotations

import os

import pytest

from kommunalgraph.graph.neo4j_store import Neo4jStore

NEO4J_URI = os.environ.get("NEO4J_URI") or ""

#: the visible reason when the Neo4j tests skip
SKIP_REASON = (os.environ.get("KOMMUNALGRAPH_NEO4J_SKIP")
               or "NEO4J_URI nicht gesetzt: kein Neo4j-Server (make test startet einen)")

#: marks for a test (or param) that needs the server
NEEDS_NEO4J = [pytest.mark.neo4j, pytest.mark.skipif(not NEO4J_URI, reason=SKIP_REASON)]


def open_neo4j(*, empty: bool) -> Neo4jStore:
    """The test server's database (emptied first with ``empty``)."""
    s = Neo4jStore.from_env(NEO4J_URI)
    if empty:
        wipe(s)
    return s


def wipe(store: Neo4jStore) -> None:
    """Delete every node and relationship (constraints and indexes stay)."""
    store.run("MATCH (n) DETACH DELETE n")
