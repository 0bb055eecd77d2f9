"""Benchmark-side fuzz: many seeded random requests against a real viewer (not a test).

Starts ``kommunalgraph serve`` on the full bundled data (loopback only) and sends
``--requests`` requests from ``tests/web_fuzz.py`` (paths, query parameters,
methods, form and JSON bodies) over keep-alive connections; it stops by itself.
Prints the number of answers per status class and every request that got 5xx.
The test suite runs 2,400 of these against the tiny store in
``tests/test_web_fuzz.py``.

Run: ``.venv/bin/python bench/web_fuzz.py [--store PATH] [--requests 20000] [--seed 1]``.
"""

from __future__ import annotations

import argparse
import http.client
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from web_fuzz import requests  # noqa: E402  (tests/web_fuzz.py)
from web_load import free_port, wait_ready  # noqa: E402  (bench/web_load.py)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store")
    ap.add_argument("--requests", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-seconds", type=float, default=600.0)
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="kg-bench-fuzz-")
    store = args.store
    if not store:
        from kommunalgraph.graph.ladybug_store import LadybugStore
        from kommunalgraph.importers.pipeline import import_bundled

        store = str(Path(tmp.name) / "store")
        s = LadybugStore(store)
        import_bundled(s)
        s.close()
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "kommunalgraph", "--store", store, "serve",
                               "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    statuses: Counter[str] = Counter()
    bad = []
    started = time.perf_counter()
    try:
        wait_ready(port)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        for req in requests(args.requests, seed=args.seed):
            if time.perf_counter() - started > args.max_seconds:
                break
            url = quote(req.path, safe="/%") + ("?" + urlencode(req.query) if req.query else "")
            headers = {"Content-Type": req.content_type} if req.content_type else {}
            try:
                conn.request(req.method, url, body=req.body, headers=headers)
                resp = conn.getresponse()
                resp.read()
                status = resp.status
            except (OSError, http.client.HTTPException) as e:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                statuses["connection error"] += 1
                bad.append((type(e).__name__, req))
                continue
            statuses[f"{status // 100}xx"] += 1
            if status >= 500:
                bad.append((status, req))
    finally:
        server.terminate()
        server.wait(timeout=60)
        tmp.cleanup()
    n = sum(statuses.values())
    took = time.perf_counter() - started
    print(f"{n} requests in {took:.0f} s: {dict(sorted(statuses.items()))}")
    for status, req in bad[:50]:
        print(f"  {status}: {req.method} {req.path} {req.query}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
