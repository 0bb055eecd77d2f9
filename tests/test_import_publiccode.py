"""publiccode.yml importer: folder and single files, usedBy resolution, de.leika."""

from __future__ import annotations

import re
from pathlib import Path

import import_world
import pytest

from kommunalgraph.graph.errors import ImportFailed
from kommunalgraph.importers import ozg, publiccode
from kommunalgraph.importers.base import apply_plan

REPO = Path(__file__).resolve().parent.parent
FIX = Path(__file__).resolve().parent / "fixtures" / "publiccode"


def _import(store, path):
    return apply_plan(store, publiccode.plan(path, store))


def test_fixture_folder(store):
    import_world.build(store)
    apply_plan(store, ozg.plan(Path(__file__).parent / "fixtures" / "ozg", store))
    report = _import(store, FIX / "folder")
    assert report.read == 3
    projects = {r["id"]: r for r in store.run(
        "MATCH (p:Project) RETURN p.id AS id, p.licence AS l, p.description AS d, "
        "p.start_date AS s, p.open_source AS o, p.kind AS k, p.status AS st")}
    assert set(projects) == {"pc-fixture-abbruchportal", "pc-fixture-float"}
    pa = projects["pc-fixture-abbruchportal"]
    assert pa == {"id": "pc-fixture-abbruchportal", "l": "EUPL-1.2",
                  "d": "Deutsche Kurzbeschreibung (Fixture)", "s": "2024-01-31", "o": True,
                  "k": "software", "st": "active"}
    assert projects["pc-fixture-float"]["l"] == "MIT"  # licence at the wrong level
    assert projects["pc-fixture-float"]["s"] == "2025-01-01"  # YAML date → string
    users = {r["k"] for r in store.run(
        "MATCH (m)-[r:PARTICIPATES_IN {role: 'user'}]->(:Project {id: 'pc-fixture-abbruchportal'}) "
        "RETURN coalesce(m.ags, m.key) AS k")}
    assert users == {"05954036", "12065036", "12063", "120655502", "04011000", "12067481"}
    impl = store.run("MATCH (:Project)-[:IMPLEMENTS]->(x) RETURN coalesce(x.ozg_id, "
                     "x.leika_key) AS k")
    assert {r["k"] for r in impl} == {"10513", "99001001000000"}
    assert any("99999" in n for n in report.notes)
    bad = [s for s in report.skipped if s.reason == "Datei ungültig"]
    assert len(bad) == 1 and "broken_publiccode.yml, Zeile 5" in bad[0].detail
    assert report.skipped_by_reason()["usedBy-Platzhalter („...“)"] == 1
    assert any("Gemeine Birkenwerder" in n and "unscharf" in n for n in report.notes)
    assert any("MeinQuartier" in n for n in report.notes)
    notes = " ".join(report.notes)
    # rule breaks are notes with file, line and field; remarks are counted
    assert "features: steht auf oberster Ebene, gehört unter description" in notes
    assert "scope: steht auf oberster Ebene, gehört unter intendedAudience" in notes
    assert "float_publiccode.yml: 1 Hinweis zum Standard" in notes


def test_reimport_changes_nothing(store):
    import_world.build(store)
    _import(store, FIX / "folder")
    before = store.counts()
    _import(store, FIX / "folder")
    assert store.counts() == before


def test_single_invalid_file_raises_with_line(store):
    before = store.counts()
    with pytest.raises(ImportFailed) as e:
        _import(store, FIX / "single_bad.yml")
    assert e.value.path == str(FIX / "single_bad.yml") and e.value.line == 5
    assert store.counts() == before


def test_single_file(store):
    report = _import(store, FIX / "folder" / "sub" / "float_publiccode.yml")
    assert report.dataset == "float_publiccode.yml"
    assert store.existing_keys("Project") == {"pc-fixture-float"}


def test_unsupported_version_single_file(store, tmp_path):
    f = tmp_path / "publiccode.yml"
    f.write_text('publiccodeYmlVersion: "1.0"\nname: X\nurl: https://example.org/x\n', "utf-8")
    with pytest.raises(ImportFailed) as e:
        _import(store, f)
    assert e.value.field == "publiccodeYmlVersion"


def test_real_folder(bundled):
    rows = bundled.run("MATCH (p:Project) WHERE p.importer = 'publiccode' RETURN p.id AS id")
    ids = {r["id"] for r in rows}
    assert len(ids) == 22  # 23 files, one is not valid YAML
    assert "pc-aitema-gmbh-hinweisgebersystem" in ids
    sva = bundled.run(
        "MATCH (m)-[:PARTICIPATES_IN {role: 'user'}]->(p:Project) "
        "WHERE p.id = 'pc-ikuseigmbh-smart-village-app-app' RETURN count(m) AS c")[0]["c"]
    assert sva >= 30  # of 34 usedBy entries


def test_real_smart_village_app_report(bundled):
    """The real SVA file against the real directory: every usedBy entry resolves,
    typos and name additions are reported (planned only, nothing written)."""
    f = REPO / "data/publiccode/smart-village-solutions__smart-village-app-app__publiccode.yml"
    plan = publiccode.plan(f, bundled)
    users = [r for rel, _, _, rows in plan.relationships if rel == "PARTICIPATES_IN"
             for r in rows]
    assert len(users) == 34
    assert not plan.report.skipped
    fuzzy = [n for n in plan.report.notes if "unscharf" in n]
    assert any("Gemeine Birkenwerder" in n for n in fuzzy)
    assert any("Gemeinde Rüdersdorf" in n and "Rüdersdorf bei Berlin" in n for n in fuzzy)


def test_real_folder_imports_twice_without_change(store):
    _import(store, REPO / "data" / "publiccode")
    before = store.counts()
    report = _import(store, REPO / "data" / "publiccode")
    assert store.counts() == before
    assert report.written["Project"] == 22


RULES = FIX / "rules"


def _project(store, pid):
    rows = store.run("MATCH (p:Project {id: $id}) RETURN p.publiccode_version AS v, "
                     "p.publiccode_problems AS n, p.status AS s, p.licence AS l", {"id": pid})
    return rows[0] if rows else None


def test_current_standard_version_0_imports(store):
    """The standard's minimal form with publiccodeYmlVersion "0" is imported, valid."""
    report = _import(store, RULES / "valid" / "minimal.yml")
    assert report.written["Project"] == 1 and not report.notes
    assert _project(store, "pc-fixture-minimal") == {"v": "0", "n": 0, "s": "active",
                                                     "l": "MIT"}


def test_unquoted_version_is_stored_as_read(store):
    _import(store, RULES / "valid" / "unquoted_version_0_4.yml")
    assert _project(store, "pc-fixture-buergerportal")["v"] == "0.4"


def test_tolerant_import_marks_the_project_and_notes_the_field(store):
    f = RULES / "invalid" / "enum_developmentStatus.yml"
    report = _import(store, f)
    assert report.written["Project"] == 1
    assert _project(store, "pc-fixture-buergerportal")["n"] == 1
    assert any(n.startswith("enum_developmentStatus.yml, Zeile 28: developmentStatus: "
                            "„production“ ist kein zulässiger Wert") for n in report.notes)


def test_strict_refuses_every_invalid_file_and_keeps_every_valid_one(store):
    from kommunalgraph.importers.publiccode import plan
    before = store.counts()
    for f in sorted((RULES / "invalid").glob("*.yml")):
        with pytest.raises(ImportFailed) as e:
            plan(f, store, strict=True)
        assert e.value.path == str(f) and "\n" not in e.value.message_de
        expect = re.search(r"^# expect: (\S+)$", f.read_bytes().decode("utf-8", "replace"),
                           re.M).group(1)
        if expect != "fatal":
            assert e.value.field == expect, (f.name, e.value.message_de)
            assert "(--strict)" in e.value.message_de
    for f in sorted((RULES / "valid").glob("*.yml")):
        assert plan(f, store, strict=True).nodes
    assert store.counts() == before


def test_strict_folder_skips_invalid_files_with_reasons(store):
    report = apply_plan(store, publiccode.plan(RULES / "invalid", store, strict=True))
    assert report.written.get("Project", 0) == 0
    assert len(report.skipped) == report.read == len(list((RULES / "invalid").glob("*.yml")))
    assert all(s.reason == "Datei ungültig" for s in report.skipped)
    tolerant = apply_plan(store, publiccode.plan(RULES / "invalid", store))
    # tolerant: every file that still has a name and a URL and a known version is kept
    assert tolerant.written["Project"] >= 1
    problems = store.run("MATCH (p:Project) RETURN p.publiccode_problems AS n")
    assert all(r["n"] >= 1 for r in problems)


def test_usedby_names_are_matched_once_per_import(store, tmp_path):
    import_world.build(store)
    base = (RULES / "valid" / "minimal.yml").read_text("utf-8")
    for i in range(3):
        (tmp_path / f"p{i}.yml").write_text(
            base.replace("fixture/minimal.git", f"fixture/minimal-{i}.git")
            + "usedBy:\n- Stadt Witten\n- Stadt Witten\n- Unbekanntes Amt Nirgendwo\n", "utf-8")
    matcher = publiccode.UsedByMatcher(store)
    plan = publiccode.plan(tmp_path, store, matcher=matcher)
    assert matcher.entries == 9 and matcher.distinct == 2
    users = [r for rel, _, _, rows in plan.relationships if rel == "PARTICIPATES_IN"
             for r in rows]
    assert sorted(r["to"] for r in users) == [f"pc-fixture-minimal-{i}" for i in range(3)]
    assert {r["from"] for r in users} == {"05954036"}
    assert len(plan.report.skipped) == 3  # the unknown name, once per file


def test_strict_import_refuses_a_rule_break_tolerant_import_keeps_it(tmp_path: Path) -> None:
    """``import publiccode --strict`` refuses a file the standard calls invalid (even
    one imported tolerantly before); without it the file is imported with a note."""
    from click.testing import CliRunner

    from kommunalgraph.cli import main

    bad = Path(__file__).parent / "fixtures" / "publiccode" / "rules" / "invalid" / \
        "bcp47_available_language.yml"
    store = str(tmp_path / "store")
    run = CliRunner().invoke
    strict = run(main, ["--store", store, "import", "publiccode", "--strict", str(bad)])
    assert strict.exit_code == 1
    assert "localisation.availableLanguages[1]" in strict.output and "(--strict)" in strict.output
    tolerant = run(main, ["--store", store, "import", "publiccode", str(bad)])
    assert tolerant.exit_code == 0 and "kein Sprachcode nach BCP 47" in tolerant.output
    again = run(main, ["--store", store, "import", "publiccode", "--strict", str(bad)])
    assert again.exit_code == 1  # the earlier tolerant import does not make it valid
    other = run(main, ["--store", store, "import", "projects", "--strict", str(bad)])
    assert other.exit_code == 2  # --strict exists for publiccode only
