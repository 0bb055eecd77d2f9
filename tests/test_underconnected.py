"""Under-connected small towns: scores worked out by hand on the fixture world."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from explore_world import BRECKERFELD, MUENSTER_HE, NIDDA, OLSBERG, WINTERBERG, build_world

from kommunalgraph.cli import main
from kommunalgraph.graph.errors import InputError, UnknownEntity
from kommunalgraph.queries.analytics.underconnected import underconnected
from kommunalgraph.queries.geo import haversine_km


@pytest.fixture
def world(store):
    build_world(store)
    return store


def _by_ags(result):
    return {r["ags"]: r for r in result["results"]}


def test_candidates_and_order(world) -> None:
    r = underconnected(world)
    # small (<= 20.000) and without own project; Witten & co. are active
    assert [x["ags"] for x in r["results"]] == [NIDDA, MUENSTER_HE, WINTERBERG, BRECKERFELD,
                                                OLSBERG]
    assert r["candidates"] == 5
    assert underconnected(world) == r  # deterministic
    assert "0,4" in r["definition_de"] and "20.000" in r["definition_de"]


def test_scores_by_hand(world) -> None:
    res = _by_ags(underconnected(world))
    # Nidda: no neighbours (0.4), Kreis inactive (0.3), far away (0.3): 1.0 * (0.5 + 0.5*0.85)
    assert res[NIDDA]["score"] == pytest.approx(0.925)
    assert res[NIDDA]["bridge"]["kind"] == "Municipality"  # nearest active, anywhere
    # Winterberg: its only neighbour Olsberg is inactive (0.4); Kreis runs kreisnetz (0);
    # Brilon is the nearest active town
    d = haversine_km(51.1942, 8.5336, 51.3956, 8.5678)
    iso = 0.4 + 0.3 * d / 30
    assert res[WINTERBERG]["score"] == pytest.approx(round(iso * (0.5 + 0.5 * 12500 / 20000), 4))
    assert res[WINTERBERG]["bridge"]["kind"] == "District"
    assert res[WINTERBERG]["bridge"]["key"] == "05958"
    assert "Kreisnetz HSK" in res[WINTERBERG]["bridge"]["text_de"]
    assert "nimmt selbst an 1 Projekt teil" in res[WINTERBERG]["bridge"]["text_de"]
    # Olsberg borders Meschede and Brilon (one project each): the nearer one, Brilon
    assert res[OLSBERG]["bridge"]["name"] == "Brilon"
    assert res[OLSBERG]["signals"]["active_neighbours"] == 2
    # Breckerfeld: bridge is its active neighbour Sprockhövel
    assert res[BRECKERFELD]["bridge"]["name"] == "Sprockhövel"
    assert res[BRECKERFELD]["bridge"]["text_de"].startswith(
        "Grenzt an Sprockhövel, das an 1 Projekt teilnimmt")


def test_every_reason_matches_a_fact(world) -> None:
    for r in underconnected(world)["results"]:
        assert r["reasons_de"][0] == "Nimmt an keinem erfassten Projekt teil."
        assert any(r["district"] in x for x in r["reasons_de"])
        assert r["bridge"] and r["bridge"]["text_de"]


def test_filters(world) -> None:
    assert {x["ags"] for x in underconnected(world, land="06")["results"]} == {NIDDA,
                                                                            MUENSTER_HE}
    assert {x["ags"] for x in underconnected(world, land="Hessen")["results"]} == {
        NIDDA, MUENSTER_HE}
    assert {x["ags"] for x in underconnected(world, kreis="05958")["results"]} == {
        WINTERBERG, OLSBERG}
    assert [x["ags"] for x in underconnected(world, max_population=10000)["results"]] == [
        BRECKERFELD]
    assert len(underconnected(world, limit=2)["results"]) == 2


@pytest.mark.parametrize("kwargs, error", [
    ({"land": "99"}, UnknownEntity),
    ({"kreis": "99999"}, UnknownEntity),
    ({"max_population": 0}, InputError),
    ({"limit": 0}, InputError),
])
def test_rejected(world, kwargs, error) -> None:
    with pytest.raises(error):
        underconnected(world, **kwargs)


def test_cli(world) -> None:
    path = str(world.path)
    world.close()
    runner = CliRunner()
    r = runner.invoke(main, ["--store", path, "underconnected", "--kreis", "Hochsauerlandkreis"])
    assert r.exit_code == 0, r.output
    assert "Winterberg" in r.output and "Brücke" in r.output
    r = runner.invoke(main, ["--store", path, "underconnected", "--json", "--limit", "1"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["results"][0]["ags"] == NIDDA
    r = runner.invoke(main, ["--store", path, "underconnected", "--land", "Bayern"])
    assert r.exit_code == 1 and "Traceback" not in r.output
    r = runner.invoke(main, ["underconnected", "--help"])
    assert "0,4" in r.output and "Brücke" in r.output


@pytest.mark.slow
def test_bundled(bundled) -> None:
    r = underconnected(bundled, land="05", limit=10)
    assert len(r["results"]) == 10
    assert all(x["population"] <= 20000 and x["state_key"] == "05" for x in r["results"])
    assert all(x["bridge"] for x in r["results"])
    scores = [x["score"] for x in r["results"]]
    assert scores == sorted(scores, reverse=True)


def test_bridge_without_coordinates_is_the_most_active_in_the_land() -> None:
    import networkx as nx

    from kommunalgraph.queries.analytics.underconnected import underconnected_rank

    G = nx.Graph()
    G.add_node(("Municipality", "16001001"), name="Ohne Lage", population=800,
               district="16001", state="16")
    for ags, name, projects in (("16002001", "Eins", ["a"]), ("16003001", "Zwei", ["b", "c"])):
        G.add_node(("Municipality", ags), name=name, population=5000, lat=50.9, lon=11.0,
                   district=ags[:5], state="16")
        for p in projects:
            G.add_edge(("Municipality", ags), ("Project", p))
    [r] = underconnected_rank(G)
    assert r["signals"]["distance_km"] is None
    assert r["score"] == pytest.approx(1.0 * (0.5 + 0.5 * 800 / 20000))
    assert r["bridge"]["name"] == "Zwei" and "Lage unbekannt" in r["bridge"]["text_de"]


def test_docs_state_the_definition() -> None:
    from pathlib import Path

    from kommunalgraph.queries.analytics.underconnected import DISTANCE_SCALE_KM, WEIGHTS

    doc = (Path(__file__).resolve().parent.parent / "docs" / "analytics.md").read_text("utf-8")
    section = doc.split("## Under-connected small towns", 1)[1].split("\n## ", 1)[0]
    for sign, weight in WEIGHTS.items():
        assert f"`{sign}` | {weight}" in section
    assert f"/ {DISTANCE_SCALE_KM:.0f} km" in section


def _check_against_store(store, results) -> None:
    """Every signal and bridge of ``results`` is a fact in ``store``."""
    def q(cypher, **p):
        return store.run(cypher, p)

    for r in results:
        a = r["ags"]
        assert not q("MATCH (m:Municipality {ags: $a})-[:PARTICIPATES_IN]->(p:Project) "
                     "RETURN p.id AS id", a=a)
        nbs = q("MATCH (m:Municipality {ags: $a})-[:NEIGHBOUR_OF]-(n:Municipality) "
                "OPTIONAL MATCH (n)-[:PARTICIPATES_IN]->(p:Project) "
                "RETURN n.ags AS ags, count(p) AS k", a=a)
        assert r["signals"]["neighbours"] == len({x["ags"] for x in nbs})
        assert r["signals"]["active_neighbours"] == len({x["ags"] for x in nbs if x["k"]})
        assert r["signals"]["no_active_neighbour"] == (r["signals"]["active_neighbours"] == 0)
        b = r["bridge"]
        if b["kind"] == "District":
            assert q("MATCH (d:District {key: $k})-[:PARTICIPATES_IN]->(p:Project) "
                     "RETURN p.id AS id", k=b["key"])
            assert q("MATCH (m:Municipality {ags: $a})-[:IN_DISTRICT]->(d:District {key: $k}) "
                     "RETURN d.key AS k", a=a, k=b["key"])
        elif b["kind"] == "MunicipalAssociation":
            assert q("MATCH (m:Municipality {ags: $a})-[:IN_ASSOCIATION]->"
                     "(v:MunicipalAssociation {key: $k})-[:PARTICIPATES_IN]->(p:Project) "
                     "RETURN p.id AS id", a=a, k=b["key"])
        else:
            assert q("MATCH (m:Municipality {ags: $b})-[:PARTICIPATES_IN]->(p:Project) "
                     "RETURN p.id AS id", b=b["ags"])
            if b["text_de"].startswith("Grenzt an"):
                assert b["ags"] in {x["ags"] for x in nbs}


def test_explanations_are_facts_in_the_fixture_store(world) -> None:
    _check_against_store(world, underconnected(world)["results"])


@pytest.mark.slow
def test_explanations_are_facts_in_the_bundled_store(bundled) -> None:
    results = underconnected(bundled, land="05", limit=15)["results"]
    results += underconnected(bundled, kreis="05958", limit=5)["results"]
    _check_against_store(bundled, results)
