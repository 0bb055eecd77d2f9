"""Similar projects: both run projects of the same kind (Stadt-App, E-Akte, ...).

Value: the sum over shared kinds of 1 / ln(1 + municipalities running that
kind): rarer kinds count more.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator

import numpy as np

from ..text import KIND_DE, plain_list
from .base import Context, Reason, Signal, scatter

NAME = "similar_project"


class SimilarProject(Signal):
    weights = {NAME: 0.3}

    def compute(self, ctx: Context, X: np.ndarray) -> None:
        st, mb, skip = ctx.st, ctx.mb, ctx.q.skip_project
        acc: dict[int, float] = defaultdict(float)
        for a in ctx.q.anchors:
            kinds = {st.kind_of.get(p) or "other" for p in mb.of.get(a, ()) if p != skip}
            for k in kinds:
                members = mb.kind.get(k, set())
                w = 1.0 / math.log(1 + len(members))
                for c in members:
                    acc[c] += w
        scatter(X[:, ctx.column[NAME]], acc)

    def explain(self, ctx: Context, c: int, x: np.ndarray) -> Iterator[Reason]:
        st, mb, skip = ctx.st, ctx.mb, ctx.q.skip_project
        kinds = sorted({st.kind_of.get(p) or "other" for a in ctx.q.anchors
                        for p in mb.of.get(a, ()) if p != skip}
                       & {st.kind_of.get(p) or "other" for p in mb.of.get(c, ())})
        names = plain_list([KIND_DE.get(k, (k, k))[0] for k in kinds])
        text = ("Ähnliche Projekte: beide haben " + names if ctx.single
                else "Hat Projekte derselben Art wie Mitglieder: " + names)
        yield NAME, kinds, ctx.contribution(x, NAME), text


SIGNAL = SimilarProject()
