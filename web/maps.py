"""Server-rendered SVG maps from the boundaries in the store, without any base map.

The boundaries importer stores a simplified outline for every municipality
(250 m) and Kreis (1.5 km) and a point inside each municipality, in the
boundary file's own coordinates (the bundled VG5000 is Gauß-Krüger zone 3,
EPSG:31467, metres). :func:`load_shapes` reads them through two named queries
(``map_outlines``, ``map_district_outlines``), so the map always shows what
the store holds: VG5000, a user's VG250, on Ladybug or Neo4j alike.

SVG units are kilometres east and south of the north-western corner of the
data, so paths are short and the browser needs nothing but the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..queries.cypher_files import run

if TYPE_CHECKING:
    from ..graph.store import GraphStore

__all__ = ["Shapes", "load_shapes", "map_view"]

_NUMBER_PAIR = re.compile(r"(-?[\d.]+),(-?[\d.]+)")


@dataclass
class Shapes:
    """Simplified outlines as SVG path data (units: km)."""

    width: float
    height: float
    municipalities: dict[str, str] = field(default_factory=dict)
    points: dict[str, tuple[float, float]] = field(default_factory=dict)
    boxes: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)
    districts: dict[str, str] = field(default_factory=dict)


def _coords(outline: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in _NUMBER_PAIR.findall(outline)]


def load_shapes(store: GraphStore) -> Shapes:
    """The map shapes held by ``store`` (empty when no boundaries were imported)."""
    munis = run(store, "map_outlines")
    kreise = run(store, "map_district_outlines")
    pts = [c for r in munis for c in _coords(r["outline"])]
    if not pts:
        return Shapes(width=0.0, height=0.0)
    xmin = min(x for x, _ in pts)
    xmax = max(x for x, _ in pts)
    ymin = min(y for _, y in pts)
    ymax = max(y for _, y in pts)
    # metres → km; a file in degrees is drawn at about 111 km per degree
    f = 1 / 1000.0 if max(xmax - xmin, ymax - ymin) > 1000 else 111.0

    def path(outline: str) -> str:
        return _NUMBER_PAIR.sub(
            lambda m: f"{(float(m.group(1)) - xmin) * f:.1f},{(ymax - float(m.group(2))) * f:.1f}",
            outline)

    out = Shapes(width=round((xmax - xmin) * f, 1), height=round((ymax - ymin) * f, 1))
    for r in munis:
        c = _coords(r["outline"])
        if not c:
            continue
        out.municipalities[r["ags"]] = path(r["outline"])
        if r["x"] is not None and r["y"] is not None:
            out.points[r["ags"]] = (round((r["x"] - xmin) * f, 1), round((ymax - r["y"]) * f, 1))
        xs, ys = [x for x, _ in c], [y for _, y in c]
        out.boxes[r["ags"]] = ((min(xs) - xmin) * f, (ymax - max(ys)) * f,
                               (max(xs) - xmin) * f, (ymax - min(ys)) * f)
    for r in kreise:
        out.districts[r["key"]] = path(r["outline"])
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
