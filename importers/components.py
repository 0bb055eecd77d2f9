"""Digital infrastructure in use: council information systems (Ratsinformationssysteme)
and open-data portals, per municipality, Kreis or Gemeindeverband.

Three CSV files, recognised by their columns (``docs/formats.md``, "Components"):

(a) ``ris_oparl_endpoints.csv``: bodies that publish their council information
    system through an OParl API (OParl registry 2022 and oparl-cli 2026), with
    product, vendor and how the product is known (``product_basis``:
    declared by the server, inferred from the URL pattern, or unknown);
(b) ``ris_grossstaedte_2016.csv``: the system of 76 large cities in 2016,
    imported as **historical** facts (several cities have changed since);
(c) ``open_data_portals.csv``: bodies that run or publish on an open-data
    portal; those on the shared portal offenesdatenportal.de are also linked to
    that :Platform (a cooperation tie).

Writes ``USES`` from Municipality / District / MunicipalAssociation to the
EGovComponent "Ratsinformationssystem" or "Open-Data-Portal" (kind
``digital-infrastructure``, beside the study's nine base components) with
product, vendor, platform, product_basis, url, api_url, historical, note and
provenance (``sources`` lists every URL of a row). Rows that name no
municipal body (aggregators, Land or federal portals) or that the source
could not match are reported as skips, never guessed. A bad key, date, URL or
level raises an error naming file, line and field before anything is
written.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..graph.errors import ImportFailed
from ..graph.schema import ASSOCIATION, DISTRICT, EGOV_COMPONENT, MUNICIPALITY
from ..graph.store import GraphStore
from .base import ImportReport, Plan, dataset_name, provenance, read_text
from .members import Members, Unresolved, without_nulls
from .ozg import read_csv
from .usage import Facts, component_nodes, platform_nodes, source_date, sources_of

NAME = "components"
HELP_DE = ("Komponenten im Einsatz: Ratsinformationssysteme (OParl-Liste, Großstädte 2016) "
           "und Open-Data-Portale (CSV).")

OPARL_COLUMNS = ("ags", "kreis_key", "verband_key", "body_level", "name_in_source",
                 "oparl_system_url", "ris_product", "ris_vendor", "product_basis",
                 "endpoint_working_2026_09_15", "record_kind", "source_url", "source_date")
RIS2016_COLUMNS = ("ags", "name_in_source", "ris_product", "ris_vendor", "ris_url_2016",
                   "source_url", "source_date")
PORTAL_COLUMNS = ("ags", "kreis_key", "body_level", "portal_label", "portal_url",
                  "api_endpoint", "platform", "shared_portal", "source_url", "source_date")

#: product spellings of the sources → one name
PRODUCTS = {"allris": "ALLRIS", "sessionnet": "SessionNet", "sd.net": "SD.NET",
            "sd.net rim": "SD.NET RIM", "more! rubin": "more! rubin"}
PRODUCT_BASES = {"declared_in_oparl_system", "inferred_from_url_pattern", "unknown"}
#: shared portal name in the file → Platform id
SHARED_PORTALS = {"offenesdatenportal.de": "offenesdatenportal-de"}

_KEY = {"gemeinde": ("ags", 8, MUNICIPALITY), "bezirk": ("ags", 8, MUNICIPALITY),
        "kreis": ("kreis_key", 5, DISTRICT),
        "verband": ("verband_key", 9, ASSOCIATION)}
_LEVEL_ARG = {MUNICIPALITY: "gemeinde", DISTRICT: "kreis",
              ASSOCIATION: "verband"}


def _kind_of(path: Path) -> str:
    head = read_text(path).split("\n", 1)[0]
    cols = {c.strip().strip('"') for c in head.split(",")}
    for kind, req in (("oparl", OPARL_COLUMNS), ("ris2016", RIS2016_COLUMNS),
                      ("portals", PORTAL_COLUMNS)):
        if set(req) <= cols:
            return kind
    raise ImportFailed(str(path), 1, None, "unknown components file",
                       "Unbekannte Komponenten-Datei: erwartet werden die Spalten von "
                       "ris_oparl_endpoints.csv, ris_grossstaedte_2016.csv oder "
                       "open_data_portals.csv (siehe docs/formats.md).")


def _product(name: str) -> str | None:
    name = name.strip()
    return PRODUCTS.get(name.lower(), name) or None


def _url(path: Path, line: int, field: str, text: str) -> str | None:
    if not text:
        return None
    return sources_of(path, line, field, text)[0]


def _body(members: Members, path: Path, line: int, r: dict[str, str]) -> Any:
    """The Member a row names (by key for its level), or raise Unresolved."""
    level = r["body_level"]
    col, digits, label = _KEY[level]
    key = r[col]
    if not (key.isascii() and key.isdigit() and len(key) == digits):
        raise ImportFailed(str(path), line, col,
                           f"expected {digits} digits for {level}, got {key!r}",
                           f"Erwartet {digits} Ziffern für „{level}“, gefunden „{key}“.")
    return members.by_key(_LEVEL_ARG[label], key)


def plan(path: Path, store: GraphStore) -> Plan:
    """Parse one components file into a plan (nothing is written here)."""
    path = Path(path)
    kind = _kind_of(path)
    dataset = dataset_name(path)
    report = ImportReport(NAME, dataset)
    p = Plan(report)
    facts = Facts(NAME, dataset)
    members = Members(store)
    {"oparl": _oparl, "ris2016": _ris2016, "portals": _portals}[kind](
        path, report, facts, members)
    prov = provenance(facts.first_url() or dataset, None, NAME, dataset)
    component_nodes(p, ["open-data-portal"] if kind == "portals"
                    else ["ratsinformationssystem"], prov)
    platform_nodes(p, facts.platform_ids(), prov)
    facts.add_to(p)
    return without_nulls(p)


def _skip_unmatched(report: ImportReport, line: int, r: dict[str, str], level: str) -> bool:
    """Report rows that name no municipal body; True if the row was skipped."""
    if level == "unmatched":
        report.skip(line, "in der Quelle keiner Körperschaft eindeutig zugeordnet",
                    r["name_in_source"])
        return True
    return False


# -- (a) OParl endpoints -------------------------------------------------------------
def _oparl(path: Path, report: ImportReport, facts: Facts, members: Members) -> None:
    for line, r in read_csv(path, OPARL_COLUMNS):
        report.read += 1
        urls = sources_of(path, line, "source_url", r["source_url"])
        as_of, remark = source_date(path, line, "source_date", r["source_date"])
        if r["record_kind"] in ("aggregator", "other_body"):
            report.skip(line, "keine kommunale Körperschaft (Sammeldienst oder sonstige "
                        "Stelle)", r["name_in_source"])
            continue
        if r["record_kind"] != "council_body":
            raise ImportFailed(str(path), line, "record_kind",
                               f"unknown record kind {r['record_kind']!r}",
                               f"Unbekannte Art „{r['record_kind']}“ (erlaubt: "
                               "council_body, aggregator, other_body).")
        level = r["body_level"]
        if _skip_unmatched(report, line, r, level):
            continue
        if level not in _KEY:
            raise ImportFailed(str(path), line, "body_level", f"unknown level {level!r}",
                               f"Unbekannte Ebene „{level}“ (erlaubt: gemeinde, bezirk, "
                               "kreis, verband, unmatched).")
        basis = r["product_basis"] or "unknown"
        if basis not in PRODUCT_BASES:
            raise ImportFailed(str(path), line, "product_basis", f"unknown basis {basis!r}",
                               f"Unbekannte Herkunft „{basis}“ (erlaubt: "
                               f"{', '.join(sorted(PRODUCT_BASES))}).")
        product = _product(r["ris_product"])
        if product and basis == "unknown":
            raise ImportFailed(str(path), line, "product_basis", "product without basis",
                               "Produkt angegeben, aber Herkunft „unknown“.")
        system_url = _url(path, line, "oparl_system_url", r["oparl_system_url"])
        try:
            m = _body(members, path, line, r)
        except Unresolved as e:
            report.skip(line, e.reason, f"{r['name_in_source']} ({e.detail})")
            continue
        notes = []
        if level == "bezirk":
            notes.append(f"Bezirksverordnetenversammlung {r['name_in_source']}")
        if r["endpoint_working_2026_09_15"] == "false":
            notes.append("OParl-Schnittstelle bei der Prüfung am 15.09.2026 nicht erreichbar")
        if remark:
            notes.append(remark)
        facts.use(m.label, m.key, EGOV_COMPONENT, "ratsinformationssystem", urls=urls,
                  as_of=as_of, line=line, product=product,
                  vendor=r["ris_vendor"] or None,
                  product_basis=basis if product else "unknown",
                  api_url=system_url, historical=False, certainty="named",
                  note="; ".join(notes) or None)


# -- (b) RIS of large cities, 2016 ---------------------------------------------------
def _ris2016(path: Path, report: ImportReport, facts: Facts, members: Members) -> None:
    for line, r in read_csv(path, RIS2016_COLUMNS):
        report.read += 1
        urls = sources_of(path, line, "source_url", r["source_url"])
        as_of, _ = source_date(path, line, "source_date", r["source_date"])
        if not r["ags"]:
            report.skip(line, "in der Quelle keiner Gemeinde eindeutig zugeordnet",
                        r["name_in_source"])
            continue
        if not re.match(r"^[0-9]{8}$", r["ags"]):
            raise ImportFailed(str(path), line, "ags", f"not an 8-digit AGS: {r['ags']!r}",
                               f"Kein achtstelliger AGS: „{r['ags']}“.")
        if not r["ris_product"]:
            raise ImportFailed(str(path), line, "ris_product", "required field is empty",
                               "Pflichtfeld ist leer.")
        try:
            m = members.by_key("gemeinde", r["ags"])
        except Unresolved as e:
            report.skip(line, e.reason, f"{r['name_in_source']} ({e.detail})")
            continue
        facts.use(m.label, m.key, EGOV_COMPONENT, "ratsinformationssystem", urls=urls,
                  as_of=as_of, line=line, product=_product(r["ris_product"]),
                  vendor=r["ris_vendor"] or None, product_basis="stated_in_source",
                  url=_url(path, line, "ris_url_2016", r["ris_url_2016"]),
                  historical=True, certainty="named",
                  note="Stand 2016; das System kann seitdem gewechselt haben")


# -- (c) open-data portals -----------------------------------------------------------
def _portals(path: Path, report: ImportReport, facts: Facts, members: Members) -> None:
    for line, r in read_csv(path, PORTAL_COLUMNS):
        report.read += 1
        urls = sources_of(path, line, "source_url", r["source_url"])
        as_of, _ = source_date(path, line, "source_date", r["source_date"])
        level = r["body_level"]
        if level in ("land", "not_municipal"):
            report.skip(line, "Landes- oder nichtkommunales Portal" if level == "land"
                        else "kein kommunales Portal (Bund, Unternehmen, Sammeldienst)",
                        r["portal_label"])
            continue
        if level not in ("gemeinde", "kreis"):
            raise ImportFailed(str(path), line, "body_level", f"unknown level {level!r}",
                               f"Unbekannte Ebene „{level}“ (erlaubt: gemeinde, kreis, "
                               "land, not_municipal).")
        shared = r["shared_portal"]
        if shared and shared not in SHARED_PORTALS:
            raise ImportFailed(str(path), line, "shared_portal",
                               f"unknown shared portal {shared!r}",
                               f"Unbekanntes gemeinsames Portal „{shared}“ (bekannt: "
                               f"{', '.join(SHARED_PORTALS)}).")
        portal = _url(path, line, "portal_url", r["portal_url"])
        api = _url(path, line, "api_endpoint", r["api_endpoint"])
        try:
            m = _body(members, path, line, r)
        except Unresolved as e:
            report.skip(line, e.reason, f"{r['portal_label']} ({e.detail})")
            continue
        platform = SHARED_PORTALS.get(shared)
        facts.use(m.label, m.key, EGOV_COMPONENT, "open-data-portal", urls=urls,
                  as_of=as_of, line=line, product=r["platform"] or None,
                  product_basis="stated_in_source" if r["platform"] else "unknown",
                  platform=shared or None, url=portal, api_url=api, historical=False,
                  certainty="named")
        if platform:
            facts.platform(m.label, m.key, platform, urls=urls, as_of=as_of,
                           certainty="named")


__all__ = ["NAME", "plan", "PRODUCTS"]
