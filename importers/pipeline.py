"""Running importers: one file or folder, or the whole bundled data set.

The CLI, the viewer's ``demo``, the tests and the benchmarks all import
through these two functions, so that transactions and timing are the same
everywhere. Progress is reported through a callback (``progress(done,
total, step)``); drawing a bar is the caller's business.

This module is the edges' one door to writing: besides the file imports it
offers :func:`save_type` (a type self-check result) and :func:`save_scores`
(network analytics values), which write through the same plan path.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..graph.store import GraphStore
from .base import ImportReport, apply_plan
from .registry import bundled_steps, module_for
from .scores import save_scores
from .type_answers import save_type

__all__ = ["Progress", "run_import", "import_bundled", "save_scores", "save_type"]

#: ``progress(done, total, step)``: ``step`` names what was just finished
Progress = Callable[[int, int, str], None]


def _timed(store: GraphStore, importer: str, path: Any) -> ImportReport:
    started = time.perf_counter()
    plan = module_for(importer).plan(Path(str(path)), store)
    report = apply_plan(store, plan)
    report.seconds = time.perf_counter() - started
    return report


def run_import(store: GraphStore, importer: str, paths: Sequence[Any],
               *, progress: Progress | None = None) -> list[ImportReport]:
    """Import ``paths`` with ``importer``, each file as its own dataset.

    Every file is written in its own transaction (nested in the caller's, if
    the caller holds one: then all files or none).
    """
    reports = []
    for i, path in enumerate(paths, 1):
        reports.append(_timed(store, importer, path))
        if progress:
            progress(i, len(paths), Path(str(path)).name)
    return reports


def import_bundled(store: GraphStore, *, progress: Progress | None = None) -> list[ImportReport]:
    """Everything shipped in ``data/``, in dependency order, one transaction per step."""
    steps = bundled_steps()
    reports: list[ImportReport] = []
    for i, (importer, path) in enumerate(steps, 1):
        with store.transaction():
            reports.append(_timed(store, importer, path))
        if progress:
            progress(i, len(steps), importer)
    return reports
