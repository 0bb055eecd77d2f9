"""OZG catalogue importer on a fixture folder and on the real KDN export."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kommunalgraph.graph.errors import ImportFailed
from kommunalgraph.importers import ozg
from kommunalgraph.importers.base import apply_plan

REPO = Path(__file__).resolve().parent.parent
FIX = Path(__file__).resolve().parent / "fixtures" / "ozg"


def _import(store, path):
    return apply_plan(store, ozg.plan(path, store))


def test_fixture_counts_and_relations(store):
    report = _import(store, FIX)
    c = store.counts()
    assert c["nodes"]["ServiceArea"] == 3
    assert c["nodes"]["LifeSituation"] == 3  # the hidden one is skipped
    assert c["nodes"]["OZGService"] == 3
    assert store.existing_keys("LeikaService") == {
        "99001001000000", "99046018000000", "99002002000000", "99003003000000"}
    assert c["relationships"]["BELONGS_TO"] == 3
    assert c["relationships"]["IN_LIFE_SITUATION"] == 3
    assert c["relationships"]["IN_SERVICE_AREA"] == 3 + 3
    reasons = report.skipped_by_reason()
    assert reasons["Test- oder Dummy-Eintrag der Quelle"] == 1
    assert reasons["ohne LeiKa-Schlüssel („nicht im LeiKa“)"] == 1
    assert reasons["in der Quelle verborgen (hidden)"] == 1
    test_skip = next(s for s in report.skipped if "Test 124" in s.detail)
    assert test_skip.line == 2
    rows = store.run("MATCH (l:LeikaService {leika_key: '99001001000000'}) "
                     "RETURN l.leika_type AS t, l.legal_basis AS b, l.importer AS i")
    assert rows == [{"t": "2/3", "b": "BauO NRW", "i": "ozg"}]


def test_reimport_changes_nothing(store):
    _import(store, FIX)
    before = store.counts()
    _import(store, FIX)
    assert store.counts() == before


def test_malformed_row_names_file_line_field_and_writes_nothing(store, tmp_path):
    _import(store, FIX)
    before = store.counts()
    bad = tmp_path / "ozg"
    shutil.copytree(FIX, bad)
    f = bad / "ozg_leistungen_2019.csv"
    f.write_text(f.read_text("utf-8") + "10x01,Kaputt,Altersvorsorge,Arbeit & Ruhestand,1,1\n",
                 "utf-8")
    with pytest.raises(ImportFailed) as e:
        _import(store, bad)
    assert (e.value.path, e.value.line, e.value.field) == (str(f), 5, "ozg_id")
    assert "Zeile 5" in e.value.message_de
    assert store.counts() == before


def test_missing_column_fails(store, tmp_path):
    f = tmp_path / "leika_leistungen_2019.csv"
    f.write_text("leika_key,leika_name\n99001001000000,X\n", "utf-8")
    with pytest.raises(ImportFailed) as e:
        ozg.plan(f, store)
    assert e.value.line == 1 and e.value.field == "leika_typ"


def test_single_file_uses_siblings_for_names(store):
    _import(store, FIX / "themenfelder.csv")
    assert store.counts()["nodes"]["ServiceArea"] == 3
    assert store.counts()["nodes"]["OZGService"] == 0
    report = _import(store, FIX / "lebenslagen.csv")
    assert report.dataset == "lebenslagen.csv"
    assert store.counts()["relationships"]["IN_SERVICE_AREA"] == 3


def test_real_catalogue(store):
    report = _import(store, REPO / "data" / "ozg")
    nodes = store.counts()["nodes"]
    assert nodes["ServiceArea"] == 14
    assert nodes["LifeSituation"] == 58
    assert nodes["OZGService"] == 557
    keys = store.existing_keys("LeikaService")
    assert "25323525" not in keys and "3233" not in keys
    assert all(len(k) == 14 and k.isdigit() for k in keys)
    assert "99046018000000" in keys  # "Testament" is a real service, not a test row
    details = " ".join(s.detail for s in report.skipped)
    assert "Test 124" in details and "Test 4" in details
    assert report.skipped_by_reason()["Test- oder Dummy-Eintrag der Quelle"] == 2
