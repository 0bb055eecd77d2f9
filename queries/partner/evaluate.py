"""Offline evaluation of the partner finder: does it find hidden members again?

Protocol
--------
* **Pairs**: the direct municipality memberships (PARTICIPATES_IN) of every
  project with at least two municipality members.
* **k-fold**: the pairs are shuffled with ``seed`` and dealt into ``folds``
  folds. For each fold, all its pairs are removed from the graph *for every
  signal* (``exclude_edges``: shared projects, programmes, partners of
  partners, experience, Kreis memberships), then for each hidden pair
  (h, P):

  - **candidates**: ``candidates(P)`` must rank h among all municipalities
    that are not (remaining or hidden) members of P;
  - **suggest**: ``suggest(a, project=P)`` for a remaining member a (drawn
    with the seed) must rank h among all municipalities except a and the
    other members of P.

  Pairs whose project has no remaining member in that fold are skipped.
* **Leave-one-member-out**: per project, each member is hidden alone; metrics
  are averaged per project, then mean ± sd over projects.
* **Metrics** per query: the rank of h (ties count half: the expected rank
  under random tie-breaking, so no method profits from the AGS order),
  Hits@10, Hits@50, reciprocal rank (MRR), and AUC, the probability that h
  scores above a negative: ``auc`` against all non-members (the exact
  expectation over uniformly random negatives) and ``auc_hard`` against hard
  negatives, the non-members that share a graph neighbour with a member
  (a bordering town, the Kreis, an IT provider or a project partner).
  Means per fold, then mean and sd (``<metric>_sd``) over folds.
* **Baselines**: ``random`` (uniform scores, seeded), ``distance`` (nearest
  to a member first), ``population`` (largest first), ``same_kreis`` (towns
  in a member's Kreis first, all others tied).
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

from ...graph.errors import InputError
from ...graph.schema import ASSOCIATION, DISTRICT, MUNICIPALITY, PARTICIPATES_IN, PROJECT
from ...graph.store import GraphStore
from ..analytics.network import load_network
from .candidates import project_query
from .index import Query, StaticIndex, memberships, query_distances, static_index
from .rank import features, weighted_sum
from .topic import resolve_topic
from .weights import DEFAULT, SIGNALS, Weights

__all__ = [
    "evaluate",
    "membership_pairs",
    "rank_metrics",
    "folds_of",
    "search_weights",
    "METHODS",
    "METRICS",
    "kind_task",
    "nested",
    "temporal",
    "temporal_split",
]

METHODS = ("kommunalgraph", "random", "distance", "population", "same_kreis", "adamic_adar",
           "ppr")
METRICS = ("hits@10", "hits@50", "mrr", "auc", "auc_hard")
_BASELINES = METHODS[1:]


def membership_pairs(G: nx.Graph, min_members: int = 2) -> list[tuple[str, str]]:
    """(AGS, project id) of every direct membership in a project with at least
    ``min_members`` municipality members, sorted.

    >>> G = nx.Graph()
    >>> for m in ("1", "2"):
    ...     G.add_edge(("Municipality", m), ("Project", "a"), kind="PARTICIPATES_IN")
    >>> G.add_edge(("Municipality", "3"), ("Project", "b"), kind="PARTICIPATES_IN")
    >>> membership_pairs(G)
    [('1', 'a'), ('2', 'a')]
    """
    out = []
    for p in sorted(n for n in G if n[0] == PROJECT):
        ms = sorted(u[1] for u, e in G[p].items()
                    if u[0] == MUNICIPALITY and e.get("kind") == PARTICIPATES_IN)
        if len(ms) >= min_members:
            out.extend((m, p[1]) for m in ms)
    return out


def folds_of(pairs: Sequence[tuple[str, str]], folds: int,
             seed: int) -> list[list[tuple[str, str]]]:
    """Shuffle ``pairs`` with ``seed`` and deal them into ``folds`` folds.

    >>> folds_of([("a", "p"), ("b", "p"), ("c", "p")], 2, seed=1)
    [[('a', 'p'), ('b', 'p')], [('c', 'p')]]
    """
    if folds < 2:
        raise InputError("folds must be >= 2", "--folds muss mindestens 2 sein.")
    order = sorted(pairs)
    random.Random(seed).shuffle(order)
    return [sorted(order[k::folds]) for k in range(folds)]


def rank_metrics(scores: np.ndarray, target: int, candidates: np.ndarray,
                 hard: np.ndarray | None = None) -> dict[str, float]:
    """Rank-based metrics of ``target`` among the ``candidates`` (boolean mask).

    Ties count half (expected rank under random tie-breaking).

    Examples
    --------
    >>> s = np.array([0.9, 0.5, 0.5, 0.1])
    >>> m = rank_metrics(s, 1, np.ones(4, dtype=bool), hard=np.array([1, 0, 1, 0], bool))
    >>> m["rank"], m["mrr"], m["auc"], m["auc_hard"]
    (2.5, 0.4, 0.5, 0.25)
    """
    mask = candidates.copy()
    mask[target] = False
    s, t = scores[mask], scores[target]
    higher, ties = int(np.sum(s > t)), int(np.sum(s == t))
    rank = 1 + higher + 0.5 * ties
    n = len(s)
    out = {"rank": rank, "mrr": 1.0 / rank, "hits@10": float(rank <= 10),
           "hits@50": float(rank <= 50),
           "auc": (n - higher - 0.5 * ties) / n if n else 1.0}
    if hard is not None:
        hm = hard & mask
        sh = scores[hm]
        if len(sh):
            out["auc_hard"] = float((np.sum(sh < t) + 0.5 * np.sum(sh == t)) / len(sh))
    return out


@dataclass
class _Case:
    """One evaluation query: the hidden member, who competes, and every score."""

    group: str  # fold id or project id
    project: str
    task: str  # "candidates" or "suggest"
    target: int
    mask: np.ndarray
    hard: np.ndarray
    X: np.ndarray
    baselines: dict[str, np.ndarray]


def _hard(st: StaticIndex, mb: Any, q: Query) -> np.ndarray:
    n = len(st.ags)
    hard = np.zeros(n, dtype=bool)
    for a in q.anchors:
        hard |= st.district == st.district[a]
        for b in st.neighbours[a]:
            hard[st.neighbours[b]] = True
            hard[b] = True
        for org in st.providers[a]:
            hard[[c for c, _ in st.provider_members.get(org, ())]] = True
        hard[list(mb.partners.get(a, {}))] = True
    for g in q.groups:
        ms = st.group_members.get(g)
        if ms is not None:
            hard[ms] = True
    return hard


@dataclass
class _Coop:
    """The cooperation graph of one split: municipalities (0..n-1), projects,
    programmes and IT providers, linked by direct memberships, PART_OF and
    SERVED_BY; no border edges (they would swamp it). Edge lists both ways."""

    size: int
    src: np.ndarray
    dst: np.ndarray
    deg: np.ndarray
    adj: list[list[int]]


def _coop(st: StaticIndex, mb: Any) -> _Coop:
    n = len(st.ags)
    ids: dict[Any, int] = {}

    def node(x: Any) -> int:
        return ids.setdefault(x, n + len(ids))

    edges: list[tuple[int, int]] = []
    for p, members in mb.direct.items():
        pid = node(("p", p))
        edges += [(c, pid) for c in members]
        edges += [(pid, node(("g", g))) for g in st.programmes_of.get(p, ())]
    for c, prov in enumerate(st.providers):
        edges += [(c, node(("o", org))) for org in prov]
    size = n + len(ids)
    e = np.array(edges, dtype=int).reshape(-1, 2)
    src = np.concatenate([e[:, 0], e[:, 1]])
    dst = np.concatenate([e[:, 1], e[:, 0]])
    deg = np.bincount(src, minlength=size).astype(float)
    adj: list[list[int]] = [[] for _ in range(size)]
    for u, v in zip(src.tolist(), dst.tolist(), strict=True):
        adj[u].append(v)
    return _Coop(size, src, dst, deg, adj)


def _adamic_adar(co: _Coop, anchors: Sequence[int], n: int) -> np.ndarray:
    """Σ over anchors a and common neighbours z of a and c of 1 / ln deg(z)."""
    out = np.zeros(co.size)
    for a in anchors:
        for z in co.adj[a]:
            if co.deg[z] > 1:
                out[co.adj[z]] += 1.0 / np.log(co.deg[z])
    return out[:n]


def _ppr(co: _Coop, anchors: Sequence[int], n: int, alpha: float = 0.85,
         steps: int = 100) -> np.ndarray:
    """Personalised PageRank from the anchors (power iteration on the edge lists)."""
    if not anchors:
        return np.zeros(n)
    p = np.zeros(co.size)
    p[list(anchors)] = 1.0 / len(anchors)
    r = p.copy()
    inv = np.where(co.deg > 0, 1.0 / np.maximum(co.deg, 1), 0.0)
    for _ in range(steps):
        spread = np.bincount(co.dst, weights=r[co.src] * inv[co.src], minlength=co.size)
        r = (1 - alpha) * p + alpha * spread
    return r[:n]


def _baselines(st: StaticIndex, q: Query, rng: np.random.Generator,
               co: _Coop | None = None) -> dict[str, np.ndarray]:
    n = len(st.ags)
    d = query_distances(st, q)
    kreise = {int(st.district[a]) for a in q.anchors}
    kreise |= {st.districts.index(g[1]) for g in q.groups
               if g[0] == DISTRICT and g[1] in st.districts}
    for g in q.groups:
        if g[0] == ASSOCIATION and g in st.group_members:
            kreise |= {int(x) for x in st.district[st.group_members[g]]}
    return {
        "random": rng.random(n),
        "distance": np.where(np.isnan(d), -np.inf, -np.nan_to_num(d, nan=0.0)),
        "population": np.nan_to_num(np.exp(st.logpop), nan=-1.0),
        "same_kreis": np.isin(st.district, sorted(kreise)).astype(float),
        **({"adamic_adar": _adamic_adar(co, q.anchors, n), "ppr": _ppr(co, q.anchors, n)}
           if co is not None else {}),
    }


def _cases_for(st: StaticIndex, hidden: Sequence[tuple[str, str]], group_of: Callable[[Any], str],
               rng: random.Random, nprng: np.random.Generator, wt: Weights,
               also_hidden: Sequence[tuple[str, str]] = (), baselines: bool = True,
               hidden_edges: Sequence[tuple[Any, Any]] = ()) -> Iterator[_Case]:
    """Cases for one split: ``hidden`` pairs are removed from every signal (and
    ``also_hidden`` ones, which get no case: the outer test fold of a nested run;
    and ``hidden_edges``, memberships of any member label, e.g. a Kreis's)."""
    excl = [((MUNICIPALITY, a), (PROJECT, p)) for a, p in [*hidden, *also_hidden]]
    excl += list(hidden_edges)
    mb = memberships(st, excl)
    co = _coop(st, mb) if baselines else None
    hidden_of: dict[str, set[int]] = defaultdict(set)
    for a, p in [*hidden, *also_hidden]:
        hidden_of[p].add(st.pos[a])
    for a, p in hidden:
        h = st.pos[a]
        others = hidden_of[p] - {h}
        q = project_query(st, mb, p)
        if not q.anchors and not q.groups:
            continue  # nothing left to anchor on
        mask = np.ones(len(st.ags), dtype=bool)
        mask[list(q.exclude | others | set(q.anchors))] = False
        yield _Case(group_of((a, p)), p, "candidates", h, mask, _hard(st, mb, q),
                    features(st, mb, q, wt=wt), _baselines(st, q, nprng, co) if co else {})
        if not q.anchors:
            continue
        anchor = rng.choice(q.anchors)
        what, topic, similar = resolve_topic(st, mb, project=p, kind=None, ozg=None,
                                             themenfeld=None)
        qs = Query(anchors=[anchor], topic=what, topic_projects=topic, similar_projects=similar)
        mask = np.ones(len(st.ags), dtype=bool)
        mask[list(set(q.anchors) | others)] = False
        yield _Case(group_of((a, p)), p, "suggest", h, mask, _hard(st, mb, qs),
                    features(st, mb, qs, wt=wt), _baselines(st, qs, nprng, co) if co else {})


def _all_cases(G: nx.Graph, *, folds: int, seed: int, loo: bool, wt: Weights,
               progress: Callable[[int, int], None] | None = None,
               ) -> tuple[list[_Case], list[_Case], int, int]:
    st = static_index(G)
    pairs = membership_pairs(G)
    rng = random.Random(seed)
    nprng = np.random.default_rng(seed)
    steps = folds + (len(pairs) if loo else 0)
    tick = progress or (lambda _done, _total: None)
    kfold: list[_Case] = []
    for k, fold in enumerate(folds_of(pairs, folds, seed)):
        kfold.extend(_cases_for(st, fold, lambda _p, k=k: f"fold{k}", rng, nprng, wt))
        tick(k + 1, steps)
    loo_cases: list[_Case] = []
    if loo:
        for n, pair in enumerate(pairs, start=folds + 1):
            loo_cases.extend(_cases_for(st, [pair], lambda p: p[1], rng, nprng, wt))
            tick(n, steps)
    evaluated = sum(c.task == "candidates" for c in kfold)
    return kfold, loo_cases, len(pairs), evaluated


def _case_metrics(c: _Case, scores: dict[str, np.ndarray]) -> dict[str, dict[str, float]]:
    return {m: rank_metrics(s, c.target, c.mask, c.hard) for m, s in scores.items()}


def _summarise(cases: Sequence[_Case], weights: Weights,
               tasks: Sequence[str] = ("candidates", "suggest"),
               methods: Sequence[str] = METHODS, own_scores: bool = False) -> dict[str, Any]:
    """Mean per group (fold or project), then mean and sd over groups, per method.

    ``own_scores``: the cases carry their ``kommunalgraph`` scores among the baselines.
    """
    w = [weights.signal_weights()[s] for s in SIGNALS]
    per_group: dict[str, dict[str, dict[str, list[float]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list)))
    for c in cases:
        if c.task not in tasks:
            continue
        scores = (dict(c.baselines) if own_scores
                  else {"kommunalgraph": weighted_sum(c.X, w), **c.baselines})
        scores = {m: v for m, v in scores.items() if m in methods}
        for method, ms in _case_metrics(c, scores).items():
            for metric, v in ms.items():
                per_group[c.group][method][metric].append(v)
    out: dict[str, Any] = {}
    for method in methods:
        row: dict[str, float] = {}
        for metric in METRICS:
            vals = [float(np.mean(g[method][metric])) for g in per_group.values()
                    if g[method][metric]]
            row[metric] = round(float(np.mean(vals)), 4) if vals else float("nan")
            row[metric + "_sd"] = (round(float(np.std(vals, ddof=1)), 4)
                                   if len(vals) > 1 else 0.0)
        out[method] = row
    return out


def evaluate(store: GraphStore | None, *, folds: int = 10, seed: int = 1,
             weights: Weights | None = None, G: nx.Graph | None = None,
             leave_one_out: bool = True,
             progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Hide memberships and measure how well the partner finder finds them again.

    Parameters
    ----------
    store : GraphStore or None
        The store (unless ``G`` is given).
    folds : int
        Number of folds (>= 2) of the k-fold split.
    seed : int
        Seed for the split, the choice of the asking member and the random
        baseline: the same seed gives the same numbers.
    weights : Weights, optional
        Weights to evaluate (default: the shipped ones).
    leave_one_out : bool
        Also run leave-one-member-out per project.
    progress : callable, optional
        Called as ``progress(done, total)`` after each fold and each held-out pair.

    Returns
    -------
    dict
        ``{"methods": {method: {"hits@10", "hits@50", "mrr", "auc",
        "auc_hard", and each with "_sd"}}, "folds", "seed", "pairs",
        "pairs_total", "queries", "tasks": {"candidates": {...},
        "suggest": {...}}, "leave_one_out": {...}, "weights": {...}}``.
        ``methods`` pools both tasks; means per fold, then mean ± sd over folds.

    Examples
    --------
    Two projects of neighbouring towns; hide each membership in turn:

    >>> G = nx.Graph()
    >>> for i, lon in enumerate((7.0, 7.1, 7.2, 9.0)):
    ...     G.add_node(("Municipality", f"0000000{i}"), name=f"M{i}", lat=51.0, lon=lon,
    ...                population=1000 * (i + 1))
    >>> for m in ("00000000", "00000001", "00000002"):
    ...     G.add_edge(("Municipality", m), ("Project", "p"), kind="PARTICIPATES_IN")
    >>> out = evaluate(None, folds=2, seed=1, G=G, leave_one_out=False)
    >>> out["pairs"], out["methods"]["kommunalgraph"]["hits@10"]
    (3, 1.0)
    """
    if not isinstance(folds, int) or folds < 2:
        raise InputError("folds must be >= 2", "--folds muss eine ganze Zahl ab 2 sein.")
    if G is None:
        if store is None:
            raise InputError("store or G required")
        G = load_network(store)
    wt = weights or DEFAULT
    kfold, loo, total, evaluated = _all_cases(G, folds=folds, seed=seed, loo=leave_one_out,
                                              wt=wt, progress=progress)
    out: dict[str, Any] = {
        "methods": _summarise(kfold, wt),
        "folds": folds,
        "seed": seed,
        "pairs": evaluated,
        "pairs_total": total,
        "queries": len(kfold),
        "tasks": {t: _summarise(kfold, wt, (t,)) for t in ("candidates", "suggest")},
        "weights": {s: getattr(wt, s) for s in SIGNALS},
    }
    if leave_one_out:
        out["leave_one_out"] = {
            "methods": _summarise(loo, wt),
            "projects": len({c.group for c in loo}),
            "pairs": sum(c.task == "candidates" for c in loo),
            "queries": len(loo),
        }
    return out


# -- choosing the weights -----------------------------------------------------------


def _objective(cases: Sequence[_Case], W: np.ndarray) -> np.ndarray:
    """MRR + Hits@50 (means over cases) for each weight vector (column of W)."""
    tot = np.zeros(W.shape[1])
    for c in cases:
        S = np.stack([weighted_sum(c.X, W[:, k]) for k in range(W.shape[1])], axis=1)  # n × K
        idx = np.flatnonzero(c.mask)
        idx = idx[idx != c.target]
        t = S[c.target]
        s = S[idx]
        rank = 1 + (s > t).sum(axis=0) + 0.5 * (s == t).sum(axis=0)
        tot += 1.0 / rank + (rank <= 50)
    return tot / max(len(cases), 1)


def search_weights(store: GraphStore | None, *, folds: int = 5, seed: int = 0,
                   G: nx.Graph | None = None, start: Weights | None = None,
                   grid: Sequence[float] = (0.0, 0.1, 0.3, 1.0, 3.0, 10.0),
                   sweeps: int = 2, log: Callable[[str], None] | None = None
                   ) -> tuple[Weights, list[dict[str, Any]]]:
    """Coordinate search of the weights on k-fold cases (objective MRR + Hits@50).

    Each sweep visits every signal in :data:`SIGNALS` order and sets its weight
    to the grid value with the best objective, the others fixed (ties keep the
    current value). Returns the best weights and the search log.
    """
    if G is None:
        if store is None:
            raise InputError("store or G required")
        G = load_network(store)
    cases, _, _, _ = _all_cases(G, folds=folds, seed=seed, loo=False, wt=start or DEFAULT)
    return _search(cases, start or DEFAULT, grid, sweeps, log)


def _search(cases: list[_Case], start: Weights, grid: Sequence[float], sweeps: int,
            log: Callable[[str], None] | None) -> tuple[Weights, list[dict[str, Any]]]:
    """The coordinate search of :func:`search_weights` on given cases."""
    for c in cases:
        c.X = c.X.astype(np.float32)
        c.baselines = {}
    current = dict(start.signal_weights())
    trail: list[dict[str, Any]] = []

    def vec(ws: dict[str, float]) -> np.ndarray:
        return np.array([ws[s] for s in SIGNALS], dtype=np.float32)

    best = float(_objective(cases, vec(current)[:, None])[0])
    trail.append({"step": "start", "objective": round(best, 4), "weights": dict(current)})
    for sweep in range(sweeps):
        changed = False
        for s in SIGNALS:
            values = sorted(set(grid) | {current[s]})
            W = np.stack([vec({**current, s: v}) for v in values], axis=1)
            obj = _objective(cases, W)
            k = int(np.argmax(obj))
            if obj[k] > best + 1e-9 and values[k] != current[s]:
                current[s], best, changed = values[k], float(obj[k]), True
            trail.append({"step": f"sweep {sweep + 1}: {s}", "objective": round(best, 4),
                          "value": current[s],
                          "tried": {str(v): round(float(o), 4) for v, o in zip(values, obj,
                                                                              strict=True)}})
            if log:
                log(f"sweep {sweep + 1} {s:<22} -> {current[s]:<5} objective {best:.4f}")
        if not changed:
            break
    return start.replace(**current), trail


# -- nested cross-validation ---------------------------------------------------------


def nested(G: nx.Graph, *, outer: int = 5, inner: int = 3, seed: int = 1,
           start: Weights | None = None,
           grid: Sequence[float] = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0), sweeps: int = 1,
           log: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Nested cross-validation: the weight search sees only the training pairs.

    The pairs are dealt into ``outer`` folds. For each outer fold, its pairs are
    hidden from every signal throughout; the coordinate search (as
    :func:`search_weights`, objective MRR + Hits@50) runs on ``inner`` folds of
    the remaining pairs (``candidates`` and ``suggest`` cases); the chosen
    weights are then scored on the outer fold's pairs, with the baselines. The
    outer results are the honest estimate; the chosen weights of every fold are
    returned too, and ``shipped_vs_chosen`` says how the shipped weights score
    on the same outer folds.
    """
    st = static_index(G)
    pairs = membership_pairs(G)
    start = start or DEFAULT
    folds_out = []
    outer_cases: list[_Case] = []
    shipped_cases: list[_Case] = []
    for k, test in enumerate(folds_of(pairs, outer, seed)):
        train = sorted(set(pairs) - set(test))
        rng, nprng = random.Random(seed + k), np.random.default_rng(seed + k)
        cases: list[_Case] = []
        for j, fold in enumerate(folds_of(train, inner, seed + 100 + k)):
            for c in _cases_for(st, fold, lambda _p, j=j: f"inner{j}", rng, nprng, start,
                                also_hidden=test, baselines=False):
                c.X = c.X.astype(np.float32)  # (memory: one matrix per case)
                cases.append(c)
        chosen, _ = _search(cases, start, grid, sweeps, log)
        del cases
        if log:
            log(f"outer fold {k}: chosen " + ", ".join(
                f"{s}={v}" for s, v in chosen.signal_weights().items()
                if v != start.signal_weights()[s]))
        mine = list(_cases_for(st, test, lambda _p, k=k: f"fold{k}",
                               random.Random(seed), np.random.default_rng(seed), chosen))
        ship = list(_cases_for(st, test, lambda _p, k=k: f"fold{k}",
                               random.Random(seed), np.random.default_rng(seed), start,
                               baselines=False))
        outer_cases.extend(mine)
        shipped_cases.extend(ship)
        folds_out.append({"fold": k, "test_pairs": len(test),
                          "weights": chosen.signal_weights(),
                          "methods": _summarise(mine, chosen)})
    return {
        "outer": outer, "inner": inner, "seed": seed, "grid": list(grid), "sweeps": sweeps,
        "pairs": len(pairs), "folds": folds_out,
        "methods": _summarise_per_fold_weights(outer_cases, folds_out),
        "shipped": _summarise(shipped_cases, start, methods=("kommunalgraph",)),
    }


def _summarise_per_fold_weights(cases: Sequence[_Case], folds: Sequence[dict[str, Any]]
                                ) -> dict[str, Any]:
    """Like :func:`_summarise`, each fold's cases scored with that fold's weights."""
    by_fold = {f"fold{f['fold']}": Weights(**f["weights"]) for f in folds}
    for c in cases:
        c.baselines = {"kommunalgraph": weighted_sum(
            c.X, [by_fold[c.group].signal_weights()[s] for s in SIGNALS]), **c.baselines}
    return _summarise(cases, DEFAULT, own_scores=True)


# -- the kind task: "who runs K near me?" ----------------------------------------------


def kind_task(G: nx.Graph, *, weights: Weights | None = None, seed: int = 1,
              min_members: int = 2) -> dict[str, Any]:
    """Evaluate ``suggest(h, kind=K)``: would h have found the partners it chose for K?

    For every direct membership (h, P) in a project P of kind K with at least
    ``min_members`` municipality members, h's membership in P is hidden and h
    asks for partners for K. The other members of P (who still run K through P)
    are the right answers; the rank of the best-placed one among all
    municipalities except h is scored (ties half). Means over cases per kind,
    then over all cases. Baselines as in :func:`evaluate`.
    """
    wt = weights or DEFAULT
    st = static_index(G)
    nprng = np.random.default_rng(seed)
    w = [wt.signal_weights()[s] for s in SIGNALS]
    per: dict[str, dict[str, list[dict[str, float]]]] = defaultdict(lambda: defaultdict(list))
    for a, p in membership_pairs(G, min_members):
        kind = st.kind_of.get(p)
        if not kind:
            continue
        h = st.pos[a]
        mb = memberships(st, [((MUNICIPALITY, a), (PROJECT, p))])
        targets = sorted(mb.direct.get(p, {}))
        if not targets:
            continue
        what, topic, similar = resolve_topic(st, mb, project=None, kind=kind, ozg=None,
                                             themenfeld=None)
        q = Query(anchors=[h], topic=what, topic_projects=topic, similar_projects=similar)
        scores = {"kommunalgraph": weighted_sum(features(st, mb, q, wt=wt), w),
                  **_baselines(st, q, nprng, _coop(st, mb))}
        for method, s in scores.items():
            best = max(targets, key=lambda t, s=s: (s[t], -t))
            mask = np.ones(len(st.ags), dtype=bool)
            mask[[h, *[t for t in targets if t != best]]] = False
            per[kind][method].append(rank_metrics(s, best, mask))
    out: dict[str, Any] = {"kinds": {}, "cases": 0}
    pooled: dict[str, list[dict[str, float]]] = defaultdict(list)
    for kind, methods in sorted(per.items()):
        out["kinds"][kind] = {m: _mean(rows) for m, rows in methods.items()}
        out["kinds"][kind]["cases"] = len(methods["kommunalgraph"])
        for m, rows in methods.items():
            pooled[m].extend(rows)
    out["methods"] = {m: _mean(rows) for m, rows in pooled.items()}
    out["cases"] = len(pooled["kommunalgraph"])
    return out


def _mean(rows: Sequence[dict[str, float]]) -> dict[str, float]:
    return {k: round(float(np.mean([r[k] for r in rows])), 4)
            for k in ("hits@10", "hits@50", "mrr")}


# -- the temporal split: the members known first, the later ones hidden ------------------


def _period(date: str, partial: str = "period") -> tuple[str, str]:
    """First and last day of ``date`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) as ISO
    strings, which compare as the dates do (every month "ends" on the 31st: only the
    order matters). ``partial="first_day"`` reads a partial date as its first day.

    >>> _period("2021"), _period("2021-04"), _period("2019-12-02")
    (('2021-01-01', '2021-12-31'), ('2021-04-01', '2021-04-31'), ('2019-12-02', '2019-12-02'))
    >>> _period("2021", partial="first_day")
    ('2021-01-01', '2021-01-01')
    """
    if partial not in ("period", "first_day"):
        raise InputError(f"unknown partial-date rule {partial!r}")
    start = date + {4: "-01-01", 7: "-01"}.get(len(date), "")
    return start, (start if partial == "first_day"
                   else date + {4: "-12-31", 7: "-31"}.get(len(date), ""))


def _dated_members(G: nx.Graph, p: Any) -> list[tuple[Any, str | None]]:
    """(member node, as_of or the project's start date) of every PARTICIPATES_IN of ``p``."""
    start = G.nodes[p].get("start_date")
    return sorted(((u, e.get("as_of") or start) for u, e in G[p].items()
                   if e.get("kind") == PARTICIPATES_IN), key=lambda x: (x[0], x[1] or ""))


def temporal_split(G: nx.Graph, partial: str = "period") -> dict[str, dict[str, Any]]:
    """Per project with at least two municipality members: the members reported
    first and those first reported *certainly later*; only projects with a later
    municipality member are returned.

    A membership's ``as_of`` is the date of the source that reports it, so it bounds
    from above when the membership began. The project's first date is the earliest
    end of its members' periods (``_period``); a member is later when its period
    starts after that. With ``partial="period"`` "2021-12" is not later than "2021"
    (both may mean December 2021); with ``"first_day"`` it is.

    Returns ``{project id: {"first": as_of, "first_end": day, "known": [node, ...],
    "later": [(node, as_of), ...]}}``; undated memberships count as known.

    >>> G = nx.Graph()
    >>> for m, d in (("1", "2021"), ("2", "2021-12"), ("3", "2022-03-01")):
    ...     G.add_edge(("Municipality", m), ("Project", "a"), kind="PARTICIPATES_IN", as_of=d)
    >>> s = temporal_split(G)["a"]
    >>> s["first"], s["known"]
    ('2021', [('Municipality', '1'), ('Municipality', '2')])
    >>> s["later"]
    [(('Municipality', '3'), '2022-03-01')]
    >>> [d for _, d in temporal_split(G, "first_day")["a"]["later"]]
    ['2021-12', '2022-03-01']
    """
    out: dict[str, dict[str, Any]] = {}
    for pid in sorted({p for _, p in membership_pairs(G)}):
        dated = _dated_members(G, (PROJECT, pid))
        ends = sorted((_period(d, partial)[1], d) for _, d in dated if d)
        if not ends:
            continue
        first_end, first = ends[0]
        later = [(u, d) for u, d in dated if d and _period(d, partial)[0] > first_end]
        if any(u[0] == MUNICIPALITY for u, _ in later):
            out[pid] = {"first": first, "first_end": first_end,
                        "known": [u for u, d in dated if (u, d) not in later], "later": later}
    return out


def _reported_after(G: nx.Graph, day: str, partial: str) -> list[tuple[Any, Any]]:
    """Every PARTICIPATES_IN edge (member, project) first reported after ``day``."""
    out = []
    for p in sorted(n for n in G if n[0] == PROJECT):
        out += [(u, p) for u, d in _dated_members(G, p) if d and _period(d, partial)[0] > day]
    return out


def _temporal_cases(G: nx.Graph, st: StaticIndex, split: dict[str, dict[str, Any]], wt: Weights,
                    seed: int, strict: bool, partial: str) -> list[_Case]:
    """The cases of :func:`temporal`, one set per project (grouped by project)."""
    test = {p: [(u[1], p) for u, _ in s["later"] if u[0] == MUNICIPALITY]
            for p, s in split.items()}
    later_groups = [(u, (PROJECT, p)) for p, s in split.items()
                    for u, _ in s["later"] if u[0] != MUNICIPALITY]
    rng, nprng = random.Random(seed), np.random.default_rng(seed)
    cases: list[_Case] = []
    for p, pairs in test.items():
        if strict:  # the graph as reported by the project's first date
            own = {((MUNICIPALITY, a), (PROJECT, q)) for a, q in pairs}
            others = [e for e in _reported_after(G, split[p]["first_end"], partial)
                      if e not in own]
            cases += _cases_for(st, pairs, lambda x: x[1], rng, nprng, wt, hidden_edges=others)
        else:  # every later membership of the split projects hidden, the rest known
            rest = [x for q, ps in test.items() if q != p for x in ps]
            cases += _cases_for(st, pairs, lambda x: x[1], rng, nprng, wt, also_hidden=rest,
                                hidden_edges=later_groups)
    return cases


def _pair_rows(cases: Sequence[_Case], st: StaticIndex, wt: Weights) -> list[dict[str, Any]]:
    """The rank of the hidden member for every case and method (ties half)."""
    w = [wt.signal_weights()[s] for s in SIGNALS]
    rows = []
    for c in cases:
        scores = {"kommunalgraph": weighted_sum(c.X, w), **c.baselines}
        rows.append({"project": c.project, "ags": st.ags[c.target], "task": c.task,
                     "rank": {m: rank_metrics(s, c.target, c.mask)["rank"]
                              for m, s in scores.items()}})
    return rows


def temporal(G: nx.Graph, *, weights: Weights | None = None, seed: int = 1,
             strict: bool = False, partial: str = "period") -> dict[str, Any]:
    """Temporal split: know a project's first-reported members, find its later joiners.

    For every project of :func:`temporal_split` (at least two municipality members,
    at least one of them first reported certainly after the project's first date),
    the later municipality members are the test pairs. Every later membership of
    these projects (Kreise and Verbände included) is hidden from every signal, as
    if not yet known; each test pair gets the ``candidates(project)`` case and the
    ``suggest(known member, project)`` case of :func:`evaluate`, with ``weights``
    (default: the shipped ones, which were chosen on all memberships, these
    included). ``strict`` also hides, per project, every membership of any project
    first reported after its first date (the graph as the sources knew it then;
    this hides memberships that existed but were reported later). Means per
    project, then mean and sd over projects.
    """
    wt = weights or DEFAULT
    st = static_index(G)
    split = temporal_split(G, partial)
    cases = _temporal_cases(G, st, split, wt, seed, strict, partial)
    return {
        "projects": len(split), "strict": strict, "partial": partial, "seed": seed,
        "pairs": sum(c.task == "candidates" for c in cases), "queries": len(cases),
        "split": {p: {"first": s["first"], "known": [list(u) for u in s["known"]],
                      "later": [[*u, d] for u, d in s["later"]]} for p, s in split.items()},
        "methods": _summarise(cases, wt),
        "tasks": {t: _summarise(cases, wt, (t,)) for t in ("candidates", "suggest")},
        "per_pair": _pair_rows(cases, st, wt),
    }
