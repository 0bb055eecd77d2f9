"""Destatis Gemeindeverzeichnis GV100AD: the administrative hierarchy.

The GV100AD is a fixed-width text file (UTF-8 since the Sorbian spellings
entered the official names), one record of 220 characters per line. Positions
follow Destatis' "Datensatzbeschreibung GV100AD" (1-based, inclusive); the
slices below are 0-based:

====  =======  =====================================================
pos   slice    field
====  =======  =====================================================
1-2   0:2      Satzart (10 Land, 20 Regierungsbezirk, 30 Region (BW),
               40 Kreis, 50 Gemeindeverband, 60 Gemeinde)
3-10  2:10     Gebietsstand (YYYYMMDD)
11-12 10:12    Land
13    12:13    Regierungsbezirk
14-15 13:15    Kreis (Satzart 30: position 14 is the Region)
16-18 15:18    Gemeinde
19-22 18:22    Gemeindeverband
23-72 22:72    name (Bezeichnung)
73-   72:122   seat (Sitz/Verwaltungssitz; empty for Satzart 60)
123-4 122:124  Textkennzeichen (Satzart 40, 50, 60)
129-  128:139  area in hectares (Satzart 60)
140-  139:150  population, total (Satzart 60)
166-  165:170  postcode of the municipality (or of its seat)
171-  170:175  "*****" when the municipality has several postcodes
====  =======  =====================================================

What it writes (keys as the format defines them):

* ``State`` (key: Land, 2 digits), ``AdminRegion`` (Regierungsbezirk: Land +
  RB, 3 digits, ``level="Regierungsbezirk"``; BW regions: Land + RB + Region,
  4 digits, ``level="Region"``), ``District`` (Kreis: 5 digits),
  ``MunicipalAssociation`` (Gemeindeverband: Kreis + Verband, 9 digits),
  ``Municipality`` (AGS: Kreis + Gemeinde, 8 digits; ARS: Kreis + Verband +
  Gemeinde, 12 digits) and ``UnincorporatedArea`` (gemeindefreie Gebiete,
  Textkennzeichen 65/66, 8-digit key; these are *not* municipalities).
* ``IN_STATE``, ``IN_ADMIN_REGION`` (District to its Regierungsbezirk; the
  Kreis key carries no Region, so BW regions hang only off their Land),
  ``IN_DISTRICT`` and ``IN_ASSOCIATION``.

Dates: ``as_of`` is the Gebietsstand from the records (30.11.2025 for the
bundled file). Population is as of 31.12.2024 (Zensus 2022 basis), area as
of 31.12.2024 (see the publisher's ``Hinweise.txt``).

Several Länder keep "Regierungsbezirke" that are only statistical units
(Niedersachsen's "Statistische Region", Rheinland-Pfalz's and Sachsen's
"früher: ..."); they are imported as published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..graph.errors import ImportFailed, reason_de
from ..graph.resolve import common_name
from ..graph.schema import (
    ADMIN_REGION,
    ASSOCIATION,
    DISTRICT,
    IN_ADMIN_REGION,
    IN_ASSOCIATION,
    IN_DISTRICT,
    IN_STATE,
    MUNICIPALITY,
    STATE,
)
from ..graph.schema import (
    UNINCORPORATED as UNINCORPORATED_AREA,
)
from ..graph.store import GraphStore
from .base import ImportReport, Plan, dataset_name, provenance
from .sources import control_character

__all__ = ["NAME", "SOURCE", "RECORD_LENGTH", "plan"]

NAME = "gv100ad"
#: the German help line of ``kommunalgraph import gv100ad``
HELP_DE = "Destatis-Gemeindeverzeichnis GV100AD (Festbreitenformat)."
SOURCE = ("https://www.destatis.de/DE/Themen/Laender-Regionen/Regionales/"
          "Gemeindeverzeichnis/_inhalt.html")
RECORD_LENGTH = 220
NAME_WIDTH = 50

#: Textkennzeichen of Satzart 40 (Kreis)
DISTRICT_KINDS = {
    "41": "Kreisfreie Stadt",
    "42": "Stadtkreis",
    "43": "Kreis",
    "44": "Landkreis",
    "45": "Regionalverband",
}
#: Textkennzeichen of Satzart 50 (Gemeindeverband)
ASSOCIATION_KINDS = {
    "50": "verbandsfreie Gemeinde",
    "51": "Amt",
    "52": "Samtgemeinde",
    "53": "Verbandsgemeinde",
    "54": "Verwaltungsgemeinschaft",
    "55": "Kirchspielslandgemeinde",
    "56": "Verwaltungsverband",
    "57": "VG Trägermodell",
    "58": "Erfüllende Gemeinde",
}
#: Textkennzeichen of Satzart 60 (Gemeinde)
MUNICIPALITY_TYPES = {
    "60": "Markt",
    "61": "Kreisfreie Stadt",
    "62": "Stadtkreis",
    "63": "Stadt",
    "64": "Kreisangehörige Gemeinde",
    "65": "gemeindefreies Gebiet, bewohnt",
    "66": "gemeindefreies Gebiet, unbewohnt",
    "67": "große Kreisstadt",
}
UNINCORPORATED = frozenset({"65", "66"})
#: may sit directly under a Land (Kreis "000" without a Kreis record)
_MAY_LACK_DISTRICT = frozenset({ASSOCIATION, UNINCORPORATED_AREA})
SATZARTEN = ("10", "20", "30", "40", "50", "60")

_DIGITS = re.compile(r"[0-9]+")

# (field name as in the format description, 0-based slice)
_SATZART = ("Satzart", slice(0, 2))
_STAND = ("Gebietsstand", slice(2, 10))
_LAND = ("Land", slice(10, 12))
_RB = ("Regierungsbezirk", slice(12, 13))
_REGION = ("Region", slice(13, 14))
_KREIS = ("Kreis", slice(13, 15))
_GEMEINDE = ("Gemeinde", slice(15, 18))
_VERBAND = ("Gemeindeverband", slice(18, 22))
_NAME = ("Bezeichnung", slice(22, 72))
_SEAT = ("Sitz", slice(72, 122))
_TEXT = ("Textkennzeichen", slice(122, 124))
_AREA = ("Fläche in ha", slice(128, 139))
_POP = ("Bevölkerung", slice(139, 150))
_PLZ = ("Postleitzahl", slice(165, 170))


class _Line:
    """One record with the path and line number for error messages."""

    def __init__(self, path: Path, number: int, text: str) -> None:
        self.path, self.number, self.text = path, number, text

    def fail(self, field: str | None, problem: str, problem_de: str) -> ImportFailed:
        return ImportFailed(str(self.path), self.number, field, problem, problem_de)

    def raw(self, spec: tuple[str, slice]) -> str:
        return self.text[spec[1]]

    def text_field(self, spec: tuple[str, slice], *, required: bool = True) -> str:
        value = self.raw(spec).strip()
        if required and not value:
            raise self.fail(spec[0], "empty", "ist leer")
        return value

    def digits(self, spec: tuple[str, slice]) -> str:
        value = self.raw(spec)
        if not _DIGITS.fullmatch(value):
            raise self.fail(spec[0], f"expected digits, found {value!r}",
                            f"erwartet Ziffern, gefunden „{value}“")
        return value

    def code(self, spec: tuple[str, slice], known: dict[str, str]) -> str:
        value = self.raw(spec)
        if value not in known:
            allowed = ", ".join(known)
            raise self.fail(spec[0], f"unknown code {value!r} (known: {allowed})",
                            f"unbekannter Schlüssel „{value}“ (bekannt: {allowed})")
        return value


def _field_at(column: int) -> str | None:
    """The name of the field at a 1-based position of a record."""
    for name, where in (_SATZART, _STAND, _LAND, _RB, _KREIS, _GEMEINDE, _VERBAND, _NAME,
                        _SEAT, _TEXT, _AREA, _POP, _PLZ):
        if where.start < column <= where.stop:
            return name
    return None


def _read_lines(path: Path) -> list[_Line]:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ImportFailed(str(path), None, None, f"cannot read file: {e}",
                           f"Datei nicht lesbar: {reason_de(e)}.") from e
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    lines = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        raw = raw.rstrip(b"\r")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise ImportFailed(str(path), number, None, f"not UTF-8: {e}",
                               f"keine gültige UTF-8-Kodierung: {reason_de(e)}.") from e
        bad = control_character(text)
        if bad:
            column = text.index(chr(int(bad[2:], 16))) + 1
            raise ImportFailed(str(path), number, _field_at(column),
                               f"control character {bad} at position {column}",
                               f"Steuerzeichen {bad} an Stelle {column}.")
        lines.append(_Line(path, number, text))
    while lines and not lines[-1].text.strip():  # trailing newline(s) at the end
        lines.pop()
    return lines


def _as_of(line: _Line) -> str:
    stand = line.digits(_STAND)
    try:
        return date(int(stand[:4]), int(stand[4:6]), int(stand[6:])).isoformat()
    except ValueError as e:
        raise line.fail(_STAND[0], f"not a date: {stand!r}",
                        f"kein gültiges Datum: „{stand}“") from e


@dataclass
class _Directory:
    """Everything read from the records so far, keyed as in the file."""

    dataset: str
    states: dict[str, dict[str, Any]] = field(default_factory=dict)
    regions: dict[str, dict[str, Any]] = field(default_factory=dict)  # RB (3), Region (4)
    districts: dict[str, dict[str, Any]] = field(default_factory=dict)
    associations: dict[str, dict[str, Any]] = field(default_factory=dict)
    municipalities: dict[str, dict[str, Any]] = field(default_factory=dict)
    unincorporated: dict[str, dict[str, Any]] = field(default_factory=dict)
    unincorporated_pop: dict[str, int] = field(default_factory=dict)
    where: dict[str, int] = field(default_factory=dict)  # key → line (duplicates)
    #: (child label, child, parent label, parent, line), checked after all records
    refs: list[tuple[str, str, str, str, _Line]] = field(default_factory=list)
    stands: set[str] = field(default_factory=set)
    truncated: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)

    def remember(self, kind: str, key: str, line: _Line, field_: str) -> None:
        tag = kind + ":" + key
        if tag in self.where:
            raise line.fail(field_, f"duplicate key {key} (first in line {self.where[tag]})",
                            f"Schlüssel {key} doppelt (zuerst in Zeile {self.where[tag]})")
        self.where[tag] = line.number


def _check_record(line: _Line) -> str:
    """The record's Satzart, after checking its length."""
    n = len(line.text)
    if n != RECORD_LENGTH:
        raise line.fail(None, f"record has {n} characters, expected {RECORD_LENGTH}",
                        f"Satz hat {n} Zeichen, erwartet {RECORD_LENGTH}")
    satzart = line.raw(_SATZART)
    if satzart not in SATZARTEN:
        raise line.fail(_SATZART[0], f"unknown Satzart {satzart!r}",
                        f"unbekannte Satzart „{satzart}“ (erwartet: "
                        + ", ".join(SATZARTEN) + ")")
    return satzart


def _upper(d: _Directory, satzart: str, line: _Line, name: str, prov: dict[str, Any]) -> None:
    """Records 10 to 50: Land, Regierungsbezirk, Region, Kreis, Gemeindeverband."""
    land = line.digits(_LAND)
    seat = line.text_field(_SEAT, required=False) or None if satzart != "50" else None
    if satzart == "10":
        d.remember(STATE, land, line, _LAND[0])
        d.states[land] = {"key": land, "name": name, "seat": seat, **prov}
        return
    rb = line.digits(_RB)
    if satzart in ("20", "30"):
        key = land + rb + (line.digits(_REGION) if satzart == "30" else "")
        d.remember(ADMIN_REGION, key, line, (_RB if satzart == "20" else _REGION)[0])
        d.regions[key] = {"key": key, "name": name,
                          "level": "Regierungsbezirk" if satzart == "20" else "Region",
                          "seat": seat, **prov}
        d.refs.append((ADMIN_REGION, key, STATE, land, line))
        return
    district = land + rb + line.digits(_KREIS)
    if satzart == "40":
        kind = DISTRICT_KINDS[line.code(_TEXT, DISTRICT_KINDS)]
        d.remember(DISTRICT, district, line, _KREIS[0])
        d.districts[district] = {"key": district, "name": name, "kind": kind, "seat": seat,
                                 **prov}
        d.refs.append((DISTRICT, district, STATE, land, line))
        return
    kind = ASSOCIATION_KINDS[line.code(_TEXT, ASSOCIATION_KINDS)]
    key = district + line.digits(_VERBAND)
    d.remember(ASSOCIATION, key, line, _VERBAND[0])
    d.associations[key] = {"key": key, "name": name, "kind": kind, **prov}
    d.refs.append((ASSOCIATION, key, DISTRICT, district, line))


def _gemeinde(d: _Directory, line: _Line, name: str, prov: dict[str, Any]) -> None:
    """Record 60: a municipality or an unincorporated area."""
    district = line.digits(_LAND) + line.digits(_RB) + line.digits(_KREIS)
    verband = line.digits(_VERBAND)
    gemeinde = line.digits(_GEMEINDE)
    code = line.code(_TEXT, MUNICIPALITY_TYPES)
    ags = district + gemeinde
    area_ha = int(line.digits(_AREA))
    population = int(line.digits(_POP))
    postcode = line.raw(_PLZ).strip()
    if postcode and not re.fullmatch(r"\d{5}", postcode):
        raise line.fail(_PLZ[0], f"not a 5-digit postcode: {postcode!r}",
                        f"keine fünfstellige Postleitzahl: „{postcode}“")
    if code in UNINCORPORATED:
        d.remember(UNINCORPORATED_AREA, ags, line, _GEMEINDE[0])
        d.unincorporated[ags] = {"key": ags, "name": name, "legal_type_code": code,
                                 "area_km2": round(area_ha / 100, 2), **prov}
        d.unincorporated_pop[ags] = population
        d.refs.append((UNINCORPORATED_AREA, ags, DISTRICT, district, line))
        return
    d.remember(MUNICIPALITY, ags, line, _GEMEINDE[0])
    d.municipalities[ags] = {
        "ags": ags,
        "ars": district + verband + gemeinde,
        "name": common_name(name),
        "official_name": name,
        "legal_type": MUNICIPALITY_TYPES[code],
        "legal_type_code": code,
        "population": population,
        "area_km2": round(area_ha / 100, 2),
        "postcode": postcode or None,
        **prov,
    }
    d.refs.append((MUNICIPALITY, ags, DISTRICT, district, line))
    d.refs.append((MUNICIPALITY, ags, ASSOCIATION, district + verband, line))


_REL_OF = {STATE: IN_STATE, DISTRICT: IN_DISTRICT,
           ASSOCIATION: IN_ASSOCIATION}
_FIELD_OF = {STATE: _LAND[0], DISTRICT: _KREIS[0], ASSOCIATION: _VERBAND[0]}
_GERMAN = {STATE: "Land", DISTRICT: "Kreis", ASSOCIATION: "Gemeindeverband"}


def _relationships(d: _Directory) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """The hierarchy: every parent must be in the file (Land-level areas excepted)."""
    parents = {STATE: d.states, DISTRICT: d.districts,
               ASSOCIATION: d.associations}
    rels: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for child_label, child, parent_label, parent, line in d.refs:
        if (parent not in parents[parent_label] and parent_label == DISTRICT
                and child_label in _MAY_LACK_DISTRICT):
            # Land-level areas outside any Kreis: Kreis "000" in 07 (the German-
            # Luxembourg condominium) and 13 (coastal waters) has no Satzart 40.
            d.orphans.append(f"{child} ({line.text_field(_NAME)})")
            continue
        if parent not in parents[parent_label]:
            raise line.fail(
                _FIELD_OF[parent_label],
                f"{child_label} {child} refers to {parent_label} {parent}, "
                "which has no record in this file",
                f"{_GERMAN[parent_label]} {parent} fehlt in der Datei "
                f"(verwiesen von {child})",
            )
        rels.setdefault((_REL_OF[parent_label], child_label, parent_label), []).append(
            {"from": child, "to": parent,
             **provenance(SOURCE, parents[parent_label][parent]["as_of"], NAME, d.dataset)}
        )
    rels[(IN_ADMIN_REGION, DISTRICT, ADMIN_REGION)] = [
        {"from": key, "to": key[:3], **provenance(SOURCE, row["as_of"], NAME, d.dataset)}
        for key, row in d.districts.items() if key[:3] in d.regions]
    return rels


def _notes(d: _Directory, report: ImportReport) -> None:
    """The visible remarks of an import."""
    if len(d.stands) > 1:
        report.note("Mehrere Gebietsstände in einer Datei: " + ", ".join(sorted(d.stands)))
    n65 = sum(1 for r in d.unincorporated.values() if r["legal_type_code"] == "65")
    if d.unincorporated:
        report.note(
            f"{len(d.unincorporated)} gemeindefreie Gebiete (Textkennzeichen 65: {n65} "
            f"bewohnt, 66: {len(d.unincorporated) - n65} unbewohnt) als "
            "„UnincorporatedArea“ übernommen, nicht als Gemeinden."
        )
        inhabited = [f"{k} {r['name']}: {d.unincorporated_pop[k]}" for k, r in
                     d.unincorporated.items() if d.unincorporated_pop.get(k)]
        if inhabited:
            report.note("Einwohner gemeindefreier Gebiete werden nicht gespeichert: "
                        + "; ".join(inhabited))
    if d.orphans:
        report.note(
            f"{len(d.orphans)} Einträge ohne Kreissatz (Kreisschlüssel „000“, Gebiete auf "
            "Landesebene) bleiben ohne „liegt im Kreis“: " + "; ".join(d.orphans)
        )
    for t in d.truncated:
        report.note(
            f"Bezeichnung füllt alle {NAME_WIDTH} Stellen und ist vermutlich abgeschnitten: "
            f"{t} (siehe Hinweise.txt des Statistischen Bundesamts)."
        )
    if any(r["level"] == "Region" for r in d.regions.values()):
        report.note("Regionen (Satzart 30, nur Baden-Württemberg) hängen nur am Land: "
                    "der Kreisschlüssel enthält keine Region.")
    if d.stands == {"2025-11-30"}:
        report.note("Gebietsstand 30.11.2025; Bevölkerung zum 31.12.2024 (Zensus 2022), "
                    "Fläche zum 31.12.2024.")


def plan(path: Path, store: GraphStore) -> Plan:
    """Parse and validate the whole GV100AD file into a :class:`Plan`.

    Raises :class:`ImportFailed` (file, line, field) on the first malformed
    record, before anything is written. ``store`` is not read: the file is
    complete in itself.
    """
    path = Path(path)
    dataset = dataset_name(path)
    report = ImportReport(NAME, dataset)
    lines = _read_lines(path)
    if not lines:
        raise ImportFailed(str(path), None, None, "file is empty", "Die Datei ist leer.")
    d = _Directory(dataset)
    for line in lines:
        report.read += 1
        satzart = _check_record(line)
        as_of = _as_of(line)
        d.stands.add(as_of)
        line.digits(_LAND)
        name = line.text_field(_NAME)
        if len(line.raw(_NAME).rstrip()) == NAME_WIDTH:
            d.truncated.append(f"{name} (Zeile {line.number})")
        prov = provenance(SOURCE, as_of, NAME, dataset)
        if satzart == "60":
            _gemeinde(d, line, name, prov)
        else:
            _upper(d, satzart, line, name, prov)
    rels = _relationships(d)
    result = Plan(report, edition=max(d.stands))  # the Gebietsstand
    result.add_nodes(STATE, d.states.values())
    result.add_nodes(ADMIN_REGION, d.regions.values())
    result.add_nodes(DISTRICT, d.districts.values())
    result.add_nodes(ASSOCIATION, d.associations.values())
    result.add_nodes(MUNICIPALITY, d.municipalities.values())
    result.add_nodes(UNINCORPORATED_AREA, d.unincorporated.values())
    for (rel, a, b), rows in rels.items():
        result.add_relationships(rel, a, b, rows)
    _notes(d, report)
    return result
