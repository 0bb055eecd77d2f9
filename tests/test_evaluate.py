"""evaluate: metrics by hand, splits, no leakage, and the real data through the CLI."""

from __future__ import annotations

import json

import networkx as nx
import numpy as np
import pytest
from click.testing import CliRunner
from partner_graphs import HATTINGEN, WITTEN, build_world

from kommunalgraph.cli import main
from kommunalgraph.graph.errors import InputError
from kommunalgraph.graph.ladybug_store import LadybugStore
from kommunalgraph.queries.analytics import network
from kommunalgraph.queries.partner.candidates import project_query
from kommunalgraph.queries.partner.evaluate import (
    METHODS,
    evaluate,
    folds_of,
    membership_pairs,
    rank_metrics,
)
from kommunalgraph.queries.partner.index import memberships, static_index
from kommunalgraph.queries.partner.rank import features


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    store = LadybugStore(tmp_path_factory.mktemp("world") / "store")
    build_world(store)
    yield store
    network.clear_cache(store)
    store.close()


def test_rank_metrics_by_hand():
    s = np.array([5.0, 4.0, 4.0, 3.0, 1.0])
    everyone = np.ones(5, dtype=bool)
    m = rank_metrics(s, 3, everyone)  # target 3.0: three above
    assert m["rank"] == 4 and m["mrr"] == 0.25 and m["hits@10"] == 1.0
    assert m["auc"] == pytest.approx(1 / 4)
    m = rank_metrics(s, 1, everyone)  # 4.0 tied with one other
    assert m["rank"] == 2.5 and m["auc"] == pytest.approx((2 + 0.5) / 4)
    mask = np.array([False, True, True, True, True])  # the 5.0 is a known member
    assert rank_metrics(s, 3, mask)["rank"] == 3
    hard = np.array([False, False, False, False, True])
    assert rank_metrics(s, 3, everyone, hard)["auc_hard"] == 1.0


def test_hits_at_50_boundary():
    s = np.arange(100, dtype=float)[::-1]  # index k has rank k + 1
    ok = np.ones(100, dtype=bool)
    assert rank_metrics(s, 49, ok)["hits@50"] == 1.0
    assert rank_metrics(s, 50, ok)["hits@50"] == 0.0
    assert rank_metrics(s, 9, ok)["hits@10"] == 1.0


def test_folds_partition_the_pairs_and_are_seeded():
    pairs = [(f"{i:08d}", "p") for i in range(23)]
    f1 = folds_of(pairs, 5, seed=1)
    assert sorted(x for f in f1 for x in f) == sorted(pairs)
    assert [len(f) for f in f1] == [5, 5, 5, 4, 4]
    assert folds_of(pairs, 5, seed=1) == f1
    assert folds_of(pairs, 5, seed=2) != f1


@pytest.mark.parametrize("folds", [0, 1, -2, 2.5])
def test_rejected_folds(folds):
    with pytest.raises(InputError):
        evaluate(None, folds=folds, G=nx.Graph())


def test_pairs_only_from_projects_with_two_members(world):
    G = network.load_network(world)
    assert sorted(membership_pairs(G)) == sorted([
        (WITTEN, "eakte"), (HATTINGEN, "eakte"), ("05913000", "app"), ("05958044", "app"),
        (WITTEN, "sc"), ("05913000", "sc")])


def test_held_out_pairs_leave_no_trace_in_any_signal(world):
    """Scoring with exclude_edges equals scoring a graph that never had the edges."""
    G = network.load_network(world)
    held = [(("Municipality", HATTINGEN), ("Project", "eakte")),
            (("Municipality", "05958044"), ("Project", "app"))]
    H = nx.Graph(G)
    H.remove_edges_from(held)
    st_g, st_h = static_index(G), static_index(H)
    mb_g, mb_h = memberships(st_g, held), memberships(st_h)
    for pid in ("eakte", "app", "sc"):
        qg, qh = project_query(st_g, mb_g, pid), project_query(st_h, mb_h, pid)
        assert qg.anchors == qh.anchors
        np.testing.assert_allclose(features(st_g, mb_g, qg), features(st_h, mb_h, qh))
    network.clear_cache(world)


def test_evaluate_on_tiny_world_is_deterministic(world):
    a = evaluate(world, folds=2, seed=3)
    b = evaluate(world, folds=2, seed=3)
    assert a == b
    assert set(a["methods"]) == set(METHODS)
    for m in METHODS:
        for k in ("hits@10", "hits@50", "mrr", "auc", "hits@10_sd", "mrr_sd", "auc_sd"):
            assert k in a["methods"][m]
    assert a["pairs_total"] == 6 and a["folds"] == 2 and a["seed"] == 3
    assert a["leave_one_out"]["projects"] == 3


def test_evaluate_reports_progress_per_fold_and_pair(world):
    calls = []
    out = evaluate(world, folds=2, seed=3, progress=lambda done, total: calls.append((done, total)))
    # 2 folds, then one step per membership pair for leave-one-member-out
    assert calls == [(k, 2 + out["pairs_total"]) for k in range(1, 2 + out["pairs_total"] + 1)]


@pytest.mark.slow
def test_evaluate_cli_on_real_data(bundled_store_path, tmp_path):
    pytest.importorskip("matplotlib")
    png = tmp_path / "eval.png"
    r = CliRunner().invoke(main, ["--store", str(bundled_store_path), "evaluate", "--folds",
                                  "3", "--seed", "1", "--json", "--plot", str(png)])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["folds"] == 3 and out["seed"] == 1 and out["pairs"] > 200
    assert set(out["methods"]) == {"kommunalgraph", "random", "distance", "population",
                                   "same_kreis", "adamic_adar", "ppr"}
    ours = out["methods"]["kommunalgraph"]
    for base in ("random", "distance", "population", "same_kreis", "adamic_adar", "ppr"):
        assert ours["mrr"] > out["methods"][base]["mrr"], base
        assert ours["hits@50"] > out["methods"][base]["hits@50"], base
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_evaluate_cli_text(tmp_path):
    s = LadybugStore(tmp_path / "store")
    build_world(s)
    s.close()
    r = CliRunner().invoke(main, ["--store", str(tmp_path / "store"), "evaluate", "--folds", "2"])
    assert r.exit_code == 0, r.output
    assert "versteckte Mitgliedschaften (von 6), 2 Folds, Seed 1" in r.output
    assert "gleicher Kreis" in r.output and "Leave-one-member-out" in r.output


def test_evaluate_cli_rejects_bad_folds(world):
    r = CliRunner().invoke(main, ["--store", str(world.path), "evaluate", "--folds", "1"])
    assert r.exit_code == 2 and "folds" in r.output
