"""ÖFIT/KGSt municipality type (HAS_TYPE): the same type is good for joint
projects (``type_same``), a different one is someone to learn from
(``type_complementary``). 0/1 each, only when both types are known.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ....graph.schema import MUNICIPALITY_TYPE
from ..text import node_name
from .base import Context, Reason, Signal

SAME, OTHER = "type_same", "type_complementary"


class MunicipalityType(Signal):
    weights = {SAME: 0.3, OTHER: 0.1}

    def compute(self, ctx: Context, X: np.ndarray) -> None:
        st = ctx.st
        if not ctx.q.anchors:
            return
        ta = st.mtype[np.array(ctx.q.anchors, dtype=int)]
        ta = ta[ta >= 0]
        if len(ta):
            has = st.mtype >= 0
            same = np.isin(st.mtype, ta)
            X[:, ctx.column[SAME]] = has & same
            X[:, ctx.column[OTHER]] = has & ~same

    def explain(self, ctx: Context, c: int, x: np.ndarray) -> Iterator[Reason]:
        if ctx.value(x, SAME) <= 0 and ctx.value(x, OTHER) <= 0:
            return
        t = ctx.st.types[ctx.st.mtype[c]]
        tname = node_name(ctx.G, (MUNICIPALITY_TYPE, t))
        if ctx.value(x, SAME) > 0:
            yield SAME, t, ctx.contribution(x, SAME), f"Gleicher Kommunentyp (ÖFIT/KGSt): {tname}"
        else:
            yield (OTHER, t, ctx.contribution(x, OTHER),
                   f"Anderer Kommunentyp (ÖFIT/KGSt): {tname}, gut zum Voneinander-Lernen")


SIGNAL = MunicipalityType()
