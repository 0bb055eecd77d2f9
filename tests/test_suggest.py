"""suggest: every signal checked by hand on the tiny world, reasons checked against
the graph, rejected inputs, determinism, and the real data (Witten)."""

from __future__ import annotations

import math

import pytest
from partner_graphs import (
    BRILON,
    DORTMUND,
    HATTINGEN,
    MESCHEDE,
    MUNICIPALITIES,
    SPROCKHOEVEL,
    WITTEN,
    build_world,
)

from kommunalgraph.graph.errors import InputError, UnknownEntity, UnknownMunicipality
from kommunalgraph.graph.ladybug_store import LadybugStore
from kommunalgraph.queries.analytics import network
from kommunalgraph.queries.geo import haversine_km
from kommunalgraph.queries.partner.suggest import suggest
from kommunalgraph.queries.partner.weights import SIGNALS, Weights

ZERO = Weights(**{s: 0.0 for s in SIGNALS})
_PLACE = {m["ags"]: (m["lat"], m["lon"]) for m in MUNICIPALITIES}


def near(ags: str) -> float:
    """The experience decay of a town in the tiny world, seen from Witten."""
    return math.exp(-haversine_km(*_PLACE[WITTEN], *_PLACE[ags]) / 300.0)

LN2, LN3 = math.log(2), math.log(3)


def only(signal: str) -> Weights:
    return ZERO.replace(**{signal: 1.0})


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    store = LadybugStore(tmp_path_factory.mktemp("world") / "store")
    build_world(store)
    yield store
    network.clear_cache(store)
    store.close()


def everyone(out: dict) -> list[dict]:
    """New and existing partners."""
    return out["results"] + out.get("already_partners", [])


def scores(out: dict) -> dict[str, float]:
    """Scores of new and existing partners alike (the signals do not care)."""
    return {r.get("ags") or r["key"]: r["score"]
            for r in out["results"] + out.get("already_partners", []) if r["score"] > 0}


@pytest.mark.parametrize(
    ("signal", "kwargs", "expected"),
    [
        # Adamic–Adar: eakte and sc each have 2 members → 1/ln 2
        ("shared_project", {}, {HATTINGEN: 1 / LN2, DORTMUND: 1 / LN2}),
        # msc has 3 members (Witten, Dortmund, Meschede); Dortmund and Meschede are in it
        # through "app", a project Witten is not in → 1/ln 3 each
        ("shared_programme", {}, {DORTMUND: 1 / LN3, MESCHEDE: 1 / LN3}),
        # Witten–Dortmund (sc), Dortmund–Meschede (app): Dortmund has 2 partners → 1/2
        ("partner_of_partner", {}, {MESCHEDE: 0.5}),
        # kinds of Witten's projects: e-akte (Witten, Hattingen) and smart-city
        # (Witten, Dortmund): 1/ln(1 + 2) each
        ("similar_project", {}, {HATTINGEN: 1 / LN3, DORTMUND: 1 / LN3}),
        ("border", {}, {HATTINGEN: 1.0, SPROCKHOEVEL: 1.0, DORTMUND: 1.0}),
        ("same_kreis", {}, {HATTINGEN: 1.0, SPROCKHOEVEL: 1.0}),
        ("same_land", {}, {HATTINGEN: 1.0, SPROCKHOEVEL: 1.0, DORTMUND: 1.0,
                           MESCHEDE: 1.0, BRILON: 1.0}),
        ("urbanisation", {}, {DORTMUND: 1.0}),
        # Witten named (1); Sprockhövel derived (1/2); Meschede, Brilon via their Kreis (1/2)
        ("it_provider", {}, {SPROCKHOEVEL: 0.5, MESCHEDE: 0.5, BRILON: 0.5}),
        ("type_same", {}, {BRILON: 1.0}),
        ("type_complementary", {}, {MESCHEDE: 1.0}),
        # experience decays with the distance from Witten: exp(-d / 300 km)
        ("experience", {"kind": "e-akte"}, {HATTINGEN: near(HATTINGEN)}),
        ("experience", {"project": "app"}, {DORTMUND: near(DORTMUND), MESCHEDE: near(MESCHEDE)}),
        ("experience", {"ozg": "OZG1"}, {HATTINGEN: near(HATTINGEN)}),
        ("experience", {"themenfeld": "Querschnitt"}, {HATTINGEN: near(HATTINGEN)}),
        ("experience_kreis", {"project": "kreisnetz"}, {MESCHEDE: 1.0, BRILON: 1.0}),
        # same programme as "app": "sc" (Dortmund is in both, Witten is the anchor)
        ("similar_experience", {"project": "app"}, {DORTMUND: 1.0}),
    ],
)
def test_each_signal_by_hand(world, signal, kwargs, expected):
    out = suggest(world, WITTEN, weights=only(signal), limit=10, **kwargs)
    got = scores(out)
    assert got.keys() == expected.keys()
    for k, v in expected.items():
        assert got[k] == pytest.approx(v, abs=1e-4), k
    for r in out["results"]:
        if r["score"] > 0:
            [reason] = r["reasons"]
            assert reason["signal"] == signal and reason["contribution"] == pytest.approx(
                r["score"], abs=1e-4)


def test_size_and_distance_by_hand(world):
    out = suggest(world, WITTEN, weights=only("size"))
    assert scores(out)[HATTINGEN] == pytest.approx(54000 / 96000, abs=1e-4)
    out = suggest(world, WITTEN, weights=only("distance_near"))
    hat = next(r for r in everyone(out) if r["ags"] == HATTINGEN)
    d = haversine_km(51.4436, 7.3526, 51.3996, 7.1858)
    assert hat["distance_km"] == pytest.approx(d, abs=0.05)
    assert hat["score"] == pytest.approx(math.exp(-d / 15), abs=1e-4)
    assert hat["reasons"][0]["text_de"] == f"{d:.0f} km entfernt"


def test_default_ranking_and_reason_texts(world):
    out = suggest(world, WITTEN)
    assert out["query"]["ags"] == WITTEN
    # the two with a shared project are partners already, the others are new
    assert {r["name"] for r in out["already_partners"]} == {"Hattingen", "Dortmund"}
    assert not {r["name"] for r in out["results"]} & {"Hattingen", "Dortmund"}
    assert all(r["already_partner"] for r in out["already_partners"])
    assert not any(r["already_partner"] for r in out["results"])
    texts = {t["text_de"] for r in everyone(out) for t in r["reasons"]}
    assert "Beide nehmen an „E-Akte EN“ teil" in texts
    assert "Grenzt an Witten" in texts
    assert "Gleicher Kreis: Ennepe-Ruhr-Kreis" in texts
    assert "Beide nehmen am Programm Modellprojekte Smart Cities teil" in texts
    assert "Gleicher IT-Dienstleister: Südwestfalen-IT (über Hochsauerlandkreis)" in texts
    assert "Gleicher Kommunentyp (ÖFIT/KGSt): Optimierer" in texts
    assert "Ähnliche Größe (54.000 vs. 96.000 Einwohner)" in texts
    for r in everyone(out):
        assert r["score"] == pytest.approx(sum(x["contribution"] for x in r["reasons"]),
                                           abs=1e-3)
        assert {"ags", "name", "score", "distance_km", "district", "state", "reasons"} <= set(r)


def test_corner_contact_counts_as_border_but_is_named_as_corner(world):
    # Witten–Sprockhövel meet in a point only (contact="point"), Witten–Hattingen share a line
    out = suggest(world, WITTEN, weights=only("border"))
    border = {r["name"]: x for r in everyone(out) for x in r["reasons"]
              if x["signal"] == "border"}
    assert border["Sprockhövel"]["text_de"] == "Berührt Witten an einer Ecke"
    assert border["Hattingen"]["text_de"] == "Grenzt an Witten"
    assert border["Sprockhövel"]["contribution"] == border["Hattingen"]["contribution"] > 0


def test_experience_text_names_the_year(world):
    out = suggest(world, WITTEN, kind="e-akte", limit=1)
    [top] = out["already_partners"]  # Hattingen runs the e-Akte with Witten
    assert top["name"] == "Hattingen"
    assert top["shared_projects"] == [{"id": "eakte", "name": "E-Akte EN"}]
    [exp] = [x for x in top["reasons"] if x["signal"] == "experience"]
    assert exp["text_de"] == "Betreibt bereits eine E-Akte (seit 2019): „E-Akte EN“"


def test_ties_broken_by_ags_and_deterministic(world):
    out = suggest(world, WITTEN, weights=only("same_land"))
    keys = [r["ags"] for r in out["results"]]
    assert keys == sorted(keys)
    assert suggest(world, WITTEN) == suggest(world, WITTEN)


def test_radius_filters(world):
    out = suggest(world, WITTEN, radius_km=12)
    assert {r["ags"] for r in out["results"]} == {SPROCKHOEVEL}
    assert {r["ags"] for r in out["already_partners"]} == {DORTMUND}  # Hattingen: 13 km
    assert all(r["distance_km"] <= 12 for r in everyone(out))


def test_districts_ranked_with_key_not_ags(world):
    out = suggest(world, WITTEN, include_districts=True, limit=20)
    districts = [r for r in out["results"] if r["label"] == "District"]
    assert {r["key"] for r in districts} == {"05954", "05958"}  # kreisfreie Stadt not twice
    assert all("ags" not in r for r in districts)
    assert all("ags" in r for r in out["results"] if r["label"] == "Municipality")
    own = next(r for r in districts if r["key"] == "05954")
    assert "Eigener Kreis" in [x["text_de"] for x in own["reasons"]]


def test_held_out_membership_leaves_no_trace(world):
    held = [(("Municipality", HATTINGEN), ("Project", "eakte"))]
    out = suggest(world, WITTEN, kind="e-akte", exclude_edges=held)
    for r in out["results"]:
        for reason in r["reasons"]:
            assert reason["signal"] not in ("experience", "shared_project") or \
                r["ags"] != HATTINGEN
            assert "E-Akte EN" not in reason["text_de"] or r["ags"] != HATTINGEN
    hat = next(r for r in out["results"] if r["ags"] == HATTINGEN)  # a new partner now
    assert {x["signal"] for x in hat["reasons"]}.isdisjoint(
        {"experience", "shared_project", "similar_project", "partner_of_partner"})
    assert out["already_partners"] == []
    # and the cached graph is unchanged
    again = suggest(world, WITTEN, kind="e-akte")
    assert [r["ags"] for r in again["already_partners"]] == [HATTINGEN]


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"limit": 0}, InputError),
        ({"limit": -3}, InputError),
        ({"limit": "5"}, InputError),
        ({"radius_km": 0}, InputError),
        ({"radius_km": -1.0}, InputError),
        ({"radius_km": float("nan")}, InputError),
        ({"project": "app", "kind": "e-akte"}, InputError),
        ({"kind": "raumschiff"}, InputError),
        ({"project": "nope"}, UnknownEntity),
        ({"ozg": "OZG999"}, UnknownEntity),
        ({"themenfeld": "Weltraum"}, UnknownEntity),
    ],
)
def test_rejected_inputs(world, kwargs, error):
    with pytest.raises(error) as e:
        suggest(world, WITTEN, **kwargs)
    assert e.value.message_de  # German message for the edges


@pytest.mark.parametrize("ags", ["99999999", "Witten", ""])
def test_unknown_municipality(world, ags):
    with pytest.raises(UnknownMunicipality):
        suggest(world, ags)


# -- reasons against the graph --------------------------------------------------------


def check_reasons(G, anchors: list[str], result: dict) -> None:
    """Every reason corresponds to a real edge or property of the analysis graph."""
    c = ("Municipality", result["ags"])
    A = [("Municipality", a) for a in anchors]

    def members(p):
        return {u for u, e in G[("Project", p)].items() if e["kind"] == "PARTICIPATES_IN"}

    def groups_of(m):
        return {g for g, e in G[m].items() if e["kind"] in ("IN_DISTRICT", "IN_ASSOCIATION")}

    for r in result["reasons"]:
        s, v = r["signal"], r["value"]
        assert r["contribution"] > 0 and r["text_de"]
        if s in ("shared_project", "experience"):
            for p in v:
                assert c in members(p)
                if s == "shared_project":
                    assert any(a in members(p) for a in A)
        elif s in ("shared_project_kreis", "experience_kreis"):
            for p in v:
                ms = members(p)
                assert c in ms or groups_of(c) & ms
        elif s == "shared_programme":
            for g in v:
                ps = [p for p, e in G[("Programme", g)].items() if e["kind"] == "PART_OF"]
                assert any(c in members(p[1]) for p in ps)
                assert any(a in members(p[1]) for p in ps for a in A)
        elif s == "partner_of_partner":
            for b in v:
                bn = ("Municipality", b)
                assert any(bn in members(p[1]) and c in members(p[1])
                           for p in G[bn] if p[0] == "Project")
        elif s == "border":
            for a in v:
                assert G.edges[c, ("Municipality", a)]["kind"] == "NEIGHBOUR_OF"
        elif s == "same_kreis":
            assert G.nodes[c]["district"] == v
            assert any(G.nodes[a]["district"] == v for a in A)
        elif s == "same_land":
            assert G.nodes[c]["state"] == v
        elif s == "distance":
            d = min(haversine_km(G.nodes[a]["lat"], G.nodes[a]["lon"],
                                         G.nodes[c]["lat"], G.nodes[c]["lon"]) for a in A)
            assert v == pytest.approx(d, abs=0.1)
        elif s == "it_provider":
            o = ("Organisation", v)
            assert G.has_edge(c, o) or any(G.has_edge(g, o) for g in groups_of(c))
            assert any(G.has_edge(a, o) or any(G.has_edge(g, o) for g in groups_of(a))
                       for a in A)
        elif s == "urbanisation":
            assert G.nodes[c]["urbanisation"] == v
        elif s in ("type_same", "type_complementary"):
            assert G.edges[c, ("MunicipalityType", v)]["kind"] == "HAS_TYPE"
        elif s == "size":
            assert G.nodes[c]["population"] > 0
        elif s == "similar_project":
            kinds = {G.nodes[p]["kind"] for p in G[c] if p[0] == "Project"}
            assert set(v) <= kinds
        elif s == "similar_experience":
            for p in v:
                assert c in members(p)
        elif s == "same_product":
            def keys(m, name=v):
                n = G.nodes[m]
                return {k for k in (*n.get("products", ()), *n.get("platforms", ()))
                        if k[2] == name}
            assert keys(c) and any(keys(c) & keys(a) for a in A)
        else:  # pragma: no cover
            raise AssertionError(f"unknown signal {s}")


def test_reasons_match_the_tiny_graph(world):
    G = network.load_network(world)
    for kwargs in ({}, {"kind": "e-akte"}, {"project": "app"}, {"project": "kreisnetz"}):
        for r in suggest(world, WITTEN, **kwargs)["results"]:
            check_reasons(G, [WITTEN], r)


@pytest.mark.slow
def test_witten_on_real_data(bundled):
    out = suggest(bundled, "05954036", limit=10)
    assert len(out["results"]) == 10
    G = network.load_network(bundled)
    names = [r["name"] for r in out["results"]]
    known = {r["name"] for r in out["already_partners"]}
    assert {"Hattingen", "Sprockhövel", "Gevelsberg", "Schwelm"} <= known  # Witten's e-Akte
    assert not known & set(names)
    for r in out["results"] + out["already_partners"]:
        assert r["reasons"] and r["ags"] != "05954036"
        check_reasons(G, ["05954036"], r)
    texts = [x["text_de"] for r in out["results"] for x in r["reasons"]]
    assert "Grenzt an Witten" in texts
    assert "Gleicher Kreis: Ennepe-Ruhr-Kreis" in texts


@pytest.mark.slow
def test_topic_and_radius_on_real_data(bundled):
    out = suggest(bundled, "05954036", kind="city-app", radius_km=80, limit=5)
    assert all(r["distance_km"] <= 80 for r in out["results"])
    assert any(x["signal"] == "experience" for r in out["results"] for x in r["reasons"])


# -- the command line ------------------------------------------------------------------


@pytest.fixture(scope="module")
def world_path(tmp_path_factory):
    """A closed tiny store for the CLI to open read-only."""
    path = tmp_path_factory.mktemp("cli-world") / "store"
    s = LadybugStore(path)
    build_world(s)
    s.close()
    return path


def run_cli(store_path, *args):
    from click.testing import CliRunner

    from kommunalgraph.cli import main

    return CliRunner().invoke(main, ["--store", str(store_path), *args])


def test_cli_suggest_text_and_json(world_path):
    r = run_cli(world_path, "suggest", "Witten", "--limit", "2")
    assert r.exit_code == 0, r.output
    assert "Partnervorschläge für Witten, Stadt (AGS 05954036" in r.output
    new, known = r.output.split("Bereits Partner (gemeinsames Projekt):")
    assert "  1. " in new and ". Hattingen (" not in new and ". Dortmund (" not in new
    assert "– Hattingen (05954012), 13 km: „E-Akte EN“" in known
    r = run_cli(world_path, "suggest", WITTEN, "--kind", "e-akte", "--json")
    assert r.exit_code == 0, r.output
    import json

    out = json.loads(r.output)
    assert out["query"]["kind"] == "e-akte"
    assert out["already_partners"][0]["ags"] == HATTINGEN
    assert out["already_partners"][0]["already_partner"] is True
    assert HATTINGEN not in {r["ags"] for r in out["results"]}
    assert {"signal", "value", "contribution", "text_de"} == set(out["results"][0]["reasons"][0])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["suggest", "Nirgendwo"], "Keine Kommune gefunden für „Nirgendwo“"),
        (["suggest", "99999999"], "Keine Kommune gefunden"),
        (["suggest", "Witten", "--project", "nope"], "Kein Projekt mit der ID „nope“"),
        (["suggest", "Witten", "--kind", "e-akte", "--ozg", "OZG1"], "Bitte nur eines"),
        (["suggest", "Witten", "--kind", "raumschiff"], "Unbekannte Projektart"),
        (["suggest", "Witten", "--limit", "0"], "--limit"),
        (["suggest", "Witten", "--radius-km", "0"], "--radius-km"),
    ],
)
def test_cli_suggest_errors_are_german_without_traceback(world_path, args, message):
    r = run_cli(world_path, *args)
    assert r.exit_code != 0
    assert message in r.output
    assert "Traceback" not in r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)


@pytest.mark.slow
def test_cli_suggest_witten_real(bundled_store_path):
    r = run_cli(bundled_store_path, "suggest", "05954036")
    assert r.exit_code == 0, r.output
    assert "Grenzt an Witten" in r.output and " 10. " in r.output


@pytest.mark.slow
def test_cli_suggest_muenster_means_the_big_one(bundled_store_path):
    # issue 14: one candidate more than 10x the population of the next is taken directly
    r = run_cli(bundled_store_path, "suggest", "Münster")
    assert r.exit_code == 0, r.output
    assert "AGS 05515000" in r.output
    r = run_cli(bundled_store_path, "suggest", "Münster", "--land", "05", "--json",
                "--limit", "3")
    assert r.exit_code == 0, r.output
    import json

    assert json.loads(r.output)["query"]["ags"] == "05515000"


def test_shared_project_is_networkx_adamic_adar(world):
    import networkx as nx
    from network_reference import municipality_project_graph

    G = network.load_network(world)
    B = municipality_project_graph(G)
    ms = sorted(n for n in B if n[0] == "Municipality")
    for a in ms:
        got = scores(suggest(world, a[1], weights=only("shared_project")))
        want = {v[1]: s for _, v, s in nx.adamic_adar_index(B, [(a, v) for v in ms if v != a])
                if s > 0}
        assert got.keys() == want.keys()
        for k in want:
            assert got[k] == pytest.approx(want[k], abs=1e-4)


def test_cli_topic_without_projects_says_so(world_path):
    r = run_cli(world_path, "suggest", "Witten", "--kind", "software", "--limit", "1")
    assert r.exit_code == 0, r.output
    assert "für eine gemeinsame Software" in r.output
    assert "Hinweis: Im Datenbestand setzt noch kein Projekt dieses Thema um" in r.output
    r = run_cli(world_path, "suggest", "Witten", "--themenfeld", "querschnitt", "--limit", "1")
    assert "für das Themenfeld Querschnitt für Witten" in r.output
    assert "Hinweis" not in r.output
