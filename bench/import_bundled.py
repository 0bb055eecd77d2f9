"""Benchmark: the full ``import bundled`` into a fresh embedded store.

Reports the wall time per importer and in total (budget: 60 s on 2 cores), and, because
these machines are noisy, ratios against a baseline measured in the same process: a
bulk ``COPY`` of a fixed SYNTHETIC table (20,000 nodes and 40,000 edges of generated ids,
seeded, never written to a real store) through the same writer path. A ratio of 10 means
"this step costs as much as ten baseline bulk loads" and is comparable across machines.

Run: ``.venv/bin/python bench/import_bundled.py [--repeat 3] [--write-results]``
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from results import publish  # bench/results.py (scripts run from bench/)

from kommunalgraph.graph.ladybug_store import LadybugStore
from kommunalgraph.importers.pipeline import import_bundled

BUDGET_S = 60.0
SECTION = "## Import of the bundled data"


def baseline(tmp: Path, seed: int = 1) -> float:
    """Seconds for a bulk load of a seeded synthetic graph through the writer."""
    rng = random.Random(seed)
    nodes = [{"ags": f"99{i:06d}", "name": f"Synthetisch {i}", "population": rng.randint(1, 10**6),
              "importer": "bench-synthetic", "dataset": "synthetic"} for i in range(20_000)]
    edges = [{"from": f"99{rng.randrange(20_000):06d}", "to": f"99{rng.randrange(20_000):06d}",
              "importer": "bench-synthetic", "dataset": "synthetic"} for _ in range(40_000)]
    store = LadybugStore(tmp / "baseline")
    try:
        started = time.perf_counter()
        with store.transaction():
            store.upsert_nodes("Municipality", nodes)
            store.create_relationships("NEIGHBOUR_OF", "Municipality", "Municipality", edges)
        return time.perf_counter() - started
    finally:
        store.close()


def run_once(tmp: Path, i: int) -> tuple[float, list[tuple[str, str, float]]]:
    store = LadybugStore(tmp / f"run{i}")
    try:
        started = time.perf_counter()
        reports = import_bundled(store)
        total = time.perf_counter() - started
    finally:
        store.close()
    return total, [(r.importer, r.dataset, r.seconds) for r in reports]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--write-results", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        base = statistics.median(baseline(tmp / f"b{i}") for i in range(3))
        runs = [run_once(tmp, i) for i in range(args.repeat)]
    totals = [t for t, _ in runs]
    steps: dict[tuple[str, str], list[float]] = {}
    for _, rows in runs:
        for imp, ds, s in rows:
            steps.setdefault((imp, ds), []).append(s)
    lines = [
        SECTION,
        "",
        f"`bench/import_bundled.py`, {args.repeat} runs into a fresh embedded store each, "
        f"median shown. Baseline (same process): bulk load of a seeded synthetic graph "
        f"(20,000 nodes, 40,000 edges) = {base:.2f} s.",
        "",
        "| importer | dataset | seconds | ratio to baseline |",
        "|---|---|---:|---:|",
    ]
    for (imp, ds), secs in steps.items():
        m = statistics.median(secs)
        lines.append(f"| {imp} | {ds} | {m:.2f} | {m / base:.1f} |")
    med = statistics.median(totals)
    lines += [
        f"| **total** | | **{med:.2f}** | **{med / base:.1f}** |",
        "",
        f"Budget: {BUDGET_S:.0f} s on 2 cores. Result: "
        + ("within budget." if med <= BUDGET_S else "OVER BUDGET."),
        "",
    ]
    publish(SECTION, lines, args.write_results)


if __name__ == "__main__":
    main()
