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
import re
from collections.abc import Iterator
from pathlib import Path

from ..graph.errors import ImportFailed
from ..graph.store import GraphStore
from .base import ImportReport, Plan, dataset_name, provenance
from .members import without_nulls

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

    Raises ``ImportFailed`` for a missing column or a row with too many or too
    few fields.
    """
    try:
        f = path.open(encoding="utf-8-sig", newline="")
    except OSError as e:
        raise ImportFailed(str(path), None, None, f"cannot read: {e}",
                           f"Datei nicht lesbar: {e}") from e
    with f:
        reader = csv.reader(f)
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            raise ImportFailed(str(path), 1, None, "empty file", "Die Datei ist leer.") from None
        except (csv.Error, UnicodeDecodeError) as e:
            raise ImportFailed(str(path), 1, None, f"unreadable header: {e}",
                               f"Kopfzeile nicht lesbar: {e}") from e
        for col in required:
            if col not in header:
                raise ImportFailed(str(path), 1, col, "required column missing",
                                   "Pflichtspalte fehlt in der Kopfzeile.")
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as e:
                raise ImportFailed(str(path), reader.line_num, None, f"malformed CSV: {e}",
                                   f"Fehlerhaftes CSV: {e}") from e
            if not fields or all(not x.strip() for x in fields):
                continue
            if len(fields) != len(header):
                raise ImportFailed(
                    str(path), reader.line_num, None,
                    f"{len(fields)} fields, header has {len(header)}",
                    f"{len(fields)} Felder, die Kopfzeile hat {len(header)}.")
            yield reader.line_num, {h: v.strip() for h, v in zip(header, fields, strict=True)}


def _fail(path: Path, line: int, field: str, problem: str, problem_de: str) -> ImportFailed:
    return ImportFailed(str(path), line, field, problem, problem_de)


def _hidden(row: dict[str, str]) -> bool:
    return row.get("hidden", "0") not in ("", "0", "false", "False")


def plan(path: Path, store: GraphStore) -> Plan:
    path = Path(path)
    if path.is_dir():
        folder, only = path, None
        dataset = path.name
    else:
        folder = path.parent
        only = next((k for k, v in FILES.items() if v == path.name), None)
        if only is None:
            header = path.read_text("utf-8-sig", errors="replace").split("\n", 1)[0]
            cols = {c.strip() for c in header.split(",")}
            only = next((k for k, req in (("leika", REQUIRED["leika"]),
                                          ("ozg", REQUIRED["ozg"]),
                                          ("lebenslagen", REQUIRED["lebenslagen"]),
                                          ("themenfelder", REQUIRED["themenfelder"]))
                         if set(req) <= cols), None)
            if only is None:
                raise ImportFailed(str(path), 1, None, "not a file of the OZG catalogue",
                                   "Keine Datei des OZG-Katalogs (Spalten nicht erkannt).")
        dataset = dataset_name(path)
    report = ImportReport(NAME, dataset)
    prov = provenance(SOURCE, AS_OF, NAME, dataset)
    p = Plan(report)

    def file_of(kind: str) -> Path | None:
        if only == kind:
            return path
        f = folder / FILES[kind]
        return f if f.is_file() else None

    wanted = [only] if only else list(FILES)
    if only is None:
        missing = [FILES[k] for k in FILES if file_of(k) is None]
        if missing:
            raise ImportFailed(str(path), None, None, "missing files: " + ", ".join(missing),
                               "Im Ordner fehlen: " + ", ".join(missing))

    # -- Themenfelder ----------------------------------------------------------
    areas: dict[str, str] = {}  # id -> name
    area_by_name: dict[str, str] = {}
    if (f := file_of("themenfelder")) is not None:
        rows = []
        for line, r in read_csv(f, REQUIRED["themenfelder"]):
            counted = "themenfelder" in wanted
            report.read += counted
            if not r["id"].isdigit():
                raise _fail(f, line, "id", "id is not a number", "Die id ist keine Zahl.")
            if not r["name"]:
                raise _fail(f, line, "name", "empty name", "Der Name ist leer.")
            if _hidden(r):
                if counted:
                    report.skip(line, "in der Quelle verborgen (hidden)", r["name"])
                continue
            areas[r["id"]] = r["name"]
            area_by_name[r["name"]] = r["id"]
            rows.append({"id": r["id"], "name": r["name"], **prov})
        if "themenfelder" in wanted:
            p.add_nodes("ServiceArea", rows)
    area_known = set(areas) or store.existing_keys("ServiceArea")

    # -- Lebenslagen -----------------------------------------------------------
    life_by_name: dict[str, str] = {}
    if (f := file_of("lebenslagen")) is not None:
        rows, rels = [], []
        for line, r in read_csv(f, REQUIRED["lebenslagen"]):
            counted = "lebenslagen" in wanted
            report.read += counted
            for col in ("id", "subject_id"):
                if not r[col].isdigit():
                    raise _fail(f, line, col, f"{col} is not a number",
                                f"„{col}“ ist keine Zahl.")
            if not r["name"]:
                raise _fail(f, line, "name", "empty name", "Der Name ist leer.")
            if _hidden(r):
                if counted:
                    report.skip(line, "in der Quelle verborgen (hidden)", r["name"])
                continue
            life_by_name[r["name"]] = r["id"]
            rows.append({"id": r["id"], "name": r["name"], **prov})
            if r["subject_id"] in area_known:
                rels.append({"from": r["id"], "to": r["subject_id"], **prov})
            elif counted:
                report.note(f"Lebenslage „{r['name']}“ (Zeile {line}): Themenfeld "
                            f"{r['subject_id']} unbekannt, ohne Zuordnung importiert.")
        if "lebenslagen" in wanted:
            p.add_nodes("LifeSituation", rows)
            p.add_relationships("IN_SERVICE_AREA", "LifeSituation", "ServiceArea", rels)

    # -- OZG-Leistungen --------------------------------------------------------
    ozg_ids: set[str] = set()
    if (f := file_of("ozg")) is not None:
        rows, in_life, in_area = [], [], []
        for line, r in read_csv(f, REQUIRED["ozg"]):
            counted = "ozg" in wanted
            report.read += counted
            if not r["ozg_id"].isdigit():
                raise _fail(f, line, "ozg_id", "OZG id is not a number",
                            "Die OZG-ID ist keine Zahl.")
            if r["ozg_id"] in ozg_ids:
                raise _fail(f, line, "ozg_id", "duplicate OZG id", "Doppelte OZG-ID.")
            if not r["ozg_leistung"]:
                raise _fail(f, line, "ozg_leistung", "empty name", "Der Name ist leer.")
            ozg_ids.add(r["ozg_id"])
            if not counted:
                continue
            rows.append({"ozg_id": r["ozg_id"], "name": r["ozg_leistung"], **prov})
            if r["lebenslage"] in life_by_name:
                in_life.append({"from": r["ozg_id"], "to": life_by_name[r["lebenslage"]],
                                **prov})
            elif r["lebenslage"]:
                report.note(f"OZG-Leistung {r['ozg_id']} (Zeile {line}): Lebenslage "
                            f"„{r['lebenslage']}“ unbekannt.")
            area = area_by_name.get(r["themenfeld"]) or area_by_name.get(r["themenfeld"] + " ")
            if area is None:
                area = next((k for n, k in area_by_name.items()
                             if n.strip() == r["themenfeld"].strip()), None)
            if area is not None:
                in_area.append({"from": r["ozg_id"], "to": area, **prov})
            elif r["themenfeld"]:
                report.note(f"OZG-Leistung {r['ozg_id']} (Zeile {line}): Themenfeld "
                            f"„{r['themenfeld']}“ unbekannt.")
        if "ozg" in wanted:
            p.add_nodes("OZGService", rows)
            p.add_relationships("IN_LIFE_SITUATION", "OZGService", "LifeSituation", in_life)
            p.add_relationships("IN_SERVICE_AREA", "OZGService", "ServiceArea", in_area)
    ozg_known = ozg_ids or store.existing_keys("OZGService")

    # -- LeiKa-Leistungen ------------------------------------------------------
    if "leika" in wanted:
        f = file_of("leika")
        assert f is not None
        rows, belongs = [], []
        seen: dict[str, int] = {}
        without_ozg = 0
        for line, r in read_csv(f, REQUIRED["leika"]):
            report.read += 1
            key, name = r["leika_key"], r["leika_name"]
            if TEST_NAME.search(name):
                report.skip(line, "Test- oder Dummy-Eintrag der Quelle",
                            f"{key} „{name}“")
                continue
            if key.casefold() == NOT_IN_LEIKA:
                report.skip(line, "ohne LeiKa-Schlüssel („nicht im LeiKa“)", name)
                continue
            if not LEIKA_KEY.match(key):
                report.skip(line, "kein gültiger LeiKa-Schlüssel (nicht 14 Ziffern), "
                                  "vermutlich Testeintrag", f"{key} „{name}“")
                continue
            if not name:
                raise _fail(f, line, "leika_name", "empty name", "Der Name ist leer.")
            if key in seen:
                report.skip(line, "doppelter LeiKa-Schlüssel",
                            f"{key} schon in Zeile {seen[key]}")
                continue
            seen[key] = line
            rows.append({"leika_key": key, "name": name, "leika_type": r["leika_typ"] or None,
                         "legal_basis": r.get("gesetze_kurz") or None, **prov})
            if r["ozg_id"] and r["ozg_id"] in ozg_known:
                belongs.append({"from": key, "to": r["ozg_id"], **prov})
            elif r["ozg_id"]:
                report.note(f"LeiKa {key} (Zeile {line}): OZG-Leistung {r['ozg_id']} "
                            "unbekannt, ohne Zuordnung importiert.")
            else:
                without_ozg += 1
        if without_ozg:
            report.note(f"{without_ozg} LeiKa-Leistungen ohne OZG-Zuordnung in der Quelle "
                        "(als Knoten importiert, ohne BELONGS_TO).")
        p.add_nodes("LeikaService", rows)
        p.add_relationships("BELONGS_TO", "LeikaService", "OZGService", belongs)
    return without_nulls(p)
