"""Candidates for a project: "who else could join?"

:func:`candidates` ranks the municipalities that do not yet take part in a
project directly, with the same signals and weights as
:func:`kommunalgraph.queries.partner.suggest.suggest`, anchored at all current members
of the project: network signals are summed over the members, distance is to
the nearest member, border and Kreis count for any member. Towns whose Kreis
or Verband takes part get ``experience_kreis``; towns running a project of the
same programme or kind get ``similar_experience``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from ...graph.errors import UnknownEntity
from ...graph.schema import DISTRICT, MUNICIPALITY, PROGRAMME, PROJECT
from ...graph.store import GraphStore
from .index import Node, Query, memberships
from .persist import index_for
from .rank import add_relevance, check_limit, rank
from .text import municipality_name
from .topic import resolve_topic
from .weights import DEFAULT, Weights

__all__ = ["candidates", "project_query"]



def project_query(st: Any, mb: Any, project_id: str) -> Query:
    """The scoring query for ``project_id``: its members are the anchors."""
    if (PROJECT, project_id) not in st.G:
        raise UnknownEntity(f"unknown project {project_id!r}",
                            f"Kein Projekt mit der ID „{project_id}“ gefunden.")
    what, topic, similar = resolve_topic(st, mb, project=project_id, kind=None, ozg=None,
                                         themenfeld=None)
    direct = sorted(mb.direct.get(project_id, {}))
    return Query(anchors=direct, groups=list(mb.groups.get(project_id, [])), topic=what,
                 topic_projects=topic, similar_projects=similar, skip_project=project_id,
                 exclude=set(direct))


def candidates(store: GraphStore | None, project_id: str, *, limit: int = 10,
               include_districts: bool = False, G: nx.Graph | None = None,
               exclude_edges: Iterable[tuple[Node, Node]] | None = None,
               weights: Weights | None = None) -> dict[str, Any]:
    """Rank municipalities that could join project ``project_id``.

    Parameters
    ----------
    store : GraphStore or None
        The store (its cached analysis graph is used unless ``G`` is given).
    project_id : str
        The project's id, e.g. ``OSCA``.
    limit : int
        Number of results.
    include_districts : bool
        Also rank Kreise that do not take part yet (``key`` instead of ``ags``).
    G, exclude_edges, weights
        As for :func:`kommunalgraph.queries.partner.suggest.suggest`.

    Returns
    -------
    dict
        ``{"query": {...}, "project": {"id", "name", "kind", "programmes",
        "members"}, "results": [...]}`` with results as in ``suggest``.

    Raises
    ------
    UnknownEntity
        If there is no such project (German message).

    Examples
    --------
    A and B run a project; C borders B, D is far away:

    >>> G = nx.Graph()
    >>> for ags, lon in (("00000001", 7.0), ("00000002", 7.1), ("00000003", 7.2),
    ...                  ("00000004", 9.0)):
    ...     G.add_node(("Municipality", ags), name="M" + ags[-1], lat=51.0, lon=lon,
    ...                population=5000)
    >>> G.add_edge(("Municipality", "00000002"), ("Municipality", "00000003"),
    ...            kind="NEIGHBOUR_OF")
    >>> G.add_node(("Project", "p"), name="Dorf-App", kind="village-app")
    >>> for ags in ("00000001", "00000002"):
    ...     G.add_edge(("Municipality", ags), ("Project", "p"), kind="PARTICIPATES_IN")
    >>> out = candidates(None, "p", G=G)
    >>> [r["name"] for r in out["results"]]
    ['M3', 'M4']
    >>> [r["text_de"] for r in out["results"][0]["reasons"] if r["signal"] == "border"]
    ['Grenzt an Mitglied M2']
    >>> candidates(None, "nope", G=G)
    Traceback (most recent call last):
    ...
    kommunalgraph.graph.errors.UnknownEntity: unknown project 'nope'
    """
    check_limit(limit, None)
    st = index_for(store, G)  # (of a store: kept beside it, persist.py)
    G = st.G
    mb = memberships(st, list(exclude_edges or ()))
    q = project_query(st, mb, project_id)
    member_districts = {g[1] for g in q.groups if g[0] == DISTRICT}
    results = rank(st, mb, q, weights or DEFAULT, limit=limit,
                   include_districts=include_districts, exclude_districts=member_districts,
                   for_project=True)
    add_relevance(results)
    node = G.nodes[(PROJECT, project_id)]
    members = [{"key": st.ags[i], "label": MUNICIPALITY,
                "name": municipality_name(G, st.ags[i])} for i in q.anchors]
    members += [{"key": g[1], "label": g[0], "name": G.nodes[g].get("name") if g in G else g[1]}
                for g in q.groups]
    project = {
        "id": project_id, "name": node.get("name"), "kind": node.get("kind"),
        "status": node.get("status"),
        "programmes": [{"id": g, "name": G.nodes[(PROGRAMME, g)].get("name")}
                       for g in st.programmes_of.get(project_id, [])],
        "members": members,
    }
    return {"query": {"project": project_id, "limit": limit,
                      "include_districts": include_districts},
            "project": project, "results": results}
