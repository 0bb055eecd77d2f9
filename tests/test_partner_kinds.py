"""Related kinds and readable scores (issue 14, item 3)."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from kommunalgraph.graph.schema import MUNICIPALITY, PARTICIPATES_IN, PROJECT
from kommunalgraph.queries.partner.kinds import related, similarity
from kommunalgraph.queries.partner.suggest import suggest
from kommunalgraph.queries.partner.weights import DEFAULT, SIGNALS, Weights

ASKER, NEAR, FAR = "00000001", "00000002", "00000003"


def world() -> nx.Graph:
    """The asker; NEAR (about 10 km) runs a Dorf-App, FAR (about 400 km) a Stadt-App."""
    G = nx.Graph()
    for ags, name, lon in ((ASKER, "Asker", 10.0), (NEAR, "Nah", 10.14), (FAR, "Fern", 15.7)):
        G.add_node((MUNICIPALITY, ags), name=name, lat=52.0, lon=lon, population=10000,
                   district=ags[:5])
    for p, kind, member in (("dorf", "village-app", NEAR), ("stadt", "city-app", FAR)):
        G.add_node((PROJECT, p), name=p.title() + "-App", kind=kind)
        G.add_edge((MUNICIPALITY, member), (PROJECT, p), kind=PARTICIPATES_IN)
    return G


def only_experience(**shape: float) -> Weights:
    return Weights(**{**{s: 0.0 for s in SIGNALS}, "experience": 1.0, **shape})


def test_kind_table_is_symmetric_and_small():
    assert similarity("city-app", "village-app") == similarity("village-app", "city-app") == 0.5
    assert similarity("smart-city", "digital-region") == 0.5
    assert similarity("city-app", "e-akte") == 0.0
    assert related("city-app") == {"city-app": 1.0, "village-app": 0.5}


def test_related_kind_counts_half_decayed_by_distance():
    out = suggest(None, ASKER, kind="city-app", G=world(), weights=only_experience())
    by = {r["ags"]: r for r in out["results"]}
    d_near, d_far = by[NEAR]["distance_km"], by[FAR]["distance_km"]
    assert by[NEAR]["score"] == pytest.approx(0.5 * math.exp(-d_near / 300), abs=1e-3)
    assert by[FAR]["score"] == pytest.approx(math.exp(-d_far / 300), abs=1e-3)
    # the near town with the related product ranks above the far one with the same product
    assert [r["ags"] for r in out["results"]] == [NEAR, FAR]
    [exp] = [x for x in by[NEAR]["reasons"] if x["signal"] == "experience"]
    assert exp["text_de"] == "Betreibt eine Dorf-App (verwandt mit Stadt-App): „Dorf-App“"
    [exp] = [x for x in by[FAR]["reasons"] if x["signal"] == "experience"]
    assert exp["text_de"] == "Betreibt bereits eine Stadt-App: „Stadt-App“"


def test_without_decay_the_same_product_wins():
    # the decay is what lets the near related operator win; without it the far one does
    out = suggest(None, ASKER, kind="city-app", G=world(),
                  weights=only_experience(experience_km=1e9))
    assert [r["ags"] for r in out["results"]] == [FAR, NEAR]


def test_relevance_is_relative_to_the_best_with_german_labels():
    out = suggest(None, ASKER, kind="city-app", G=world())
    rel = [r["relevance"] for r in out["results"]]
    assert rel[0] == 100 and all(0 <= x <= 100 for x in rel) and rel == sorted(rel, reverse=True)
    assert out["results"][0]["fit_de"] == "sehr passend"
    for r in out["results"]:
        assert r["relevance"] == round(100 * r["score"] / out["results"][0]["score"])
        assert r["fit_de"] == ("sehr passend" if r["relevance"] >= 75 else
                               "passend" if r["relevance"] >= 40 else "möglich")


@pytest.mark.slow
def test_beelitz_city_app_finds_michendorf(bundled):
    out = suggest(bundled, "12069017", kind="city-app", limit=5)
    top = {r["name"]: r for r in out["results"]}
    assert "Michendorf" in top
    texts = [x["text_de"] for x in top["Michendorf"]["reasons"] if x["signal"] == "experience"]
    assert texts and "Dorf-App (verwandt mit Stadt-App)" in texts[0]
    assert top["Michendorf"]["distance_km"] < 12


def test_default_experience_decay_is_the_shipped_one():
    assert DEFAULT.experience_km == 300.0
