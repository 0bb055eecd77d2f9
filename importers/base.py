"""What every importer shares: the plan it produces, its report, and how a
plan is applied to a store in one transaction.

An importer module parses one source format into a :class:`Plan` (rows for
nodes and relationships, with provenance) and never writes Cypher. Parsing
raises :class:`~kommunalgraph.graph.errors.ImportFailed` naming file, line and
field before anything is written. :func:`apply_plan` then writes the plan in
one transaction: it first deletes what the same importer wrote from the same
dataset earlier, so importing twice changes nothing, and a failure rolls
everything back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..graph.errors import ImportFailed, reason_de
from ..graph.resolve import load_cypher
from ..graph.store import GraphStore

__all__ = [
    "Skip", "ImportReport", "Plan", "apply_plan", "provenance", "dataset_name",
    "municipality_labels",
]


@dataclass(frozen=True)
class Skip:
    """One input record that was not imported, and why (German reason)."""

    line: int | None
    reason: str
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "reason": self.reason, "detail": self.detail}


@dataclass
class ImportReport:
    """Counts of one import: read, written (per label / type), skipped with reason."""

    importer: str
    dataset: str
    read: int = 0
    written: Counter[str] = field(default_factory=Counter)
    skipped: list[Skip] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: wall time of parsing and writing, set by the caller that timed it
    seconds: float = 0.0
    #: the dataset's edition (as-of date), set by the pipeline
    edition: str | None = None
    #: the content was imported before (same hash): nothing was written
    unchanged: bool = False
    #: datasets whose facts this import replaced (older editions, same name)
    replaced: list[str] = field(default_factory=list)

    def skip(self, line: int | None, reason: str, detail: str = "") -> None:
        self.skipped.append(Skip(line, reason, detail))

    def note(self, text: str) -> None:
        """A visible remark that is not a skip (e.g. a fuzzy name match)."""
        self.notes.append(text)

    def skipped_by_reason(self) -> dict[str, int]:
        return dict(Counter(s.reason for s in self.skipped))

    def to_dict(self) -> dict[str, Any]:
        return {
            "importer": self.importer,
            "dataset": self.dataset,
            "read": self.read,
            "written": dict(self.written),
            "skipped": len(self.skipped),
            "skipped_by_reason": self.skipped_by_reason(),
            "skipped_rows": [s.to_dict() for s in self.skipped],
            "notes": list(self.notes),
            "seconds": round(self.seconds, 3),
            "edition": self.edition,
            "unchanged": self.unchanged,
            "replaced": list(self.replaced),
        }


@dataclass
class Plan:
    """Everything one import will write, built before anything is written."""

    report: ImportReport
    #: (label, rows): merged on the key; the properties present are set
    nodes: list[tuple[str, list[dict[str, Any]]]] = field(default_factory=list)
    #: (label, rows): properties set on nodes that already exist
    updates: list[tuple[str, list[dict[str, Any]]]] = field(default_factory=list)
    #: (type, from label, to label, rows with "from" and "to")
    relationships: list[tuple[str, str, str, list[dict[str, Any]]]] = field(
        default_factory=list
    )
    #: the edition (as-of date) the importer read from the content, if it knows
    #: one (GV100AD's Gebietsstand); else ``importers.datasets.plan_edition``
    #: takes the latest ``as_of`` of the rows
    edition: str | None = None

    def add_nodes(self, label: str, rows: Iterable[dict[str, Any]]) -> None:
        self.nodes.append((label, list(rows)))

    def add_updates(self, label: str, rows: Iterable[dict[str, Any]]) -> None:
        self.updates.append((label, list(rows)))

    def add_relationships(
        self, rel: str, from_label: str, to_label: str, rows: Iterable[dict[str, Any]]
    ) -> None:
        self.relationships.append((rel, from_label, to_label, list(rows)))


def read_text(path: Path) -> str:
    """The text of a UTF-8 file (a byte-order mark is dropped); an unreadable file or one
    that is not UTF-8 is an :class:`ImportFailed` naming the file (and the line)."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ImportFailed(str(path), None, None, f"cannot read: {e}",
                           f"Datei nicht lesbar: {reason_de(e)}.") from e
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise ImportFailed(str(path), line, None, f"not UTF-8: {e}",
                           f"keine gültige UTF-8-Kodierung: {reason_de(e)}.") from e


def dataset_name(path: str | Path) -> str:
    """The dataset a file stands for when imported on its own: its file name.

    The pipeline (``importers/pipeline.py``) names datasets itself and passes
    the name to :func:`apply_plan` (see ``importers/datasets.py``).
    """
    return Path(path).name


def provenance(source: str, as_of: str | None, importer: str, dataset: str) -> dict[str, Any]:
    """The provenance properties every node and relationship carries."""
    return {"source": source, "as_of": as_of, "importer": importer, "dataset": dataset}


def apply_plan(
    store: GraphStore,
    plan: Plan,
    progress: Callable[[int], None] | None = None,
    *,
    dataset: str | None = None,
) -> ImportReport:
    """Write ``plan`` in one transaction; replace the earlier run's facts.

    ``progress`` is called with the number of steps done (one step per node
    label, update and relationship batch), for progress bars. ``dataset``
    names the dataset instead of the importer's file name: it replaces the
    ``dataset`` of every row.
    """
    report = plan.report
    if dataset is not None:
        report.dataset = dataset
        for _, rows in (*plan.nodes, *plan.updates):
            for row in rows:
                if "dataset" in row:
                    row["dataset"] = dataset
        for *_, rows in plan.relationships:
            for row in rows:
                row["dataset"] = dataset
    with store.transaction():
        store.delete_facts(report.importer, report.dataset)
        for label, rows in plan.nodes:
            report.written[label] += store.upsert_nodes(label, rows)
            if progress:
                progress(1)
        for label, rows in plan.updates:
            report.written[label + " (ergänzt)"] += store.set_node_properties(label, rows)
            if progress:
                progress(1)
        for rel, a, b, rows in plan.relationships:
            report.written[rel] += store.create_relationships(rel, a, b, rows)
            if progress:
                progress(1)
    return report


def municipality_labels(store: GraphStore, keys: list[str], limit: int = 50) -> list[str]:
    """``AGS official name`` for a report; names for the first ``limit`` keys only."""
    wanted = set(keys[:limit])
    names = {r["ags"]: r["official_name"] or r["name"]
             for r in store.run(load_cypher("municipality_index")) if r["ags"] in wanted}
    return [f"{ags} {names[ags]}" if names.get(ags) else ags for ags in keys]
