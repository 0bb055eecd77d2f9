"""Experience: the candidate itself already runs the requested topic.

The topic is a project, a project kind, an OZG service or a Themenfeld.
Value: the certainty of the membership (1 named, 1/2 uncertain or announced).
A Kreis that takes part in a topic project itself gets the full weight.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ....graph.schema import OZG_SERVICE, SERVICE_AREA
from ..text import KIND_DE, node_name, project_name, year_of
from .base import Context, Reason, Signal

NAME = "experience"


class Experience(Signal):
    weights = {NAME: 100.0}

    def compute(self, ctx: Context, X: np.ndarray) -> None:
        col = ctx.column[NAME]
        for p in ctx.q.topic_projects:
            for c, f in ctx.mb.direct.get(p, {}).items():
                X[c, col] = max(X[c, col], f)

    def explain(self, ctx: Context, c: int, x: np.ndarray) -> Iterator[Reason]:
        G, mb = ctx.G, ctx.mb
        ps = sorted(p for p in ctx.q.topic_projects if c in mb.direct.get(p, {}))
        p = ps[0]
        year = year_of(mb.as_of.get((c, p)))
        since = f" (seit {year})" if year else ""
        what, value = ctx.q.topic or ("project", p)
        if what == "project":
            text = f"Nimmt bereits an „{project_name(G, p)}“ teil{since}"
        elif what == "kind":
            article = KIND_DE.get(value, (value, value))[1]
            text = f"Betreibt bereits {article}{since}: „{project_name(G, p)}“"
        elif what == "ozg":
            oname = node_name(G, (OZG_SERVICE, value))
            text = f"Setzt die OZG-Leistung {oname} bereits um{since}: „{project_name(G, p)}“"
        else:
            aname = node_name(G, (SERVICE_AREA, value))
            text = f"Hat bereits ein Projekt im Themenfeld {aname}{since}: „{project_name(G, p)}“"
        yield NAME, ps, ctx.contribution(x, NAME), text

    def district(self, ctx: Context, k: int) -> Iterator[Reason]:
        exp = [p for p in ctx.district_projects(k) if p in ctx.q.topic_projects]
        if exp:
            yield (NAME, exp, ctx.w[NAME],
                   f"Nimmt bereits an „{project_name(ctx.G, exp[0])}“ teil")


SIGNAL = Experience()
