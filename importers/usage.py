"""What the component and participation importers share: the component and
platform nodes, the date and year checks, and the merging of ``USES`` facts.

A body (municipality, Kreis or Gemeindeverband) ``USES`` a component
(``EGovComponent``: Ratsinformationssystem, Open-Data-Portal) or a
participation tool (``ParticipationTool``: Mängelmelder, Bürgerhaushalt). A
body on a platform that several bodies share (Maerker Brandenburg, Klarschiff,
offenesdatenportal.de) is also ``ON_PLATFORM`` of a :Platform node: the
cooperation tie that the ecosystem view shows.

Several rows about the same body and component in one file (two sources, or
the eleven Berlin borough councils) become one fact: its years span all rows,
its ``sources`` list every URL, differing products are joined with " / ".
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..graph.errors import ImportFailed
from ..graph.schema import EGOV_COMPONENT, ON_PLATFORM, PARTICIPATION_TOOL, PLATFORM, USES
from .base import Plan, provenance
from .sources import is_date, split_sources
from .vocabulary import PARTICIPATION_TOOLS

__all__ = ["COMPONENTS", "TOOLS", "PLATFORMS", "source_date", "year", "sources_of",
           "Facts"]

#: EGovComponent id → (name, kind): the digital infrastructure beside the
#: study's nine base components (which :mod:`.vocabulary` writes)
COMPONENTS: dict[str, tuple[str, str]] = {
    "ratsinformationssystem": ("Ratsinformationssystem", "digital-infrastructure"),
    "open-data-portal": ("Open-Data-Portal", "digital-infrastructure"),
}
#: ParticipationTool ids these importers write (names from the vocabulary)
TOOLS: tuple[str, ...] = ("maengelmelder", "buergerhaushalt")

#: Platform id → (name, component id, url or None). Only platforms that the
#: source files name; the url is the one the files give.
PLATFORMS: dict[str, tuple[str, str, str | None]] = {
    "offenesdatenportal-de": ("offenesdatenportal.de", "open-data-portal",
                              "https://www.offenesdatenportal.de"),
    "maerker-brandenburg": ("Maerker Brandenburg", "maengelmelder",
                            "https://maerker.brandenburg.de"),
    "klarschiff": ("Klarschiff", "maengelmelder", None),
    "sags-doch": ("Sag's doch", "maengelmelder", "https://sags-doch.de"),
    "sags-uns-einfach": ("Sag's uns einfach", "maengelmelder", "https://sagsunseinfach.de"),
}

_DATE = re.compile(r"^([0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?)\b")
_CIRCA = re.compile(r"c\. (\d{4})")
_YEAR = re.compile(r"^[0-9]{4}$")


def source_date(path: Path, line: int, field: str, text: str) -> tuple[str | None, str | None]:
    """``(as_of, remark)`` of a ``source_date`` cell.

    >>> source_date(Path("f"), 2, "d", "2015-01 (undated PDF copy; event 2015-01-20)")
    ('2015-01', None)
    >>> source_date(Path("f"), 2, "d", "n.d. (c. 2022)")
    (None, 'Seite ohne Datum (etwa 2022)')
    """
    text = text.strip()
    m = _DATE.match(text)
    if m and is_date(m.group(1)):
        return m.group(1), None
    if text.startswith("n.d."):
        c = _CIRCA.search(text)
        return None, "Seite ohne Datum" + (f" (etwa {c.group(1)})" if c else "")
    raise ImportFailed(str(path), line, field, f"not a date: {text!r}",
                       f"Kein Datum: „{text}“ (JJJJ, JJJJ-MM, JJJJ-MM-TT oder n.d.).")


def year(path: Path, line: int, field: str, text: str) -> str | None:
    """A four-digit year or ``None`` for an empty cell."""
    text = text.strip()
    if not text:
        return None
    if not _YEAR.match(text):
        raise ImportFailed(str(path), line, field, f"not a year: {text!r}",
                           f"Keine Jahreszahl: „{text}“ (vier Ziffern).")
    return text


def sources_of(path: Path, line: int, field: str, cell: str) -> list[str]:
    """The URLs of a source cell; at least one, each valid."""
    try:
        _, urls = split_sources(cell)
    except ValueError as e:
        raise ImportFailed(str(path), line, field, f"not one valid URL: {e}",
                           f"Keine gültige Adresse: „{e}“.") from None
    if not urls:
        raise ImportFailed(str(path), line, field, "no source URL",
                           "Keine Quelladresse angegeben (Pflichtfeld).")
    return urls


def _join(values: list[str]) -> str | None:
    out: list[str] = []
    for v in values:
        if v and v not in out:
            out.append(v)
    return " / ".join(out) or None


class Facts:
    """``USES`` and ``ON_PLATFORM`` facts of one file, merged per body and target."""

    def __init__(self, importer: str, dataset: str) -> None:
        self.importer, self.dataset = importer, dataset
        self._uses: dict[tuple[str, str, str, str], dict[str, Any]] = {}
        self._platforms: dict[tuple[str, str, str], dict[str, Any]] = {}

    def use(self, label: str, key: str, target_label: str, target: str, *,
            urls: list[str], as_of: str | None, line: int, **props: Any) -> None:
        """Add one row's fact; props are USES properties (None = not stated)."""
        k = (label, key, target_label, target)
        fact = self._uses.setdefault(k, {"rows": [], "urls": [], "as_of": []})
        fact["rows"].append(props)
        fact["urls"] += [u for u in urls if u not in fact["urls"]]
        fact["as_of"].append(as_of)
        fact.setdefault("line", line)

    def platform(self, label: str, key: str, platform: str, *, urls: list[str],
                 as_of: str | None, **props: Any) -> None:
        k = (label, key, platform)
        fact = self._platforms.setdefault(k, {"rows": [], "urls": [], "as_of": []})
        fact["rows"].append(props)
        fact["urls"] += [u for u in urls if u not in fact["urls"]]
        fact["as_of"].append(as_of)

    def __len__(self) -> int:
        return len(self._uses)

    def _prov(self, fact: dict[str, Any]) -> dict[str, Any]:
        dates = sorted(d for d in fact["as_of"] if d)
        prov = provenance(fact["urls"][0], dates[-1] if dates else None, self.importer,
                          self.dataset)
        prov["sources"] = fact["urls"]
        return prov

    @staticmethod
    def _merged(rows: list[dict[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for col in {c for r in rows for c in r}:
            values = [r.get(col) for r in rows if r.get(col) is not None]
            if not values:
                out[col] = None
            elif col == "known_since":
                out[col] = min(values)
            elif col == "known_until":
                out[col] = max(values)
            elif col == "historical":
                out[col] = all(values)
            elif col == "certainty":
                # the surest statement wins: one named row makes the fact named
                order = ("named", "derived", "uncertain", "announced")
                out[col] = min(values, key=lambda v: order.index(v) if v in order else 9)
            elif col == "note":
                out[col] = "; ".join(dict.fromkeys(values))
            elif col in ("url", "api_url", "product_basis"):
                out[col] = values[0]
            else:
                out[col] = _join(values)
        return out

    def add_to(self, plan: Plan) -> None:
        """The merged facts as relationship batches of ``plan``."""
        uses: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for (label, key, tlabel, target), fact in sorted(self._uses.items()):
            row = {"from": key, "to": target, **self._merged(fact["rows"]),
                   **self._prov(fact)}
            uses.setdefault((label, tlabel), []).append(row)
        for (label, tlabel), rows in sorted(uses.items()):
            plan.add_relationships(USES, label, tlabel, rows)
        on: dict[str, list[dict[str, Any]]] = {}
        for (label, key, platform), fact in sorted(self._platforms.items()):
            row = {"from": key, "to": platform, **self._merged(fact["rows"]),
                   **self._prov(fact)}
            on.setdefault(label, []).append(row)
        for label, rows in sorted(on.items()):
            plan.add_relationships(ON_PLATFORM, label, PLATFORM, rows)

    def first_url(self) -> str | None:
        """The first source URL of the file's facts (provenance of shared nodes)."""
        return next((f["urls"][0] for f in self._uses.values()), None)

    def platform_ids(self) -> set[str]:
        return {k[2] for k in self._platforms}


def component_nodes(plan: Plan, ids: list[str], prov: dict[str, Any]) -> None:
    """The EGovComponent / ParticipationTool nodes named by ``ids``."""
    comps = [{"id": i, "name": COMPONENTS[i][0], "kind": COMPONENTS[i][1], **prov}
             for i in ids if i in COMPONENTS]
    tools = [{"id": i, "name": PARTICIPATION_TOOLS[i], "kind": "participation-tool"}
             for i in ids if i in TOOLS]
    if comps:
        plan.add_nodes(EGOV_COMPONENT, comps)
    if tools:  # the vocabulary's nodes: only name and kind, its provenance stays
        plan.add_nodes(PARTICIPATION_TOOL, tools)


def platform_nodes(plan: Plan, ids: set[str], prov: dict[str, Any]) -> None:
    rows = []
    for pid in sorted(ids):
        name, comp, url = PLATFORMS[pid]
        rows.append({"id": pid, "name": name, "component": comp, "url": url, **prov})
    if rows:
        plan.add_nodes(PLATFORM, rows)


__all__ += ["component_nodes", "platform_nodes"]
