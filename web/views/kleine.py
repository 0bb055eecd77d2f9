"""Under-connected small towns: a map, a ranked table, groups by shared bridge, CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

from flask import Blueprint, Response, jsonify, render_template

from ...queries.analytics.underconnected import group_by_bridge, underconnected
from ...queries.german import de_num
from .. import helpers as h
from ..maps import load_shapes, map_view

bp = Blueprint("kleine", __name__)

#: Characters that make a spreadsheet read a cell as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _query() -> dict[str, Any]:
    land, kreis = h.land_kreis_args()
    return {"land": land, "kreis": kreis,
            "max_population": h.int_arg("max_einwohner", 20000, lo=100, hi=1_000_000),
            "limit": h.int_arg("limit", 50, lo=1, hi=500)}


def _underconnected(q: dict[str, Any]) -> dict[str, Any]:
    holder = h.holder()
    key = ("underconnected", tuple(sorted(q.items())))
    return holder.memo(key, lambda: underconnected(holder.get(), **q))  # type: ignore[no-any-return]


def _args(q: dict[str, Any]) -> dict[str, Any]:
    """The request's filters as URL parameters (for the CSV link)."""
    args = {"land": q["land"], "kreis": q["kreis"], "max_einwohner": q["max_population"],
            "limit": q["limit"]}
    return {k: v for k, v in args.items() if v is not None}


@bp.get("/kleine-kommunen")
@h.cached_page
def page():  # type: ignore[no-untyped-def]
    q = _query()
    result = _underconnected(q)
    holder = h.holder()
    shapes = holder.memo("map_shapes", lambda: load_shapes(holder.get()))
    marks = [{"ags": r["ags"], "name": r["name"], "population": r.get("population")}
             for r in result["results"]]
    svg = map_view(shapes, marks, land=q["land"], kreis=q["kreis"])
    return render_template("kleine.html", q=q, result=result, svg=svg, options=h.filter_options(),
                           groups=group_by_bridge(result["results"]), args=_args(q))


@bp.get("/api/kleine-kommunen")
@h.cached_page
def api():  # type: ignore[no-untyped-def]
    result = _underconnected(_query())
    return jsonify({**result, "groups": group_by_bridge(result["results"])})


def safe_cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet runs as a formula.

    Text starting with ``= + - @``, a tab or a carriage return gets a leading
    apostrophe (OWASP's advice against CSV injection); numbers stay numbers.

    >>> safe_cell("=1+2"), safe_cell("@SUM(A1)"), safe_cell("Witten"), safe_cell(3)
    ("'=1+2", "'@SUM(A1)", 'Witten', 3)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


CSV_COLUMNS = ("Rang", "AGS", "Kommune", "Einwohner", "Kreis", "Land", "Rangwert",
               "Abgeschnittenheit", "Nächste aktive Kommune (km)", "Warum abseits",
               "Vorgeschlagene Brücke", "Brücke: AGS oder Schlüssel", "Brücke: Begründung")


@bp.get("/kleine-kommunen.csv")
def csv_download():  # type: ignore[no-untyped-def]
    """The ranked list as CSV for a spreadsheet (semicolons, decimal commas, UTF-8 with BOM)."""
    q = _query()
    result = _underconnected(q)
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for i, r in enumerate(result["results"], start=1):
        b = r.get("bridge") or {}
        dist = (r.get("signals") or {}).get("distance_km")
        writer.writerow([safe_cell(c) for c in (
            i, r["ags"], r["name"], r.get("population"), r.get("district"), r.get("state"),
            de_num(r["score"], 4), de_num(r["isolation"], 4),
            de_num(dist, 1) if dist is not None else "",
            " ".join(r.get("reasons_de") or []), b.get("name", ""),
            b.get("ags") or b.get("key") or "", b.get("text_de", ""))])
    name = "kleine-kommunen" + "".join(f"-{v}" for v in (q["land"], q["kreis"]) if v) + ".csv"
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
