"""Network analytics on the municipality cooperation network.

The cooperation network
-----------------------
:func:`cooperation_graph` projects the analysis graph (typed node ids such as
``("Municipality", ags)`` and ``("Project", id)``, see
:mod:`kommunalgraph.queries.network`) onto municipalities:

* two municipalities are linked when both take part (directly) in the same
  project; the edge ``weight`` is the number of projects they share;
* programme-only ties (their projects belong to the same programme, e.g. both
  are *Modellprojekte Smart Cities*, but they share no project) do **not**
  count by default, because being funded by the same programme is not
  cooperation. With ``programme_weight=w > 0`` each shared programme adds
  ``w`` to the weight (a programme-only tie then has weight ``w`` per shared
  programme);
* only municipalities with at least one tie are in the network; Kreise and
  Gemeindeverbände taking part in a project are not municipalities and do not
  create ties.

Measures
--------
``degree``
    number of distinct partner municipalities.
``pagerank``
    weighted PageRank (``alpha = 0.85``) of the network.
``betweenness``
    normalised betweenness on unweighted shortest paths (hops). Exact up to
    :data:`BETWEENNESS_EXACT_MAX` nodes; above that it is estimated from
    ``k`` = :data:`BETWEENNESS_K` random pivots with a fixed seed
    (Brandes–Pich sampling). ``bench/centrality.py`` measures the error of
    the estimate against the exact value.
``community``
    Louvain communities (:func:`networkx.community.louvain_communities`,
    fixed seed, ``weight``), numbered by size and shown as
    „Digitale Region N“.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Any

import networkx as nx

from ...graph.schema import DISTRICT, MUNICIPALITY, PROGRAMME, PROJECT, STATE
from ...graph.store import GraphStore
from ..german import de_count
from .network import municipality_projection, project_members

__all__ = [
    "BETWEENNESS_EXACT_MAX",
    "BETWEENNESS_K",
    "PAGERANK_ALPHA",
    "cooperation_graph",
    "centrality_scores",
    "digital_regions",
    "centrality",
    "communities",
]

#: Up to this many nodes betweenness is computed exactly.
BETWEENNESS_EXACT_MAX = 2000
#: Pivots for sampled betweenness on larger networks.
BETWEENNESS_K = 500
PAGERANK_ALPHA = 0.85

_M, _P, _PG = MUNICIPALITY, PROJECT, PROGRAMME


def _kind(node: Any) -> str | None:
    return node[0] if isinstance(node, tuple) and node else None


def cooperation_graph(G: nx.Graph, *, programme_weight: float = 0.0) -> nx.Graph:
    """Project the analysis graph onto municipalities that share projects.

    Parameters
    ----------
    G : networkx.Graph
        The analysis graph (:func:`~kommunalgraph.queries.network.load_network`):
        typed node ids ``("Municipality", ags)``, ``("Project", id)``,
        ``("Programme", id)``, edge attribute ``kind`` (``PARTICIPATES_IN``,
        ``PART_OF``). The direct projection is
        :func:`~kommunalgraph.queries.network.municipality_projection`.
    programme_weight : float
        Weight of each shared programme; 0 (the default) leaves
        programme-only ties out.

    Returns
    -------
    networkx.Graph
        Nodes are AGS strings (with the municipality's node attributes),
        edges carry ``weight``, ``projects`` (sorted ids) and ``programmes``.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edges_from([(("Municipality", "A"), ("Project", "p")),
    ...                   (("Municipality", "B"), ("Project", "p")),
    ...                   (("Municipality", "C"), ("Project", "q"))], kind="PARTICIPATES_IN")
    >>> G.add_edges_from([(("Project", "p"), ("Programme", "X")),
    ...                   (("Project", "q"), ("Programme", "X"))], kind="PART_OF")
    >>> H = cooperation_graph(G)
    >>> sorted(H.edges(data="weight"))
    [('A', 'B', 1.0)]
    >>> H2 = cooperation_graph(G, programme_weight=0.5)
    >>> sorted(H2.edges(data="weight"))
    [('A', 'B', 1.5), ('A', 'C', 0.5), ('B', 'C', 0.5)]
    """
    P = municipality_projection(G)
    H = nx.Graph()
    for u, v, d in sorted(P.edges(data=True)):
        a, b = sorted((u[1], v[1]))
        for ags in (a, b):
            if ags not in H:
                H.add_node(ags, **_attrs(G, ags))
        H.add_edge(a, b, weight=float(d["weight"]), projects=sorted(d["projects"]),
                   programmes=[])
    if programme_weight > 0:
        prog_members: dict[Any, set[str]] = {}
        for p in G.nodes:
            if _kind(p) != _P:
                continue
            ms = {m[1] for m in project_members(G, p[1])}
            for pg in G.neighbors(p):
                if _kind(pg) == _PG and ms:
                    prog_members.setdefault(pg, set()).update(ms)
        for pg in sorted(prog_members):
            for a, b in combinations(sorted(prog_members[pg]), 2):
                for ags in (a, b):
                    if ags not in H:
                        H.add_node(ags, **_attrs(G, ags))
                if not H.has_edge(a, b):
                    H.add_edge(a, b, weight=0.0, projects=[], programmes=[])
                H[a][b]["programmes"].append(str(pg[1]))
                H[a][b]["weight"] += programme_weight
    return H


def _attrs(G: nx.Graph, ags: str) -> dict[str, Any]:
    """A municipality's attributes plus the names of its Kreis and Land (if in ``G``)."""
    d = dict(G.nodes[(_M, ags)])
    for key, label in (("district", DISTRICT), ("state", STATE)):
        ref = d.get(key)
        if ref is not None and (label, ref) in G:
            d[key + "_name"] = G.nodes[(label, ref)].get("name")
    return d


def _pagerank(H: nx.Graph) -> dict[str, float]:
    # on a copy with only the weights: PageRank copies the graph with its attributes
    L = nx.Graph()
    L.add_nodes_from(H)
    L.add_weighted_edges_from(H.edges(data="weight", default=1.0))
    try:
        return nx.pagerank(L, alpha=PAGERANK_ALPHA, weight="weight")
    except ModuleNotFoundError:  # scipy not installed: networkx's pure-Python iteration
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

        return _pagerank_python(L, alpha=PAGERANK_ALPHA, weight="weight")


def centrality_scores(H: nx.Graph, *, seed: int = 1,
                      k: int | None = None) -> dict[str, dict[str, float | int]]:
    """Degree, weighted PageRank and betweenness for every node of ``H``.

    Parameters
    ----------
    H : networkx.Graph
        A cooperation network (:func:`cooperation_graph`).
    seed : int
        Seed for sampled betweenness.
    k : int, optional
        Pivots for betweenness; default exact up to
        :data:`BETWEENNESS_EXACT_MAX` nodes, else :data:`BETWEENNESS_K`.

    Examples
    --------
    A path a–b–c: b lies on the only shortest path between a and c.

    >>> H = nx.Graph([("a", "b"), ("b", "c")])
    >>> s = centrality_scores(H)
    >>> s["b"]["degree"], s["b"]["betweenness"], s["a"]["betweenness"]
    (2, 1.0, 0.0)
    >>> round(s["b"]["pagerank"], 3), round(s["a"]["pagerank"], 3)
    (0.486, 0.257)
    """
    if H.number_of_nodes() == 0:
        return {}
    if k is None and H.number_of_nodes() > BETWEENNESS_EXACT_MAX:
        k = BETWEENNESS_K
    if k is not None and k >= H.number_of_nodes():
        k = None
    bc = nx.betweenness_centrality(H, k=k, seed=seed if k else None, normalized=True)
    pr = _pagerank(H)
    return {n: {"degree": int(H.degree(n)), "pagerank": round(float(pr[n]), 6),
                "betweenness": round(float(bc[n]), 6)} for n in H.nodes}


def digital_regions(H: nx.Graph, *, seed: int = 1,
                    resolution: float = 1.0) -> list[set[str]]:
    """Louvain communities of ``H``, largest first (ties: smallest member).

    Examples
    --------
    Two triangles joined by one weak edge fall apart into two regions.

    >>> H = nx.Graph()
    >>> H.add_weighted_edges_from([("a", "b", 1), ("b", "c", 1), ("a", "c", 1),
    ...                            ("x", "y", 1), ("y", "z", 1), ("x", "z", 1),
    ...                            ("c", "x", 0.1)])
    >>> [sorted(c) for c in digital_regions(H)]
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    if H.number_of_nodes() == 0:
        return []
    comms = nx.community.louvain_communities(H, weight="weight", seed=seed,
                                             resolution=resolution)
    return sorted((set(c) for c in comms), key=lambda c: (-len(c), min(c)))


def _member(H: nx.Graph, ags: str, scores: dict[str, dict[str, Any]] | None = None
            ) -> dict[str, Any]:
    d = H.nodes[ags]
    out = {"ags": ags, "name": d.get("name") or ags, "population": d.get("population"),
           "district": d.get("district_name") or d.get("district"),
           "state": d.get("state_name") or d.get("state")}
    if scores:
        out.update(scores[ags])
    return out


def _load(store: GraphStore, G: nx.Graph | None) -> nx.Graph:
    if G is not None:
        return G
    from .network import load_network

    return load_network(store)


def centrality(store: GraphStore, *, top: int = 20, with_values: bool = False,
               programme_weight: float = 0.0, seed: int = 1,
               G: nx.Graph | None = None) -> dict[str, Any]:
    """The most central municipalities of the cooperation network.

    Parameters
    ----------
    store : GraphStore
    top : int
        How many municipalities to list per measure.
    with_values : bool
        Add ``values``: AGS → {degree, pagerank, betweenness} for every
        municipality in the network (what ``centrality --write`` stores).
    programme_weight : float
        See :func:`cooperation_graph`.
    seed : int
        Seed for sampled betweenness (only used above
        :data:`BETWEENNESS_EXACT_MAX` nodes).
    G : networkx graph, optional
        The analysis graph; loaded with ``load_network(store)`` if missing.

    Returns
    -------
    dict
        ``query``, ``network`` {nodes, edges, components, largest_component,
        betweenness_k, definition_de}, ``results`` (top by PageRank, each with
        ags, name, population, district, state, degree, pagerank, betweenness,
        partners_de), ``by_degree``, ``by_betweenness`` (ags lists),
        ``written``.
    """
    if top < 1:
        from ...graph.errors import InputError

        raise InputError("top must be >= 1", "--top muss mindestens 1 sein.")
    G = _load(store, G)
    H = cooperation_graph(G, programme_weight=programme_weight)
    n = H.number_of_nodes()
    k = BETWEENNESS_K if n > BETWEENNESS_EXACT_MAX else None
    scores = centrality_scores(H, seed=seed, k=k)

    def ranked(measure: str) -> list[str]:
        return sorted(scores, key=lambda a: (-scores[a][measure], a))[:top]

    results = []
    for ags in ranked("pagerank"):
        m = _member(H, ags, scores)
        partners = sorted(H[ags], key=lambda b: (-H[ags][b]["weight"], b))
        names = [H.nodes[b].get("name") or b for b in partners[:3]]
        m["partners_de"] = (
            f"kooperiert mit {de_count(len(partners), 'Kommune', 'Kommunen')} in gemeinsamen "
            "Projekten, "
            f"u. a. {', '.join(names)}")
        results.append(m)
    comps = list(nx.connected_components(H)) if n else []
    out = {
        "query": {"top": top, "write": False, "programme_weight": programme_weight,
                  "seed": seed},
        "network": {
            "nodes": n, "edges": H.number_of_edges(), "components": len(comps),
            "largest_component": max((len(c) for c in comps), default=0),
            "betweenness_k": k,
            "definition_de": _definition_de(programme_weight),
        },
        "results": results,
        "by_degree": [_member(H, a, scores) for a in ranked("degree")],
        "by_betweenness": [_member(H, a, scores) for a in ranked("betweenness")],
        "written": 0,
    }
    if with_values:
        out["values"] = scores
    return out


def _definition_de(programme_weight: float) -> str:
    text = ("Kooperationsnetz: Kommunen sind verbunden, wenn sie gemeinsam an einem Projekt "
            "teilnehmen (Gewicht = Zahl gemeinsamer Projekte).")
    if programme_weight > 0:
        text += (f" Gemeinsame Förderprogramme zählen zusätzlich mit Gewicht "
                 f"{programme_weight:g} je Programm.")
    else:
        text += " Nur ein gemeinsames Förderprogramm ohne gemeinsames Projekt zählt nicht."
    return text


def communities(store: GraphStore, *, seed: int = 1, with_values: bool = False,
                programme_weight: float = 0.0, resolution: float = 1.0,
                members: int = 5, G: nx.Graph | None = None) -> dict[str, Any]:
    """Louvain communities of the cooperation network: „Digitale Regionen“.

    Parameters
    ----------
    store : GraphStore
    seed : int
        Seed of the Louvain method; the same seed gives the same regions.
    with_values : bool
        Add ``values``: AGS → {community} for every municipality in the
        network (what ``communities --write`` stores).
    programme_weight, resolution : float
        See :func:`cooperation_graph` and
        :func:`networkx.community.louvain_communities`.
    members : int
        How many largest and most central members to name per region.
    G : networkx graph, optional
        The analysis graph; loaded with ``load_network(store)`` if missing.

    Returns
    -------
    dict
        ``query``, ``network`` {nodes, edges, modularity, definition_de},
        ``count``, ``regions`` [{id, name, size, population, states,
        largest, central, projects, label_de}], ``written``.
    """
    G = _load(store, G)
    H = cooperation_graph(G, programme_weight=programme_weight)
    comms = digital_regions(H, seed=seed, resolution=resolution)
    pr = _pagerank(H) if H.number_of_nodes() else {}
    regions = []
    assignment: dict[str, dict[str, Any]] = {}
    for i, c in enumerate(comms, start=1):
        for a in c:
            assignment[a] = {"community": i}
        pop = sum(H.nodes[a].get("population") or 0 for a in c)
        largest = sorted(c, key=lambda a: (-(H.nodes[a].get("population") or 0), a))[:members]
        central = sorted(c, key=lambda a: (-pr[a], a))[:members]
        projects: Counter[str] = Counter()
        for _, _, d in H.subgraph(c).edges(data=True):
            projects.update(d.get("projects", ()))
        states = Counter(H.nodes[a].get("state_name") or H.nodes[a].get("state") for a in c
                         if H.nodes[a].get("state"))
        names = [H.nodes[a].get("name") or a for a in central[:2]]
        regions.append({
            "id": i,
            "name": f"Digitale Region {i}",
            "size": len(c),
            "population": pop,
            "states": [s for s, _ in sorted(states.items(), key=lambda kv: (-kv[1], str(kv[0])))],
            "largest": [_member(H, a) for a in largest],
            "central": [_member(H, a) | {"pagerank": round(pr[a], 6)} for a in central],
            "projects": [p for p, _ in sorted(projects.items(), key=lambda kv: (-kv[1], kv[0]))
                         ][:members],
            "label_de": f"Digitale Region {i} ({len(c)} Kommunen, um {', '.join(names)})",
        })
    modularity = (round(nx.community.modularity(H, comms, weight="weight"), 4)
                  if H.number_of_edges() else None)
    out = {
        "query": {"seed": seed, "write": False, "programme_weight": programme_weight,
                  "resolution": resolution},
        "network": {"nodes": H.number_of_nodes(), "edges": H.number_of_edges(),
                    "modularity": modularity,
                    "definition_de": _definition_de(programme_weight)},
        "count": len(regions),
        "regions": regions,
        "written": 0,
    }
    if with_values:
        out["values"] = assignment
    return out
