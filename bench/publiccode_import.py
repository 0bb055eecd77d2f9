"""Benchmark: importing a national-catalogue-sized folder of publiccode.yml files.

Generates a SYNTHETIC folder (seeded; every file says so in its first line; written
under a temporary directory and imported into a temporary store, never into a
user's store) of 1,000 publiccode.yml files, imports it into a fresh embedded
store that holds the real GV100AD directory (municipalities, Kreise,
Gemeindeverbände), and reports files per second and the time per ``usedBy``
name: per entry (each distinct name is matched once per import, repeats come from
the cache) and per distinct name (its first match through the resolver's index).
The ``usedBy`` names are real municipality and Kreis names from the directory in
the spellings publishers use ("Stadt …", "Landkreis …", "Gemeinde …"), with
typos and unknown names mixed in; the files claim nothing about them outside this
benchmark. Ratio: the same 1,000 files parsed with PyYAML's plain SafeLoader in
the same process (the floor any importer pays).

Run: ``.venv/bin/python bench/publiccode_import.py [--files 1000] [--write-results]``
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import yaml
from results import publish  # bench/results.py (scripts run from bench/)

from kommunalgraph.graph.errors import KommunalgraphError
from kommunalgraph.graph.ladybug_store import LadybugStore
from kommunalgraph.importers import publiccode
from kommunalgraph.importers.base import apply_plan
from kommunalgraph.importers.pipeline import run_import
from kommunalgraph.importers.registry import bundled_data

SECTION = "## publiccode.yml import"
BUDGET_MS_PER_NAME = 1.0
HEADER = "# SYNTHETIC benchmark input (bench/publiccode_import.py), not a fact.\n"
LONG = ("Synthetische Software für den Benchmark von kommunalgraph. Sie existiert nicht; "
        "die Datei prüft nur, wie schnell ein großer Katalog eingelesen und abgeglichen wird.")


def _typo(rng: random.Random, name: str) -> str:
    if len(name) < 6:
        return name
    i = rng.randrange(1, len(name) - 2)
    return name[:i] + name[i + 1] + name[i] + name[i + 2:]


def generate(folder: Path, n: int, store: LadybugStore, seed: int = 7) -> int:
    """Write ``n`` synthetic files; returns the number of usedBy entries."""
    rng = random.Random(seed)
    munis = sorted(r["name"] for r in store.run(
        "MATCH (m:Municipality) RETURN m.name AS name") if r["name"])
    districts = sorted(r["name"] for r in store.run(
        "MATCH (d:District) RETURN d.name AS name") if r["name"])
    pool = []  # a catalogue's users: a few thousand administrations, some often
    for _ in range(3000):
        kind = rng.random()
        if kind < 0.55:
            pool.append(rng.choice(["Stadt ", "Gemeinde ", ""]) + rng.choice(munis))
        elif kind < 0.75:
            pool.append("Landkreis " + rng.choice(districts).split(",")[0])
        elif kind < 0.85:
            pool.append(_typo(rng, rng.choice(munis)))
        elif kind < 0.95:
            pool.append(f"Synthetischer Zweckverband {rng.randrange(10**6)}")
        else:
            pool.append("...")
    entries = 0
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        users = rng.sample(pool, rng.randrange(0, 9))
        entries += len(users)
        doc = {
            "publiccodeYmlVersion": rng.choice(["0", "0.4", "0.2"]),
            "name": f"Synthetische Software {i}",
            "url": f"https://example.invalid/synthetic/software-{i}.git",
            "platforms": ["web"],
            "developmentStatus": rng.choice(["stable", "beta", "development", "unknown"]),
            "softwareType": "standalone/web",
            "categories": rng.sample(["it-development", "document-management", "government"],
                                     2),
            "usedBy": users,
            "description": {"de": {"shortDescription": f"Synthetisch {i}.",
                                   "longDescription": LONG, "features": ["Benchmark"]}},
            "legal": {"license": rng.choice(["EUPL-1.2", "MIT", "AGPL-3.0-or-later", "EUPL 1.2"])},
            "maintenance": {"type": "community", "contacts": [{"name": "Synthetisch"}]},
            "localisation": {"localisationReady": True, "availableLanguages": ["de"]},
        }
        text = HEADER + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
        (folder / f"synthetic_{i:04d}" / "publiccode.yml").parent.mkdir()
        (folder / f"synthetic_{i:04d}" / "publiccode.yml").write_text(text, "utf-8")
    return entries


def baseline(folder: Path) -> float:
    """Seconds to parse every file with PyYAML's plain SafeLoader (no checks, no limits)."""
    started = time.perf_counter()
    for f in sorted(folder.rglob("*.yml")):
        loader = yaml.SafeLoader(f.read_text("utf-8"))
        try:
            loader.get_single_data()
        finally:
            loader.dispose()
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--write-results", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="publiccode-bench-") as d:
        tmp = Path(d)
        store = LadybugStore(tmp / "store")
        try:
            run_import(store, "gv100ad",
                       [bundled_data().joinpath("destatis/GV100AD_30112025.txt")])
            folder = tmp / "synthetic"
            entries = generate(folder, args.files, store)
            base = baseline(folder)
            matcher = publiccode.UsedByMatcher(store)
            # the name indexes are built once per import: timed apart, then warm
            t0 = time.perf_counter()
            matcher.members.resolver.search("Witten")
            try:  # a typo reaches the fuzzy index (built on first use)
                matcher.members.resolver.resolve("Wittten")
            except KommunalgraphError:
                pass
            matcher.members.keys("Organisation")
            index_s = time.perf_counter() - t0
            started = time.perf_counter()
            plan = publiccode.plan(folder, store, matcher=matcher)
            planned = time.perf_counter() - started
            report = apply_plan(store, plan)
            total = time.perf_counter() - started
        finally:
            store.close()
    per_entry = matcher.seconds / max(matcher.entries, 1) * 1000
    per_name = matcher.first_seconds / max(matcher.distinct, 1) * 1000
    users = sum(v for k, v in report.written.items() if k == "PARTICIPATES_IN")
    lines = [
        SECTION,
        "",
        f"`bench/publiccode_import.py`: {args.files:,} SYNTHETIC publiccode.yml files (seeded), "
        f"{entries:,} usedBy entries, imported into a fresh embedded store holding the "
        "real GV100AD directory. Baseline (same process): the same files parsed with "
        f"PyYAML's plain SafeLoader = {base:.2f} s.",
        "",
        "| measure | value | ratio to baseline |",
        "|---|---:|---:|",
        f"| read, checked against the standard, usedBy matched (plan) | {planned:.2f} s | "
        f"{planned / base:.1f} |",
        f"| written (one transaction) | {total - planned:.2f} s | {(total - planned) / base:.1f} |",
        f"| total | {total:.2f} s | {total / base:.1f} |",
        f"| files per second | {args.files / total:.0f} | |",
        f"| usedBy: ms per entry ({matcher.entries:,} entries) | {per_entry:.3f} | |",
        f"| usedBy: ms per distinct name, first match ({matcher.distinct:,} names) | "
        f"{per_name:.3f} | |",
        f"| name indexes (built once per import, not in the total) | {index_s * 1000:.0f} ms "
        "| |",
        "",
        f"Matched: {users:,} PARTICIPATES_IN; skipped: "
        + ", ".join(f"{k} {v}" for k, v in sorted(report.skipped_by_reason().items())) + ".",
        f"Budget: ≤ {BUDGET_MS_PER_NAME:.0f} ms per usedBy name. Result: per entry "
        + ("within budget" if per_entry <= BUDGET_MS_PER_NAME else "OVER BUDGET")
        + ", per distinct name "
        + ("within budget." if per_name <= BUDGET_MS_PER_NAME else "OVER BUDGET."),
        "",
    ]
    publish(SECTION, lines, args.write_results)


if __name__ == "__main__":
    main()
