"""Distance: nearness of the centres, in two decay lengths.

Values: exp(-d / 15 km) (``distance_near``) and exp(-d / 75 km)
(``distance_far``), d = km between the centres (to the nearest member or
member-Kreis centre for a project; from the Kreis centre for a Kreis).
Explained together as one reason, "12 km entfernt".
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np

from ....graph.schema import MUNICIPALITY
from ...geo import haversine_from
from ..index import anchor_points, query_distances
from ..text import fmt_km, node_name
from .base import Context, Reason, Signal

NEAR, FAR = "distance_near", "distance_far"


class Distance(Signal):
    weights = {NEAR: 1.0, FAR: 0.1}
    params = {"distance_near_km": 15.0, "distance_far_km": 75.0}

    def compute(self, ctx: Context, X: np.ndarray) -> None:
        q, wt = ctx.q, ctx.wt
        if q.anchors or q.groups:
            d = query_distances(ctx.st, q)
            known = ~np.isnan(d)
            X[known, ctx.column[NEAR]] = np.exp(-d[known] / wt.distance_near_km)
            X[known, ctx.column[FAR]] = np.exp(-d[known] / wt.distance_far_km)

    def explain(self, ctx: Context, c: int, x: np.ndarray) -> Iterator[Reason]:
        contribution = ctx.contribution(x, NEAR) + ctx.contribution(x, FAR)
        if contribution <= 0:
            return
        st = ctx.st
        pts = anchor_points(st, ctx.q)
        ds = haversine_from(float(st.lat[c]), float(st.lon[c]), np.array([p[0] for p in pts]),
                            np.array([p[1] for p in pts]))
        k = int(np.argmin(ds))
        d, near = round(float(ds[k]), 1), pts[k][2]  # as in distance_km
        nname = node_name(ctx.G, near)
        where = (f" (vom nächsten Mitglied {nname})" if near[0] == MUNICIPALITY
                 else f" (von der Mitte des Mitglieds {nname})")
        yield ("distance", round(d, 1), contribution,
               f"{fmt_km(d)} entfernt" + (where if ctx.for_project else ""))

    def district(self, ctx: Context, k: int) -> Iterator[Reason]:
        d = ctx.district_distances[k]
        if not np.isnan(d):
            w, wt = ctx.w, ctx.wt
            c = (w[NEAR] * math.exp(-d / wt.distance_near_km)
                 + w[FAR] * math.exp(-d / wt.distance_far_km))
            yield ("distance", round(float(d), 1), c,
                   f"{fmt_km(round(float(d), 1))} entfernt (Kreismitte)")


SIGNAL = Distance()
