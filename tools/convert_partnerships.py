#!/usr/bin/env python3
"""Convert the collected cooperation source files into kommunalgraph's project format.

Reads ``data/cooperation/partnerships.csv`` and ``partnerships_more.csv`` (the
source material as it was collected) and writes
``data/projects/cooperation_projects.csv`` and
``data/projects/cooperation_projects_more.csv`` in the documented format of
``docs/formats.md`` ("Projects").

The conversion restructures, it never adds facts:

* every row keeps its ``source`` URL, its ``as_of`` date, its ``project_id``
  and its ``note``; where a value was normalised (kind, role, level) the
  original wording is kept in ``note`` ("Quelle: …");
* ``kind`` is mapped to the normalised vocabulary (``KINDS``); the Smart-City
  rounds and the NRW model regions get their programme from the ``kind``
  text of the source ("MPSC staffel 2 / …" → programme "Modellprojekte Smart
  Cities");
* ``member_level`` ``verband`` takes its 9-digit key from the note
  ("Verband-ARS9 073315006"); a verband without a key is a Zweckverband or
  another body: it becomes ``organisation``, except Ämter, Verbands- and
  Samtgemeinden, which stay ``verband`` and are resolved by name at import;
* ``member_level`` ``none`` becomes ``organisation``, ``verband`` (Amt …,
  noted Verbandsgemeinde), ``gemeinde`` (Bremen) or ``unknown`` where the
  source itself says the level is unclear;
* ``source`` keeps every URL of the source cell, joined by `` ; `` (the
  importer stores them as a list); a repository file cited without a scheme
  ("github.com/o/r/publiccode.yml (releaseDate …)") becomes the repository's
  URL, and the file and date move to ``note``;
* the few English remarks of the collection in ``note`` are put in German
  from a fixed table (``NOTE_DE``), word for word, nothing added;
* a note saying the membership is only announced or uncertain sets
  ``status``/``certainty`` (``UNCERTAIN``); everything else is ``named``
  (the source names the member) with an empty status (not stated).

Run from the repository root: ``python tools/convert_partnerships.py``.
The output is deterministic; re-running changes nothing.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "data" / "cooperation"
OUT = ROOT / "data" / "projects"

COLUMNS = [
    "project_id", "project_name", "kind", "programme", "status", "open_source", "licence",
    "repository_url", "start_date", "member", "member_level", "member_key", "land", "role",
    "certainty", "as_of", "source", "note",
]

MPSC = re.compile(r"^MPSC staffel (\d)\s*/\s*(.+)$", re.IGNORECASE)

#: source kind (exact) → (normalised kind, programme or None, open_source or "")
KINDS: dict[str, tuple[str, str | None, str]] = {
    "Digitale Modellregionen NRW 2018-2023": ("digital-region", "Digitale Modellregionen NRW", ""),
    "shared e-Akte / Kompetenzzentrum": ("e-akte", None, ""),
    "shared open-source city app": ("city-app", None, "true"),
    "interkommunale Kooperation": ("cooperation", None, ""),
    "Landesprogramm": ("state-funding", None, ""),
    "Bundesprogramm": ("federal-funding", None, ""),
    "gemeinsame Software": ("software", None, ""),
}
#: per project: kind where the project id says more than the source kind
KIND_BY_PROJECT = {"SVA": "village-app"}
#: licence stated in the source's own project name (never looked up elsewhere)
LICENCE_IN_NAME = re.compile(r"\b(GPL-3\.0|EUPL-1\.2|AGPL-3\.0|MIT)\b")

ROLES = {
    "lead", "partner", "adopter", "founder", "operator", "winner", "member", "user",
    "co-developer",
}
ROLE_MAP = {
    "lead/developer+operator": "lead",
    "lead (copyright owner)": "lead",
    "IT-Dienstleister": "it-provider",
}

VERBAND_KEY = re.compile(r"ARS9 (\d{9})")
VERBAND_NAME = re.compile(r"^(Amt|Verbandsgemeinde|Samtgemeinde|Gemeindeverwaltungsverband)\b")

#: a note that makes the membership announced-only or uncertain → (status, certainty)
UNCERTAIN: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"in Vorbereitung|geplant|beantragt", re.I), "planned", "announced"),
    (re.compile(r"bald auch|angekuendigt\b(?!e)|Beitritt \d{4} angekuendigt", re.I),
     "planned", "announced"),
    (re.compile(r"aber nicht in der .*Liste", re.I), "uncertain", "uncertain"),
    (re.compile(r"vermutlich|nicht verifiziert|nicht eindeutig|Ebene unklar|"
                r"nicht beim Ministerium gegengeprueft|nicht explizit in Quelle", re.I),
     "", "uncertain"),
]
#: "bis Dez. 2023" ends the membership; "Koordinierende VG … bis Ende 2023" only a role
COMPLETED = re.compile(r"(?<!Koordinierende VG Dez. 2020 )\bbis Dez\. ?\d{4}")


#: English remarks of the collected notes → German (same content)
NOTE_DE: dict[str, str] = {
    "Ennepetal and Breckerfeld not on board per WAZ 2018":
        "Ennepetal und Breckerfeld laut WAZ 2018 nicht beteiligt",
    "partnership reportedly ~20 cities (regio iT); only named members listed":
        "Partnerschaft laut regio iT mit etwa 20 Städten; nur namentlich genannte "
        "Mitglieder aufgeführt",
    "Arneburg-Goldbeck is a Verbandsgemeinde (ST), not a Gemeinde":
        "Arneburg-Goldbeck ist eine Verbandsgemeinde (ST), keine Gemeinde",
    "named in the article as cities jointly developing an open-source based city app; "
    "no further source found":
        "im Artikel als Städte genannt, die gemeinsam eine Open-Source-basierte Stadt-App "
        "entwickeln; keine weitere Quelle gefunden",
    "source says 'Horb'": "Quelle schreibt „Horb“",
}

#: a repository file cited without scheme: "github.com/owner/repo/file (detail)"
REPO_FILE = re.compile(r"^github\.com/([\w.-]+/[\w.-]+)/(\S+?)(?:\s+\((.+)\))?$")


def normalise_source(source: str, note: str) -> tuple[str, str]:
    """``(source, note)`` with every URL joined by `` ; `` and no scheme-less file citation.

    >>> normalise_source("github.com/o/r/publiccode.yml (releaseDate 2024-06-28)", "x")
    ('https://github.com/o/r', 'x; Quelle: publiccode.yml im Repository (releaseDate 2024-06-28)')
    >>> normalise_source("https://a.de ;https://b.de", "")
    ('https://a.de ; https://b.de', '')
    """
    m = REPO_FILE.match(source.strip())
    if m:
        detail = f" ({m.group(3)})" if m.group(3) else ""
        return (f"https://github.com/{m.group(1)}",
                _append(note, f"Quelle: {m.group(2)} im Repository{detail}"))
    parts = [p.strip() for p in re.split(r"\s*;\s*(?=https?://)", source.strip())]
    return " ; ".join(p for p in parts if p), note


def _append(note: str, extra: str) -> str:
    return f"{note}; {extra}" if note else extra


def convert_row(r: dict[str, str], line: int, fname: str) -> dict[str, str]:
    note = r.get("note", "").strip()
    for english, german in NOTE_DE.items():
        note = note.replace(english, german)
    kind_src = r["kind"].strip()
    programme = (r.get("programme") or "").strip()
    open_source, licence = "", ""
    m = MPSC.match(kind_src)
    if m:
        kind, programme_k = "smart-city", "Modellprojekte Smart Cities"
        note = _append(note, f"Staffel {m.group(1)}, Kategorie: {m.group(2)}")
    elif kind_src in KINDS:
        kind, programme_k, open_source = KINDS[kind_src]
    else:
        raise SystemExit(f"{fname}:{line}: unknown kind {kind_src!r}: extend KINDS")
    programme = programme or programme_k or ""
    kind = KIND_BY_PROJECT.get(r["project_id"], kind)
    if programme.startswith("OZG-Modellkommunen"):
        kind = "ozg-service"
    lic = LICENCE_IN_NAME.search(r["project_name"])
    if lic:
        licence, open_source = lic.group(1), "true"

    role_src = r["role"].strip()
    role = ROLE_MAP.get(role_src, role_src)
    if role not in ROLES and role != "it-provider":
        raise SystemExit(f"{fname}:{line}: unknown role {role_src!r}: extend ROLE_MAP")
    if role != role_src:
        note = _append(note, f"Rolle laut Quelle: {role_src}")

    member = r["member"].strip()
    level = r["member_level"].strip()
    key = r["ags_or_kreis"].strip()
    status, certainty = "", "named"
    if level == "verband":
        km = VERBAND_KEY.search(note)
        if km:
            key = km.group(1)
        elif not VERBAND_NAME.match(member):
            level = "organisation"
    elif level == "none":
        if "Ebene unklar" in note or "nicht eindeutig" in note:
            level = "unknown"
        elif VERBAND_NAME.match(member) or "Verbandsgemeinde" in note:
            level = "verband"
        elif member.startswith("Bremen ("):
            level = "gemeinde"
            note = _append(note, f"Quelle nennt „{member}“ ohne Ebene; als Stadtgemeinde "
                                 "Bremen eingeordnet")
            member = "Bremen"
            certainty = "uncertain"
        else:
            level = "organisation"
    elif level not in ("gemeinde", "kreis"):
        raise SystemExit(f"{fname}:{line}: unknown member_level {level!r}")
    # the Land hint: taken from the key where there is one (the source's land
    # column is 12 for every Smart Village App user, even Kiel or Detmold)
    land = key[:2] if key else r.get("land", "").strip()
    if member == "Bremen" and land != "04":
        note = _append(note, f"Landesangabe der Quelle ({land}) passt nicht zu Bremen, "
                             "weggelassen")
        land = ""
    if r["member_level"].strip() != level:
        note = _append(note, f"Ebene laut Quelle: {r['member_level'].strip()}")

    for pattern, st, cert in UNCERTAIN:
        if pattern.search(note):
            status = status or st
            certainty = cert if certainty == "named" else certainty
            break
    if not status and COMPLETED.search(note):
        status = "completed"
    source, note = normalise_source(r["source"], note)

    return {
        "project_id": r["project_id"].strip(),
        "project_name": r["project_name"].strip(),
        "kind": kind,
        "programme": programme,
        "status": status,
        "open_source": open_source,
        "licence": licence,
        "repository_url": "",
        "start_date": "",
        "member": member,
        "member_level": level,
        "member_key": key,
        "land": land,
        "role": role,
        "certainty": certainty,
        "as_of": r["as_of"].strip(),
        "source": source,
        "note": note,
    }


def convert(src: Path, dst: Path) -> int:
    with src.open(encoding="utf-8", newline="") as f:
        rows = [convert_row(r, i + 2, src.name) for i, r in enumerate(csv.DictReader(f))]
    dst.parent.mkdir(parents=True, exist_ok=True)
    with dst.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return len(rows)


def main() -> int:
    for src, dst in (("partnerships.csv", "cooperation_projects.csv"),
                     ("partnerships_more.csv", "cooperation_projects_more.csv")):
        n = convert(SRC / src, OUT / dst)
        print(f"{src} → data/projects/{dst}: {n} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
