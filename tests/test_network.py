"""The analysis graph: loading, caching and the bipartite helpers, on a tiny store."""

from __future__ import annotations

import networkx as nx
import pytest
from network_reference import municipality_project_graph
from partner_graphs import DORTMUND, HATTINGEN, MESCHEDE, SPROCKHOEVEL, WITTEN, build_world

from kommunalgraph.graph.schema import MUNICIPALITY
from kommunalgraph.queries.analytics import network
from kommunalgraph.queries.cypher_files import names
from kommunalgraph.queries.geo import haversine_km


@pytest.fixture
def world(store):
    build_world(store)
    yield store
    network.clear_cache(store)


def M(ags: str) -> tuple[str, str]:
    return ("Municipality", ags)


def test_loads_typed_nodes_and_attributes(world):
    G = network.load_network(world)
    assert isinstance(G, nx.Graph) and not G.is_multigraph()
    w = G.nodes[M(WITTEN)]
    assert (w["label"], w["key"], w["name"], w["population"]) == (
        "Municipality", WITTEN, "Witten", 96000)
    assert (w["district"], w["state"], w["urbanisation_code"]) == ("05954", "05", "1")
    assert G.nodes[("Project", "eakte")]["kind"] == "e-akte"
    assert G.nodes[("OZGService", "OZG1")]["area"] == "TF1"
    counts = {}
    for n in G:
        counts[n[0]] = counts.get(n[0], 0) + 1
    assert counts == {"State": 1, "District": 3, "Municipality": 6, "Project": 4,
                      "Programme": 1, "Organisation": 1, "OZGService": 1, "ServiceArea": 1,
                      "MunicipalityType": 2}


def test_edges_carry_their_kind_and_properties(world):
    G = network.load_network(world)
    kinds = {}
    for _, _, k in G.edges(data="kind"):
        kinds[k] = kinds.get(k, 0) + 1
    assert kinds == {"IN_STATE": 3, "IN_DISTRICT": 6, "NEIGHBOUR_OF": 5, "PART_OF": 2,
                     "PARTICIPATES_IN": 7, "IMPLEMENTS": 1, "IN_SERVICE_AREA": 1,
                     "SERVED_BY": 3, "HAS_TYPE": 3}
    e = G.edges[M(WITTEN), ("Project", "eakte")]
    assert (e["role"], e["as_of"]) == ("lead", "2018")
    assert G.edges[M(SPROCKHOEVEL), ("Organisation", "swit")]["certainty"] == "derived"
    assert G.has_edge(M(DORTMUND), M(WITTEN))  # stored once, undirected here


def test_cached_per_store_until_cleared(world):
    G1 = network.load_network(world)
    assert network.load_network(world) is G1
    assert nx.is_frozen(G1)
    network.clear_cache(world)
    assert network.load_network(world) is not G1


def test_a_committed_write_renews_the_cached_graph(world):
    """A transaction through the store object counts (``write_count``); a single
    statement outside one is seen through Ladybug's change token."""
    G1 = network.load_network(world)
    before = world.write_count
    world.set_node_properties(MUNICIPALITY, [{"ags": WITTEN, "population": 1}])
    assert world.write_count == before + 1
    G2 = network.load_network(world)
    assert G2 is not G1 and G2.nodes[M(WITTEN)]["population"] == 1
    assert network.load_network(world) is G2
    world.run("MATCH (m:Municipality {ags: $ags}) SET m.population = $p",
              {"ags": WITTEN, "p": 2})
    assert world.write_count == before + 1  # not a transaction of ours ...
    assert network.load_network(world).nodes[M(WITTEN)]["population"] == 2  # ... but seen


def test_a_rolled_back_transaction_counts_no_write(world):
    before = world.write_count
    with pytest.raises(RuntimeError), world.transaction():
        world.set_node_properties(MUNICIPALITY, [{"ags": WITTEN, "population": 1}])
        raise RuntimeError("abgebrochen")
    assert world.write_count == before
    assert network.load_network(world).nodes[M(WITTEN)]["population"] == 96000


def test_empty_store_gives_empty_graph(store):
    G = network.load_network(store)
    assert G.number_of_nodes() == 0
    network.clear_cache(store)


def test_bipartite_graph_and_adamic_adar_by_hand(world):
    G = network.load_network(world)
    B = municipality_project_graph(G)
    assert sorted(n[1] for n in B if n[0] == "Municipality") == sorted(
        [WITTEN, HATTINGEN, DORTMUND, MESCHEDE])
    # Witten and Dortmund share only "sc" (2 members): 1 / ln 2
    [(_, _, aa)] = nx.adamic_adar_index(B, [(M(WITTEN), M(DORTMUND))])
    assert aa == pytest.approx(1 / 0.6931471805599453)
    # via the Kreis: Meschede and Brilon take part in "kreisnetz" through 05958
    B2 = municipality_project_graph(G, via_districts=True)
    assert B2.edges[M(MESCHEDE), ("Project", "kreisnetz")]["via"] == ("District", "05958")
    assert B2.edges[M(WITTEN), ("Project", "eakte")]["via"] is None


def test_projection_and_members(world):
    G = network.load_network(world)
    P = network.municipality_projection(G)
    assert sorted(P[M(WITTEN)]) == [M(DORTMUND), M(HATTINGEN)]
    assert P[M(WITTEN)][M(DORTMUND)]["projects"] == ["sc"]
    assert network.project_members(G, "eakte") == [M(HATTINGEN), M(WITTEN)]
    assert network.project_members(G, "nope") == []


def test_haversine_symmetric_and_known():
    d = haversine_km(52.52, 13.405, 48.1372, 11.5756)  # Berlin–München
    assert d == pytest.approx(504, abs=2)
    assert haversine_km(48.1372, 11.5756, 52.52, 13.405) == pytest.approx(d)


def test_every_graph_query_is_used_and_documented():
    from pathlib import Path

    from kommunalgraph.queries.cypher_files import load

    src = Path(network.__file__).read_text(encoding="utf-8")
    for name in names():
        if name.startswith("graph_"):
            assert f'"{name}"' in src, name
            assert load(name, "ladybug").startswith("//"), name
