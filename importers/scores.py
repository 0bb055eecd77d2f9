"""Stores what the network analytics computed as properties of every municipality.

``kommunalgraph centrality --write`` and ``communities --write`` compute in
:mod:`kommunalgraph.queries.analytics.centrality` (which only reads) and hand
the values here. Every municipality gets the properties; those outside the
cooperation network get null, so that a re-run leaves no stale value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..graph.schema import MUNICIPALITY
from ..graph.store import GraphStore
from .base import ImportReport, Plan, apply_plan

__all__ = ["NAME", "save_scores"]

NAME = "analytics"


def save_scores(store: GraphStore, values: Mapping[str, Mapping[str, Any]],
                props: Sequence[str]) -> int:
    """Set ``props`` from ``values`` (AGS → {prop: value}) on every municipality.

    Returns the number of municipalities written.
    """
    rows = [{"ags": ags, **{p: values.get(ags, {}).get(p) for p in props}}
            for ags in sorted(store.existing_keys(MUNICIPALITY))]
    plan = Plan(ImportReport(NAME, f"{NAME}:{','.join(props)}", read=len(values)))
    plan.add_updates(MUNICIPALITY, rows)
    report = apply_plan(store, plan)
    return int(sum(report.written.values()))
