"""Self-reported municipality profiles (CSV or YAML, see docs/formats.md "Profiles").

A profile says which roles a municipality has (CDO, Digitalisierungsbeauftragte
…, optionally with a contact person), which e-government components it uses,
whether it has a digital strategy and who owns it ("chefsache" = the mayor),
its ÖFIT/KGSt municipality type and its participation tools, answered on a
date. It becomes ``HAS_ROLE``, ``USES``, ``HAS_TYPE`` and ``OFFERS`` edges to
the reference vocabulary (:mod:`.vocabulary`) and the Municipality properties
``has_strategy``, ``strategy_owner``, ``profile_source``, ``profile_as_of``.

Personal data: a contact's name and e-mail are stored only when the row says
``consent: true``; otherwise they are dropped (and the drop is reported).

Every value is checked before anything is written; an unknown role, component,
tool or type id, a bad AGS, date, boolean or e-mail raises ``ImportFailed``
with file, line and field. Municipalities not in the store, or names that are
ambiguous, are reported as skips; fuzzy name matches as notes.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from ..graph import safe_yaml
from ..graph.errors import ImportFailed
from ..graph.schema import (
    EGOV_COMPONENT,
    HAS_ROLE,
    HAS_TYPE,
    MUNICIPALITY,
    MUNICIPALITY_TYPE,
    OFFERS,
    PARTICIPATION_TOOL,
    ROLE,
    USES,
)
from ..graph.store import GraphStore
from . import vocabulary
from .base import ImportReport, Plan, dataset_name, provenance
from .members import Members, Unresolved, without_nulls
from .ozg import read_csv
from .sources import is_date

NAME = "profiles"
#: the German help line of ``kommunalgraph import profiles``
HELP_DE = "Selbstauskünfte von Kommunen (Rollen, Komponenten, Typ)."
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
BOOLS = {"true": True, "ja": True, "yes": True, "1": True,
         "false": False, "nein": False, "no": False, "0": False}
CSV_REQUIRED = ("answered_at",)
LISTS = {"roles": vocabulary.ROLES, "components": vocabulary.EGOV_COMPONENTS,
         "participation": vocabulary.PARTICIPATION_TOOLS}


class _Fail(Exception):
    def __init__(self, field: str, problem: str, problem_de: str) -> None:
        super().__init__(problem)
        self.field, self.problem, self.problem_de = field, problem, problem_de


def _bool(value: Any, field: str) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    v = str(value).strip().lower()
    if v not in BOOLS:
        raise _Fail(field, f"not a boolean: {value!r}",
                    f"Kein Wahrheitswert: „{value}“ (true/false, ja/nein).")
    return BOOLS[v]


def _ids(value: Any, field: str) -> list[str]:
    if value is None or value == "":
        return []
    items = value if isinstance(value, list) else re.split(r"[;|]", str(value))
    out = []
    for item in items:
        i = str(item).strip()
        if not i:
            continue
        if i not in LISTS[field]:
            raise _Fail(field, f"unknown id {i!r}",
                        f"Unbekannter Eintrag „{i}“ (erlaubt: {', '.join(LISTS[field])}).")
        out.append(i)
    return out


def _identity(raw: dict[str, Any]) -> tuple[str, str, str]:
    """AGS, name and Land key of a profile (checked)."""
    ags = str(raw.get("ags") or "").strip()
    name = str(raw.get("name") or "").strip()
    if ags and not re.match(r"^[0-9]{8}$", ags):
        raise _Fail("ags", f"not an 8-digit AGS: {ags!r}", f"Kein achtstelliger AGS: „{ags}“.")
    if not ags and not name:
        raise _Fail("ags", "neither ags nor name given", "Weder AGS noch Name angegeben.")
    land = str(raw.get("land") or "").strip()
    if land and not re.match(r"^[0-9]{2}$", land):
        raise _Fail("land", "not a 2-digit Land key", "Kein zweistelliger Landesschlüssel.")
    return ags, name, land


def _answered(raw: dict[str, Any]) -> str:
    answered = raw.get("answered_at")
    if isinstance(answered, dt.date):
        answered = answered.isoformat()
    answered = str(answered or "").strip()
    if not (DATE.match(answered) and is_date(answered)):
        raise _Fail("answered_at", "not a date YYYY-MM-DD", "Kein Datum (JJJJ-MM-TT).")
    return answered


def _roles(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """Roles as a list of entries (``roles: [{role, title, contact_…}]``) or as ids
    with one contact (``roles: [cdo, …]`` plus ``contact_role`` and ``contact_…``)."""
    raw_roles = raw.get("roles")
    if isinstance(raw_roles, list) and any(isinstance(r, dict) for r in raw_roles):
        roles = []
        for r in raw_roles:
            r = r if isinstance(r, dict) else {"role": r}
            if not r.get("role"):
                raise _Fail("roles", "role entry without role id", "Rolleneintrag ohne „role“.")
            roles.append(_contact(_ids([r["role"]], "roles")[0], r))
        return roles
    ids = _ids(raw_roles, "roles")
    contact_role = str(raw.get("contact_role") or "").strip()
    if contact_role and contact_role not in ids:
        raise _Fail("contact_role", "contact_role is not one of roles",
                    "„contact_role“ steht nicht in „roles“.")
    return [_contact(rid, {
        "title": raw.get("contact_title"), "contact_name": raw.get("contact_name"),
        "contact_email": raw.get("contact_email"), "consent": raw.get("consent"),
    } if rid == contact_role else {}) for rid in ids]


def _normalise(raw: dict[str, Any]) -> dict[str, Any]:
    """Check one profile (from CSV or YAML) and return it in one shape."""
    ags, name, land = _identity(raw)
    answered = _answered(raw)
    mtype = str(raw.get("type") or "").strip()
    if mtype and mtype not in vocabulary.MUNICIPALITY_TYPES:
        raise _Fail("type", f"unknown type {mtype!r}",
                    "Unbekannter Kommunentyp (erlaubt: "
                    + ", ".join(vocabulary.MUNICIPALITY_TYPES) + ").")
    owner = str(raw.get("strategy_owner") or "").strip().lower() or None
    roles = _roles(raw)
    return {
        "ags": ags, "name": name, "land": land or None, "answered_at": answered,
        "source": str(raw.get("source") or "").strip() or "Selbstauskunft der Kommune",
        "has_strategy": _bool(raw.get("has_strategy"), "has_strategy"),
        "strategy_owner": owner, "type": mtype or None, "roles": roles,
        "components": _ids(raw.get("components"), "components"),
        "participation": _ids(raw.get("participation"), "participation"),
    }


def _contact(rid: str, r: dict[str, Any]) -> dict[str, Any]:
    email = str(r.get("contact_email") or "").strip() or None
    if email and not EMAIL.match(email):
        raise _Fail("contact_email", "not an e-mail address", "Keine E-Mail-Adresse.")
    return {"role": rid, "title": str(r.get("title") or "").strip() or None,
            "contact_name": str(r.get("contact_name") or "").strip() or None,
            "contact_email": email, "consent": _bool(r.get("consent"), "consent")}


def _read(path: Path) -> list[tuple[int | None, dict[str, Any]]]:
    if path.suffix.lower() in (".yml", ".yaml"):
        data = safe_yaml.load_file(path)  # ImportFailed with file and line
        items = data.get("profiles") if isinstance(data, dict) else data
        if not isinstance(items, list):
            raise ImportFailed(str(path), 1, "profiles", "expected a list of profiles",
                               "Erwartet wird eine Liste „profiles“.")
        # line numbers: the n-th "- " item at the list's indentation
        lines = path.read_text("utf-8").splitlines()
        starts = [i + 1 for i, t in enumerate(lines) if re.match(r"^\s*-\s+\S", t)
                  and (len(t) - len(t.lstrip())) <= 2]
        out = []
        for n, item in enumerate(items):
            if not isinstance(item, dict):
                raise ImportFailed(str(path), starts[n] if n < len(starts) else None, None,
                                   "profile is not a mapping", "Profil ist keine Zuordnung.")
            out.append((starts[n] if n < len(starts) else None, item))
        return out
    return list(read_csv(path, CSV_REQUIRED))


def plan(path: Path, store: GraphStore) -> Plan:
    path = Path(path)
    dataset = dataset_name(path)
    report = ImportReport(NAME, dataset)
    p = Plan(report)
    profiles = []
    for line, raw in _read(path):
        try:
            profiles.append((line, _normalise(raw)))
        except _Fail as e:
            raise ImportFailed(str(path), line, e.field, e.problem, e.problem_de) from e
    report.read = len(profiles)

    members = Members(store)
    if any(not members.keys(label) for label in
           (MUNICIPALITY_TYPE, ROLE, EGOV_COMPONENT, PARTICIPATION_TOOL)):
        p.nodes.extend(vocabulary.plan().nodes)  # the edges need their end nodes
    updates: dict[str, dict[str, Any]] = {}
    has_type, has_role, uses, offers = [], [], [], []
    for line, pr in profiles:
        try:
            if pr["ags"]:
                m = members.by_key("gemeinde", pr["ags"])
            else:
                m = members.municipality(pr["name"], land=pr["land"])
        except Unresolved as e:
            report.skip(line, e.reason, pr["ags"] or pr["name"])
            continue
        if m.fuzzy:
            report.note(f"Zeile {line}: „{pr['name']}“ unscharf als {m.name} ({m.key}) erkannt.")
        if m.key in updates:
            report.skip(line, "Kommune hat schon ein Profil in dieser Datei", m.key)
            continue
        prov = provenance(pr["source"], pr["answered_at"], NAME, dataset)
        updates[m.key] = {"ags": m.key, "has_strategy": pr["has_strategy"],
                          "strategy_owner": pr["strategy_owner"],
                          "profile_source": pr["source"], "profile_as_of": pr["answered_at"]}
        if pr["type"]:
            has_type.append({"from": m.key, "to": pr["type"],
                             "answered_at": pr["answered_at"], **prov})
        for r in pr["roles"]:
            row = {"from": m.key, "to": r["role"], "title": r["title"],
                   "consent": bool(r["consent"]), **prov}
            if r["consent"]:
                row["contact_name"], row["contact_email"] = r["contact_name"], r["contact_email"]
            elif r["contact_name"] or r["contact_email"]:
                report.note(f"Zeile {line}: Kontaktdaten zur Rolle „{r['role']}“ ohne "
                            "Einwilligung (consent) nicht gespeichert.")
            has_role.append(row)
        uses += [{"from": m.key, "to": c, **prov} for c in pr["components"]]
        offers += [{"from": m.key, "to": t, **prov} for t in pr["participation"]]
    p.add_updates(MUNICIPALITY, updates.values())
    p.add_relationships(HAS_TYPE, MUNICIPALITY, MUNICIPALITY_TYPE, has_type)
    p.add_relationships(HAS_ROLE, MUNICIPALITY, ROLE, has_role)
    p.add_relationships(USES, MUNICIPALITY, EGOV_COMPONENT, uses)
    p.add_relationships(OFFERS, MUNICIPALITY, PARTICIPATION_TOOL, offers)
    return without_nulls(p)
