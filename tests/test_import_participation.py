"""Participation importer (Mängelmelder platforms, Bürgerhaushalte) on small
fixtures and on the bundled real data."""

from __future__ import annotations

from pathlib import Path

import import_world
import pytest

from kommunalgraph.graph.errors import ImportFailed
from kommunalgraph.importers import participation
from kommunalgraph.importers.base import apply_plan

FIX = Path(__file__).resolve().parent / "fixtures" / "participation"
MM = FIX / "maengelmelder_platforms.csv"
BH = FIX / "buergerhaushalt.csv"


def _import(store, path):
    return apply_plan(store, participation.plan(path, store))


def _uses(store, key, tool):
    rows = store.run(
        "MATCH (m)-[r:USES]->(t:ParticipationTool {id: $t}) WHERE coalesce(m.ags, m.key) = $k "
        "RETURN label(m) AS l, r.platform AS platform, r.product AS product, "
        "r.vendor AS vendor, r.known_since AS since, r.known_until AS until, "
        "r.certainty AS c, r.note AS note, r.as_of AS as_of, r.sources AS sources",
        {"k": key, "t": tool})
    assert len(rows) <= 1
    return rows[0] if rows else None


def test_maengelmelder(store):
    import_world.build(store)
    report = _import(store, MM)
    f = _uses(store, "12063080", "maengelmelder")
    # two rows (two sources) are one fact spanning both
    assert (f["platform"], f["since"], f["until"], f["c"]) == (
        "Maerker Brandenburg", "2009", "2019", "named")
    assert f["sources"] == ["https://example.org/fixture/maerker",
                            "https://example.org/fixture/maerker-2",
                            "https://example.org/fixture/maerker-3"]
    assert f["as_of"] == "2017-12"
    assert "Seite ohne Datum (etwa 2019)" in f["note"]
    # the Amt's row attaches to the Amt; its member Birkenwerder gets no fact from it
    amt = _uses(store, "120655502", "maengelmelder")
    assert amt["l"] == "MunicipalAssociation" and "Gemeindeverband" in amt["note"]
    # a row expanded from a Kreis-wide statement is derived
    birk = _uses(store, "12065036", "maengelmelder")
    assert birk["c"] == "derived" and "Ostprignitz-Ruppin" in birk["note"]
    assert _uses(store, "12067481", "maengelmelder")["c"] == "uncertain"
    klar = _uses(store, "12069020", "maengelmelder")
    assert klar["platform"] == "Klarschiff" and klar["as_of"] is None
    ties = store.run("MATCH (m)-[r:ON_PLATFORM]->(p:Platform) "
                     "RETURN coalesce(m.ags, m.key) AS k, p.id AS p, r.certainty AS c "
                     "ORDER BY k")
    assert ties == [
        {"k": "12063080", "p": "maerker-brandenburg", "c": "named"},
        {"k": "12065036", "p": "maerker-brandenburg", "c": "derived"},
        {"k": "120655502", "p": "maerker-brandenburg", "c": "named"},
        {"k": "12069020", "p": "klarschiff", "c": "named"},
    ]
    assert report.skipped_by_reason() == {
        "in der Quelle keiner Gemeinde eindeutig zugeordnet": 1}
    tool = store.run("MATCH (t:ParticipationTool {id: 'maengelmelder'}) "
                     "RETURN t.name AS n, t.kind AS k")[0]
    assert tool == {"n": "Mängelmelder", "k": "participation-tool"}


def test_buergerhaushalt(store):
    import_world.build(store)
    _import(store, BH)
    w = _uses(store, "05954036", "buergerhaushalt")
    assert (w["product"], w["since"], w["until"], w["c"]) == (
        "Bürgerhaushalt", None, "2010", "named")
    s = _uses(store, "05122000", "buergerhaushalt")
    assert s["c"] == "announced" and s["product"] == "Bürgerbudget"


def test_reimport_changes_nothing(store):
    import_world.build(store)
    _import(store, MM)
    _import(store, BH)
    before = store.counts()
    _import(store, MM)
    _import(store, BH)
    assert store.counts() == before


@pytest.mark.parametrize(("old", "new", "field"), [
    (",2009,2017,", ",09,2017,", "first_year"),
    (",2009,2017,", ",2019,2017,", "first_year"),
    ("uses Klarschiff", "sends letters", "fact"),
    ("12069020", "1206902", "ags"),
    ("https://example.org/fixture/maerker,2017-12", "www,2017-12", "source_url"),
    ("2017-12", "last winter", "source_date"),
])
def test_bad_row_names_file_line_field(store, tmp_path, old, new, field):
    import_world.build(store)
    _import(store, MM)
    before = store.counts()
    text = MM.read_text("utf-8")
    assert old in text
    bad = tmp_path / MM.name
    bad.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(ImportFailed) as e:
        _import(store, bad)
    line = 2 + next(i for i, ln in enumerate(text.splitlines()[1:]) if old in ln)
    assert (e.value.path, e.value.line, e.value.field) == (str(bad), line, field)
    assert f"Zeile {line}, Feld „{field}“" in e.value.message_de
    assert store.counts() == before


def test_bundled_participation(bundled):
    def one(q, **p):
        return bundled.run(q, p)[0]["c"]

    tools = one("MATCH ()-[r:USES]->(:ParticipationTool) WHERE r.importer = 'participation' "
                "RETURN count(r) AS c")
    assert tools >= 120
    # Ostprignitz-Ruppin: derived from the Kreis-wide statement, except where
    # another source names the municipality itself (then the fact is named)
    opr = {r["c"]: r["n"] for r in bundled.run(
        "MATCH (m:Municipality)-[r:USES]->(:ParticipationTool {id: 'maengelmelder'}) "
        "WHERE m.ags STARTS WITH '12068' RETURN r.certainty AS c, count(r) AS n")}
    assert opr["derived"] >= 15 and sum(opr.values()) >= 23
    # Amt Temnitz's row attaches to the Amt only, not to invented member facts
    assert one("MATCH (a:MunicipalAssociation {key: '120685807'})-[r:USES]->() "
               "RETURN count(r) AS c") == 1
    assert one("MATCH (m:Municipality)-[r:ON_PLATFORM]->(:Platform {id: "
               "'maerker-brandenburg'}) RETURN count(DISTINCT m) AS c") >= 40
    assert one("MATCH (m)-[r:ON_PLATFORM]->(:Platform {id: 'klarschiff'}) "
               "RETURN count(DISTINCT m) AS c") >= 5
