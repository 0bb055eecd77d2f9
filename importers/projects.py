"""Projects and memberships in kommunalgraph's own CSV format.

One membership per row (long format); ``docs/formats.md`` ("Projects")
documents every column and its validation. Every row is checked before
anything is written: a bad key, an unknown ``member_level``, ``kind``,
``role``, ``status`` or ``certainty``, a bad date or a missing required field
raises :class:`~kommunalgraph.graph.errors.ImportFailed` with file, line and
field.

Writes :Project, :Programme (``-[:PART_OF]->``) and ``PARTICIPATES_IN`` from
Municipality, District, MunicipalAssociation or Organisation to the project
(role, status, certainty, note). Members are given by AGS (8 digits), Kreis
key (5), Verband key (9), organisation id, or by name; names are resolved
with :mod:`kommunalgraph.graph.resolve` only where unambiguous, fuzzy
matches are reported as notes, and unresolved members are reported as skips.
A ``source`` cell may name several URLs separated by `` ; ``: they are stored
as the list ``sources`` (each one valid URL), ``source`` keeps the first.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..graph import codes
from ..graph.errors import ImportFailed
from ..graph.schema import ORGANISATION, PART_OF, PARTICIPATES_IN, PROGRAMME, PROJECT
from ..graph.store import GraphStore
from .base import ImportReport, Plan, dataset_name, provenance
from .members import LEVEL_LABEL, Members, Unresolved, organisation_id, slug, without_nulls
from .ozg import read_csv
from .sources import is_date, source_fields, split_sources

NAME = "projects"
#: the German help line of ``kommunalgraph import projects``
HELP_DE = "Projekte und Mitgliedschaften im kommunalgraph-Format (CSV)."

COLUMNS = (
    "project_id", "project_name", "kind", "programme", "status", "open_source", "licence",
    "repository_url", "start_date", "member", "member_level", "member_key", "land", "role",
    "certainty", "as_of", "source", "note",
)
REQUIRED_COLUMNS = ("project_id", "project_name", "kind", "member", "member_level", "role",
                    "as_of", "source")

KINDS = set(codes.KINDS)
STATUSES = {"", *codes.STATUSES}
CERTAINTIES = {"", *codes.CERTAINTIES}
ROLES = set(codes.ROLES)
LEVELS = {*codes.LEVELS, "unknown"}
KEY_PATTERN = {
    "gemeinde": re.compile(r"^[0-9]{8}$"),
    "kreis": re.compile(r"^[0-9]{5}$"),
    "verband": re.compile(r"^[0-9]{9}$"),
    "organisation": re.compile(r"^[a-z0-9][a-z0-9-]*$"),
}
KEY_DESC = {"gemeinde": "AGS (8 Ziffern)", "kreis": "Kreisschlüssel (5 Ziffern)",
            "verband": "Verbandsschlüssel (9 Ziffern)",
            "organisation": "Organisations-ID (Kleinbuchstaben, Ziffern, Bindestriche)"}
PROJECT_ID = re.compile(r"^\w[\w.-]*$")
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
BOOLS = {"": None, "true": True, "ja": True, "1": True, "yes": True,
         "false": False, "nein": False, "0": False, "no": False}


def _check(path: Path, line: int, r: dict[str, str]) -> None:
    """Raise ImportFailed for the first invalid field of one row."""
    def fail(field: str, problem: str, problem_de: str) -> ImportFailed:
        return ImportFailed(str(path), line, field, problem, problem_de)

    for col in ("project_id", "project_name", "kind", "member_level", "role", "as_of",
                "source"):
        if not r.get(col):
            raise fail(col, "required field is empty", "Pflichtfeld ist leer.")
    if not PROJECT_ID.match(r["project_id"]):
        raise fail("project_id", "invalid project id (letters, digits, . _ -)",
                   "Ungültige Projekt-ID (nur Buchstaben, Ziffern, . _ -).")
    if r["kind"] not in KINDS:
        raise fail("kind", f"unknown kind {r['kind']!r}",
                   f"Unbekannte Projektart „{r['kind']}“ (erlaubt: {', '.join(sorted(KINDS))}).")
    if r.get("status", "") not in STATUSES:
        raise fail("status", f"unknown status {r['status']!r}",
                   f"Unbekannter Status „{r['status']}“ (erlaubt: active, planned, "
                   "completed, uncertain oder leer).")
    if r.get("certainty", "") not in CERTAINTIES:
        raise fail("certainty", f"unknown certainty {r['certainty']!r}",
                   f"Unbekannte Sicherheit „{r['certainty']}“ (erlaubt: named, derived, "
                   "announced, uncertain oder leer).")
    if r["role"] not in ROLES:
        raise fail("role", f"unknown role {r['role']!r}",
                   f"Unbekannte Rolle „{r['role']}“ (erlaubt: {', '.join(sorted(ROLES))}).")
    if r.get("open_source", "").lower() not in BOOLS:
        raise fail("open_source", "not a boolean", "Kein Wahrheitswert (true/false, ja/nein).")
    url = r.get("repository_url", "")
    if url and not url.startswith(("http://", "https://")):
        raise fail("repository_url", "not an http(s) URL", "Keine http(s)-Adresse.")
    for col in ("as_of", "start_date"):
        if r.get(col) and not (DATE.match(r[col]) and is_date(r[col])):
            raise fail(col, "not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                       "Kein Datum (JJJJ, JJJJ-MM oder JJJJ-MM-TT).")
    try:
        split_sources(r["source"])
    except ValueError as e:
        raise fail("source", f"not one valid URL: {e}",
                   f"Keine gültige Adresse: „{e}“ (mehrere Quellen mit „ ; “ trennen).") from None
    land = r.get("land", "")
    if land and not re.match(r"^[0-9]{2}$", land):
        raise fail("land", "not a 2-digit Land key", "Kein zweistelliger Landesschlüssel.")
    level = r["member_level"]
    if level not in LEVELS:
        raise fail("member_level", f"unknown member level {level!r}",
                   f"Unbekannte Ebene „{level}“ (erlaubt: gemeinde, kreis, verband, "
                   "organisation, unknown).")
    key = r.get("member_key", "")
    if level == "unknown":
        if key:
            raise fail("member_key", "a key needs a known member_level",
                       "Ein Schlüssel braucht eine bekannte Ebene.")
    elif key and not KEY_PATTERN[level].match(key):
        raise fail("member_key", f"invalid key {key!r} for level {level}",
                   f"Ungültiger Schlüssel „{key}“: erwartet {KEY_DESC[level]}.")
    if not key and not r.get("member"):
        raise fail("member", "neither member nor member_key given",
                   "Weder Mitglied (Name) noch Schlüssel angegeben.")


def _prov(r: dict[str, str], as_of: str, dataset: str) -> dict[str, Any]:
    """Provenance of a row: every URL of its ``source`` cell as a list."""
    return {**provenance(r["source"], as_of, NAME, dataset), **source_fields(r["source"])}


_PROJECT_COLUMNS = ("project_name", "kind", "programme", "open_source", "licence",
                   "repository_url", "start_date")


def _read(path: Path) -> tuple[list[tuple[int, dict[str, str]]], dict[str, dict[str, Any]]]:
    """Checked rows, and per project its first row merged with the later ones."""
    rows: list[tuple[int, dict[str, str]]] = []
    projects: dict[str, dict[str, Any]] = {}
    for line, r in read_csv(path, REQUIRED_COLUMNS):
        r = {c: r.get(c, "") for c in COLUMNS} | {k: v for k, v in r.items() if k in COLUMNS}
        _check(path, line, r)
        pid = r["project_id"]
        first = projects.get(pid)
        if first is None:
            projects[pid] = {"line": line, "row": r, "statuses": set(), "as_of": r["as_of"]}
        else:
            _merge(path, line, pid, first, r)
        projects[pid]["statuses"].add(r["status"])
        rows.append((line, r))
    return rows, projects


def _merge(path: Path, line: int, pid: str, first: dict[str, Any], r: dict[str, str]) -> None:
    """A later row of the same project: no contradictions, fills gaps, latest as-of."""
    for col in _PROJECT_COLUMNS:
        if r[col] and first["row"][col] and r[col] != first["row"][col]:
            raise ImportFailed(
                str(path), line, col,
                f"differs from line {first['line']} of project {pid}",
                f"Widerspricht Zeile {first['line']} desselben Projekts {pid}.")
        if r[col] and not first["row"][col]:
            first["row"][col] = r[col]
    first["as_of"] = max(first["as_of"], r["as_of"])


def _add_projects(p: Plan, projects: dict[str, dict[str, Any]], dataset: str) -> None:
    """Project and Programme nodes, and PART_OF."""
    project_rows, programmes, part_of = [], {}, []
    for pid, info in projects.items():
        r = info["row"]
        statuses = info["statuses"]
        project_rows.append({
            "id": pid, "name": r["project_name"], "kind": r["kind"],
            "status": next(iter(statuses)) if len(statuses) == 1 and "" not in statuses
            else None,
            "open_source": BOOLS[r["open_source"].lower()],
            "licence": r["licence"] or None,
            "repository_url": r["repository_url"] or None,
            "start_date": r["start_date"] or None,
            **_prov(r, info["as_of"], dataset),
        })
        if r["programme"]:
            prog_id = slug(r["programme"])
            programmes.setdefault(prog_id, {
                "id": prog_id, "name": r["programme"], **_prov(r, r["as_of"], dataset)})
            part_of.append({"from": pid, "to": prog_id, **_prov(r, r["as_of"], dataset)})
    p.add_nodes(PROJECT, project_rows)
    p.add_nodes(PROGRAMME, programmes.values())
    p.add_relationships(PART_OF, PROJECT, PROGRAMME, part_of)


def _member(members: Members, report: ImportReport, line: int, r: dict[str, str]) -> Any:
    """The member of a row (a resolved node), or None with the reason reported."""
    level = r["member_level"]
    who = r["member"] or r["member_key"]
    if level == "unknown":
        report.skip(line, "Ebene in der Quelle unklar (Gemeinde oder Kreis?)",
                    f"{r['project_id']}: {who}")
        return None
    try:
        m = members.resolve(level, r["member_key"], r["member"], land=r["land"] or None)
    except Unresolved as e:
        report.skip(line, e.reason, f"{r['project_id']}: {who}"
                    + (f" ({e.detail})" if e.detail and e.detail != who else ""))
        return None
    if m.fuzzy:
        report.note(f"Zeile {line}: „{r['member']}“ unscharf als {m.name} ({m.key}) erkannt.")
    elif m.how not in ("key", "organisation") and level != "organisation":
        report.note(f"Zeile {line}: „{r['member']}“ über den Namen als {m.name} "
                    f"({m.key}) erkannt.")
    return m


def _add_memberships(p: Plan, rows: list[tuple[int, dict[str, str]]], store: GraphStore,
                     dataset: str) -> None:
    """PARTICIPATES_IN per member label, and organisations the store does not know yet."""
    members = Members(store)
    rels: dict[str, list[dict[str, Any]]] = {label: [] for label in LEVEL_LABEL.values()}
    new_orgs: dict[str, dict[str, Any]] = {}
    seen: dict[tuple[str, str, str], int] = {}
    for line, r in rows:
        m = _member(members, p.report, line, r)
        if m is None:
            continue
        if m.label == ORGANISATION and m.key not in members.keys(ORGANISATION):
            new_orgs.setdefault(m.key, {
                "id": m.key, "name": r["member"] or m.key, **_prov(r, r["as_of"], dataset)})
        dup = (m.label, m.key, r["project_id"])
        if dup in seen:
            p.report.skip(line, "Mitglied steht mehrfach im selben Projekt",
                          f"{r['project_id']}: {r['member'] or r['member_key']}, "
                          f"schon Zeile {seen[dup]}")
            continue
        seen[dup] = line
        rels[m.label].append({
            "from": m.key, "to": r["project_id"], "role": r["role"],
            "status": r["status"] or None, "certainty": r["certainty"] or "named",
            "note": r["note"] or None, **_prov(r, r["as_of"], dataset),
        })
    if new_orgs:
        p.add_nodes(ORGANISATION, new_orgs.values())
    for label, rows_ in rels.items():
        p.add_relationships(PARTICIPATES_IN, label, PROJECT, rows_)


def plan(path: Path, store: GraphStore) -> Plan:
    """Plan projects, programmes and memberships from one file of the project format."""
    path = Path(path)
    dataset = dataset_name(path)
    p = Plan(ImportReport(NAME, dataset))
    rows, projects = _read(path)
    p.report.read = len(rows)
    _add_projects(p, projects, dataset)
    _add_memberships(p, rows, store, dataset)
    return without_nulls(p)


__all__ = ["NAME", "plan", "COLUMNS", "KINDS", "ROLES", "STATUSES", "CERTAINTIES",
           "organisation_id"]
