"""Datasets with an identity and an edition (issue 10, item 1), on real stores.

A copy of the session's bundled store is the starting point of the tests
that write, so that the full import runs once per session.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kommunalgraph.graph.errors import ImportFailed, UnknownEntity
from kommunalgraph.graph.ladybug_store import LadybugStore
from kommunalgraph.importers import datasets
from kommunalgraph.importers.pipeline import (
    bundled_missing,
    import_file,
    list_datasets,
    remove_dataset,
    run_import,
)

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
EXCERPT = REPO / "tests" / "fixtures" / "destatis" / "GV100AD_excerpt.txt"
BUNDLED_PARTICIPATES = 547


@pytest.fixture
def full(bundled_store_path: Path, tmp_path: Path) -> Iterator[LadybugStore]:
    """A writable copy of the store with all bundled data."""
    dst = tmp_path / "full"
    shutil.copytree(bundled_store_path, dst)
    s = LadybugStore(dst)
    yield s
    s.close()


def rels(store: LadybugStore) -> dict[str, int]:
    return store.counts()["relationships"]


def test_every_bundled_step_is_one_complete_dataset(bundled: LadybugStore) -> None:
    ds = {d.id: d for d in list_datasets(bundled)}
    assert bundled_missing(bundled) == []
    gv = ds["GV100AD_30112025.txt"]
    assert (gv.kind, gv.edition, gv.complete, gv.bundled) == ("gv100ad", "2025-11-30", True, True)
    assert gv.counts["IN_DISTRICT"] == 15538 and len(gv.hash) == 64
    assert ds["VG5000_GEM.shp"].edition == "2021-01-01"  # aktualitaet.txt
    assert ds["cooperation_projects.csv"].counts["PARTICIPATES_IN"] > 0
    # the recorded counts are the facts in the store, per dataset
    for d in ds.values():
        for rel, n in d.counts.items():
            if rel.isupper():
                q = ("MATCH ()-[r:" + rel + "]->() WHERE r.dataset = $ds "
                     "RETURN count(r) AS c")
                assert bundled.run(q, {"ds": d.id})[0]["c"] == n, (d.id, rel)


def test_the_same_content_under_another_name_changes_nothing(
    full: LadybugStore, tmp_path: Path
) -> None:
    before = full.counts()
    gv = tmp_path / "naechstes_jahr.txt"
    shutil.copy(DATA / "destatis" / "GV100AD_30112025.txt", gv)
    shp = tmp_path / "bkg"
    shp.mkdir()
    for f in (DATA / "bkg").iterdir():
        shutil.copy(f, shp / f.name.replace("VG5000_GEM", "andere_grenzen"))
    reports = run_import(full, "gv100ad", [gv]) + run_import(
        full, "boundaries", [shp / "andere_grenzen.shp"])
    assert [r.unchanged for r in reports] == [True, True]
    assert not any(r.written for r in reports)
    assert "GV100AD_30112025.txt" in reports[0].notes[0]
    assert full.counts() == before


def test_derived_topics_run_again_replace_themselves(full: LadybugStore, tmp_path: Path) -> None:
    """The topic rules derive links from the projects present: importing the same rule
    file again (under any name) re-derives the same dataset instead of adding a second."""
    before = rels(full)["IMPLEMENTS"]
    assert before > 0
    copy = tmp_path / "meine_regeln.csv"
    shutil.copy(DATA / "ozg" / "topic_rules.csv", copy)
    run_import(full, "topics", [DATA / "ozg" / "topic_rules.csv"])
    run_import(full, "topics", [copy])
    assert rels(full)["IMPLEMENTS"] == before
    assert [d.id for d in list_datasets(full) if d.kind == "topics"] == ["topic_rules.csv"]


def test_a_users_file_named_like_a_bundled_one_is_its_own_dataset(
    full: LadybugStore, tmp_path: Path
) -> None:
    before = full.counts()
    assert before["relationships"]["PARTICIPATES_IN"] == BUNDLED_PARTICIPATES
    mine = tmp_path / "my" / "cooperation_projects.csv"
    mine.parent.mkdir()
    lines = (DATA / "projects" / "cooperation_projects.csv").read_text("utf-8").splitlines()
    mine.write_text("\n".join(lines[:3]) + "\n", "utf-8")  # two real rows
    (report,) = run_import(full, "projects", [mine])
    assert report.dataset == f"projects:{mine.resolve()}"
    assert report.written["PARTICIPATES_IN"] == 2
    assert rels(full)["PARTICIPATES_IN"] == BUNDLED_PARTICIPATES + 2
    bundled_rows = full.run("MATCH ()-[r:PARTICIPATES_IN]->() WHERE r.dataset <> $mine "
                            "RETURN count(r) AS c", {"mine": report.dataset})
    assert bundled_rows[0]["c"] == BUNDLED_PARTICIPATES

    # the same file again replaces itself; removing it restores the bundled state
    run_import(full, "projects", [mine])
    assert rels(full)["PARTICIPATES_IN"] == BUNDLED_PARTICIPATES + 2
    ds, n, _nodes = remove_dataset(full, report.dataset)
    assert (ds.id, n) == (report.dataset, 4)  # 2 PARTICIPATES_IN, 2 PART_OF
    after = full.counts()
    assert after == before


def test_a_users_file_cannot_take_a_bundled_datasets_name(
    full: LadybugStore, tmp_path: Path
) -> None:
    mine = tmp_path / "p.csv"
    lines = (DATA / "projects" / "cooperation_projects.csv").read_text("utf-8").splitlines()
    mine.write_text("\n".join(lines[:2]) + "\n", "utf-8")
    with pytest.raises(ImportFailed) as e:
        run_import(full, "projects", [mine], dataset="cooperation_projects.csv")
    assert "mitgelieferter Datensatz" in e.value.message_de
    with pytest.raises(ImportFailed) as e:
        run_import(full, "projects", [mine], dataset="GV100AD_30112025.txt")
    assert "gehört zum Import „gv100ad“" in e.value.message_de
    assert rels(full)["PARTICIPATES_IN"] == BUNDLED_PARTICIPATES


def _edition(tmp_path: Path, stand: str, name: str) -> Path:
    """The excerpt with another Gebietsstand (positions 3-10), as another edition."""
    text = EXCERPT.read_text("utf-8")
    out = tmp_path / name
    out.write_text("\n".join(ln[:2] + stand + ln[10:] if ln else ln
                             for ln in text.split("\n")), "utf-8")
    return out


def test_a_newer_edition_replaces_the_older_one_and_an_older_is_refused(
    store: LadybugStore, tmp_path: Path
) -> None:
    (first,) = run_import(store, "gv100ad", [_edition(tmp_path, "20240101", "a.txt")])
    once = store.counts()
    (newer,) = run_import(store, "gv100ad", [_edition(tmp_path, "20250101", "b.txt")])
    assert newer.replaced == [first.dataset] and newer.edition == "2025-01-01"
    assert store.counts() == once  # replaced, not doubled
    assert [d.edition for d in list_datasets(store)] == ["2025-01-01"]
    witten = store.run("MATCH (m:Municipality)-[r:IN_DISTRICT]->() WHERE m.name = 'Witten' "
                       "RETURN r.as_of AS as_of")
    assert witten == [{"as_of": "2025-01-01"}]

    older = _edition(tmp_path, "20230101", "c.txt")
    with pytest.raises(datasets.OlderEdition) as e:
        run_import(store, "gv100ad", [older])
    assert "ist älter als der Stand 2025-01-01" in e.value.message_de
    assert "--force" in e.value.message_de
    assert store.counts() == once
    (forced,) = run_import(store, "gv100ad", [older], force=True)
    assert forced.edition == "2023-01-01" and store.counts() == once


def test_remove_deletes_relationships_and_the_nodes_nothing_else_supports(
    full: LadybugStore,
) -> None:
    before = full.counts()
    pub = full.run("MATCH (p:Project) WHERE p.dataset = 'publiccode' RETURN count(p) AS c")
    ds, n, nodes = remove_dataset(full, "publiccode")
    assert n == sum(v for k, v in ds.counts.items() if k.isupper()) > 0  # relationship types
    after = full.counts()
    assert after["relationships"]["PARTICIPATES_IN"] == (
        before["relationships"]["PARTICIPATES_IN"] - ds.counts["PARTICIPATES_IN"])
    # its projects go unless another dataset's relationship still touches them;
    # the municipalities and organisations it touched stay
    left = full.run("MATCH (p:Project) WHERE p.dataset = 'publiccode' "
                    "RETURN p.id AS id, EXISTS { MATCH (p)-[]-() } AS linked")
    assert all(r["linked"] for r in left)
    assert 0 < nodes["Project"] == pub[0]["c"] - len(left)
    assert after["nodes"]["Municipality"] == before["nodes"]["Municipality"]
    assert "publiccode" not in {d.id for d in list_datasets(full)}
    assert bundled_missing(full) == ["publiccode publiccode"]
    with pytest.raises(UnknownEntity) as e:
        remove_dataset(full, "publiccode")
    assert "Kein Datensatz „publiccode“" in e.value.message_de
    # a re-import brings it back exactly
    import_file(full, "publiccode", DATA / "publiccode", bundled=True)
    assert full.counts() == before


def test_datasets_and_remove_on_the_command_line(full: LadybugStore, tmp_path: Path) -> None:
    from kommunalgraph.cli import main

    path = str(full.path)
    full.close()
    r = CliRunner().invoke(main, ["--store", path, "datasets", "--json"])
    assert r.exit_code == 0, r.output
    rows = {d["id"]: d for d in json.loads(r.output)}
    assert rows["GV100AD_30112025.txt"]["edition"] == "2025-11-30"
    assert set(rows["ozg"]) >= {"kind", "edition", "file", "hash", "counts", "imported_at",
                                "complete"}
    r = CliRunner().invoke(main, ["--store", path, "datasets"])
    assert r.exit_code == 0 and "Art gv100ad, Stand 2025-11-30, mitgeliefert" in r.output
    r = CliRunner().invoke(main, ["--store", path, "remove", "buergerhaushalt.csv"])
    assert r.exit_code == 0, r.output
    assert r.output.startswith("Datensatz „buergerhaushalt.csv“ entfernt: ")
    r = CliRunner().invoke(main, ["--store", path, "remove", "gibt-es-nicht"])
    assert r.exit_code == 1 and r.output.startswith("Fehler: Kein Datensatz „gibt-es-nicht“")
    mine = tmp_path / "x.csv"
    mine.write_text("a\n", "utf-8")
    r = CliRunner().invoke(main, ["--store", path, "import", "projects", "--dataset", "d",
                                  str(mine), str(mine)])
    assert r.exit_code == 1 and "genau eine Datei" in r.output


def test_a_store_from_an_older_version_gets_the_new_properties(tmp_path: Path) -> None:
    """A Municipality table without ``valid_until`` (as older versions made it) is extended."""
    import ladybug

    folder = tmp_path / "alt"
    folder.mkdir()
    db = ladybug.Database(str(folder / "graph.lbug"))
    conn = ladybug.Connection(db)
    conn.execute("CREATE NODE TABLE Municipality(ags STRING, name STRING, PRIMARY KEY(ags))")
    conn.execute("CREATE (:Municipality {ags: '05954036', name: 'Witten'})")
    conn.close()
    db.close()
    s = LadybugStore(folder)
    try:
        rows = s.run("MATCH (m:Municipality) RETURN m.name AS name, m.valid_until AS until")
        assert rows == [{"name": "Witten", "until": None}]
        assert list_datasets(s) == []  # the bookkeeping table was created
    finally:
        s.close()
