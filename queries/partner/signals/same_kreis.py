"""Same Kreis as the asker (for a project: as a member). 0/1.

A Kreis as candidate scores this when it is the asker's own Kreis, together
with the border weight (the asker lies inside it).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ..text import district_name
from .base import Context, Reason, Signal

NAME = "same_kreis"


class SameKreis(Signal):
    weights = {NAME: 1.0}

    def compute(self, ctx: Context, X: np.ndarray) -> None:
        if ctx.q.anchors:
            A = np.array(ctx.q.anchors, dtype=int)
            X[:, ctx.column[NAME]] = np.isin(ctx.st.district, ctx.st.district[A])

    def explain(self, ctx: Context, c: int, x: np.ndarray) -> Iterator[Reason]:
        dk = ctx.st.districts[ctx.st.district[c]]
        yield NAME, dk, ctx.contribution(x, NAME), f"Gleicher Kreis: {district_name(ctx.G, dk)}"

    def district(self, ctx: Context, k: int) -> Iterator[Reason]:
        if k in {int(ctx.st.district[a]) for a in ctx.q.anchors}:
            yield (NAME, ctx.st.districts[k], ctx.w[NAME] + ctx.w["border"],
                   "Eigener Kreis" if ctx.single else "Kreis eines Mitglieds")


SIGNAL = SameKreis()
