"""Boundaries importer: NEIGHBOUR_OF from BKG polygons.

A synthetic shapefile written here for the geometry rules, the real excerpt
(tests/fixtures/bkg) for Witten, and the bundled VG5000 once for the count
and the time.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
import shapefile

from kommunalgraph.graph.errors import ImportFailed
from kommunalgraph.graph.ladybug_store import LadybugStore
from kommunalgraph.importers import boundaries, gv100ad
from kommunalgraph.importers.base import ImportReport, apply_plan

REPO = Path(__file__).resolve().parent.parent
GV = REPO / "tests" / "fixtures" / "destatis" / "GV100AD_excerpt.txt"
BKG = REPO / "tests" / "fixtures" / "bkg"
EXCERPT = BKG / "VG5000_GEM_excerpt.shp"
REAL_GV = REPO / "data" / "destatis" / "GV100AD_30112025.txt"
REAL_SHP = REPO / "data" / "bkg" / "VG5000_GEM.shp"

WITTEN, HERDECKE, BOCHUM, DORTMUND = "05954036", "05954020", "05911000", "05913000"
HATTINGEN, GIEBEL = "05954016", "03151501"


def run(store: LadybugStore, module, path: Path) -> ImportReport:  # type: ignore[no-untyped-def]
    return apply_plan(store, module.plan(path, store))


def pairs(store: LadybugStore, contact: str = "line") -> set[tuple[str, str]]:
    """Neighbour pairs with a common border line (``contact="point"``: corners only)."""
    q = ("MATCH (a:Municipality)-[r:NEIGHBOUR_OF]->(b:Municipality) WHERE r.contact = $c "
         "RETURN a.ags AS a, b.ags AS b")
    return {(r["a"], r["b"]) for r in store.run(q, {"c": contact})}


def pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def neighbours(store: LadybugStore, ags: str) -> set[str]:
    return {b if a == ags else a for a, b in pairs(store) if ags in (a, b)}


def square(x: float, y: float, size: float = 1000.0) -> list[list[float]]:
    """A clockwise ring (shapefile outer ring) with its lower left corner at x, y."""
    x, y = 3_400_000 + x, 5_700_000 + y
    return [[x, y], [x, y + size], [x + size, y + size], [x + size, y], [x, y]]


def write_shp(path: Path, rows: list[tuple[str, list[list[list[float]]], int]]) -> Path:
    """Write polygons (AGS, rings, GF) as a shapefile with the BKG attributes."""
    with shapefile.Writer(str(path), shapeType=shapefile.POLYGON, encoding="utf-8") as w:
        for name, size in (("ARS", 12), ("AGS", 8), ("GEN", 60), ("BEZ", 75)):
            w.field(name, "C", size=size)
        w.field("GF", "N", size=2, decimal=0)
        for ags, rings, gf in rows:
            w.poly(rings)
            w.record(ags[:5] + "0" + ags[5:] + "000", ags, "Ort " + ags, "Gemeinde", gf)
    return path.with_suffix(".shp")


@pytest.fixture
def directory(store: LadybugStore) -> LadybugStore:
    run(store, gv100ad, GV)
    return store


def test_synthetic_grid(directory: LadybugStore, tmp_path: Path) -> None:
    #  Bochum   | Dortmund        2x2 grid: edges are borders, the diagonals
    #  ---------+---------        touch in one point only (contact "point")
    #  Witten   | Herdecke
    # Witten has a second row (an island far away) and Herdecke a hole with
    # an enclave (Hattingen) inside; a water row (GF 2) bridges Bochum and
    # Hattingen; 01059101 is not in the directory.
    herdecke = [square(1000, 0), list(reversed(square(1400, 400, 200)))]  # hole: anti-clockwise
    shp = write_shp(tmp_path / "grid", [
        (WITTEN, [square(0, 0)], 4),
        (WITTEN, [square(9000, 9000)], 4),
        (HERDECKE, herdecke, 4),
        (HATTINGEN, [square(1400, 400, 200)], 4),
        (BOCHUM, [square(0, 1000)], 4),
        (DORTMUND, [square(1000, 1000)], 4),
        (GIEBEL, [square(-1000, 1000)], 4),  # gemeindefreies Gebiet next to Bochum
        (BOCHUM, [square(1200, 200, 1000)], 2),  # water, overlaps Herdecke and Hattingen
        ("01059101", [square(2000, 0)], 4),
    ])
    report = run(directory, boundaries, shp)
    assert pairs(directory) == {
        pair(WITTEN, HERDECKE), pair(WITTEN, BOCHUM), pair(HERDECKE, DORTMUND),
        pair(BOCHUM, DORTMUND), pair(HATTINGEN, HERDECKE),
    }
    assert pairs(directory, "point") == {pair(WITTEN, DORTMUND), pair(HERDECKE, BOCHUM)}
    assert all(a < b for a, b in pairs(directory) | pairs(directory, "point"))
    reasons = {s.detail.split()[0]: s.reason for s in report.skipped}
    assert reasons[GIEBEL] == boundaries.UNINCORPORATED
    assert reasons["01059101"] == boundaries.GONE
    assert boundaries.WATER_GF and any("Wasserfläche" in s.reason for s in report.skipped)
    # Witten/Dortmund and Herdecke/Bochum (the other two corners involve skipped areas)
    assert any("2 Berührungen nur in einem Punkt" in n for n in report.notes)
    rel = directory.run("MATCH ()-[r:NEIGHBOUR_OF]->() RETURN r LIMIT 1")[0]["r"]
    assert (rel["importer"], rel["dataset"]) == ("boundaries", "grid.shp")


def test_small_gap_within_tolerance_is_a_border(directory: LadybugStore, tmp_path: Path) -> None:
    gap = boundaries.TOLERANCE_M / 2
    shp = write_shp(tmp_path / "gap", [
        (WITTEN, [square(0, 0)], 9),
        (HERDECKE, [square(1000 + gap, 0)], 9),
        (BOCHUM, [square(0, 1000 + 10 * boundaries.TOLERANCE_M)], 9),  # 20 m away
    ])
    run(directory, boundaries, shp)
    assert pairs(directory) == {pair(WITTEN, HERDECKE)}


def test_excerpt_witten_neighbours(directory: LadybugStore) -> None:
    report = run(directory, boundaries, EXCERPT)
    assert {BOCHUM, DORTMUND, HATTINGEN, HERDECKE} <= neighbours(directory, WITTEN)
    assert neighbours(directory, WITTEN) == {BOCHUM, DORTMUND, HATTINGEN, HERDECKE,
                                             "05954028", "05954032"}
    reasons = report.skipped_by_reason()
    assert reasons[boundaries.UNINCORPORATED] >= 1
    assert reasons[boundaries.GONE] == 1
    rel = directory.run("MATCH ()-[r:NEIGHBOUR_OF]->() RETURN r LIMIT 1")[0]["r"]
    assert rel["as_of"] == "2021-01-01" and "BKG" in rel["source"]


def test_folder_and_twice_changes_nothing(directory: LadybugStore) -> None:
    run(directory, boundaries, BKG)  # the folder holds exactly one .shp
    first = directory.counts()
    assert first["relationships"]["NEIGHBOUR_OF"] > 20
    run(directory, boundaries, EXCERPT)
    assert directory.counts() == first


def test_malformed_ags_fails_before_writing(directory: LadybugStore, tmp_path: Path) -> None:
    run(directory, boundaries, EXCERPT)
    before = directory.counts()
    shp = write_shp(tmp_path / "bad", [(WITTEN, [square(0, 0)], 4),
                                       ("0595403X", [square(1000, 0)], 4)])
    with pytest.raises(ImportFailed) as info:
        run(directory, boundaries, shp)
    assert (info.value.path, info.value.line, info.value.field) == (str(shp), 2, "AGS")
    assert "8 Ziffern" in info.value.message_de
    assert directory.counts() == before


def test_degrees_and_folders_are_refused(directory: LadybugStore, tmp_path: Path) -> None:
    with shapefile.Writer(str(tmp_path / "wgs84"), shapeType=shapefile.POLYGON) as w:
        w.field("AGS", "C", size=8)
        w.poly([[[7.3, 51.4], [7.3, 51.5], [7.4, 51.5], [7.4, 51.4], [7.3, 51.4]]])
        w.record(WITTEN)
    with pytest.raises(ImportFailed, match="degrees"):
        run(directory, boundaries, tmp_path / "wgs84.shp")
    shutil.copy(tmp_path / "wgs84.shp", tmp_path / "other.shp")
    with pytest.raises(ImportFailed) as info:
        run(directory, boundaries, tmp_path)
    assert "genau eine .shp-Datei" in info.value.message_de


def test_real_vg5000(tmp_path: Path) -> None:
    store = LadybugStore(tmp_path / "store")
    try:
        run(store, gv100ad, REAL_GV)
        t = time.perf_counter()
        plan = boundaries.plan(REAL_SHP, store)
        planned = time.perf_counter() - t
        report = apply_plan(store, plan)
        total = time.perf_counter() - t
        print(f"\nboundaries: plan {planned:.2f} s, plan+write {total:.2f} s, "
              f"{report.written['NEIGHBOUR_OF']} pairs")
        n = store.counts()["relationships"]["NEIGHBOUR_OF"]
        assert 32_000 <= n <= 33_500  # about 33,000 pairs, of which
        assert 29_000 <= len(pairs(store)) <= 31_000  # 29,926 share a border line
        assert {BOCHUM, DORTMUND, HATTINGEN, HERDECKE} <= neighbours(store, WITTEN)
    finally:
        store.close()


def test_map_shapes_come_from_the_store(directory: LadybugStore, tmp_path: Path) -> None:
    """The viewer's map draws what the boundaries import stored, not the bundled file."""
    from kommunalgraph.web.maps import load_shapes

    assert load_shapes(directory).municipalities == {}  # no boundaries yet: an empty map
    shp = write_shp(tmp_path / "vg250", [
        (WITTEN, [square(0, 0, 4000)], 4),
        (HERDECKE, [square(4000, 0, 2000)], 4),
    ])
    run(directory, boundaries, shp)
    shapes = load_shapes(directory)
    assert sorted(shapes.municipalities) == [HERDECKE, WITTEN]
    assert sorted(shapes.districts) == [WITTEN[:5]]  # both lie in the Ennepe-Ruhr-Kreis
    assert (shapes.width, shapes.height) == (6.0, 4.0)  # km, from the stored outlines
    x, y = shapes.points[WITTEN]
    assert 0 < x < 4 and 0 < y < 4
    assert shapes.municipalities[WITTEN].startswith("M0.0,")
