"""Destatis importers: GV100AD directory and the GV-ISys CSV extract.

Fixture excerpts (tests/fixtures/destatis/README.md) for the details, the
real bundled files once each for the counts.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kommunalgraph.graph.errors import ImportFailed
from kommunalgraph.graph.ladybug_store import LadybugStore
from kommunalgraph.importers import gv100ad, gv_auszug
from kommunalgraph.importers.base import ImportReport, apply_plan

REPO = Path(__file__).resolve().parent.parent
GV = REPO / "tests" / "fixtures" / "destatis" / "GV100AD_excerpt.txt"
CSV = REPO / "tests" / "fixtures" / "destatis" / "AuszugGV_excerpt_2020-12-31.csv"
REAL_GV = REPO / "data" / "destatis" / "GV100AD_30112025.txt"
REAL_CSV = REPO / "data" / "destatis" / "AuszugGV4QAktuell_2020-12-31.csv"


def run(store: LadybugStore, module, path: Path) -> ImportReport:  # type: ignore[no-untyped-def]
    return apply_plan(store, module.plan(path, store))


def node(store: LadybugStore, label: str, key: str, value: str) -> dict:
    rows = store.run(f"MATCH (n:{label}) WHERE n.{key} = $v RETURN n", {"v": value})
    assert len(rows) == 1, (label, value, rows)
    return rows[0]["n"]


def targets(store: LadybugStore, rel: str, label: str, key: str, value: str) -> set[str]:
    q = (f"MATCH (n:{label})-[:{rel}]->(t) WHERE n.{key} = $v "
         "RETURN coalesce(t.key, t.ags) AS k")
    return {r["k"] for r in store.run(q, {"v": value})}


def broken_copy(tmp_path: Path, source: Path, number: int, edit) -> Path:  # type: ignore[no-untyped-def]
    """Copy ``source`` with line ``number`` (1-based) replaced by ``edit(line)``."""
    lines = source.read_text("utf-8").split("\n")
    lines[number - 1] = edit(lines[number - 1])
    out = tmp_path / source.name
    out.write_text("\n".join(lines), "utf-8")
    return out


# -- GV100AD ---------------------------------------------------------------------

def test_gv100ad_fixture_counts(store: LadybugStore) -> None:
    report = run(store, gv100ad, GV)
    counts = store.counts()
    assert {k: v for k, v in counts["nodes"].items() if v} == {
        "State": 3, "AdminRegion": 4, "District": 5, "MunicipalAssociation": 14,
        "Municipality": 18, "UnincorporatedArea": 1,
    }
    rels = counts["relationships"]
    assert rels["IN_STATE"] == 4 + 5  # 4 AdminRegions (3 RB + 1 Region), 5 Kreise
    assert rels["IN_ADMIN_REGION"] == 5
    assert rels["IN_DISTRICT"] == 18 + 14 + 1
    assert rels["IN_ASSOCIATION"] == 18
    assert report.read == 45 and not report.skipped


def test_gv100ad_keys_and_properties(store: LadybugStore) -> None:
    run(store, gv100ad, GV)
    witten = node(store, "Municipality", "ags", "05954036")
    assert witten["ars"] == "059540036036"
    assert (witten["name"], witten["official_name"]) == ("Witten", "Witten, Stadt")
    assert (witten["legal_type"], witten["legal_type_code"]) == ("Stadt", "63")
    assert witten["population"] == 91808
    assert witten["area_km2"] == pytest.approx(72.40)
    assert witten["postcode"] == "58452"
    assert witten["as_of"] == "2025-11-30" and witten["importer"] == "gv100ad"
    assert witten["dataset"] == "GV100AD_excerpt.txt"
    assert "destatis.de" in witten["source"]
    assert node(store, "Municipality", "ags", "05911000")["legal_type"] == "Kreisfreie Stadt"
    stuttgart = node(store, "Municipality", "ags", "08111000")
    assert (stuttgart["legal_type_code"], stuttgart["name"]) == ("62", "Stuttgart")

    kreis = node(store, "District", "key", "05954")
    assert (kreis["name"], kreis["seat"]) == ("Ennepe-Ruhr-Kreis", "Schwelm")
    assert kreis["kind"] == "Kreis"
    assert node(store, "District", "key", "05911")["kind"] == "Kreisfreie Stadt"
    assert node(store, "State", "key", "05")["seat"] == "Düsseldorf"
    rb = node(store, "AdminRegion", "key", "059")
    assert (rb["name"], rb["level"]) == ("Reg.-Bez. Arnsberg", "Regierungsbezirk")
    assert node(store, "AdminRegion", "key", "0811")["level"] == "Region"
    samtgemeinde = node(store, "MunicipalAssociation", "key", "031515401")
    assert (samtgemeinde["name"], samtgemeinde["kind"]) == ("Boldecker Land", "Samtgemeinde")

    assert targets(store, "IN_DISTRICT", "Municipality", "ags", "05954036") == {"05954"}
    assert targets(store, "IN_ASSOCIATION", "Municipality", "ags", "05954036") == {"059540036"}
    assert targets(store, "IN_ASSOCIATION", "Municipality", "ags", "03151002") == {"031515401"}
    assert targets(store, "IN_STATE", "District", "key", "05954") == {"05"}
    assert targets(store, "IN_ADMIN_REGION", "District", "key", "05954") == {"059"}
    assert targets(store, "IN_STATE", "AdminRegion", "key", "0811") == {"08"}
    for label, width in (("State", 2), ("District", 5), ("MunicipalAssociation", 9),
                         ("Municipality", 8), ("UnincorporatedArea", 8)):
        keys = store.existing_keys(label)
        assert keys and all(k.isdigit() and len(k) == width for k in keys), label
    assert {len(k) for k in store.existing_keys("AdminRegion")} == {3, 4}


def test_gv100ad_unincorporated_areas_are_not_municipalities(store: LadybugStore) -> None:
    report = run(store, gv100ad, GV)
    assert "03151501" not in store.existing_keys("Municipality")
    giebel = node(store, "UnincorporatedArea", "key", "03151501")
    assert giebel["name"] == "Giebel, gemfr. Gebiet"
    assert giebel["legal_type_code"] == "66"
    assert giebel["area_km2"] == pytest.approx(10.38)
    assert targets(store, "IN_DISTRICT", "UnincorporatedArea", "key", "03151501") == {"03151"}
    assert any("gemeindefreie Gebiete" in n for n in report.notes)


def test_gv100ad_twice_changes_nothing(store: LadybugStore) -> None:
    run(store, gv100ad, GV)
    first = store.counts()
    run(store, gv100ad, GV)
    assert store.counts() == first


@pytest.mark.parametrize(
    ("number", "edit", "field", "words"),
    [
        (39, lambda line: line[:-1], None, "220"),  # Witten, one character short
        (39, lambda line: line[:13] + "5X" + line[15:], "Kreis", "Ziffern"),
        (39, lambda line: "70" + line[2:], "Satzart", "unbekannte Satzart"),
        (39, lambda line: line[:122] + "99" + line[124:], "Textkennzeichen", "unbekannt"),
        (39, lambda line: line[:139] + "000000x1808" + line[150:], "Bevölkerung", "Ziffern"),
        (39, lambda line: line[:18] + "0099" + line[22:], "Gemeindeverband",
         "Gemeindeverband 059540099 fehlt"),
    ],
)
def test_gv100ad_malformed_line_fails_before_writing(
    store: LadybugStore, tmp_path: Path, number: int, edit, field: str | None, words: str,  # type: ignore[no-untyped-def]
) -> None:
    run(store, gv100ad, GV)
    before = store.counts()
    broken = broken_copy(tmp_path, GV, number, edit)
    with pytest.raises(ImportFailed) as info:
        run(store, gv100ad, broken)
    err = info.value
    assert (err.path, err.line, err.field) == (str(broken), number, field)
    assert f"Zeile {number}" in err.message_de and words in err.message_de
    assert str(broken) in err.message_de
    assert store.counts() == before


def test_gv100ad_tolerates_bom_and_crlf(store: LadybugStore, tmp_path: Path) -> None:
    copy = tmp_path / "gv.txt"
    copy.write_bytes(b"\xef\xbb\xbf" + GV.read_bytes().replace(b"\n", b"\r\n"))
    run(store, gv100ad, copy)
    assert store.counts()["nodes"]["Municipality"] == 18


# -- GV-ISys extract (CSV) ---------------------------------------------------------

def test_gv_auszug_adds_coordinates_only(store: LadybugStore) -> None:
    run(store, gv100ad, GV)
    report = run(store, gv_auszug, CSV)
    assert report.written["Municipality (ergänzt)"] == 17  # 18 minus Sprockhövel
    witten = node(store, "Municipality", "ags", "05954036")
    assert witten["lat"] == pytest.approx(51.438718)
    assert witten["lon"] == pytest.approx(7.337177)
    assert (witten["urbanisation_code"], witten["urbanisation"]) == ("01", "dicht besiedelt")
    assert witten["geo_as_of"] == "2020-12-31" and "destatis.de" in witten["geo_source"]
    # the newer directory keeps its population, postcode and provenance
    assert witten["population"] == 91808 and witten["postcode"] == "58452"
    assert witten["importer"] == "gv100ad" and witten["as_of"] == "2025-11-30"
    assert node(store, "Municipality", "ags", "05954028")["lat"] is None

    reasons = {s.detail.split()[0]: s.reason for s in report.skipped}
    assert reasons["01059101"] == "AGS nicht mehr im Gemeindeverzeichnis"
    assert reasons["03151501"].startswith("gemeindefreies Gebiet")
    assert any("05954028 Sprockhövel, Stadt" in n and "keine Koordinaten" in n
               for n in report.notes)
    assert report.read == 19  # Satzart-60 rows


def test_gv_auszug_twice_changes_nothing(store: LadybugStore) -> None:
    run(store, gv100ad, GV)
    run(store, gv_auszug, CSV)
    first = store.counts()
    witten = node(store, "Municipality", "ags", "05954036")
    run(store, gv_auszug, CSV)
    assert store.counts() == first
    assert node(store, "Municipality", "ags", "05954036") == witten


def test_gv_auszug_needs_the_directory_first(store: LadybugStore) -> None:
    with pytest.raises(ImportFailed) as info:
        run(store, gv_auszug, CSV)
    assert "gv100ad" in info.value.message_de


def test_gv_auszug_malformed_coordinate(store: LadybugStore, tmp_path: Path) -> None:
    run(store, gv100ad, GV)
    before = store.counts()
    broken = broken_copy(tmp_path, CSV, 37, lambda line: line.replace('"7,337177"', '"7.33x"'))
    with pytest.raises(ImportFailed) as info:
        run(store, gv_auszug, broken)
    assert (info.value.line, info.value.field) == (37, "laengengrad")
    assert store.counts() == before
    assert node(store, "Municipality", "ags", "05954036")["lat"] is None


def test_thousands_separators() -> None:
    assert gv_auszug._int("90 164") == 90164
    assert gv_auszug._int("1\u2009701") == 1701  # thin space
    assert gv_auszug._int("365\u202f587") == 365587  # narrow no-break space
    assert gv_auszug._int("  0") == 0
    assert gv_auszug._decimal("54,78252") == pytest.approx(54.78252)


# -- the real files ----------------------------------------------------------------

@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LadybugStore, dict]]:
    """The real directory and extract, imported once for this module."""
    s = LadybugStore(tmp_path_factory.mktemp("destatis") / "store")
    reports, seconds = {}, {}
    for module, path in ((gv100ad, REAL_GV), (gv_auszug, REAL_CSV)):
        t = time.perf_counter()
        reports[module.NAME] = run(s, module, path)
        seconds[module.NAME] = time.perf_counter() - t
    print("\nimport seconds:", {k: round(v, 2) for k, v in seconds.items()})
    yield s, reports
    s.close()


def test_real_directory_counts(real: tuple[LadybugStore, dict]) -> None:
    store, reports = real
    nodes = store.counts()["nodes"]
    assert nodes["State"] == 16
    assert nodes["AdminRegion"] == 29 + 12
    assert nodes["District"] == 400
    assert nodes["MunicipalAssociation"] == 4590
    assert nodes["Municipality"] == 10751
    assert nodes["UnincorporatedArea"] == 202
    notes = " ".join(reports["gv100ad"].notes)
    assert "Bautzen / Budyšin" in notes and "abgeschnitten" in notes
    bautzen = node(store, "Municipality", "ags", "14625020")
    assert bautzen["name"] == "Bautzen" and len(bautzen["official_name"]) == 50


def test_real_extract_gaps_are_reported(real: tuple[LadybugStore, dict]) -> None:
    store, reports = real
    report = reports["gv-auszug"]
    gone = report.skipped_by_reason()["AGS nicht mehr im Gemeindeverzeichnis"]
    assert 30 <= gone <= 80
    no_coords = store.run("MATCH (m:Municipality) WHERE m.lat IS NULL "
                          "RETURN m.ags AS ags, m.official_name AS name")
    assert 1 <= len(no_coords) <= 12
    note = next(n for n in report.notes if "keine Koordinaten" in n)
    assert all(f"{r['ags']} {r['name']}" in note for r in no_coords)  # key and name
    munster = node(store, "Municipality", "ags", "05515000")
    assert 51.8 < munster["lat"] < 52.1 and 7.5 < munster["lon"] < 7.8
