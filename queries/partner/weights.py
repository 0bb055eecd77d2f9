"""The weights of the partner finder.

A partner's score is a weighted sum of signals (:mod:`.signals`)::

    score(candidate) = sum(weight[signal] * value[signal](candidate))

Each signal module holds its default weight; :class:`Weights` collects them
(and the shape parameters, e.g. the decay lengths of the distance) and lets the
evaluation try others. How the defaults were chosen: ``docs/partner-finder.md``
and ``bench/RESULTS.md`` (section "Evaluation").

Examples
--------
>>> w = Weights()
>>> w.shared_project > w.shared_programme > 0
True
>>> w.replace(border=0.0).border
0.0
>>> Weights(nonsense=1.0)
Traceback (most recent call last):
...
TypeError: unknown weights: nonsense
"""

from __future__ import annotations

from typing import Any

from .index import CERTAINTY, certainty_factor
from .signals import DEFAULT_WEIGHTS, PARAMS, SIGNALS

__all__ = ["Weights", "DEFAULT", "SIGNALS", "CERTAINTY", "certainty_factor"]


class Weights:
    """Weight per signal (and the shape parameters); immutable."""

    __slots__ = ("_values",)

    def __init__(self, **values: float) -> None:
        unknown = sorted(set(values) - set(DEFAULT_WEIGHTS) - set(PARAMS))
        if unknown:
            raise TypeError("unknown weights: " + ", ".join(unknown))
        merged = {**DEFAULT_WEIGHTS, **PARAMS}
        merged.update({k: float(v) for k, v in values.items()})
        object.__setattr__(self, "_values", merged)

    def __getattr__(self, name: str) -> float:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._values[name]  # type: ignore[no-any-return]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Weights are immutable; use replace()")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Weights) and self._values == other._values

    def __hash__(self) -> int:
        return hash(tuple(sorted(self._values.items())))

    def __repr__(self) -> str:
        changed = {k: v for k, v in self._values.items()
                   if v != {**DEFAULT_WEIGHTS, **PARAMS}[k]}
        return f"Weights({', '.join(f'{k}={v}' for k, v in changed.items())})"

    def signal_weights(self) -> dict[str, float]:
        """The weight of every signal, in :data:`SIGNALS` order."""
        return {s: self._values[s] for s in SIGNALS}

    def replace(self, **changes: float) -> Weights:
        """A copy with some weights changed."""
        return Weights(**{**self._values, **changes})

    def as_dict(self) -> dict[str, Any]:
        return dict(self._values)


DEFAULT = Weights()
