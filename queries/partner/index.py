"""The partner finder's scoring index: the analysis graph as numpy arrays.

:func:`static_index` turns the analysis graph (:mod:`kommunalgraph.queries.analytics.network`) into
arrays over all municipalities (coordinates, Kreise, IT providers, types; cached per
graph). :func:`memberships` indexes who takes part in which project, leaving out held-out
memberships (``exclude_edges``) so that the evaluation sees no leakage. :class:`Query`
describes what one ranking is about. The distance helpers work on these arrays.

Used by the signals (:mod:`.signals`), :mod:`.rank`, :mod:`.suggest`, :mod:`.candidates`
and :mod:`.evaluate`; imports nothing else of the partner finder.
"""

from __future__ import annotations

import math
import threading
import weakref
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from ...graph.schema import (
    DISTRICT,
    HAS_TYPE,
    IMPLEMENTS,
    IN_ASSOCIATION,
    IN_DISTRICT,
    MUNICIPALITY,
    MUNICIPALITY_TYPE,
    NEIGHBOUR_OF,
    ORGANISATION,
    OZG_SERVICE,
    PART_OF,
    PARTICIPATES_IN,
    PROJECT,
    SERVED_BY,
    STATE,
)
from ..geo import distances_km, unit_vectors

__all__ = [
    "CERTAINTY", "Node", "Memberships", "Query", "StaticIndex", "adamic_adar_weight",
    "anchor_points", "certainty_factor", "memberships", "partner_paths", "query_distances",
    "static_index", "register_index",
]

Node = tuple[str, str]

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


@dataclass
class StaticIndex:
    """Everything that does not depend on PARTICIPATES_IN (cached per graph)."""

    G: nx.Graph
    ags: list[str]
    pos: dict[str, int]
    lat: np.ndarray
    lon: np.ndarray
    logpop: np.ndarray
    urban: np.ndarray  # int code, -1 unknown
    district: np.ndarray  # index into districts
    districts: list[str]
    state: np.ndarray
    states: list[str]
    neighbours: list[list[int]]
    corners: set[tuple[int, int]]  # neighbour pairs (both orders) that meet in a point only
    providers: list[dict[str, tuple[float, Node | None]]]
    provider_members: dict[str, list[tuple[int, float]]]
    mtype: np.ndarray  # index into types, -1 none
    types: list[str]
    district_members: list[np.ndarray]
    group_members: dict[Node, np.ndarray]
    group_lists: dict[Node, list[int]]
    projects: list[str]
    programmes_of: dict[str, list[str]]
    kind_of: dict[str, str | None]
    ozg_of: dict[str, set[str]]
    area_of: dict[str, str | None]
    dlat: np.ndarray  # district centroids
    dlon: np.ndarray
    xyz: np.ndarray  # unit vectors of the municipality centres (nan if unknown)
    lock: threading.Lock = field(default_factory=threading.Lock)
    members_cache: Any = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        del state["lock"]  # (a lock cannot be pickled; persist.py saves the index)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.lock = threading.Lock()


@dataclass
class Memberships:
    """Who takes part in what, after removing held-out memberships."""

    #: project → {municipality index: certainty factor}, direct members
    direct: dict[str, dict[int, float]]
    #: project → {municipality index: Kreis/Verband node}, members only via a group
    via: dict[str, dict[int, Node]]
    #: project → District / MunicipalAssociation / Organisation members
    groups: dict[str, list[Node]]
    #: municipality index → {project: factor} (direct) and → {project: group}
    of: dict[int, dict[str, float]]
    of_via: dict[int, dict[str, Node]]
    #: programme → {municipality index: set of projects}
    programme: dict[str, dict[int, set[str]]]
    #: kind → set of municipality indices (direct)
    kind: dict[str, set[int]]
    #: municipality projection: index → {partner index: shared projects}
    partners: dict[int, dict[int, frozenset[str]]]
    as_of: dict[tuple[int, str], str | None]


@dataclass
class Query:
    """What is being scored: the anchors, the topic, what to leave out."""

    anchors: list[int]  # municipality indices
    groups: list[Node] = field(default_factory=list)  # Kreis/Verband anchors (projects)
    topic: tuple[str, str] | None = None  # ("project"|"kind"|"ozg"|"themenfeld", value)
    topic_projects: set[str] = field(default_factory=set)
    similar_projects: dict[str, str] = field(default_factory=dict)  # project → why
    skip_project: str | None = None  # not used for co-membership signals
    exclude: set[int] = field(default_factory=set)  # never ranked
    dist: np.ndarray | None = None  # km from the anchors, filled on first use
    pts: list[tuple[float, float, Node]] | None = None  # anchor points, ditto
    paths: dict[int, list[int]] | None = None  # partner-of-partner: c → [b, ...], ditto


_STATIC: weakref.WeakKeyDictionary[nx.Graph, StaticIndex] = weakref.WeakKeyDictionary()


_STATIC_LOCK = threading.Lock()


def static_index(G: nx.Graph) -> StaticIndex:
    """The index of ``G``, built once per graph object."""
    with _STATIC_LOCK:
        s = _STATIC.get(G)
        if s is None:
            s = _build_static(G)
            _STATIC[G] = s
        return s


def register_index(st: StaticIndex) -> None:
    """Remember an index loaded from disk as the one of its graph."""
    with _STATIC_LOCK:
        _STATIC[st.G] = st


def _num(v: Any) -> float:
    return float("nan") if v is None else float(v)


def _places(attrs: list[dict[str, Any]]) -> dict[str, Any]:
    """Coordinates, log population and Verstädterung class of every municipality."""
    nan = float("nan")
    lat = np.array([_num(d.get("lat")) for d in attrs])
    lon = np.array([_num(d.get("lon")) for d in attrs])
    pop = np.array([_num(d.get("population")) for d in attrs])
    with np.errstate(divide="ignore", invalid="ignore"):
        logpop = np.where(pop > 0, np.log(np.where(pop > 0, pop, 1.0)), nan)
    codes = sorted({str(d.get("urbanisation_code")) for d in attrs
                    if d.get("urbanisation_code") not in (None, "")})
    cidx = {c: k for k, c in enumerate(codes)}
    urban = np.array([cidx.get(str(d.get("urbanisation_code")), -1) for d in attrs], dtype=int)
    return {"lat": lat, "lon": lon, "logpop": logpop, "urban": urban, "xyz": unit_vectors(lat, lon)}


def _areas(G: nx.Graph, ags: list[str], attrs: list[dict[str, Any]]) -> dict[str, Any]:
    """Kreis and Land of every municipality, as indices into sorted key lists."""
    own = [d.get("district") or a[:5] for a, d in zip(ags, attrs, strict=True)]
    districts = sorted(set(own) | {k for (label, k) in G if label == DISTRICT})
    didx = {k: i for i, k in enumerate(districts)}
    states = sorted({a[:2] for a in ags} | {k for (label, k) in G if label == STATE})
    sidx = {k: i for i, k in enumerate(states)}
    return {"districts": districts, "district": np.array([didx[d] for d in own], dtype=int),
            "states": states, "state": np.array([sidx[a[:2]] for a in ags], dtype=int)}


def _own_edges(G: nx.Graph, adj: Any, ags: list[str], pos: dict[str, int]) -> dict[str, Any]:
    """One pass over each municipality's edges: neighbours, IT providers, type, groups."""
    n = len(ags)
    neighbours: list[list[int]] = [[] for _ in range(n)]
    corners: set[tuple[int, int]] = set()
    providers: list[dict[str, tuple[float, Node | None]]] = [{} for _ in range(n)]
    types = sorted(k for (label, k) in G if label == MUNICIPALITY_TYPE)
    tidx = {t: i for i, t in enumerate(types)}
    mtype = np.full(n, -1, dtype=int)
    groups: dict[Node, list[int]] = defaultdict(list)
    for i, a in enumerate(ags):
        for v, e in adj[(MUNICIPALITY, a)].items():
            kind = e.get("kind")
            if kind == NEIGHBOUR_OF and v[0] == MUNICIPALITY and v[1] in pos:
                neighbours[i].append(pos[v[1]])
                if e.get("contact") == "point":
                    corners.add((i, pos[v[1]]))
            elif kind == SERVED_BY:
                providers[i][v[1]] = (certainty_factor(e.get("certainty")), None)
            elif kind == HAS_TYPE:
                mtype[i] = tidx[v[1]]
            elif kind in (IN_DISTRICT, IN_ASSOCIATION):
                groups[v].append(i)
    return {"neighbours": neighbours, "corners": corners, "providers": providers,
            "types": types, "mtype": mtype, "groups": groups}


def _inherit_providers(G: nx.Graph, adj: Any, groups: dict[Node, list[int]],
                       providers: list[dict[str, tuple[float, Node | None]]]
                       ) -> dict[str, list[tuple[int, float]]]:
    """Add the IT providers of each town's Kreis/Verband (half weight, a direct fact
    wins) to ``providers``; return provider → [(municipality, factor)]."""
    group_served: dict[Node, dict[str, float]] = defaultdict(dict)
    for g in list(groups) + [n_ for n_ in G if n_[0] == DISTRICT]:
        if g not in G:
            continue
        for o, e in adj[g].items():
            if e.get("kind") == SERVED_BY and o[0] == ORGANISATION:
                group_served[g][o[1]] = certainty_factor(e.get("certainty"))
    for g, served in group_served.items():
        for i in groups.get(g, ()):
            for org, f in served.items():
                if org not in providers[i]:  # a direct fact wins
                    providers[i][org] = (0.5 * f, g)
    members: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, prov in enumerate(providers):
        for org, (f, _) in prov.items():
            members[org].append((i, f))
    return dict(members)


def _district_centres(districts: list[str], groups: dict[Node, list[int]], lat: np.ndarray,
                      lon: np.ndarray) -> dict[str, Any]:
    """Members of each Kreis and the mean of their coordinates."""
    didx = {k: i for i, k in enumerate(districts)}
    members = [np.array([], dtype=int) for _ in districts]
    for g, ms in groups.items():
        if g[0] == DISTRICT and g[1] in didx:
            members[didx[g[1]]] = np.array(sorted(ms), dtype=int)

    def centre(xs: np.ndarray) -> np.ndarray:
        return np.array([np.nanmean(xs[m]) if len(m) and not np.all(np.isnan(lat[m]))
                         else float("nan") for m in members])

    return {"district_members": members, "dlat": centre(lat), "dlon": centre(lon)}


def _projects(G: nx.Graph) -> dict[str, Any]:
    """Projects with their programmes, kind and OZG services; the Themenfeld of each service."""
    projects = sorted(k for (label, k) in G if label == PROJECT)
    programmes_of: dict[str, list[str]] = {}
    kind_of: dict[str, str | None] = {}
    ozg_of: dict[str, set[str]] = {}
    for p in projects:
        pn = (PROJECT, p)
        kind_of[p] = G.nodes[pn].get("kind")
        programmes_of[p] = sorted(v[1] for v, e in G[pn].items() if e.get("kind") == PART_OF)
        ozg_of[p] = {v[1] for v, e in G[pn].items()
                     if e.get("kind") == IMPLEMENTS and v[0] == OZG_SERVICE}
    area_of = {k: G.nodes[(OZG_SERVICE, k)].get("area")
               for (label, k) in G if label == OZG_SERVICE}
    return {"projects": projects, "programmes_of": programmes_of, "kind_of": kind_of,
            "ozg_of": ozg_of, "area_of": area_of}


def _build_static(G: nx.Graph) -> StaticIndex:
    # plain dict-of-dicts adjacency: iterating G[n] goes through read-only views,
    # about four times slower over 60,000 edges
    adj = adjacency(G)
    ags = sorted(k for (label, k) in G if label == MUNICIPALITY)
    pos = {a: i for i, a in enumerate(ags)}
    attrs = [G.nodes[(MUNICIPALITY, a)] for a in ags]
    places = _places(attrs)
    areas = _areas(G, ags, attrs)
    edges = _own_edges(G, adj, ags, pos)
    groups = edges.pop("groups")
    provider_members = _inherit_providers(G, adj, groups, edges["providers"])
    return StaticIndex(
        G=G, ags=ags, pos=pos, **places, **areas, **edges,
        provider_members=provider_members,
        **_district_centres(areas["districts"], groups, places["lat"], places["lon"]),
        group_members={g: np.array(sorted(v), dtype=int) for g, v in groups.items()},
        group_lists={g: sorted(v) for g, v in groups.items()},
        **_projects(G),
    )


def adjacency(G: nx.Graph) -> Any:
    """The adjacency dict of a plain graph (``G._adj``), else the public view."""
    raw = getattr(G, "_adj", None)
    return raw if type(G) in (nx.Graph, nx.DiGraph) and isinstance(raw, dict) else G.adj


def edge_key(u: Hashable, v: Hashable) -> frozenset[Hashable]:
    return frozenset((u, v))


def memberships(st: StaticIndex,
                exclude_edges: Iterable[tuple[Node, Node]] | None = None) -> Memberships:
    """Who takes part in what; memberships in ``exclude_edges`` are left out.

    Without ``exclude_edges`` the result is cached on ``st``.
    """
    excl = {edge_key(u, v) for u, v in (exclude_edges or ())}
    if not excl and st.members_cache is not None:
        return st.members_cache  # type: ignore[no-any-return]
    G, pos = st.G, st.pos
    adj = adjacency(G)
    direct: dict[str, dict[int, float]] = {}
    via: dict[str, dict[int, Node]] = {}
    groups: dict[str, list[Node]] = {}
    of: dict[int, dict[str, float]] = defaultdict(dict)
    of_via: dict[int, dict[str, Node]] = defaultdict(dict)
    programme: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    kind: dict[str, set[int]] = defaultdict(set)
    as_of: dict[tuple[int, str], str | None] = {}
    for p in st.projects:
        pn = (PROJECT, p)
        d: dict[int, float] = {}
        gs: list[Node] = []
        for u, e in adj[pn].items():
            if e.get("kind") != PARTICIPATES_IN or (excl and edge_key(u, pn) in excl):
                continue
            if u[0] == MUNICIPALITY and u[1] in pos:
                i = pos[u[1]]
                d[i] = certainty_factor(e.get("certainty"))
                as_of[(i, p)] = e.get("as_of") or G.nodes[pn].get("start_date")
            else:
                gs.append(u)
        gs.sort()
        v: dict[int, Node] = {}
        for g in gs:
            for i in st.group_lists.get(g, ()):
                if i not in d and i not in v:
                    v[i] = g
        direct[p], via[p], groups[p] = d, v, gs
        for i, f in d.items():
            of[i][p] = f
            kind[st.kind_of.get(p) or "other"].add(i)
            for g in st.programmes_of.get(p, ()):
                programme[g][i].add(p)
        for i, g in v.items():
            of_via[i][p] = g
    shared: dict[int, dict[int, list[str]]] = defaultdict(dict)
    for p, d in direct.items():
        ms = sorted(d)
        for x in ms:
            for y in ms:
                if x != y:
                    shared[x].setdefault(y, []).append(p)
    partners = {x: {y: frozenset(ps) for y, ps in ys.items()} for x, ys in shared.items()}
    m = Memberships(direct=direct, via=via, groups=groups, of=dict(of), of_via=dict(of_via),
                    programme={g: dict(v) for g, v in programme.items()}, kind=dict(kind),
                    partners=partners, as_of=as_of)
    if not excl:
        st.members_cache = m
    return m


def anchor_points(st: StaticIndex, q: Query) -> list[tuple[float, float, Node]]:
    """Anchor locations: member towns, and the centres of member Kreise/Verbände."""
    if q.pts is not None:
        return q.pts
    pts = [(float(st.lat[a]), float(st.lon[a]), (MUNICIPALITY, st.ags[a]))
           for a in q.anchors if not np.isnan(st.lat[a])]
    for g in q.groups:
        ms = st.group_members.get(g)
        if ms is not None and len(ms) and not np.all(np.isnan(st.lat[ms])):
            pts.append((float(np.nanmean(st.lat[ms])), float(np.nanmean(st.lon[ms])), g))
    q.pts = pts
    return pts


def query_distances(st: StaticIndex, q: Query) -> np.ndarray:
    """Distances of every municipality from the query's anchors (cached on ``q``)."""
    if q.dist is None:
        q.dist = distances_km(anchor_points(st, q), st.lat, st.lon, st.xyz)
    return q.dist


def two_step(mb: Memberships, a: int, skip: str | None) -> list[tuple[int, int]]:
    """(b, c): b is a project partner of a, c one of b through a project a is not in."""
    mine = set(mb.of.get(a, ())) | {skip}
    skip_only = {skip}
    out = []
    for b, ps in mb.partners.get(a, {}).items():
        if ps <= skip_only:
            continue
        for c, ps2 in mb.partners.get(b, {}).items():
            if c != a and not ps2 <= mine:
                out.append((b, c))
    return out


def partner_paths(mb: Memberships, q: Query) -> dict[int, list[int]]:
    """Partner-of-partner paths of the query: c → the partners b (once per anchor)."""
    if q.paths is None:
        paths: dict[int, list[int]] = defaultdict(list)
        for a in q.anchors:
            for b, c in two_step(mb, a, q.skip_project):
                paths[c].append(b)
        q.paths = dict(paths)
    return q.paths


def adamic_adar_weight(deg: int) -> float:
    """Adamic–Adar weight of a shared neighbour of degree ``deg`` (1 / ln deg, deg ≥ 2).

    >>> round(adamic_adar_weight(2), 4), round(adamic_adar_weight(10), 4)
    (1.4427, 0.4343)
    """
    return 1.0 / math.log(max(deg, 2))
