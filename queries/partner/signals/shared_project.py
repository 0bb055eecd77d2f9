"""Shared project: both take part directly in the same project.

Value: Adamic–Adar on the municipality–project graph, the sum over shared
projects of 1 / ln(members of the project). A shared project is the strongest
evidence that two municipalities work together. For a project (``candidates``)
the sum runs over all members. A Kreis scores with the projects it takes part
in itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from ..index import Memberships, adamic_adar_weight
from ..text import project_name, quoted_list
from .base import Context, Reason, Signal, scatter


def add_shared(acc: dict[int, float], mb: Memberships, projects: Iterable[str],
               members: dict[str, Any], skip: str | None) -> None:
    """Add each project's Adamic–Adar weight (by all its members, direct and through a
    Kreis) to ``acc`` for every one of its ``members`` (``mb.direct`` or ``mb.via``)."""
    for p in projects:
        if p == skip:
            continue
        w = adamic_adar_weight(len(mb.direct[p]) + len(mb.via[p]))
        for c in members[p]:
            acc[c] += w


class SharedProject(Signal):
    weights = {"shared_project": 30.0}

    def compute(self, ctx: Context, X: np.ndarray) -> None:
        mb, skip = ctx.mb, ctx.q.skip_project
        acc: dict[int, float] = defaultdict(float)
        for a in ctx.q.anchors:
            add_shared(acc, mb, mb.of.get(a, ()), mb.direct, skip)
        scatter(X[:, ctx.column["shared_project"]], acc)

    def explain(self, ctx: Context, c: int, x: np.ndarray) -> Iterator[Reason]:
        shared = sorted({p for a in ctx.q.anchors for p in ctx.mb.of.get(a, ())
                         if p != ctx.q.skip_project and c in ctx.mb.direct[p]})
        listed = quoted_list([project_name(ctx.G, p) for p in shared])
        text = (f"Beide nehmen an {listed} teil" if ctx.single
                else f"Arbeitet schon mit Mitgliedern zusammen: {listed}")
        yield "shared_project", shared, ctx.contribution(x, "shared_project"), text

    def district(self, ctx: Context, k: int) -> Iterator[Reason]:
        mb = ctx.mb
        shared = [p for p in ctx.district_projects(k) if p in ctx.anchor_projects]
        if shared:
            v = sum(adamic_adar_weight(len(mb.direct[p]) + len(mb.via[p])) for p in shared)
            yield ("shared_project", shared, ctx.w["shared_project"] * v,
                   "Nimmt ebenfalls an "
                   f"{quoted_list([project_name(ctx.G, p) for p in shared])} teil")


SIGNAL = SharedProject()
