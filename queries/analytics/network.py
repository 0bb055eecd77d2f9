"""The analysis graph: the store loaded once into networkx, for every analytic.

:func:`load_network` reads the graph through the named ``graph_*`` queries
(``queries/cypher/graph_*.cypher``) into one undirected :class:`networkx.Graph`.
It is a simple graph, not a multigraph: the schema connects any two node types
through at most one relationship type, so one edge per node pair suffices, and
networkx's link-prediction functions (``nx.adamic_adar_index`` and friends)
accept it directly.

Nodes
    Typed tuples ``(label, key)``: ``("Municipality", ags)``,
    ``("District", key)``, ``("State", key)``, ``("MunicipalAssociation", key)``,
    ``("Project", id)``, ``("Programme", id)``, ``("Organisation", id)``,
    ``("OZGService", ozg_id)``, ``("ServiceArea", id)``,
    ``("MunicipalityType", id)``, ``("Role", id)``, ``("EGovComponent", id)``,
    ``("ParticipationTool", id)``.
    Every node has the attributes ``label``, ``key`` and ``name``.
    Municipalities also carry ``official_name``, ``population``, ``area_km2``,
    ``lat``, ``lon``, ``urbanisation``, ``urbanisation_code``, ``legal_type``,
    ``district`` (Kreis key), ``state`` (Land key) and ``association``
    (Gemeindeverband key or None). Districts carry ``kind`` and ``state``;
    projects ``kind``, ``status``, ``start_date``, ``open_source``;
    programmes ``funder``; organisations ``kind`` and ``seat``; OZG services
    ``area`` (Themenfeld id).

Edges
    Attribute ``kind`` is the relationship type: ``NEIGHBOUR_OF``,
    ``IN_DISTRICT``, ``IN_ASSOCIATION``, ``IN_STATE``, ``PARTICIPATES_IN``
    (with ``role``, ``status``, ``certainty``, ``as_of``), ``PART_OF``,
    ``IMPLEMENTS`` (with ``via``: ``direct`` or ``leika``), ``SERVED_BY``
    (with ``certainty``, ``as_of``), ``IN_SERVICE_AREA``, ``HAS_TYPE``
    (with ``answered_at``), ``HAS_ROLE``, ``USES``, ``OFFERS``.
    Direction is dropped; the node labels say which end is which.

Personal data (contact names and e-mail addresses) is never loaded.

The graph is read-only and cached per store object and write count (the web
calls :func:`load_network` per request).
"""

from __future__ import annotations

import threading
import weakref
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from ...graph.schema import (
    ASSOCIATION,
    DISTRICT,
    HAS_TYPE,
    IMPLEMENTS,
    IN_ASSOCIATION,
    IN_DISTRICT,
    IN_SERVICE_AREA,
    IN_STATE,
    MUNICIPALITY,
    MUNICIPALITY_TYPE,
    NEIGHBOUR_OF,
    ORGANISATION,
    OZG_SERVICE,
    PART_OF,
    PARTICIPATES_IN,
    PROGRAMME,
    PROJECT,
    SERVED_BY,
    SERVICE_AREA,
    STATE,
)
from ...graph.store import GraphStore
from ..cypher_files import run

__all__ = [
    "load_network",
    "clear_cache",
    "build_network",
    "node_id",
    "municipalities",
    "project_members",
    "municipality_projection",
    "MEMBER_LABELS",
    "product_key",
]

Node = tuple[str, str]

#: Labels whose nodes can take part in a project (PARTICIPATES_IN)
MEMBER_LABELS = (MUNICIPALITY, DISTRICT, ASSOCIATION, ORGANISATION)

_CACHE: weakref.WeakKeyDictionary[GraphStore, tuple[int, nx.Graph]] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def node_id(label: str, key: str) -> Node:
    """The analysis-graph node id of a store node.

    >>> node_id("Municipality", "05954036")
    ('Municipality', '05954036')
    """
    return (label, str(key))


def load_network(store: GraphStore) -> nx.Graph:
    """The analysis graph of ``store``, loaded once per store object and state.

    The returned graph is shared between callers: treat it as read-only (use
    ``G.copy()`` to change it). The next call loads it anew after a transaction
    committed through the same store object (``GraphStore.write_count``) or any
    write the store's ``change_token`` sees (on Ladybug also a single statement
    outside a transaction, or another process's write).
    """
    with _LOCK:
        state = (store.write_count, store.change_token())
        hit = _CACHE.get(store)
        if hit is None or hit[0] != state:
            G = build_network(store)
            nx.freeze(G)
            hit = _CACHE[store] = (state, G)
        return hit[1]


def clear_cache(store: GraphStore | None = None) -> None:
    """Forget the cached analysis graph of ``store`` (of every store if None)."""
    with _LOCK:
        if store is None:
            _CACHE.clear()
        else:
            _CACHE.pop(store, None)


def _add(G: nx.Graph, label: str, key: Any, **attrs: Any) -> Node:
    n = (label, str(key))
    G.add_node(n, label=label, key=str(key), **attrs)
    return n


def _link(G: nx.Graph, u: Node, v: Node, kind: str, **attrs: Any) -> None:
    if u in G and v in G:
        if G.has_edge(u, v):  # e.g. the same membership from two datasets
            G[u][v].update({k: x for k, x in attrs.items() if x is not None})
        else:
            G.add_edge(u, v, kind=kind, **attrs)


def build_network(store: GraphStore) -> nx.Graph:
    """Read the analysis graph from ``store`` (uncached; see :func:`load_network`)."""
    G = nx.Graph(name="kommunalgraph")
    _add_territory(G, store)
    _add_projects(G, store)
    _add_topics(G, store)
    _add_profiles(G, store)
    _add_products(G, store)
    return G


def _add_territory(G: nx.Graph, store: GraphStore) -> None:
    """Länder, Kreise, Gemeindeverbände, municipalities and their borders."""
    for r in run(store, "graph_states"):
        _add(G, STATE, r["key"], name=r["name"])
    for r in run(store, "graph_districts"):
        d = _add(G, DISTRICT, r["key"], name=r["name"], kind=r["kind"],
                 state=r["state"] or str(r["key"])[:2])
        _link(G, d, (STATE, d[1][:2] if r["state"] is None else r["state"]), IN_STATE)
    for r in run(store, "graph_associations"):
        v = _add(G, ASSOCIATION, r["key"], name=r["name"], kind=r["kind"],
                 district=r["district"])
        if r["district"]:
            _link(G, v, (DISTRICT, r["district"]), IN_DISTRICT)
    for r in run(store, "graph_municipalities"):
        ags = r["ags"]
        m = _add(
            G, MUNICIPALITY, ags, name=r["name"] or r["official_name"] or ags,
            official_name=r["official_name"], population=r["population"],
            area_km2=r["area_km2"], lat=r["lat"], lon=r["lon"],
            urbanisation=r["urbanisation"], urbanisation_code=r["urbanisation_code"],
            legal_type=r["legal_type"], district=r["district"] or ags[:5], state=ags[:2],
            association=r["association"],
        )
        if r["district"]:
            _link(G, m, (DISTRICT, r["district"]), IN_DISTRICT)
        if r["association"]:
            _link(G, m, (ASSOCIATION, r["association"]), IN_ASSOCIATION)
    for r in run(store, "graph_neighbours"):
        _link(G, (MUNICIPALITY, r["a"]), (MUNICIPALITY, r["b"]), NEIGHBOUR_OF,
              contact=r["contact"])


def _add_projects(G: nx.Graph, store: GraphStore) -> None:
    """Programmes, projects, organisations, memberships and IT providers."""
    for r in run(store, "graph_programmes"):
        _add(G, PROGRAMME, r["id"], name=r["name"] or r["id"], funder=r["funder"])
    for r in run(store, "graph_projects"):
        p = (PROJECT, str(r["id"]))
        if p not in G:
            _add(G, PROJECT, r["id"], name=r["name"] or r["id"], kind=r["kind"],
                 status=r["status"], start_date=r["start_date"],
                 open_source=r["open_source"])
        if r["programme"]:
            _link(G, p, (PROGRAMME, r["programme"]), PART_OF)
    for r in run(store, "graph_organisations"):
        _add(G, ORGANISATION, r["id"], name=r["name"] or r["id"], kind=r["kind"],
             seat=r["seat"])
    for r in run(store, "graph_participation"):
        _link(G, (r["label"], r["key"]), (PROJECT, r["project"]), PARTICIPATES_IN,
              role=r["role"], status=r["status"], certainty=r["certainty"], as_of=r["as_of"])
    for r in run(store, "graph_served_by"):
        _link(G, (r["label"], r["key"]), (ORGANISATION, r["organisation"]), SERVED_BY,
              certainty=r["certainty"], as_of=r["as_of"])


def _area(G: nx.Graph, key: str, name: str | None) -> Node:
    a = (SERVICE_AREA, key)
    if a not in G:
        _add(G, SERVICE_AREA, key, name=name or key)
    return a


def _add_topics(G: nx.Graph, store: GraphStore) -> None:
    """OZG-Leistungen, Themenfelder and which projects implement them."""
    for r in run(store, "graph_ozg"):
        o = _add(G, OZG_SERVICE, r["ozg_id"], name=r["name"] or r["ozg_id"], area=r["area"])
        if r["area"]:
            _link(G, o, _area(G, r["area"], r["area_name"]), IN_SERVICE_AREA)
    for r in run(store, "graph_implements"):
        _link(G, (PROJECT, r["project"]), (OZG_SERVICE, r["ozg_id"]), IMPLEMENTS,
              via=r["via"])
    for r in run(store, "graph_project_areas"):
        _link(G, (PROJECT, r["project"]), _area(G, r["area"], r["area_name"]), IMPLEMENTS,
              via="direct")


#: product names that name no product (compared case-insensitively)
GENERIC_PRODUCTS = frozenset({"eigenentwicklung", "bürgerhaushalt", "bürgerbudget",
                              "mängelmelder", "sonstiges", "unbekannt", "unknown", ""})


def product_key(component: str, component_name: str | None,
                product: str | None) -> tuple[str, ...] | None:
    """The key of a product in use, or None when the name names no product.

    >>> product_key("ratsinformationssystem", "Ratsinformationssystem", "ALLRIS")
    ('product', 'ratsinformationssystem', 'ALLRIS', 'Ratsinformationssystem')
    >>> product_key("buergerhaushalt", "Bürgerhaushalt", "Bürgerhaushalt") is None
    True
    """
    if not product or product.strip().casefold() in GENERIC_PRODUCTS:
        return None
    if component_name and product.strip().casefold() == component_name.casefold():
        return None
    return ("product", component, product.strip(), component_name or component)


def _add_products(G: nx.Graph, store: GraphStore) -> None:
    """Products in use and shared platforms, as node attributes of each municipality
    (``products``, ``platforms``: sorted tuples of keys; see the partner finder's
    ``same_product`` signal). Historical facts and generic names do not count."""
    found: dict[Node, set[tuple[str, ...]]] = defaultdict(set)
    for r in run(store, "graph_products"):
        key = product_key(r["component"], r["component_name"], r["product"])
        if key is not None and not r["historical"]:
            found[(MUNICIPALITY, r["ags"])].add(key)
    platforms: dict[Node, set[tuple[str, ...]]] = defaultdict(set)
    for r in run(store, "graph_platforms"):
        platforms[(MUNICIPALITY, r["ags"])].add(
            ("platform", r["platform"], r["platform_name"] or r["platform"]))
    for attr, values in (("products", found), ("platforms", platforms)):
        for node, keys in values.items():
            if node in G:
                G.nodes[node][attr] = tuple(sorted(keys))


def _add_profiles(G: nx.Graph, store: GraphStore) -> None:
    """Self-reported types, roles, components and tools."""
    for r in run(store, "graph_types"):
        t = (MUNICIPALITY_TYPE, r["id"])
        if t not in G:
            _add(G, MUNICIPALITY_TYPE, r["id"], name=r["name"] or r["id"],
                 description=r["description"])
        if r["ags"]:
            _link(G, (MUNICIPALITY, r["ags"]), t, HAS_TYPE, answered_at=r["answered_at"])
    for r in run(store, "graph_profile"):
        x = (r["label"], r["id"])
        if x not in G:
            _add(G, r["label"], r["id"], name=r["name"] or r["id"])
        _link(G, (MUNICIPALITY, r["ags"]), x, r["rel"])


def municipalities(G: nx.Graph) -> list[str]:
    """The AGS of every municipality in ``G``, sorted.

    >>> G = nx.Graph()
    >>> G.add_nodes_from([("Municipality", "2"), ("Municipality", "1"), ("Project", "p")])
    >>> municipalities(G)
    ['1', '2']
    """
    return sorted(k for (label, k) in G if label == MUNICIPALITY)


def project_members(G: nx.Graph, project: str,
                    labels: Iterable[str] = (MUNICIPALITY,)) -> list[Node]:
    """Nodes with one of ``labels`` that take part in ``project``, sorted.

    >>> G = nx.Graph()
    >>> G.add_edge(("Municipality", "1"), ("Project", "p"), kind="PARTICIPATES_IN")
    >>> G.add_edge(("District", "05954"), ("Project", "p"), kind="PARTICIPATES_IN")
    >>> project_members(G, "p")
    [('Municipality', '1')]
    >>> project_members(G, "p", labels=("Municipality", "District"))
    [('District', '05954'), ('Municipality', '1')]
    """
    p = (PROJECT, project)
    if p not in G:
        return []
    want = set(labels)
    return sorted(
        n for n, e in G[p].items() if n[0] in want and e.get("kind") == PARTICIPATES_IN
    )


def municipality_projection(G: nx.Graph) -> nx.Graph:
    """Municipalities linked when they take part in a common project (directly).

    Edge attribute ``projects`` lists the shared project ids, ``weight`` is
    their number.

    >>> G = nx.Graph()
    >>> for m in "12":
    ...     G.add_edge(("Municipality", m), ("Project", "a"), kind="PARTICIPATES_IN")
    >>> G.add_edge(("Municipality", "3"), ("Project", "b"), kind="PARTICIPATES_IN")
    >>> P = municipality_projection(G)
    >>> sorted(P.edges(data=True))
    [(('Municipality', '1'), ('Municipality', '2'), {'projects': ['a'], 'weight': 1})]
    >>> sorted(P.nodes())
    [('Municipality', '1'), ('Municipality', '2'), ('Municipality', '3')]
    """
    P = nx.Graph()
    for p in sorted(n for n in G if n[0] == PROJECT):
        members = project_members(G, p[1])
        P.add_nodes_from(members)
        for i, u in enumerate(members):
            for v in members[i + 1:]:
                if P.has_edge(u, v):
                    P[u][v]["projects"].append(p[1])
                    P[u][v]["weight"] += 1
                else:
                    P.add_edge(u, v, projects=[p[1]], weight=1)
    return P
