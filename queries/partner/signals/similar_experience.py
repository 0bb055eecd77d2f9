"""Similar experience: the candidate runs a project close to the topic. 0/1.

Close means: in the same programme or of the same kind as the requested
project, or in the Themenfeld of the requested OZG service.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ....graph.schema import PROGRAMME, SERVICE_AREA
from ..text import KIND_DE, node_name, project_name
from .base import Context, Reason, Signal

NAME = "similar_experience"


class SimilarExperience(Signal):
    weights = {NAME: 0.1}

    def compute(self, ctx: Context, X: np.ndarray) -> None:
        col = ctx.column[NAME]
        for p in ctx.q.similar_projects:
            for c in ctx.mb.direct.get(p, {}):
                X[c, col] = 1.0

    def explain(self, ctx: Context, c: int, x: np.ndarray) -> Iterator[Reason]:
        G = ctx.G
        ps = sorted(p for p in ctx.q.similar_projects if c in ctx.mb.direct.get(p, {}))
        p = ps[0]
        why, val = ctx.q.similar_projects[p].split(":", 1)
        if why == "programme":
            text = (f"Nimmt ebenfalls am Programm {node_name(G, (PROGRAMME, val))} teil: "
                    f"„{project_name(G, p)}“")
        elif why == "kind":
            text = f"Betreibt bereits {KIND_DE.get(val, (val, val))[1]}: „{project_name(G, p)}“"
        else:
            text = (f"Hat ein Projekt im selben Themenfeld ({node_name(G, (SERVICE_AREA, val))}):"
                    f" „{project_name(G, p)}“")
        yield NAME, ps, ctx.contribution(x, NAME), text


SIGNAL = SimilarExperience()
