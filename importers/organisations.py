"""Organisations: municipal IT service providers, their members, and NRW websites.

One module for three files, recognised by file name or header:

(a) ``kdn_it_dienstleister_nrw.csv`` (KDN list of IT providers and city IT
    departments in NRW) → :Organisation ``kind="it-dienstleister"``.
    Quirks handled (and documented in docs/formats.md): CRLF line ends, a BOM,
    blanks around values (``"ITK Rheinland "``), quoted names with commas
    (``"Stadt Essen, ESH"``); if a name contains an unquoted comma the row has
    too many fields and the surplus is joined back into ``name``; stray or
    doubled quote characters around a value are removed. Data errors of the
    source are corrected from a small table (``CORRECTIONS``) and every
    correction is reported: the names of LWL and LWV Hessen are swapped
    (Kassel/lwv-hessen.de is named "LWL"), three URLs carry a typo.
(b) ``it_provider_members.csv`` and ``it_provider_members_more.csv`` (the
    same columns) → the providers as :Organisation (stable ids, one node per
    provider across all files: alias tables
    :data:`~kommunalgraph.importers.members.ORG_ALIASES` and
    :data:`PROVIDER_ALIASES`; e.g. "Stadt Münster, citeq" of the KDN list and
    "citeq – Informations-Technologie für Kommunen (Stadt Münster)" are one
    node), and ``SERVED_BY``
    from Municipality / District / MunicipalAssociation to the provider with
    ``certainty`` "derived" (``DERIVED`` in the note: the source says "all
    towns of Kreis X") or "named", and the source note. Members that are not
    local authorities (AKDB's Träger are the four Bavarian municipal
    associations; "other" rows such as the Freistaat Thüringen) are reported
    as skips, never linked to municipalities. A note starting "in-house"
    (citeq is Münster's own IT) sets ``in_house``. A source cell naming
    several URLs (" ; ") is stored as the list ``sources``.
(c) ``kdn_kommunen_nrw.csv`` → ``website`` on existing municipalities (by
    AGS). The ~20 rows without AGS have typos in the name: they are matched
    within Land 05 by name and by the host name of their URL, accepted only
    when both agree (or one matches and the other is close), and each such
    match is reported. Rows that match nothing in NRW are skipped.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from pathlib import Path
from typing import Any

from ..graph.errors import ImportFailed, reason_de
from ..graph.resolve import normalise
from ..graph.schema import ASSOCIATION, DISTRICT, MUNICIPALITY, ORGANISATION, SERVED_BY
from ..graph.store import GraphStore
from .base import ImportReport, Plan, dataset_name, provenance, read_text
from .members import Members, Unresolved, organisation_id, slug, without_nulls
from .ozg import read_csv
from .sources import control_character, is_date, split_sources

NAME = "organisations"
#: the German help line of ``kommunalgraph import organisations``
HELP_DE = "Organisationen: IT-Dienstleister und ihre Mitglieder."
KDN_SOURCE = "KDN OZG-Datenbank NRW (MIT-Lizenz, © 2020 Gert Hammes), Tabelle IT-Dienstleister"
KDN_COMMUNES_SOURCE = "KDN OZG-Datenbank NRW (MIT-Lizenz, © 2020 Gert Hammes), Tabelle Kommunen"

KDN_COLUMNS = ("id", "street", "zip_code", "town", "url", "contact", "modified_at",
               "created_at", "name", "hidden")
MEMBER_COLUMNS = ("provider", "provider_legal_form", "provider_seat", "member",
                  "member_level", "land", "ags_or_kreis", "as_of", "source", "note")
COMMUNE_COLUMNS = ("kdn_commune_id", "name", "url", "level", "ags_or_kreis")

#: display names of the 13 providers of it_provider_members.csv (id → name)
PROVIDER_NAMES = {
    "krzn": "Kommunales Rechenzentrum Niederrhein (KRZN)",
    "itvsh": "IT-Verbund Schleswig-Holstein (ITVSH)",
    "suedwestfalen-it": "Südwestfalen-IT (SIT)",
    "ego-saar": "Zweckverband eGo-Saar",
    "owl-it": "Ostwestfalen-Lippe-IT (OWL-IT)",
    "kdvz-rhein-erft-rur": "KDVZ Rhein-Erft-Rur",
    "itk-rheinland": "IT-Kooperation Rheinland (ITK Rheinland)",
    "kaaw": "Kommunale ADV-Anwendergemeinschaft West (KAAW)",
    "akdb": "Anstalt für Kommunale Datenverarbeitung in Bayern (AKDB)",
    "kiv-thueringen": "KIV Kommunale Informationsverarbeitung Thüringen GmbH",
    "regio-it": "regio iT gesellschaft für informationstechnologie mbh",
    "civitec": "civitec – Zweckverband Kommunale Informationsverarbeitung",
    "komm-one": "Komm.ONE",
    # it_provider_members_more.csv
    "citeq": "citeq – Informations-Technologie für Kommunen (Stadt Münster)",
    "dataport": "Dataport",
    "hannit": "Hannoversche Informationstechnologien AöR (hannIT)",
    "itebo": "ITEBO Informationstechnologie Emsland Bentheim Osnabrück GmbH",
    "kommwis": "KommWis GmbH",
    "lecos": "Lecos GmbH",
    "zidkor": "Zweckverband für Informationstechnologie und Datenverarbeitung der Kommunen "
              "in Rheinland-Pfalz (ZIDKOR)",
    "kisa": "Zweckverband Kommunale Informationsverarbeitung Sachsen (KISA)",
    "d-nrw": "d-NRW AöR",
}

#: provider names of the three files that mean the same provider (normalised
#: name → id), beside :data:`~kommunalgraph.importers.members.ORG_ALIASES`: the
#: new provider strings of it_provider_members_more.csv and their spellings in
#: the KDN list. The Zweckverband 4IT is the municipal owner of Komm.ONE: one
#: provider node, the note of each membership keeps the source's wording.
PROVIDER_ALIASES: dict[str, str] = {
    "citeq – informations-technologie fuer kommunen (stadt muenster)": "citeq",
    "citeq - informations-technologie fuer kommunen (stadt muenster)": "citeq",
    "stadt muenster, citeq": "citeq",
    "dataport": "dataport",
    "hannoversche informationstechnologien aoer (hannit)": "hannit",
    "itebo informationstechnologie emsland bentheim osnabrueck gmbh": "itebo",
    "kommwis gmbh – gesellschaft fuer kommunikation und wissenstransfer mbh": "kommwis",
    "kommwis gmbh - gesellschaft fuer kommunikation und wissenstransfer mbh": "kommwis",
    "lecos gmbh": "lecos",
    "zweckverband 4it (kommunaler traeger der komm.one)": "komm-one",
    "zweckverband fuer informationstechnologie und datenverarbeitung der kommunen in "
    "rheinland-pfalz (zidkor)": "zidkor",
    "zweckverband kommunale informationsverarbeitung sachsen (kisa)": "kisa",
    "d-nrw aoer": "d-nrw",
}


def provider_id(name: str) -> str:
    """One id per provider across the three files.

    >>> provider_id("Stadt Münster, citeq")
    'citeq'
    >>> provider_id("Zweckverband 4IT (kommunaler Träger der Komm.ONE)")
    'komm-one'
    """
    return PROVIDER_ALIASES.get(normalise(name)) or organisation_id(name)

#: corrections of the KDN IT provider list: (source id, column, wrong, right, why)
CORRECTIONS: list[tuple[str, str, str, str, str]] = [
    ("13", "name", "LWL", "LWV Hessen",
     "Name vertauscht: Eintrag mit Sitz Kassel und lwv-hessen.de heißt in der Quelle „LWL“"),
    ("14", "name", "LWV Hessen", "LWL",
     "Name vertauscht: Eintrag mit Sitz Münster und lwl.org heißt in der Quelle „LWV Hessen“"),
    ("9", "url", "jkreis-mettmann.de", "kreis-mettmann.de", "Tippfehler („j“ vorangestellt)"),
    ("31", "url", "jstadt.wuppertal.de", "stadt.wuppertal.de", "Tippfehler („j“ vorangestellt)"),
    ("30", "url", "emscheid.de", "remscheid.de", "Tippfehler („r“ fehlt)"),
]


def _url(value: str) -> str | None:
    v = value.strip().strip('"').strip()
    if not v:
        return None
    return v if re.match(r"^https?://", v) else "http://" + v


def _clean(value: str) -> str:
    """Strip blanks and stray quote characters around a value."""
    v = value.strip()
    while len(v) >= 2 and v[0] == v[-1] == '"':
        v = v[1:-1].strip()
    v = v.replace('""', '"').strip()
    if v.count('"') == 1:
        v = v.replace('"', "").strip()
    return v


def read_quirky_csv(path: Path, columns: tuple[str, ...], text_column: str
                    ) -> list[tuple[int, dict[str, str]]]:
    """Read a CSV with the KDN quirks (see module doc); ``text_column`` takes the
    surplus fields of a row where an unquoted comma split a name."""
    raw = read_text(path).replace("\r\n", "\n").replace("\r", "\n")
    out = []
    reader = csv.reader(io.StringIO(raw))
    try:
        header = [_clean(h) for h in next(reader)]
    except StopIteration:
        raise ImportFailed(str(path), 1, None, "empty file", "Die Datei ist leer.") from None
    for col in columns:
        if col not in header:
            raise ImportFailed(str(path), 1, col, "required column missing",
                               "Pflichtspalte fehlt in der Kopfzeile.")
    ti = header.index(text_column)
    n = len(header)
    try:
        for fields in reader:
            line = reader.line_num
            if not fields or all(not f.strip() for f in fields):
                continue
            if len(fields) > n:
                extra = len(fields) - n
                joined = ",".join(fields[ti:ti + extra + 1])
                fields = fields[:ti] + [joined] + fields[ti + extra + 1:]
            elif len(fields) < n:
                raise ImportFailed(str(path), line, None,
                                   f"{len(fields)} fields, header has {n}",
                                   f"{len(fields)} Felder, die Kopfzeile hat {n} "
                                   "(Anführungszeichen nicht geschlossen?).")
            for h, v in zip(header, fields, strict=True):
                if control_character(v):
                    raise ImportFailed(str(path), line, h, "control character",
                                       f"Steuerzeichen {control_character(v)} im Wert.")
            out.append((line, {h: _clean(v) for h, v in zip(header, fields, strict=True)}))
    except csv.Error as e:
        raise ImportFailed(str(path), reader.line_num, None, f"malformed CSV: {e}",
                           f"Fehlerhaftes CSV: {reason_de(e)}.") from e
    return out


def _kind_of(path: Path) -> str:
    name = path.name.lower()
    if "dienstleister" in name:
        return "providers"
    if "member" in name:
        return "members"
    if "kommunen" in name:
        return "communes"
    try:
        head = path.read_text("utf-8-sig", errors="replace").split("\n", 1)[0]
    except OSError as e:
        raise ImportFailed(str(path), None, None, f"cannot read: {e}",
                           f"Datei nicht lesbar: {reason_de(e)}.") from e
    cols = {c.strip().strip('"') for c in head.split(",")}
    for kind, req in (("members", MEMBER_COLUMNS), ("communes", COMMUNE_COLUMNS),
                      ("providers", ("street", "zip_code", "town", "url", "name"))):
        if set(req) <= cols:
            return kind
    raise ImportFailed(str(path), 1, None, "unknown organisations file",
                       "Unbekannte Organisationsdatei: erwartet werden "
                       "kdn_it_dienstleister_nrw.csv, it_provider_members.csv oder "
                       "kdn_kommunen_nrw.csv (oder deren Spalten).")


def plan(path: Path, store: GraphStore) -> Plan:
    path = Path(path)
    kind = _kind_of(path)
    dataset = dataset_name(path)
    report = ImportReport(NAME, dataset)
    p = Plan(report)
    if kind == "providers":
        _providers(path, p, dataset)
    elif kind == "members":
        _members(path, p, dataset, store)
    else:
        _communes(path, p, dataset, store)
    return without_nulls(p)


# -- (a) KDN IT providers ---------------------------------------------------------
def _providers(path: Path, p: Plan, dataset: str) -> None:
    report = p.report
    rows = read_quirky_csv(path, KDN_COLUMNS, "name")
    fixes = {(i, col): (wrong, right, why) for i, col, wrong, right, why in CORRECTIONS}
    nodes: dict[str, dict[str, Any]] = {}
    for line, r in rows:
        report.read += 1
        for col in ("name", "url"):
            fix = fixes.get((r["id"], col))
            if fix and r[col] == fix[0]:
                r[col] = fix[1]
                report.note(f"Zeile {line}: {col} „{fix[0]}“ → „{fix[1]}“ ({fix[2]}).")
        if not r["name"]:
            raise ImportFailed(str(path), line, "name", "empty name", "Der Name ist leer.")
        if r["hidden"] not in ("", "0"):
            report.skip(line, "in der Quelle verborgen (hidden)", r["name"])
            continue
        oid = provider_id(r["name"])
        if not oid:
            raise ImportFailed(str(path), line, "name", "name gives no id",
                               "Der Name ergibt keine Kennung (keine Buchstaben oder Ziffern).")
        as_of = (r["modified_at"] or r["created_at"] or "2019")[:10]
        node = {"id": oid, "name": r["name"], "kind": "it-dienstleister",
                "seat": r["town"] or None, "url": _url(r["url"]),
                **provenance(KDN_SOURCE, as_of, NAME, dataset)}
        if oid in nodes:
            report.note(f"Zeile {line}: „{r['name']}“ ({r['town']}, {r['url']}) ist derselbe "
                        f"Dienstleister wie „{nodes[oid]['name']}“ ({nodes[oid]['seat']}); "
                        "zusammengeführt, Sitz und Adresse des ersten Eintrags bleiben.")
            continue
        nodes[oid] = node
    p.add_nodes(ORGANISATION, nodes.values())


# -- (b) provider memberships ------------------------------------------------------
ARS9 = re.compile(r"ARS9 (\d{9})")
REQUIRED_MEMBER = ("provider", "member", "member_level")


def _members(path: Path, p: Plan, dataset: str, store: GraphStore) -> None:
    report = p.report
    members = Members(store)
    providers: dict[str, dict[str, Any]] = {}
    rels: dict[str, list[dict[str, Any]]] = {
        MUNICIPALITY: [], DISTRICT: [], ASSOCIATION: []}
    seen: dict[tuple[str, str, str], int] = {}
    for line, r in read_csv(path, MEMBER_COLUMNS):
        report.read += 1
        for col in REQUIRED_MEMBER:
            if not r[col]:
                raise ImportFailed(str(path), line, col, "required field is empty",
                                   "Pflichtfeld ist leer.")
        level, key = r["member_level"], r["ags_or_kreis"]
        if level not in ("gemeinde", "kreis", "verband", "other"):
            raise ImportFailed(str(path), line, "member_level",
                               f"unknown member level {level!r}",
                               f"Unbekannte Ebene „{level}“ (erlaubt: gemeinde, kreis, "
                               "verband, other).")
        want = {"gemeinde": 8, "kreis": 5}.get(level)
        if want and not (key.isascii() and key.isdigit() and len(key) == want):
            raise ImportFailed(str(path), line, "ags_or_kreis",
                               f"expected {want} digits for {level}, got {key!r}",
                               f"Erwartet {want} Ziffern für „{level}“, gefunden „{key}“.")
        if r["as_of"] and not is_date(r["as_of"]):
            raise ImportFailed(str(path), line, "as_of", "not a date",
                               "Kein Datum (JJJJ, JJJJ-MM oder JJJJ-MM-TT).")
        oid = provider_id(r["provider"])
        if not oid:
            raise ImportFailed(str(path), line, "provider", "provider name gives no id",
                               "Der Name ergibt keine Kennung (keine Buchstaben oder Ziffern).")
        try:
            first, urls = split_sources(r["source"])
        except ValueError as e:
            raise ImportFailed(str(path), line, "source", f"not one valid URL: {e}",
                               f"Keine gültige Adresse: „{e}“ (mehrere Quellen mit „ ; “ "
                               "trennen).") from None
        prov = {**provenance(first, r["as_of"] or None, NAME, dataset),
                "sources": urls or None}
        if oid not in providers:
            node = {"id": oid, "name": PROVIDER_NAMES.get(oid, r["provider"]),
                    "kind": "it-dienstleister", **prov}
            if r["provider_legal_form"]:
                node["legal_form"] = r["provider_legal_form"]
            if r["provider_seat"]:
                node["seat"] = r["provider_seat"]
            providers[oid] = node
        if level == "other":
            report.skip(line, "Mitglied ist keine Kommune (sonstige Organisation)",
                        f"{r['member']} → {providers[oid]['name']}")
            continue
        try:
            if level == "verband":
                m_ars = ARS9.search(r["note"])
                if m_ars:
                    m = members.by_key("verband", m_ars.group(1))
                elif re.match(r"^(Amt|Verbandsgemeinde|Samtgemeinde)\s", r["member"]):
                    m = members.association(r["member"], land=r["land"] or None)
                    report.note(f"Zeile {line}: „{r['member']}“ über den Namen als "
                                f"{m.name} ({m.key}) erkannt.")
                elif oid == "akdb":
                    raise Unresolved(
                        "AKDB-Träger ist ein bayerischer kommunaler Spitzenverband, keine "
                        "Kommune (die Kommunen sind Kunden der AKDB, nicht Mitglieder)")
                else:
                    raise Unresolved("Mitglied ist ein Spitzen- oder Zweckverband, kein "
                                     "Gemeindeverband")
            else:
                m = members.by_key(level, key)
        except Unresolved as e:
            report.skip(line, e.reason, f"{r['member']} → {providers[oid]['name']}"
                        + (f" ({e.detail})" if e.detail else ""))
            continue
        dup = (m.label, m.key, oid)
        if dup in seen:
            report.skip(line, "Mitgliedschaft doppelt", f"{r['member']}, schon Zeile {seen[dup]}")
            continue
        seen[dup] = line
        derived = "DERIVED" in r["note"].upper()
        in_house = r["note"].lower().startswith("in-house")
        rels[m.label].append({"from": m.key, "to": oid,
                              "certainty": "derived" if derived else "named",
                              "in_house": in_house,
                              "note": r["note"] or None, **prov})
    p.add_nodes(ORGANISATION, providers.values())
    for label, rows in rels.items():
        p.add_relationships(SERVED_BY, label, ORGANISATION, rows)


# -- (c) NRW municipality websites -------------------------------------------------
_HOST_PREFIX = re.compile(r"^(www\.|stadt-|gemeinde-|stadt\.)")


def _host_label(url: str) -> str:
    host = re.sub(r"^https?://", "", url.strip()).split("/")[0].lower()
    host = _HOST_PREFIX.sub("", host)
    return host.rsplit(".", 1)[0]


def _communes(path: Path, p: Plan, dataset: str, store: GraphStore) -> None:
    report = p.report
    members = Members(store)
    known = members.keys(MUNICIPALITY)
    updates: dict[str, dict[str, Any]] = {}
    for line, r in read_quirky_csv(path, COMMUNE_COLUMNS, "name"):
        report.read += 1
        url = _url(r["url"])
        if not url:
            report.skip(line, "keine Webadresse", r["name"])
            continue
        key = r["ags_or_kreis"]
        if key:
            if not (key.isdigit() and len(key) == 8):
                raise ImportFailed(str(path), line, "ags_or_kreis",
                                   f"not an 8-digit AGS: {key!r}",
                                   f"Kein achtstelliger AGS: „{key}“.")
            if key not in known:
                report.skip(line, "AGS nicht im Datenbestand", f"{r['name']} ({key})")
                continue
        else:
            match = _match_typo(members, r["name"], r["url"])
            if isinstance(match, str):
                report.skip(line, "Name ohne AGS, in NRW nicht eindeutig zuzuordnen",
                            f"„{r['name']}“ ({r['url']}): {match}")
                continue
            key = match.key
            report.note(f"Zeile {line}: „{r['name']}“ ({r['url']}) ohne AGS in der Quelle, "
                        f"zugeordnet zu {match.name} ({key}, "
                        f"{_HOW_DE.get(match.how, match.how)}).")
        if key in updates:
            report.skip(line, "Gemeinde doppelt", f"{r['name']} ({key})")
            continue
        updates[key] = {"ags": key, "website": url}
    p.add_updates(MUNICIPALITY, updates.values())


_HOW_DE = {"fuzzy": "unscharfer Treffer", "name": "Name", "official": "amtlicher Name"}


def _match_typo(members: Members, name: str, url: str) -> Any:
    """Match a misspelt NRW name by name and by URL host; a Member or a reason."""
    label = _host_label(url)
    found = {}
    for how, query in (("Name", name), ("Webadresse", label)):
        try:
            found[how] = members.municipality(query, land="05")
        except Unresolved:
            pass
    by_name, by_url = found.get("Name"), found.get("Webadresse")
    if by_name and by_url:
        if by_name.key == by_url.key:
            return by_name
        return (f"Name passt zu {by_name.name}, Webadresse zu {by_url.name}")
    if by_url:
        return by_url
    if by_name:
        expected = slug(by_name.name.split(",")[0])
        ratio = difflib.SequenceMatcher(None, expected, slug(label)).ratio()
        if ratio >= 0.8:
            return by_name
        return (f"Name passt zu {by_name.name}, aber die Webadresse „{label}“ nicht "
                "(vermutlich eine Gemeinde außerhalb von NRW)")
    return "kein Treffer in Nordrhein-Westfalen"


__all__ = ["NAME", "plan", "read_quirky_csv", "CORRECTIONS", "PROVIDER_NAMES",
           "PROVIDER_ALIASES", "provider_id", "normalise"]
