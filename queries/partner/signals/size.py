"""Similar size: exp(-|ln(population ratio)|), 1 for equal population.

For a project the reference is the median population of its members.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np

from ...german import de_int
from .base import Context, Reason, Signal

NAME = "size"


class Size(Signal):
    weights = {NAME: 0.3}

    def compute(self, ctx: Context, X: np.ndarray) -> None:
        st = ctx.st
        if not ctx.q.anchors:
            return
        lp = st.logpop[np.array(ctx.q.anchors, dtype=int)]
        lp = lp[~np.isnan(lp)]
        if len(lp):
            ref = float(np.median(lp))
            ok = ~np.isnan(st.logpop)
            X[ok, ctx.column[NAME]] = np.exp(-np.abs(st.logpop[ok] - ref))

    def explain(self, ctx: Context, c: int, x: np.ndarray) -> Iterator[Reason]:
        st, q = ctx.st, ctx.q
        if not q.anchors:
            return
        pc = math.exp(float(st.logpop[c]))
        if ctx.single:
            pa = math.exp(float(st.logpop[ctx.a0]))
            text = f"Ähnliche Größe ({de_int(pc)} vs. {de_int(pa)} Einwohner)"
        else:
            lp = st.logpop[q.anchors]
            ref = math.exp(float(np.median(lp[~np.isnan(lp)])))
            text = (f"Ähnliche Größe wie die Mitglieder ({de_int(pc)} Einwohner, "
                    f"Median der Mitglieder {de_int(ref)})")
        if ctx.value(x, NAME) < 0.5:  # population ratio above 2: name the sizes, not "ähnlich"
            text = (f"Größe: {de_int(pc)} vs. {de_int(math.exp(float(st.logpop[ctx.a0])))}"
                    " Einwohner" if ctx.single else f"Größe: {de_int(pc)} Einwohner")
        yield NAME, round(ctx.value(x, NAME), 3), ctx.contribution(x, NAME), text


SIGNAL = Size()
