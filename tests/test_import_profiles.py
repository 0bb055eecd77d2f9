"""Profiles importer (self-reported, CSV and YAML) on invented fixtures."""

from __future__ import annotations

from pathlib import Path

import import_world
import pytest

from kommunalgraph.graph.errors import ImportFailed
from kommunalgraph.importers import profiles, vocabulary
from kommunalgraph.importers.base import apply_plan

FIX = Path(__file__).resolve().parent / "fixtures" / "profiles"


def _import(store, path):
    return apply_plan(store, profiles.plan(path, store))


@pytest.fixture
def world(store):
    import_world.build(store)
    apply_plan(store, vocabulary.plan(Path("."), store))
    return store


def test_vocabulary(store):
    apply_plan(store, vocabulary.plan(Path("."), store))
    c = store.counts()["nodes"]
    assert (c["MunicipalityType"], c["Role"], c["EGovComponent"], c["ParticipationTool"]) == (
        4, 6, 9, 4)
    assert store.run("MATCH (t:MunicipalityType {id: 'community-manager'}) "
                     "RETURN t.name AS n")[0]["n"] == "Community Manager"


def test_yaml_profiles(world):
    report = _import(world, FIX / "profiles.yml")
    witten = world.run("MATCH (m:Municipality {ags: '05954036'}) RETURN m.has_strategy AS s, "
                       "m.strategy_owner AS o, m.profile_as_of AS d, m.profile_source AS src")
    assert witten == [{"s": True, "o": "chefsache", "d": "2024-05-02",
                       "src": "Fixture-Befragung (erfunden)"}]
    roles = {r["r"]: r for r in world.run(
        "MATCH (:Municipality {ags: '05954036'})-[h:HAS_ROLE]->(r:Role) RETURN r.id AS r, "
        "h.contact_name AS n, h.contact_email AS e, h.consent AS c, h.title AS t")}
    assert roles["cdo"] == {"r": "cdo", "n": "Erika Fixture", "e": "erika.fixture@example.org",
                            "c": True, "t": "Chief Digital Officer"}
    # no consent: contact data are not stored
    assert roles["it-abteilung"]["n"] is None and roles["it-abteilung"]["e"] is None
    assert any("ohne Einwilligung" in n for n in report.notes)
    c = world.counts()["relationships"]
    assert (c["HAS_TYPE"], c["HAS_ROLE"], c["USES"], c["OFFERS"]) == (2, 3, 4, 1)
    assert any("Hatingen" in n for n in report.notes)  # fuzzy name match reported
    assert report.skipped_by_reason() == {"Schlüssel nicht im Datenbestand (Municipality)": 1}


def test_csv_profiles(world):
    report = _import(world, FIX / "profiles.csv")
    assert report.read == 2
    rows = world.run("MATCH (m:Municipality)-[h:HAS_ROLE]->(r:Role) RETURN m.ags AS a, "
                     "r.id AS r, h.contact_name AS n, h.title AS t")
    assert {(r["a"], r["r"]) for r in rows} == {("05122000", "cdo"),
                                                ("05122000", "digitale-lotsen")}
    assert all(r["n"] is None for r in rows)  # consent "nein"
    soest = world.run("MATCH (m:Municipality {ags: '05974040'})-[:OFFERS]->(t) "
                      "RETURN t.id AS t, m.has_strategy AS s")
    assert soest == [{"t": "online-planung", "s": False}]


def test_reimport_changes_nothing(world):
    _import(world, FIX / "profiles.yml")
    before = world.counts()
    _import(world, FIX / "profiles.yml")
    assert world.counts() == before


def test_vocabulary_is_added_when_missing(store):
    import_world.build(store)
    _import(store, FIX / "profiles.csv")
    assert store.counts()["nodes"]["Role"] == 6


@pytest.mark.parametrize(("old", "new", "field"), [
    ("cdo;digitale-lotsen", "cdo;kaiser", "roles"),
    ("community-manager", "visionaere", "type"),
    ("2023-11-30,Fixture-Befragung (erfunden),ja", "30.11.2023,Fixture,ja", "answered_at"),
    ("fixture@example.org", "kein-email", "contact_email"),
    ("05122000,,,", "5122000,,,", "ags"),
    ("eid;chatbot", "eid;fax", "components"),
])
def test_bad_value_fails_with_line_and_field(world, tmp_path, old, new, field):
    before = world.counts()
    f = tmp_path / "profiles.csv"
    f.write_text((FIX / "profiles.csv").read_text("utf-8").replace(old, new, 1), "utf-8")
    with pytest.raises(ImportFailed) as e:
        _import(world, f)
    assert (e.value.path, e.value.line, e.value.field) == (str(f), 2, field)
    assert world.counts() == before


def test_bad_yaml_entry_names_its_line(world, tmp_path):
    f = tmp_path / "p.yml"
    text = (FIX / "profiles.yml").read_text("utf-8").replace("type: bedaechtige", "type: x")
    f.write_text(text, "utf-8")
    with pytest.raises(ImportFailed) as e:
        _import(world, f)
    assert e.value.field == "type" and e.value.line == 22
