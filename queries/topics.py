"""OZG-Leistungen by name: the typeahead's search and the lookup of a typed name.

The partner finder filters by an OZG-Leistung's ID; people know its name. The
web's OZG field offers names as one types (:func:`search_ozg`) and turns what
was typed into the ID (:func:`resolve_ozg`): an ID, the exact name, or a part
of the name that fits one Leistung only.
"""

from __future__ import annotations

import re
from typing import Any

from ..graph.errors import InputError, UnknownEntity
from ..graph.resolve import normalise
from ..graph.store import GraphStore
from .cypher_files import run

__all__ = ["ozg_services", "search_ozg", "resolve_ozg"]


def ozg_services(store: GraphStore) -> list[dict[str, Any]]:
    """Every OZG-Leistung: ``id``, ``name``, ``lebenslage``, ``themenfeld`` and
    ``projects`` (how many projects are linked to it)."""
    return [{"id": str(r["id"]), "name": r["name"] or str(r["id"]),
             "lebenslage": (r["lebenslage"] or "").strip() or None,
             "themenfeld": (r["themenfeld"] or "").strip() or None,
             "projects": int(r["projects"] or 0)}
            for r in run(store, "ozg_services")]


def _rank(query: str, name: str) -> int | None:
    """0: the name starts with the query, 1: a word starts with it, 2: it is inside."""
    n = normalise(name)
    if n.startswith(query):
        return 0
    if re.search(r"(^|[\s(/-])" + re.escape(query), n):
        return 1
    return 2 if query in n else None


def search_ozg(store: GraphStore, q: str, limit: int = 8) -> list[dict[str, Any]]:
    """OZG-Leistungen whose name (or ID) matches ``q``, best first.

    Names that start with ``q`` come first, then names with a word starting
    with it, then names that contain it, then Leistungen whose Lebenslage
    matches ("Kfz" finds the Kraftfahrzeugzulassung of the Lebenslage
    "Kfz-Besitz"); within each, Leistungen that projects implement come first.
    """
    t = normalise(q or "")
    if not t:
        return []
    hits = []
    for s in ozg_services(store):
        r = 0 if s["id"] == q.strip() else _rank(t, s["name"])
        if r is None and s["lebenslage"] and _rank(t, s["lebenslage"]) is not None:
            r = 3
        if r is not None:
            hits.append((r, -s["projects"], s["name"], s))
    hits.sort(key=lambda h: h[:3])
    return [h[3] for h in hits[:limit]]


def resolve_ozg(store: GraphStore, text: str) -> str:
    """The ID of the OZG-Leistung ``text`` names: an ID, its name, or a unique part of it.

    Raises :class:`UnknownEntity` if nothing matches and :class:`InputError`
    (listing up to five names) if several do.
    """
    text = (text or "").strip()
    services = ozg_services(store)
    if any(s["id"] == text for s in services):
        return text
    t = normalise(text)
    exact = [s for s in services if normalise(s["name"]) == t]
    if len(exact) == 1:
        return str(exact[0]["id"])
    hits = exact or search_ozg(store, text, limit=len(services))
    if len(hits) == 1:
        return str(hits[0]["id"])
    if not hits:
        raise UnknownEntity(f"unknown OZG service {text!r}",
                            f"Keine OZG-Leistung „{text}“ gefunden (Name oder ID).")
    names = "; ".join(f"{s['name']} ({s['id']})" for s in hits[:5])
    more = f" und {len(hits) - 5} weitere" if len(hits) > 5 else ""
    raise InputError(f"ambiguous OZG service {text!r}",
                     f"„{text}“ passt auf {len(hits)} OZG-Leistungen: {names}{more}. "
                     "Bitte eine aus der Liste wählen.")
