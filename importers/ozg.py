"""The OZG catalogue of the KDN "OZG-Datenbank NRW" (MIT licence).

A folder (``data/ozg``) holds four CSV files; one of them may also be given
alone (its siblings are then only read to look up names):

* ``themenfelder.csv`` → :ServiceArea (14, id = the source id);
* ``lebenslagen.csv`` → :LifeSituation (58) ``-[:IN_SERVICE_AREA]->`` its Themenfeld;
* ``ozg_leistungen_2019.csv`` → :OZGService (557, key ``ozg_id``)
  ``-[:IN_LIFE_SITUATION]->`` and ``-[:IN_SERVICE_AREA]->`` (by name);
* ``leika_leistungen_2019.csv`` → :LeikaService (14-digit ``leika_key``)
  ``-[:BELONGS_TO]->`` its OZG-Leistung.

The source database contains test and dummy rows (e.g. key ``25323525``
named "Test 124") and 436 services marked "nicht im LeiKa" without a key.
Neither becomes a node: both are reported as skips with their line.
Rows whose ``hidden`` column is 1 were hidden in the source application and
are skipped (reported) as well.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..graph.errors import ImportFailed, reason_de
from ..graph.schema import (
    BELONGS_TO,
    IN_LIFE_SITUATION,
    IN_SERVICE_AREA,
    LEIKA_SERVICE,
    LIFE_SITUATION,
    OZG_SERVICE,
    SERVICE_AREA,
)
from ..graph.store import GraphStore
from .base import ImportReport, Plan, dataset_name, provenance, read_text
from .members import without_nulls
from .sources import control_character

NAME = "ozg"
#: the German help line of ``kommunalgraph import ozg``
HELP_DE = "OZG-Katalog: Themenfelder, Lebenslagen, OZG- und LeiKa-Leistungen."
SOURCE = "KDN OZG-Datenbank NRW (MIT-Lizenz, © 2020 Gert Hammes)"
AS_OF = "2019"

FILES = {
    "themenfelder": "themenfelder.csv",
    "lebenslagen": "lebenslagen.csv",
    "ozg": "ozg_leistungen_2019.csv",
    "leika": "leika_leistungen_2019.csv",
}
REQUIRED = {
    "themenfelder": ("id", "name"),
    "lebenslagen": ("id", "subject_id", "name"),
    "ozg": ("ozg_id", "ozg_leistung", "lebenslage", "themenfeld"),
    "leika": ("leika_key", "leika_name", "leika_typ", "ozg_id"),
}
#: names of test or dummy records in the source ("Test 124", "Dummy", "xxx")
TEST_NAME = re.compile(r"^\s*(test|dummy|xxx+|lorem ipsum|asdf)\b", re.IGNORECASE)
LEIKA_KEY = re.compile(r"^\d{14}$")
NOT_IN_LEIKA = "nicht im leika"


def read_csv(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a UTF-8 CSV with their line numbers; values stripped.

    Raises ``ImportFailed`` for a missing column, a row with too many or too
    few fields, a control character in a value, or a file without data rows.
    """
    with io.StringIO(read_text(path), newline="") as f:
        reader = csv.reader(f)
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            raise ImportFailed(str(path), 1, None, "empty file", "Die Datei ist leer.") from None
        except (csv.Error, UnicodeDecodeError) as e:
            raise ImportFailed(str(path), 1, None, f"unreadable header: {e}",
                               f"Kopfzeile nicht lesbar: {reason_de(e)}.") from e
        for col in required:
            if col not in header:
                raise ImportFailed(str(path), 1, col, "required column missing",
                                   "Pflichtspalte fehlt in der Kopfzeile.")
        rows = 0
        while True:
            done = reader.line_num
            try:
                fields = next(reader)
            except StopIteration:
                break
            except (csv.Error, UnicodeDecodeError) as e:
                raise ImportFailed(str(path), done + 1, None, f"malformed CSV: {e}",
                                   f"Fehlerhaftes CSV: {reason_de(e)}.") from e
            if not fields or all(not x.strip() for x in fields):
                continue
            if len(fields) != len(header):
                raise ImportFailed(
                    str(path), reader.line_num, None,
                    f"{len(fields)} fields, header has {len(header)}",
                    f"{len(fields)} Felder, die Kopfzeile hat {len(header)}.")
            for h, v in zip(header, fields, strict=True):
                bad = control_character(v)
                if bad:
                    raise ImportFailed(str(path), reader.line_num, h,
                                       f"control character {bad}",
                                       f"Steuerzeichen {bad} im Wert.")
            rows += 1
            yield reader.line_num, {h: v.strip() for h, v in zip(header, fields, strict=True)}
        if not rows:
            raise ImportFailed(str(path), None, None, "no data rows",
                               "Die Datei enthält keine Datenzeilen, nur die Kopfzeile.")


def _fail(path: Path, line: int, field: str, problem: str, problem_de: str) -> ImportFailed:
    return ImportFailed(str(path), line, field, problem, problem_de)


def _hidden(row: dict[str, str]) -> bool:
    return row.get("hidden", "0") not in ("", "0", "false", "False")


def _which(path: Path) -> tuple[Path, str | None, str]:
    """(folder, the one file kind to import or None for the whole folder, dataset)."""
    if path.is_dir():
        return path, None, path.name
    only = next((k for k, v in FILES.items() if v == path.name), None)
    if only is None:
        header = path.read_text("utf-8-sig", errors="replace").split("\n", 1)[0]
        cols = {c.strip() for c in header.split(",")}
        only = next((k for k in ("leika", "ozg", "lebenslagen", "themenfelder")
                     if set(REQUIRED[k]) <= cols), None)
        if only is None:
            raise ImportFailed(str(path), 1, None, "not a file of the OZG catalogue",
                               "Keine Datei des OZG-Katalogs (Spalten nicht erkannt).")
    return path.parent, only, dataset_name(path)


@dataclass
class _Run:
    """One import of the catalogue (or one of its files): what the steps share."""

    path: Path
    folder: Path
    only: str | None
    store: GraphStore
    plan: Plan
    prov: dict[str, Any]
    areas: dict[str, str] = field(default_factory=dict)  # Themenfeld name -> id
    lives: dict[str, str] = field(default_factory=dict)  # Lebenslage name -> id
    ozg_ids: set[str] = field(default_factory=set)

    @property
    def report(self) -> ImportReport:
        return self.plan.report

    def file_of(self, kind: str) -> Path | None:
        if self.only == kind:
            return self.path
        f = self.folder / FILES[kind]
        return f if f.is_file() else None

    def wanted(self, kind: str) -> bool:
        return self.only is None or self.only == kind

    def hidden(self, kind: str, line: int, r: dict[str, str]) -> bool:
        """True for a row the source hides (skipped, and counted where imported)."""
        if not _hidden(r):
            return False
        if self.wanted(kind):
            self.report.skip(line, "in der Quelle verborgen (hidden)", r["name"])
        return True


def _themenfelder(run: _Run) -> None:
    f = run.file_of("themenfelder")
    if f is None:
        return
    rows = []
    for line, r in read_csv(f, REQUIRED["themenfelder"]):
        run.report.read += run.wanted("themenfelder")
        if not r["id"].isdigit():
            raise _fail(f, line, "id", "id is not a number", "Die id ist keine Zahl.")
        if not r["name"]:
            raise _fail(f, line, "name", "empty name", "Der Name ist leer.")
        if run.hidden("themenfelder", line, r):
            continue
        run.areas[r["name"]] = r["id"]
        rows.append({"id": r["id"], "name": r["name"], **run.prov})
    if run.wanted("themenfelder"):
        run.plan.add_nodes(SERVICE_AREA, rows)


def _lebenslagen(run: _Run) -> None:
    f = run.file_of("lebenslagen")
    if f is None:
        return
    area_known = set(run.areas.values()) or run.store.existing_keys(SERVICE_AREA)
    counted = run.wanted("lebenslagen")
    rows, rels = [], []
    for line, r in read_csv(f, REQUIRED["lebenslagen"]):
        run.report.read += counted
        for col in ("id", "subject_id"):
            if not r[col].isdigit():
                raise _fail(f, line, col, f"{col} is not a number", f"„{col}“ ist keine Zahl.")
        if not r["name"]:
            raise _fail(f, line, "name", "empty name", "Der Name ist leer.")
        if run.hidden("lebenslagen", line, r):
            continue
        run.lives[r["name"]] = r["id"]
        rows.append({"id": r["id"], "name": r["name"], **run.prov})
        if r["subject_id"] in area_known:
            rels.append({"from": r["id"], "to": r["subject_id"], **run.prov})
        elif counted:
            run.report.note(f"Lebenslage „{r['name']}“ (Zeile {line}): Themenfeld "
                            f"{r['subject_id']} unbekannt, ohne Zuordnung importiert.")
    if counted:
        run.plan.add_nodes(LIFE_SITUATION, rows)
        run.plan.add_relationships(IN_SERVICE_AREA, LIFE_SITUATION, SERVICE_AREA, rels)


def _area_of(run: _Run, name: str) -> str | None:
    """The Themenfeld id of ``name`` (the source pads some names with a space)."""
    area = run.areas.get(name) or run.areas.get(name + " ")
    if area is None:
        area = next((k for n, k in run.areas.items() if n.strip() == name.strip()), None)
    return area


def _ozg_row(run: _Run, f: Path, line: int, r: dict[str, str]) -> None:
    if not r["ozg_id"].isdigit():
        raise _fail(f, line, "ozg_id", "OZG id is not a number", "Die OZG-ID ist keine Zahl.")
    if r["ozg_id"] in run.ozg_ids:
        raise _fail(f, line, "ozg_id", "duplicate OZG id", "Doppelte OZG-ID.")
    if not r["ozg_leistung"]:
        raise _fail(f, line, "ozg_leistung", "empty name", "Der Name ist leer.")
    run.ozg_ids.add(r["ozg_id"])


def _ozg(run: _Run) -> None:
    f = run.file_of("ozg")
    if f is None:
        return
    counted = run.wanted("ozg")
    rows, in_life, in_area = [], [], []
    for line, r in read_csv(f, REQUIRED["ozg"]):
        run.report.read += counted
        _ozg_row(run, f, line, r)
        if not counted:
            continue
        rows.append({"ozg_id": r["ozg_id"], "name": r["ozg_leistung"], **run.prov})
        if r["lebenslage"] in run.lives:
            in_life.append({"from": r["ozg_id"], "to": run.lives[r["lebenslage"]], **run.prov})
        elif r["lebenslage"]:
            run.report.note(f"OZG-Leistung {r['ozg_id']} (Zeile {line}): Lebenslage "
                            f"„{r['lebenslage']}“ unbekannt.")
        area = _area_of(run, r["themenfeld"])
        if area is not None:
            in_area.append({"from": r["ozg_id"], "to": area, **run.prov})
        elif r["themenfeld"]:
            run.report.note(f"OZG-Leistung {r['ozg_id']} (Zeile {line}): Themenfeld "
                            f"„{r['themenfeld']}“ unbekannt.")
    if counted:
        run.plan.add_nodes(OZG_SERVICE, rows)
        run.plan.add_relationships(IN_LIFE_SITUATION, OZG_SERVICE, LIFE_SITUATION, in_life)
        run.plan.add_relationships(IN_SERVICE_AREA, OZG_SERVICE, SERVICE_AREA, in_area)


def _leika_skip(run: _Run, line: int, key: str, name: str) -> bool:
    """True (and a reported skip) for test rows and rows without a valid key."""
    if TEST_NAME.search(name):
        run.report.skip(line, "Test- oder Dummy-Eintrag der Quelle", f"{key} „{name}“")
    elif key.casefold() == NOT_IN_LEIKA:
        run.report.skip(line, "ohne LeiKa-Schlüssel („nicht im LeiKa“)", name)
    elif not LEIKA_KEY.match(key):
        run.report.skip(line, "kein gültiger LeiKa-Schlüssel (nicht 14 Ziffern), "
                              "vermutlich Testeintrag", f"{key} „{name}“")
    else:
        return False
    return True


def _leika(run: _Run) -> None:
    if not run.wanted("leika"):
        return
    f = run.file_of("leika")
    assert f is not None
    ozg_known = run.ozg_ids or run.store.existing_keys(OZG_SERVICE)
    rows, belongs = [], []
    seen: dict[str, int] = {}
    without_ozg = 0
    for line, r in read_csv(f, REQUIRED["leika"]):
        run.report.read += 1
        key, name = r["leika_key"], r["leika_name"]
        if _leika_skip(run, line, key, name):
            continue
        if not name:
            raise _fail(f, line, "leika_name", "empty name", "Der Name ist leer.")
        if key in seen:
            run.report.skip(line, "doppelter LeiKa-Schlüssel", f"{key} schon in Zeile {seen[key]}")
            continue
        seen[key] = line
        rows.append({"leika_key": key, "name": name, "leika_type": r["leika_typ"] or None,
                     "legal_basis": r.get("gesetze_kurz") or None, **run.prov})
        if r["ozg_id"] and r["ozg_id"] in ozg_known:
            belongs.append({"from": key, "to": r["ozg_id"], **run.prov})
        elif r["ozg_id"]:
            run.report.note(f"LeiKa {key} (Zeile {line}): OZG-Leistung {r['ozg_id']} "
                            "unbekannt, ohne Zuordnung importiert.")
        else:
            without_ozg += 1
    if without_ozg:
        run.report.note(f"{without_ozg} LeiKa-Leistungen ohne OZG-Zuordnung in der Quelle "
                        "(als Knoten importiert, ohne BELONGS_TO).")
    run.plan.add_nodes(LEIKA_SERVICE, rows)
    run.plan.add_relationships(BELONGS_TO, LEIKA_SERVICE, OZG_SERVICE, belongs)


def plan(path: Path, store: GraphStore) -> Plan:
    """Plan the whole catalogue (a folder) or one of its four files."""
    path = Path(path)
    folder, only, dataset = _which(path)
    report = ImportReport(NAME, dataset)
    run = _Run(path, folder, only, store, Plan(report), provenance(SOURCE, AS_OF, NAME, dataset))
    if only is None:
        missing = [FILES[k] for k in FILES if run.file_of(k) is None]
        if missing:
            raise ImportFailed(str(path), None, None, "missing files: " + ", ".join(missing),
                               "Im Ordner fehlen: " + ", ".join(missing))
    _themenfelder(run)
    _lebenslagen(run)
    _ozg(run)
    _leika(run)
    return without_nulls(run.plan)
