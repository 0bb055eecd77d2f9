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
]

METHODS = ("kommunalgraph", "random", "distance", "population", "same_kreis")
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


def _baselines(st: StaticIndex, q: Query, rng: np.random.Generator) -> dict[str, np.ndarray]:
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
    }


def _cases_for(st: StaticIndex, hidden: Sequence[tuple[str, str]], group_of: Callable[[Any], str],
               rng: random.Random, nprng: np.random.Generator, wt: Weights
               ) -> Iterator[_Case]:
    """Cases for one split: ``hidden`` pairs are removed from every signal."""
    excl = [((MUNICIPALITY, a), (PROJECT, p)) for a, p in hidden]
    mb = memberships(st, excl)
    hidden_of: dict[str, set[int]] = defaultdict(set)
    for a, p in hidden:
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
                    features(st, mb, q, wt=wt), _baselines(st, q, nprng))
        if not q.anchors:
            continue
        anchor = rng.choice(q.anchors)
        what, topic, similar = resolve_topic(st, mb, project=p, kind=None, ozg=None,
                                             themenfeld=None)
        qs = Query(anchors=[anchor], topic=what, topic_projects=topic, similar_projects=similar)
        mask = np.ones(len(st.ags), dtype=bool)
        mask[list(set(q.anchors) | others)] = False
        yield _Case(group_of((a, p)), p, "suggest", h, mask, _hard(st, mb, qs),
                    features(st, mb, qs, wt=wt), _baselines(st, qs, nprng))


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
               tasks: Sequence[str] = ("candidates", "suggest")) -> dict[str, Any]:
    """Mean per group (fold or project), then mean and sd over groups, per method."""
    w = [weights.signal_weights()[s] for s in SIGNALS]
    per_group: dict[str, dict[str, dict[str, list[float]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list)))
    for c in cases:
        if c.task not in tasks:
            continue
        scores = {"kommunalgraph": weighted_sum(c.X, w), **c.baselines}
        for method, ms in _case_metrics(c, scores).items():
            for metric, v in ms.items():
                per_group[c.group][method][metric].append(v)
    out: dict[str, Any] = {}
    for method in METHODS:
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
    for c in cases:
        c.X = c.X.astype(np.float32)
        c.baselines = {}
    current = dict((start or DEFAULT).signal_weights())
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
    return (start or DEFAULT).replace(**current), trail


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
                  **_baselines(st, q, nprng)}
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
