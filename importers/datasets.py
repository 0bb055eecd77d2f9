"""Datasets: every import is one dataset with an identity, an edition and a hash.

The rules (docs/decisions.md, section 16; docs/formats.md, "Datasets"):

* A dataset is recorded as a ``Dataset`` node: its kind (the importer), its
  edition (the as-of date read from the content), the file, the SHA-256 of
  the content, the facts it wrote (counts), when it was imported, and
  ``complete`` (set in the same transaction as the facts, so a dataset node
  exists only for an import that committed).
* Content already imported (same kind, same hash) is a no-op, whatever the
  file is called.
* The national series (:data:`EDITIONED`: the municipal directory, its
  coordinate extract, the boundaries, the OZG catalogue) hold one edition at a
  time: a newer edition replaces the older one's facts in one transaction; an
  older edition than the one present is refused unless forced.
* Every other file is its own dataset. Its name is ``--dataset NAME``, else
  the file name for the bundled data and ``KIND:ABSOLUTE-PATH`` for a user's
  file, so that a user's file never replaces bundled facts. Re-importing the
  same name replaces that dataset.
* Removing a dataset deletes its relationships, then the nodes it wrote that
  nothing else supports (see :func:`prune_nodes`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from ..graph import schema
from ..graph.errors import ImportFailed, UnknownEntity, reason_de
from ..graph.schema import DATASET
from ..graph.store import GraphStore
from .base import Plan

__all__ = [
    "EDITIONED", "FROM_STORE", "Dataset", "OlderEdition", "content_hash", "default_id",
    "plan_edition", "list_datasets", "get", "with_hash", "derived_again", "of_kind",
    "to_replace", "record",
    "delete_facts", "prune_nodes", "remove",
]

#: kinds that are one national series: a newer edition replaces the older
EDITIONED = frozenset({"gv100ad", "gv-auszug", "boundaries", "ozg"})

#: kinds whose facts are derived from other datasets in the store (topic rules
#: applied to the projects present): never a no-op, a re-run replaces them
FROM_STORE = frozenset({"topics"})

_FIELDS = ("id", "kind", "edition", "file", "hash", "counts", "imported_at", "complete",
           "bundled", "importer")


class OlderEdition(ImportFailed):
    """The store holds a newer edition of this series than the file."""


@dataclass
class Dataset:
    id: str
    kind: str
    importer: str
    edition: str | None = None
    file: str = ""
    hash: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    imported_at: str = ""
    complete: bool = False
    bundled: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "edition": self.edition, "file": self.file,
                "hash": self.hash, "counts": dict(self.counts),
                "imported_at": self.imported_at, "complete": self.complete,
                "bundled": self.bundled}


def content_hash(path: Path, module: ModuleType | None = None) -> str:
    """SHA-256 of a file, of a folder's files (names and contents, sorted), or,
    for an importer that reads no user file (the vocabulary), of its module."""
    h = hashlib.sha256()
    if module is not None and getattr(module, "NAME", "") == "vocabulary":
        path = Path(str(module.__file__))
    files: list[Path] = []
    shapefile = path.suffix.lower() == ".shp"
    if shapefile:  # the files of its stem (named by extension only) and the as-of date
        files = sorted(p for p in path.parent.glob(path.stem + ".*") if p.is_file())
        files += [p for p in [path.parent / "aktualitaet.txt"] if p.is_file()]
        path = path.parent
    elif path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file())
    if files:
        for f in files:
            name = f.suffix.lower() if shapefile and f.stem != "aktualitaet" else str(
                f.relative_to(path))
            h.update(name.encode("utf-8") + b"\0")
            h.update(f.read_bytes())
            h.update(b"\0")
    else:
        try:
            h.update(path.read_bytes())
        except OSError as e:
            raise ImportFailed(str(path), None, None, f"cannot read file: {e}",
                               f"Datei nicht lesbar: {reason_de(e)}.") from e
    return h.hexdigest()


def default_id(kind: str, path: Path, *, bundled: bool = False) -> str:
    """The dataset name when none is given: bundled data by file name (as the
    facts always carried it), a user's file by kind and absolute path.

    >>> default_id("projects", Path("/x/cooperation_projects.csv"))
    'projects:/x/cooperation_projects.csv'
    >>> default_id("projects", Path("/data/projects/cooperation_projects.csv"), bundled=True)
    'cooperation_projects.csv'
    """
    if kind == "vocabulary":  # reads no file: one dataset
        return kind
    if bundled:
        return path.name
    return f"{kind}:{path.resolve()}"


def plan_edition(plan: Plan) -> str | None:
    """The edition of a plan: the one its importer read, else the latest
    ``as_of`` of its rows (a column of the file)."""
    if plan.edition:
        return plan.edition
    dates = [str(r["as_of"]) for _, rows in plan.nodes for r in rows if r.get("as_of")]
    dates += [str(r["as_of"]) for *_, rows in plan.relationships for r in rows
              if r.get("as_of")]
    return max(dates) if dates else None


# -- reading the bookkeeping ----------------------------------------------------
def _query(where: str = "") -> str:
    cols = ", ".join("d." + schema.quote(f) + " AS " + f for f in _FIELDS if f != "importer")
    return ("MATCH (d:" + schema.quote(DATASET) + ") " + where + " RETURN " + cols
            + ", d." + schema.quote("importer") + " AS importer ORDER BY d.id")


def _from_row(r: dict[str, Any]) -> Dataset:
    try:
        counts = json.loads(r["counts"] or "{}")
    except ValueError:
        counts = {}
    return Dataset(id=r["id"], kind=r["kind"] or "", importer=r["importer"] or "",
                   edition=r["edition"], file=r["file"] or "", hash=r["hash"] or "",
                   counts=counts, imported_at=r["imported_at"] or "",
                   complete=bool(r["complete"]), bundled=bool(r["bundled"]))


def list_datasets(store: GraphStore) -> list[Dataset]:
    return [_from_row(r) for r in store.run(_query())]


def get(store: GraphStore, dataset_id: str) -> Dataset | None:
    rows = store.run(_query("WHERE d.id = $id"), {"id": dataset_id})
    return _from_row(rows[0]) if rows else None


def with_hash(store: GraphStore, kind: str, digest: str) -> Dataset | None:
    """A complete dataset of ``kind`` with this content, if any (never for
    :data:`FROM_STORE` kinds, whose result depends on the store)."""
    if kind in FROM_STORE:
        return None
    rows = store.run(_query("WHERE d.kind = $kind AND d.hash = $hash AND d.complete = true"),
                     {"kind": kind, "hash": digest})
    return _from_row(rows[0]) if rows else None


def derived_again(store: GraphStore, kind: str, digest: str) -> Dataset | None:
    """For a :data:`FROM_STORE` kind: the dataset that the same rule file wrote
    before (whatever its name), which a re-run replaces instead of adding to."""
    if kind not in FROM_STORE:
        return None
    rows = store.run(_query("WHERE d.kind = $kind AND d.hash = $hash AND d.complete = true"),
                     {"kind": kind, "hash": digest})
    return _from_row(rows[0]) if rows else None


def of_kind(store: GraphStore, kind: str) -> list[Dataset]:
    return [_from_row(r) for r in store.run(_query("WHERE d.kind = $kind"), {"kind": kind})]


def to_replace(store: GraphStore, kind: str, dataset_id: str, edition: str | None,
               path: Path, *, bundled: bool, force: bool) -> list[Dataset]:
    """The datasets an import of ``dataset_id`` replaces; refuse an older edition
    (:class:`OlderEdition`) and a user's file under a bundled dataset's name."""
    prior = get(store, dataset_id)
    if prior is not None and prior.kind != kind:
        raise ImportFailed(str(path), None, None,
                           f"dataset {dataset_id!r} belongs to importer {prior.kind}",
                           f"Der Datensatz „{dataset_id}“ gehört zum Import „{prior.kind}“; "
                           "bitte mit --dataset einen anderen Namen wählen.")
    if kind in EDITIONED:
        replaced = of_kind(store, kind)
    else:
        replaced = [prior] if prior is not None else []
        if prior is not None and prior.bundled and not bundled:
            raise ImportFailed(str(path), None, None,
                               f"dataset {dataset_id!r} is bundled data",
                               f"„{dataset_id}“ ist ein mitgelieferter Datensatz und wird "
                               "nicht ersetzt; bitte mit --dataset einen anderen Namen wählen.")
    for old in replaced:
        if old.edition and edition and edition < old.edition and not force:
            raise OlderEdition(
                str(path), None, None,
                f"edition {edition} is older than the edition {old.edition} in the store",
                f"Stand {edition} ist älter als der Stand {old.edition} im Datenbestand "
                f"(Datensatz „{old.id}“); nichts geändert. Mit --force trotzdem ersetzen.")
    return replaced


# -- writing --------------------------------------------------------------------
def record(store: GraphStore, ds: Dataset) -> None:
    """Write the dataset node (inside the import's transaction)."""
    ds.imported_at = ds.imported_at or datetime.now(UTC).isoformat(timespec="seconds")
    store.upsert_nodes(DATASET, [{
        "id": ds.id, "kind": ds.kind, "edition": ds.edition, "file": ds.file,
        "hash": ds.hash, "counts": json.dumps(ds.counts, ensure_ascii=False, sort_keys=True),
        "imported_at": ds.imported_at, "complete": True, "bundled": ds.bundled,
        "importer": ds.importer, "dataset": ds.id, "as_of": ds.edition,
        "source": ds.file,
    }])
    ds.complete = True


def delete_facts(store: GraphStore, ds: Dataset) -> int:
    """Delete the relationships of ``ds`` and its dataset node (not its nodes)."""
    n = store.delete_facts(ds.importer, ds.id)
    store.run("MATCH (d:" + schema.quote(DATASET) + ") WHERE d.id = $id DELETE d",
              {"id": ds.id})
    return n


def prune_nodes(store: GraphStore, ds: Dataset, *, keep_labels: frozenset[str] = frozenset(),
                keep: dict[str, set[str]] | None = None) -> dict[str, int]:
    """Delete the nodes that ``ds`` wrote last and that nothing supports any more.

    A node is supported while a relationship touches it (from any dataset) or
    while another dataset has written it since (its ``dataset`` property then
    names that one). ``keep`` protects keys per label (the nodes the replacing
    edition writes again); ``keep_labels`` protects whole labels (municipalities
    of a directory stay as history).
    """
    deleted: dict[str, int] = {}
    keep = keep or {}
    for nt in schema.NODE_TYPES:
        if nt.label == DATASET or nt.label in keep_labels:
            continue
        label = schema.quote(nt.label)
        q = ("MATCH (n:" + label + ") WHERE n.dataset = $ds AND n.importer = $imp"
             " AND NOT n." + schema.quote(nt.key) + " IN $keep"
             " AND NOT EXISTS { MATCH (n)-[]-() } DELETE n RETURN count(*) AS c")
        rows = store.run(q, {"ds": ds.id, "imp": ds.importer,
                             "keep": sorted(keep.get(nt.label, set()))})
        n = int(rows[0]["c"]) if rows else 0
        if n:
            deleted[nt.label] = n
    return deleted


def remove(store: GraphStore, dataset_id: str) -> tuple[Dataset, int, dict[str, int]]:
    """Delete one dataset's facts atomically: relationships, then unsupported nodes."""
    ds = get(store, dataset_id)
    if ds is None:
        known = ", ".join(d.id for d in list_datasets(store)[:20]) or "keine"
        raise UnknownEntity(f"no dataset {dataset_id!r}",
                            f"Kein Datensatz „{dataset_id}“ im Datenbestand "
                            f"(vorhanden: {known}).")
    with store.transaction():
        rels = delete_facts(store, ds)
        nodes = prune_nodes(store, ds)
    return ds, rels, nodes
