"""Partner suggestions: "Mit wem können wir das gemeinsam machen?"

:func:`suggest` ranks municipalities (and optionally Kreise) as partners of one
municipality, overall or for a topic (a project, a project kind, an OZG
service or a Themenfeld). :func:`kommunalgraph.queries.candidates.candidates`
ranks municipalities that could join a project. Both score every candidate
with the same signals (:mod:`.signals`, one module each), computed on the
analysis graph (:mod:`kommunalgraph.queries.analytics.network`) and weighted by
:class:`~kommunalgraph.queries.partner.weights.Weights`::

    score = sum(weight[signal] * value[signal])

and explain every result with ``reasons`` [{signal, value, contribution,
text_de}], one German sentence per signal that contributed.

The signals (values as documented in their modules):

========================  ====================================================
shared_project            Adamic–Adar on the municipality–project graph
shared_project_kreis      the same, one side taking part via Kreis/Verband
shared_programme          Adamic–Adar over programmes (through other projects)
similar_project           shared project kinds, rarer kinds count more
partner_of_partner        resource allocation on the municipality projection
experience                candidate already runs the requested topic
experience_kreis          ... through its Kreis or Verband
similar_experience        ... a project of the same programme/kind/Themenfeld
border, same_kreis,       geography: NEIGHBOUR_OF, IN_DISTRICT, Land,
same_land, distance_*     exponential decay of the distance in km
size, urbanisation        similar population, same Verstädterung class
it_provider               same IT provider (SERVED_BY, direct or via Kreis)
type_same, _complementary same / other ÖFIT/KGSt type (HAS_TYPE)
========================  ====================================================

For a project (``candidates``) the anchor is the set of its members: sums
for the network signals, the nearest member for distance, any member for
border and Kreis. Memberships held out by ``exclude_edges`` are invisible to
every signal (the evaluation relies on that). Ties are broken by key (AGS).

Scoring is vectorised with numpy over all 10,751 municipalities; the static
part of the index (coordinates, Kreise, IT providers, types) is cached per
graph, the membership part is rebuilt only when ``exclude_edges`` is given.
The index lives in :mod:`.index`, the topic in :mod:`.topic`, scoring and
explaining in :mod:`.rank`; this module is the public entry point
(:func:`suggest`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from ...graph.errors import UnknownMunicipality
from ...graph.schema import DISTRICT, MUNICIPALITY, SERVICE_AREA
from ...graph.store import GraphStore
from .index import Memberships, Node, Query, StaticIndex, memberships
from .persist import index_for
from .rank import add_relevance, check_limit, features, rank
from .text import KIND_DE, fmt_km, project_name
from .topic import resolve_topic
from .weights import DEFAULT, Weights

__all__ = ["suggest", "check_limit", "KIND_DE", "fmt_km"]


def suggest(store: GraphStore | None, ags: str, *, project: str | None = None,
            kind: str | None = None, ozg: str | None = None, themenfeld: str | None = None,
            radius_km: float | None = None, limit: int = 10, include_districts: bool = False,
            G: nx.Graph | None = None, exclude_edges: Iterable[tuple[Node, Node]] | None = None,
            weights: Weights | None = None) -> dict[str, Any]:
    """Rank partners for the municipality ``ags``, overall or for one topic.

    Parameters
    ----------
    store : GraphStore or None
        The store; its analysis graph is loaded (and cached) unless ``G`` is given.
    ags : str
        An already resolved 8-digit AGS (resolve names with ``graph.resolve.Resolver``).
    project, kind, ozg, themenfeld : str, optional
        At most one topic: a project id, a project kind (``e-akte``, ``city-app``,
        ...), an OZG ID, or a Themenfeld (id or name). Candidates that already
        run the topic get the ``experience`` signal: "who has already done this?".
    radius_km : float, optional
        Only candidates at most this far away (centre to centre).
    limit : int
        Number of results (default 10).
    include_districts : bool
        Also rank Kreise; their results carry ``key`` and ``label="District"``
        instead of ``ags``.
    G : networkx.Graph, optional
        An analysis graph (default: the store's, through :func:`.persist.load_index`).
    exclude_edges : iterable of (node, node), optional
        PARTICIPATES_IN edges to ignore in every signal (for the evaluation).
    weights : Weights, optional
        Defaults to :data:`kommunalgraph.queries.partner.weights.DEFAULT`.

    Returns
    -------
    dict
        ``{"query": {...}, "results": [{"ags", "key", "label", "name", "score",
        "distance_km", "district", "state", "relevance", "fit_de",
        "already_partner": False, "reasons":
        [{"signal", "value", "contribution", "text_de"}]}], "already_partners":
        [... as results, "already_partner": True, "shared_projects": [{"id",
        "name"}]]}``; best first, ties by AGS. ``results`` are new partners: no
        direct project (of the topic, if one is given) shared with ``ags``;
        those who share one are in ``already_partners``. ``relevance`` is the
        score relative to the best new partner (0–100, capped), ``fit_de`` its label
        ("sehr passend" from 75, "passend" from 40, else "möglich").

    Raises
    ------
    UnknownMunicipality, UnknownEntity, InputError

    Examples
    --------
    Three towns in a row, A and B share a project:

    >>> G = nx.Graph()
    >>> for ags, name, lon in (("00000001", "A", 7.0), ("00000002", "B", 7.1),
    ...                        ("00000003", "C", 7.3)):
    ...     G.add_node(("Municipality", ags), name=name, lat=51.0, lon=lon,
    ...                population=10000, district="00000")
    >>> G.add_node(("Project", "p"), name="Stadt-App", kind="city-app")
    >>> G.add_edge(("Municipality", "00000001"), ("Project", "p"), kind="PARTICIPATES_IN")
    >>> G.add_edge(("Municipality", "00000002"), ("Project", "p"), kind="PARTICIPATES_IN")
    >>> out = suggest(None, "00000001", G=G)
    >>> [r["name"] for r in out["results"]], [r["name"] for r in out["already_partners"]]
    (['C'], ['B'])
    >>> out["already_partners"][0]["reasons"][0]["text_de"]
    'Beide nehmen an „Stadt-App“ teil'
    """
    check_limit(limit, radius_km)
    st = index_for(store, G)  # (of a store: kept beside it, persist.py)
    G = st.G
    if ags not in st.pos:
        raise UnknownMunicipality(ags)
    wt = weights or DEFAULT
    excl = list(exclude_edges or ())
    mb = memberships(st, excl)
    what, topic, similar = resolve_topic(st, mb, project=project, kind=kind, ozg=ozg,
                                         themenfeld=themenfeld)
    a = st.pos[ags]
    q = Query(anchors=[a], topic=what, topic_projects=topic, similar_projects=similar)
    own_kreis = st.districts[st.district[a]]
    towns, kreise = already_partners(st, mb, a, topic if what else None)
    X = features(st, mb, q, wt=wt)  # once for both lists
    known = rank(st, mb, q, wt, limit=max(limit, len(towns) + len(kreise)),
                 radius_km=radius_km, include_districts=include_districts,
                 for_project=False, only=towns, only_districts=kreise,
                 X=X) if towns or kreise else []
    q.exclude = set(towns)
    results = rank(st, mb, q, wt, limit=limit, radius_km=radius_km,
                   include_districts=include_districts, exclude_districts=set(kreise),
                   for_project=False, X=X)
    # relative to the best new partner: the answer to "whom else?"; known ones capped at 100
    best = max((r["score"] for r in results or known), default=0.0)
    add_relevance(results + known, best)
    for r in results:
        r["already_partner"] = False
    for r in known:
        r["already_partner"] = True
        shared = towns.get(st.pos.get(r["key"], -1)) or kreise.get(r["key"], [])
        r["shared_projects"] = [{"id": p, "name": project_name(G, p)} for p in shared]
    node = G.nodes[(MUNICIPALITY, ags)]
    query = {"ags": ags, "name": node.get("name"), "district_key": own_kreis,
             "project": project, "kind": kind, "ozg": ozg,
             "themenfeld": what[1] if what and what[0] == "themenfeld" else themenfeld,
             "themenfeld_name": (G.nodes[(SERVICE_AREA, what[1])].get("name")
                                 if what and what[0] == "themenfeld" else None),
             "radius_km": radius_km, "limit": limit, "include_districts": include_districts,
             "topic_projects": sorted(topic)}
    return {"query": query, "results": results, "already_partners": known}


def already_partners(st: StaticIndex, mb: Memberships, a: int, topic: set[str] | None
                     ) -> tuple[dict[int, list[str]], dict[str, list[str]]]:
    """Who already works with municipality ``a``: the other direct members of its
    projects (only the topic's projects when there is a topic), municipalities by
    index and Kreise by key, each with the shared projects."""
    towns: dict[int, list[str]] = defaultdict(list)
    kreise: dict[str, list[str]] = defaultdict(list)
    for p in sorted(mb.of.get(a, ())):
        if topic is not None and p not in topic:
            continue
        for c in mb.direct.get(p, {}):
            if c != a:
                towns[c].append(p)
        for g in mb.groups.get(p, ()):
            if g[0] == DISTRICT:
                kreise[g[1]].append(p)
    return dict(towns), dict(kreise)
