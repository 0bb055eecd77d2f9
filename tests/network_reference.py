"""A reference implementation for tests: the bipartite municipality–project graph.

The partner finder's "shared project" signal must equal networkx's
Adamic–Adar index on this graph; the tests build it here (it is not product code).
"""

from __future__ import annotations

import networkx as nx

__all__ = ["municipality_project_graph"]


def municipality_project_graph(G: nx.Graph, *, via_districts: bool = False) -> nx.Graph:
    """The bipartite municipality–project graph of the PARTICIPATES_IN edges.

    Nodes keep their ids; ``bipartite`` is 0 for municipalities and 1 for
    projects. With ``via_districts=True`` a Kreis's or Gemeindeverband's
    membership also links each of its municipalities to the project, with the
    edge attribute ``via`` set to the Kreis or Verband node (direct edges have
    ``via=None``; a direct membership wins over an indirect one).

    Examples
    --------
    Two towns share a project; a Kreis takes part in another one:

    >>> G = nx.Graph()
    >>> G.add_edge(("Municipality", "1"), ("Project", "a"), kind="PARTICIPATES_IN")
    >>> G.add_edge(("Municipality", "2"), ("Project", "a"), kind="PARTICIPATES_IN")
    >>> G.add_edge(("Municipality", "2"), ("District", "K"), kind="IN_DISTRICT")
    >>> G.add_edge(("District", "K"), ("Project", "b"), kind="PARTICIPATES_IN")
    >>> B = municipality_project_graph(G)
    >>> sorted(B[("Project", "a")])
    [('Municipality', '1'), ('Municipality', '2')]
    >>> B = municipality_project_graph(G, via_districts=True)
    >>> B.edges[("Municipality", "2"), ("Project", "b")]["via"]
    ('District', 'K')
    >>> sorted(nx.adamic_adar_index(B, [(("Municipality", "1"), ("Municipality", "2"))]))
    [(('Municipality', '1'), ('Municipality', '2'), 1.4426950408889634)]
    """
    B = nx.Graph()
    for n, d in G.nodes(data=True):
        if n[0] == "Project":
            B.add_node(n, bipartite=1, **d)
    for p in list(B):
        for u, e in G[p].items():
            if e.get("kind") != "PARTICIPATES_IN":
                continue
            if u[0] == "Municipality":
                if u not in B:
                    B.add_node(u, bipartite=0, **G.nodes[u])
                B.add_edge(u, p, via=None, role=e.get("role"), as_of=e.get("as_of"))
            elif via_districts and u[0] in ("District", "MunicipalAssociation"):
                rel = "IN_DISTRICT" if u[0] == "District" else "IN_ASSOCIATION"
                for m, e2 in G[u].items():
                    if m[0] != "Municipality" or e2.get("kind") != rel:
                        continue
                    if m not in B:
                        B.add_node(m, bipartite=0, **G.nodes[m])
                    if not B.has_edge(m, p):
                        B.add_edge(m, p, via=u, role=e.get("role"), as_of=e.get("as_of"))
    return B
