"""Find the graph node a membership row means: a municipality, Kreis,
Gemeindeverband or organisation, given by key or by name.

Shared by the projects, organisations, publiccode and profiles importers.
Keys are checked against the store; names go through
:class:`~kommunalgraph.graph.resolve.Resolver` (municipalities, Kreise) or a
small index of Gemeindeverbände. A name is only accepted when it is
unambiguous; every fuzzy match is returned with ``fuzzy=True`` so that the
importer reports it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..graph import codes
from ..graph.errors import AmbiguousName, InputError, UnknownEntity
from ..graph.resolve import Resolver, common_name, load_cypher, normalise, strip_name_prefix
from ..graph.schema import ASSOCIATION, DISTRICT, MUNICIPALITY, ORGANISATION
from ..graph.store import GraphStore

__all__ = ["Member", "Members", "slug", "organisation_id", "ORG_ALIASES", "LEVEL_LABEL",
           "without_nulls"]

LEVEL_LABEL = {level: lv.label for level, lv in codes.LEVELS.items()}
KEY_LENGTH = {level: lv.key_length for level, lv in codes.LEVELS.items() if lv.key_length}

#: organisation names that mean the same node (normalised name → id). Documented
#: in docs/formats.md; the 13 IT providers of it_provider_members.csv and their
#: spellings in the KDN list and in the cooperation data.
ORG_ALIASES: dict[str, str] = {
    # it_provider_members.csv (provider column)
    "kommunales rechenzentrum niederrhein (krzn)": "krzn",
    "it-verbund schleswig-holstein (itvsh)": "itvsh",
    "suedwestfalen-it (sit)": "suedwestfalen-it",
    "zweckverband elektronische verwaltung fuer saarlaendische kommunen (ego-saar)": "ego-saar",
    "ostwestfalen-lippe-it (owl-it; until 2023 krz minden-ravensberg/lippe)": "owl-it",
    "kommunale datenverarbeitungszentrale rhein-erft-rur (kdvz rhein-erft-rur)":
        "kdvz-rhein-erft-rur",
    "it-kooperation rheinland (itk rheinland)": "itk-rheinland",
    "kommunale adv-anwendergemeinschaft west (kaaw)": "kaaw",
    "anstalt fuer kommunale datenverarbeitung in bayern (akdb)": "akdb",
    "kiv kommunale informationsverarbeitung thueringen gmbh": "kiv-thueringen",
    "regio it gesellschaft fuer informationstechnologie mbh": "regio-it",
    "civitec – zweckverband kommunale informationsverarbeitung": "civitec",
    "civitec - zweckverband kommunale informationsverarbeitung": "civitec",
    "komm.one": "komm-one",
    # KDN list of IT providers (kdn_it_dienstleister_nrw.csv)
    "civitec": "civitec",
    "itk rheinland": "itk-rheinland",
    "kaaw": "kaaw",
    "kdvz rhein-erft-rur": "kdvz-rhein-erft-rur",
    "krz minden/ravensberg-lippe": "owl-it",
    "krzn": "krzn",
    "regio it gmbh": "regio-it",
    "suedwestfalen-it": "suedwestfalen-it",
    # cooperation data
    "kdvz rhein-erft-ruhr": "kdvz-rhein-erft-rur",
    "zweckverband ego-saar": "ego-saar",
    # publiccode.yml usedBy
    "it-verbund schleswig-holstein": "itvsh",
}


def without_nulls(plan: Any) -> Any:
    """Drop ``None`` values from the plan's node and update rows, in place.

    A missing value means "not stated": the property is left as it is. (It also
    keeps an update batch whose column is ``None`` on every row from being typed
    as STRING by the store, which fails on BOOLEAN properties.)
    """
    for batches in (plan.nodes, plan.updates):
        for i, (label, rows) in enumerate(batches):
            batches[i] = (label, [{k: v for k, v in r.items() if v is not None}
                                  for r in rows])
    return plan


def slug(text: str) -> str:
    """Lower-case ASCII id: umlauts folded, everything else to single dashes.

    >>> slug("Südwestfalen-IT (SIT)")
    'suedwestfalen-it-sit'
    """
    s = normalise(text)
    s = re.sub(r"[^a-z0-9]+", "-", s)
    return s.strip("-")


def organisation_id(name: str) -> str:
    """The Organisation id for a name: the alias table first, else its slug."""
    return ORG_ALIASES.get(normalise(name)) or slug(name)


@dataclass(frozen=True)
class Member:
    label: str
    key: str
    name: str
    how: str  # "key", "name", "official", "fuzzy", "organisation", ...

    @property
    def fuzzy(self) -> bool:
        """Not an exact match: a typo ("fuzzy"), a name plus addition ("suffix",
        "prefix": "Storkow" → "Storkow (Mark)") or a word of a name ("word")."""
        return self.how in ("fuzzy", "suffix", "prefix", "word")


class Unresolved(Exception):
    """A member that cannot be linked; ``reason`` is the German skip reason."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason, self.detail = reason, detail



class Members:
    """Key and name lookups against one store, loaded lazily once."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._keys: dict[str, set[str]] = {}
        self._resolver: Resolver | None = None
        self._assoc: dict[str, list[tuple[str, str]]] | None = None

    def keys(self, label: str) -> set[str]:
        if label not in self._keys:
            self._keys[label] = self.store.existing_keys(label)
        return self._keys[label]

    @property
    def resolver(self) -> Resolver:
        if self._resolver is None:
            self._resolver = Resolver.from_store(self.store)
        return self._resolver

    def _association_index(self) -> dict[str, list[tuple[str, str]]]:
        if self._assoc is None:
            self._assoc = {}
            for r in self.store.run(load_cypher("association_index")):
                names = {normalise(r["name"] or ""), normalise(common_name(r["name"] or ""))}
                for n in names:
                    n = strip_name_prefix(n, association=True)
                    self._assoc.setdefault(n, []).append((r["key"], r["name"]))
        return self._assoc

    # -- by key ----------------------------------------------------------------
    def by_key(self, level: str, key: str) -> Member:
        label = LEVEL_LABEL[level]
        if key not in self.keys(label):
            raise Unresolved(f"Schlüssel nicht im Datenbestand ({label})", key)
        return Member(label, key, key, "key")

    # -- by name ---------------------------------------------------------------
    def municipality(self, name: str, *, land: str | None = None,
                     kreis: str | None = None) -> Member:
        try:
            m = self.resolver.resolve(name, land=land, kreis=kreis)
        except AmbiguousName as e:
            raise Unresolved("Name mehrdeutig",
                             f"{name}: " + "; ".join(c.label_de() for c in e.candidates[:6])
                             ) from e
        except (UnknownEntity, InputError) as e:
            raise Unresolved("Name nicht gefunden", name) from e
        return Member(MUNICIPALITY, m.key, m.name, m.how)

    def municipality_with_suffix(self, name: str, *, land: str | None = None) -> Member:
        """Like :meth:`municipality`, and else the one municipality whose name is
        ``name`` plus a usual addition: "Storkow" → "Storkow (Mark)", "Rüdersdorf"
        → "Rüdersdorf bei Berlin", "Falkenberg (Elster)" → "Falkenberg/Elster".
        Such a match counts as fuzzy (``how="suffix"``) and must be reported."""
        try:
            return self.municipality(name, land=land)
        except Unresolved as first:
            base = strip_name_prefix(normalise(name))
            base = re.sub(r"\s*\((.*)\)$", r"/\1", base)
            hits = set()
            for c in self.resolver.search(base.split("/")[0], limit=50):
                if land and not c.key.startswith(land):
                    continue
                official = normalise(c.name.split(",")[0])
                if official == base or re.match(
                        re.escape(base) + r"( \(.*\)| (bei|am|an der|im|in|ob der) .+)$",
                        official):
                    hits.add((c.key, c.name))
            if len(hits) == 1:
                key, official = hits.pop()
                return Member(MUNICIPALITY, key, official, "suffix")
            raise first

    def district(self, name: str, *, land: str | None = None) -> Member:
        try:
            m = self.resolver.resolve_district(name, land=land)
        except AmbiguousName as e:
            raise Unresolved("Kreisname mehrdeutig", name) from e
        except (UnknownEntity, InputError) as e:
            raise Unresolved("Kreis nicht gefunden", name) from e
        return Member(DISTRICT, m.key, m.name, m.how)

    def association(self, name: str, *, land: str | None = None) -> Member:
        n = strip_name_prefix(normalise(name), association=True)
        hits = self._association_index().get(n, [])
        if land:
            hits = [h for h in hits if h[0].startswith(land)]
        hits = sorted(set(hits))
        if len(hits) == 1:
            return Member(ASSOCIATION, hits[0][0], hits[0][1], "name")
        if len(hits) > 1:
            raise Unresolved("Verbandsname mehrdeutig",
                             f"{name}: " + "; ".join(f"{n} ({k})" for k, n in hits[:6]))
        raise Unresolved("Gemeindeverband nicht gefunden", name)

    def resolve(self, level: str, key: str, name: str, *, land: str | None = None) -> Member:
        """The node for one member row: by key when given, else by name."""
        if level == "organisation":
            oid = key or organisation_id(name)
            if not oid:
                raise Unresolved("Name ergibt keine Organisations-ID (keine Buchstaben oder "
                                 "Ziffern)", name)
            return Member(ORGANISATION, oid, name, "organisation")
        if key:
            return self.by_key(level, key)
        if not name:
            raise Unresolved("weder Schlüssel noch Name angegeben")
        if level == "gemeinde":
            return self.municipality(name, land=land)
        if level == "kreis":
            return self.district(name, land=land)
        if level == "verband":
            return self.association(name, land=land)
        raise Unresolved("Ebene unbekannt", level)
