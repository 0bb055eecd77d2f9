"""Same IT provider (SERVED_BY, directly or via the Kreis or Verband).

Value: the best product of both certainties (1 named, 1/2 derived; a provider
known only through the Kreis or Verband counts half).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ....graph.schema import DISTRICT, ORGANISATION, SERVED_BY
from ..index import certainty_factor
from ..text import node_name
from .base import Context, Reason, Signal, scatter

NAME = "it_provider"


class ItProvider(Signal):
    weights = {NAME: 1.0}

    def compute(self, ctx: Context, X: np.ndarray) -> None:
        st = ctx.st
        best: dict[str, float] = {}
        for a in ctx.q.anchors:
            for org, (fa, _) in st.providers[a].items():
                best[org] = max(best.get(org, 0.0), fa)
        it: dict[int, float] = {}
        for org, fa in best.items():
            for c, fc in st.provider_members.get(org, ()):
                if fa * fc > it.get(c, 0.0):
                    it[c] = fa * fc
        scatter(X[:, ctx.column[NAME]], it)

    def explain(self, ctx: Context, c: int, x: np.ndarray) -> Iterator[Reason]:
        st = ctx.st
        best = None
        for a in ctx.q.anchors:
            for org, (fa, ga) in st.providers[a].items():
                if org in st.providers[c]:
                    fc, gc = st.providers[c][org]
                    if best is None or fa * fc > best[0]:
                        best = (fa * fc, org, ga, gc)
        if best is None:
            return
        _, org, ga, gc = best
        note = []
        if gc is not None:
            note.append("über " + node_name(ctx.G, gc))
        elif st.providers[c][org][0] < 1:
            note.append("abgeleitet")
        yield (NAME, org, ctx.contribution(x, NAME),
               f"Gleicher IT-Dienstleister: {node_name(ctx.G, (ORGANISATION, org))}"
               + (f" ({', '.join(note)})" if note else ""))

    def district(self, ctx: Context, k: int) -> Iterator[Reason]:
        st = ctx.st
        anchor_org = {org: f for a in ctx.q.anchors for org, (f, _) in st.providers[a].items()}
        node = (DISTRICT, st.districts[k])
        for org, e in ctx.G[node].items():
            if e.get("kind") == SERVED_BY and org[1] in anchor_org:
                f = anchor_org[org[1]] * certainty_factor(e.get("certainty"))
                yield (NAME, org[1], ctx.w[NAME] * f,
                       f"Gleicher IT-Dienstleister: {node_name(ctx.G, org)}")
                return


SIGNAL = ItProvider()
