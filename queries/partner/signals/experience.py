"""Experience: the candidate itself already runs the requested topic.

The topic is a project, a project kind, an OZG service or a Themenfeld. A
project of a related kind (:mod:`..kinds`, e.g. a Dorf-App for a Stadt-App)
counts with the kinds' similarity. Experience is worth most nearby: the value
is decayed by the distance, so that a near town with a related product can
rank above far ones with the same product, while a far operator still ranks
above towns without any experience::

    value = max over topic projects (similarity × certainty) × exp(-d / experience_km)

(certainty 1 named, 1/2 uncertain or announced; d = km to the asker or the
nearest member; an unknown distance counts as 1/2). A Kreis that takes part
in a topic project itself gets the weight, decayed by the distance of its centre.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np

from ....graph.schema import OZG_SERVICE, SERVICE_AREA
from ..index import query_distances
from ..kinds import similarity
from ..text import KIND_DE, node_name, project_name, year_of
from .base import Context, Reason, Signal

NAME = "experience"


def topic_similarity(ctx: Context, p: str) -> float:
    """How much project ``p`` counts as experience with the topic (1 or a kind's similarity)."""
    if ctx.q.topic and ctx.q.topic[0] == "kind":
        return similarity(ctx.st.kind_of.get(p), ctx.q.topic[1])
    return 1.0


def decay(ctx: Context, d: float | np.ndarray) -> float | np.ndarray:
    """exp(-d / experience_km); 1/2 where the distance is unknown."""
    with np.errstate(invalid="ignore"):
        out = np.exp(-np.asarray(d, dtype=float) / ctx.wt.experience_km)
    return np.where(np.isnan(out), 0.5, out)


class Experience(Signal):
    weights = {NAME: 100.0}
    params = {"experience_km": 300.0}

    def compute(self, ctx: Context, X: np.ndarray) -> None:
        col = ctx.column[NAME]
        for p in ctx.q.topic_projects:
            s = topic_similarity(ctx, p)
            for c, f in ctx.mb.direct.get(p, {}).items():
                X[c, col] = max(X[c, col], s * f)
        if ctx.q.anchors or ctx.q.groups:
            X[:, col] *= decay(ctx, query_distances(ctx.st, ctx.q))

    def _best(self, ctx: Context, c: int) -> tuple[str, float]:
        mb = ctx.mb
        ps = sorted(p for p in ctx.q.topic_projects if c in mb.direct.get(p, {}))
        return max(((p, topic_similarity(ctx, p) * mb.direct[p][c]) for p in ps),
                   key=lambda t: t[1])

    def explain(self, ctx: Context, c: int, x: np.ndarray) -> Iterator[Reason]:
        G, mb = ctx.G, ctx.mb
        ps = sorted(p for p in ctx.q.topic_projects if c in mb.direct.get(p, {}))
        p, _ = self._best(ctx, c)
        year = year_of(mb.as_of.get((c, p)))
        since = f" (seit {year})" if year else ""
        what, value = ctx.q.topic or ("project", p)
        if what == "project":
            text = f"Nimmt bereits an „{project_name(G, p)}“ teil{since}"
        elif what == "kind":
            own = ctx.st.kind_of.get(p) or value
            if own == value:
                text = f"Betreibt bereits {KIND_DE.get(value, (value, value))[1]}{since}: "
            else:
                when = f" seit {year}" if year else ""
                text = (f"Betreibt{when} {KIND_DE.get(own, (own, own))[1]} (verwandt mit "
                        f"{KIND_DE.get(value, (value, value))[0]}): ")
            text += f"„{project_name(G, p)}“"
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
            s = max(topic_similarity(ctx, p) for p in exp)
            d = float(ctx.district_distances[k])
            f = 0.5 if math.isnan(d) else math.exp(-d / ctx.wt.experience_km)
            yield (NAME, exp, ctx.w[NAME] * s * f,
                   f"Nimmt bereits an „{project_name(ctx.G, exp[0])}“ teil")


SIGNAL = Experience()
