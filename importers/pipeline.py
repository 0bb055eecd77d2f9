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

import inspect
import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..graph.errors import InputError
from ..graph.schema import MUNICIPALITY
from ..graph.store import GraphStore
from . import datasets, territorial
from .base import ImportReport, apply_plan
from .datasets import EDITIONED, Dataset, OlderEdition
from .registry import bundled_steps, module_for
from .scores import save_scores
from .type_answers import save_type

__all__ = ["Progress", "run_import", "import_bundled", "import_file", "bundled_missing",
           "list_datasets", "remove_dataset", "read_successors", "save_scores", "save_type"]

#: ``progress(done, total, step)``: ``step`` names what was just finished
Progress = Callable[[int, int, str], None]

#: test hook (tests/test_crash.py): ``KOMMUNALGRAPH_TEST_KILL_AT=STEP:POINT``
#: kills the process with SIGKILL at that point of ``import_bundled``
#: (POINT: ``start``, ``written`` = inside the transaction after the last
#: write, ``committed``; ``written+0.05`` = 0.05 s after ``written``, which
#: lands in the commit and its checkpoint)
KILL_AT = "KOMMUNALGRAPH_TEST_KILL_AT"

list_datasets = datasets.list_datasets
read_successors = territorial.read_successors


def _kill() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _crash_point(step: int, point: str) -> None:
    wanted = os.environ.get(KILL_AT, "")
    if wanted == f"{step}:{point}":
        _kill()
    if wanted.startswith(f"{step}:{point}+"):
        threading.Timer(float(wanted.split("+", 1)[1]), _kill).start()


def import_file(store: GraphStore, importer: str, path: Any, *, dataset: str | None = None,
                bundled: bool = False, force: bool = False,
                successors: dict[str, str] | None = None,
                on_written: Callable[[], None] | None = None,
                strict: bool = False) -> ImportReport:
    """Import one file (or folder) as one dataset, in one transaction.

    Same content as a dataset already in the store: nothing is written
    (``report.unchanged``). A newer edition of a national series replaces the
    older one's facts; see :mod:`kommunalgraph.importers.datasets`. ``strict``
    (importers whose ``plan`` takes it, e.g. publiccode) refuses a file that
    breaks a rule of its standard, even one imported before.
    """
    started = time.perf_counter()
    module = module_for(importer)
    path = Path(str(path))
    strict_plan = None
    if strict:
        if "strict" not in inspect.signature(module.plan).parameters:
            raise InputError(f"{importer} has no strict mode",
                             f"Der Import „{importer}“ kennt keine strenge Prüfung (--strict).")
        strict_plan = module.plan(path, store, strict=True)
    digest = datasets.content_hash(path, module)
    same = datasets.with_hash(store, importer, digest)
    if same is not None:
        report = ImportReport(module.NAME, same.id, edition=same.edition, unchanged=True)
        report.note(f"Inhalt unverändert (schon importiert als Datensatz „{same.id}“, "
                    f"Stand {same.edition or 'unbekannt'}); nichts geschrieben.")
        if successors:
            with store.transaction():
                territorial.move_facts(store, successors, report)
        report.seconds = time.perf_counter() - started
        return report
    # derived facts (topic rules over the projects present): the same rule file
    # re-derives its own dataset, bundled or not, instead of adding a second one
    again = None if dataset else datasets.derived_again(store, importer, digest)
    if again is not None:
        bundled = again.bundled
    ds_id = dataset or (again.id if again else datasets.default_id(importer, path,
                                                                   bundled=bundled))
    plan = strict_plan or module.plan(path, store)
    edition = datasets.plan_edition(plan)
    replaced = datasets.to_replace(store, importer, ds_id, edition, path,
                                   bundled=bundled, force=force)
    newer_directory = importer == "gv100ad" and any(
        (old.edition or "") < (edition or "") for old in replaced)
    with store.transaction():
        for old in replaced:
            datasets.delete_facts(store, old)
        report = apply_plan(store, plan, dataset=ds_id)
        report.edition = edition
        report.replaced = [old.id for old in replaced if old.id != ds_id]
        keep = {label: {str(r[_key(label)]) for r in rows} for label, rows in plan.nodes}
        if newer_directory:
            territorial.mark_vanished(store, keep.get(MUNICIPALITY, set()), edition, report)
        if successors:
            territorial.move_facts(store, successors, report)
        for old in replaced:
            datasets.prune_nodes(store, old, keep=keep, keep_labels=(
                frozenset({MUNICIPALITY}) if importer == "gv100ad" else frozenset()))
        datasets.record(store, Dataset(
            id=ds_id, kind=importer, importer=report.importer, edition=edition,
            file=str(path), hash=digest, counts=dict(report.written), bundled=bundled))
        if on_written:
            on_written()
    if report.replaced:
        report.note("Ersetzt: " + ", ".join(f"„{r}“" for r in report.replaced)
                    + f" (ältere Ausgabe; neuer Stand {edition or 'unbekannt'}).")
    report.seconds = time.perf_counter() - started
    return report


def _key(label: str) -> str:
    from ..graph.schema import node_type

    return node_type(label).key


def run_import(store: GraphStore, importer: str, paths: Sequence[Any],
               *, progress: Progress | None = None, dataset: str | None = None,
               force: bool = False, successors: dict[str, str] | None = None,
               strict: bool = False) -> list[ImportReport]:
    """Import ``paths`` with ``importer``, each file as its own dataset.

    Every file is written in its own transaction (nested in the caller's, if
    the caller holds one: then all files or none).
    """
    reports = []
    for i, path in enumerate(paths, 1):
        reports.append(import_file(store, importer, path, dataset=dataset, force=force,
                                   successors=successors, strict=strict))
        if progress:
            progress(i, len(paths), Path(str(path)).name)
    return reports


def import_bundled(store: GraphStore, *, progress: Progress | None = None) -> list[ImportReport]:
    """Everything shipped in ``data/``, in dependency order, one transaction per step.

    Steps whose content is already in the store are no-ops, so a re-run after
    an interruption completes the import; a newer edition of a national series
    that the user imported is kept (the bundled step is skipped with a note).
    """
    steps = bundled_steps()
    reports: list[ImportReport] = []
    for i, (importer, path) in enumerate(steps, 1):
        _crash_point(i, "start")
        try:
            report = import_file(store, importer, path, bundled=True,
                                 on_written=lambda i=i: _crash_point(i, "written"))
        except OlderEdition as e:
            report = ImportReport(importer, Path(str(path)).name, unchanged=True)
            report.note(f"Mitgelieferte Ausgabe nicht importiert: {e.message_de}")
        reports.append(report)
        _crash_point(i, "committed")
        if progress:
            progress(i, len(steps), importer)
    return reports


def bundled_missing(store: GraphStore) -> list[str]:
    """Bundled steps whose dataset is not (completely) in the store.

    A step counts as present when a complete dataset with its content exists,
    or, for a national series, any complete edition (the user's newer one).
    """
    have = datasets.list_datasets(store)
    hashes = {(d.kind, d.hash) for d in have if d.complete}
    kinds = {d.kind for d in have if d.complete}
    missing = []
    for importer, path in bundled_steps():
        if importer in EDITIONED and importer in kinds:
            continue
        digest = datasets.content_hash(Path(str(path)), module_for(importer))
        if (importer, digest) not in hashes:
            missing.append(f"{importer} {Path(str(path)).name}")
    return missing


def remove_dataset(store: GraphStore, dataset_id: str) -> tuple[Dataset, int, dict[str, int]]:
    """Delete one dataset's facts atomically (see ``importers.datasets.remove``)."""
    return datasets.remove(store, dataset_id)
