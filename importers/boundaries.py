"""BKG municipality boundaries (VG5000 or VG250 shapefile) → ``NEIGHBOUR_OF``.

Reads the municipality layer (``*_GEM.shp``: attributes ``AGS``, ``ARS``,
``GEN``, ``BEZ`` and, where present, ``GF``) and links every two
``Municipality`` nodes whose areas touch. One relationship per
unordered pair, stored from the smaller AGS to the larger one; queries treat
it as undirected.

The bundled VG5000 (1:5,000,000, status 01.01.2021, EPSG:31467) is older
than the municipality directory (2025): AGS that no longer exist are skipped
with a reason, and municipalities formed since then have no polygon and hence
no neighbours (listed in the report). Licence: dl-de/by-2-0,
"© GeoBasis-DE / BKG" with the year of the data.

How "shares a border" is decided
--------------------------------
1. Rows are dissolved per AGS first (multipart areas, islands, and several
   rows per AGS in VG250). Rows with ``GF`` 1 or 2 (water areas such as the
   Bodensee or coastal waters in VG250) are left out: a lake is not a land
   border. VG5000 has only ``GF`` 9 (the whole area).
2. Candidate pairs come from one bulk ``STRtree.query`` with
   ``predicate="dwithin"`` and :data:`TOLERANCE_M`.
3. Pairs whose boundaries meet in a line (DE-9IM) get ``contact = "line"``.
   For the others (point contacts, near misses) the length of A's boundary
   within :data:`TOLERANCE_M` of B is measured: at least
   :data:`MIN_SHARED_BORDER_M` is a border line too, less is a corner,
   ``contact = "point"``.

See the comment at :data:`TOLERANCE_M` for why these numbers.
"""

from __future__ import annotations

import re
import struct
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapefile  # pyshp
import shapely
from shapely.geometry import shape as to_shape

from ..graph import schema
from ..graph.errors import ImportFailed, reason_de
from ..graph.schema import DISTRICT, MUNICIPALITY, NEIGHBOUR_OF
from ..graph.store import GraphStore
from .base import ImportReport, Plan, dataset_name, municipality_labels, provenance

__all__ = ["NAME", "SOURCE", "TOLERANCE_M", "MIN_SHARED_BORDER_M", "plan", "neighbour_pairs"]

NAME = "boundaries"
#: the German help line of ``kommunalgraph import boundaries``
HELP_DE = "BKG-Gemeindegrenzen (VG5000/VG250, Shapefile): Nachbarschaften."
SOURCE = "https://gdz.bkg.bund.de (© GeoBasis-DE / BKG, dl-de/by-2-0)"

# Tolerance choice.
# VG5000 is generalised for 1:5,000,000, but BKG derives it from one
# topologically consistent model: neighbouring municipalities share the very
# same vertex chain. Measured on the bundled file: the polygons never overlap,
# and a 1, 5 or 20 m distance query finds exactly the pairs that touch
# exactly (33,687), so no buffer is needed to *find* shared borders. A small
# tolerance of 2 m is still used so that data with coordinate noise
# (re-projected or re-exported files, slivers in VG250) keeps its neighbours.
#
# The question is rather what to do with *point-only* contacts. In the
# bundled VG5000, 2,694 of the 33,687 touching pairs meet in a single point,
# nearly all (2,647) where four or more municipalities meet: after
# generalisation a short real border between two of them may have collapsed
# into that point, or the point is a real "Vierländereck" — the data cannot
# tell which diagonal (if any) shared a border. We keep them, because for
# cooperation a corner neighbour is as near as a border neighbour and the
# finer VG250 may well show a short border there, but mark every pair with
# ``contact``: "line" (a common border line) or "point" (one point only),
# so that queries and the partner finder can tell a border from a corner.
# With the 2 m tolerance a point contact still measures a few metres of
# "shared" boundary (at most 28 m in VG5000, at very acute angles), while
# the shortest real shared border in VG5000 is about 400 m; 50 m separates
# the two with a wide margin and keeps short real borders of the finer VG250.
TOLERANCE_M = 2.0
MIN_SHARED_BORDER_M = 50.0

#: GF (Geofaktor) of water areas in VG250 (1: without, 2: with structure)
WATER_GF = frozenset({1, 2})
GONE = "AGS nicht im Gemeindeverzeichnis (Grenzen älter als das Verzeichnis)"
UNINCORPORATED = "gemeindefreies Gebiet, keine Gemeinde"
_AGS = re.compile(r"\d{8}")


def _find_shp(path: Path) -> Path:
    if path.is_dir():
        found = sorted(p for p in path.iterdir() if p.suffix.lower() == ".shp")
        if len(found) > 1:
            gem = [p for p in found if p.stem.upper().endswith("_GEM")]
            found = gem if len(gem) == 1 else found
        if len(found) != 1:
            names = ", ".join(p.name for p in found) or "keine"
            raise ImportFailed(str(path), None, None,
                               f"expected one .shp file in the folder, found: {names}",
                               f"Im Ordner wird genau eine .shp-Datei erwartet "
                               f"(z. B. VG5000_GEM.shp), gefunden: {names}")
        return found[0]
    if path.suffix.lower() != ".shp":
        raise ImportFailed(str(path), None, None, "not a .shp file",
                           "keine Shapefile-Datei (.shp)")
    return path


def _encoding(shp: Path) -> str:
    cpg = shp.with_suffix(".cpg")
    if cpg.exists():
        text = cpg.read_text("ascii", errors="replace").strip()
        if text:
            return {"88591": "latin-1", "1252": "cp1252"}.get(text, text)
    return "utf-8"


def _as_of(shp: Path) -> str | None:
    """``aktualitaet.txt`` next to the shapefile (``01.01.2021``) as an ISO date."""
    info = shp.parent / "aktualitaet.txt"
    if info.exists():
        m = re.search(r"(\d{2})\.(\d{2})\.(\d{4})", info.read_text("utf-8", errors="replace"))
        if m:
            return f"{m.group(3)}-{m.group(2)}-{m.group(1)}"
    m = re.search(r"(20\d{2})", shp.stem)
    return m.group(1) if m else None


def _open(shp: Path, where: str) -> tuple[list[str], list[Any], list[Any]]:
    """(attribute names read, records, shapes) of a polygon shapefile in metres."""
    encoding = _encoding(shp)
    try:
        "".encode(encoding)
    except LookupError as e:
        raise ImportFailed(str(shp.with_suffix(".cpg")), None, None,
                           f"unknown encoding {encoding!r}",
                           f"Unbekannte Zeichenkodierung „{encoding}“ in der .cpg-Datei.") from e
    for ext in (".dbf",):
        if not any(shp.with_suffix(x).is_file() for x in (ext, ext.upper())):
            raise ImportFailed(where, None, None, f"no {ext} file next to the .shp",
                               f"Zur Shapefile fehlt die Attributdatei {shp.stem}{ext}.")
    try:
        reader = shapefile.Reader(str(shp), encoding=encoding)
    except _BROKEN as e:
        raise ImportFailed(where, None, None, f"cannot read shapefile: {e}",
                           f"Shapefile nicht lesbar: {_broken_de(e)}") from e
    with reader:
        names = [f.name for f in reader.fields[1:]]
        if "AGS" not in names:
            raise ImportFailed(where, None, "AGS", "attribute missing",
                               "Attribut fehlt (erwartet: ARS, AGS, GEN, BEZ)")
        if reader.shapeType not in (shapefile.POLYGON, shapefile.POLYGONZ, shapefile.POLYGONM):
            raise ImportFailed(where, None, "Geometrie",
                               f"expected polygons, found {reader.shapeTypeName}",
                               f"erwartet Flächen (Polygon), gefunden {reader.shapeTypeName}")
        xmin, ymin, xmax, ymax = reader.bbox
        if max(abs(xmin), abs(xmax), abs(ymin), abs(ymax)) <= 360:
            raise ImportFailed(where, None, "Geometrie",
                               "coordinates look like degrees; a metric CRS is required",
                               "Die Koordinaten sind offenbar in Grad; erwartet wird ein "
                               "metrisches Bezugssystem (z. B. EPSG:25832 oder 31467).")
        wanted = [f for f in ("AGS", "GEN", "GF") if f in names]
        try:
            records = reader.records(fields=wanted)
            shapes = reader.shapes()
            if len(records) != len(shapes):
                raise shapefile.ShapefileException("records and shapes differ in number")
        except UnicodeDecodeError as e:
            raise ImportFailed(where, None, None, f"attributes not in the declared encoding: {e}",
                               f"Attribute nicht in der angegebenen Kodierung ({encoding}) "
                               "lesbar.") from e
        except _BROKEN as e:
            raise ImportFailed(where, None, None, f"broken shapefile: {e}",
                               f"Shapefile beschädigt: {_broken_de(e)}") from e
    return [f for f in names if f in wanted], records, shapes  # records in file order


@dataclass
class _Rings:
    """Every usable shape's rings, flattened for shapely (the fast path)."""

    ags_of: list[str] = field(default_factory=list)
    name_of: dict[str, str] = field(default_factory=dict)
    kept: list[Any] = field(default_factory=list)  # the shapes of ags_of
    points: list[Any] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    owner: list[int] = field(default_factory=list)  # index into ags_of of each ring


def _rings(order: list[str], records: list[Any], shapes: list[Any], report: ImportReport,
           where: str) -> _Rings:
    at = {f: i for i, f in enumerate(order)}
    out = _Rings()
    for i, (rec, shp_) in enumerate(zip(records, shapes, strict=True)):
        line = i + 1  # the record number, 1-based, as shown by GIS tools
        values = tuple(rec)
        ags = str(values[at["AGS"]]).strip()
        if not _AGS.fullmatch(ags):
            raise ImportFailed(where, line, "AGS", f"expected 8 digits, found {ags!r}",
                               f"erwartet 8 Ziffern, gefunden „{ags}“ (Datensatz {line})")
        if "GF" in at and values[at["GF"]] in WATER_GF:
            report.skip(line, "Wasserfläche (GF 1/2), keine Landgrenze", ags)
            continue
        if shp_.shapeType == shapefile.NULL or len(shp_.points) < 4:
            report.skip(line, "ohne Geometrie", ags)
            continue
        owner = len(out.ags_of)
        out.ags_of.append(ags)
        out.kept.append(shp_)
        if "GEN" in at:
            out.name_of.setdefault(ags, str(values[at["GEN"]]).strip())
        parts = [*shp_.parts, len(shp_.points)]
        out.sizes.extend(b - a for a, b in zip(parts[:-1], parts[1:], strict=True))
        out.owner.extend([owner] * (len(parts) - 1))
        out.points.extend(shp_.points)
    return out


def _polygons(r: _Rings, where: str) -> dict[int, list[Any]]:
    """Shapely polygons per shape. A shapefile ring is an outer ring when clockwise;
    shapes with holes (anti-clockwise rings) go through pyshp's __geo_interface__,
    which assigns holes to their shells."""
    parts_of: dict[int, list[Any]] = defaultdict(list)
    if r.points:
        coords = np.asarray(r.points, dtype=float)[:, :2]
        sizes = np.asarray(r.sizes)
        owners = np.asarray(r.owner)
        usable = sizes >= 4  # a ring needs 4 points (closed triangle); drop slivers
        ring_ids = np.repeat(np.arange(len(sizes)), sizes)
        take = usable[ring_ids]
        _, dense = np.unique(ring_ids[take], return_inverse=True)
        rings = shapely.linearrings(coords[take], indices=dense)
        owners = owners[usable]
        with_holes = np.unique(owners[shapely.is_ccw(rings)])
        simple = ~np.isin(owners, with_holes)
        for owner, poly in zip(owners[simple].tolist(),
                               shapely.polygons(rings[simple]), strict=True):
            parts_of[owner].append(poly)
        for owner in with_holes.tolist():
            parts_of[owner].append(to_shape(r.kept[owner].__geo_interface__))
    for owner, ags in enumerate(r.ags_of):
        if owner not in parts_of:
            raise ImportFailed(where, None, "Geometrie",
                               f"AGS {ags}: polygon without a valid ring",
                               f"AGS {ags}: Fläche ohne gültigen Ring")
    return parts_of


def _dissolve(parts_of: dict[int, list[Any]], ags_of: list[str],
              report: ImportReport) -> tuple[list[str], np.ndarray]:
    """One valid geometry per AGS (sorted)."""
    by_ags: dict[str, list[Any]] = defaultdict(list)
    for owner, geoms in parts_of.items():
        by_ags[ags_of[owner]].extend(geoms)
    keys = sorted(by_ags)
    geoms = np.array(
        [g[0] if len(g) == 1 else shapely.union_all(shapely.make_valid(np.array(g)))
         for g in (by_ags[k] for k in keys)],
        dtype=object,
    )
    invalid = ~shapely.is_valid(geoms)
    if invalid.any():
        geoms[invalid] = shapely.make_valid(geoms[invalid])
        report.note(f"{int(invalid.sum())} ungültige Flächen repariert (make_valid): "
                    + ", ".join(np.array(keys)[invalid]))
    return keys, geoms


#: what pyshp raises on a truncated, empty or garbled file
_BROKEN = (shapefile.ShapefileException, shapefile.PossiblyCorruptFileHeader, OSError,
           struct.error, ValueError, IndexError, EOFError, KeyError, TypeError, AttributeError)


def _broken_de(e: BaseException) -> str:
    """A German reason for a pyshp failure (its own text is English)."""
    text = str(e)
    if isinstance(e, shapefile.PossiblyCorruptFileHeader) or "file size" in text:
        return "Die Dateilänge im Kopf passt nicht zur Datei (abgeschnitten oder beschädigt)."
    if isinstance(e, struct.error | EOFError) or "unpack" in text:
        return "Die Datei endet mitten in einem Datensatz (abgeschnitten)."
    if "decode" in text:
        return "Attribute nicht in der angegebenen Zeichenkodierung (.cpg) lesbar."
    if isinstance(e, OSError):
        return reason_de(e) + "."
    return "Aufbau der Datei nicht lesbar (kein gültiges Shapefile)."


def _read(shp: Path, report: ImportReport) -> tuple[list[str], np.ndarray, dict[str, str]]:
    """Read the polygons, dissolved per AGS: (AGS list, geometries, AGS → name)."""
    where = str(shp)
    order, records, shapes = _open(shp, where)
    report.read = len(records)
    rings = _rings(order, records, shapes, report, where)
    keys, geoms = _dissolve(_polygons(rings, where), rings.ags_of, report)
    return keys, geoms, rings.name_of


def neighbour_pairs(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Index pairs ``(i, j)``, ``i < j``, of areas that touch (within the tolerance).

    Returns ``(i, j, is_line)``: ``is_line`` is true where the two share a
    border line (at least :data:`MIN_SHARED_BORDER_M` where the borders do not
    coincide exactly), false for a point contact.
    """
    if len(geoms) < 2:
        empty = np.array([], dtype=int)
        return empty, empty, np.array([], dtype=bool)
    tree = shapely.STRtree(geoms)
    i, j = tree.query(geoms, predicate="dwithin", distance=TOLERANCE_M)
    keep = i < j
    i, j = i[keep], j[keep]
    # Exact topology first (cheap, no new geometry): the boundaries meet in
    # a line (DE-9IM boundary/boundary dimension 1, the 5th character).
    matrix = shapely.relate(geoms[i], geoms[j])
    line = np.fromiter((m[4] == "1" for m in matrix), dtype=bool, count=len(matrix))
    rest = np.flatnonzero(~line)
    if len(rest):
        # Point contacts and near misses: measure A's boundary within the
        # tolerance of B (a few thousand pairs at most).
        grown = shapely.buffer(geoms[j[rest]], TOLERANCE_M, quad_segs=2)
        shared = shapely.length(shapely.intersection(shapely.boundary(geoms[i[rest]]), grown))
        line[rest] = shared >= MIN_SHARED_BORDER_M
    return i, j, line


#: outline simplification for maps: municipalities, Kreise (in metres; a
#: shapefile in degrees is simplified by the same share of its extent)
OUTLINE_TOLERANCE_M = 250
DISTRICT_OUTLINE_TOLERANCE_M = 1500


def outline(geom: Any, tolerance: float) -> str:
    """A polygon as compact SVG-like path data in the file's own units (rounded).

    Rings are ``M x,y x,y … Z``; the map (``web/maps.py``) scales and flips them.

    >>> from shapely.geometry import box
    >>> outline(box(0, 0, 1000, 500), 1)
    'M1000,0 1000,500 0,500 0,0Z'
    """
    digits = 0 if tolerance >= 1 else 5
    parts = []
    for p in getattr(geom.simplify(tolerance), "geoms", [geom.simplify(tolerance)]):
        if p.is_empty or not hasattr(p, "exterior"):
            continue
        for ring in (p.exterior, *p.interiors):
            coords = list(ring.coords)[:-1]
            if len(coords) < 3:
                continue
            parts.append("M" + " ".join(f"{x:.{digits}f},{y:.{digits}f}" for x, y in coords)
                         + "Z")
    return "".join(parts)


def _outlines(keys: list[str], geoms: np.ndarray, existing: set[str],
              districts: set[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Map outlines: one row per known municipality and per known Kreis."""
    x0, y0, x1, y1 = shapely.total_bounds(geoms) if len(geoms) else (0, 0, 0, 0)
    metric = max(x1 - x0, y1 - y0) > 1000  # metres, not degrees
    scale = 1.0 if metric else 1 / 40000  # a degree is roughly 111 km
    munis, by_district = [], defaultdict(list)
    for k, g in zip(keys, geoms, strict=True):
        if k not in existing:
            continue
        pt = g.representative_point()
        munis.append({"ags": k, "outline": outline(g, OUTLINE_TOLERANCE_M * scale),
                      "outline_x": float(pt.x), "outline_y": float(pt.y)})
        by_district[k[:5]].append(g)
    kreise = [{"key": d, "outline": outline(
        shapely.union_all(np.array(gs, dtype=object)).buffer(0),
        DISTRICT_OUTLINE_TOLERANCE_M * scale)}
        for d, gs in sorted(by_district.items()) if d in districts]
    return munis, kreise


def plan(path: Path, store: GraphStore) -> Plan:
    """Read the shapefile (or the one in the folder) and plan ``NEIGHBOUR_OF``."""
    shp = _find_shp(Path(path))
    dataset = dataset_name(shp)
    report = ImportReport(NAME, dataset)
    as_of = _as_of(shp)

    existing = store.existing_keys(MUNICIPALITY)
    if not existing:
        raise ImportFailed(str(shp), None, None,
                           "the store has no municipalities; import gv100ad first",
                           "Der Datenbestand enthält noch keine Gemeinden; bitte zuerst das "
                           "Gemeindeverzeichnis importieren („kommunalgraph import gv100ad …“).")
    unincorporated = store.existing_keys(schema.UNINCORPORATED)

    keys, geoms, name_of = _read(shp, report)
    i, j, is_line = neighbour_pairs(geoms)

    known = np.array([k in existing for k in keys], dtype=bool)
    for k, ok in zip(keys, known, strict=True):
        if not ok:
            reason = UNINCORPORATED if k in unincorporated else GONE
            report.skip(None, reason, f"{k} {name_of.get(k, '')}".strip())
    both = known[i] & known[j] if len(i) else np.array([], dtype=bool)
    prov = provenance(SOURCE, as_of, NAME, dataset)
    rows = [{"from": keys[a], "to": keys[b], "contact": "line" if ln else "point", **prov}
            for a, b, ln in zip(i[both].tolist(), j[both].tolist(), is_line[both].tolist(),
                                strict=True)]
    point_contacts = sum(1 for r in rows if r["contact"] == "point")
    result = Plan(report)
    result.add_relationships(NEIGHBOUR_OF, MUNICIPALITY, MUNICIPALITY, rows)
    munis, kreise = _outlines(keys, geoms, existing, store.existing_keys(DISTRICT))
    result.add_updates(MUNICIPALITY, munis)
    result.add_updates(DISTRICT, kreise)

    report.note(
        f"{len(rows)} Nachbarschaften, davon {len(rows) - point_contacts} mit gemeinsamer "
        f"Grenzlinie (wo Grenzen nicht genau übereinander liegen: ≥ {MIN_SHARED_BORDER_M:g} m "
        f"innerhalb {TOLERANCE_M:g} m) und {point_contacts} Berührungen nur in einem Punkt "
        "(contact = „point“); "
        f"{int((~both).sum())} Nachbarschaften mit einem nicht (mehr) vorhandenen AGS entfallen."
    )
    without = sorted(existing - set(keys))
    if without:
        listing = municipality_labels(store, without)
        report.note(
            f"{len(without)} Gemeinden des Verzeichnisses haben keine Fläche in {dataset} "
            f"(Stand {as_of or 'unbekannt'}, vermutlich später neu gebildet) und daher keine "
            "Nachbarn: " + "; ".join(listing)
        )
    return result
