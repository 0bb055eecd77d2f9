"""Partner of a partner: a project partner of the asker works with the candidate.

Value: resource allocation on the municipality projection, the sum over
common project partners b of 1 / partners(b).
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ..index import partner_paths
from ..text import plain_list
from .base import Context, Reason, Signal, scatter

NAME = "partner_of_partner"


class PartnerOfPartner(Signal):
    weights = {NAME: 30.0}

    def compute(self, ctx: Context, X: np.ndarray) -> None:
        mb = ctx.mb
        scatter(X[:, ctx.column[NAME]],
                {c: sum(1.0 / len(mb.partners[b]) for b in bs)
                 for c, bs in partner_paths(mb, ctx.q).items()})

    def explain(self, ctx: Context, c: int, x: np.ndarray) -> Iterator[Reason]:
        via = sorted(set(partner_paths(ctx.mb, ctx.q).get(c, ())))
        yield (NAME, [ctx.st.ags[b] for b in via], ctx.contribution(x, NAME),
               "Gemeinsame Projektpartner: " + plain_list([ctx.name(b) for b in via]))


SIGNAL = PartnerOfPartner()
