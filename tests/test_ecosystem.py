"""The ecosystem map: a fixture store with hand-checked nodes, edges and lists
(projects with ``via``, IT providers, neighbours, partners), the CLI, and the
bundled real data."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from explore_world import BRECKERFELD, DORTMUND, FIXTURE_CONTACT, OLSBERG, WITTEN, build_world

from kommunalgraph.graph.errors import UnknownMunicipality
from kommunalgraph.queries.ecosystem import ecosystem


@pytest.fixture
def world(store):
    build_world(store)
    return store


def _ids(eco):
    return {n["id"] for n in eco["nodes"]}


def _edges(eco):
    return {(e["source"], e["target"], e["kind"]) for e in eco["edges"]}


def test_witten_ego_network_by_hand(world) -> None:
    eco = ecosystem(world, WITTEN)
    assert _ids(eco) == {
        "Municipality:05954036", "District:05954", "State:05",
        "Municipality:05954012", "Municipality:05954032", "Municipality:05913000",  # neighbours
        "Project:eakte", "Project:sc", "Programme:msc", "Organisation:swit",
        "MunicipalityType:optimierer", "Role:cdo",
    }
    edges = _edges(eco)
    assert ("Municipality:05954036", "Project:eakte", "PARTICIPATES_IN") in edges
    assert ("Municipality:05913000", "Project:sc", "PARTICIPATES_IN") in edges
    assert ("Project:sc", "Programme:msc", "PART_OF") in edges
    assert ("Municipality:05954036", "Organisation:swit", "SERVED_BY") in edges
    assert ("District:05954", "State:05", "IN_STATE") in edges
    c = eco["center"]
    assert (c["ags"], c["projects"], c["neighbours"], c["active_neighbours"]) == (
        WITTEN, 2, 3, 3)
    assert c["type"] == "Optimierer" and c["roles"] == ["Chief Digital Officer (CDO)"]
    # every edge joins two listed nodes, with a German label
    assert all(e["source"] in _ids(eco) and e["target"] in _ids(eco) for e in eco["edges"])
    assert all(e["label_de"] for e in eco["edges"])
    assert {n["ring"] for n in eco["nodes"] if n["id"] == "Municipality:05954036"} == {0}
    json.dumps(eco)  # plain data


def test_kreis_projects_and_co_members(world) -> None:
    eco = ecosystem(world, OLSBERG)  # no project of its own; its Kreis runs kreisnetz
    assert ("District:05958", "Project:kreisnetz", "PARTICIPATES_IN") in _edges(eco)
    assert ("Organisation:swit", "Project:kreisnetz", "PARTICIPATES_IN") in _edges(eco)
    assert ("District:05958", "Organisation:swit", "SERVED_BY") in _edges(eco)
    assert eco["center"]["projects"] == 0
    assert eco["center"]["projects_via_kreis_or_verband"] == 1
    lonely = ecosystem(world, BRECKERFELD)
    assert lonely["center"]["projects"] == 0
    assert not [n for n in lonely["nodes"] if n["kind"] == "Project"]


def test_personal_data_only_on_request(world) -> None:
    role = next(e for e in ecosystem(world, WITTEN)["edges"] if e["kind"] == "HAS_ROLE")
    assert "contact_email" not in role and role["title"] == FIXTURE_CONTACT["title"]
    role = next(e for e in ecosystem(world, WITTEN, include_personal_data=True)["edges"]
                if e["kind"] == "HAS_ROLE")
    assert role["contact_email"] == FIXTURE_CONTACT["contact_email"]


def test_lists_for_cli_and_web(world) -> None:
    eco = ecosystem(world, WITTEN)
    projects = {p["id"]: p for p in eco["projects"]}
    assert set(projects) == {"eakte", "sc"}
    assert projects["eakte"]["direct"] and projects["eakte"]["via"] == []
    assert projects["eakte"]["role"] == "lead"
    assert [x["key"] for x in projects["eakte"]["partners"]] == [
        "05954012", "05954032"]  # Hattingen, Sprockhövel: the centre itself is not listed
    assert projects["sc"]["programmes"] and [x["name"] for x in projects["sc"]["partners"]] == [
        "Dortmund"]
    assert [(o["id"], o["via"]) for o in eco["it_providers"]] == [("swit", None)]
    assert [(n["name"], n["projects"], n["active"]) for n in eco["neighbours"]] == [
        ("Dortmund", 1, True), ("Hattingen", 1, True), ("Sprockhövel", 1, True)]
    # every partner here is also a neighbour: marked, so a page can group them apart
    assert {(x["name"], x["neighbour"]) for x in eco["partners"]} == {
        ("Hattingen", True), ("Sprockhövel", True), ("Dortmund", True)}


def test_via_kreis_is_worked_out_in_the_query(world) -> None:
    eco = ecosystem(world, OLSBERG)  # no project of its own; its Kreis runs kreisnetz
    (p,) = eco["projects"]
    assert p["id"] == "kreisnetz" and not p["direct"] and p["role"] is None
    assert p["via"] == [{"kind": "District", "key": "05958", "name": "Hochsauerlandkreis",
                         "kind_de": "Kreis"}]
    # the Kreis it takes part through is no "partner"; the organisation is
    assert [x["key"] for x in p["partners"]] == ["swit"]
    assert [(o["id"], o["via"]["name"]) for o in eco["it_providers"]] == [
        ("swit", "Hochsauerlandkreis")]
    assert [x["name"] for x in eco["partners"]] == [p["partners"][0]["name"]]
    assert not eco["partners"][0]["neighbour"]


def test_unknown_municipality(world) -> None:
    with pytest.raises(UnknownMunicipality):
        ecosystem(world, "99999999")


def test_cli(world) -> None:
    from kommunalgraph.cli import main

    path = str(world.path)
    world.close()
    runner = CliRunner()
    r = runner.invoke(main, ["--store", path, "ecosystem", "Witten"])
    assert r.exit_code == 0, r.output
    assert "E-Akte EN" in r.output and "Hattingen" in r.output and "Südwestfalen-IT" in r.output
    assert "Nachbarn: Dortmund (1 Projekt), Hattingen (1 Projekt)" in r.output
    r = runner.invoke(main, ["--store", path, "ecosystem", OLSBERG])
    assert r.exit_code == 0, r.output
    assert "– über Hochsauerlandkreis" in r.output
    assert "IT-Dienstleister: Südwestfalen-IT (über Kreis Hochsauerlandkreis)" in r.output
    assert "Projektpartner außerhalb der Nachbarschaft (1): Südwestfalen-IT" in r.output
    r = runner.invoke(main, ["--store", path, "ecosystem", DORTMUND, "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["center"]["name"] == "Dortmund"
    # name resolution itself is tested in test_resolve*.py; --land picks the namesake
    r = runner.invoke(main, ["--store", path, "ecosystem", "Münster", "--land", "06"])
    assert r.exit_code == 0, r.output
    assert "(AGS 06432015)" in r.output
    r = runner.invoke(main, ["--store", path, "ecosystem", "12345678"])
    assert r.exit_code == 1 and "Keine Kommune gefunden" in r.output


@pytest.mark.slow
def test_bundled_witten(bundled) -> None:
    eco = ecosystem(bundled, WITTEN)
    assert eco["center"]["name"] == "Witten"
    assert eco["center"]["neighbours"] >= 5
    assert any(n["kind"] == "Project" for n in eco["nodes"])
    assert eco["center"]["type"] is None  # no profile data is shipped
