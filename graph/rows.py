"""Checks and coercion of the rows that importers hand to a store (both backends).

Every backend validates the same way before it writes anything: unknown
properties, missing keys and relationship types that do not connect the given
labels are a :class:`~kommunalgraph.graph.errors.StoreError`, and values are
coerced to their schema type.

>>> node_rows("State", [{"key": "05", "name": "NRW"}, {"key": "05", "name": "Nordrhein-Westfalen"}])
{'05': {'key': '05', 'name': 'Nordrhein-Westfalen'}}
>>> rel_rows("IN_STATE", "District", "State", [{"from": "05954", "to": "05"}] * 2)
[{'from': '05954', 'to': '05'}]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from . import schema
from .errors import StoreError

__all__ = ["coerce", "node_rows", "property_rows", "rel_rows"]

Row = Mapping[str, Any]


def coerce(value: Any, kind: str) -> Any:
    """``value`` as the schema type ``kind``; ``None`` stays ``None``.

    >>> coerce("12", schema.INT), coerce(1, schema.STRING), coerce(None, schema.FLOAT)
    (12, '1', None)
    >>> coerce(("a", "b"), schema.STRING_LIST), coerce("a", schema.STRING_LIST)
    (['a', 'b'], ['a'])
    """
    if value is None:
        return None
    if kind == schema.INT:
        return int(value)
    if kind == schema.FLOAT:
        return float(value)
    if kind == schema.BOOL:
        return bool(value)
    if kind == schema.STRING_LIST:
        items = [value] if isinstance(value, str) else list(value)
        return [str(v) for v in items]
    return str(value)


def _check_known(name: str, row: Row, known: Mapping[str, str], extra: set[str]) -> None:
    unknown = set(row) - set(known) - extra
    if unknown:
        raise StoreError(f"{name}: unknown properties {sorted(unknown)}")


def node_rows(label: str, rows: Sequence[Row]) -> dict[str, dict[str, Any]]:
    """Rows per key, coerced; rows with the same key are merged (later values win)."""
    nt = schema.node_type(label)
    props = nt.all_properties
    unique: dict[str, dict[str, Any]] = {}
    for row in rows:
        _check_known(label, row, props, set())
        key = row.get(nt.key)
        if key is None or key == "":
            raise StoreError(f"{label}: row without key {nt.key!r}")
        unique.setdefault(str(key), {}).update({k: coerce(v, props[k]) for k, v in row.items()})
    return unique


def property_rows(label: str, rows: Sequence[Row]) -> list[dict[str, Any]]:
    """Coerced rows that set at least one property besides the key."""
    nt = schema.node_type(label)
    props = nt.all_properties
    out = []
    for row in rows:
        _check_known(label, row, props, set())
        if any(k != nt.key for k in row):
            out.append({k: coerce(v, props[k]) for k, v in row.items()})
    return out


def rel_rows(rel: str, from_label: str, to_label: str, rows: Sequence[Row]) -> list[Row]:
    """The rows of the first occurrence of each ``(from, to)`` pair (keys as strings)."""
    rt = schema.rel_type(rel)
    if (from_label, to_label) not in rt.pairs:
        raise StoreError(f"{rel} does not connect {from_label} to {to_label}")
    seen: dict[tuple[str, str], Row] = {}
    for row in rows:
        _check_known(rel, row, rt.all_properties, {"from", "to"})
        if row.get("from") is None or row.get("to") is None:
            raise StoreError(f"{rel}: row without 'from' or 'to'")
        seen.setdefault((str(row["from"]), str(row["to"])), row)
    return list(seen.values())
