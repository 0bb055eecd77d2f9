"""Server-rendered SVG maps from the bundled BKG boundaries, without any base map.

``data/bkg/VG5000_GEM.shp`` (Gauß-Krüger zone 3, EPSG:31467, metres) is read
with pyshp once, simplified with shapely and cached, in memory and as a pickle
in the cache folder (keyed by the shapefile's size and modification time):

* every municipality, simplified to 250 m, with a point inside it;
* every Kreis (union of its municipalities), simplified to 1.5 km.

SVG units are kilometres east and south of the north-western corner of
Germany, so paths are short and the browser needs nothing but the page.
"""

from __future__ import annotations

import os
import pickle
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["Shapes", "load_shapes", "map_view", "default_cache_dir"]

MUNICIPALITY_TOLERANCE_M = 250
DISTRICT_TOLERANCE_M = 1500
_CACHE_VERSION = 1
_lock = threading.Lock()
_memory: dict[str, Shapes] = {}


@dataclass
class Shapes:
    """Simplified outlines as SVG path data (units: km)."""

    width: float
    height: float
    municipalities: dict[str, str] = field(default_factory=dict)
    points: dict[str, tuple[float, float]] = field(default_factory=dict)
    boxes: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    districts: dict[str, str] = field(default_factory=dict)


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kommunalgraph"


def shapefile_path() -> Path:
    return Path(str(resources.files("kommunalgraph").joinpath("data", "bkg", "VG5000_GEM.shp")))


def load_shapes(cache_dir: str | Path | None = None, shp: Path | None = None) -> Shapes:
    """The simplified shapes, computed once per process and cached on disk."""
    shp = shp or shapefile_path()
    st = shp.stat()
    key = f"v{_CACHE_VERSION}-{st.st_size}-{st.st_mtime_ns}"
    with _lock:
        if key in _memory:
            return _memory[key]
        cache = Path(cache_dir) if cache_dir else default_cache_dir()
        cached = cache / f"vg5000-{key}.pickle"
        shapes: Shapes | None = None
        if cached.exists():
            try:
                with cached.open("rb") as f:
                    shapes = pickle.load(f)  # our own file, written below
            except Exception:  # noqa: BLE001 - a broken cache is rebuilt
                shapes = None
        if shapes is None:
            shapes = _build(shp)
            try:
                cache.mkdir(parents=True, exist_ok=True)
                tmp = cached.with_suffix(".tmp")
                with tmp.open("wb") as f:
                    pickle.dump(shapes, f)
                tmp.replace(cached)
            except OSError:
                pass  # read-only home: keep it in memory only
        _memory[key] = shapes
        return shapes


def _build(shp: Path) -> Shapes:
    import shapefile
    from shapely import union_all
    from shapely.geometry import shape

    reader = shapefile.Reader(str(shp))
    names = [f.name for f in reader.fields[1:]]
    ags_i = names.index("AGS")
    xmin, ymin, xmax, ymax = reader.bbox
    by_ags: dict[str, list[Any]] = defaultdict(list)
    for sr in reader.iterShapeRecords():
        by_ags[str(sr.record[ags_i])].append(shape(sr.shape.__geo_interface__))
    reader.close()

    def tx(x: float) -> float:
        return (x - xmin) / 1000.0

    def ty(y: float) -> float:
        return (ymax - y) / 1000.0

    def path(geom: Any) -> str:
        polys = getattr(geom, "geoms", [geom])
        parts = []
        for p in polys:
            if p.is_empty or not hasattr(p, "exterior"):
                continue
            for ring in (p.exterior, *p.interiors):
                coords = list(ring.coords)
                if len(coords) < 3:
                    continue
                pts = " ".join(f"{tx(x):.1f},{ty(y):.1f}" for x, y in coords[:-1])
                parts.append("M" + pts + "Z")
        return "".join(parts)

    out = Shapes(width=round(tx(xmax), 1), height=round(ty(ymin), 1))
    by_district: dict[str, list[Any]] = defaultdict(list)
    for ags, geoms in by_ags.items():
        g = union_all(geoms) if len(geoms) > 1 else geoms[0]
        by_district[ags[:5]].append(g)
        out.municipalities[ags] = path(g.simplify(MUNICIPALITY_TOLERANCE_M))
        pt = g.representative_point()
        out.points[ags] = (round(tx(pt.x), 1), round(ty(pt.y), 1))
        bx0, by0, bx1, by1 = g.bounds
        out.boxes[ags] = (tx(bx0), ty(by1), tx(bx1), ty(by0))
    for key, geoms in by_district.items():
        out.districts[key] = path(union_all(geoms).buffer(0).simplify(DISTRICT_TOLERANCE_M))
    return out


def map_view(shapes: Shapes, marks: list[dict[str, Any]], *, land: str | None = None,
             kreis: str | None = None) -> dict[str, Any]:
    """What the SVG template draws: background outlines, marked municipalities, viewBox.

    ``marks`` are dicts with at least ``ags`` (others are passed through).
    Nationwide the background is the Kreise; for a Land or Kreis it is its
    municipalities.
    """
    prefix = kreis or land
    if prefix:
        background = [{"key": a, "d": d} for a, d in sorted(shapes.municipalities.items())
                      if a.startswith(prefix)]
        boxes = [shapes.boxes[b["key"]] for b in background]
    else:
        background = [{"key": k, "d": d} for k, d in sorted(shapes.districts.items())]
        boxes = []
    if boxes:
        x0 = min(b[0] for b in boxes)
        y0 = min(b[1] for b in boxes)
        x1 = max(b[2] for b in boxes)
        y1 = max(b[3] for b in boxes)
    else:
        x0, y0, x1, y1 = 0.0, 0.0, shapes.width, shapes.height
    pad = max(x1 - x0, y1 - y0) * 0.03
    x0, y0, x1, y1 = x0 - pad, y0 - pad, x1 + pad, y1 + pad
    radius = max(x1 - x0, y1 - y0) / 120
    drawn = []
    for i, m in enumerate(marks, start=1):
        ags = m["ags"]
        if ags not in shapes.points:
            continue
        cx, cy = shapes.points[ags]
        drawn.append({**m, "n": i, "d": shapes.municipalities.get(ags, ""), "cx": cx, "cy": cy})
    return {
        "viewbox": f"{x0:.1f} {y0:.1f} {x1 - x0:.1f} {y1 - y0:.1f}",
        "background": background,
        "marks": drawn,
        "radius": round(radius, 2),
        "stroke": round(radius / 6, 2),
        "missing": len(marks) - len(drawn),
    }
