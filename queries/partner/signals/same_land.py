"""Same Land as the asker (for a project: as a member or member Kreis). 0/1."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from ..text import state_name
from .base import Context, Reason, Signal

NAME = "same_land"


class SameLand(Signal):
    weights = {NAME: 0.3}

    def compute(self, ctx: Context, X: np.ndarray) -> None:
        st = ctx.st
        X[:, ctx.column[NAME]] = np.isin(
            st.state, [st.states.index(k) for k in ctx.anchor_states if k in st.states])

    def explain(self, ctx: Context, c: int, x: np.ndarray) -> Iterator[Reason]:
        sk = ctx.st.states[ctx.st.state[c]]
        yield NAME, sk, ctx.contribution(x, NAME), f"Im selben Land: {state_name(ctx.G, sk)}"

    def district(self, ctx: Context, k: int) -> Iterator[Reason]:
        key = ctx.st.districts[k][:2]
        if key in ctx.anchor_states:
            yield NAME, key, ctx.w[NAME], f"Im selben Land: {state_name(ctx.G, key)}"


SIGNAL = SameLand()
