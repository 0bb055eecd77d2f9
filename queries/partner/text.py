"""German words for the partner finder's reasons: kinds, distances, lists, names.

Shared by every signal's explanation (:mod:`.signals`) and the Kreis scorer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ...graph.codes import KINDS
from ...graph.schema import DISTRICT, MUNICIPALITY, PROJECT, STATE
from ..german import de_km

__all__ = ["KIND_DE", "fmt_km", "plain_list", "project_name", "quoted_list", "year_of",
           "node_name", "municipality_name", "district_name", "state_name"]

#: German names of project kinds: kind → (noun, with indefinite article)
KIND_DE: dict[str, tuple[str, str]] = {k: (v.noun, v.with_article) for k, v in KINDS.items()}


#: distances in reason texts (one home: ``queries/german.de_km``)
fmt_km = de_km


def year_of(s: str | None) -> str | None:
    """The year of an ISO date, else None.

    >>> year_of("2018-03-01"), year_of(None)
    ('2018', None)
    """
    return s[:4] if s and s[:4].isdigit() else None


def node_name(G: Any, node: tuple[str, str]) -> str:
    """The node's ``name`` (its key when it has none or is not in the graph)."""
    return str((G.nodes[node].get("name") if node in G else None) or node[1])


def project_name(G: Any, p: str) -> str:
    """The project's name, else its ID."""
    return str(G.nodes[(PROJECT, p)].get("name") or p)


def municipality_name(G: Any, ags: str) -> str:
    return str(G.nodes[(MUNICIPALITY, ags)]["name"])


def district_name(G: Any, key: str) -> str:
    return str(G.nodes[(DISTRICT, key)]["name"]) if (DISTRICT, key) in G else key


def state_name(G: Any, key: str) -> str:
    return str(G.nodes[(STATE, key)]["name"]) if (STATE, key) in G else key


def plain_list(items: Sequence[str], limit: int = 3) -> str:
    """A German enumeration of at most ``limit`` items.

    >>> plain_list(["Witten"]), plain_list(["Bochum", "Hattingen", "Witten"])
    ('Witten', 'Bochum, Hattingen und Witten')
    >>> plain_list(["A", "B", "C", "D", "E"])
    'A, B, C und 2 weitere'
    """
    items = list(items)
    more = f" und {len(items) - limit} weitere" if len(items) > limit else ""
    head = items[:limit]
    if len(head) > 1 and not more:
        return ", ".join(head[:-1]) + " und " + head[-1]
    return ", ".join(head) + more


def quoted_list(items: Sequence[str], limit: int = 3) -> str:
    """Like :func:`plain_list`, each item in German quotation marks.

    >>> quoted_list(["E-Akte EN", "Stadt-App"])
    '„E-Akte EN“ und „Stadt-App“'
    """
    return plain_list([f"„{x}“" for x in items], limit)
