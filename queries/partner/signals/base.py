"""What a partner signal is: a column of the feature matrix with its weight,
its German explanation and, where it applies, its value for a Kreis.

A signal module defines one :class:`Signal` subclass and an instance ``SIGNAL``:

* ``weights`` – its column(s) with their default weight (usually one; the
  distance has two decay lengths, the ÖFIT/KGSt type two sides);
* ``compute(ctx, X)`` – fills its column(s) of ``X`` (municipalities × signals);
* ``explain(ctx, c, x)`` – German reasons for candidate ``c`` with feature row ``x``;
* ``district(ctx, k)`` – reasons with contributions for Kreis ``k`` (the Kreis
  scorer adds them up; signals that say nothing about a Kreis return nothing).

A reason is ``(signal, value, contribution, text_de)``; the ranking keeps those
with a positive contribution. :class:`Context` carries what one ranking is about
and caches what several signals need.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar

import numpy as np

from ....graph.schema import DISTRICT, PARTICIPATES_IN, PROJECT
from ...geo import distances_km
from ..index import Memberships, Query, StaticIndex, anchor_points
from ..text import municipality_name

__all__ = ["Context", "Reason", "Signal", "scatter"]

Reason = tuple[str, Any, float, str]


@dataclass
class Context:
    """One ranking: index, memberships, query, weights and who is asking."""

    st: StaticIndex
    mb: Memberships
    q: Query
    wt: Any  # Weights
    for_project: bool = False
    column: dict[str, int] = field(default_factory=dict)

    @cached_property
    def w(self) -> dict[str, float]:
        return dict(self.wt.signal_weights())

    @property
    def G(self) -> Any:
        return self.st.G

    @property
    def single(self) -> bool:
        return len(self.q.anchors) == 1

    @property
    def a0(self) -> int | None:
        return self.q.anchors[0] if self.q.anchors else None

    @property
    def who(self) -> str:
        return "Mitglied " if self.for_project else ""

    def name(self, i: int) -> str:
        return municipality_name(self.G, self.st.ags[i])

    def value(self, x: np.ndarray, signal: str) -> float:
        return float(x[self.column[signal]])

    def contribution(self, x: np.ndarray, signal: str) -> float:
        return self.w[signal] * float(x[self.column[signal]])

    # -- shared by the Kreis scorer --------------------------------------------------

    @cached_property
    def anchor_projects(self) -> set[str]:
        q, mb = self.q, self.mb
        return {p for a in q.anchors for p in mb.of.get(a, ()) if p != q.skip_project}

    @cached_property
    def anchor_programmes(self) -> set[str]:
        return {g for p in self.anchor_projects for g in self.st.programmes_of.get(p, ())}

    @cached_property
    def district_distances(self) -> np.ndarray:
        return distances_km(anchor_points(self.st, self.q), self.st.dlat, self.st.dlon)

    @cached_property
    def anchor_states(self) -> set[str]:
        st = self.st
        return ({st.states[st.state[a]] for a in self.q.anchors}
                | {g[1][:2] for g in self.q.groups})

    _own: dict[int, list[str]] = field(default_factory=dict)

    def district_projects(self, k: int) -> list[str]:
        """Projects Kreis ``k`` takes part in itself."""
        if k not in self._own:
            node = (DISTRICT, self.st.districts[k])
            groups = self.mb.groups
            self._own[k] = sorted(
                v[1] for v, e in self.G[node].items()
                if v[0] == PROJECT and e.get("kind") == PARTICIPATES_IN
                and node in groups.get(v[1], []))
        return self._own[k]


def scatter(col: np.ndarray, acc: dict[int, float]) -> None:
    """Add accumulated values to a feature column in one numpy operation."""
    if acc:
        col[np.fromiter(acc.keys(), dtype=int, count=len(acc))] += np.fromiter(
            acc.values(), dtype=float, count=len(acc))


class Signal:
    """Base class of a partner signal (see the module docstring)."""

    #: column name → default weight
    weights: ClassVar[dict[str, float]] = {}
    #: shape parameters (not searched) → default value
    params: ClassVar[dict[str, float]] = {}

    def compute(self, ctx: Context, X: np.ndarray) -> None:
        raise NotImplementedError

    def explain(self, ctx: Context, c: int, x: np.ndarray) -> Iterable[Reason]:
        raise NotImplementedError

    def district(self, ctx: Context, k: int) -> Iterator[Reason]:
        return iter(())
