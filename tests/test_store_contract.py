"""One contract for every GraphStore backend.

Each test runs once per backend: "ladybug" always (a real embedded store in
tmp_path), "neo4j" when NEO4J_URI names a server (NEO4J_USER,
NEO4J_PASSWORD, NEO4J_DATABASE as for the CLI); `make test` starts one with
tools/neo4j-test-server. The Neo4j database is emptied before each test:
point NEO4J_URI at a throw-away server only.

The last part runs every named query (queries/cypher, and graph/cypher) on a
small hand-built graph around Witten. Query parameters come from a
``// params: {...}`` line in the query file's header comment if it has one,
else from QUERY_PARAMS below by parameter name (see docs/neo4j.md).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from neo4j_fixtures import NEEDS_NEO4J, open_neo4j

from kommunalgraph.graph import schema
from kommunalgraph.graph.errors import StoreError, StoreUnavailable
from kommunalgraph.graph.schema import MUNICIPALITY
from kommunalgraph.graph.store import GraphStore
from kommunalgraph.queries import cypher_files

REPO = Path(__file__).resolve().parent.parent
BACKENDS = [
    pytest.param("ladybug", id="ladybug"),
    pytest.param("neo4j", id="neo4j", marks=NEEDS_NEO4J),
]


def _open(backend: str, path: Path) -> GraphStore:
    if backend == "ladybug":
        from kommunalgraph.graph.ladybug_store import LadybugStore

        return LadybugStore(path / "store")
    return open_neo4j(empty=True)


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty store with the schema, per backend (overrides conftest's)."""
    s = _open(request.param, tmp_path)
    yield s
    s.close()


def _total(store: GraphStore) -> tuple[int, int]:
    c = store.counts()
    return sum(c["nodes"].values()), sum(c["relationships"].values())


# -- lifecycle and reads ---------------------------------------------------------

def test_init_schema_is_idempotent(store: GraphStore) -> None:
    store.init_schema()
    store.init_schema()
    assert _total(store) == (0, 0)
    assert store.is_empty()
    store.upsert_nodes("State", [{"key": "05", "name": "Nordrhein-Westfalen"}])
    store.init_schema()
    assert store.existing_keys("State") == {"05"}


def test_counts_name_every_schema_label_and_type(store: GraphStore) -> None:
    store.upsert_nodes("State", [{"key": "05"}, {"key": "06"}])
    c = store.counts()
    assert set(c["nodes"]) == {nt.label for nt in schema.NODE_TYPES}
    assert set(c["relationships"]) == {rt.type for rt in schema.REL_TYPES}
    assert c["nodes"]["State"] == 2
    assert c["nodes"]["Municipality"] == 0
    assert all(isinstance(v, int) for v in c["nodes"].values())


def test_existing_keys(store: GraphStore) -> None:
    assert store.existing_keys("Municipality") == set()
    store.upsert_nodes("Municipality", [{"ags": "05954036"}, {"ags": "05954020"}])
    assert store.existing_keys("Municipality") == {"05954036", "05954020"}
    with pytest.raises(KeyError):
        store.existing_keys("Gemeinde")


def test_run_binds_parameters_and_returns_plain_values(store: GraphStore) -> None:
    store.upsert_nodes("Municipality", [
        {"ags": "05954036", "name": "Witten", "population": 95000, "area_km2": 72.4,
         "has_strategy": True},
        {"ags": "05954020", "name": "Herdecke", "population": 22000},
    ])
    rows = store.run(
        "MATCH (m:Municipality) WHERE m.population > $min RETURN m.ags AS ags, m.name AS name,"
        " m.population AS pop, m.area_km2 AS area, m.has_strategy AS s, m.lat AS lat"
        " ORDER BY ags",
        {"min": 50000},
    )
    assert rows == [{"ags": "05954036", "name": "Witten", "pop": 95000, "area": 72.4,
                     "s": True, "lat": None}]
    assert type(rows[0]["pop"]) is int and type(rows[0]["area"]) is float
    rows = store.run("MATCH (m:Municipality) WHERE m.ags IN $keys RETURN count(*) AS c",
                     {"keys": ["05954020", "x"]})
    assert rows == [{"c": 1}]
    node = store.run("MATCH (m:Municipality {ags: $ags}) RETURN m", {"ags": "05954020"})[0]["m"]
    assert node["_LABEL"] == "Municipality"
    assert node["name"] == "Herdecke" and node["population"] == 22000
    assert node["lat"] is None  # unset schema properties read as None on both backends


def test_large_reads_keep_order_values_and_unions(store: GraphStore) -> None:
    """Neo4j fetches plain reads as one list (docs/neo4j.md): rows as if sent one by one."""
    store.upsert_nodes("Municipality", [
        {"ags": f"{i:08d}", "name": f"Gemeinde {i}", "population": i, "area_km2": i / 4}
        for i in range(3000)])
    store.upsert_nodes("District", [{"key": "05954", "name": "Ennepe-Ruhr-Kreis"}])
    rows = store.run("// a header comment\nMATCH (m:Municipality) WHERE m.population >= $min"
                     " RETURN m.population AS p, m.area_km2 AS a, m ORDER BY p DESC",
                     {"min": 10})
    assert [r["p"] for r in rows] == list(range(2999, 9, -1))
    assert rows[0]["a"] == 749.75 and type(rows[-1]["a"]) is float
    assert rows[0]["m"]["name"] == "Gemeinde 2999" and rows[0]["m"]["_LABEL"] == "Municipality"
    rows = store.run("MATCH (m:Municipality) WHERE m.population < 2 RETURN m.name AS name"
                     " UNION ALL MATCH (d:District) RETURN d.name AS name")
    assert sorted(r["name"] for r in rows) == ["Ennepe-Ruhr-Kreis", "Gemeinde 0", "Gemeinde 1"]
    assert store.run("MATCH (m:Municipality) WHERE m.population < 0 RETURN m.ags AS a") == []
    assert store.run("UNWIND $xs AS x RETURN x AS x, x * 2 AS y ORDER BY x",
                     {"xs": [3, 1, 2]}) == [{"x": 1, "y": 2}, {"x": 2, "y": 4}, {"x": 3, "y": 6}]


# -- writes ----------------------------------------------------------------------

def test_update_with_a_typed_property_null_in_every_row(store: GraphStore) -> None:
    """A re-import may send a boolean or number that is empty on every row."""
    store.upsert_nodes("Project", [{"id": "a", "open_source": True, "name": "x"},
                                   {"id": "b", "open_source": False}])
    store.upsert_nodes("Project", [{"id": "a", "open_source": None, "start_date": None},
                                   {"id": "b", "open_source": None, "start_date": None}])
    store.upsert_nodes("Municipality", [{"ags": "05954036", "population": 1}])
    store.upsert_nodes("Municipality", [{"ags": "05954036", "population": None, "lat": None}])
    rows = store.run("MATCH (p:Project) RETURN p.id AS id, p.open_source AS o, p.name AS n"
                     " ORDER BY id")
    assert rows == [{"id": "a", "o": None, "n": "x"}, {"id": "b", "o": None, "n": None}]
    assert store.run("MATCH (m:Municipality) RETURN m.population AS p") == [{"p": None}]


def test_upsert_inserts_then_updates_only_given_properties(store: GraphStore) -> None:
    n = store.upsert_nodes("Municipality", [
        {"ags": "05954036", "name": "Witten", "population": "95000", "postcode": "58452"},
    ])
    assert n == 1
    assert store.upsert_nodes("Municipality", [{"ags": "05954036", "population": 96000}]) == 1
    rows = store.run("MATCH (m:Municipality) RETURN m.name AS name, m.population AS pop,"
                     " m.postcode AS plz, m.area_km2 AS area")
    assert rows == [{"name": "Witten", "pop": 96000, "plz": "58452", "area": None}]
    # an explicit None clears the property
    store.upsert_nodes("Municipality", [{"ags": "05954036", "postcode": None}])
    assert store.run("MATCH (m:Municipality) RETURN m.postcode AS p") == [{"p": None}]


def test_upsert_dedupes_and_coerces_like_the_schema_says(store: GraphStore) -> None:
    n = store.upsert_nodes("Municipality", [
        {"ags": "05954036", "name": "Witten", "population": "95000"},
        {"ags": "05954036", "area_km2": "72"},  # same key: merged, later rows win
        {"ags": 5954020, "name": "Herdecke", "has_strategy": 1},  # key coerced to str
        {"ags": "05954036", "name": "Witten, Stadt"},
    ])
    assert n == 2
    rows = store.run("MATCH (m:Municipality) RETURN m.ags AS ags, m.name AS name,"
                     " m.population AS pop, m.area_km2 AS area, m.has_strategy AS s"
                     " ORDER BY ags")
    assert rows == [
        {"ags": "05954036", "name": "Witten, Stadt", "pop": 95000, "area": 72.0, "s": None},
        {"ags": "5954020", "name": "Herdecke", "pop": None, "area": None, "s": True},
    ]
    assert store.upsert_nodes("Municipality", []) == 0


def test_upsert_rejects_bad_rows_before_writing(store: GraphStore) -> None:
    with pytest.raises(StoreError):
        store.upsert_nodes("Municipality", [{"ags": "1"}, {"ags": "2", "inhabitants": 5}])
    with pytest.raises(StoreError):
        store.upsert_nodes("Municipality", [{"name": "ohne Schlüssel"}])
    with pytest.raises(StoreError):
        store.upsert_nodes("Municipality", [{"ags": ""}])
    with pytest.raises(KeyError):
        store.upsert_nodes("Gemeinde", [{"ags": "1"}])
    assert _total(store) == (0, 0)


def test_set_node_properties_touches_existing_nodes_only(store: GraphStore) -> None:
    store.upsert_nodes("Municipality", [{"ags": "05954036", "name": "Witten"},
                                        {"ags": "05954020", "name": "Herdecke"}])
    matched = store.set_node_properties("Municipality", [
        {"ags": "05954036", "degree": 3, "pagerank": "0.25"},
        {"ags": "05954020", "degree": 2},
        {"ags": "09999999", "degree": 1},  # not there: not created
        {"ags": "05954020"},  # nothing to set
    ])
    assert matched == 2
    assert store.existing_keys("Municipality") == {"05954036", "05954020"}
    rows = store.run("MATCH (m:Municipality) RETURN m.ags AS ags, m.name AS name,"
                     " m.degree AS d, m.pagerank AS pr ORDER BY ags")
    assert rows == [
        {"ags": "05954020", "name": "Herdecke", "d": 2, "pr": None},
        {"ags": "05954036", "name": "Witten", "d": 3, "pr": 0.25},
    ]
    assert store.set_node_properties("Municipality", []) == 0


def _two_towns(store: GraphStore) -> None:
    store.upsert_nodes("Municipality", [{"ags": "05954036", "name": "Witten"},
                                        {"ags": "05954020", "name": "Herdecke"},
                                        {"ags": "05954032", "name": "Wetter (Ruhr)"}])


def test_create_relationships(store: GraphStore) -> None:
    _two_towns(store)
    store.upsert_nodes("Project", [{"id": "p1", "name": "Projekt"}])
    n = store.create_relationships("NEIGHBOUR_OF", "Municipality", "Municipality", [
        {"from": "05954036", "to": "05954020", "importer": "bkg", "dataset": "vg250"},
        {"from": "05954036", "to": "05954020", "importer": "bkg", "dataset": "doppelt"},
        {"from": "05954020", "to": "05954032", "importer": "bkg", "dataset": "vg250"},
    ])
    assert n == 2  # (from, to) pairs are de-duplicated, the first row wins
    store.create_relationships("PARTICIPATES_IN", "Municipality", "Project", [
        {"from": "05954036", "to": "p1", "role": "lead", "importer": "projects"},
    ])
    assert store.counts()["relationships"]["NEIGHBOUR_OF"] == 2
    rows = store.run("MATCH (a:Municipality)-[r:NEIGHBOUR_OF]->(b:Municipality)"
                     " RETURN a.ags AS src, b.ags AS dst, r.dataset AS ds ORDER BY src")
    assert rows == [{"src": "05954020", "dst": "05954032", "ds": "vg250"},
                    {"src": "05954036", "dst": "05954020", "ds": "vg250"}]
    rows = store.run("MATCH (:Municipality)-[r:PARTICIPATES_IN]->(p:Project)"
                     " RETURN p.id AS id, r.role AS role, r.status AS status")
    assert rows == [{"id": "p1", "role": "lead", "status": None}]
    assert store.create_relationships("NEIGHBOUR_OF", "Municipality", "Municipality", []) == 0


def test_create_relationships_with_missing_end_node_fails_and_writes_nothing(
    store: GraphStore,
) -> None:
    _two_towns(store)
    before = _total(store)
    with pytest.raises(StoreError):
        store.create_relationships("NEIGHBOUR_OF", "Municipality", "Municipality", [
            {"from": "05954036", "to": "05954020"},
            {"from": "05954036", "to": "09999999"},
        ])
    assert _total(store) == before
    with pytest.raises(StoreError):  # a pair the schema does not allow
        store.create_relationships("NEIGHBOUR_OF", "Municipality", "District",
                                   [{"from": "05954036", "to": "05954"}])
    with pytest.raises(StoreError):
        store.create_relationships("NEIGHBOUR_OF", "Municipality", "Municipality",
                                   [{"from": "05954036", "to": "05954020", "weight": 1}])
    with pytest.raises(StoreError, match="without 'from' or 'to'"):
        store.create_relationships("NEIGHBOUR_OF", "Municipality", "Municipality",
                                   [{"from": "05954036"}])
    assert _total(store) == before


def test_delete_facts_is_scoped_to_importer_and_dataset(store: GraphStore) -> None:
    _two_towns(store)
    store.upsert_nodes("Organisation", [{"id": "o1", "name": "IT-Dienstleister"}])
    store.create_relationships("NEIGHBOUR_OF", "Municipality", "Municipality", [
        {"from": "05954036", "to": "05954020", "importer": "bkg", "dataset": "a.csv"},
        {"from": "05954020", "to": "05954032", "importer": "bkg", "dataset": "b.csv"},
        {"from": "05954036", "to": "05954032", "importer": "andere", "dataset": "a.csv"},
    ])
    store.create_relationships("SERVED_BY", "Municipality", "Organisation", [
        {"from": "05954036", "to": "o1", "importer": "bkg", "dataset": "a.csv"},
    ])
    assert store.delete_facts("bkg", "a.csv") == 2
    rels = store.counts()["relationships"]
    assert rels["NEIGHBOUR_OF"] == 2 and rels["SERVED_BY"] == 0
    assert store.delete_facts("bkg", "a.csv") == 0
    assert store.delete_facts("bkg") == 1
    rows = store.run("MATCH ()-[r:NEIGHBOUR_OF]->() RETURN r.importer AS i")
    assert rows == [{"i": "andere"}]
    assert store.counts()["nodes"]["Municipality"] == 3  # nodes stay


def test_transaction_commits_together(store: GraphStore) -> None:
    with store.transaction():
        _two_towns(store)
        with store.transaction():  # nested: joins the outer one
            store.create_relationships("NEIGHBOUR_OF", "Municipality", "Municipality",
                                       [{"from": "05954036", "to": "05954020"}])
        assert store.existing_keys("Municipality") == {"05954036", "05954020", "05954032"}
    assert _total(store) == (3, 1)


def test_change_token_moves_with_every_commit_and_only_then(store: GraphStore) -> None:
    """Readers cache per change token: it stays while reading and moves with each commit;
    the store counts the transactions committed through it (``write_count``)."""
    _two_towns(store)
    token, count = store.change_token(), store.write_count
    hash(token)
    store.run("MATCH (m:Municipality) RETURN count(m) AS c")
    store.counts()
    assert store.change_token() == token and store.write_count == count
    with store.transaction():
        store.set_node_properties(MUNICIPALITY, [{"ags": "05954036", "population": 1}])
        store.set_node_properties(MUNICIPALITY, [{"ags": "05954020", "population": 2}])
    assert store.change_token() != token
    assert store.write_count == count + 1  # one outer transaction


def test_transaction_rollback_leaves_counts_unchanged(store: GraphStore) -> None:
    _two_towns(store)
    before = store.counts()
    with pytest.raises(RuntimeError, match="Abbruch"):
        with store.transaction():
            store.upsert_nodes("Municipality", [{"ags": "05911000", "name": "Bochum"},
                                                {"ags": "05954036", "population": 1}])
            store.create_relationships("NEIGHBOUR_OF", "Municipality", "Municipality",
                                       [{"from": "05911000", "to": "05954036"}])
            store.delete_facts("nobody")
            with store.transaction():
                store.set_node_properties("Municipality", [{"ags": "05954020", "degree": 9}])
                raise RuntimeError("Abbruch")
    assert store.counts() == before
    rows = store.run("MATCH (m:Municipality) RETURN m.population AS p, m.degree AS d")
    assert all(r == {"p": None, "d": None} for r in rows)
    # and the store still works afterwards
    _two_towns(store)
    assert store.counts() == before


def test_failed_write_inside_transaction_rolls_back(store: GraphStore) -> None:
    _two_towns(store)
    before = store.counts()
    with pytest.raises(StoreError):
        with store.transaction():
            store.upsert_nodes("Project", [{"id": "p1"}])
            store.create_relationships("PARTICIPATES_IN", "Municipality", "Project",
                                       [{"from": "09999999", "to": "p1"}])
    assert store.counts() == before


# -- imports: idempotent and atomic, through the real importers ---------------------

DESTATIS = REPO / "tests" / "fixtures" / "destatis"
OZG = REPO / "tests" / "fixtures" / "ozg"


def snapshot(store: GraphStore) -> dict[str, Any]:
    """Every node and relationship with all properties, keyed by natural keys (no ids)."""
    out: dict[str, Any] = {}
    for nt in schema.NODE_TYPES:
        rows = store.run("MATCH (n:" + schema.quote(nt.label) + ") RETURN n")
        nodes = [{k: v for k, v in r["n"].items() if k not in ("_ID", "_LABEL")} for r in rows]
        out[nt.label] = sorted(nodes, key=_sort_key)
    for rt in schema.REL_TYPES:
        for a, b in rt.pairs:
            ka, kb = schema.node_type(a), schema.node_type(b)
            rows = store.run(
                "MATCH (a:" + schema.quote(a) + ")-[r:" + schema.quote(rt.type) + "]->(b:"
                + schema.quote(b) + ") RETURN a." + schema.quote(ka.key) + " AS src, b."
                + schema.quote(kb.key) + " AS dst, r")
            rels = [{"src": r["src"], "dst": r["dst"],
                     **{k: v for k, v in r["r"].items() if not k.startswith("_")}}
                    for r in rows]
            out[f"{rt.type} {a}->{b}"] = sorted(rels, key=_sort_key)
    return out


def _import_fixtures(store: GraphStore) -> list[Any]:
    from kommunalgraph.importers.pipeline import run_import

    reports = run_import(store, "gv100ad", [DESTATIS / "GV100AD_excerpt.txt"])
    reports += run_import(store, "gv-auszug", [DESTATIS / "AuszugGV_excerpt_2020-12-31.csv"])
    reports += run_import(store, "ozg", [OZG])
    return [(r.importer, r.dataset) for r in reports]


def test_second_import_changes_nothing(store: GraphStore) -> None:
    first = _import_fixtures(store)
    before = snapshot(store)
    assert len(before["Municipality"]) > 10 and before["IN_DISTRICT Municipality->District"]
    assert before["OZGService"]
    assert _import_fixtures(store) == first
    assert snapshot(store) == before


def test_bad_row_leaves_the_database_as_it_was(store: GraphStore, tmp_path: Path) -> None:
    from kommunalgraph.graph.errors import ImportFailed
    from kommunalgraph.importers.pipeline import run_import

    good = DESTATIS / "GV100AD_excerpt.txt"
    run_import(store, "gv100ad", [good])
    before = snapshot(store)
    lines = good.read_text("utf-8").split("\n")
    number = next(i for i, ln in enumerate(lines, 1) if ln.startswith("60") and i > 20)
    row = lines[number - 1]
    lines[number - 1] = row[:139] + "elftausend " + row[150:]  # population not a number
    bad = tmp_path / good.name  # same dataset: a re-import that replaces the first
    bad.write_text("\n".join(lines), "utf-8")
    with pytest.raises(ImportFailed) as e:
        run_import(store, "gv100ad", [bad])
    assert (e.value.line, e.value.field) == (number, "Bevölkerung")
    assert snapshot(store) == before


def test_failure_while_writing_rolls_back_every_import_of_the_transaction(
    store: GraphStore,
) -> None:
    """Nodes written, then a relationship to a missing node: nothing stays."""
    from kommunalgraph.importers.base import ImportReport, Plan, apply_plan
    from kommunalgraph.importers.pipeline import run_import

    run_import(store, "gv100ad", [DESTATIS / "GV100AD_excerpt.txt"])
    before = snapshot(store)
    plan = Plan(ImportReport("contract", "broken.csv"))
    plan.add_nodes("Project", [{"id": "p-neu", "name": "Neu", "importer": "contract"}])
    plan.add_relationships("PARTICIPATES_IN", "Municipality", "Project",
                           [{"from": "09999999", "to": "p-neu", "importer": "contract"}])
    with pytest.raises(StoreError, match="09999999"):
        with store.transaction():
            run_import(store, "ozg", [OZG])  # would succeed on its own
            apply_plan(store, plan)
    assert snapshot(store) == before


def test_unreachable_neo4j_is_store_unavailable() -> None:
    """No server needed: a refused connection must be a StoreUnavailable in German."""
    from kommunalgraph.graph.open import open_store

    with pytest.raises(StoreUnavailable) as e:
        open_store("bolt://127.0.0.1:9")
    assert "nicht erreichbar" in e.value.message_de


def test_neo4j_store_without_server_fails_in_german_and_refuses_writes_when_read_only(
) -> None:
    """No server needed: a real driver pointed at a closed port."""
    from neo4j import GraphDatabase

    from kommunalgraph.graph.errors import QueryFailed
    from kommunalgraph.graph.neo4j_store import Neo4jStore

    driver = GraphDatabase.driver("bolt://127.0.0.1:9", max_transaction_retry_time=0.1)
    try:
        s = Neo4jStore(driver, read_only=True)  # a read-only store does not touch the schema
        assert s.backend == "neo4j"
        with pytest.raises(QueryFailed) as e:
            s.upsert_nodes("State", [{"key": "05"}])
        assert "nur zum Lesen" in e.value.message_de
        with pytest.raises(QueryFailed):
            s.delete_facts("gv100ad")
        with pytest.raises(StoreUnavailable) as e:
            s.run("RETURN 1 AS x")
        assert isinstance(e.value.__cause__, Exception) and "nicht erreichbar" in e.value.message_de
        with pytest.raises(StoreUnavailable):
            with s.transaction():
                pass
        s.close()
        with pytest.raises(StoreError):
            s.run("RETURN 1 AS x")
    finally:
        driver.close()


# -- named queries on a hand-built graph -------------------------------------------

#: Value per parameter name for query files without a ``// params:`` header.
#: A new parameter name needs an entry here or a header in its file.
QUERY_PARAMS: dict[str, Any] = {
    "ags": "05954036",  # Witten
    "ags_list": ["05954036", "05954020"],
    "id": "smart-witten",  # a project
    "projects": ["smart-witten"],
    "kind": "",  # "" means every kind where a query allows it
    "limit": 10,
    "max_population": 100000,
    "type_id": "typ-gross",
}

_PARAMS_LINE = re.compile(r"^//\s*params:\s*(\{.*\})\s*$")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def query_params(text: str) -> dict[str, Any]:
    """The parameters to run a query text with: its ``// params:`` line, else QUERY_PARAMS.

    >>> query_params('// x\\n// params: {"ags": "1"}\\nMATCH (m {ags: $ags}) RETURN m')
    {'ags': '1'}
    """
    header: dict[str, Any] | None = None
    body = []
    for line in text.splitlines():
        m = _PARAMS_LINE.match(line.strip())
        if m:
            header = json.loads(m.group(1))
        elif not line.lstrip().startswith("//"):
            body.append(line)
    used = set(_PARAM.findall("\n".join(body)))
    if header is not None:
        missing = used - set(header)
        if missing:
            raise AssertionError(f"// params: header lacks {sorted(missing)}")
        return header
    unknown = used - set(QUERY_PARAMS)
    if unknown:
        raise AssertionError(
            f"no value for ${', $'.join(sorted(unknown))}: add a line like "
            '// params: {"name": value} below the first comment of the query file, '
            "or an entry in QUERY_PARAMS (tests/test_store_contract.py)"
        )
    return {k: QUERY_PARAMS[k] for k in sorted(used)}


WITTEN, HERDECKE, WETTER, BOCHUM = "05954036", "05954020", "05954032", "05911000"
LINE = {"contact": "line"}
PROV = {"source": "Testdaten", "as_of": "2024", "importer": "contract", "dataset": "fixture"}


def build_fixture(store: GraphStore) -> None:
    """Witten, its neighbours, its Kreis and Land, a project, a provider, a profile."""

    def nodes(label: str, *rows: dict[str, Any]) -> None:
        store.upsert_nodes(label, [{**PROV, **r} for r in rows])

    def rels(rel: str, a: str, b: str, *pairs: tuple[Any, ...]) -> None:
        rows = []
        for p in pairs:
            row = {"from": p[0], "to": p[1], **PROV}
            row.update(p[2] if len(p) > 2 else {})
            rows.append(row)
        store.create_relationships(rel, a, b, rows)

    with store.transaction():
        nodes("State", {"key": "05", "name": "Nordrhein-Westfalen", "seat": "Düsseldorf"})
        nodes("AdminRegion", {"key": "059", "name": "Arnsberg", "level": "Regierungsbezirk"})
        nodes("District",
              {"key": "05954", "name": "Ennepe-Ruhr-Kreis", "kind": "Kreis",
               "outline": "M0,0 0,20 20,20 20,0Z"},
              {"key": "05911", "name": "Bochum", "kind": "Kreisfreie Stadt"})
        nodes("MunicipalAssociation", {"key": "059549999", "name": "Testverband",
                                       "kind": "Verband"})
        nodes("Municipality",
              {"ags": WITTEN, "ars": "059540036036", "name": "Witten",
               "official_name": "Witten, Stadt", "legal_type": "Stadt",
               "population": 95000, "area_km2": 72.4, "lat": 51.44, "lon": 7.33,
               "postcode": "58452", "urbanisation": "städtisch", "geo_source": "Testgeo",
               "geo_as_of": "2023", "outline": "M0,0 0,10 10,10 10,0Z", "outline_x": 5.0,
               "outline_y": 5.5},
              {"ags": HERDECKE, "ars": "059540020020", "name": "Herdecke",
               "official_name": "Herdecke, Stadt", "population": 22000, "lat": 51.4,
               "lon": 7.43},
              {"ags": WETTER, "ars": "059540032032", "name": "Wetter (Ruhr)",
               "official_name": "Wetter (Ruhr), Stadt", "population": 27000},
              {"ags": BOCHUM, "ars": "059110000000", "name": "Bochum",
               "official_name": "Bochum, Stadt", "population": 365000})
        nodes("UnincorporatedArea", {"key": "059549991", "name": "Testforst",
                                     "area_km2": 1.5})
        nodes("Project", {"id": "smart-witten", "name": "Smart City Testprojekt",
                          "kind": "smart city", "status": "active", "open_source": True})
        nodes("Programme", {"id": "mps", "name": "Modellprojekte Smart Cities",
                            "funder": "BMWSB"})
        nodes("Organisation", {"id": "itdl", "name": "Test-IT-Dienstleister",
                               "kind": "it provider"})
        nodes("ServiceArea", {"id": "sa-1", "name": "Testthemenfeld"})
        nodes("LifeSituation", {"id": "ls-1", "name": "Testlebenslage"})
        nodes("OZGService", {"ozg_id": "ozg-1", "name": "Testleistung"})
        nodes("LeikaService", {"leika_key": "99000000000000", "name": "Test-LeiKa"})
        nodes("MunicipalityType", {"id": "typ-gross", "name": "Großstadt (Test)"})
        nodes("Role", {"id": "cdo", "name": "Chief Digital Officer"})
        nodes("EGovComponent", {"id": "servicekonto", "name": "Servicekonto"})
        nodes("ParticipationTool", {"id": "haushalt", "name": "Bürgerhaushalt"})
        nodes("Platform", {"id": "plattform", "name": "Testplattform",
                           "component": "haushalt"})
        nodes("EGovComponent", {"id": "ris", "name": "Ratsinformationssystem",
                                "kind": "digital-infrastructure"})

        rels("IN_STATE", "AdminRegion", "State", ("059", "05"))
        rels("IN_STATE", "District", "State", ("05954", "05"), ("05911", "05"))
        rels("IN_ADMIN_REGION", "District", "AdminRegion", ("05954", "059"), ("05911", "059"))
        rels("IN_DISTRICT", "Municipality", "District", (WITTEN, "05954"),
             (HERDECKE, "05954"), (WETTER, "05954"), (BOCHUM, "05911"))
        rels("IN_DISTRICT", "MunicipalAssociation", "District", ("059549999", "05954"))
        rels("IN_DISTRICT", "UnincorporatedArea", "District", ("059549991", "05954"))
        rels("IN_ASSOCIATION", "Municipality", "MunicipalAssociation", (WETTER, "059549999"))
        # stored once per pair, in either direction
        rels("NEIGHBOUR_OF", "Municipality", "Municipality", (WITTEN, HERDECKE, LINE),
             (BOCHUM, WITTEN, {"contact": "point"}), (WITTEN, WETTER, LINE),
             (HERDECKE, WETTER, LINE))
        rels("PARTICIPATES_IN", "Municipality", "Project",
             (WITTEN, "smart-witten", {"role": "lead", "status": "active"}),
             (HERDECKE, "smart-witten", {"role": "partner", "status": "active"}))
        rels("PARTICIPATES_IN", "District", "Project", ("05954", "smart-witten",
                                                        {"role": "partner"}))
        rels("PARTICIPATES_IN", "Organisation", "Project", ("itdl", "smart-witten",
                                                            {"role": "vendor"}))
        rels("PART_OF", "Project", "Programme", ("smart-witten", "mps"))
        rels("IMPLEMENTS", "Project", "OZGService", ("smart-witten", "ozg-1"))
        rels("IN_SERVICE_AREA", "OZGService", "ServiceArea", ("ozg-1", "sa-1"))
        rels("IN_SERVICE_AREA", "LifeSituation", "ServiceArea", ("ls-1", "sa-1"))
        rels("IN_LIFE_SITUATION", "OZGService", "LifeSituation", ("ozg-1", "ls-1"))
        rels("BELONGS_TO", "LeikaService", "OZGService", ("99000000000000", "ozg-1"))
        rels("SERVED_BY", "Municipality", "Organisation",
             (WITTEN, "itdl", {"certainty": "confirmed"}))
        rels("SERVED_BY", "District", "Organisation", ("05954", "itdl",
                                                       {"certainty": "likely"}))
        rels("HAS_TYPE", "Municipality", "MunicipalityType",
             (WITTEN, "typ-gross", {"answered_at": "2024-05-01"}))
        rels("HAS_ROLE", "Municipality", "Role", (WITTEN, "cdo", {"title": "CDO"}))
        rels("USES", "Municipality", "EGovComponent", (WITTEN, "servicekonto"))
        rels("OFFERS", "Municipality", "ParticipationTool", (WITTEN, "haushalt"))
        rels("ON_PLATFORM", "Municipality", "Platform", (HERDECKE, "plattform"),
             (WITTEN, "plattform"))
        # an imported fact (not a self-report) with two sources
        rels("USES", "Municipality", "EGovComponent", (WITTEN, "ris", {
            "importer": "components", "product": "ALLRIS", "vendor": "CC e-gov GmbH",
            "historical": False, "source": "https://example.org/a",
            "sources": ["https://example.org/a", "https://example.org/b"]}))


@pytest.fixture(scope="module", params=BACKENDS)
def fixture_graph(request: pytest.FixtureRequest,
                  tmp_path_factory: pytest.TempPathFactory) -> Iterator[GraphStore]:
    """The hand-built graph, once per backend for all query tests (read only)."""
    s = _open(request.param, tmp_path_factory.mktemp(f"contract-{request.param}"))
    build_fixture(s)
    yield s
    s.close()


@pytest.fixture
def graph(fixture_graph: GraphStore) -> GraphStore:
    """The fixture graph, rebuilt if a Neo4j test in between emptied the shared server."""
    if fixture_graph.existing_keys("Municipality") != {WITTEN, HERDECKE, WETTER, BOCHUM}:
        fixture_graph.run("MATCH (n) DETACH DELETE n")
        build_fixture(fixture_graph)
    return fixture_graph


def test_fixture_graph_counts(graph: GraphStore) -> None:
    c = graph.counts()
    assert c["nodes"]["Municipality"] == 4
    assert c["relationships"]["NEIGHBOUR_OF"] == 4
    assert all(n > 0 for n in c["nodes"].values()), c["nodes"]
    assert all(n > 0 for n in c["relationships"].values()), c["relationships"]


#: The rows every named query must return on the fixture graph, on both backends, by
#: query name (``graph/NAME`` for graph/cypher). A new query needs its rows here: run it on
#: the fixture, check every row by hand against build_fixture(), then add them.
EXPECTED_ROWS = Path(__file__).resolve().parent / "fixtures" / "contract_rows.json"
_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)


def _sort_key(row: dict[str, Any]) -> str:
    return json.dumps(row, sort_keys=True, default=str)


def _cypher_body(text: str) -> str:
    return "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("//"))


def check_rows(name: str, text: str, rows: list[dict[str, Any]]) -> None:
    """``rows`` equal the expected rows of ``name``, in order where the query sorts.

    Values are compared with their Python types (``2 != "2"``, ``1 != 1.0`` in JSON terms).
    """
    expected = json.loads(EXPECTED_ROWS.read_text("utf-8"))
    got = json.dumps(rows, ensure_ascii=False, sort_keys=True, default=str)
    assert name in expected, (
        f"no expected rows for {name!r} in {EXPECTED_ROWS.name}; it returned {got}")
    want = expected[name]
    assert all(isinstance(r, dict) for r in rows)
    # JSON round trip: the comparison sees exactly what export and the web would send
    rows = json.loads(json.dumps(rows, default=str))
    if not _ORDER_BY.search(_cypher_body(text)):
        rows, want = sorted(rows, key=_sort_key), sorted(want, key=_sort_key)
    assert rows == want, f"{name}: got {got}"
    for r, w in zip(rows, want, strict=True):
        assert [type(v) for v in r.values()] == [type(w[k]) for k in r], name


def test_expected_rows_name_only_existing_queries() -> None:
    expected = set(json.loads(EXPECTED_ROWS.read_text("utf-8")))
    queries = set(cypher_files.names()) | {
        "graph/" + p.stem for p in (REPO / "graph" / "cypher").glob("*.cypher")}
    assert expected == queries


@pytest.mark.parametrize("name", sorted(cypher_files.names()))
def test_named_query_rows(graph: GraphStore, name: str) -> None:
    text = cypher_files.load(name, graph.backend)
    check_rows(name, text, graph.run(text, query_params(text)))


def test_municipality_it_providers(graph: GraphStore) -> None:
    rows = cypher_files.run(graph, "municipality_it_providers", ags=WITTEN)
    direct = [r for r in rows if r.get("via") == "direkt"]
    assert [(r["id"], r["name"], r["certainty"]) for r in direct] == [
        ("itdl", "Test-IT-Dienstleister", "confirmed")]
    rows = cypher_files.run(graph, "municipality_it_providers", ags=WETTER)
    assert not [r for r in rows if r.get("via") == "direkt"]


@pytest.mark.parametrize("path", sorted((REPO / "graph" / "cypher").glob("*.cypher")),
                         ids=lambda p: p.stem)
def test_graph_index_query_rows(graph: GraphStore, path: Path) -> None:
    text = path.read_text("utf-8")
    check_rows("graph/" + path.stem, text, graph.run(text, query_params(text)))


def test_resolver_index_on_fixture(graph: GraphStore) -> None:
    from kommunalgraph.graph.resolve import Resolver

    match = Resolver.from_store(graph).resolve("Witten")
    assert match.key == WITTEN


def test_municipality_details_equal_one_by_one(graph: GraphStore) -> None:
    """The viewer's bulk details (seven whole-table queries) are the one-by-one details."""
    from kommunalgraph.graph.resolve import Resolver
    from kommunalgraph.queries.municipality import municipality_detail, municipality_details

    bulk = municipality_details(graph)
    assert sorted(bulk) == sorted([WITTEN, HERDECKE, WETTER, BOCHUM])
    resolver = Resolver.from_store(graph)
    for ags in bulk:
        assert bulk[ags] == municipality_detail(graph, resolver.resolve(ags)), ags
    assert bulk[WITTEN]["neighbours"] and bulk[WITTEN]["projects"]
