"""Start-up time of the command line: how long a new process takes for a first answer.

Usage (from the repository root)::

    .venv/bin/python bench/cli_startup.py --store /tmp/kg-bench/store [--runs 7] [--write]

Runs each command ``--runs`` times as a new process (after one warm-up run that
also writes the name and partner indexes beside the store, and the byte code of
every module: ``PYTHONDONTWRITEBYTECODE`` is left out of the commands'
environment, as an installed package has its byte code) and reports the median
and the fastest run, each median as a ratio to a bare ``python -c pass`` measured
in between (the machine is shared; the ratio is what stays comparable), and the
median CPU time (user + system) of the process, which waiting for a core does
not inflate. Budgets
(issue 14): ``suggest Witten`` median ≤ 0.7 s, ``show Witten`` ≤ 0.5 s.
``--write`` replaces the section "CLI start-up" of ``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from results import write_section  # bench/results.py (scripts run from bench/)

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / ".venv" / "bin" / "kommunalgraph"
COMMANDS = {
    "python -c pass (baseline)": [sys.executable, "-c", "pass"],
    "kommunalgraph --help": [str(CLI), "--help"],
    "kommunalgraph show Witten": [str(CLI), "--store", "{store}", "show", "Witten"],
    "kommunalgraph suggest Witten": [str(CLI), "--store", "{store}", "suggest", "Witten"],
}
BUDGET = {"kommunalgraph show Witten": 0.5, "kommunalgraph suggest Witten": 0.7}


#: the commands' environment: byte code is written (by the warm-up) and then read
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def _time(cmd: list[str]) -> tuple[float, float]:
    """Wall-clock seconds and CPU seconds (user + system) of one run of ``cmd``."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=ENV)
    wall = time.perf_counter() - t
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)


def measure(store: str, runs: int) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Wall-clock and CPU seconds of every command, ``runs`` times each."""
    cmds = {k: [a.replace("{store}", store) for a in v] for k, v in COMMANDS.items()}
    for cmd in cmds.values():
        _time(cmd)  # warm-up: byte code, file cache, name and partner index beside the store
    wall: dict[str, list[float]] = {k: [] for k in cmds}
    cpu: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(runs):  # interleaved, so that load changes hit all alike
        for k, cmd in cmds.items():
            w, c = _time(cmd)
            wall[k].append(w)
            cpu[k].append(c)
    return wall, cpu


def section(times: dict[str, list[float]], runs: int,
            cpu: dict[str, list[float]] | None = None) -> str:
    cpu = cpu or {}
    base = statistics.median(times["python -c pass (baseline)"])
    lines = ["## CLI start-up", "",
             f"A new process per call, {runs} runs each after one warm-up (the name and "
             "partner indexes and the byte code are then kept), interleaved; median and "
             "fastest run in seconds, the median as a multiple of a bare `python -c pass` "
             "measured in the same runs (the machine is shared by several jobs; the ratio "
             "is what stays comparable), and the median CPU time of the process (user + "
             "system; more than the wall-clock time where a library computes in several "
             "threads). `bench/cli_startup.py`.", "",
             "| Command | median s | fastest s | × python | CPU s | budget s |",
             "|---|---:|---:|---:|---:|---:|"]
    for k, ts in times.items():
        med = statistics.median(ts)
        budget = f"{BUDGET[k]:.1f}" if k in BUDGET else ""
        used = f"{statistics.median(cpu[k]):.2f}" if cpu.get(k) else ""
        lines.append(f"| `{k}` | {med:.2f} | {min(ts):.2f} | {med / base:.1f} | {used} "
                     f"| {budget} |")
    lines += ["", "Before this work (the commit before it, run from a worktree interleaved with "
              "the new code, 7 runs, byte code written): `--help` 0.41 s, `show Witten` "
              "0.78 s, `suggest Witten` 0.85 s (new in the same runs: 0.09, 0.33, 0.46 s). The "
              "earlier table (0.44, 0.93, 1.44 s) was measured with `PYTHONDONTWRITEBYTECODE` "
              "set, so every module changed since the last byte code was compiled on each run; "
              "the script now leaves it out. "
              "Now a command imports only its own "
              "module (`cli/lazy.py`; networkx, numpy, pyarrow, Flask, pyshp and PyYAML only "
              "where used), the name resolver's index is read from `resolver-index.pickle` "
              "beside the store (about 0.03 s instead of 0.3 s to build it), a read-only "
              "Ladybug store opens its database on the first query (`suggest` answered from "
              "the two index files never loads Ladybug: about 0.1 s), and the program "
              "freezes what is left before the interpreter's shutdown collections. Where the "
              "time of `suggest Witten` goes now (one process, timed in place): Python and "
              "click about 0.08 s, numpy and networkx for the partner finder about 0.15 s, "
              "the resolver's index 0.03–0.05 s, the partner index 0.09 s (half of it the "
              "networkx graph the signals read), the ranking about 0.01 s. `show Witten` opens "
              "Ladybug (about 0.1 s with its import) and runs its queries, each paying "
              "Ladybug's statement preparation."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", required=True, help="a store with the bundled data")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = ap.parse_args(argv)
    times, cpu = measure(args.store, args.runs)
    text = section(times, args.runs, cpu)
    print(text)
    if args.write:
        write_section("## CLI start-up", text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
