"""Benchmark: Neo4j beside Ladybug on the bundled data, in one run (not a test).

Times on both stores, alternating so that a noisy machine hits both alike:

* ``import bundled`` into an empty store (Ladybug: a fresh folder; Neo4j: the emptied
  test database);
* loading the analysis graph cold (``load_network`` after ``clear_cache``), which is
  what the first ``suggest`` of a CLI call or a viewer pays;
* ``suggest`` warm (analysis graph cached) for 30 municipalities drawn with seed 1;
* the viewer's main pages, each fetched once from a fresh app (Flask test client,
  no page cache yet), summed.

The table gives the medians and the ratio Neo4j / Ladybug; the ratio is what carries
over between machines. Needs a Neo4j server that may be emptied:

    tools/neo4j-test-server run -- .venv/bin/python bench/neo4j_vs_ladybug.py --write-results
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from results import publish  # bench/results.py (scripts run from bench/)

from kommunalgraph.graph.ladybug_store import LadybugStore
from kommunalgraph.graph.neo4j_store import Neo4jStore
from kommunalgraph.graph.store import GraphStore
from kommunalgraph.importers.pipeline import import_bundled
from kommunalgraph.queries.analytics.network import clear_cache, load_network
from kommunalgraph.queries.partner.suggest import suggest

SECTION = "## Neo4j beside Ladybug"
PAGES = ["/", "/kommune/05954036", "/partner?kommune=05954036", "/oekosystem/05954036",
         "/netzwerk", "/kleine-kommunen", "/projekte", "/projekt/SVA"]


def timed(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def fresh_ladybug(tmp: Path, i: int) -> GraphStore:
    return LadybugStore(tmp / f"ladybug{i}")


def fresh_neo4j(uri: str) -> GraphStore:
    s = Neo4jStore.from_env(uri)
    s.run("MATCH (n) DETACH DELETE n")
    return s


def page_loads(store: str, maps: Path) -> float:
    from kommunalgraph.web import create_app

    app = create_app({"STORE": store, "MAP_CACHE": str(maps), "TESTING": True})
    try:
        client = app.test_client()
        started = time.perf_counter()
        for page in PAGES:
            r = client.get(page)
            if r.status_code != 200:
                raise SystemExit(f"{page}: HTTP {r.status_code} on {store}")
        return time.perf_counter() - started
    finally:
        app.extensions["kommunalgraph"].close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=2, help="imports per store (default 2)")
    ap.add_argument("--write-results", action="store_true")
    args = ap.parse_args()
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        sys.exit("NEO4J_URI is not set: run it through tools/neo4j-test-server run -- ...")
    times: dict[tuple[str, str], list[float]] = {}

    def note(metric: str, backend: str, seconds: float) -> None:
        times.setdefault((metric, backend), []).append(seconds)
        print(f"{metric:28} {backend:8} {seconds:8.3f} s", flush=True)

    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        for i in range(args.repeat):
            for backend in ("ladybug", "neo4j"):
                s = fresh_ladybug(tmp, i) if backend == "ladybug" else fresh_neo4j(uri)
                try:
                    note("import bundled", backend, timed(lambda s=s: import_bundled(s)))
                finally:
                    s.close()
        stores: dict[str, GraphStore] = {
            "ladybug": LadybugStore(tmp / f"ladybug{args.repeat - 1}", read_only=True),
            "neo4j": Neo4jStore.from_env(uri, read_only=True),
        }
        try:
            for _ in range(3):
                for backend, s in stores.items():
                    clear_cache(s)
                    note("analysis graph (cold)", backend, timed(lambda s=s: load_network(s)))
            G = load_network(stores["ladybug"])
            sample = random.Random(1).sample(
                sorted(n[1] for n, a in G.nodes(data=True)
                       if n[0] == "Municipality" and a.get("lat") is not None), 30)
            for s in stores.values():
                suggest(s, sample[0])  # warm: the analysis graph is cached from here on
            for ags in sample:
                for backend, s in stores.items():
                    note("suggest (warm)", backend, timed(lambda s=s, a=ags: suggest(s, a)))
        finally:
            for s in stores.values():
                s.close()
        for i in range(3):
            for backend, store in (("ladybug", str(tmp / f"ladybug{args.repeat - 1}")),
                                   ("neo4j", uri)):
                note(f"{len(PAGES)} pages (fresh app)", backend,
                     page_loads(store, tmp / f"maps-{backend}-{i}"))

    lines = [
        SECTION,
        "",
        "`bench/neo4j_vs_ladybug.py`: the same work on both stores in one run, alternating; "
        f"medians ({args.repeat} imports, 3 cold loads, 30 warm suggests, 3 page rounds). "
        "Neo4j is the test server of `tools/neo4j-test-server` (Neo4j 5.26 Community, "
        "local Bolt, heap 2 GB) on the same machine.",
        "",
        "| measurement | Ladybug | Neo4j | Neo4j / Ladybug |",
        "|---|---:|---:|---:|",
    ]
    metrics = dict.fromkeys(m for m, _ in times)
    for metric in metrics:
        lb = statistics.median(times[(metric, "ladybug")])
        neo = statistics.median(times[(metric, "neo4j")])
        unit = (lambda v: f"{v * 1000:.0f} ms") if lb < 1 else (lambda v: f"{v:.1f} s")
        lines.append(f"| {metric} | {unit(lb)} | {unit(neo)} | {neo / lb:.1f} |")
    load = os.getloadavg()[1]
    lines += ["", f"Load average (5 min) at the end of the run: {load:.1f} on {os.cpu_count()} "
              "cores; the absolute times grow with it, the ratios much less.", "",
              "Every `suggest` asks the store for its change token, so that it never answers "
              "from an index of an older state: on Ladybug two file checks, on Neo4j one round "
              "trip (about 2 ms here), most of the difference in the warm `suggest`. The "
              "viewer asks at most every 0.5 s and keeps answers per token.", ""]
    publish(SECTION, lines, args.write_results)


if __name__ == "__main__":
    main()
