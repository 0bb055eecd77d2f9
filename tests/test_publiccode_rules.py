"""The rules of the publiccode.yml standard (importers/publiccode_rules.py) on the
fixtures written for them and on the real files, and the ``validate`` command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kommunalgraph.cli import main
from kommunalgraph.graph import safe_yaml
from kommunalgraph.importers import publiccode_rules as rules
from kommunalgraph.importers.publiccode import check_file, validate

HERE = Path(__file__).resolve().parent
RULES = HERE / "fixtures" / "publiccode" / "rules"
REAL = HERE.parent / "data" / "publiccode"
VALID = sorted((RULES / "valid").glob("*.yml"))
INVALID = sorted((RULES / "invalid").glob("*.yml"))
REAL_FILES = sorted(REAL.rglob("*.yml"))


def _expect(path: Path) -> str:
    m = re.search(r"^# expect: (\S+)$", path.read_bytes().decode("utf-8", "replace"), re.M)
    assert m, f"{path.name} has no '# expect:' line"
    return m.group(1)


def _german_one_line(message: str) -> None:
    assert message and "\n" not in message
    assert not re.search(r"\b(found|expected|missing|invalid|required|must|while)\b", message)


def test_fixture_set_is_not_empty():
    assert len(VALID) >= 50 and len(INVALID) >= 100


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_fixture(path):
    assert _expect(path) == "valid"
    checked = check_file(path)
    assert checked.fatal is None
    assert checked.errors == [], [f.text() for f in checked.errors]
    assert checked.valid and checked.version is not None
    for f in checked.findings:  # remarks only: deprecated keys and the like
        _german_one_line(f.message_de)


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_names_its_field(path):
    expect = _expect(path)
    checked = check_file(path)
    assert not checked.valid
    if expect == "fatal":
        assert checked.fatal is not None
        _german_one_line(checked.fatal.problem_de)
    else:
        fields = [f.field for f in checked.errors]
        assert expect in fields, [f.text() for f in checked.errors]
        hit = next(f for f in checked.errors if f.field == expect)
        _german_one_line(hit.message_de)
        assert hit.text().startswith(f"{expect}: ")
        # the base file is valid: the one rule break is the only error
        assert len(checked.errors) == 1, [f.text() for f in checked.errors]
    result = checked.to_dict()
    assert result["valid"] is False and result["errors"] >= 1
    json.dumps(result, ensure_ascii=False)


def _valid_values(key_path: list[str]) -> set[str]:
    out: set[str] = set()
    for p in VALID:
        node = safe_yaml.load_file(p)
        for k in key_path:
            node = node.get(k) if isinstance(node, dict) else None
        if isinstance(node, str):
            out.add(node)
        elif isinstance(node, list):
            out.update(x for x in node if isinstance(x, str))
    return out


def test_every_enumeration_value_has_a_valid_fixture():
    assert _valid_values(["developmentStatus"]) >= set(rules.DEVELOPMENT_STATUS)
    assert _valid_values(["softwareType"]) >= set(rules.SOFTWARE_TYPES)
    assert _valid_values(["maintenance", "type"]) >= set(rules.MAINTENANCE_TYPES)
    assert _valid_values(["categories"]) >= rules.CATEGORIES
    assert _valid_values(["intendedAudience", "scope"]) >= rules.SCOPES
    assert _valid_values(["platforms"]) >= set(rules.PLATFORMS)
    versions = {str(safe_yaml.load_file(p)["publiccodeYmlVersion"])
                for p in VALID}
    assert versions >= set(rules.VERSIONS)


def test_every_enumeration_and_mandatory_key_has_an_invalid_fixture():
    expected = {_expect(p) for p in INVALID}
    for field in ("developmentStatus", "softwareType", "maintenance.type", "categories[1]",
                  "intendedAudience.scope[0]", "IT.countryExtensionVersion"):
        assert field in expected
    mandatory = {"publiccodeYmlVersion", "name", "url", "platforms", "developmentStatus",
                 "softwareType", "description", "description.de.shortDescription",
                 "description.de.longDescription", "description.de.features", "legal",
                 "legal.license", "maintenance", "maintenance.type", "maintenance.contacts",
                 "maintenance.contractors", "maintenance.contractors[0].name",
                 "maintenance.contractors[0].until", "maintenance.contacts[0].name",
                 "localisation", "localisation.localisationReady",
                 "localisation.availableLanguages", "fundedBy[0].name", "organisation.uri",
                 "dependsOn.open[0].name"}
    missing = {_expect(p) for p in INVALID if p.stem.startswith("missing_")}
    assert missing == mandatory


def test_fixture_files_are_generated_from_the_script():
    """The committed files are what generate.py writes (no hand edits drift away)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("generate", RULES / "generate.py")
    gen = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(gen)
    assert {p.stem for p in VALID} == set(gen.VALID)
    assert {p.stem for p in INVALID} >= set(gen.INVALID)


@pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.name[:40])
def test_real_files_no_traceback(path):
    checked = check_file(path)
    result = checked.to_dict()
    assert result["file"] == str(path)
    for note in result["notes"]:
        _german_one_line(note["message"])
    if checked.fatal is None:
        assert checked.version in rules.VERSIONS


def test_real_files_known_findings():
    by_name = {Path(r["file"]).name: r for r in validate([REAL])}
    assert len(by_name) == len(REAL_FILES)
    zammad = by_name["zammad__zammad__publiccode.yml"]
    assert zammad["valid"] and zammad["version"] == "0.4"
    aitema = by_name["Aitema-gmbh__hinweisgebersystem__publiccode.yml"]
    notes = {(n["field"], n["line"]) for n in aitema["notes"] if n["severity"] == "Fehler"}
    assert ("maintenance.type", 71) in notes and ("categories[0]", 13) in notes
    broken = by_name["reedu-reengineering-education__smart-city-dashboard__publiccode.yml"]
    assert not broken["valid"] and broken["notes"][0]["line"] == 67


@pytest.mark.parametrize("value,version,remarks", [
    ("0", "0", 0), ("0.2", "0.2", 0), ("0.2.1", "0.2.1", 0), ("0.5.0", "0.5.0", 0),
    (0.4, "0.4", 1), (0.3, "0.3", 1),
])
def test_versions_understood(value, version, remarks):
    got, notes = rules.read_version(value)
    assert got == version and len(notes) == remarks
    assert all(not n.error for n in notes)


@pytest.mark.parametrize("value", ["1", "1.0", 1, "2", "latest", True, ["0"]])
def test_future_major_is_refused_in_one_german_line(value):
    with pytest.raises(rules.UnsupportedVersion) as e:
        rules.read_version(value)
    msg = e.value.message_de
    _german_one_line(msg)
    assert "„0“" in msg and "0.2" in msg and "0.5" in msg


# -- the validate command ---------------------------------------------------------------

def test_validate_command_file_folder_exit_codes(tmp_path):
    runner = CliRunner()
    store = tmp_path / "no-store"
    ok = RULES / "valid" / "base.yml"
    bad = RULES / "invalid" / "missing_shortDescription.yml"
    r = runner.invoke(main, ["--store", str(store), "validate", "publiccode", str(ok)])
    assert r.exit_code == 0, r.output
    assert "gültig, Version 0" in r.output and "1 Datei geprüft: 1 gültig, 0 ungültig." in r.output
    r = runner.invoke(main, ["--store", str(store), "validate", "publiccode", str(ok), str(bad)])
    assert r.exit_code == 1
    assert "Fehler: Zeile 38: description.de.shortDescription: fehlt" in r.output
    r = runner.invoke(main, ["--store", str(store), "validate", "publiccode",
                             str(RULES / "invalid")])
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert f"{len(INVALID)} Dateien geprüft: 0 gültig, {len(INVALID)} ungültig." in r.output
    r = runner.invoke(main, ["--store", str(store), "validate", "publiccode", "--json",
                             str(RULES / "valid")])
    assert r.exit_code == 0
    data = json.loads(r.output)
    assert data["valid"] is True and len(data["files"]) == len(VALID)
    assert not store.exists()  # needs no store


def test_validate_command_json_for_ci_and_errors_only(tmp_path):
    runner = CliRunner()
    r = runner.invoke(main, ["validate", "publiccode", "--json",
                             str(RULES / "invalid" / "enum_softwareType.yml"),
                             str(RULES / "valid" / "genericName_35_deprecated.yml")])
    assert r.exit_code == 1
    data = json.loads(r.output)
    assert data["valid"] is False
    bad, ok = data["files"]
    assert bad["notes"][0]["field"] == "softwareType" and bad["notes"][0]["line"] == 29
    assert ok["valid"] and ok["warnings"] == 1
    r = runner.invoke(main, ["validate", "publiccode", "--ohne-hinweise",
                             str(RULES / "valid" / "genericName_35_deprecated.yml")])
    assert r.exit_code == 0 and "Hinweis" not in r.output
    empty = tmp_path / "leer"
    empty.mkdir()
    r = runner.invoke(main, ["validate", "publiccode", str(empty)])
    assert r.exit_code == 1 and r.output.startswith("Fehler: Keine .yml")
    r = runner.invoke(main, ["validate", "publiccode", str(tmp_path / "fehlt.yml")])
    assert r.exit_code == 2 and "Traceback" not in r.output
