"""Destatis GV-ISys extract "Alle politisch selbständigen Gemeinden" (CSV).

The bundled file (``AuszugGV4QAktuell_2020-12-31.csv``, territorial status
31.12.2020, re-saved as CSV with a UTF-8 BOM) adds what the newer GV100AD
lacks: the geographic centre of each municipality (``laengengrad`` = lon,
``breitengrad`` = lat, decimal comma, WGS84) and its Verstädterung class
(DEGURBA: ``01`` dicht besiedelt, ``02`` mittlere Besiedlungsdichte, ``03``
gering besiedelt).

Only rows of Satzart 60 are municipalities; rows of Satzart 10 to 50 are
headers of the higher levels and are passed over. Gemeindefreie Gebiete
(Textkennzeichen 65/66) are not municipalities and are skipped visibly.

The extract is older than the directory, so it only *adds* properties to the
``Municipality`` nodes that the ``gv100ad`` importer wrote (matched on the
8-digit AGS): ``lat``, ``lon``, ``urbanisation``, ``urbanisation_code``,
``geo_source`` and ``geo_as_of``. Population and postcode stay as the newer
directory has them. AGS of 2020 that no longer exist are skipped with the
reason "AGS nicht mehr im Gemeindeverzeichnis"; municipalities of the
directory that the extract does not cover (mergers since 2021) are listed in
the report as having no coordinates.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..graph.errors import ImportFailed, reason_de
from ..graph.schema import MUNICIPALITY
from ..graph.store import GraphStore
from .base import ImportReport, Plan, dataset_name, municipality_labels, read_text
from .sources import control_character

__all__ = ["NAME", "SOURCE", "plan"]

NAME = "gv-auszug"
#: the German help line of ``kommunalgraph import gv-auszug``
HELP_DE = "Destatis-GV-ISys-Auszug (CSV): Koordinaten und Verstädterung."
SOURCE = ("https://www.destatis.de/DE/Themen/Laender-Regionen/Regionales/"
          "Gemeindeverzeichnis/_inhalt.html")
#: used when the file name carries no date
DEFAULT_AS_OF = "2020-12-31"
GONE = "AGS nicht mehr im Gemeindeverzeichnis"

REQUIRED = ("satzart", "textkennzeichen", "land", "rb", "kreis", "gemeinde",
            "gemeindename", "bevoelkerung", "laengengrad", "breitengrad",
            "verstaedterungschluessel", "verstaedterungbezeichnung")
UNINCORPORATED = frozenset({"65", "66"})
#: a generous box around Germany (WGS84): catches swapped or shifted columns
LON_RANGE = (5.0, 16.0)
LAT_RANGE = (47.0, 55.5)
#: ordinary, no-break, thin and narrow no-break spaces used as thousands separators
_SPACES = re.compile(r"[\s\u00a0\u2009\u202f]+")
_DECIMAL = re.compile(r"-?\d+(,\d+)?")


def _int(value: str) -> int | None:
    """``"90 164"`` (any kind of space as thousands separator) → 90164."""
    text = _SPACES.sub("", value or "")
    if not text:
        return None
    if not text.isdigit():
        raise ValueError(value)
    return int(text)


def _decimal(value: str) -> float | None:
    text = (value or "").strip()
    if not text:
        return None
    if not _DECIMAL.fullmatch(text):
        raise ValueError(value)
    return float(text.replace(",", "."))


_Fail = Callable[[int | None, str | None, str, str], ImportFailed]
_KEY_PARTS = {"land": 2, "rb": 1, "kreis": 2, "gemeinde": 3}


def _checked(row: dict[str, str], line: int, seen: dict[str, int],
             fail: _Fail) -> tuple[str, float | None, float | None]:
    """The row's AGS (checked, unique), latitude and longitude (decimal or None)."""
    for column, width in _KEY_PARTS.items():
        value = row[column].strip()
        if not (value.isascii() and value.isdigit() and len(value) == width):
            raise fail(line, column, f"expected {width} digits, found {value!r}",
                       f"erwartet {width} Ziffern, gefunden „{value}“")
    ags = "".join(row[c].strip() for c in _KEY_PARTS)
    if ags in seen:
        raise fail(line, "gemeinde", f"AGS {ags} twice (first in line {seen[ags]})",
                   f"AGS {ags} doppelt (zuerst in Zeile {seen[ags]})")
    seen[ags] = line
    try:
        _int(row["bevoelkerung"])
    except ValueError:
        raise fail(line, "bevoelkerung", f"not a number: {row['bevoelkerung']!r}",
                   f"keine Zahl: „{row['bevoelkerung']}“") from None
    coords = {}
    for column in ("laengengrad", "breitengrad"):
        try:
            coords[column] = _decimal(row[column])
        except ValueError:
            raise fail(line, column, f"not a decimal number: {row[column]!r}",
                       f"keine Dezimalzahl: „{row[column]}“") from None
    return ags, coords["breitengrad"], coords["laengengrad"]


def _skip_reason(row: dict[str, str], ags: str, lat: float | None, lon: float | None,
                 existing: set[str], line: int, fail: _Fail) -> str | None:
    """Why the row gives no coordinates (None: it does); coordinates outside Germany fail."""
    if row["textkennzeichen"].strip() in UNINCORPORATED:
        return "gemeindefreies Gebiet, keine Gemeinde"
    if lon in (None, 0.0) or lat in (None, 0.0):
        return "keine Koordinaten in der Quelle"
    assert lat is not None and lon is not None
    if not (LON_RANGE[0] <= lon <= LON_RANGE[1]):
        raise fail(line, "laengengrad", f"longitude {lon} outside Germany",
                   f"Längengrad {lon} liegt außerhalb Deutschlands")
    if not (LAT_RANGE[0] <= lat <= LAT_RANGE[1]):
        raise fail(line, "breitengrad", f"latitude {lat} outside Germany",
                   f"Breitengrad {lat} liegt außerhalb Deutschlands")
    if ags not in existing:
        return GONE
    return None


def _update(row: dict[str, str], ags: str, lat: float | None, lon: float | None, line: int,
            fail: _Fail, dataset: str, as_of: str) -> dict[str, Any]:
    code = row["verstaedterungschluessel"].strip() or None
    if code is not None and not (code.isascii() and code.isdigit()):
        raise fail(line, "verstaedterungschluessel", f"not a code: {code!r}",
                   f"kein Schlüssel: „{code}“")
    return {
        "ags": ags,
        "lat": lat,
        "lon": lon,
        "urbanisation_code": code,
        "urbanisation": row["verstaedterungbezeichnung"].strip() or None,
        "geo_source": f"{SOURCE} ({dataset})",
        "geo_as_of": as_of,
    }


def _rows(reader: csv.DictReader[str], fail: Any) -> Iterator[dict[str, Any]]:
    """The rows; a CSV syntax error or a control character is an ImportFailed."""
    while True:
        done = reader.line_num
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as e:
            raise fail(done + 1, None, f"malformed CSV: {e}",
                       f"Fehlerhaftes CSV: {reason_de(e)}.") from e
        for column, value in row.items():
            bad = control_character(value) if isinstance(value, str) else None
            if bad:
                raise fail(reader.line_num, column, f"control character {bad}",
                           f"Steuerzeichen {bad} im Wert.")
        yield row


def plan(path: Path, store: GraphStore) -> Plan:
    """Parse and validate the extract into coordinate updates for existing municipalities."""
    path = Path(path)
    dataset = dataset_name(path)
    report = ImportReport(NAME, dataset)
    m = re.search(r"(\d{4}-\d{2}-\d{2})", path.name)
    as_of = m.group(1) if m else DEFAULT_AS_OF

    def fail(line: int | None, field: str | None, problem: str, problem_de: str) -> ImportFailed:
        return ImportFailed(str(path), line, field, problem, problem_de)

    text = read_text(path)

    existing = store.existing_keys(MUNICIPALITY)
    if not existing:
        raise fail(None, None, "the store has no municipalities; import gv100ad first",
                   "Der Datenbestand enthält noch keine Gemeinden; bitte zuerst das "
                   "Gemeindeverzeichnis importieren („kommunalgraph import gv100ad …“).")

    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in (reader.fieldnames or [])]
    except csv.Error as e:
        raise fail(1, None, f"malformed CSV: {e}", f"Fehlerhaftes CSV: {reason_de(e)}.") from e
    reader.fieldnames = header
    for column in REQUIRED:
        if column not in header:
            raise fail(1, column, "column missing from the header",
                       "Spalte fehlt in der Kopfzeile")

    updates: dict[str, dict[str, Any]] = {}
    seen: dict[str, int] = {}
    headers_passed = 0
    for row in _rows(reader, fail):
        line = reader.line_num
        if None in row or any(v is None for v in row.values()):
            raise fail(line, None, "wrong number of columns", "falsche Anzahl Spalten")
        satzart = row["satzart"].strip()
        if satzart in ("10", "20", "30", "40", "50"):
            headers_passed += 1
            continue
        if satzart != "60":
            raise fail(line, "satzart", f"unknown Satzart {satzart!r}",
                       f"unbekannte Satzart „{satzart}“")
        report.read += 1
        ags, lat, lon = _checked(row, line, seen, fail)
        name = row["gemeindename"].strip()
        reason = _skip_reason(row, ags, lat, lon, existing, line, fail)
        if reason:
            report.skip(line, reason, f"{ags} {name}")
            continue
        updates[ags] = _update(row, ags, lat, lon, line, fail, dataset, as_of)

    result = Plan(report, edition=as_of)
    result.add_updates(MUNICIPALITY, updates.values())

    missing = sorted(existing - set(updates))
    if missing:
        names = municipality_labels(store, missing)
        report.note(
            f"{len(missing)} Gemeinden des Gemeindeverzeichnisses haben nach diesem Import "
            f"keine Koordinaten (nicht im Auszug, Stand {as_of}): " + "; ".join(names)
        )
    gone = report.skipped_by_reason().get(GONE, 0)
    if gone:
        report.note(f"{gone} AGS des Auszugs (Stand {as_of}) gibt es nicht mehr "
                    "(Gemeindefusionen seit 2021); siehe übersprungene Zeilen.")
    report.note(f"{headers_passed} Kopfzeilen höherer Ebenen (Satzart 10–50) übergangen; "
                "Einwohner und Postleitzahl bleiben wie im neueren Gemeindeverzeichnis.")
    return result
