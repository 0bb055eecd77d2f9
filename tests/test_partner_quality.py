"""The partner finder's quality, pinned: every signal is switched on with its
shipped weight, and the evaluation on a fixed small split of the real data stays
above a recorded floor and above every baseline."""

from __future__ import annotations

import sys

import pytest

from kommunalgraph.queries.analytics import network
from kommunalgraph.queries.partner.evaluate import evaluate, kind_task
from kommunalgraph.queries.partner.signals import REGISTRY, SIGNALS
from kommunalgraph.queries.partner.weights import DEFAULT, Weights

#: the shipped weights (bench/RESULTS.md, docs/partner-finder.md): a change to
#: one of them is a change of the ranking and has to come with new numbers there
SHIPPED = {
    "shared_project": 30.0, "shared_project_kreis": 0.1, "shared_programme": 0.1,
    "similar_project": 0.3, "partner_of_partner": 30.0, "experience": 100.0,
    "experience_kreis": 0.1, "similar_experience": 0.1, "border": 0.3, "same_kreis": 1.0,
    "same_land": 0.3, "distance_near": 1.0, "distance_far": 0.1, "size": 0.3,
    "urbanisation": 0.1, "it_provider": 1.0, "type_same": 0.3, "type_complementary": 0.1,
    # same product or platform (issue 12): set to 1.0 by hand, then confirmed by the
    # weight search over all 19 weights (bench/RESULTS.md "Weight search": a fixed point,
    # objective 0.1: 1.3138, 0.3: 1.317, 1: 1.3273, 3: 1.3185)
    "same_product": 1.0,
}
SHAPES = {"distance_near_km": 15.0, "distance_far_km": 75.0, "experience_km": 300.0}

#: recorded on the bundled data (3 folds, seed 1, no leave-one-out): MRR 0.425 (0.414
#: before same_product); kind task: MRR 0.918. The floors leave room for new data, not
#: for a worse ranking.
MRR_FLOOR = 0.36
KIND_MRR_FLOOR = 0.85


def test_every_signal_is_switched_on_with_its_shipped_weight():
    assert DEFAULT.signal_weights() == SHIPPED
    assert all(w > 0 for w in DEFAULT.signal_weights().values())
    assert {k: getattr(DEFAULT, k) for k in SHAPES} == SHAPES


def test_each_signal_module_owns_its_columns():
    names = [n for s in REGISTRY for n in s.weights]
    assert tuple(names) == SIGNALS and len(set(names)) == len(names)
    for s in REGISTRY:
        module = sys.modules[type(s).__module__]
        assert module.__name__.startswith("kommunalgraph.queries.partner.signals.")
        assert module.__doc__ and module.SIGNAL is s  # says what it computes


def test_unknown_weight_is_refused():
    with pytest.raises(TypeError):
        Weights(no_such_signal=1.0)


@pytest.fixture(scope="module")
def real_graph(bundled):
    return network.load_network(bundled)


@pytest.mark.slow
def test_evaluation_above_floor_and_baselines(real_graph):
    out = evaluate(None, G=real_graph, folds=3, seed=1, leave_one_out=False)
    ours = out["methods"]["kommunalgraph"]
    assert ours["mrr"] >= MRR_FLOOR
    for base in ("random", "distance", "population", "same_kreis", "adamic_adar", "ppr"):
        assert ours["mrr"] > out["methods"][base]["mrr"], base


@pytest.mark.slow
def test_kind_task_above_floor_and_baselines(real_graph):
    out = kind_task(real_graph)
    ours = out["methods"]["kommunalgraph"]
    assert out["cases"] > 200
    assert ours["mrr"] >= KIND_MRR_FLOOR
    for base in ("random", "distance", "population", "same_kreis", "adamic_adar", "ppr"):
        assert ours["mrr"] > out["methods"][base]["mrr"], base


def test_baselines_are_networkx_adamic_adar_and_pagerank():
    import networkx as nx
    import numpy as np
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

    from kommunalgraph.queries.partner import evaluate as ev
    from kommunalgraph.queries.partner.index import memberships, static_index

    G = nx.Graph()
    for i in range(5):
        G.add_node(("Municipality", f"0000000{i}"), name=f"M{i}", lat=51.0, lon=7.0 + i / 10,
                   population=1000)
    for m, p in (("0", "a"), ("1", "a"), ("1", "b"), ("2", "b"), ("3", "b"), ("4", "c"),
                 ("3", "c")):
        G.add_edge(("Municipality", f"0000000{m}"), ("Project", p), kind="PARTICIPATES_IN")
    st = static_index(G)
    co = ev._coop(st, memberships(st))
    H = nx.Graph(list(zip(co.src.tolist(), co.dst.tolist(), strict=True)))
    H.add_nodes_from(range(co.size))
    n = len(st.ags)
    want = _pagerank_python(H, alpha=0.85, personalization={0: 1.0}, tol=1e-12, max_iter=500)
    np.testing.assert_allclose(ev._ppr(co, [0], n), [want[i] for i in range(n)], atol=1e-6)
    aa = ev._adamic_adar(co, [0], n)
    for c in range(1, n):
        [(_, _, v)] = nx.adamic_adar_index(H, [(0, c)]) if list(nx.common_neighbors(H, 0, c)) \
            else [(0, c, 0.0)]
        assert aa[c] == pytest.approx(v)


def test_same_product_explains_a_shared_system(bundled) -> None:
    """Bonn publishes on CKAN; other CKAN users get the reason "Nutzt ebenfalls CKAN"."""
    from kommunalgraph.queries.partner.suggest import suggest

    r = suggest(bundled, "05314000", limit=20)
    texts = [t["text_de"] for x in r["results"] for t in x["reasons"]]
    assert any(t.startswith("Nutzt ebenfalls ") and "(Open-Data-Portal)" in t for t in texts)
    alone = suggest(bundled, "05314000", limit=20, weights=DEFAULT.replace(same_product=0.0))
    assert [x["ags"] for x in alone["results"]] != [x["ags"] for x in r["results"]]
