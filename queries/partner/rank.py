"""Score, sort and explain: one ranking from the signals.

:func:`features` asks every signal of :data:`.signals.REGISTRY` for its column;
the score is the weighted sum (:func:`weighted_sum`). :func:`explain` collects
the German reasons of every signal for one candidate; :func:`district_rows`
scores Kreise with the same signal objects (their ``district`` part).
:func:`rank` puts it together for ``suggest`` and ``candidates``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from ...graph.errors import InputError
from ...graph.schema import DISTRICT, MUNICIPALITY, STATE
from .index import Memberships, Query, StaticIndex, query_distances
from .signals import COLUMN, REGISTRY, SIGNALS, Context, Reason
from .text import district_name, state_name
from .weights import DEFAULT, Weights

__all__ = ["features", "weighted_sum", "explain", "district_rows", "rank", "check_limit",
           "context", "add_relevance", "FIT_DE"]


def context(st: StaticIndex, mb: Memberships, q: Query, wt: Weights = DEFAULT,
            for_project: bool = False) -> Context:
    """The signals' view of one ranking."""
    return Context(st, mb, q, wt, for_project, COLUMN)


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


def features(st: StaticIndex, mb: Memberships, q: Query, *, wt: Weights = DEFAULT) -> np.ndarray:
    """The signal values of every municipality (rows) for query ``q`` (columns)."""
    X = np.zeros((len(st.ags), len(SIGNALS)), order="F")  # columns contiguous
    ctx = context(st, mb, q, wt)
    for signal in REGISTRY:
        signal.compute(ctx, X)
    return X


def _as_dicts(reasons: Iterable[Reason]) -> list[dict[str, Any]]:
    out = [{"signal": s, "value": v, "contribution": round(c, 4), "text_de": t}
           for s, v, c, t in reasons if c > 0]
    out.sort(key=lambda r: (-r["contribution"], r["signal"]))
    return out


def explain(ctx: Context, c: int, x: np.ndarray) -> list[dict[str, Any]]:
    """German reasons for candidate ``c`` with feature row ``x``: one per signal > 0."""
    reasons: list[Reason] = []
    for signal in REGISTRY:
        if any(x[COLUMN[name]] > 0 for name in signal.weights):
            reasons.extend(signal.explain(ctx, c, x))
    return _as_dicts(reasons)


def district_rows(ctx: Context, exclude: set[str]) -> list[tuple[float, str, dict[str, Any]]]:
    """Score Kreise as partners: the ``district`` part of every signal, summed."""
    st = ctx.st
    rows = []
    for k, key in enumerate(st.districts):
        if (DISTRICT, key) not in st.G or key in exclude or len(st.district_members[k]) <= 1:
            continue  # (a kreisfreie Stadt is ranked as the municipality it is)
        reasons = [r for signal in REGISTRY for r in signal.district(ctx, k)]
        score = sum(r[2] for r in reasons)
        d = ctx.district_distances[k]
        rows.append((score, key, {"distance_km": None if np.isnan(d) else round(float(d), 1),
                                  "reasons": _as_dicts(reasons)}))
    return rows


def _result(st: StaticIndex, i: int, score: float, dist: float | None,
            reasons: list[dict[str, Any]]) -> dict[str, Any]:
    G = st.G
    ags = st.ags[i]
    m = G.nodes[(MUNICIPALITY, ags)]
    dk, sk = st.districts[st.district[i]], st.states[st.state[i]]
    return {
        "ags": ags, "key": ags, "label": MUNICIPALITY, "name": m["name"],
        "official_name": m.get("official_name"), "score": round(float(score), 4),
        "distance_km": dist, "population": m.get("population"),
        "district": district_name(G, dk) if (DISTRICT, dk) in G else None,
        "district_key": dk,
        "state": state_name(G, sk) if (STATE, sk) in G else None,
        "state_key": sk, "reasons": reasons,
    }


def _district_result(st: StaticIndex, key: str, score: float,
                     extra: dict[str, Any]) -> dict[str, Any]:
    G = st.G
    name = district_name(G, key)
    sk = key[:2]
    return {"key": key, "label": DISTRICT, "name": name, "official_name": name,
            "score": round(float(score), 4), "distance_km": extra["distance_km"],
            "population": None, "district": name, "district_key": key,
            "state": state_name(G, sk) if (STATE, sk) in G else None,
            "state_key": sk, "reasons": extra["reasons"]}


def _top(st: StaticIndex, scores: np.ndarray, d: np.ndarray, q: Query, limit: int,
         radius_km: float | None, only: Iterable[int] | None) -> list[tuple[float, str, Any]]:
    if only is None:
        ok = np.ones(len(st.ags), dtype=bool)
    else:
        ok = np.zeros(len(st.ags), dtype=bool)
        ok[list(only)] = True
    for i in q.exclude | set(q.anchors):
        ok[i] = False
    if radius_km is not None:
        ok &= ~np.isnan(d) & (d <= radius_km)
    sc = np.where(ok, np.round(scores, 9), -np.inf)
    if limit < len(sc):  # only the best `limit` (and whoever ties with the last) are sorted
        kth = np.partition(sc, len(sc) - limit)[len(sc) - limit]
        pick = np.flatnonzero(sc >= kth)
    else:
        pick = np.arange(len(sc))
    order = pick[np.lexsort((pick, -sc[pick]))][:limit]  # score desc, then AGS
    return [(float(sc[i]), st.ags[i], int(i)) for i in order if ok[i]]


def rank(st: StaticIndex, mb: Memberships, q: Query, wt: Weights, *, limit: int,
         radius_km: float | None = None, include_districts: bool = False,
         exclude_districts: Iterable[str] = (), for_project: bool = False,
         only: Iterable[int] | None = None, only_districts: Iterable[str] | None = None,
         X: np.ndarray | None = None) -> list[dict[str, Any]]:
    """Score, filter, sort (score desc, key asc) and explain the top ``limit``.

    ``only``/``only_districts``: rank just these municipalities (indices) and Kreise.
    ``X``: the features of ``q`` when already computed (they do not depend on
    ``q.exclude``).
    """
    ctx = context(st, mb, q, wt, for_project)
    if X is None:
        X = features(st, mb, q, wt=wt)
    scores = weighted_sum(X, [wt.signal_weights()[s] for s in SIGNALS])
    d = query_distances(st, q)
    items = _top(st, scores, d, q, limit, radius_km, only)
    if include_districts:
        keep = None if only_districts is None else set(only_districts)
        for score, key, extra in district_rows(ctx, set(exclude_districts)):
            if keep is not None and key not in keep:
                continue
            if radius_km is not None and (extra["distance_km"] is None
                                          or extra["distance_km"] > radius_km):
                continue
            items.append((round(score, 9), key, extra))
    items.sort(key=lambda t: (-t[0], t[1]))
    out = []
    for score, key, ref in items[:limit]:
        if isinstance(ref, int):
            dist = None if np.isnan(d[ref]) else round(float(d[ref]), 1)
            out.append(_result(st, ref, score, dist, explain(ctx, ref, X[ref])))
        else:
            out.append(_district_result(st, key, score, ref))
    return out


#: (lowest relevance, German label), best first
FIT_DE: tuple[tuple[int, str], ...] = ((75, "sehr passend"), (40, "passend"), (0, "möglich"))


def add_relevance(results: Iterable[dict[str, Any]], best: float | None = None) -> None:
    """Give each result a score a reader understands: ``relevance`` 0–100 relative
    to ``best`` (default: the best of ``results``) and ``fit_de``, a German label.

    >>> rs = [{"score": 120.0}, {"score": 60.0}, {"score": 3.0}]
    >>> add_relevance(rs)
    >>> [(r["relevance"], r["fit_de"]) for r in rs]
    [(100, 'sehr passend'), (50, 'passend'), (2, 'möglich')]
    """
    results = list(results)
    if best is None:
        best = max((r["score"] for r in results), default=0.0)
    for r in results:
        rel = int(round(100 * min(r["score"] / best, 1.0))) if best and best > 0 else 0
        r["relevance"] = max(rel, 0)
        r["fit_de"] = next(label for low, label in FIT_DE if r["relevance"] >= low)


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
