"""The partner finder's scoring index: the analysis graph as numpy arrays.

:func:`static_index` turns the analysis graph (:mod:`kommunalgraph.queries.network`) into
arrays over all municipalities (coordinates, Kreise, IT providers, types; cached per
graph). :func:`memberships` indexes who takes part in which project, leaving out held-out
memberships (``exclude_edges``) so that the evaluation sees no leakage. :class:`Query`
describes what one ranking is about. The distance helpers work on these arrays.

Used by :mod:`~kommunalgraph.queries.suggest`, :mod:`~kommunalgraph.queries.candidates` and
:mod:`~kommunalgraph.queries.evaluate`; not a public API.
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

from .geo import distances_km, unit_vectors
from .weights import SIGNALS, certainty_factor

__all__ = [
    "COLUMN", "Node", "Memberships", "Query", "StaticIndex", "adamic_adar_weight",
    "anchor_points", "memberships", "partner_paths", "query_distances",
    "static_index",
]

Node = tuple[str, str]


COLUMN = {s: k for k, s in enumerate(SIGNALS)}


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
    with _STATIC_LOCK:
        s = _STATIC.get(G)
        if s is None:
            s = _build_static(G)
            _STATIC[G] = s
        return s


def _build_static(G: nx.Graph) -> StaticIndex:
    # plain dict-of-dicts adjacency: iterating G[n] goes through read-only views,
    # about four times slower over 60,000 edges
    adj = adjacency(G)
    ags = sorted(k for (label, k) in G if label == "Municipality")
    pos = {a: i for i, a in enumerate(ags)}
    n = len(ags)
    attrs = [G.nodes[("Municipality", a)] for a in ags]
    nan = float("nan")

    def num(v: Any) -> float:
        return nan if v is None else float(v)

    lat = np.array([num(d.get("lat")) for d in attrs])
    lon = np.array([num(d.get("lon")) for d in attrs])
    pop = np.array([num(d.get("population")) for d in attrs])
    with np.errstate(divide="ignore", invalid="ignore"):
        logpop = np.where(pop > 0, np.log(np.where(pop > 0, pop, 1.0)), nan)
    codes = sorted({str(d.get("urbanisation_code")) for d in attrs
                    if d.get("urbanisation_code") not in (None, "")})
    cidx = {c: k for k, c in enumerate(codes)}
    urban = np.array([cidx.get(str(d.get("urbanisation_code")), -1) for d in attrs], dtype=int)
    districts = sorted({d.get("district") or a[:5] for a, d in zip(ags, attrs, strict=True)}
                       | {k for (label, k) in G if label == "District"})
    didx = {k: i for i, k in enumerate(districts)}
    district = np.array([didx[d.get("district") or a[:5]] for a, d in zip(ags, attrs, strict=True)],
                        dtype=int)
    states = sorted({a[:2] for a in ags} | {k for (label, k) in G if label == "State"})
    sidx = {k: i for i, k in enumerate(states)}
    state = np.array([sidx[a[:2]] for a in ags], dtype=int)
    neighbours: list[list[int]] = [[] for _ in range(n)]
    corners: set[tuple[int, int]] = set()
    providers: list[dict[str, tuple[float, Node | None]]] = [{} for _ in range(n)]
    group_served: dict[Node, dict[str, float]] = defaultdict(dict)
    types = sorted(k for (label, k) in G if label == "MunicipalityType")
    tidx = {t: i for i, t in enumerate(types)}
    mtype = np.full(n, -1, dtype=int)
    group_members_l: dict[Node, list[int]] = defaultdict(list)
    for i, a in enumerate(ags):
        for v, e in adj[("Municipality", a)].items():
            kind = e.get("kind")
            if kind == "NEIGHBOUR_OF" and v[0] == "Municipality" and v[1] in pos:
                neighbours[i].append(pos[v[1]])
                if e.get("contact") == "point":
                    corners.add((i, pos[v[1]]))
            elif kind == "SERVED_BY":
                providers[i][v[1]] = (certainty_factor(e.get("certainty")), None)
            elif kind == "HAS_TYPE":
                mtype[i] = tidx[v[1]]
            elif kind in ("IN_DISTRICT", "IN_ASSOCIATION"):
                group_members_l[v].append(i)
    for g in list(group_members_l) + [n_ for n_ in G if n_[0] == "District"]:
        if g not in G:
            continue
        for o, e in adj[g].items():
            if e.get("kind") == "SERVED_BY" and o[0] == "Organisation":
                group_served[g][o[1]] = certainty_factor(e.get("certainty"))
    for g, served in group_served.items():
        for i in group_members_l.get(g, ()):
            for org, f in served.items():
                if org not in providers[i]:  # a direct fact wins
                    providers[i][org] = (0.5 * f, g)
    provider_members: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, prov in enumerate(providers):
        for org, (f, _) in prov.items():
            provider_members[org].append((i, f))
    district_members = [np.array([], dtype=int) for _ in districts]
    for g, ms in group_members_l.items():
        if g[0] == "District" and g[1] in didx:
            district_members[didx[g[1]]] = np.array(sorted(ms), dtype=int)
    dlat = np.array([np.nanmean(lat[m]) if len(m) and not np.all(np.isnan(lat[m])) else nan
                     for m in district_members])
    dlon = np.array([np.nanmean(lon[m]) if len(m) and not np.all(np.isnan(lon[m])) else nan
                     for m in district_members])
    projects = sorted(k for (label, k) in G if label == "Project")
    programmes_of: dict[str, list[str]] = {}
    kind_of: dict[str, str | None] = {}
    ozg_of: dict[str, set[str]] = {}
    for p in projects:
        pn = ("Project", p)
        kind_of[p] = G.nodes[pn].get("kind")
        programmes_of[p] = sorted(v[1] for v, e in G[pn].items() if e.get("kind") == "PART_OF")
        ozg_of[p] = {v[1] for v, e in G[pn].items()
                     if e.get("kind") == "IMPLEMENTS" and v[0] == "OZGService"}
    area_of = {k: G.nodes[("OZGService", k)].get("area")
               for (label, k) in G if label == "OZGService"}
    return StaticIndex(
        G=G, ags=ags, pos=pos, lat=lat, lon=lon, logpop=logpop, urban=urban,
        district=district, districts=districts, state=state, states=states,
        neighbours=neighbours, corners=corners, providers=providers,
        provider_members=dict(provider_members),
        mtype=mtype, types=types, district_members=district_members,
        group_members={g: np.array(sorted(v), dtype=int) for g, v in group_members_l.items()},
        group_lists={g: sorted(v) for g, v in group_members_l.items()},
        projects=projects, programmes_of=programmes_of, kind_of=kind_of, ozg_of=ozg_of,
        area_of=area_of, dlat=dlat, dlon=dlon, xyz=unit_vectors(lat, lon),
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
        pn = ("Project", p)
        d: dict[int, float] = {}
        gs: list[Node] = []
        for u, e in adj[pn].items():
            if e.get("kind") != "PARTICIPATES_IN" or (excl and edge_key(u, pn) in excl):
                continue
            if u[0] == "Municipality" and u[1] in pos:
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
    pts = [(float(st.lat[a]), float(st.lon[a]), ("Municipality", st.ags[a]))
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
