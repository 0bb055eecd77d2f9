"""Topic rules: link projects to OZG Themenfelder and OZG-Leistungen.

The rule file (``data/ozg/topic_rules.csv``, format in ``docs/formats.md``,
"Topic rules") lists one rule per line: a regular expression over one text of
a project, the Themenfeld and/or the OZG-Leistung it stands for, and the
German reason. The importer reads the projects already in the store (name,
kind, description, publiccode.yml ``categories``, programme name and the note
of every membership, through ``graph/cypher/topic_projects.cypher``) and the
OZG catalogue, and writes for every project that a rule matches

* ``(:Project)-[:IMPLEMENTS]->(:ServiceArea)`` for the Themenfeld (given, or the
  Themenfeld of the OZG-Leistung), and
* ``(:Project)-[:IMPLEMENTS]->(:OZGService)`` where the rule names a Leistung,

each with ``certainty: derived``, a ``note`` naming the rule(s), the field and
the text that matched, and the provenance of the matched fact (the project's
or the membership's source and date). Links the German publiccode.yml
extension states (``de.leika``) are written by the publiccode importer and are
not derived.

Every rule is checked before anything is written: an unknown field, a pattern
that is no valid regular expression, a Themenfeld or OZG-ID the imported
catalogue does not know, a Leistung that belongs to another Themenfeld than
the one given, an empty reason or a repeated rule id raise
:class:`~kommunalgraph.graph.errors.ImportFailed` with file, line and field.

Run it after the projects and publiccode imports (``import bundled`` does);
re-importing projects drops their links, so run it again afterwards.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..graph.errors import ImportFailed
from ..graph.resolve import load_cypher, normalise
from ..graph.schema import IMPLEMENTS, OZG_SERVICE, PROJECT, SERVICE_AREA
from ..graph.store import GraphStore
from .base import ImportReport, Plan, dataset_name, provenance
from .ozg import read_csv
from .sources import is_url

NAME = "topics"
#: the German help line of ``kommunalgraph import topics``
HELP_DE = ("Themen-Regeln (CSV): ordnet Projekte im Datenbestand OZG-Themenfeldern und "
           "-Leistungen zu (abgeleitet, mit Regel und Quelle).")

COLUMNS = ("rule_id", "field", "pattern", "themenfeld", "ozg_id", "reason")
REQUIRED = ("rule_id", "field", "pattern", "reason")
#: rule field → German name (the texts of a project a rule can read)
FIELDS = {
    "name": "Projektname",
    "kind": "Projektart",
    "description": "Beschreibung",
    "programme": "Programm",
    "note": "Anmerkung zur Mitgliedschaft",
    "category": "publiccode.yml-Kategorie",
}
RULE_ID = re.compile(r"^[A-Za-z0-9][\w.-]*$")
#: characters of context around a match in the note
CONTEXT = 40


@dataclass(frozen=True)
class Rule:
    id: str
    line: int
    field: str
    pattern: re.Pattern[str]
    area: str
    ozg_id: str | None
    reason: str


def _catalogue(store: GraphStore, path: Path) -> tuple[dict[str, str], dict[str, str],
                                                        dict[str, str]]:
    """Themenfeld name (normalised) → id, id → name, OZG-ID → Themenfeld id."""
    rows = store.run(load_cypher("topic_catalogue"))
    if not rows:
        raise ImportFailed(str(path), None, None, "OZG catalogue not imported",
                           "Der OZG-Katalog fehlt im Datenbestand; bitte zuerst "
                           "„kommunalgraph import ozg“ ausführen.")
    by_name, names, area_of = {}, {}, {}
    for r in rows:
        by_name[normalise(r["area_name"] or "")] = r["area"]
        names[r["area"]] = (r["area_name"] or r["area"]).strip()
        if r["ozg_id"]:
            area_of[r["ozg_id"]] = r["area"]
    return by_name, names, area_of


def read_rules(path: Path, store: GraphStore) -> list[Rule]:
    """The rules of ``path``, each checked against the catalogue in ``store``."""
    path = Path(path)
    by_name, names, area_of = _catalogue(store, path)
    rules: list[Rule] = []
    seen: dict[str, int] = {}
    for line, row in read_csv(path, REQUIRED):
        def fail(field: str, problem: str, problem_de: str) -> ImportFailed:
            return ImportFailed(str(path), line, field, problem, problem_de)  # noqa: B023

        for col in REQUIRED:
            if not row.get(col):
                raise fail(col, "required field empty", "Pflichtfeld ist leer.")
        rid = row["rule_id"]
        if not RULE_ID.match(rid):
            raise fail("rule_id", f"bad rule id {rid!r}",
                       f"Ungültige Regel-ID „{rid}“ (Buchstaben, Ziffern, - _ .).")
        if rid in seen:
            raise fail("rule_id", f"rule id {rid!r} repeated",
                       f"Regel-ID „{rid}“ steht schon in Zeile {seen[rid]}.")
        seen[rid] = line
        field = row["field"]
        if field not in FIELDS:
            raise fail("field", f"unknown field {field!r}",
                       f"Unbekanntes Feld „{field}“; erlaubt: {', '.join(FIELDS)}.")
        try:
            pattern = re.compile(row["pattern"], re.IGNORECASE)
        except re.error as e:
            raise fail("pattern", f"invalid regular expression: {e}",
                       "Kein gültiger regulärer Ausdruck (Fehler an Stelle "
                       f"{(e.pos or 0) + 1}).") from e
        ozg_id = row.get("ozg_id") or None
        area = None
        if row.get("themenfeld"):
            area = by_name.get(normalise(row["themenfeld"]))
            if area is None:
                raise fail("themenfeld", f"unknown Themenfeld {row['themenfeld']!r}",
                           f"Themenfeld „{row['themenfeld']}“ nicht im OZG-Katalog; "
                           f"bekannt: {', '.join(sorted(names.values()))}.")
        if ozg_id:
            if ozg_id not in area_of:
                raise fail("ozg_id", f"unknown OZG service {ozg_id!r}",
                           f"Keine OZG-Leistung mit der ID „{ozg_id}“ im OZG-Katalog.")
            if area is not None and area_of[ozg_id] != area:
                raise fail("themenfeld", "Themenfeld does not match the OZG service",
                           f"Die OZG-Leistung {ozg_id} gehört zum Themenfeld "
                           f"„{names[area_of[ozg_id]]}“, nicht zu „{names[area]}“.")
            area = area_of[ozg_id]
        if area is None:
            raise fail("themenfeld", "neither Themenfeld nor OZG service given",
                       "Bitte ein Themenfeld oder eine OZG-ID angeben.")
        rules.append(Rule(rid, line, field, pattern, area, ozg_id, row["reason"]))
    return rules


@dataclass
class _Texts:
    """What the rules read of one project: field → [(text, source, as_of)]."""

    texts: dict[str, list[tuple[str, str | None, str | None]]]


def _projects(store: GraphStore) -> dict[str, _Texts]:
    out: dict[str, _Texts] = {}
    for r in store.run(load_cypher("topic_projects")):
        p = out.setdefault(str(r["id"]), _Texts(defaultdict(list)))
        own = (r["source"], r["as_of"])
        values: list[tuple[str, Any, tuple[Any, Any]]] = [
            ("name", r["name"], own), ("kind", r["kind"], own),
            ("description", r["description"], own), ("programme", r["programme"], own),
            ("note", r["note"], (r["note_source"] or r["source"],
                                 r["note_as_of"] or r["as_of"])),
        ]
        values += [("category", c, own) for c in r["categories"] or []]
        for field, text, (source, as_of) in values:
            if text and (str(text), source, as_of) not in p.texts[field]:
                p.texts[field].append((str(text), source, as_of))
    return out


def _excerpt(text: str, m: re.Match[str]) -> str:
    a, b = max(0, m.start() - CONTEXT), min(len(text), m.end() + CONTEXT)
    return ("…" if a else "") + text[a:b].strip() + ("…" if b < len(text) else "")


def plan(path: Path, store: GraphStore) -> Plan:
    path = Path(path)
    dataset = dataset_name(path)
    report = ImportReport(NAME, dataset)
    rules = read_rules(path, store)
    report.read = len(rules)
    projects = _projects(store)
    # (label, project, target) → [(rule, field, excerpt, source, as_of)]
    links: dict[tuple[str, str, str], list[tuple[Rule, str, str, Any, Any]]] = {}
    used: set[str] = set()
    for pid in sorted(projects):
        texts = projects[pid].texts
        for rule in rules:
            for text, source, as_of in texts.get(rule.field, ()):
                m = rule.pattern.search(text)
                if not m:
                    continue
                used.add(rule.id)
                hit = (rule, rule.field, _excerpt(text, m), source, as_of)
                targets = [(SERVICE_AREA, rule.area)]
                if rule.ozg_id:
                    targets.append((OZG_SERVICE, rule.ozg_id))
                for label, key in targets:
                    links.setdefault((label, pid, key), []).append(hit)
                break  # one matching text per rule and project is enough
    rows: dict[str, list[dict[str, Any]]] = {SERVICE_AREA: [], OZG_SERVICE: []}
    for (label, pid, key), hits in sorted(links.items()):
        rows[label].append(_row(pid, key, hits, dataset))
    for rule in rules:
        if rule.id not in used:
            report.note(f"Regel {rule.id} (Zeile {rule.line}) trifft auf kein Projekt zu.")
    p = Plan(report)
    for label, batch in rows.items():
        p.add_relationships(IMPLEMENTS, PROJECT, label, batch)
    return p


def _row(pid: str, key: str, hits: list[tuple[Rule, str, str, Any, Any]],
         dataset: str) -> dict[str, Any]:
    notes, urls, texts, dates = [], [], [], []
    for rule, field, excerpt, source, as_of in hits:
        notes.append(f"Regel {rule.id} ({dataset}), {FIELDS[field]} „{excerpt}“: "
                     f"{rule.reason}")
        if source and is_url(str(source)):
            if source not in urls:
                urls.append(str(source))
        elif source and source not in texts:
            texts.append(str(source))
        if as_of:
            dates.append(str(as_of))
    source = urls[0] if urls else (texts[0] if texts else dataset)
    return {"from": pid, "to": key, "certainty": "derived", "note": " | ".join(notes),
            **provenance(source, max(dates) if dates else None, NAME, dataset),
            "sources": urls or None}
