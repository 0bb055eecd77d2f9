"""Territorial changes between two editions of the municipal directory.

When a newer GV100AD edition replaces an older one, municipalities of the
older edition that the newer lacks (mergers, incorporations, new keys) stay
in the store as history: ``valid_until`` is the new edition's Gebietsstand,
and reads of current municipalities filter them out (``graph/cypher/``).
The facts of other datasets that still point to them (project memberships,
IT providers, components, neighbours) are listed in the import summary.

A successor list (``--successors FILE``: old AGS → new AGS, as Destatis
publishes its "Gebietsänderungen") moves those facts to the successor. Each
moved relationship keeps its provenance and records ``moved_from`` (the old
AGS); the old municipality records ``successor``.

Successor file: CSV (``;`` or ``,``) with a header. The old key is the column
``ags_alt`` (also: ``alt``, ``alte_ags``, ``ags alt``, ``alter schlüssel``,
``bisheriger schlüssel``), the new one ``ags_neu`` (also: ``neu``,
``neue_ags``, ``ags neu``, ``neuer schlüssel``). Keys are 8-digit AGS or
12-digit ARS (reduced to the AGS). Other columns are ignored.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from ..graph import schema
from ..graph.errors import ImportFailed
from ..graph.schema import MUNICIPALITY
from ..graph.store import GraphStore
from .base import ImportReport, read_text

__all__ = ["read_successors", "mark_vanished", "move_facts", "history"]

OLD_COLUMNS = ("ags_alt", "alt", "alte_ags", "ags alt", "alter schlüssel", "alter schluessel",
               "bisheriger schlüssel", "alte schlüsselnummer")
NEW_COLUMNS = ("ags_neu", "neu", "neue_ags", "ags neu", "neuer schlüssel", "neuer schluessel",
               "neue schlüsselnummer")
_KEY = re.compile(r"\d{8}|\d{12}")


def _ags(value: str) -> str | None:
    text = re.sub(r"\s+", "", value or "")
    if not _KEY.fullmatch(text):
        return None
    return text if len(text) == 8 else text[:5] + text[9:]


def read_successors(path: Path) -> dict[str, str]:
    """Old AGS → new AGS; German errors with file, line and field."""
    path = Path(path)

    def fail(line: int | None, column: str | None, problem: str, de: str) -> ImportFailed:
        return ImportFailed(str(path), line, column, problem, de)

    text = read_text(path)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader, [])]
    old_col = next((header.index(c) for c in OLD_COLUMNS if c in header), None)
    new_col = next((header.index(c) for c in NEW_COLUMNS if c in header), None)
    if old_col is None:
        raise fail(1, "ags_alt", "no column for the old key",
                   "Spalte für den alten Schlüssel fehlt (erwartet „ags_alt“)")
    if new_col is None:
        raise fail(1, "ags_neu", "no column for the new key",
                   "Spalte für den neuen Schlüssel fehlt (erwartet „ags_neu“)")
    mapping: dict[str, str] = {}
    for row in reader:
        line = reader.line_num
        if not any(c.strip() for c in row):
            continue
        if len(row) <= max(old_col, new_col):
            raise fail(line, None, "too few columns", "zu wenige Spalten")
        old, new = _ags(row[old_col]), _ags(row[new_col])
        for value, ags, column in ((row[old_col], old, header[old_col]),
                                   (row[new_col], new, header[new_col])):
            if ags is None:
                raise fail(line, column, f"not an AGS: {value!r}",
                           f"kein Gemeindeschlüssel (8 oder 12 Ziffern): „{value.strip()}“")
        assert old is not None and new is not None
        if old == new:
            continue  # a name change or a change of area: the key stays
        if mapping.get(old, new) != new:
            raise fail(line, header[old_col], f"{old} has two successors",
                       f"{old} hat zwei Nachfolger ({mapping[old]} und {new})")
        mapping[old] = new
    return mapping


def history(store: GraphStore) -> dict[str, str]:
    """AGS of municipalities kept as history → their ``valid_until``."""
    q = ("MATCH (m:" + schema.quote(MUNICIPALITY) + ") WHERE m.valid_until IS NOT NULL"
         " RETURN m.ags AS ags, m.valid_until AS until")
    return {r["ags"]: r["until"] for r in store.run(q)}


def _current(store: GraphStore) -> set[str]:
    q = ("MATCH (m:" + schema.quote(MUNICIPALITY) + ") WHERE m.valid_until IS NULL"
         " RETURN m.ags AS ags")
    return {r["ags"] for r in store.run(q)}


def _facts(store: GraphStore, keys: list[str]) -> dict[str, dict[str, int]]:
    """Relationships per AGS and type that touch the municipalities ``keys``."""
    out: dict[str, dict[str, int]] = {}
    for rt in schema.REL_TYPES:
        q = ("MATCH (m:" + schema.quote(MUNICIPALITY) + ")-[r:" + schema.quote(rt.type)
             + "]-() WHERE m.ags IN $keys RETURN m.ags AS ags, count(r) AS c")
        if not any(MUNICIPALITY in pair for pair in rt.pairs):
            continue
        for r in store.run(q, {"keys": keys}):
            out.setdefault(r["ags"], {})[rt.type] = int(r["c"])
    return out


def _labels(store: GraphStore, keys: list[str]) -> list[str]:
    """``AGS official name`` of municipalities, history included (the index has current only)."""
    q = ("MATCH (m:" + schema.quote(MUNICIPALITY) + ") WHERE m.ags IN $keys"
         " RETURN m.ags AS ags, m.official_name AS name")
    names = {r["ags"]: r["name"] for r in store.run(q, {"keys": keys})}
    return [f"{k} {names[k]}" if names.get(k) else k for k in keys]


def mark_vanished(store: GraphStore, new_keys: set[str], edition: str | None,
                  report: ImportReport) -> list[str]:
    """After a newer directory edition: keep the vanished as history, report their facts.

    Municipalities of the new edition that were history become current again.
    """
    current = _current(store)
    vanished = sorted(current - new_keys)
    back = sorted(set(history(store)) & new_keys)
    if back:
        store.set_node_properties(MUNICIPALITY, [
            {"ags": k, "valid_until": None, "successor": None} for k in back])
    if not vanished:
        return []
    store.set_node_properties(MUNICIPALITY, [
        {"ags": k, "valid_until": edition} for k in vanished])
    labels = _labels(store, vanished)
    report.note(f"{len(vanished)} Gemeinden gibt es im Stand {edition} nicht mehr; sie bleiben "
                f"als Geschichte (gültig bis {edition}), nicht als aktuelle Gemeinden: "
                + "; ".join(labels[:50]) + (" …" if len(labels) > 50 else ""))
    facts = _facts(store, vanished)
    if facts:
        label_of = dict(zip(vanished, labels, strict=True))
        parts = [label_of[k] + ": " + ", ".join(f"{t} {n}" for t, n in sorted(f.items()))
                 for k, f in sorted(facts.items())]
        report.note(f"{len(facts)} nicht mehr bestehende Gemeinden haben noch Fakten "
                    "(Mitgliedschaften, IT-Dienstleister, Komponenten, Nachbarn); mit "
                    "--successors DATEI werden sie zum Nachfolger verschoben: "
                    + "; ".join(parts))
    return vanished


def _rel_query(rt: schema.RelType, a: str, b: str, side: str) -> tuple[str, str]:
    ka, kb = schema.node_type(a).key, schema.node_type(b).key
    match = ("MATCH (x:" + schema.quote(a) + ")-[r:" + schema.quote(rt.type) + "]->(y:"
             + schema.quote(b) + ") WHERE " + side + "." + schema.quote(MUNICIPALITY_KEY)
             + " IN $keys")
    cols = ", ".join("r." + schema.quote(p) + " AS " + p for p in rt.all_properties)
    read = (match + " RETURN x." + schema.quote(ka) + " AS `from`, y." + schema.quote(kb)
            + " AS `to`, " + cols)
    return read, match + " DELETE r"


MUNICIPALITY_KEY = schema.node_type(MUNICIPALITY).key


def move_facts(store: GraphStore, successors: dict[str, str],
               report: ImportReport) -> dict[str, int]:
    """Move the relationships of history municipalities to their successors."""
    gone = history(store)
    mapping = {old: new for old, new in successors.items() if old in gone}
    if not mapping:
        if successors:
            report.note("Nachfolgerliste: keiner der alten Schlüssel ist eine nicht mehr "
                        "bestehende Gemeinde im Datenbestand; nichts verschoben.")
        return {}
    current = _current(store)
    unknown = sorted({new for new in mapping.values() if new not in current})
    if unknown:
        report.note("Nachfolger nicht als aktuelle Gemeinde im Datenbestand, übergangen: "
                    + ", ".join(unknown))
        mapping = {o: n for o, n in mapping.items() if n in current}
    keys = sorted(mapping)
    moved: dict[str, int] = {}
    for rt in schema.REL_TYPES:
        for a, b in rt.pairs:
            for side in ("x", "y"):
                if (a if side == "x" else b) != MUNICIPALITY:
                    continue
                read, delete = _rel_query(rt, a, b, side)
                rows = store.run(read, {"keys": keys})
                if not rows:
                    continue
                store.run(delete, {"keys": keys})
                end = "from" if side == "x" else "to"
                targets = sorted(set(mapping.values()))
                have = {(r["from"], r["to"], r["dataset"])
                        for r in store.run(read, {"keys": targets})}
                new_rows = []
                for r in rows:
                    row: dict[str, Any] = dict(r)
                    old = row[end]
                    row[end] = mapping[old]
                    row["moved_from"] = row.get("moved_from") or old
                    if row["from"] == row["to"]:
                        continue  # a neighbour of its own successor
                    if (row["from"], row["to"], row["dataset"]) in have:
                        continue  # the successor has this fact already
                    have.add((row["from"], row["to"], row["dataset"]))
                    new_rows.append(row)
                store.create_relationships(rt.type, a, b, new_rows)
                moved[rt.type] = moved.get(rt.type, 0) + len(new_rows)
    store.set_node_properties(MUNICIPALITY, [{"ags": o, "successor": n}
                                             for o, n in mapping.items()])
    if moved:
        report.note(f"Fakten von {len(mapping)} nicht mehr bestehenden Gemeinden zum Nachfolger "
                    "verschoben (Herkunft in „moved_from“): "
                    + ", ".join(f"{t} {n}" for t, n in sorted(moved.items())))
    return moved
