"""``publiccode.yml`` files: one file, or a folder of them (searched recursively).

Each valid file becomes one :Project (``kind="software"``, ``open_source``
true, id ``"pc-"`` + slug of the repository path of ``url``) with name,
licence (``legal.license``), repository URL, description (the
``shortDescription`` of ``description.de``, else ``en``, else the first
language), ``start_date`` (``releaseDate`` as a string) and a status derived
from ``developmentStatus``.

``usedBy`` entries are matched to municipalities, Kreise, Gemeindeverbände
(Amt …) or known organisations where the match is unambiguous: prefixes such
as "Stadt", "Gemeinde", "Landkreis", "Amt" are understood, parenthetical
extras ("Bremen (MeinQuartier)") and text after a colon are dropped and noted,
"Germany, Herrenberg" is read as Herrenberg, typos ("Gemeine Birkenwerder")
are matched fuzzily and reported as notes, and "..." placeholders are skipped
and reported. Matches become ``PARTICIPATES_IN`` with role "user".

Versions: the current major form ``"0"`` (the standard's own examples) and
the 0.2 to 0.5 forms, quoted or not (an unquoted 0.4 loads as a float) and with
a patch level ("0.2.1", "0.5.0"); the version read is stored on the project
(``publiccode_version``). A future major ("1") is refused with one German line
naming the versions understood.

Every rule of the standard is checked (``publiccode_rules.py``). Tolerant by
default: a file that breaks a rule is still imported as far as it is usable,
each rule break is a note (``datei.yml, Zeile 12: description.en.shortDescription:
fehlt``) and the project carries the number of rule breaks
(``publiccode_problems``, 0 for a valid file). With ``strict=True`` a file the
standard calls invalid is refused (alone: ``ImportFailed``; in a folder: skipped
with its reasons). :func:`validate` checks files without a store (the
``validate publiccode`` command).

A file that cannot be used at all (not YAML, not a mapping, no name/url,
unknown version) is reported with its path and line in a folder import and the
other files still load; given alone, it raises ``ImportFailed``.

The German extension ``de: leika: [{themenfeld, lebenslage, ozg-id,
leika-id}]`` becomes ``IMPLEMENTS`` edges to the OZG-Leistung and the
LeiKa-Leistung when they exist in the store.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..graph import safe_yaml
from ..graph.errors import ImportFailed
from ..graph.schema import (
    ASSOCIATION,
    DISTRICT,
    IMPLEMENTS,
    LEIKA_SERVICE,
    MUNICIPALITY,
    ORGANISATION,
    OZG_SERVICE,
    PARTICIPATES_IN,
    PROJECT,
)
from ..graph.store import GraphStore
from .base import ImportReport, Plan, dataset_name, provenance
from .members import Member, Members, Unresolved, organisation_id, slug, without_nulls
from .publiccode_rules import Finding, UnsupportedVersion, check, read_version

NAME = "publiccode"
#: the German help line of ``kommunalgraph import publiccode``
HELP_DE = "publiccode.yml-Dateien (eine Datei oder ein Ordner)."
STATUS = {"stable": "active", "beta": "active", "development": "active",
          "concept": "planned", "obsolete": "completed"}
PLACEHOLDER = re.compile(r"^[.\s…]*$")
COUNTRY_PREFIX = re.compile(r"^(Germany|Deutschland)\s*,\s*", re.IGNORECASE)
FOREIGN_PREFIX = re.compile(r"^(Finland|Estonia|Italy|Italia|France|Austria|Österreich|"
                            r"Switzerland|Schweiz|Netherlands|Denmark|Sweden|Norway)\s*,",
                            re.IGNORECASE)
DISTRICT_PREFIX = re.compile(r"^(Landkreis|Kreis|Lkr\.?|LK)\s+", re.IGNORECASE)
ASSOC_PREFIX = re.compile(r"^(Amt|Verbandsgemeinde|Samtgemeinde|VG|SG)\s+", re.IGNORECASE)


class BadFile(Exception):
    def __init__(self, line: int | None, field: str | None, problem: str, problem_de: str):
        super().__init__(problem)
        self.line, self.field, self.problem, self.problem_de = line, field, problem, problem_de


def _files(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if p.is_file()
                  and p.suffix.lower() in (".yml", ".yaml"))


def _index(folder: Path) -> dict[str, dict[str, str]]:
    """INDEX.csv of the bundled folder: file → repo, commit (if present)."""
    f = folder / "INDEX.csv"
    if not f.is_file():
        return {}
    with f.open(encoding="utf-8", newline="") as fh:
        return {r["file"]: r for r in csv.DictReader(fh) if r.get("file")}


def _load(path: Path, lines: dict[str, int] | None = None) -> dict[str, Any]:
    try:
        data = safe_yaml.load_file(path, lines=lines)
    except ImportFailed as e:
        where = f"{e.path}" + (f", Zeile {e.line}" if e.line is not None else "") + ": "
        problem_de = e.message_de[len(where):] if e.message_de.startswith(where) else e.message_de
        raise BadFile(e.line, None, e.problem, problem_de) from e
    if not isinstance(data, dict):
        raise BadFile(1, None, "not a YAML mapping", "Keine YAML-Zuordnung (Schlüssel: Wert).")
    return data


@dataclass
class Checked:
    """One file read and checked against the standard."""

    path: Path
    data: dict[str, Any] | None = None
    version: str | None = None
    findings: list[Finding] = field(default_factory=list)
    #: why the file cannot be used at all (None: usable)
    fatal: BadFile | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.error]

    @property
    def valid(self) -> bool:
        return self.fatal is None and not self.errors

    def to_dict(self) -> dict[str, Any]:
        notes = [f.to_dict() for f in self.findings]
        if self.fatal is not None:
            notes.insert(0, {"field": self.fatal.field or "", "line": self.fatal.line,
                             "message": self.fatal.problem_de, "severity": "Fehler"})
        return {"file": str(self.path), "valid": self.valid, "version": self.version,
                "errors": sum(n["severity"] == "Fehler" for n in notes),
                "warnings": sum(n["severity"] != "Fehler" for n in notes), "notes": notes}


def check_file(path: Path) -> Checked:
    """Read ``path`` and check it against every rule; never raises for bad content."""
    result = Checked(Path(path))
    lines: dict[str, int] = {}
    try:
        data = _load(result.path, lines)
        result.data = data
        try:
            result.version, version_notes = read_version(data.get("publiccodeYmlVersion"))
        except UnsupportedVersion as e:
            raise BadFile(lines.get("publiccodeYmlVersion"), "publiccodeYmlVersion",
                          str(e), e.message_de) from None
        line = lines.get("publiccodeYmlVersion")
        result.findings = [Finding(f.field, f.message_de, f.error, line) for f in version_notes]
        result.findings += check(data, lines)
    except BadFile as e:
        result.fatal = e
    return result


def yaml_files(paths: list[Path] | tuple[Path, ...]) -> list[Path]:
    """The files named, and every *.yml/*.yaml below the folders named."""
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(_files(p) if p.is_dir() else [p])
    return out


def validate(paths: list[Path] | tuple[Path, ...]) -> list[dict[str, Any]]:
    """Check files and folders against the standard, without a store.

    One plain dict per file (``file``, ``valid``, ``version``, ``errors``,
    ``warnings``, ``notes`` with ``field``, ``line``, German ``message`` and
    ``severity``), for the ``validate publiccode`` command and CI pipelines.
    """
    return [check_file(f).to_dict() for f in yaml_files(paths)]


def _date(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def repository_slug(url: str) -> str:
    """Slug of the repository path of ``url`` (host when there is no path).

    >>> repository_slug("https://github.com/Aitema-gmbh/terminvergabe.git")
    'aitema-gmbh-terminvergabe'
    """
    u = re.sub(r"^[a-z+]+://", "", url.strip()).rstrip("/")
    u = re.sub(r"\.git$", "", u)
    host, _, rest = u.partition("/")
    return slug(rest or host)


def _project(checked: Checked) -> dict[str, Any]:
    data = checked.data or {}
    for key in ("name", "url"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise BadFile(None, key, f"required key {key!r} missing",
                          f"Pflichtangabe „{key}“ fehlt.")
    desc = data.get("description") if isinstance(data.get("description"), dict) else {}
    lang = next((k for k in ("de", "en") if isinstance(desc.get(k), dict)),
                next((k for k, v in desc.items() if isinstance(v, dict)), None))
    short = None
    if lang:
        short = desc[lang].get("shortDescription") or desc[lang].get("genericName")
    short = short or data.get("shortDescription")
    legal = data.get("legal") if isinstance(data.get("legal"), dict) else {}
    licence = legal.get("license") or data.get("license")
    status = STATUS.get(str(data.get("developmentStatus", "")).strip().lower())
    return {
        "id": "pc-" + repository_slug(data["url"]),
        "name": str(data["name"]).strip(),
        "kind": "software",
        "status": status,
        "open_source": True,
        "licence": str(licence).strip() if isinstance(licence, (str, int, float)) else None,
        "repository_url": data["url"].strip(),
        "start_date": _date(data.get("releaseDate")),
        "description": str(short).strip() if isinstance(short, (str, int, float)) else None,
        "categories": [c.strip() for c in data.get("categories") or []
                       if isinstance(c, str) and c.strip()]
        if isinstance(data.get("categories"), list) else None,
        "publiccode_version": checked.version,
        "publiccode_problems": len(checked.errors),
    }


def _clean_user(entry: str) -> tuple[str, str | None]:
    """The body's name without extras, and the extra text (or None)."""
    name, extra = entry.strip(), []
    if ":" in name:
        name, rest = name.split(":", 1)
        extra.append(rest.strip())
    m = re.search(r"\s*\(([^)]*)\)\s*$", name)
    # "(Oder)", "(Elster)" are part of a name, "(MeinQuartier)" is not
    if m and not re.search(r"\((Oder|Elster|Dosse|Mosel|Pfalz|Westf\.?|Rhld\.?|Saale|"
                           r"Lahn|Main|Mark)\)$", name):
        extra.insert(0, m.group(1))
        name = name[:m.start()].strip()
    name = COUNTRY_PREFIX.sub("", name)
    return name, ("; ".join(e for e in extra if e) or None)


def _resolve_user(members: Members, name: str) -> Member:
    if DISTRICT_PREFIX.match(name):
        return members.district(name)
    if ASSOC_PREFIX.match(name):
        try:
            return members.association(name)
        except Unresolved:
            return members.municipality(ASSOC_PREFIX.sub("", name))
    oid = organisation_id(name)
    if oid in members.keys(ORGANISATION):
        return Member(ORGANISATION, oid, name, "organisation")
    try:
        return members.municipality_with_suffix(name)
    except Unresolved as first:
        for other in (members.association, members.district):
            try:
                return other(name)
            except Unresolved:
                pass
        raise first from None


class UsedByMatcher:
    """``usedBy`` names → graph nodes through the resolver's index, each distinct
    name resolved once per import (a catalogue repeats the same users in many
    files). Counts entries and time for ``bench/publiccode_import.py``."""

    def __init__(self, store: GraphStore) -> None:
        self.members = Members(store)
        self._cache: dict[str, Member | Unresolved] = {}
        self.entries = 0
        self.distinct = 0
        self.seconds = 0.0
        #: time spent on distinct names (their first match)
        self.first_seconds = 0.0

    def match(self, name: str) -> Member:
        started = time.perf_counter()
        self.entries += 1
        try:
            hit = self._cache.get(name)
            if hit is None:
                self.distinct += 1
                first = time.perf_counter()
                try:
                    hit = _resolve_user(self.members, name)
                except Unresolved as e:
                    hit = e
                self._cache[name] = hit
                self.first_seconds += time.perf_counter() - first
        finally:
            self.seconds += time.perf_counter() - started
        if isinstance(hit, Unresolved):
            raise hit
        return hit


def _leika(data: dict[str, Any], rel: str, pid: str, members: Members,
           report: ImportReport, prov: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    de = data.get("de") or data.get("DE")
    if not isinstance(de, dict) or not de.get("leika"):
        return []
    entries = de["leika"]
    if isinstance(entries, dict):
        entries = [entries]
    out = []
    for e in entries if isinstance(entries, list) else []:
        if not isinstance(e, dict):
            continue
        e = {re.sub(r"[-_\s]", "", str(k)).lower(): v for k, v in e.items()}
        for key, label in (("ozgid", OZG_SERVICE), ("leikaid", LEIKA_SERVICE)):
            value = e.get(key)
            if value in (None, ""):
                continue
            value = str(value).strip()
            if value in members.keys(label):
                out.append((label, {"from": pid, "to": value, **prov}))
            else:
                report.note(f"{rel}: de.leika {key} {value} nicht im Datenbestand "
                            "(OZG-Katalog zuerst importieren).")
    return out


def _where(rel: str, line: int | None) -> str:
    return rel + (f", Zeile {line}" if line else "")


def _checked_node(checked: Any, strict: bool) -> dict[str, Any]:
    """The project node of a checked file; raises BadFile for a fatal (or, with
    ``strict``, any) rule break."""
    if checked.fatal is not None:
        raise checked.fatal
    if strict and checked.errors:
        first = checked.errors[0]
        more = len(checked.errors) - 1
        raise BadFile(first.line, first.field or None,
                      f"breaks {len(checked.errors)} rule(s) of the standard",
                      f"verstößt gegen den Standard: {first.message_de}"
                      + (f" (und {more} weitere Abweichungen)" if more else "")
                      + " (--strict)")
    return _project(checked)


def _note_findings(report: ImportReport, rel: str, checked: Any) -> None:
    for finding in checked.errors:
        report.note(f"{_where(rel, finding.line)}: {finding.text()}")
    remarks = len(checked.findings) - len(checked.errors)
    if remarks:
        count = "1 Hinweis" if remarks == 1 else f"{remarks} Hinweise"
        report.note(f"{rel}: {count} zum Standard "
                    "(veraltete Schlüssel u. Ä.; „kommunalgraph validate publiccode“ "
                    "zeigt sie)")


def _used_by_list(data: dict[str, Any], rel: str, report: ImportReport) -> list[Any]:
    used = data.get("usedBy") or []
    if isinstance(used, str):
        used = [used]
    if not isinstance(used, list):
        report.note(f"{rel}: usedBy ist keine Liste, ignoriert.")
        used = []
    return used


def _users(used: list[Any], rel: str, pid: str, matcher: UsedByMatcher, report: ImportReport,
           prov: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(label, PARTICIPATES_IN row) for every usedBy entry matched to a body, once each."""
    seen: set[tuple[str, str]] = set()
    for entry in used:
        text = str(entry).strip() if entry is not None else ""
        if PLACEHOLDER.match(text):
            report.skip(None, "usedBy-Platzhalter („...“)", f"{rel}: „{text}“")
            continue
        if FOREIGN_PREFIX.match(text):
            report.skip(None, "usedBy außerhalb Deutschlands", f"{rel}: „{text}“")
            continue
        name, extra = _clean_user(text)
        try:
            m = matcher.match(name)
        except Unresolved as e:
            report.skip(None, "usedBy nicht zugeordnet: " + e.reason,
                        f"{rel}: „{text}“" + (f" ({e.detail})" if e.detail
                                             and e.detail != name else ""))
            continue
        if (m.label, m.key) in seen:
            continue
        seen.add((m.label, m.key))
        if m.fuzzy:
            report.note(f"{rel}: usedBy „{text}“ unscharf als {m.name} ({m.key}) erkannt.")
        if extra:
            report.note(f"{rel}: usedBy „{text}“ → {m.name} ({m.key}); Zusatz "
                        f"„{extra}“ nicht ausgewertet.")
        yield m.label, {
            "from": m.key, "to": pid, "role": "user", "status": None,
            "certainty": "named",
            "note": "usedBy in publiccode.yml" + (f"; Zusatz: {extra}" if extra else "")
            + ("; unscharfer Namensabgleich" if m.fuzzy else ""),
            **prov,
        }


def plan(path: Path, store: GraphStore, *, strict: bool = False,
         matcher: UsedByMatcher | None = None) -> Plan:
    """Plan the import of one publiccode.yml file or a folder of them.

    ``strict``: refuse every file that breaks a rule of the standard.
    ``matcher``: the usedBy matcher to use (a benchmark reads its counts).
    """
    path = Path(path)
    folder_mode = path.is_dir()
    files = _files(path) if folder_mode else [path]
    root = path if folder_mode else path.parent
    index = _index(root)
    dataset = dataset_name(path)
    report = ImportReport(NAME, dataset)
    p = Plan(report)
    matcher = matcher or UsedByMatcher(store)
    projects: dict[str, dict[str, Any]] = {}
    uses: dict[str, list[dict[str, Any]]] = {
        MUNICIPALITY: [], DISTRICT: [], ASSOCIATION: [], ORGANISATION: []}
    implements: dict[str, list[dict[str, Any]]] = {OZG_SERVICE: [], LEIKA_SERVICE: []}
    for f in files:
        rel = f.relative_to(root).as_posix()
        report.read += 1
        checked = check_file(f)
        try:
            node = _checked_node(checked, strict)
        except BadFile as e:
            if not folder_mode:
                raise ImportFailed(str(f), e.line, e.field, e.problem, e.problem_de) from e
            report.skip(e.line, "Datei ungültig",
                        _where(rel, e.line)
                        + (f", Feld „{e.field}“" if e.field else "") + f": {e.problem_de}")
            continue
        data = checked.data or {}
        _note_findings(report, rel, checked)
        pid = node["id"]
        if pid in projects:
            report.skip(None, "Repository doppelt", f"{rel}: {pid}")
            continue
        info = index.get(rel, {})
        source = (f"https://github.com/{info['repo']}/blob/{info['commit']}/publiccode.yml"
                  if info.get("repo") and info.get("commit")
                  else node["repository_url"] + " (publiccode.yml)")
        prov = provenance(source, node["start_date"], NAME, dataset)
        projects[pid] = {**node, **prov}
        for label, row in _leika(data, rel, pid, matcher.members, report, prov):
            implements[label].append(row)
        for label, row in _users(_used_by_list(data, rel, report), rel, pid, matcher, report,
                                 prov):
            uses[label].append(row)
    p.add_nodes(PROJECT, projects.values())
    for label, rows in uses.items():
        p.add_relationships(PARTICIPATES_IN, label, PROJECT, rows)
    for label, rows in implements.items():
        p.add_relationships(IMPLEMENTS, PROJECT, label, rows)
    return without_nulls(p)
