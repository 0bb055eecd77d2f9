"""The weights of the partner finder: the one place where they live.

A partner's score is a weighted sum of signals, each computed on the graph
(see :mod:`kommunalgraph.queries.suggest` for how each value is computed)::

    score(candidate) = sum(weight[signal] * value[signal](candidate))

The values were **chosen by the offline evaluation**, not by taste:
``python bench/evaluate.py --search`` runs a coordinate search over a grid of
values per weight (0.1 … 100: every signal stays switched on, so that it can
appear in explanations) on 5-fold splits of the known memberships (seed 0)
and keeps the weights with the best MRR + Hits@50. The shipped values are a
fixed point of that search (see ``bench/RESULTS.md``, section "Evaluation",
and ``docs/partner-finder.md`` for the stages). Exceptions, which no split
can measure: ``experience`` (set by the rule "whoever already does the
requested thing comes first") and the ÖFIT/KGSt type weights (no data).

Examples
--------
>>> w = Weights()
>>> w.shared_project > w.shared_programme > 0
True
>>> w.replace(border=0.0).border
0.0
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

__all__ = ["Weights", "DEFAULT", "SIGNALS", "CERTAINTY", "certainty_factor"]


@dataclass(frozen=True)
class Weights:
    """Weight per signal; the signal values are documented beside each weight."""

    #: Adamic–Adar over projects both take part in directly:
    #: sum of 1 / ln(members of the project). A shared project is the strongest
    #: evidence that two municipalities work together.
    shared_project: float = 30.0
    #: Adamic–Adar over projects shared through a Kreis or Gemeindeverband
    #: membership (one side takes part via its Kreis or Verband): weaker.
    shared_project_kreis: float = 0.1
    #: Adamic–Adar over programmes (Förderprogramme) both take part in through
    #: different projects: sum of 1 / ln(municipalities in the programme).
    #: Independent winners of one competition share only this.
    shared_programme: float = 0.1
    #: Similar projects: project kinds (Stadt-App, E-Akte, ...) both run,
    #: sum of 1 / ln(1 + municipalities running that kind).
    similar_project: float = 0.3
    #: Partner of a partner: resource allocation on the municipality
    #: projection (sum over common project partners b of 1 / partners(b)).
    partner_of_partner: float = 30.0
    #: Experience: the candidate itself runs a project of the requested topic
    #: (the project itself, its kind, the OZG service, the Themenfeld).
    #: 0/1 (1/2 if the membership is only uncertain/announced). Not measurable
    #: by the evaluation; set above one shared project plus all geography.
    experience: float = 100.0
    #: Experience through the candidate's Kreis or Verband. 0/1.
    experience_kreis: float = 0.1
    #: Similar experience: a project in the same programme or of the same kind
    #: as the requested project, or in the Themenfeld of the requested OZG
    #: service. 0/1.
    similar_experience: float = 0.1
    #: Shares a border (NEIGHBOUR_OF) with the municipality (for a project:
    #: with a member; log2(1 + number of bordering members)).
    border: float = 0.3
    #: Same Kreis as the municipality (or as a member). 0/1.
    same_kreis: float = 1.0
    #: Same Land. 0/1.
    same_land: float = 0.3
    #: Nearness: exp(-d / ``distance_near_km``), d = km between the centres
    #: (to the nearest member for a project).
    distance_near: float = 1.0
    #: Regional nearness: exp(-d / ``distance_far_km``).
    distance_far: float = 0.1
    #: Similar size: exp(-|ln(population ratio)|), 1 for equal population.
    size: float = 0.3
    #: Same Verstädterung class (DEGURBA). 0/1 (share of members for a project).
    urbanisation: float = 0.1
    #: Same IT provider (SERVED_BY, directly or via the Kreis or Verband):
    #: product of both certainties (1 named, 1/2 derived or via the Kreis).
    it_provider: float = 1.0
    #: Same ÖFIT/KGSt type (HAS_TYPE): good for joint projects. 0/1.
    type_same: float = 0.3
    #: A different ÖFIT/KGSt type: someone to learn from. 0/1.
    type_complementary: float = 0.1

    # -- fixed shape parameters (not searched) --------------------------------
    #: decay length of ``distance_near`` in km
    distance_near_km: float = 15.0
    #: decay length of ``distance_far`` in km
    distance_far_km: float = 75.0

    def signal_weights(self) -> dict[str, float]:
        """The weight of every signal, in :data:`SIGNALS` order."""
        return {s: getattr(self, s) for s in SIGNALS}

    def replace(self, **changes: float) -> Weights:
        """A copy with some weights changed."""
        return replace(self, **changes)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


#: Signal names in a fixed order (the columns of the feature matrix).
SIGNALS: tuple[str, ...] = tuple(
    f.name for f in fields(Weights) if not f.name.endswith("_km")
)

DEFAULT = Weights()

#: Factor for a fact's certainty (SERVED_BY / PARTICIPATES_IN ``certainty``):
#: named facts count fully, derived, announced or uncertain ones half.
CERTAINTY: dict[str, float] = {"": 1.0, "named": 1.0, "derived": 0.5, "announced": 0.5,
                               "uncertain": 0.5}


def certainty_factor(certainty: str | None) -> float:
    """Weight of a fact with this ``certainty``.

    >>> certainty_factor(None), certainty_factor("derived"), certainty_factor("DERIVED")
    (1.0, 0.5, 0.5)
    """
    return CERTAINTY.get((certainty or "").strip().lower(), 0.5)
