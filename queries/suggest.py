"""Partner suggestions: "Mit wem können wir das gemeinsam machen?"

:func:`suggest` ranks municipalities (and optionally Kreise) as partners of one
municipality, overall or for a topic (a project, a project kind, an OZG
service or a Themenfeld). :func:`kommunalgraph.queries.candidates.candidates`
ranks municipalities that could join a project. Both score every candidate
with the same signals, each computed on the analysis graph
(:mod:`kommunalgraph.queries.network`) and weighted by
:class:`~kommunalgraph.queries.weights.Weights`::

    score = sum(weight[signal] * value[signal])

and explain every result with ``reasons`` [{signal, value, contribution,
text_de}], one German sentence per signal that contributed.

The signals (values as documented in :mod:`kommunalgraph.queries.weights`):

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
"""

from __future__ import annotations

import math
import threading
import weakref
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from ..graph.errors import InputError, UnknownEntity, UnknownMunicipality
from ..graph.store import GraphStore
from .network import load_network
from .weights import DEFAULT, SIGNALS, Weights, certainty_factor

__all__ = ["suggest", "KIND_DE", "fmt_km", "fmt_int_de"]

Node = tuple[str, str]

#: German names of project kinds (nominative with article, for reason texts)
KIND_DE: dict[str, tuple[str, str]] = {
    # kind: (noun, with indefinite article)
    "smart-city": ("Smart-City-Projekt", "ein Smart-City-Projekt"),
    "digital-region": ("Digitale Modellregion", "eine Digitale Modellregion"),
    "city-app": ("Stadt-App", "eine Stadt-App"),
    "village-app": ("Dorf-App", "eine Dorf-App"),
    "e-akte": ("E-Akte", "eine E-Akte"),
    "ozg-service": ("OZG-Leistung", "eine OZG-Leistung"),
    "software": ("gemeinsame Software", "eine gemeinsame Software"),
    "cooperation": ("interkommunale Kooperation", "eine interkommunale Kooperation"),
    "state-funding": ("Landesförderprojekt", "ein Landesförderprojekt"),
    "federal-funding": ("Bundesförderprojekt", "ein Bundesförderprojekt"),
    "portal": ("Portal", "ein Portal"),
    "network": ("Netzwerk", "ein Netzwerk"),
    "other": ("Projekt", "ein Projekt"),
}

_F = {s: k for k, s in enumerate(SIGNALS)}
_GROUP_REL = {"District": "IN_DISTRICT", "MunicipalAssociation": "IN_ASSOCIATION"}


def fmt_int_de(n: float | None) -> str:
    """German thousands separator.

    >>> fmt_int_de(95123)
    '95.123'
    """
    return "–" if n is None else f"{int(round(n)):,}".replace(",", ".")


def fmt_km(d: float) -> str:
    """Distance for reason texts: whole km, one decimal below 10 km.

    >>> fmt_km(34.4), fmt_km(3.44)
    ('34 km', '3,4 km')
    """
    return f"{d:.1f} km".replace(".", ",") if d < 10 else f"{d:.0f} km"


def _year(s: str | None) -> str | None:
    return s[:4] if s and s[:4].isdigit() else None


# -- the index ----------------------------------------------------------------


@dataclass
class _Static:
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
class _Members:
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


_STATIC: weakref.WeakKeyDictionary[nx.Graph, _Static] = weakref.WeakKeyDictionary()
_STATIC_LOCK = threading.Lock()


def _static(G: nx.Graph) -> _Static:
    with _STATIC_LOCK:
        s = _STATIC.get(G)
        if s is None:
            s = _build_static(G)
            _STATIC[G] = s
        return s


def _build_static(G: nx.Graph) -> _Static:
    # plain dict-of-dicts adjacency: iterating G[n] goes through read-only views,
    # about four times slower over 60,000 edges
    adj = _adjacency(G)
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
    return _Static(
        G=G, ags=ags, pos=pos, lat=lat, lon=lon, logpop=logpop, urban=urban,
        district=district, districts=districts, state=state, states=states,
        neighbours=neighbours, corners=corners, providers=providers,
        provider_members=dict(provider_members),
        mtype=mtype, types=types, district_members=district_members,
        group_members={g: np.array(sorted(v), dtype=int) for g, v in group_members_l.items()},
        group_lists={g: sorted(v) for g, v in group_members_l.items()},
        projects=projects, programmes_of=programmes_of, kind_of=kind_of, ozg_of=ozg_of,
        area_of=area_of, dlat=dlat, dlon=dlon, xyz=_unit(lat, lon),
    )


def _adjacency(G: nx.Graph) -> Any:
    """The adjacency dict of a plain graph (``G._adj``), else the public view."""
    raw = getattr(G, "_adj", None)
    return raw if type(G) in (nx.Graph, nx.DiGraph) and isinstance(raw, dict) else G.adj


def _edge_key(u: Hashable, v: Hashable) -> frozenset[Hashable]:
    return frozenset((u, v))


def _members(st: _Static, exclude_edges: Iterable[tuple[Node, Node]] | None = None) -> _Members:
    excl = {_edge_key(u, v) for u, v in (exclude_edges or ())}
    if not excl and st.members_cache is not None:
        return st.members_cache  # type: ignore[no-any-return]
    G, pos = st.G, st.pos
    adj = _adjacency(G)
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
            if e.get("kind") != "PARTICIPATES_IN" or (excl and _edge_key(u, pn) in excl):
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
    m = _Members(direct=direct, via=via, groups=groups, of=dict(of), of_via=dict(of_via),
                 programme={g: dict(v) for g, v in programme.items()}, kind=dict(kind),
                 partners=partners, as_of=as_of)
    if not excl:
        st.members_cache = m
    return m


# -- queries --------------------------------------------------------------------


@dataclass
class _Query:
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


def _topic(st: _Static, mb: _Members, *, project: str | None, kind: str | None,
           ozg: str | None, themenfeld: str | None) -> tuple[tuple[str, str] | None,
                                                             set[str], dict[str, str]]:
    given = [(k, v) for k, v in (("project", project), ("kind", kind), ("ozg", ozg),
                                 ("themenfeld", themenfeld)) if v]
    if len(given) > 1:
        raise InputError("only one topic allowed",
                         "Bitte nur eines angeben: --project, --kind, --ozg oder --themenfeld.")
    if not given:
        return None, set(), {}
    what, value = given[0]
    G = st.G
    similar: dict[str, str] = {}
    if what == "project":
        if ("Project", value) not in G:
            raise UnknownEntity(f"unknown project {value!r}",
                                f"Kein Projekt mit der ID „{value}“ gefunden.")
        topic = {value}
        progs = set(st.programmes_of.get(value, ()))
        k = st.kind_of.get(value)
        for q in st.projects:
            if q == value:
                continue
            shared = sorted(progs & set(st.programmes_of.get(q, ())))
            if shared:
                similar[q] = "programme:" + shared[0]
            elif k and st.kind_of.get(q) == k:
                similar[q] = "kind:" + k
    elif what == "kind":
        known = {k for k in st.kind_of.values() if k}
        if value not in known and value not in KIND_DE:
            raise InputError(f"unknown kind {value!r}",
                             f"Unbekannte Projektart „{value}“. Bekannt: "
                             + ", ".join(sorted(known or KIND_DE)) + ".")
        topic = {p for p in st.projects if st.kind_of.get(p) == value}
    elif what == "ozg":
        if ("OZGService", value) not in G:
            raise UnknownEntity(f"unknown OZG service {value!r}",
                                f"Keine OZG-Leistung mit der ID „{value}“ gefunden.")
        topic = {p for p in st.projects if value in st.ozg_of.get(p, ())}
        area = st.area_of.get(value)
        if area:
            for q in st.projects:
                if q not in topic and any(st.area_of.get(o) == area for o in st.ozg_of[q]):
                    similar[q] = "area:" + area
    else:
        area = _resolve_area(G, value)
        value = area
        topic = {p for p in st.projects
                 if any(st.area_of.get(o) == area for o in st.ozg_of.get(p, ()))}
    return (what, value), topic, similar


def _resolve_area(G: nx.Graph, text: str) -> str:
    from ..graph.resolve import normalise

    areas = {k: G.nodes[("ServiceArea", k)].get("name") or k
             for (label, k) in G if label == "ServiceArea"}
    if text in areas:
        return text
    t = normalise(text)
    hits = sorted(k for k, name in areas.items() if normalise(name) == t)
    if not hits:
        hits = sorted(k for k, name in areas.items() if normalise(name).startswith(t))
    if len(hits) == 1:
        return hits[0]
    listing = ", ".join(sorted(areas[k] for k in (hits or areas)))
    raise UnknownEntity(f"unknown Themenfeld {text!r}",
                        f"Themenfeld „{text}“ nicht eindeutig gefunden. Themenfelder: {listing}.")


def _haversine(lat0: float, lon0: float, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    p1, p2 = math.radians(lat0), np.radians(lat)
    dp, dl = p2 - p1, np.radians(lon - lon0)
    a = np.sin(dp / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * 6371.0088 * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def _points(st: _Static, q: _Query) -> list[tuple[float, float, Node]]:
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


_R_KM = 6371.0088


def _unit(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Unit vectors (3 × n, rows contiguous) of points given in degrees."""
    la, lo = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)])


def _distances(pts: Sequence[tuple[float, float, Node]], lat: np.ndarray,
               lon: np.ndarray, xyz: np.ndarray | None = None) -> np.ndarray:
    """km (great circle) from the nearest anchor point (nan where unknown).

    Elementwise numpy, no BLAS: a 10,751 × k matrix product is slower under
    thread contention than k fused multiply-adds.
    """
    if not pts:
        return np.full(len(lat), np.nan)
    P = _unit(np.array([p[0] for p in pts]), np.array([p[1] for p in pts]))
    V = _unit(lat, lon) if xyz is None else xyz
    cos = np.full(V.shape[1], -1.0)
    for k in range(P.shape[1]):
        np.fmax(cos, V[0] * P[0, k] + V[1] * P[1, k] + V[2] * P[2, k], out=cos)
    unknown = np.isnan(V[0])
    cos[unknown] = 1.0
    d = _R_KM * np.arccos(np.clip(cos, -1.0, 1.0))
    d[unknown] = np.nan
    return d


def _score(X: np.ndarray, weights: Sequence[float]) -> np.ndarray:
    """X @ weights, column by column (X is column-major; no BLAS, see above)."""
    out = np.zeros(X.shape[0])
    for k, w in enumerate(weights):
        if w:
            out += w * X[:, k]
    return out


def _query_distances(st: _Static, q: _Query) -> np.ndarray:
    """Distances of every municipality from the query's anchors (cached on ``q``)."""
    if q.dist is None:
        q.dist = _distances(_points(st, q), st.lat, st.lon, st.xyz)
    return q.dist


def _two_step(mb: _Members, a: int, skip: str | None) -> list[tuple[int, int]]:
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


def _paths(mb: _Members, q: _Query) -> dict[int, list[int]]:
    """Partner-of-partner paths of the query: c → the partners b (once per anchor)."""
    if q.paths is None:
        paths: dict[int, list[int]] = defaultdict(list)
        for a in q.anchors:
            for b, c in _two_step(mb, a, q.skip_project):
                paths[c].append(b)
        q.paths = dict(paths)
    return q.paths


def _scatter(col: np.ndarray, acc: dict[int, float]) -> None:
    """Add the accumulated values to a feature column in one numpy operation."""
    if acc:
        col[np.fromiter(acc.keys(), dtype=int, count=len(acc))] += np.fromiter(
            acc.values(), dtype=float, count=len(acc))


def _aa(deg: int) -> float:
    """Adamic–Adar weight of a shared neighbour of degree ``deg``."""
    return 1.0 / math.log(max(deg, 2))


def _features(st: _Static, mb: _Members, q: _Query, *, wt: Weights = DEFAULT) -> np.ndarray:
    """The signal values of every municipality (rows) for query ``q`` (columns)."""
    n = len(st.ags)
    X = np.zeros((n, len(SIGNALS)), order="F")  # columns contiguous
    anchors = q.anchors
    skip = q.skip_project
    # -- network signals (sums over anchors) --
    sp: dict[int, float] = defaultdict(float)
    spk: dict[int, float] = defaultdict(float)
    for a in anchors:
        for p in mb.of.get(a, ()):
            if p == skip:
                continue
            w = _aa(len(mb.direct[p]) + len(mb.via[p]))
            for c in mb.direct[p]:
                sp[c] += w
            for c in mb.via[p]:
                spk[c] += w
        for p in mb.of_via.get(a, ()):
            if p == skip:
                continue
            w = _aa(len(mb.direct[p]) + len(mb.via[p]))
            for c in mb.direct[p]:
                spk[c] += w
    _scatter(X[:, _F["shared_project"]], sp)
    _scatter(X[:, _F["shared_project_kreis"]], spk)
    acc: dict[int, float] = defaultdict(float)
    for a in anchors:
        mine = set(mb.of.get(a, ())) | {skip}
        progs = {g for p in mine if p != skip for g in st.programmes_of.get(p, ())}
        for g in progs:
            members = mb.programme.get(g, {})
            w = _aa(len(members))
            for c, ps in members.items():
                if not ps <= mine:
                    acc[c] += w
    _scatter(X[:, _F["shared_programme"]], acc)
    acc = defaultdict(float)
    for a in anchors:
        kinds = {st.kind_of.get(p) or "other" for p in mb.of.get(a, ()) if p != skip}
        for k in kinds:
            members = mb.kind.get(k, set())
            w = 1.0 / math.log(1 + len(members))
            for c in members:
                acc[c] += w
    _scatter(X[:, _F["similar_project"]], acc)
    _scatter(X[:, _F["partner_of_partner"]],
             {c: sum(1.0 / len(mb.partners[b]) for b in bs) for c, bs in _paths(mb, q).items()})
    # -- experience --
    for p in q.topic_projects:
        for c, f in mb.direct.get(p, {}).items():
            X[c, _F["experience"]] = max(X[c, _F["experience"]], f)
        for c in mb.via.get(p, {}):
            X[c, _F["experience_kreis"]] = 1.0
    for p in q.similar_projects:
        for c in mb.direct.get(p, {}):
            X[c, _F["similar_experience"]] = 1.0
    if q.anchors or q.groups:
        d = _query_distances(st, q)
        known = ~np.isnan(d)
        X[known, _F["distance_near"]] = np.exp(-d[known] / wt.distance_near_km)
        X[known, _F["distance_far"]] = np.exp(-d[known] / wt.distance_far_km)
    states = {st.states[st.state[a]] for a in anchors} | {g[1][:2] for g in q.groups}
    X[:, _F["same_land"]] = np.isin(st.state, [st.states.index(k) for k in states
                                               if k in st.states])
    if anchors:
        A = np.array(anchors, dtype=int)
        # -- geography --
        cnt = np.zeros(n)
        for a in anchors:
            for c in st.neighbours[a]:
                cnt[c] += 1
        X[:, _F["border"]] = np.log2(1 + cnt)
        X[:, _F["same_kreis"]] = np.isin(st.district, st.district[A])
        # -- profile --
        lp = st.logpop[A]
        lp = lp[~np.isnan(lp)]
        if len(lp):
            ref = float(np.median(lp))
            ok = ~np.isnan(st.logpop)
            X[ok, _F["size"]] = np.exp(-np.abs(st.logpop[ok] - ref))
        ua = st.urban[A]
        ua = ua[ua >= 0]
        if len(ua):
            share = np.bincount(ua, minlength=int(st.urban.max()) + 1) / len(ua)
            ok = st.urban >= 0
            X[ok, _F["urbanisation"]] = share[st.urban[ok]]
        best: dict[str, float] = {}
        for a in anchors:
            for org, (fa, _) in st.providers[a].items():
                best[org] = max(best.get(org, 0.0), fa)
        it: dict[int, float] = {}
        for org, fa in best.items():
            for c, fc in st.provider_members.get(org, ()):
                if fa * fc > it.get(c, 0.0):
                    it[c] = fa * fc
        _scatter(X[:, _F["it_provider"]], it)
        ta = st.mtype[A]
        ta = ta[ta >= 0]
        if len(ta):
            has = st.mtype >= 0
            same = np.isin(st.mtype, ta)
            X[:, _F["type_same"]] = has & same
            X[:, _F["type_complementary"]] = has & ~same
    return X


# -- explanations ---------------------------------------------------------------


def _pname(G: nx.Graph, p: str) -> str:
    return str(G.nodes[("Project", p)].get("name") or p)


def _names(items: Sequence[str], limit: int = 3) -> str:
    items = list(items)
    quoted = [f"„{x}“" for x in items[:limit]]
    more = f" und {len(items) - limit} weitere" if len(items) > limit else ""
    if len(quoted) > 1 and not more:
        return ", ".join(quoted[:-1]) + " und " + quoted[-1]
    return ", ".join(quoted) + more


def _plain(items: Sequence[str], limit: int = 3) -> str:
    items = list(items)
    more = f" und {len(items) - limit} weitere" if len(items) > limit else ""
    head = items[:limit]
    if len(head) > 1 and not more:
        return ", ".join(head[:-1]) + " und " + head[-1]
    return ", ".join(head) + more


def _reasons(st: _Static, mb: _Members, q: _Query, c: int, x: np.ndarray, wt: Weights,
             for_project: bool) -> list[dict[str, Any]]:
    """German reasons for candidate ``c`` with feature row ``x``: one per signal > 0."""
    G = st.G
    w = wt.signal_weights()
    name = {i: G.nodes[("Municipality", st.ags[i])]["name"] for i in [*q.anchors, c]}
    who = "Mitglied " if for_project else ""
    single = len(q.anchors) == 1
    a0 = q.anchors[0] if q.anchors else None
    out: list[dict[str, Any]] = []

    def add(signal: str, value: Any, contribution: float, text: str) -> None:
        if contribution > 0:
            out.append({"signal": signal, "value": value, "contribution": round(contribution, 4),
                        "text_de": text})

    skip = q.skip_project
    if x[_F["shared_project"]] > 0:
        shared = sorted({p for a in q.anchors for p in mb.of.get(a, ())
                         if p != skip and c in mb.direct[p]})
        listed = _names([_pname(G, p) for p in shared])
        text = (f"Beide nehmen an {listed} teil" if single
                else f"Arbeitet schon mit Mitgliedern zusammen: {listed}")
        add("shared_project", shared, w["shared_project"] * x[_F["shared_project"]], text)
    if x[_F["shared_project_kreis"]] > 0:
        items = []
        for a in q.anchors:
            for p in mb.of.get(a, ()):
                if p != skip and c in mb.via[p]:
                    items.append((p, mb.via[p][c], None))
            for p in mb.of_via.get(a, ()):
                if p != skip and c in mb.direct[p]:
                    items.append((p, None, mb.of_via[a][p]))
        items = sorted(set(items), key=lambda t: t[0])
        p, gc, ga = items[0]
        g = gc or ga
        gname = G.nodes[g]["name"] if g in G else g[1]
        if gc:
            other = f"{who}{name[a0]}" if single else "ein Mitglied"
            text = f"Über {gname} an „{_pname(G, p)}“ beteiligt, wie {other}"
        else:
            text = f"Nimmt an „{_pname(G, p)}“ teil, an dem auch {gname} beteiligt ist"
        add("shared_project_kreis", sorted({t[0] for t in items}),
            w["shared_project_kreis"] * x[_F["shared_project_kreis"]], text)
    if x[_F["shared_programme"]] > 0:
        progs = set()
        for a in q.anchors:
            mine = set(mb.of.get(a, ())) - {skip}
            for p in mine:
                for g in st.programmes_of.get(p, ()):
                    if mb.programme.get(g, {}).get(c, set()) - mine - {skip}:
                        progs.add(g)
        pn = [G.nodes[("Programme", g)].get("name") or g for g in sorted(progs)]
        text = ("Beide nehmen am Programm " if single else "Wie Mitglieder im Programm ") + \
            _plain(pn) + (" teil" if single else "")
        add("shared_programme", sorted(progs),
            w["shared_programme"] * x[_F["shared_programme"]], text)
    if x[_F["similar_project"]] > 0:
        kinds = sorted({st.kind_of.get(p) or "other" for a in q.anchors for p in mb.of.get(a, ())
                        if p != skip} & {st.kind_of.get(p) or "other" for p in mb.of.get(c, ())})
        kn = [KIND_DE.get(k, (k, k))[0] for k in kinds]
        add("similar_project", kinds, w["similar_project"] * x[_F["similar_project"]],
            "Ähnliche Projekte: beide haben " + _plain(kn) if single
            else "Hat Projekte derselben Art wie Mitglieder: " + _plain(kn))
    if x[_F["partner_of_partner"]] > 0:
        via = sorted(set(_paths(mb, q).get(c, ())))
        bn = [G.nodes[("Municipality", st.ags[b])]["name"] for b in via]
        add("partner_of_partner", [st.ags[b] for b in via],
            w["partner_of_partner"] * x[_F["partner_of_partner"]],
            "Gemeinsame Projektpartner: " + _plain(bn))
    if x[_F["experience"]] > 0:
        ps = sorted(p for p in q.topic_projects if c in mb.direct.get(p, {}))
        p = ps[0]
        year = _year(mb.as_of.get((c, p)))
        since = f" (seit {year})" if year else ""
        what, value = q.topic or ("project", p)
        if what == "project":
            text = f"Nimmt bereits an „{_pname(G, p)}“ teil{since}"
        elif what == "kind":
            article = KIND_DE.get(value, (value, value))[1]
            text = f"Betreibt bereits {article}{since}: „{_pname(G, p)}“"
        elif what == "ozg":
            oname = G.nodes[("OZGService", value)].get("name") or value
            text = f"Setzt die OZG-Leistung {oname} bereits um{since}: „{_pname(G, p)}“"
        else:
            aname = G.nodes[("ServiceArea", value)].get("name") or value
            text = f"Hat bereits ein Projekt im Themenfeld {aname}{since}: „{_pname(G, p)}“"
        add("experience", ps, w["experience"] * x[_F["experience"]], text)
    if x[_F["experience_kreis"]] > 0:
        ps = sorted(p for p in q.topic_projects if c in mb.via.get(p, {}))
        g = mb.via[ps[0]][c]
        gname = G.nodes[g]["name"] if g in G else g[1]
        add("experience_kreis", ps, w["experience_kreis"] * x[_F["experience_kreis"]],
            f"{gname} nimmt bereits an „{_pname(G, ps[0])}“ teil")
    if x[_F["similar_experience"]] > 0:
        ps = sorted(p for p in q.similar_projects if c in mb.direct.get(p, {}))
        p = ps[0]
        why, val = q.similar_projects[p].split(":", 1)
        if why == "programme":
            g = G.nodes[("Programme", val)].get("name") or val
            text = f"Nimmt ebenfalls am Programm {g} teil: „{_pname(G, p)}“"
        elif why == "kind":
            text = f"Betreibt bereits {KIND_DE.get(val, (val, val))[1]}: „{_pname(G, p)}“"
        else:
            aname = G.nodes[("ServiceArea", val)].get("name") if ("ServiceArea", val) in G else val
            text = f"Hat ein Projekt im selben Themenfeld ({aname}): „{_pname(G, p)}“"
        add("similar_experience", ps, w["similar_experience"] * x[_F["similar_experience"]], text)
    if x[_F["border"]] > 0:
        nb = [a for a in q.anchors if c in st.neighbours[a]]
        line = [a for a in nb if (a, c) not in st.corners]
        point = [a for a in nb if (a, c) in st.corners]

        def whom(xs: list[int]) -> str:
            return ((who if len(xs) == 1 else "die Mitglieder " if for_project else "")
                    + _plain([name[a] for a in xs]))

        parts = ["Grenzt an " + whom(line)] if line else []
        if point:  # the areas meet in a corner only (decision 8)
            parts.append(("berührt " if parts else "Berührt ") + whom(point) + " an einer Ecke")
        add("border", [st.ags[a] for a in nb], w["border"] * x[_F["border"]], "; ".join(parts))
    if x[_F["same_kreis"]] > 0:
        dk = st.districts[st.district[c]]
        dn = G.nodes[("District", dk)]["name"] if ("District", dk) in G else dk
        add("same_kreis", dk, w["same_kreis"] * x[_F["same_kreis"]], f"Gleicher Kreis: {dn}")
    if x[_F["same_land"]] > 0:
        sk = st.states[st.state[c]]
        sn = G.nodes[("State", sk)]["name"] if ("State", sk) in G else sk
        add("same_land", sk, w["same_land"] * x[_F["same_land"]], f"Im selben Land: {sn}")
    dist_c = w["distance_near"] * x[_F["distance_near"]] + w["distance_far"] * x[_F["distance_far"]]
    if dist_c > 0:
        pts = _points(st, q)
        ds = _haversine(float(st.lat[c]), float(st.lon[c]), np.array([p[0] for p in pts]),
                        np.array([p[1] for p in pts]))
        k = int(np.argmin(ds))
        d, near = round(float(ds[k]), 1), pts[k][2]  # as in distance_km
        nname = G.nodes[near].get("name") if near in G else near[1]
        where = (f" (vom nächsten Mitglied {nname})" if near[0] == "Municipality"
                 else f" (von der Mitte des Mitglieds {nname})")
        text = f"{fmt_km(d)} entfernt" + (where if for_project else "")
        add("distance", round(d, 1), dist_c, text)
    if x[_F["size"]] > 0 and q.anchors:
        pc = math.exp(float(st.logpop[c]))
        if single:
            pa = math.exp(float(st.logpop[a0]))
            text = f"Ähnliche Größe ({fmt_int_de(pc)} vs. {fmt_int_de(pa)} Einwohner)"
        else:
            lp = st.logpop[q.anchors]
            ref = math.exp(float(np.median(lp[~np.isnan(lp)])))
            text = (f"Ähnliche Größe wie die Mitglieder ({fmt_int_de(pc)} Einwohner, "
                    f"Median der Mitglieder {fmt_int_de(ref)})")
        if x[_F["size"]] < 0.5:  # population ratio above 2: name the sizes, not "ähnlich"
            text = (f"Größe: {fmt_int_de(pc)} vs. {fmt_int_de(math.exp(float(st.logpop[a0])))}"
                    " Einwohner" if single else f"Größe: {fmt_int_de(pc)} Einwohner")
        add("size", round(float(x[_F["size"]]), 3), w["size"] * x[_F["size"]], text)
    if x[_F["urbanisation"]] > 0:
        u = G.nodes[("Municipality", st.ags[c])].get("urbanisation") or ""
        add("urbanisation", u, w["urbanisation"] * x[_F["urbanisation"]],
            f"Gleicher Verstädterungsgrad: {u}" if u else "Gleicher Verstädterungsgrad")
    if x[_F["it_provider"]] > 0:
        best = None
        for a in q.anchors:
            for org, (fa, ga) in st.providers[a].items():
                if org in st.providers[c]:
                    fc, gc = st.providers[c][org]
                    if best is None or fa * fc > best[0]:
                        best = (fa * fc, org, ga, gc)
        assert best is not None
        _, org, ga, gc = best
        oname = G.nodes[("Organisation", org)].get("name") or org
        note = []
        if gc is not None:
            note.append("über " + (G.nodes[gc]["name"] if gc in G else gc[1]))
        elif st.providers[c][org][0] < 1:
            note.append("abgeleitet")
        add("it_provider", org, w["it_provider"] * x[_F["it_provider"]],
            f"Gleicher IT-Dienstleister: {oname}" + (f" ({', '.join(note)})" if note else ""))
    if x[_F["type_same"]] > 0 or x[_F["type_complementary"]] > 0:
        t = st.types[st.mtype[c]]
        tname = G.nodes[("MunicipalityType", t)].get("name") or t
        if x[_F["type_same"]] > 0:
            add("type_same", t, w["type_same"] * x[_F["type_same"]],
                f"Gleicher Kommunentyp (ÖFIT/KGSt): {tname}")
        else:
            add("type_complementary", t, w["type_complementary"] * x[_F["type_complementary"]],
                f"Anderer Kommunentyp (ÖFIT/KGSt): {tname}, gut zum Voneinander-Lernen")
    out.sort(key=lambda r: (-r["contribution"], r["signal"]))
    return out


# -- districts ------------------------------------------------------------------


def _district_rows(st: _Static, mb: _Members, q: _Query, wt: Weights,
                   exclude: set[str]) -> list[tuple[float, str, dict[str, Any]]]:
    """Score Kreise as partners: their own memberships, geography, IT provider."""
    G = st.G
    w = wt.signal_weights()
    A = q.anchors
    anchor_projects = {p for a in A for p in mb.of.get(a, ()) if p != q.skip_project}
    anchor_progs = {g for p in anchor_projects for g in st.programmes_of.get(p, ())}
    d = _distances(_points(st, q), st.dlat, st.dlon)
    anchor_d = {int(st.district[a]) for a in A}
    anchor_states = {st.states[st.state[a]] for a in A} | {g[1][:2] for g in q.groups}
    anchor_org = {org: f for a in A for org, (f, _) in st.providers[a].items()}
    rows = []
    for k, key in enumerate(st.districts):
        node = ("District", key)
        if node not in G or key in exclude or len(st.district_members[k]) <= 1:
            continue  # (a kreisfreie Stadt is ranked as the municipality it is)
        own = sorted(p for p, e in ((v[1], e) for v, e in G[node].items() if v[0] == "Project")
                     if e.get("kind") == "PARTICIPATES_IN" and node in mb.groups.get(p, []))
        reasons = []
        shared = [p for p in own if p in anchor_projects]
        if shared:
            v = sum(_aa(len(mb.direct[p]) + len(mb.via[p])) for p in shared)
            reasons.append(("shared_project", shared, w["shared_project"] * v,
                            f"Nimmt ebenfalls an {_names([_pname(G, p) for p in shared])} teil"))
        progs = sorted({g for p in own if p not in anchor_projects
                        for g in st.programmes_of.get(p, ())} & anchor_progs)
        if progs:
            v = sum(_aa(len(mb.programme.get(g, {})) + 1) for g in progs)
            pn = [G.nodes[("Programme", g)].get("name") or g for g in progs]
            reasons.append(("shared_programme", progs, w["shared_programme"] * v,
                            "Im selben Programm: " + _plain(pn)))
        exp = [p for p in own if p in q.topic_projects]
        if exp:
            reasons.append(("experience", exp, w["experience"],
                            f"Nimmt bereits an „{_pname(G, exp[0])}“ teil"))
        if k in anchor_d:
            reasons.append(("same_kreis", key, w["same_kreis"] + w["border"],
                            "Eigener Kreis" if len(A) == 1 else "Kreis eines Mitglieds"))
        if key[:2] in anchor_states:
            sn = G.nodes[("State", key[:2])]["name"] if ("State", key[:2]) in G else key[:2]
            reasons.append(("same_land", key[:2], w["same_land"], f"Im selben Land: {sn}"))
        if not np.isnan(d[k]):
            c = (w["distance_near"] * math.exp(-d[k] / wt.distance_near_km)
                 + w["distance_far"] * math.exp(-d[k] / wt.distance_far_km))
            reasons.append(("distance", round(float(d[k]), 1), c,
                            f"{fmt_km(round(float(d[k]), 1))} entfernt (Kreismitte)"))
        for org, e in G[node].items():
            if e.get("kind") == "SERVED_BY" and org[1] in anchor_org:
                f = anchor_org[org[1]] * certainty_factor(e.get("certainty"))
                oname = G.nodes[org].get("name") or org[1]
                reasons.append(("it_provider", org[1], w["it_provider"] * f,
                                f"Gleicher IT-Dienstleister: {oname}"))
                break
        score = sum(r[2] for r in reasons)
        rs = sorted(({"signal": s, "value": v, "contribution": round(c, 4), "text_de": t}
                     for s, v, c, t in reasons if c > 0),
                    key=lambda r: (-r["contribution"], r["signal"]))
        dist = None if np.isnan(d[k]) else round(float(d[k]), 1)
        rows.append((score, key, {"distance_km": dist, "reasons": rs}))
    return rows


# -- the public function ----------------------------------------------------------


def _result(st: _Static, i: int, score: float, dist: float | None,
            reasons: list[dict[str, Any]]) -> dict[str, Any]:
    G = st.G
    ags = st.ags[i]
    m = G.nodes[("Municipality", ags)]
    dk, sk = st.districts[st.district[i]], st.states[st.state[i]]
    return {
        "ags": ags, "key": ags, "label": "Municipality", "name": m["name"],
        "official_name": m.get("official_name"), "score": round(float(score), 4),
        "distance_km": dist, "population": m.get("population"),
        "district": G.nodes[("District", dk)]["name"] if ("District", dk) in G else None,
        "district_key": dk,
        "state": G.nodes[("State", sk)]["name"] if ("State", sk) in G else None,
        "state_key": sk, "reasons": reasons,
    }


def _district_result(st: _Static, key: str, score: float, extra: dict[str, Any]) -> dict[str, Any]:
    G = st.G
    d = G.nodes[("District", key)]
    sk = key[:2]
    return {"key": key, "label": "District", "name": d["name"], "official_name": d["name"],
            "score": round(float(score), 4), "distance_km": extra["distance_km"],
            "population": None, "district": d["name"], "district_key": key,
            "state": G.nodes[("State", sk)]["name"] if ("State", sk) in G else None,
            "state_key": sk, "reasons": extra["reasons"]}


def rank(st: _Static, mb: _Members, q: _Query, wt: Weights, *, limit: int,
         radius_km: float | None = None, include_districts: bool = False,
         exclude_districts: Iterable[str] = (), for_project: bool = False) -> list[dict[str, Any]]:
    """Score, filter, sort (score desc, key asc) and explain the top ``limit``."""
    X = _features(st, mb, q, wt=wt)
    scores = _score(X, [wt.signal_weights()[s] for s in SIGNALS])
    d = _query_distances(st, q)
    ok = np.ones(len(st.ags), dtype=bool)
    for i in q.exclude | set(q.anchors):
        ok[i] = False
    if radius_km is not None:
        ok &= ~np.isnan(d) & (d <= radius_km)
    sc = np.where(ok, np.round(scores, 9), -np.inf)
    order = np.lexsort((np.arange(len(sc)), -sc))[:limit]  # score desc, then AGS
    items: list[tuple[float, str, Any]] = [
        (float(sc[i]), st.ags[i], int(i)) for i in order if ok[i]
    ]
    if include_districts:
        for score, key, extra in _district_rows(st, mb, q, wt, set(exclude_districts)):
            if radius_km is not None and (extra["distance_km"] is None
                                          or extra["distance_km"] > radius_km):
                continue
            items.append((round(score, 9), key, extra))
    items.sort(key=lambda t: (-t[0], t[1]))
    out = []
    for score, key, ref in items[:limit]:
        if isinstance(ref, int):
            dist = None if np.isnan(d[ref]) else round(float(d[ref]), 1)
            out.append(_result(st, ref, score, dist,
                               _reasons(st, mb, q, ref, X[ref], wt, for_project)))
        else:
            out.append(_district_result(st, key, score, ref))
    return out


def _check_limit(limit: int, radius_km: float | None) -> None:
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 1:
        raise InputError(f"limit must be a positive integer, got {limit!r}",
                         f"--limit muss eine positive ganze Zahl sein, nicht „{limit}“.")
    if radius_km is not None and (not isinstance(radius_km, int | float) or radius_km <= 0
                                  or math.isnan(radius_km)):
        raise InputError(f"radius_km must be positive, got {radius_km!r}",
                         f"--radius-km muss größer als 0 sein, nicht „{radius_km}“.")


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
        An analysis graph (default: ``load_network(store)``).
    exclude_edges : iterable of (node, node), optional
        PARTICIPATES_IN edges to ignore in every signal (for the evaluation).
    weights : Weights, optional
        Defaults to :data:`kommunalgraph.queries.weights.DEFAULT`.

    Returns
    -------
    dict
        ``{"query": {...}, "results": [{"ags", "key", "label", "name", "score",
        "distance_km", "district", "state", "reasons": [{"signal", "value",
        "contribution", "text_de"}]}]}``; best first, ties by AGS.

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
    >>> [r["name"] for r in out["results"]]
    ['B', 'C']
    >>> out["results"][0]["reasons"][0]["text_de"]
    'Beide nehmen an „Stadt-App“ teil'
    """
    _check_limit(limit, radius_km)
    if G is None:
        if store is None:
            raise InputError("store or G required")
        G = load_network(store)
    st = _static(G)
    if ags not in st.pos:
        raise UnknownMunicipality(ags)
    wt = weights or DEFAULT
    excl = list(exclude_edges or ())
    mb = _members(st, excl)
    what, topic, similar = _topic(st, mb, project=project, kind=kind, ozg=ozg,
                                  themenfeld=themenfeld)
    a = st.pos[ags]
    q = _Query(anchors=[a], topic=what, topic_projects=topic, similar_projects=similar)
    own_kreis = st.districts[st.district[a]]
    results = rank(st, mb, q, wt, limit=limit, radius_km=radius_km,
                   include_districts=include_districts, exclude_districts=(),
                   for_project=False)
    node = G.nodes[("Municipality", ags)]
    query = {"ags": ags, "name": node.get("name"), "district_key": own_kreis,
             "project": project, "kind": kind, "ozg": ozg,
             "themenfeld": what[1] if what and what[0] == "themenfeld" else themenfeld,
             "themenfeld_name": (G.nodes[("ServiceArea", what[1])].get("name")
                                 if what and what[0] == "themenfeld" else None),
             "radius_km": radius_km, "limit": limit, "include_districts": include_districts,
             "topic_projects": sorted(topic)}
    return {"query": query, "results": results}
