"""Related project kinds: the one table of which kinds are close to each other.

A municipality that runs a Dorf-App has done most of what a Stadt-App needs; a
Digitale Modellregion is close to a Smart-City project. The experience signal
counts a project of a related kind with the similarity below (the same kind
counts 1) and names the relation in its reason ("betreibt eine Dorf-App
(verwandt mit Stadt-App)").

The pairs are kinds of the code list (:data:`kommunalgraph.graph.codes.KINDS`).
The code list has no kind for document management systems, so "E-Akte ~ DMS"
has no pair here yet.

>>> similarity("city-app", "village-app"), similarity("village-app", "city-app")
(0.5, 0.5)
>>> similarity("e-akte", "e-akte"), similarity("e-akte", "city-app")
(1.0, 0.0)
>>> sorted(related("smart-city"))
['digital-region', 'smart-city']
"""

from __future__ import annotations

__all__ = ["RELATED", "similarity", "related"]

#: unordered pairs of related kinds → similarity (0 < s < 1)
RELATED: dict[frozenset[str], float] = {
    frozenset(("city-app", "village-app")): 0.5,
    frozenset(("smart-city", "digital-region")): 0.5,
}


def similarity(a: str | None, b: str | None) -> float:
    """1 for the same kind, the table's value for related kinds, else 0."""
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    return RELATED.get(frozenset((a, b)), 0.0)


def related(kind: str) -> dict[str, float]:
    """Every kind with a similarity > 0 to ``kind`` (itself included)."""
    out = {kind: 1.0}
    for pair, s in RELATED.items():
        if kind in pair:
            (other,) = pair - {kind}
            out[other] = s
    return out
