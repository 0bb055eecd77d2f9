"""Same IT provider (SERVED_BY, directly or via the Kreis or Verband).

Value: the best, over shared providers, of the product of both certainties
(1 named, 1/2 derived; a provider known only through the Kreis or Verband
counts half) times the provider's rarity ln(10) / ln(max(10, members)): a
provider of up to 10 municipalities counts fully, one of 66 (Südwestfalen-IT)
about 0.55, a Land-wide one of 1,104 (ITV.SH) 0.33, so that it does not
outweigh everything else in its Land.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np

from ....graph.schema import DISTRICT, ORGANISATION, SERVED_BY
from ...german import de_int
from ..index import certainty_factor
from ..text import node_name
from .base import Context, Reason, Signal, scatter

NAME = "it_provider"


def rarity(members: int) -> float:
    """ln(10) / ln(max(10, members)).

    >>> rarity(3), round(rarity(66), 2), round(rarity(1104), 2)
    (1.0, 0.55, 0.33)
    """
    return math.log(10) / math.log(max(10, members))


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
            members = st.provider_members.get(org, ())
            r = rarity(len(members))
            for c, fc in members:
                if fa * fc * r > it.get(c, 0.0):
                    it[c] = fa * fc * r
        scatter(X[:, ctx.column[NAME]], it)

    def explain(self, ctx: Context, c: int, x: np.ndarray) -> Iterator[Reason]:
        st = ctx.st
        best = None
        for a in ctx.q.anchors:
            for org, (fa, ga) in st.providers[a].items():
                if org in st.providers[c]:
                    fc, gc = st.providers[c][org]
                    v = fa * fc * rarity(len(st.provider_members.get(org, ())))
                    if best is None or v > best[0]:
                        best = (v, org, ga, gc)
        if best is None:
            return
        _, org, ga, gc = best
        note = []
        if gc is not None:
            note.append("über " + node_name(ctx.G, gc))
        elif st.providers[c][org][0] < 1:
            note.append("abgeleitet")
        n = len(st.provider_members.get(org, ()))
        if n > 10:
            note.append(f"betreut {de_int(n)} Kommunen")
        yield (NAME, org, ctx.contribution(x, NAME),
               f"Gleicher IT-Dienstleister: {node_name(ctx.G, (ORGANISATION, org))}"
               + (f" ({', '.join(note)})" if note else ""))

    def district(self, ctx: Context, k: int) -> Iterator[Reason]:
        st = ctx.st
        anchor_org = {org: f for a in ctx.q.anchors for org, (f, _) in st.providers[a].items()}
        node = (DISTRICT, st.districts[k])
        for org, e in ctx.G[node].items():
            if e.get("kind") == SERVED_BY and org[1] in anchor_org:
                f = (anchor_org[org[1]] * certainty_factor(e.get("certainty"))
                     * rarity(len(st.provider_members.get(org[1], ()))))
                yield (NAME, org[1], ctx.w[NAME] * f,
                       f"Gleicher IT-Dienstleister: {node_name(ctx.G, org)}")
                return


SIGNAL = ItProvider()
