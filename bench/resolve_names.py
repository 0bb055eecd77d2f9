"""Benchmark: name resolution (graph/resolve.py) on the full bundled directory.

Importers match thousands of names through one :class:`Resolver` (publiccode
``usedBy``, membership lists), so resolving must stay an indexed lookup. Measures,
warm (index built once):

* the everyday names of tests/test_resolve_names.py (hits, some typos);
* every official name in the store (what membership lists mostly contain);
* seeded synthetic names that are no municipality ("Testverband 17 GmbH", ...),
  which fall through to the typo search (the slowest path);
* the baseline in the same process: one ``dict`` lookup of the normalised name
  per name (``normalise`` + ``dict.get``), so the ratio is comparable across
  machines; and the index build (``Resolver.from_store``).

Budget: at most 1 ms per name on average in every group.

Run: ``.venv/bin/python bench/resolve_names.py [--store PATH] [--repeat 5]``
Without ``--store`` the bundled data is imported into a temporary store first.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kommunalgraph.graph.errors import KommunalgraphError
from kommunalgraph.graph.ladybug_store import LadybugStore
from kommunalgraph.graph.resolve import Resolver, normalise

BUDGET_MS = 1.0
SEED = 14


def synthetic_misses(n: int) -> list[str]:
    """Seeded names of no municipality (synthetic, labelled as such)."""
    rng = random.Random(SEED)
    words = ["Testverband", "Beispiel-IT", "Musterdienst", "Zweckverband Probe", "Demo AG",
             "Kommunalservice Fiktiv", "Synthetische Werke"]
    return [f"{rng.choice(words)} {rng.randint(1, 999)} GmbH" for _ in range(n)]


def per_name_ms(resolver: Resolver, names: list[str], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        for q in names:
            try:
                resolver.resolve(q)
            except KommunalgraphError:
                pass
        runs.append((time.perf_counter() - t) * 1000 / len(names))
    return statistics.median(runs)


def baseline_ms(names: list[str], table: dict[str, str], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        for q in names:
            table.get(normalise(q))
        runs.append((time.perf_counter() - t) * 1000 / len(names))
    return statistics.median(runs)


def run(store: LadybugStore, repeat: int) -> bool:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from test_resolve_names import NAMES

    t = time.perf_counter()
    resolver = Resolver.from_store(store)
    build_s = time.perf_counter() - t
    rows = store.run("MATCH (m:Municipality) RETURN m.ags AS ags, m.official_name AS o")
    table = {normalise(r["o"]): r["ags"] for r in rows}
    groups = {
        "everyday names (test table)": [q for q, _, _ in NAMES],
        "all official names": [r["o"] for r in rows],
        "synthetic non-municipalities": synthetic_misses(2000),
    }
    resolver.resolve("Dortmnd")  # the typo index is built on first use
    print(f"index build: {build_s:.3f} s for {len(resolver)} municipalities")
    print(f"{'group':32} {'names':>6} {'ms/name':>8} {'baseline':>9} {'ratio':>7}")
    ok = True
    for label, names in groups.items():
        ours = per_name_ms(resolver, names, repeat)
        base = baseline_ms(names, table, repeat)
        ok &= ours <= BUDGET_MS
        print(f"{label:32} {len(names):6d} {ours:8.4f} {base:9.4f} {ours / base:7.1f}")
    print(("within" if ok else "OVER") + f" the budget of {BUDGET_MS} ms per name")
    return ok


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", help="a store with the bundled data (else imported now)")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        path = args.store
        if not path:
            from kommunalgraph.importers.pipeline import import_bundled

            path = str(Path(d) / "store")
            s = LadybugStore(path)
            import_bundled(s)
            s.close()
        store = LadybugStore(path, read_only=True)
        try:
            ok = run(store, args.repeat)
        finally:
            store.close()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
