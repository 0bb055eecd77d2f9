"""Shared project through a Kreis or Gemeindeverband.

Value: Adamic–Adar as for :mod:`.shared_project`, over projects in which one
side takes part only through its Kreis or Verband: weaker evidence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import numpy as np

from ..text import node_name, project_name
from .base import Context, Reason, Signal, scatter
from .shared_project import add_shared

NAME = "shared_project_kreis"


class SharedProjectKreis(Signal):
    weights = {NAME: 0.1}

    def compute(self, ctx: Context, X: np.ndarray) -> None:
        mb, skip = ctx.mb, ctx.q.skip_project
        acc: dict[int, float] = defaultdict(float)
        for a in ctx.q.anchors:
            add_shared(acc, mb, mb.of.get(a, ()), mb.via, skip)
            add_shared(acc, mb, mb.of_via.get(a, ()), mb.direct, skip)
        scatter(X[:, ctx.column[NAME]], acc)

    def explain(self, ctx: Context, c: int, x: np.ndarray) -> Iterator[Reason]:
        mb, skip = ctx.mb, ctx.q.skip_project
        items = []
        for a in ctx.q.anchors:
            for p in mb.of.get(a, ()):
                if p != skip and c in mb.via[p]:
                    items.append((p, mb.via[p][c], None))
            for p in mb.of_via.get(a, ()):
                if p != skip and c in mb.direct[p]:
                    items.append((p, None, mb.of_via[a][p]))
        items = sorted(set(items), key=lambda t: t[0])
        p, gc, ga = items[0]
        gname = node_name(ctx.G, gc or ga)
        if gc:
            other = f"{ctx.who}{ctx.name(ctx.a0)}" if ctx.single and ctx.a0 is not None \
                else "ein Mitglied"
            text = f"Über {gname} an „{project_name(ctx.G, p)}“ beteiligt, wie {other}"
        else:
            text = f"Nimmt an „{project_name(ctx.G, p)}“ teil, an dem auch {gname} beteiligt ist"
        yield NAME, sorted({t[0] for t in items}), ctx.contribution(x, NAME), text


SIGNAL = SharedProjectKreis()
