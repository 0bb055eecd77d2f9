"""The partner signals, in column order: one module per signal.

Adding a signal: write a module with a :class:`~.base.Signal` subclass (what
it computes, its German explanation, its default weight) and an instance
``SIGNAL``, and add it to :data:`REGISTRY`. Its weight becomes a field of
:class:`~kommunalgraph.queries.partner.weights.Weights`; the ranking, the
explanations, the Kreis scorer and the evaluation pick it up from here.
"""

from __future__ import annotations

from . import (
    border,
    distance,
    experience,
    experience_kreis,
    it_provider,
    municipality_type,
    partner_of_partner,
    same_kreis,
    same_land,
    same_product,
    shared_programme,
    shared_project,
    shared_project_kreis,
    similar_experience,
    similar_project,
    size,
    urbanisation,
)
from .base import Context, Reason, Signal

__all__ = ["REGISTRY", "SIGNALS", "COLUMN", "DEFAULT_WEIGHTS", "PARAMS", "Context", "Reason",
           "Signal"]

#: every signal, in the order of the feature matrix's columns
REGISTRY: tuple[Signal, ...] = tuple(m.SIGNAL for m in (
    shared_project, shared_project_kreis, shared_programme, similar_project,
    partner_of_partner, experience, experience_kreis, similar_experience, border,
    same_kreis, same_land, distance, size, urbanisation, it_provider, municipality_type,
    same_product,
))

#: column (weight) names in order
SIGNALS: tuple[str, ...] = tuple(name for s in REGISTRY for name in s.weights)
#: column name → index
COLUMN: dict[str, int] = {s: k for k, s in enumerate(SIGNALS)}
#: default weight of every column
DEFAULT_WEIGHTS: dict[str, float] = {n: w for s in REGISTRY for n, w in s.weights.items()}
#: shape parameters (not searched)
PARAMS: dict[str, float] = {n: v for s in REGISTRY for n, v in s.params.items()}
