"""Stores the result of a type self-check as the municipality's ``HAS_TYPE``.

``kommunalgraph typecheck --save`` and the web's Typ-Check (when writes are
allowed) compute a type in :mod:`kommunalgraph.queries.typecheck` and store it
here, through the same write path as every import: one transaction, with
provenance (``importer="typecheck"``, ``dataset="typecheck:<ags>"``). A new
answer replaces the municipality's earlier one; a ``HAS_TYPE`` from an
imported profile stays.
"""

from __future__ import annotations

import datetime as _dt

from ..graph.errors import InputError, UnknownEntity
from ..graph.resolve import load_cypher
from ..graph.schema import HAS_TYPE, MUNICIPALITY, MUNICIPALITY_TYPE
from ..graph.store import GraphStore
from .base import ImportReport, Plan, apply_plan
from .vocabulary import MUNICIPALITY_TYPES

__all__ = ["NAME", "save_type"]

NAME = "typecheck"
SOURCE = "kommunalgraph typecheck (Selbstauskunft)"


def save_type(store: GraphStore, ags: str, type_id: str,
              answered_at: str | None = None) -> int:
    """Store ``(ags)-[:HAS_TYPE {answered_at}]->(type_id)``; returns the number written (1).

    ``answered_at`` defaults to today.
    """
    if type_id not in MUNICIPALITY_TYPES:
        raise InputError(f"unknown type {type_id!r}", f"Unbekannter Kommunentyp „{type_id}“.")
    if not store.run(load_cypher("municipality_type"), {"type_id": type_id}):
        raise UnknownEntity(
            f"type {type_id!r} not in the store",
            f"Der Kommunentyp „{MUNICIPALITY_TYPES[type_id][0]}“ fehlt im Datenbestand. Bitte "
            "zuerst „kommunalgraph import bundled“ ausführen (Vokabular).")
    when = answered_at or _dt.date.today().isoformat()
    dataset = f"{NAME}:{ags}"
    plan = Plan(ImportReport(NAME, dataset, read=1))
    plan.add_relationships(HAS_TYPE, MUNICIPALITY, MUNICIPALITY_TYPE, [{
        "from": ags, "to": type_id, "answered_at": when, "as_of": when, "source": SOURCE,
        "importer": NAME, "dataset": dataset}])
    return int(apply_plan(store, plan).written[HAS_TYPE])
