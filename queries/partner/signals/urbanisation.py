"""Same Verstädterung class (DEGURBA). 0/1 (for a project: the share of members)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ....graph.schema import MUNICIPALITY
from .base import Context, Reason, Signal

NAME = "urbanisation"


class Urbanisation(Signal):
    weights = {NAME: 0.1}

    def compute(self, ctx: Context, X: np.ndarray) -> None:
        st = ctx.st
        if not ctx.q.anchors:
            return
        ua = st.urban[np.array(ctx.q.anchors, dtype=int)]
        ua = ua[ua >= 0]
        if len(ua):
            share = np.bincount(ua, minlength=int(st.urban.max()) + 1) / len(ua)
            ok = st.urban >= 0
            X[ok, ctx.column[NAME]] = share[st.urban[ok]]

    def explain(self, ctx: Context, c: int, x: np.ndarray) -> Iterator[Reason]:
        u = ctx.G.nodes[(MUNICIPALITY, ctx.st.ags[c])].get("urbanisation") or ""
        yield (NAME, u, ctx.contribution(x, NAME),
               f"Gleicher Verstädterungsgrad: {u}" if u else "Gleicher Verstädterungsgrad")


SIGNAL = Urbanisation()
