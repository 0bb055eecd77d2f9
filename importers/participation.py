"""Online participation tools in use: Mängelmelder platforms and Bürgerhaushalte.

Two CSV files with the same columns (``docs/formats.md``, "Participation"):
``maengelmelder_platforms.csv`` (Maerker Brandenburg, Klarschiff, "Sag's doch",
"Sag's uns einfach", mängelmelder.de and others) and ``buergerhaushalt.csv``
(Bürgerhaushalt, Bürgerbudget, Beteiligungshaushalt). The file is recognised
by its ``fact`` texts.

Writes ``USES`` from Municipality or MunicipalAssociation to the study's
ParticipationTool "Mängelmelder" or "Bürgerhaushalt" with platform, product,
vendor, the years the source gives evidence for (``known_since`` /
``known_until``: "bekannt seit/bis", not start and end) and provenance.
A row naming an Amt or Samtgemeinde (``association_key``) attaches to that
Gemeindeverband; its members get no facts of their own. Rows expanded from a
Kreis-wide statement (Ostprignitz-Ruppin: all municipalities offer Maerker
since 20.01.2015) have ``certainty`` "derived"; weak or ambiguous rows
"uncertain", announced or planned ones "announced". Users of a shared
platform (Maerker Brandenburg, Klarschiff, "Sag's doch", "Sag's uns einfach")
are also ``ON_PLATFORM`` of that :Platform. Rows the source could not match
are reported as skips.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..graph.errors import ImportFailed
from ..graph.schema import PARTICIPATION_TOOL
from ..graph.store import GraphStore
from .base import ImportReport, Plan, dataset_name, provenance
from .members import Members, Unresolved, without_nulls
from .ozg import read_csv
from .usage import (
    PLATFORMS,
    Facts,
    component_nodes,
    platform_nodes,
    source_date,
    sources_of,
    year,
)

NAME = "participation"
HELP_DE = "Beteiligungsinstrumente im Einsatz: Mängelmelder und Bürgerhaushalte (CSV)."

COLUMNS = ("name_in_source", "land", "fact", "platform_or_detail", "first_year", "last_year",
           "source_url", "source_date", "ags", "match_method", "association_key")

#: fact prefix (lower case) → (tool, platform id or None, product, vendor);
#: the first matching prefix wins, so longer prefixes come first
FACTS: tuple[tuple[str, str, str | None, str | None, str | None], ...] = (
    ("uses maerkerplus", "maengelmelder", "maerker-brandenburg", "MaerkerPlus", None),
    ("uses maerker brandenburg", "maengelmelder", "maerker-brandenburg", "Maerker", None),
    ("covered by maerker brandenburg", "maengelmelder", "maerker-brandenburg", "Maerker",
     None),
    ("uses klarschiff", "maengelmelder", "klarschiff", "Klarschiff", None),
    ('uses "sag\'s uns einfach"', "maengelmelder", "sags-uns-einfach", "Sag's uns einfach",
     None),
    ('uses "sag\'s doch"', "maengelmelder", "sags-doch", "Sag's doch", "wer denkt was GmbH"),
    ('uses "sag\'s uns"', "maengelmelder", None, "Sag's uns", None),
    ("uses mängelmelder (wer denkt was)", "maengelmelder", None, "Mängelmelder",
     "wer denkt was GmbH"),
    ("mängelmelder (wer denkt was)", "maengelmelder", None, "Mängelmelder",
     "wer denkt was GmbH"),
    ("runs a mängelmelder", "maengelmelder", None, None, None),
    ("collects defect reports", "maengelmelder", None, None, None),
    ("runs a bürgerhaushalt", "buergerhaushalt", None, "Bürgerhaushalt", None),
    ("runs a bürgerbudget", "buergerhaushalt", None, "Bürgerbudget", None),
    ("runs a beteiligungshaushalt", "buergerhaushalt", None, "Beteiligungshaushalt", None),
    ("announced a bürgerbudget", "buergerhaushalt", None, "Bürgerbudget", None),
    ("plans a bürgerbudget", "buergerhaushalt", None, "Bürgerbudget", None),
    ("planned a bürgerhaushalt", "buergerhaushalt", None, "Bürgerhaushalt", None),
)
_ANNOUNCED = re.compile(r"^(announced|plans|planned)\b")
_DISTRICT_STATEMENT = re.compile(r"^expanded_from_district_statement \(Kreis (\d{5})\)")
#: the one Kreis-wide statement in the data, in German (Kreis key → note)
DISTRICT_STATEMENTS = {
    "12068": "abgeleitet aus der Aussage, dass alle Kommunen des Landkreises "
             "Ostprignitz-Ruppin seit dem 20.01.2015 den Maerker anbieten",
}


def _fact(path: Path, line: int, text: str) -> tuple[str, str | None, str | None, str | None]:
    low = text.strip().lower()
    for prefix, tool, platform, product, vendor in FACTS:
        if low.startswith(prefix):
            return tool, platform, product, vendor
    raise ImportFailed(str(path), line, "fact", f"unknown fact {text!r}",
                       f"Unbekannte Angabe „{text}“: erwartet z. B. „uses Maerker "
                       "Brandenburg“, „runs a Mängelmelder“, „runs a Bürgerhaushalt“.")


def plan(path: Path, store: GraphStore) -> Plan:
    """Parse one participation file into a plan (nothing is written here)."""
    path = Path(path)
    dataset = dataset_name(path)
    report = ImportReport(NAME, dataset)
    p = Plan(report)
    facts = Facts(NAME, dataset)
    members = Members(store)
    tools: set[str] = set()
    for line, r in read_csv(path, COLUMNS):
        report.read += 1
        tool, platform, product, vendor = _fact(path, line, r["fact"])
        tools.add(tool)
        urls = sources_of(path, line, "source_url", r["source_url"])
        as_of, remark = source_date(path, line, "source_date", r["source_date"])
        since = year(path, line, "first_year", r["first_year"])
        until = year(path, line, "last_year", r["last_year"])
        if since and until and since > until:
            raise ImportFailed(str(path), line, "first_year", "first_year after last_year",
                               f"„bekannt seit“ {since} liegt nach „bekannt bis“ {until}.")
        notes = [remark] if remark else []
        certainty = "named"
        method = r["match_method"]
        fact_low = r["fact"].lower()
        if _ANNOUNCED.match(fact_low):
            certainty = "announced"
            notes.append("angekündigt oder geplant, noch nicht in Betrieb")
        if "(weak" in fact_low:
            certainty = "uncertain"
            notes.append("schwacher Beleg: die Quelle nennt nur ein Beispiel")
        if "caution" in method:
            certainty = "uncertain"
            notes.append("die Quelle könnte das gleichnamige Amt meinen")
        district = _DISTRICT_STATEMENT.match(method)
        if district:
            certainty = "derived"
            notes.append(DISTRICT_STATEMENTS.get(
                district.group(1), f"abgeleitet aus einer Aussage für den Kreis "
                                   f"{district.group(1)}"))
        try:
            if r["association_key"]:
                key = r["association_key"]
                if not (key.isascii() and key.isdigit() and len(key) == 9):
                    raise ImportFailed(str(path), line, "association_key",
                                       f"not a 9-digit Verband key: {key!r}",
                                       f"Kein neunstelliger Verbandsschlüssel: „{key}“.")
                m = members.by_key("verband", key)
                notes.append("Angabe für die Verwaltung des Gemeindeverbands, nicht für "
                             "jede Mitgliedsgemeinde")
            elif r["ags"]:
                if not re.match(r"^[0-9]{8}$", r["ags"]):
                    raise ImportFailed(str(path), line, "ags",
                                       f"not an 8-digit AGS: {r['ags']!r}",
                                       f"Kein achtstelliger AGS: „{r['ags']}“.")
                m = members.by_key("gemeinde", r["ags"])
            else:
                report.skip(line, "in der Quelle keiner Gemeinde eindeutig zugeordnet",
                            f"{r['name_in_source']} ({method})")
                continue
        except Unresolved as e:
            report.skip(line, e.reason, f"{r['name_in_source']} ({e.detail})")
            continue
        facts.use(m.label, m.key, PARTICIPATION_TOOL, tool, urls=urls, as_of=as_of,
                  line=line, product=product, vendor=vendor,
                  platform=PLATFORM_NAMES.get(platform) if platform else None,
                  product_basis="stated_in_source" if product else "unknown",
                  known_since=since, known_until=until, historical=False,
                  certainty=certainty, note="; ".join(notes) or None)
        if platform:
            facts.platform(m.label, m.key, platform, urls=urls, as_of=as_of,
                           known_since=since, known_until=until, certainty=certainty)
    prov = provenance(facts.first_url() or dataset, None, NAME, dataset)
    component_nodes(p, sorted(tools), prov)
    platform_nodes(p, facts.platform_ids(), prov)
    facts.add_to(p)
    return without_nulls(p)


PLATFORM_NAMES = {k: v[0] for k, v in PLATFORMS.items()}

__all__ = ["NAME", "plan", "FACTS"]
