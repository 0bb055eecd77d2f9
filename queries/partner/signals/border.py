"""Border: the candidate shares a border (NEIGHBOUR_OF) with the asker.

Value: log2(1 + number of bordering anchors) (for a project: its members).
Areas that meet in a corner only are named as such (decision 8).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ..text import plain_list
from .base import Context, Reason, Signal

NAME = "border"


class Border(Signal):
    weights = {NAME: 0.3}

    def compute(self, ctx: Context, X: np.ndarray) -> None:
        if not ctx.q.anchors:
            return
        cnt = np.zeros(len(ctx.st.ags))
        for a in ctx.q.anchors:
            for c in ctx.st.neighbours[a]:
                cnt[c] += 1
        X[:, ctx.column[NAME]] = np.log2(1 + cnt)

    def explain(self, ctx: Context, c: int, x: np.ndarray) -> Iterator[Reason]:
        st = ctx.st
        nb = [a for a in ctx.q.anchors if c in st.neighbours[a]]
        line = [a for a in nb if (a, c) not in st.corners]
        point = [a for a in nb if (a, c) in st.corners]

        def whom(xs: list[int]) -> str:
            return ((ctx.who if len(xs) == 1 else "die Mitglieder " if ctx.for_project else "")
                    + plain_list([ctx.name(a) for a in xs]))

        parts = ["Grenzt an " + whom(line)] if line else []
        if point:
            parts.append(("berührt " if parts else "Berührt ") + whom(point) + " an einer Ecke")
        yield NAME, [st.ags[a] for a in nb], ctx.contribution(x, NAME), "; ".join(parts)


SIGNAL = Border()
