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
The index lives in :mod:`~kommunalgraph.queries.partner_index`, the German
sentences in :mod:`~kommunalgraph.queries.partner_reasons`; this module
computes the signals (:func:`features`), ranks (:func:`rank`) and is the
public entry point (:func:`suggest`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx
import numpy as np

from ..graph.errors import InputError, UnknownEntity, UnknownMunicipality
from ..graph.store import GraphStore
from .analytics.network import load_network
from .geo import distances_km
from .partner_index import (
    COLUMN,
    Memberships,
    Node,
    Query,
    StaticIndex,
    adamic_adar_weight,
    anchor_points,
    memberships,
    partner_paths,
    query_distances,
    static_index,
)
from .partner_reasons import (
    KIND_DE,
    explain,
    fmt_km,
    plain_list,
    project_name,
    quoted_list,
)
from .weights import DEFAULT, SIGNALS, Weights, certainty_factor

__all__ = ["suggest", "rank", "features", "weighted_sum", "resolve_topic", "check_limit",
           "KIND_DE", "fmt_km"]


def resolve_topic(st: StaticIndex, mb: Memberships, *, project: str | None, kind: str | None,
                  ozg: str | None, themenfeld: str | None,
                  ) -> tuple[tuple[str, str] | None, set[str], dict[str, str]]:
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


def weighted_sum(X: np.ndarray, weights: Sequence[float]) -> np.ndarray:
    """X @ weights, column by column (X is column-major; no BLAS, as in ``distances_km``).

    >>> weighted_sum(np.asfortranarray([[1.0, 2.0], [0.0, 1.0]]), [10.0, 0.5])
    array([11. ,  0.5])
    """
    out = np.zeros(X.shape[0])
    for k, w in enumerate(weights):
        if w:
            out += w * X[:, k]
    return out


def _scatter(col: np.ndarray, acc: dict[int, float]) -> None:
    """Add the accumulated values to a feature column in one numpy operation."""
    if acc:
        col[np.fromiter(acc.keys(), dtype=int, count=len(acc))] += np.fromiter(
            acc.values(), dtype=float, count=len(acc))


def features(st: StaticIndex, mb: Memberships, q: Query, *, wt: Weights = DEFAULT) -> np.ndarray:
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
            w = adamic_adar_weight(len(mb.direct[p]) + len(mb.via[p]))
            for c in mb.direct[p]:
                sp[c] += w
            for c in mb.via[p]:
                spk[c] += w
        for p in mb.of_via.get(a, ()):
            if p == skip:
                continue
            w = adamic_adar_weight(len(mb.direct[p]) + len(mb.via[p]))
            for c in mb.direct[p]:
                spk[c] += w
    _scatter(X[:, COLUMN["shared_project"]], sp)
    _scatter(X[:, COLUMN["shared_project_kreis"]], spk)
    acc: dict[int, float] = defaultdict(float)
    for a in anchors:
        mine = set(mb.of.get(a, ())) | {skip}
        progs = {g for p in mine if p != skip for g in st.programmes_of.get(p, ())}
        for g in progs:
            members = mb.programme.get(g, {})
            w = adamic_adar_weight(len(members))
            for c, ps in members.items():
                if not ps <= mine:
                    acc[c] += w
    _scatter(X[:, COLUMN["shared_programme"]], acc)
    acc = defaultdict(float)
    for a in anchors:
        kinds = {st.kind_of.get(p) or "other" for p in mb.of.get(a, ()) if p != skip}
        for k in kinds:
            members = mb.kind.get(k, set())
            w = 1.0 / math.log(1 + len(members))
            for c in members:
                acc[c] += w
    _scatter(X[:, COLUMN["similar_project"]], acc)
    _scatter(X[:, COLUMN["partner_of_partner"]],
             {c: sum(1.0 / len(mb.partners[b]) for b in bs)
              for c, bs in partner_paths(mb, q).items()})
    # -- experience --
    for p in q.topic_projects:
        for c, f in mb.direct.get(p, {}).items():
            X[c, COLUMN["experience"]] = max(X[c, COLUMN["experience"]], f)
        for c in mb.via.get(p, {}):
            X[c, COLUMN["experience_kreis"]] = 1.0
    for p in q.similar_projects:
        for c in mb.direct.get(p, {}):
            X[c, COLUMN["similar_experience"]] = 1.0
    if q.anchors or q.groups:
        d = query_distances(st, q)
        known = ~np.isnan(d)
        X[known, COLUMN["distance_near"]] = np.exp(-d[known] / wt.distance_near_km)
        X[known, COLUMN["distance_far"]] = np.exp(-d[known] / wt.distance_far_km)
    states = {st.states[st.state[a]] for a in anchors} | {g[1][:2] for g in q.groups}
    X[:, COLUMN["same_land"]] = np.isin(st.state, [st.states.index(k) for k in states
                                               if k in st.states])
    if anchors:
        A = np.array(anchors, dtype=int)
        # -- geography --
        cnt = np.zeros(n)
        for a in anchors:
            for c in st.neighbours[a]:
                cnt[c] += 1
        X[:, COLUMN["border"]] = np.log2(1 + cnt)
        X[:, COLUMN["same_kreis"]] = np.isin(st.district, st.district[A])
        # -- profile --
        lp = st.logpop[A]
        lp = lp[~np.isnan(lp)]
        if len(lp):
            ref = float(np.median(lp))
            ok = ~np.isnan(st.logpop)
            X[ok, COLUMN["size"]] = np.exp(-np.abs(st.logpop[ok] - ref))
        ua = st.urban[A]
        ua = ua[ua >= 0]
        if len(ua):
            share = np.bincount(ua, minlength=int(st.urban.max()) + 1) / len(ua)
            ok = st.urban >= 0
            X[ok, COLUMN["urbanisation"]] = share[st.urban[ok]]
        best: dict[str, float] = {}
        for a in anchors:
            for org, (fa, _) in st.providers[a].items():
                best[org] = max(best.get(org, 0.0), fa)
        it: dict[int, float] = {}
        for org, fa in best.items():
            for c, fc in st.provider_members.get(org, ()):
                if fa * fc > it.get(c, 0.0):
                    it[c] = fa * fc
        _scatter(X[:, COLUMN["it_provider"]], it)
        ta = st.mtype[A]
        ta = ta[ta >= 0]
        if len(ta):
            has = st.mtype >= 0
            same = np.isin(st.mtype, ta)
            X[:, COLUMN["type_same"]] = has & same
            X[:, COLUMN["type_complementary"]] = has & ~same
    return X


def _district_rows(st: StaticIndex, mb: Memberships, q: Query, wt: Weights,
                   exclude: set[str]) -> list[tuple[float, str, dict[str, Any]]]:
    """Score Kreise as partners: their own memberships, geography, IT provider."""
    G = st.G
    w = wt.signal_weights()
    A = q.anchors
    anchor_projects = {p for a in A for p in mb.of.get(a, ()) if p != q.skip_project}
    anchor_progs = {g for p in anchor_projects for g in st.programmes_of.get(p, ())}
    d = distances_km(anchor_points(st, q), st.dlat, st.dlon)
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
            v = sum(adamic_adar_weight(len(mb.direct[p]) + len(mb.via[p])) for p in shared)
            reasons.append(("shared_project", shared, w["shared_project"] * v,
                            "Nimmt ebenfalls an "
                            f"{quoted_list([project_name(G, p) for p in shared])} teil"))
        progs = sorted({g for p in own if p not in anchor_projects
                        for g in st.programmes_of.get(p, ())} & anchor_progs)
        if progs:
            v = sum(adamic_adar_weight(len(mb.programme.get(g, {})) + 1) for g in progs)
            pn = [G.nodes[("Programme", g)].get("name") or g for g in progs]
            reasons.append(("shared_programme", progs, w["shared_programme"] * v,
                            "Im selben Programm: " + plain_list(pn)))
        exp = [p for p in own if p in q.topic_projects]
        if exp:
            reasons.append(("experience", exp, w["experience"],
                            f"Nimmt bereits an „{project_name(G, exp[0])}“ teil"))
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


def _result(st: StaticIndex, i: int, score: float, dist: float | None,
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


def _district_result(st: StaticIndex, key: str, score: float,
                     extra: dict[str, Any]) -> dict[str, Any]:
    G = st.G
    d = G.nodes[("District", key)]
    sk = key[:2]
    return {"key": key, "label": "District", "name": d["name"], "official_name": d["name"],
            "score": round(float(score), 4), "distance_km": extra["distance_km"],
            "population": None, "district": d["name"], "district_key": key,
            "state": G.nodes[("State", sk)]["name"] if ("State", sk) in G else None,
            "state_key": sk, "reasons": extra["reasons"]}


def rank(st: StaticIndex, mb: Memberships, q: Query, wt: Weights, *, limit: int,
         radius_km: float | None = None, include_districts: bool = False,
         exclude_districts: Iterable[str] = (), for_project: bool = False) -> list[dict[str, Any]]:
    """Score, filter, sort (score desc, key asc) and explain the top ``limit``."""
    X = features(st, mb, q, wt=wt)
    scores = weighted_sum(X, [wt.signal_weights()[s] for s in SIGNALS])
    d = query_distances(st, q)
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
                               explain(st, mb, q, ref, X[ref], wt, for_project)))
        else:
            out.append(_district_result(st, key, score, ref))
    return out


def check_limit(limit: int, radius_km: float | None) -> None:
    """Raise :class:`InputError` unless ``limit`` ≥ 1 and ``radius_km`` is None or > 0.

    >>> check_limit(0, None)
    Traceback (most recent call last):
    ...
    kommunalgraph.graph.errors.InputError: limit must be a positive integer, got 0
    """
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
    check_limit(limit, radius_km)
    if G is None:
        if store is None:
            raise InputError("store or G required")
        G = load_network(store)
    st = static_index(G)
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
