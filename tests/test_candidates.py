"""candidates: who else could join a project? Tiny world by hand, real data (OSCA)."""

from __future__ import annotations

import math

import pytest
from partner_graphs import (
    BRILON,
    DORTMUND,
    HATTINGEN,
    MESCHEDE,
    SPROCKHOEVEL,
    WITTEN,
    build_world,
)
from test_suggest import check_reasons

from kommunalgraph.graph.errors import InputError, UnknownEntity
from kommunalgraph.graph.ladybug_store import LadybugStore
from kommunalgraph.queries.analytics import network
from kommunalgraph.queries.partner.candidates import candidates
from kommunalgraph.queries.partner.weights import SIGNALS, Weights

ZERO = Weights(**{s: 0.0 for s in SIGNALS})


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    store = LadybugStore(tmp_path_factory.mktemp("world") / "store")
    build_world(store)
    yield store
    network.clear_cache(store)
    store.close()


def test_members_are_not_candidates(world):
    out = candidates(world, "eakte", limit=20)
    keys = {r["ags"] for r in out["results"]}
    assert keys == {SPROCKHOEVEL, DORTMUND, MESCHEDE, BRILON}
    assert [m["key"] for m in out["project"]["members"]] == [HATTINGEN, WITTEN]
    assert out["project"]["name"] == "E-Akte EN"


def test_border_with_two_members_counts_log2_3(world):
    # Sprockhövel borders both members (Witten, Hattingen): log2(1 + 2)
    out = candidates(world, "eakte", weights=ZERO.replace(border=1.0))
    top = out["results"][0]
    assert top["ags"] == SPROCKHOEVEL
    assert top["score"] == pytest.approx(math.log2(3), abs=1e-4)
    # Sprockhövel meets Witten in a corner only (partner_graphs): same weight, own wording
    assert top["reasons"][0]["text_de"] == (
        "Grenzt an Mitglied Hattingen; berührt Mitglied Witten an einer Ecke")
    # Dortmund borders Witten only
    dort = next(r for r in out["results"] if r["ags"] == DORTMUND)
    assert dort["score"] == pytest.approx(1.0)
    assert dort["reasons"][0]["text_de"] == "Grenzt an Mitglied Witten"


def test_shared_projects_are_summed_over_members(world):
    # Dortmund shares "sc" with member Witten: 1/ln 2; "eakte" itself is not counted
    out = candidates(world, "eakte", weights=ZERO.replace(shared_project=1.0))
    assert out["results"][0]["ags"] == DORTMUND
    assert out["results"][0]["score"] == pytest.approx(1 / math.log(2), abs=1e-4)
    assert out["results"][1]["score"] == 0


def test_kreis_membership_counts_for_its_towns(world):
    out = candidates(world, "kreisnetz")
    assert [r["ags"] for r in out["results"][:2]] == [BRILON, MESCHEDE]  # tie → AGS
    texts = [x["text_de"] for x in out["results"][0]["reasons"]]
    assert "Hochsauerlandkreis nimmt bereits an „Kreisnetz HSK“ teil" in texts
    assert out["project"]["members"] == [
        {"key": "05958", "label": "District", "name": "Hochsauerlandkreis"}]


def test_same_programme_is_similar_experience(world):
    out = candidates(world, "app", weights=ZERO.replace(similar_experience=1.0))
    top = out["results"][0]
    assert top["ags"] == WITTEN and top["score"] == 1.0
    assert top["reasons"][0]["text_de"] == (
        "Nimmt ebenfalls am Programm Modellprojekte Smart Cities teil: „Smart City Ruhr“")


def test_districts_optional(world):
    out = candidates(world, "eakte", include_districts=True, limit=10)
    assert {r["key"] for r in out["results"] if r["label"] == "District"} == {"05954", "05958"}
    out = candidates(world, "kreisnetz", include_districts=True, limit=10)
    assert "05958" not in {r["key"] for r in out["results"]}  # already a member


def test_deterministic(world):
    assert candidates(world, "app") == candidates(world, "app")


def test_reasons_match_the_graph(world):
    G = network.load_network(world)
    for pid in ("eakte", "app", "sc"):
        out = candidates(world, pid)
        anchors = [m["key"] for m in out["project"]["members"] if m["label"] == "Municipality"]
        for r in out["results"]:
            check_reasons(G, anchors, r)


@pytest.mark.parametrize(
    ("project", "limit", "error"),
    [("nope", 10, UnknownEntity), ("", 10, UnknownEntity), ("eakte", 0, InputError),
     ("eakte", -1, InputError), ("eakte", 2.5, InputError)],
)
def test_rejected_inputs(world, project, limit, error):
    with pytest.raises(error) as e:
        candidates(world, project, limit=limit)
    assert e.value.message_de


def test_unknown_project_message_is_german(world):
    with pytest.raises(UnknownEntity, match="unknown project") as e:
        candidates(world, "nope")
    assert e.value.message_de == "Kein Projekt mit der ID „nope“ gefunden."


@pytest.mark.slow
def test_open_smartcity_app_on_real_data(bundled):
    out = candidates(bundled, "OSCA", limit=10)
    G = network.load_network(bundled)
    members = {m["key"] for m in out["project"]["members"]}
    assert {"05913000", "05122000"} <= members  # Dortmund, Solingen
    assert len(out["results"]) == 10
    anchors = [m["key"] for m in out["project"]["members"] if m["label"] == "Municipality"]
    for r in out["results"]:
        assert r["ags"] not in members and r["reasons"]
        check_reasons(G, anchors, r)
    scores = [r["score"] for r in out["results"]]
    assert scores == sorted(scores, reverse=True)


# -- the command line ------------------------------------------------------------------


def test_cli_candidates(tmp_path):
    from click.testing import CliRunner

    from kommunalgraph.cli import main

    s = LadybugStore(tmp_path / "store")
    build_world(s)
    s.close()
    r = CliRunner().invoke(main, ["--store", str(tmp_path / "store"), "candidates", "eakte"])
    assert r.exit_code == 0, r.output
    assert "Kandidaten für „E-Akte EN“ (eakte); Mitglieder: Hattingen, Witten" in r.output
    assert "Grenzt an Mitglied Hattingen; berührt Mitglied Witten an einer Ecke" in r.output
    r = CliRunner().invoke(main, ["--store", str(tmp_path / "store"), "candidates", "nope"])
    assert r.exit_code == 1 and "Kein Projekt mit der ID „nope“ gefunden." in r.output
    assert "Traceback" not in r.output


@pytest.mark.slow
def test_cli_candidates_osca_json(bundled_store_path):
    import json

    from click.testing import CliRunner

    from kommunalgraph.cli import main

    r = CliRunner().invoke(main, ["--store", str(bundled_store_path), "candidates", "OSCA",
                                  "--limit", "5", "--json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert out["project"]["id"] == "OSCA" and len(out["results"]) == 5
    assert all(x["text_de"] for res in out["results"] for x in res["reasons"])
