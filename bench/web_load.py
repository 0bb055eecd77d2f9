"""Benchmark: the web viewer under load (not a test).

Starts ``kommunalgraph serve --workers N`` (waitress) on the full bundled data in a
subprocess, once per worker count (default 1 and 2, compared in the same run), and
drives 20 concurrent keep-alive clients for 30 s each against

* the municipality page ``/kommune/<ags>`` and
* the suggest API ``/api/suggest?kommune=<ags>&limit=10``,

in three scenarios: ``hot`` (every request for Witten, 05954036; after the first request
the answer comes from the viewer's page cache), ``spread`` (every municipality once, in an
order shuffled with a fixed seed, so no answer is asked twice until all 10,751 have been),
and ``spread`` with one client (the cost of one answer without queueing).

The answers of every municipality are prepared once per store state (``web/prepared.py``;
``serve`` starts that in the background). The bench prepares them before the servers start
and reports how long it took; the configuration ``live`` switches them off
(``KOMMUNALGRAPH_PREPARED_ANSWERS=false``), so that every ``spread`` answer is computed
while the client waits.
Budget (issue 10): zero errors, p95 ≤ 100 ms for the page and ≤ 50 ms for the API; the
peak resident memory of the server processes is reported beside it.

Run: ``.venv/bin/python bench/web_load.py [--store PATH] [--clients 20] [--seconds 30]
[--configs 1,2,2-live] [--write-results]``. Without ``--store`` the bundled data is imported
into a temporary store.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from results import publish  # bench/results.py (scripts run from bench/)

SECTION = "## Web viewer under load"
BUDGET_MS = {"page": 100.0, "api": 50.0}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(port: int, timeout: float = 120.0) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            c.request("GET", "/api/start")
            if c.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("server did not come up")


def municipalities(store: str, seed: int) -> list[str]:
    """Every municipality's AGS in the store, shuffled with a fixed seed."""
    from kommunalgraph.graph.ladybug_store import LadybugStore
    from kommunalgraph.graph.resolve import load_cypher

    s = LadybugStore(store, read_only=True)  # a second read-only reader is allowed
    try:
        pool = sorted(r["ags"] for r in s.run(load_cypher("municipality_index")))
    finally:
        s.close()
    random.Random(seed).shuffle(pool)
    return pool


def drive(port: int, clients: int, seconds: float, paths: list[str],
          once: bool = False) -> dict[str, object]:
    """Closed-loop clients; each takes the next path from a shared list (``once``: stop
    when every path has been asked, so that no answer is asked twice)."""
    lat: dict[str, list[float]] = {"page": [], "api": []}
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(10**9))
    start = time.perf_counter()
    stop = start + seconds

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.perf_counter() < stop:
            with lock:
                i = next(counter)
            if once and i >= len(paths):
                break
            path = paths[i % len(paths)]
            kind = "api" if path.startswith("/api/") else "page"
            t = time.perf_counter()
            try:
                conn.request("GET", path)
                resp = conn.getresponse()
                resp.read()
                ok = resp.status == 200
            except OSError as e:
                ok = False
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                resp = None
                errors.append(f"{path}: {e}")
            dt = (time.perf_counter() - t) * 1000
            with lock:
                lat[kind].append(dt)
                if not ok and resp is not None:
                    errors.append(f"{path}: HTTP {resp.status}")

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    out: dict[str, object] = {"errors": len(errors), "error_examples": errors[:3],
                              "seconds": round(elapsed, 1)}
    for kind, xs in lat.items():
        xs.sort()
        out[kind] = {
            "requests": len(xs),
            "rps": round(len(xs) / elapsed, 1),
            "p50_ms": round(statistics.median(xs), 1) if xs else None,
            "p95_ms": round(xs[int(0.95 * (len(xs) - 1))], 1) if xs else None,
            "max_ms": round(xs[-1], 1) if xs else None,
        }
    return out


def rss_mb(pid: int) -> float:
    """Resident memory of the server and its worker processes, MB."""
    import psutil

    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
        return round(sum(p.memory_info().rss for p in procs) / 2**20, 1)
    except psutil.Error:
        return float("nan")


def run_config(store: str, config: str, args: argparse.Namespace,
               tmpdir: str) -> tuple[dict[str, object], float]:
    """Start ``serve --workers N`` (``N-live``: without prepared answers), drive the three
    scenarios, return results and peak RSS."""
    workers = int(config.split("-")[0])
    env = dict(os.environ)
    if config.endswith("-live"):
        env["KOMMUNALGRAPH_PREPARED_ANSWERS"] = "false"
    port = free_port()
    log = open(Path(tmpdir) / f"server-{config}.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [sys.executable, "-m", "kommunalgraph", "--store", store, "serve", "--port", str(port),
         "--workers", str(workers)], stdout=log, stderr=subprocess.STDOUT, env=env)
    peak = 0.0
    try:
        wait_ready(port)
        if workers > 1:  # every worker loads its own store: wait until all answer
            time.sleep(5)
            wait_ready(port)
        hot = ["/kommune/05954036", "/api/suggest?kommune=05954036&limit=10"]
        drawn = municipalities(store, args.seed)
        sample = drawn[1000:]
        single = drawn[:1000]  # the single-client run must not hit pages cached by `spread`

        def pairs(xs: list[str]) -> list[str]:
            return [p for a in xs for p in (f"/kommune/{a}", f"/api/suggest?kommune={a}&limit=10")]

        results = {}
        for name, clients, seconds, paths in (
                ("hot", args.clients, args.seconds, hot),
                ("spread", args.clients, args.seconds, pairs(sample)),
                ("spread, 1 client", 1, min(args.seconds, 10.0), pairs(single))):
            results[name] = drive(port, clients, seconds, paths, once=name != "hot")
            peak = max(peak, rss_mb(server.pid))
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
    return results, peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", help="store with the bundled data (default: import into a temp dir)")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--configs", default="1,2,2-live",
                    help="worker counts to compare (comma list; N-live: answers not prepared)")
    ap.add_argument("--write-results", action="store_true")
    args = ap.parse_args()

    tmp = tempfile.TemporaryDirectory(prefix="kg-bench-web-")
    store = str(Path(tmp.name) / "store")
    if args.store:  # a copy, so that the answers are prepared (and timed) afresh
        shutil.copytree(args.store, store,
                        ignore=shutil.ignore_patterns("web-answers.*"))
    else:
        from kommunalgraph.graph.ladybug_store import LadybugStore
        from kommunalgraph.importers.pipeline import import_bundled

        s = LadybugStore(store)
        import_bundled(s)
        s.close()
    from kommunalgraph.web.prepare import build

    load_before = os.getloadavg()[0]
    t = time.perf_counter()
    built = build(store)
    prepare_s = time.perf_counter() - t
    prepared_mb = (Path(store) / "web-answers.sqlite").stat().st_size / 2**20
    configs = {}
    try:
        for c in args.configs.split(","):
            configs[c] = run_config(store, c, args, tmp.name)
    finally:
        tmp.cleanup()
    load_after = os.getloadavg()[0]

    lines = [
        SECTION, "",
        f"`bench/web_load.py`: {args.clients} concurrent keep-alive clients, "
        f"{args.seconds:g} s per scenario, `kommunalgraph serve --workers N` (waitress, 8 "
        f"threads per worker), full bundled data, embedded store; client and server on the "
        f"same {os.cpu_count()}-core machine, measured in one run. "
        + (f"The answers of every municipality were prepared before the servers started, in "
           f"{prepare_s:.0f} s ({prepared_mb:.0f} MB; `web/prepare.py`, which `serve` runs in "
           "the background); " if built else "The answers were NOT prepared; ")
        + "workers `N-live` serve without them, i.e. compute every `spread` answer. Load "
        f"average (1 min) {load_before:.1f} before the run ({load_after:.1f} at its end, the "
        "bench's own clients and servers included; the machine is shared, and the absolute "
        "times grow with its load).",
        "", "| workers | scenario | target | requests | req/s | p50 ms | p95 ms | max ms | "
        "budget p95 |",
        "|---:|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for w, (results, _) in configs.items():
        for name, r in results.items():
            for kind, label in (("page", "/kommune/<ags>"), ("api", "/api/suggest")):
                m = r[kind]  # type: ignore[index]
                ok = m["p95_ms"] is not None and m["p95_ms"] <= BUDGET_MS[kind]
                lines.append(f"| {w} | {name} | {label} | {m['requests']} | {m['rps']} | "
                             f"{m['p50_ms']} | {m['p95_ms']} | {m['max_ms']} | "
                             f"≤ {BUDGET_MS[kind]:g} ms {'ok' if ok else 'MISSED'} |")
    lines.append("")
    for w, (results, peak) in configs.items():
        errs = {k: r["errors"] for k, r in results.items()}  # type: ignore[index]
        lines.append(f"- {w} worker(s): errors {errs}, peak resident memory {peak} MB "
                     "(server and workers).")
    base = configs.get("1")
    for w, (results, _) in configs.items():
        if base and w == "2":
            for kind in ("page", "api"):
                b = base[0]["spread"][kind]["rps"]  # type: ignore[index]
                x = results["spread"][kind]["rps"]  # type: ignore[index]
                lines.append(f"- spread, {kind}: {w} workers answer {x / b:.2f}x the requests "
                             "per second of one worker (same run).")
    lines.append("")
    lines.append(
        "`hot` repeats one municipality (served from the page cache after the first "
        "request); `spread` asks for every municipality at most once, in shuffled order "
        "(the run ends after 30 s or when all were asked), so each answer comes from the "
        "prepared answers, or, in `live`, is computed (detail, suggestions, render). "
        "`spread, 1 client` is the same without concurrency, i.e. the cost of one answer; "
        "the difference to `spread` is time spent waiting while the clients and the "
        "server share the cores.")
    lines.append("")
    publish(SECTION, lines, args.write_results)


if __name__ == "__main__":
    main()
