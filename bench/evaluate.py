"""Offline evaluation of the partner finder on the bundled real data.

Usage (from the repository root)::

    .venv/bin/python bench/evaluate.py --store /tmp/kg-bench/store           # table
    .venv/bin/python bench/evaluate.py --store /tmp/kg-bench/store --search  # + weights
    .venv/bin/python bench/evaluate.py --store /tmp/kg-bench/store --speed --write

Without ``--store`` the bundled data is imported into a temporary store first.
``--search`` runs the coordinate search of the weights
(:func:`kommunalgraph.queries.partner.evaluate.search_weights`, every weight in
``SIGNALS``, 5 folds, seed 0, objective MRR + Hits@50) and prints the chosen values
(each signal module in ``queries/partner/signals/`` holds its default weight); the
evaluation itself is then run with those weights on 10 folds, seed 1 (other
splits than the search used). ``--write`` replaces the section "Evaluation" of
``bench/RESULTS.md`` with the results; ``--nested --write`` replaces the section
"Evaluation: nested cross-validation and the kind task" (other sections stay untouched),
the temporal split included; ``--temporal --write`` alone replaces only the temporal split
at the end of that section.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import networkx as nx
from results import write_section  # bench/results.py (scripts run from bench/)

from kommunalgraph.graph.ladybug_store import LadybugStore
from kommunalgraph.graph.schema import (
    ASSOCIATION,
    DISTRICT,
    IN_ASSOCIATION,
    IN_DISTRICT,
    MUNICIPALITY,
    PART_OF,
    PARTICIPATES_IN,
    PROJECT,
    SERVED_BY,
)
from kommunalgraph.queries.analytics.network import load_network
from kommunalgraph.queries.partner.evaluate import (
    METHODS,
    evaluate,
    kind_task,
    nested,
    search_weights,
    temporal,
)
from kommunalgraph.queries.partner.weights import DEFAULT, SIGNALS

LABEL = {"kommunalgraph": "kommunalgraph", "random": "Zufall", "distance": "Entfernung",
         "population": "Einwohnerzahl", "same_kreis": "gleicher Kreis",
         "adamic_adar": "Adamic–Adar", "ppr": "personalisierter PageRank"}


def table(methods: dict[str, dict[str, float]]) -> str:
    head = "| Methode | Hits@10 | Hits@50 | MRR | AUC | AUC (harte Negative) |\n"
    head += "|---|---|---|---|---|---|\n"
    rows = []
    for m in METHODS:
        r = methods[m]
        cells = [f"{r[k]:.3f} ± {r[k + '_sd']:.3f}"
                 for k in ("hits@10", "hits@50", "mrr", "auc", "auc_hard")]
        rows.append(f"| {LABEL[m]} ({m}) | " + " | ".join(cells) + " |")
    return head + "\n".join(rows) + "\n"


def section(result: dict[str, Any], search: dict[str, Any] | None, seconds: float,
            fast: dict[str, Any] | None = None) -> str:
    out = ["## Evaluation", ""]
    out.append(
        "Partner finder (`kommunalgraph evaluate`, `bench/evaluate.py`) on the bundled real "
        f"data: {result['pairs_total']} direct memberships of municipalities in projects with "
        f"at least two municipality members; {result['pairs']} held-out pairs evaluated in "
        f"{result['folds']}-fold cross-validation (seed {result['seed']}, "
        f"{result['queries']} queries: one `candidates(project)` and one "
        "`suggest(remaining member, project)` per pair). Held-out memberships are removed "
        "from every signal. Ranks are among all 10,751 municipalities minus the other "
        "members; ties count half. Mean ± sd over folds. "
        f"Run time {seconds:.0f} s (2 cores, embedded store, warm)."
    )
    out += ["", "### Both tasks pooled", "", table(result["methods"])]
    for t, title in (("candidates", "`candidates PROJECT` (who else could join?)"),
                     ("suggest", "`suggest MEMBER --project P` (partner for a member)")):
        out += [f"### {title}", "", table(result["tasks"][t])]
    loo = result.get("leave_one_out")
    if loo:
        out += [f"### Leave-one-member-out ({loo['pairs']} pairs in {loo['projects']} "
                "projects; mean ± sd over projects)", "", table(loo["methods"])]
    best_base = {k: max(result["methods"][m][k] for m in METHODS[1:])
                 for k in ("hits@50", "mrr")}
    ours = result["methods"]["kommunalgraph"]
    out += ["### Against the best baseline", "",
            f"- Hits@50: {ours['hits@50']:.3f} vs. {best_base['hits@50']:.3f} "
            f"({ours['hits@50'] - best_base['hits@50']:+.3f})",
            f"- MRR: {ours['mrr']:.3f} vs. {best_base['mrr']:.3f} "
            f"({ours['mrr'] - best_base['mrr']:+.3f})", ""]
    out += ["### Weights used", "", "| Signal | Weight |", "|---|---|"]
    out += [f"| {s} | {result['weights'][s]} |" for s in SIGNALS]
    out.append("")
    if fast:
        out += ["### Speed of suggest and candidates", "",
                "Warm (analysis graph and scoring index cached), same process, full German "
                f"graph. `suggest` for {fast['suggest_n']} random municipalities (seed 1), "
                f"`candidates` for all {fast['candidates_n']} projects with at least two "
                "members. Reference: a straightforward candidate-by-candidate implementation "
                "of the same scores with networkx (`nx.common_neighbors`, graph lookups) and "
                "`math`, on 10 of each (`reference_scores` in `bench/evaluate.py`); largest "
                f"score difference to ours {fast['max_score_difference']:.1e} (rounding).", "",
                "| | p50 ms | p95 ms | budget p95 | reference p50 ms | reference p95 ms "
                "| speed-up (p50) |", "|---|---:|---:|---:|---:|---:|---:|"]
        for name, budget in (("suggest", 20), ("candidates", 300)):
            ours, ref = fast[name], fast["reference_" + name]
            out.append(f"| `{name}` | {ours['p50'] * 1000:.1f} | {ours['p95'] * 1000:.1f} | "
                       f"{budget} | {ref['p50'] * 1000:.0f} | {ref['p95'] * 1000:.0f} | "
                       f"{ref['p50'] / ours['p50']:.0f}× |")
        out.append("")
    if search:
        out += ["### Weight search", "",
                f"Coordinate search over all {len(SIGNALS)} weights (every signal in "
                f"`SIGNALS`, in that order), grid {search['grid']} per weight, "
                f"{search['folds']} folds with seed {search['seed']} (other splits than the "
                "table above), objective MRR + Hits@50 averaged over all queries, "
                f"{search['sweeps']} sweeps at most, starting from the previous weights. "
                f"Objective {search['start']:.4f} → {search['end']:.4f}."
                + (" No weight changed: the shipped weights are a fixed point of the search. "
                   "The earlier stages that led to them are listed in "
                   "`docs/partner-finder.md`." if search["start"] == search["end"] else ""),
                "",
                "| Step | Value | Objective | Objective per value tried |", "|---|---|---|---|"]
        for step in search["trail"][1:]:
            tried = ", ".join(f"{float(v):g}: {o}" for v, o in step.get("tried", {}).items())
            out.append(f"| {step['step']} | {step['value']} | {step['objective']} | {tried} |")
        out.append("")
    return "\n".join(out) + "\n"


# -- speed: suggest and candidates against a straightforward networkx version ------


def _ref_memberships(G: nx.Graph) -> tuple[dict, dict, dict]:
    """Per project: direct municipality members and members through a Kreis/Verband."""
    direct: dict[str, set] = {}
    via: dict[str, set] = {}
    for p in (n for n in G if n[0] == PROJECT):
        d, v = set(), set()
        for u, e in G[p].items():
            if e["kind"] != PARTICIPATES_IN:
                continue
            if u[0] == MUNICIPALITY:
                d.add(u)
            elif u[0] in (DISTRICT, ASSOCIATION):
                rel = IN_DISTRICT if u[0] == DISTRICT else IN_ASSOCIATION
                v |= {m for m, e2 in G[u].items() if m[0] == MUNICIPALITY and e2["kind"] == rel}
        direct[p[1]], via[p[1]] = d, v - d
    kinds: dict[str, set] = {}
    for p, d in direct.items():
        kinds.setdefault(G.nodes[(PROJECT, p)].get("kind") or "other", set()).update(d)
    return direct, via, kinds


def _partner_graph(direct: dict[str, set]) -> nx.Graph:
    """Municipalities linked when they share a project; ``projects`` on each edge."""
    partners = nx.Graph()
    for p, d in direct.items():
        for u in d:
            for v in d:
                if u < v:
                    partners.add_edge(u, v)
                    partners[u][v].setdefault("projects", set()).add(p)
    return partners


class _Reference:
    """The score of :func:`reference_scores`, one candidate at a time."""

    def __init__(self, G: nx.Graph, anchors: list[str], wt: Any, skip: str | None,
                 groups: list[tuple[str, str]]) -> None:
        from collections import Counter

        self.G, self.wt, self.skip = G, wt, skip
        direct, via, self.kinds = _ref_memberships(G)
        self.direct, self.via = direct, via
        A = self.A = [(MUNICIPALITY, a) for a in anchors]
        self.projects_of = {m: {p for p, d in direct.items() if m in d and p != skip} for m in A}
        self.via_of = {m: {p for p, v in via.items() if m in v and p != skip} for m in A}
        self.deg = {p: len(direct[p]) + len(via[p]) for p in direct}
        self.prog = {p: [g[1] for g, e in G[(PROJECT, p)].items() if e["kind"] == PART_OF]
                     for p in direct}
        self.prog_members: dict[str, set] = {}
        for p, gs in self.prog.items():
            for g in gs:
                self.prog_members.setdefault(g, set()).update(direct[p])
        self.partners = _partner_graph(direct)
        self.anchor_prov = {a: self.providers(a) for a in A}
        self.served = Counter(o for m in G if m[0] == MUNICIPALITY for o in self.providers(m))
        self.points = self._points(groups)
        self.product_users = Counter(k for m in G if m[0] == MUNICIPALITY
                                     for k in self.products(m))
        self.states = {G.nodes[a]["state"] for a in A} | {g[1][:2] for g in groups}

    def providers(self, m: Any) -> dict[str, float]:
        from kommunalgraph.queries.partner.index import certainty_factor

        G, out = self.G, {}
        for g, e in G[m].items():
            if e["kind"] in (IN_DISTRICT, IN_ASSOCIATION):
                for o, e2 in G[g].items():
                    if e2["kind"] == SERVED_BY:
                        out[o[1]] = 0.5 * certainty_factor(e2.get("certainty"))
        for o, e in G[m].items():
            if e["kind"] == SERVED_BY:
                out[o[1]] = certainty_factor(e.get("certainty"))
        return out

    def products(self, m: Any) -> set[tuple[str, ...]]:
        """Products in use and shared platforms (node attributes of the analysis graph)."""
        node = self.G.nodes[m]
        return set(node.get("products", ())) | set(node.get("platforms", ()))

    def _points(self, groups: list[tuple[str, str]]) -> list[tuple[float, float]]:
        G = self.G
        points = [(G.nodes[a]["lat"], G.nodes[a]["lon"]) for a in self.A
                  if G.nodes[a]["lat"] is not None]
        for g in groups:  # a member Kreis or Verband anchors by its centre
            rel = IN_DISTRICT if g[0] == DISTRICT else IN_ASSOCIATION
            ms = [G.nodes[m] for m, e in G[g].items() if m[0] == MUNICIPALITY
                  and e["kind"] == rel and G.nodes[m]["lat"] is not None]
            if ms:
                points.append((sum(m["lat"] for m in ms) / len(ms),
                               sum(m["lon"] for m in ms) / len(ms)))
        return points

    def network(self, x: dict[str, float], a: Any, c: Any) -> None:
        """Shared projects and programmes, similar projects, partner of partner, border."""
        G, direct, skip = self.G, self.direct, self.skip
        for p in self.projects_of[a]:
            w = 1 / math.log(max(self.deg[p], 2))
            x["shared_project"] += w * (c in direct[p])
            x["shared_project_kreis"] += w * (c in self.via[p])
        for p in self.via_of[a]:
            x["shared_project_kreis"] += (c in direct[p]) / math.log(max(self.deg[p], 2))
        mine = self.projects_of[a] | {skip}
        for g in {g for p in self.projects_of[a] for g in self.prog[p]}:
            if any(c in direct[q] and q not in mine for q in direct if g in self.prog[q]):
                x["shared_programme"] += 1 / math.log(max(len(self.prog_members[g]), 2))
        ck = {G.nodes[(PROJECT, p)].get("kind") or "other" for p in direct if c in direct[p]}
        for k in {G.nodes[(PROJECT, p)].get("kind") or "other"
                  for p in self.projects_of[a]} & ck:
            x["similar_project"] += 1 / math.log(1 + len(self.kinds[k]))
        partners = self.partners
        if a in partners and c in partners:
            for b in nx.common_neighbors(partners, a, c):
                if partners[a][b]["projects"] - {skip} and partners[b][c]["projects"] - mine:
                    x["partner_of_partner"] += 1 / partners.degree(b)
        x["border"] += G.has_edge(a, c)

    def place(self, x: dict[str, float], c: Any) -> None:
        """Kreis, Land, distance, size, urbanisation, IT provider, same product."""
        from kommunalgraph.queries.geo import haversine_km
        from kommunalgraph.queries.partner.signals.it_provider import rarity

        G, A, cd, wt = self.G, self.A, self.G.nodes[c], self.wt
        x["same_kreis"] = float(any(G.nodes[a]["district"] == cd["district"] for a in A))
        x["same_land"] = float(cd["state"] in self.states)
        ds = [haversine_km(la, lo, cd["lat"], cd["lon"]) for la, lo in self.points
              if cd["lat"] is not None]
        if ds:
            x["distance_near"] = math.exp(-min(ds) / wt.distance_near_km)
            x["distance_far"] = math.exp(-min(ds) / wt.distance_far_km)
        pops = sorted(math.log(G.nodes[a]["population"]) for a in A
                      if G.nodes[a]["population"])
        if pops and cd["population"]:
            ref = (pops[len(pops) // 2] if len(pops) % 2
                   else (pops[len(pops) // 2 - 1] + pops[len(pops) // 2]) / 2)
            x["size"] = math.exp(-abs(math.log(cd["population"]) - ref))
        codes = [G.nodes[a]["urbanisation_code"] for a in A if G.nodes[a]["urbanisation_code"]]
        if codes and cd["urbanisation_code"]:
            x["urbanisation"] = codes.count(cd["urbanisation_code"]) / len(codes)
        cp = self.providers(c)
        x["it_provider"] = max([f * cp[o] * rarity(self.served[o]) for a in A
                                for o, f in self.anchor_prov[a].items() if o in cp], default=0.0)
        shared = set().union(*(self.products(a) for a in A)) & self.products(c)
        x["same_product"] = max([rarity(self.product_users[k]) for k in shared], default=0.0)

    def score(self, c: Any) -> float:
        x = dict.fromkeys(SIGNALS, 0.0)
        for a in self.A:
            self.network(x, a, c)
        x["border"] = math.log2(1 + x["border"])
        self.place(x, c)
        return sum(getattr(self.wt, s) * v for s, v in x.items())


def reference_scores(G: nx.Graph, anchors: list[str], wt: Any, skip: str | None = None,
                     exclude: set[str] = frozenset(),
                     groups: list[tuple[str, str]] = ()) -> dict[str, float]:
    """The same score, computed candidate by candidate with networkx and math only.

    Topic signals (experience) are left out: they are zero for the general
    ``suggest`` and for ``candidates`` (whose members are excluded). An
    independent second implementation on purpose: it checks the signal objects.
    """
    ref = _Reference(G, anchors, wt, skip, list(groups))
    return {c[1]: ref.score(c) for c in G
            if c[0] == MUNICIPALITY and c not in ref.A and c[1] not in exclude}


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def speed(G: nx.Graph, *, n_suggest: int = 50, seed: int = 1) -> dict[str, Any]:
    """p50/p95 of suggest and candidates (warm) and of the networkx reference."""
    import random

    from kommunalgraph.queries.partner.candidates import candidates
    from kommunalgraph.queries.partner.evaluate import membership_pairs
    from kommunalgraph.queries.partner.suggest import suggest

    ags = sorted(k for (label, k) in G if label == MUNICIPALITY)
    sample = random.Random(seed).sample(ags, n_suggest)
    projects = sorted({p for _, p in membership_pairs(G)})
    suggest(None, sample[0], G=G)  # warm the index
    res: dict[str, Any] = {"suggest_n": len(sample), "candidates_n": len(projects)}
    for name, calls in (
        ("suggest", [lambda a=a: suggest(None, a, G=G) for a in sample]),
        ("candidates", [lambda p=p: candidates(None, p, G=G) for p in projects]),
    ):
        ts = []
        for f in calls:
            t = time.perf_counter()
            f()
            ts.append(time.perf_counter() - t)
        res[name] = {"p50": _pct(ts, 0.5), "p95": _pct(ts, 0.95)}
    ref_s, diffs = [], []
    for a in sample[:10]:
        t = time.perf_counter()
        ref = reference_scores(G, [a], DEFAULT)
        ref_s.append(time.perf_counter() - t)
        ours = suggest(None, a, G=G, limit=20)["results"]
        diffs += [abs(r["score"] - ref[r["ags"]]) for r in ours]
    ref_c = []
    from kommunalgraph.queries.analytics.network import project_members

    for p in projects[:10]:
        ms = [m[1] for m in project_members(G, p)]
        gs = project_members(G, p, labels=(DISTRICT, ASSOCIATION))
        t = time.perf_counter()
        ref = reference_scores(G, ms, DEFAULT, skip=p, exclude=set(ms), groups=gs)
        ref_c.append(time.perf_counter() - t)
        ours = candidates(None, p, G=G, limit=20)["results"]
        diffs += [abs(r["score"] - ref[r["ags"]]) for r in ours
                  if not any(x["signal"].startswith("experience") or x["signal"] ==
                             "similar_experience" for x in r["reasons"])]
    res["reference_suggest"] = {"p50": _pct(ref_s, 0.5), "p95": _pct(ref_s, 0.95), "n": 10}
    res["reference_candidates"] = {"p50": _pct(ref_c, 0.5), "p95": _pct(ref_c, 0.95), "n": 10}
    res["max_score_difference"] = max(diffs) if diffs else 0.0
    return res


def _row(name: str, r: dict[str, float]) -> str:
    return f"| {name} | {r['hits@10']:.3f} | {r['hits@50']:.3f} | {r['mrr']:.3f} |"


def honest_section(nest: dict[str, Any], kinds: dict[str, Any], seconds: float,
                   temp: str = "") -> str:
    """The section "Evaluation: nested and kind task" of bench/RESULTS.md."""
    out = ["## Evaluation: nested cross-validation and the kind task", "",
           f"Nested cross-validation (`nested` in `queries/partner/evaluate.py`): the "
           f"{nest['pairs']} memberships are dealt into {nest['outer']} outer folds (seed "
           f"{nest['seed']}); for each, its pairs are hidden from every signal throughout, "
           f"the coordinate search (all {len(SIGNALS)} weights, grid {nest['grid']}, "
           f"{nest['sweeps']} sweep, objective "
           f"MRR + Hits@50) runs on {nest['inner']} inner folds of the other pairs only, and "
           "the chosen weights are scored on the outer fold with the baselines. Both tasks "
           "(`candidates`, `suggest --project`) pooled; mean over outer folds. "
           f"Run time {seconds:.0f} s.", "",
           "| Method | Hits@10 | Hits@50 | MRR |", "|---|---:|---:|---:|"]
    for m in METHODS:
        out.append(_row(f"{LABEL[m]} ({m})", nest["methods"][m]))
    out.append(_row("shipped weights on the same outer folds", nest["shipped"]["kommunalgraph"]))
    out += ["", "Weights chosen per outer fold (only those that differ from the shipped ones):",
            ""]
    shipped = DEFAULT.signal_weights()
    for f in nest["folds"]:
        diff = {s: v for s, v in f["weights"].items() if v != shipped[s]}
        mrr = {m: r["mrr"] for m, r in f["methods"].items()}
        base = max(METHODS[1:], key=lambda m: mrr[m])
        out.append(f"- fold {f['fold']} ({f['test_pairs']} test pairs; MRR "
                   f"{mrr['kommunalgraph']:.3f}, best baseline {LABEL[base]} {mrr[base]:.3f}): "
                   + (", ".join(f"`{s}` {v:g}" for s, v in diff.items()) or "none"))
    out += ["", f"Kind task (`kind_task`, „who runs K near me?“): for each of the "
            f"{kinds['cases']} memberships (h, P) in a project of a kind K, h's membership is "
            "hidden, h asks `suggest(h, kind=K)`; P's other members are the right answers "
            "(best-placed one counts). Shipped weights.", "",
            "| Method | Hits@10 | Hits@50 | MRR |", "|---|---:|---:|---:|"]
    for m in METHODS:
        out.append(_row(f"{LABEL[m]} ({m})", kinds["methods"][m]))
    out.append("")
    text = "\n".join(out) + "\n"
    return text + temp


TEMPORAL = "### Temporal split: later joiners"


def temporal_section(temp: dict[str, Any], variants: dict[str, dict[str, Any]] | None = None,
                     G: nx.Graph | None = None) -> str:
    """The subsection "Temporal split" (the end of the nested section)."""
    out = [TEMPORAL, "",
           "`temporal` in `queries/partner/evaluate.py`. A membership's `as_of` is the date of "
           "the source that reports it (`docs/formats.md`), so it says the member was in by "
           "then, not when it joined. Per project with at least two municipality members: "
           "its first date is the earliest end of its members' dates (a partial date is the "
           "period it names: \"2021\" is 2021-01-01 to 2021-12-31), and a member is a later "
           "joiner when its date starts after that, so \"2021-12\" is not later than "
           "\"2021\". The later municipality members are the test pairs; every later "
           "membership of these projects (Kreise and Verbände too) is hidden from every "
           "signal; each test pair gets the `candidates(project)` and the "
           "`suggest(known member, project)` query. Shipped weights (chosen on all "
           f"memberships, these included). {temp['projects']} projects, {temp['pairs']} test "
           f"pairs, {temp['queries']} queries; both tasks pooled, mean over projects.", "",
           "| Method | Hits@10 | Hits@50 | MRR |", "|---|---:|---:|---:|"]
    for m in METHODS:
        out.append(_row(f"{LABEL[m]} ({m})", temp["methods"][m]))
    ours = temp["methods"]["kommunalgraph"]
    tail = [f"A small sample: {temp['pairs']} later joiners in {temp['projects']} projects; "
            f"kommunalgraph's MRR varies by {ours['mrr_sd']:.3f} (sd) over the projects. "
            "Variants (same test protocol):", ""]
    for name, v in (variants or {}).items():
        tail.append(_row(f"{name}, kommunalgraph ({v['projects']} projects, "
                         f"{v['pairs']} pairs)", v["methods"]["kommunalgraph"]))
        base = max(METHODS[1:], key=lambda m, v=v: v["methods"][m]["mrr"])
        tail.append(_row(f"{name}, best baseline {LABEL[base]} ({base})", v["methods"][base]))
    if variants:
        out += ["", *tail[:1], "", "| Variant | Hits@10 | Hits@50 | MRR |", "|---|---:|---:|---:|",
                *tail[2:]]
    else:
        out += ["", tail[0][:tail[0].index(" Variants")]]
    out += ["", "Rank of each later joiner (ties half; `candidates` / `suggest`):", "",
            "| Project | first date | later member (date) | kommunalgraph | distance | "
            "Adamic–Adar | PageRank | population |", "|---|---|---|---:|---:|---:|---:|---:|"]
    ranks: dict[tuple[str, str], dict[str, dict[str, float]]] = {}
    for r in temp["per_pair"]:
        ranks.setdefault((r["project"], r["ags"]), {})[r["task"]] = r["rank"]
    dates = {(p, u[1]): u[2] for p, s in temp["split"].items() for u in s["later"]}
    for (p, ags), by_task in ranks.items():
        name = G.nodes[(MUNICIPALITY, ags)].get("name", ags) if G is not None else ags
        cells = [" / ".join(f"{by_task[t][m]:g}" for t in ("candidates", "suggest")
                            if t in by_task)
                 for m in ("kommunalgraph", "distance", "adamic_adar", "ppr", "population")]
        out.append(f"| {p} | {temp['split'][p]['first']} | {name} ({dates[(p, ags)]}) | "
                   + " | ".join(cells) + " |")
    return "\n".join(out) + "\n\n"


def _temporal_all(G: nx.Graph) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The temporal split and its two variants (strict graph, partial dates as first day)."""
    return temporal(G), {
        "strict (the graph as reported by each project's first date)": temporal(G, strict=True),
        "partial dates read as their first day": temporal(G, partial="first_day")}


def write_temporal(text: str, path: Path | None = None) -> None:
    """Replace the temporal subsection at the end of the nested section of RESULTS.md."""
    from results import RESULTS

    path = path or RESULTS
    old = path.read_text("utf-8")
    head = old.index("## Evaluation: nested cross-validation and the kind task\n")
    nxt = old.find("\n## ", head + 1)
    end = nxt + 1 if nxt >= 0 else len(old)
    start = old.find(TEMPORAL + "\n", head, end)
    if start < 0:
        start = old.find("Temporal split: not possible yet.", head, end)
    if start < 0:
        raise SystemExit("bench/RESULTS.md: no temporal part in the nested section")
    path.write_text(old[:start] + text.rstrip("\n") + "\n" + ("\n" + old[end:] if nxt >= 0
                                                            else ""), "utf-8")


def _honest(G: nx.Graph, args: argparse.Namespace) -> int:
    """``--nested`` (with the temporal split) or ``--temporal`` alone."""
    temp, variants = _temporal_all(G)
    temp_text = temporal_section(temp, variants, G)
    out: dict[str, Any] = {"temporal": temp, "temporal_variants": variants}
    if args.nested:
        t = time.perf_counter()
        out["nested"] = nested(G, outer=5, inner=3, seed=args.seed, sweeps=1,
                               log=lambda s: print(s, file=sys.stderr, flush=True))
        out["kind_task"] = kind_task(G)
        text = honest_section(out["nested"], out["kind_task"], time.perf_counter() - t,
                              temp_text)
    else:
        text = temp_text
    print(text)
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1, ensure_ascii=False), "utf-8")
    if args.write and args.nested:
        write_section("## Evaluation: nested cross-validation and the kind task", text)
    elif args.write:
        write_temporal(text)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", help="store with the bundled data (default: import to a temp dir)")
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--search", action="store_true", help="choose the weights first")
    ap.add_argument("--grid", default="0.1,0.3,1,3,10",
                    help="comma-separated values tried per weight (default keeps every "
                    "signal switched on: the smallest value is 0.1)")
    ap.add_argument("--write-results", "--write", dest="write", action="store_true",
                    help="update bench/RESULTS.md")
    ap.add_argument("--speed", action="store_true",
                    help="also time suggest and candidates against the networkx reference")
    ap.add_argument("--json", help="also write the evaluation as JSON to this file")
    ap.add_argument("--nested", action="store_true",
                    help="only the nested cross-validation and the kind task (own section)")
    ap.add_argument("--temporal", action="store_true",
                    help="the temporal split (later joiners); alone it rewrites only its part "
                    "of the nested section, with --nested the whole section")
    args = ap.parse_args(argv)
    if args.store:
        store = LadybugStore(args.store, read_only=True)
    else:
        from kommunalgraph.importers.pipeline import import_bundled

        tmp = Path(tempfile.mkdtemp(prefix="kg-eval-")) / "store"
        w = LadybugStore(tmp)
        import_bundled(w)
        w.close()
        store = LadybugStore(tmp, read_only=True)
    G = load_network(store)
    if args.nested or args.temporal:
        return _honest(G, args)
    weights, search = DEFAULT, None
    if args.search:
        grid = tuple(float(x) for x in args.grid.split(","))
        t = time.perf_counter()
        weights, trail = search_weights(None, G=G, folds=5, seed=0, grid=grid, sweeps=3,
                                        log=lambda s: print(s, file=sys.stderr))
        search = {"grid": list(grid), "folds": 5, "seed": 0, "sweeps": 3, "trail": trail,
                  "start": trail[0]["objective"], "end": trail[-1]["objective"],
                  "seconds": time.perf_counter() - t}
        print("chosen weights:", json.dumps(weights.signal_weights()), file=sys.stderr)
    t = time.perf_counter()
    result = evaluate(None, G=G, folds=args.folds, seed=args.seed, weights=weights)
    seconds = time.perf_counter() - t
    fast = speed(G) if args.speed else None
    text = section(result, search, seconds, fast)
    print(text)
    if args.json:
        Path(args.json).write_text(json.dumps({"evaluation": result, "search": search,
                                               "speed": fast},
                                              indent=2, ensure_ascii=False), "utf-8")
    if args.write:
        write_section("## Evaluation", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
