"""Shared programme: both take part in one Förderprogramm through different projects.

Value: Adamic–Adar over programmes, the sum of 1 / ln(municipalities in the
programme). Independent winners of one competition share only this.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import numpy as np

from ....graph.schema import PROGRAMME
from ..index import adamic_adar_weight
from ..text import node_name, plain_list
from .base import Context, Reason, Signal, scatter

NAME = "shared_programme"


class SharedProgramme(Signal):
    weights = {NAME: 0.1}

    def compute(self, ctx: Context, X: np.ndarray) -> None:
        st, mb, skip = ctx.st, ctx.mb, ctx.q.skip_project
        acc: dict[int, float] = defaultdict(float)
        for a in ctx.q.anchors:
            mine = set(mb.of.get(a, ())) | {skip}
            progs = {g for p in mine if p != skip for g in st.programmes_of.get(p, ())}
            for g in progs:
                members = mb.programme.get(g, {})
                w = adamic_adar_weight(len(members))
                for c, ps in members.items():
                    if not ps <= mine:
                        acc[c] += w
        scatter(X[:, ctx.column[NAME]], acc)

    def explain(self, ctx: Context, c: int, x: np.ndarray) -> Iterator[Reason]:
        st, mb, skip = ctx.st, ctx.mb, ctx.q.skip_project
        progs = set()
        for a in ctx.q.anchors:
            mine = set(mb.of.get(a, ())) - {skip}
            for p in mine:
                for g in st.programmes_of.get(p, ()):
                    if mb.programme.get(g, {}).get(c, set()) - mine - {skip}:
                        progs.add(g)
        names = plain_list([node_name(ctx.G, (PROGRAMME, g)) for g in sorted(progs)])
        text = (f"Beide nehmen am Programm {names} teil" if ctx.single
                else f"Wie Mitglieder im Programm {names}")
        yield NAME, sorted(progs), ctx.contribution(x, NAME), text

    def district(self, ctx: Context, k: int) -> Iterator[Reason]:
        st, mb = ctx.st, ctx.mb
        progs = sorted({g for p in ctx.district_projects(k) if p not in ctx.anchor_projects
                        for g in st.programmes_of.get(p, ())} & ctx.anchor_programmes)
        if progs:
            v = sum(adamic_adar_weight(len(mb.programme.get(g, {})) + 1) for g in progs)
            names = [node_name(ctx.G, (PROGRAMME, g)) for g in progs]
            yield NAME, progs, ctx.w[NAME] * v, "Im selben Programm: " + plain_list(names)


SIGNAL = SharedProgramme()
