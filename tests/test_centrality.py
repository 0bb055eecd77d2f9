"""Centrality and "Digitale Regionen" on hand-checked tiny graphs, a fixture store
and the bundled real data."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner
from explore_world import BRILON, DORTMUND, HATTINGEN, MESCHEDE, SPROCKHOEVEL, WITTEN, build_world

from kommunalgraph.cli import main
from kommunalgraph.queries.analytics.centrality import (
    centrality,
    centrality_scores,
    communities,
    cooperation_graph,
    digital_regions,
)
from kommunalgraph.queries.analytics.network import load_network


def _bipartite() -> nx.Graph:
    """A, B, C share project p; C, D share q; E is alone in r; p and r are in programme X."""
    G = nx.Graph()
    for m in "ABCDE":
        G.add_node(("Municipality", m), name=m, population=ord(m))
    for m, p in [("A", "p"), ("B", "p"), ("C", "p"), ("C", "q"), ("D", "q"), ("E", "r")]:
        G.add_edge(("Municipality", m), ("Project", p), kind="PARTICIPATES_IN")
    G.add_edge(("Project", "p"), ("Programme", "X"), kind="PART_OF")
    G.add_edge(("Project", "r"), ("Programme", "X"), kind="PART_OF")
    G.add_node(("District", "k"), name="Kreis")
    G.add_edge(("District", "k"), ("Project", "q"), kind="PARTICIPATES_IN")
    return G


def test_cooperation_graph_links_shared_projects_only() -> None:
    H = cooperation_graph(_bipartite())
    assert sorted(H.nodes) == ["A", "B", "C", "D"]  # E has no partner, the Kreis is no node
    assert sorted(H.edges(data="weight")) == [("A", "B", 1.0), ("A", "C", 1.0),
                                              ("B", "C", 1.0), ("C", "D", 1.0)]
    assert H["C"]["D"]["projects"] == ["q"]


def test_programme_weight_adds_programme_only_ties() -> None:
    H = cooperation_graph(_bipartite(), programme_weight=0.25)
    # E shares programme X with A, B, C (through p) and nothing else
    assert H["A"]["E"]["weight"] == 0.25 and H["A"]["E"]["projects"] == []
    assert H["A"]["B"]["weight"] == 1.25
    assert not H.has_edge("D", "E")


def test_scores_by_hand() -> None:
    # C is the only bridge between the triangle A-B-C and D. Of the 3 pairs
    # not involving C, (A,D) and (B,D) pass through C: betweenness 2/3.
    s = centrality_scores(cooperation_graph(_bipartite()))
    assert s["C"]["degree"] == 3 and s["D"]["degree"] == 1
    assert s["C"]["betweenness"] == pytest.approx(2 / 3, abs=1e-6)
    assert s["A"]["betweenness"] == 0.0
    assert max(s, key=lambda a: s[a]["pagerank"]) == "C"
    assert sum(v["pagerank"] for v in s.values()) == pytest.approx(1.0, abs=1e-5)


def test_sampled_betweenness_is_seeded() -> None:
    H = nx.barabasi_albert_graph(300, 2, seed=3)
    a = centrality_scores(H, k=50, seed=7)
    b = centrality_scores(H, k=50, seed=7)
    exact = centrality_scores(H)
    assert a == b
    err = max(abs(a[n]["betweenness"] - exact[n]["betweenness"]) for n in H)
    assert err < 0.05


def test_regions_are_deterministic_and_split_weak_ties() -> None:
    H = nx.Graph()
    H.add_weighted_edges_from([("a", "b", 2), ("b", "c", 2), ("a", "c", 2), ("x", "y", 2),
                               ("y", "z", 2), ("x", "z", 2), ("c", "x", 0.1)])
    first = digital_regions(H, seed=1)
    assert [sorted(c) for c in first] == [["a", "b", "c"], ["x", "y", "z"]]
    assert all(digital_regions(H, seed=1) == first for _ in range(3))
    assert digital_regions(nx.Graph()) == []


def test_centrality_and_communities_on_fixture_store(store) -> None:
    build_world(store)
    r = centrality(store, top=3)
    assert r["network"]["nodes"] == 6 and r["network"]["edges"] == 5
    assert r["network"]["components"] == 2
    assert r["results"][0]["ags"] == WITTEN
    assert r["results"][0]["district"] == "Ennepe-Ruhr-Kreis"
    assert "Hattingen" in r["results"][0]["partners_de"]
    assert [m["ags"] for m in r["by_degree"]][:1] == [WITTEN]
    c = communities(store, seed=1)
    assert c["count"] == 2
    first = c["regions"][0]
    assert first["name"] == "Digitale Region 1"
    assert {m["ags"] for m in first["largest"]} == {WITTEN, HATTINGEN, SPROCKHOEVEL, DORTMUND}
    assert first["largest"][0]["ags"] == DORTMUND  # largest by population
    assert first["central"][0]["ags"] == WITTEN  # most central by PageRank
    assert {m["ags"] for m in c["regions"][1]["largest"]} == {MESCHEDE, BRILON}
    assert c == communities(store, seed=1)


def test_write_back_sets_properties_and_resets_others(store) -> None:
    build_world(store)
    G = load_network(store)
    from kommunalgraph.importers.scores import save_scores

    n = save_scores(store, centrality(store, with_values=True, G=G)["values"],
                    ("degree", "pagerank", "betweenness"))
    assert n == len(store.existing_keys("Municipality"))
    save_scores(store, communities(store, with_values=True, G=G)["values"], ("community",))
    rows = {r["ags"]: r for r in store.run(
        "MATCH (m:Municipality) RETURN m.ags AS ags, m.degree AS degree, "
        "m.pagerank AS pagerank, m.betweenness AS betweenness, m.community AS community")}
    assert rows[WITTEN]["degree"] == 3 and rows[WITTEN]["community"] == 1
    assert rows[WITTEN]["betweenness"] > 0
    assert rows[BRILON]["community"] == 2
    assert rows["06440018"] == {"ags": "06440018", "degree": None, "pagerank": None,
                                "betweenness": None, "community": None}


def test_cli_centrality_and_communities(store, tmp_path) -> None:
    build_world(store)
    path = str(store.path)
    store.close()
    runner = CliRunner()
    r = runner.invoke(main, ["--store", path, "centrality", "--top", "2"])
    assert r.exit_code == 0, r.output
    assert "Witten" in r.output and "PageRank" in r.output
    r = runner.invoke(main, ["--store", path, "communities", "--json"])
    assert r.exit_code == 0, r.output
    assert '"Digitale Region 1"' in r.output
    r = runner.invoke(main, ["--store", path, "centrality", "--write", "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["query"]["write"] is True and out["written"] > 0 and "values" not in out
    r = runner.invoke(main, ["--store", path, "centrality", "--top", "0"])
    assert r.exit_code != 0 and "Traceback" not in r.output
    r = runner.invoke(main, ["--store", path, "communities", "--write"])
    assert r.exit_code == 0, r.output
    assert "geschrieben: 12 Gemeinden" in r.output


@pytest.mark.slow
def test_bundled_network(bundled) -> None:
    r = centrality(bundled, top=10)
    assert r["network"]["nodes"] > 100
    assert len(r["results"]) == 10
    assert all(m["degree"] >= 1 for m in r["results"])
    c = communities(bundled, seed=1)
    assert c["count"] >= 2
    assert sum(reg["size"] for reg in c["regions"]) == r["network"]["nodes"]
    assert c["network"]["modularity"] > 0.3
    assert communities(bundled, seed=1)["regions"] == c["regions"]


def test_docs_state_sampling_and_programme_ties() -> None:
    from pathlib import Path

    from kommunalgraph.queries.analytics.centrality import BETWEENNESS_EXACT_MAX, BETWEENNESS_K

    doc = (Path(__file__).resolve().parent.parent / "docs" / "analytics.md").read_text("utf-8")
    assert f"BETWEENNESS_EXACT_MAX = {BETWEENNESS_EXACT_MAX}" in doc
    assert f"BETWEENNESS_K = {BETWEENNESS_K}" in doc
    assert "Programme-only ties do not count by default" in doc


@pytest.mark.slow
def test_bundled_ties_are_shared_projects(bundled) -> None:
    H = cooperation_graph(load_network(bundled))
    top = [m["ags"] for m in centrality(bundled, top=5)["results"]]
    for a in top:
        for b in sorted(H[a])[:10]:
            shared = bundled.run(
                "MATCH (x:Municipality {ags: $a})-[:PARTICIPATES_IN]->(p:Project)"
                "<-[:PARTICIPATES_IN]-(y:Municipality {ags: $b}) RETURN DISTINCT p.id AS id",
                {"a": a, "b": b})
            assert sorted(r["id"] for r in shared) == H[a][b]["projects"]
            assert H[a][b]["weight"] == len(shared)
