"""CLI: init, import, stats, show (real embedded stores, click's CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kommunalgraph.cli import main
from kommunalgraph.graph.ladybug_store import LadybugStore

PROV = {"source": "fixture", "as_of": "2026", "importer": "test", "dataset": "fixture"}


def _tiny(path: Path) -> None:
    """A hand-built store (fixture, not real facts beyond names and keys)."""
    s = LadybugStore(path)
    with s.transaction():
        s.upsert_nodes("State", [{"key": "05", "name": "Nordrhein-Westfalen", **PROV},
                                 {"key": "06", "name": "Hessen", **PROV}])
        s.upsert_nodes("District", [{"key": "05515", "name": "Münster, Stadt", **PROV},
                                    {"key": "06432", "name": "Darmstadt-Dieburg", **PROV}])
        s.upsert_nodes("Municipality", [
            {"ags": "05515000", "ars": "055150000000", "name": "Münster",
             "official_name": "Münster, Stadt", "population": 320000, **PROV},
            {"ags": "06432014", "ars": "064320014014", "name": "Münster",
             "official_name": "Münster", "population": 14000, **PROV},
        ])
        s.create_relationships("IN_STATE", "District", "State",
                               [{"from": "05515", "to": "05", **PROV},
                                {"from": "06432", "to": "06", **PROV}])
        s.create_relationships("IN_DISTRICT", "Municipality", "District",
                               [{"from": "05515000", "to": "05515", **PROV},
                                {"from": "06432014", "to": "06432", **PROV}])
    s.close()


@pytest.fixture
def tiny(tmp_path: Path) -> str:
    _tiny(tmp_path / "tiny")
    return str(tmp_path / "tiny")


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def test_init_creates_a_store(tmp_path: Path) -> None:
    r = invoke("--store", str(tmp_path / "s"), "init")
    assert r.exit_code == 0, r.output
    assert "Schema angelegt" in r.output
    assert (tmp_path / "s" / "graph.lbug").exists()


def test_stats_json_counts(tiny: str) -> None:
    r = invoke("--store", tiny, "stats", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["nodes"]["Municipality"] == 2
    assert data["relationships"]["IN_DISTRICT"] == 2


def test_stats_text_is_german_with_thousands(tiny: str) -> None:
    r = invoke("--store", tiny, "stats")
    assert r.exit_code == 0, r.output
    assert "Gemeinde" in r.output and "Knoten:" in r.output


def test_show_official_name(tiny: str) -> None:
    r = invoke("--store", tiny, "show", "Münster, Stadt", "--json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert data["ags"] == "05515000"
    assert data["state"] == {"key": "05", "name": "Nordrhein-Westfalen"}
    assert data["neighbours"] == [] and data["projects"] == []


def test_show_clear_favourite_names_the_other(tiny: str) -> None:
    """320,000 against 14,000 inhabitants: "Münster" means the city, and says so.
    (Ambiguous names on real data: tests/test_resolve_names.py, "Neustadt".)"""
    r = invoke("--store", tiny, "show", "Münster")
    assert r.exit_code == 0, r.output
    assert r.output.splitlines()[0] == (
        "Hinweis: „Münster“ als Münster erkannt; auch möglich: Münster (Darmstadt-Dieburg).")
    assert "05515000" in r.output and "Traceback" not in r.output


def test_show_with_land_hint(tiny: str) -> None:
    r = invoke("--store", tiny, "show", "Münster", "--land", "Hessen", "--json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["ags"] == "06432014"


@pytest.mark.parametrize("query", ["99999999", "Atlantis"])
def test_show_unknown_is_one_german_line(tiny: str, query: str) -> None:
    r = invoke("--store", tiny, "show", query)
    assert r.exit_code == 1
    assert "Keine Kommune gefunden" in r.output
    assert "Traceback" not in r.output


def test_read_only_command_on_missing_store_is_friendly(tmp_path: Path) -> None:
    r = invoke("--store", str(tmp_path / "nothing"), "stats")
    assert r.exit_code == 1
    assert "import bundled" in r.output


def test_import_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    r = invoke("--store", str(tmp_path / "s"), "import", "gv100ad", str(tmp_path / "nope.txt"))
    assert r.exit_code == 2
    assert f"„{tmp_path / 'nope.txt'}“ existiert nicht." in r.output
