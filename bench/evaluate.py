"""Offline evaluation of the partner finder on the bundled real data.

Usage (from the repository root)::

    .venv/bin/python bench/evaluate.py --store /tmp/kg-bench/store           # table
    .venv/bin/python bench/evaluate.py --store /tmp/kg-bench/store --search  # + weights

Without ``--store`` the bundled data is imported into a temporary store first.
``--search`` runs the coordinate search of the weights
(:func:`kommunalgraph.queries.evaluate.search_weights`, 5 folds, seed 0, objective
MRR + Hits@50) and prints the chosen values for ``queries/weights.py``; the
evaluation itself is then run with those weights on 10 folds, seed 1 (other
splits than the search used). ``--write`` replaces the section "Evaluation" of
``bench/RESULTS.md`` with the results (other sections stay untouched).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from kommunalgraph.graph.ladybug_store import LadybugStore
from kommunalgraph.queries.evaluate import METHODS, evaluate, search_weights
from kommunalgraph.queries.network import load_network
from kommunalgraph.queries.weights import DEFAULT, SIGNALS

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
LABEL = {"kommunalgraph": "kommunalgraph", "random": "Zufall", "distance": "Entfernung",
         "population": "Einwohnerzahl", "same_kreis": "gleicher Kreis"}


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


def section(result: dict[str, Any], search: dict[str, Any] | None, seconds: float) -> str:
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
    if search:
        out += ["### Weight search", "",
                f"Coordinate search over the grid {search['grid']} per weight, "
                f"{search['folds']} folds with seed {search['seed']} (other splits than the "
                "table above), objective MRR + Hits@50 averaged over all queries, "
                f"{search['sweeps']} sweeps at most, starting from the previous weights. "
                f"Objective {search['start']:.4f} → {search['end']:.4f}.", "",
                "| Step | Value | Objective |", "|---|---|---|"]
        for step in search["trail"][1:]:
            out.append(f"| {step['step']} | {step['value']} | {step['objective']} |")
        out.append("")
    return "\n".join(out) + "\n"


def write_section(text: str) -> None:
    old = RESULTS.read_text("utf-8") if RESULTS.exists() else "# Benchmark results\n\n"
    pattern = re.compile(r"^## Evaluation\n.*?(?=^## |\Z)", re.S | re.M)
    new = pattern.sub(lambda _: text + "\n", old) if pattern.search(old) else (
        old.rstrip("\n") + "\n\n" + text)
    RESULTS.write_text(new, "utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", help="store with the bundled data (default: import to a temp dir)")
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--search", action="store_true", help="choose the weights first")
    ap.add_argument("--grid", default="0.1,0.3,1,3,10",
                    help="comma-separated values tried per weight (default keeps every "
                    "signal switched on: the smallest value is 0.1)")
    ap.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    ap.add_argument("--json", help="also write the evaluation as JSON to this file")
    args = ap.parse_args(argv)
    if args.store:
        store = LadybugStore(args.store, read_only=True)
    else:
        from kommunalgraph.cli_data import import_bundled

        tmp = Path(tempfile.mkdtemp(prefix="kg-eval-")) / "store"
        w = LadybugStore(tmp)
        import_bundled(w, show_progress=False)
        w.close()
        store = LadybugStore(tmp, read_only=True)
    G = load_network(store)
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
    text = section(result, search, seconds)
    print(text)
    if args.json:
        Path(args.json).write_text(json.dumps({"evaluation": result, "search": search},
                                              indent=2, ensure_ascii=False), "utf-8")
    if args.write:
        write_section(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
