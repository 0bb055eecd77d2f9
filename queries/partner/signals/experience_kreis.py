"""Experience through the candidate's Kreis or Verband: it takes part in the topic. 0/1."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ..text import node_name, project_name
from .base import Context, Reason, Signal

NAME = "experience_kreis"


class ExperienceKreis(Signal):
    weights = {NAME: 0.1}

    def compute(self, ctx: Context, X: np.ndarray) -> None:
        col = ctx.column[NAME]
        for p in ctx.q.topic_projects:
            for c in ctx.mb.via.get(p, {}):
                X[c, col] = 1.0

    def explain(self, ctx: Context, c: int, x: np.ndarray) -> Iterator[Reason]:
        mb = ctx.mb
        ps = sorted(p for p in ctx.q.topic_projects if c in mb.via.get(p, {}))
        gname = node_name(ctx.G, mb.via[ps[0]][c])
        yield (NAME, ps, ctx.contribution(x, NAME),
               f"{gname} nimmt bereits an „{project_name(ctx.G, ps[0])}“ teil")


SIGNAL = ExperienceKreis()
