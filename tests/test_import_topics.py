"""Topic rules importer: links projects to Themenfelder and OZG-Leistungen, derived."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kommunalgraph.graph.errors import ImportFailed
from kommunalgraph.importers import ozg, topics
from kommunalgraph.importers.base import apply_plan

FIX = Path(__file__).resolve().parent / "fixtures"
REPO = FIX.parent.parent
HEADER = "rule_id,field,pattern,themenfeld,ozg_id,reason\n"
RULES = HEADER + (
    "R1,note,Abbruch,,10513,Die Quelle nennt Abbruchanträge.\n"
    "R2,name,B(ue|ü)rgerportal,Querschnitt,,Ein Bürgerportal dient allen Themenfeldern.\n"
    "R3,category,^pension$,Arbeit & Ruhestand,,Kategorie Rente.\n"
    "R4,programme,Nirgends,Querschnitt,,Trifft nichts.\n"
)


def _world(store) -> None:
    apply_plan(store, ozg.plan(FIX / "ozg", store))
    store.upsert_nodes("Municipality", [{"ags": "05954036", "name": "Witten"},
                                        {"ags": "05954016", "name": "Hattingen"}])
    store.upsert_nodes("Project", [
        {"id": "p-abbruch", "name": "Gemeinsame Bauaufsicht", "kind": "cooperation",
         "source": "https://example.org/projekt", "as_of": "2023"},
        {"id": "p-portal", "name": "Bürgerportal Testkreis", "kind": "software",
         "source": "https://example.org/portal", "as_of": "2024"},
        {"id": "p-rente", "name": "Rentenrechner", "kind": "software",
         "categories": ["pension", "finance"], "source": "Broschüre der Stadt",
         "as_of": "2022"},
        {"id": "p-leer", "name": "Smart City", "kind": "smart-city",
         "source": "https://example.org/leer", "as_of": "2020"},
    ])
    store.create_relationships("PARTICIPATES_IN", "Municipality", "Project", [
        {"from": "05954036", "to": "p-abbruch", "role": "lead",
         "note": "digitale Abbruchgenehmigung für beide Städte",
         "source": "https://example.org/ratsbeschluss", "as_of": "2023-05"},
        {"from": "05954016", "to": "p-abbruch", "role": "partner", "note": None,
         "source": "https://example.org/projekt", "as_of": "2023"},
    ])


def _links(store) -> dict[tuple[str, str], dict]:
    rows = store.run(
        "MATCH (p:Project)-[r:IMPLEMENTS]->(x) RETURN p.id AS p, "
        "coalesce(x.ozg_id, x.id) AS k, r.certainty AS c, r.note AS note, "
        "r.source AS source, r.sources AS sources, r.as_of AS as_of, r.importer AS imp, "
        "r.dataset AS ds")
    return {(r["p"], r["k"]): r for r in rows}


def _rules(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "topic_rules.csv"
    path.write_text(text, "utf-8")
    return path


def test_links_with_provenance_and_idempotent(store, tmp_path) -> None:
    _world(store)
    path = _rules(tmp_path, RULES)
    report = apply_plan(store, topics.plan(path, store))
    links = _links(store)
    # R1: the Leistung and its Themenfeld (Bauen & Wohnen, id 2); R2, R3: Themenfelder only
    assert set(links) == {("p-abbruch", "10513"), ("p-abbruch", "2"), ("p-portal", "10"),
                          ("p-rente", "1")}
    a = links[("p-abbruch", "10513")]
    assert a["c"] == "derived" and a["imp"] == "topics" and a["ds"] == "topic_rules.csv"
    # the matched membership note's own source and date, not the project's
    assert a["source"] == "https://example.org/ratsbeschluss" and a["as_of"] == "2023-05"
    assert a["sources"] == ["https://example.org/ratsbeschluss"]
    assert "Regel R1" in a["note"] and "Abbruchgenehmigung" in a["note"]
    assert "Anmerkung zur Mitgliedschaft" in a["note"]
    portal = links[("p-portal", "10")]
    assert portal["source"] == "https://example.org/portal" and "Projektname" in portal["note"]
    rente = links[("p-rente", "1")]  # a citation without URL stays the source, no list
    assert rente["source"] == "Broschüre der Stadt" and rente["sources"] is None
    assert report.written["IMPLEMENTS"] == 4
    assert any("R4" in n and "kein Projekt" in n for n in report.notes)
    before = store.counts()
    apply_plan(store, topics.plan(path, store))
    assert store.counts() == before
    assert _links(store).keys() == links.keys()


@pytest.mark.parametrize(("row", "line", "field", "words"), [
    ("R1,title,x,Querschnitt,,Grund", 2, "field", "Unbekanntes Feld „title“"),
    ("R1,name,(x,Querschnitt,,Grund", 2, "pattern", "Kein gültiger regulärer Ausdruck"),
    ("R1,name,x,Tourismus,,Grund", 2, "themenfeld", "Themenfeld „Tourismus“ nicht"),
    ("R1,name,x,,99999,Grund", 2, "ozg_id", "Keine OZG-Leistung mit der ID „99999“"),
    ("R1,name,x,Querschnitt,10513,Grund", 2, "themenfeld", "gehört zum Themenfeld"),
    ("R1,name,x,,,Grund", 2, "themenfeld", "Themenfeld oder eine OZG-ID"),
    ("R1,name,x,Querschnitt,,", 2, "reason", "Pflichtfeld ist leer"),
    ("R1,name,x,Querschnitt,,Grund\nR1,name,y,Querschnitt,,Grund", 3, "rule_id",
     "steht schon in Zeile 2"),
])
def test_bad_rule_file_names_file_line_field_in_german(store, tmp_path, row, line, field,
                                                       words) -> None:
    _world(store)
    apply_plan(store, topics.plan(_rules(tmp_path, RULES), store))
    before = store.counts()
    path = _rules(tmp_path, HEADER + row + "\n")
    with pytest.raises(ImportFailed) as e:
        topics.plan(path, store)
    assert e.value.path == str(path) and e.value.line == line
    assert f"Zeile {line}, Feld „{field}“" in e.value.message_de
    assert words in e.value.message_de
    assert store.counts() == before


def test_without_catalogue_says_what_to_import_first(store, tmp_path) -> None:
    with pytest.raises(ImportFailed) as e:
        topics.plan(_rules(tmp_path, RULES), store)
    assert "kommunalgraph import ozg" in e.value.message_de


def test_bundled_rules_link_real_projects(bundled) -> None:
    rows = bundled.run(
        "MATCH (p:Project)-[r:IMPLEMENTS]->(a:ServiceArea) RETURN p.id AS p, a.name AS a, "
        "r.certainty AS c, r.source AS s, r.note AS note")
    assert len(rows) >= 15
    assert all(r["c"] == "derived" and r["s"].startswith("https://") and "Regel T" in r["note"]
               for r in rows)
    covered = {r["a"].strip() for r in rows}
    assert len(covered) >= 8, covered
    ozg_links = {(r["p"], r["o"]) for r in bundled.run(
        "MATCH (p:Project)-[r:IMPLEMENTS]->(o:OZGService) WHERE r.importer = $i "
        "RETURN p.id AS p, o.ozg_id AS o", {"i": "topics"})}
    # "digitale Massenverfahren (Elterngeld, Wohngeld, Grundsicherung, Kfz)"
    assert {("IKZ-RLP-VP", o) for o in ("10000", "10092", "10084", "10439")} <= ozg_links
    assert ("IKZ-RLP-EMH", "10439") in ozg_links  # "gemeinsame Kfz-Zulassung"


@pytest.mark.slow
def test_themenfeld_filter_narrows_or_says_no_project_covers_it(bundled_store_path) -> None:
    """``suggest --themenfeld`` on the bundled data: at least 8 Themenfelder have projects
    and put candidates with that experience into Witten's top 10 (Kreise included, since
    several topics are carried by Kreise); every other Themenfeld has no project, and the
    CLI says so."""
    from click.testing import CliRunner

    from kommunalgraph.cli import main

    runner = CliRunner()
    path = str(bundled_store_path)
    names = [line.split(",")[3].strip() for line in
             (REPO / "data" / "ozg" / "themenfelder.csv").read_text("utf-8").splitlines()[1:]]
    assert len(names) == 14
    covered, empty = [], []
    for name in names:
        r = runner.invoke(main, ["--store", path, "suggest", "05954036", "--themenfeld", name,
                                 "--include-districts", "--json"])
        assert r.exit_code == 0, r.output
        out = json.loads(r.output)
        topic = set(out["query"]["topic_projects"])
        with_topic = [c["name"] for c in out["results"]
                      if any(x["signal"] == "experience" and topic & set(x["value"])
                             for x in c["reasons"])]
        if out["query"]["topic_projects"]:
            assert with_topic, (name, out["query"]["topic_projects"])
            covered.append(name)
        else:
            empty.append(name)
    assert len(covered) >= 8, covered
    r = runner.invoke(main, ["--store", path, "suggest", "05954036", "--themenfeld", empty[0]])
    assert r.exit_code == 0 and "kein Projekt dieses Thema" in r.output, r.output
    r = runner.invoke(main, ["--store", path, "suggest", "05954036", "--themenfeld", covered[0]])
    assert r.exit_code == 0 and "kein Projekt dieses Thema" not in r.output, r.output


def test_ozg_search_and_lookup_by_name(bundled) -> None:
    from kommunalgraph.graph.errors import InputError, UnknownEntity
    from kommunalgraph.queries.topics import resolve_ozg, search_ozg

    hits = search_ozg(bundled, "wohng")
    assert [h["name"] for h in hits][:2] == ["Wohngeld", "Pflegewohngeld"]  # prefix first
    assert hits[0] == {"id": "10092", "name": "Wohngeld", "projects": 1,
                       "lebenslage": "Finanzielle Existenzsicherung/Unterstützung bei "
                                     "finanziellen Problemen",
                       "themenfeld": "Arbeit & Ruhestand"}
    # a Lebenslage finds its Leistungen, after every name match
    assert "Elterngeld" in [h["name"] for h in search_ozg(bundled, "Geburt", limit=50)]
    assert search_ozg(bundled, "") == []
    assert resolve_ozg(bundled, "Wohngeld") == "10092"  # exact name beats Pflegewohngeld
    assert resolve_ozg(bundled, "10439") == "10439"
    assert resolve_ozg(bundled, "kraftfahrzeugzul") == "10439"
    with pytest.raises(InputError) as e:
        resolve_ozg(bundled, "geld")
    assert "passt auf" in e.value.message_de and "Elterngeld (10000)" in e.value.message_de
    with pytest.raises(UnknownEntity) as u:
        resolve_ozg(bundled, "Raumfahrtlizenz")
    assert "Keine OZG-Leistung „Raumfahrtlizenz“" in u.value.message_de
