"""Name resolution: AGS, ARS, official name or common name → municipality.

Shared by importers, CLI and web. "Münster" is a city in NRW, a municipality
in Hessen and one in Bavaria, so a bare common name may be ambiguous: then
:class:`~kommunalgraph.graph.errors.AmbiguousName` lists the candidates.
Hints (Land, Kreis) narrow the search. Typos are matched only when exactly one
municipality is close enough, and every fuzzy match says so (``how="fuzzy"``).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .errors import AmbiguousName, Candidate, InputError, UnknownEntity, UnknownMunicipality
from .store import GraphStore

__all__ = ["Match", "Resolver", "normalise", "common_name", "aliases", "load_cypher"]

_PREFIXES = ("stadt ", "gemeinde ", "markt ", "hansestadt ", "gem. ", "landeshauptstadt ",
             "kreisstadt ", "große kreisstadt ", "flecken ")
_PREFIX_WORDS = ["stadt", "gemeinde", "markt", "hansestadt", "landeshauptstadt", "kreisstadt",
                 "flecken", "amt"]
#: difflib ratio above which a unique close name counts as a typo of it
FUZZY_CUTOFF = 0.86


def load_cypher(name: str) -> str:
    """Read ``graph/cypher/<name>.cypher`` (the floor's own reads)."""
    return resources.files(__package__).joinpath("cypher", name + ".cypher").read_text("utf-8")


def normalise(text: str) -> str:
    """Case-fold, unify dashes and spaces, fold umlauts to their ASCII spelling.

    >>> normalise("  Münster,  Stadt ")
    'muenster, stadt'
    >>> normalise("Rheda–Wiedenbrück")
    'rheda-wiedenbrueck'
    """
    t = unicodedata.normalize("NFC", text).casefold().strip()
    t = re.sub(r"[\u2010-\u2015]", "-", t)
    t = t.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    return re.sub(r"\s+", " ", t)


def common_name(official: str) -> str:
    """The everyday name: the official name before its first comma or slash.

    >>> common_name("Münster, Stadt")
    'Münster'
    >>> common_name("Cottbus/Chóśebuz, Stadt")
    'Cottbus'
    """
    return re.split(r"[,/]", official, maxsplit=1)[0].strip()


def aliases(official: str) -> set[str]:
    """The names a municipality is commonly called by, derived from its official name.

    >>> sorted(aliases("Münster (Hessen)"))
    ['Münster', 'Münster (Hessen)']
    >>> sorted(aliases("Falkenberg/Elster, Stadt"))
    ['Falkenberg', 'Falkenberg/Elster']
    """
    before_comma = official.split(",", 1)[0].strip()
    out = {before_comma, common_name(official)}
    out.add(re.sub(r"\s*\(.*?\)\s*$", "", before_comma).strip())
    return {a for a in out if a}


@dataclass(frozen=True)
class Match:
    """A resolved name: the key, the official name, and how it was found."""

    key: str
    name: str
    how: str  # "ags", "ars", "key", "official", "name", "fuzzy"
    query: str
    district: str | None = None
    state: str | None = None

    @property
    def fuzzy(self) -> bool:
        return self.how == "fuzzy"


class Resolver:
    """Resolve municipality and Kreis names against an index loaded once."""

    def __init__(self, municipalities: Iterable[Mapping[str, Any]],
                 districts: Iterable[Mapping[str, Any]] = ()) -> None:
        self._m = {r["ags"]: dict(r) for r in municipalities}
        self._by_ars = {r["ars"]: a for a, r in self._m.items() if r.get("ars")}
        self._official: dict[str, list[str]] = defaultdict(list)
        self._common: dict[str, list[str]] = defaultdict(list)
        for ags, r in self._m.items():
            official = r.get("official_name") or r.get("name") or ""
            self._official[normalise(official)].append(ags)
            names = {normalise(alias) for alias in aliases(official)}
            if r.get("name"):
                names.add(normalise(r["name"]))
            for n in names:
                self._common[n].append(ags)
        self._d = {r["key"]: dict(r) for r in districts}
        self._d_names: dict[str, list[str]] = defaultdict(list)
        for key, r in self._d.items():
            for n in {normalise(r["name"]), normalise(common_name(r["name"]))}:
                self._d_names[n].append(key)

    @classmethod
    def from_store(cls, store: GraphStore) -> Resolver:
        return cls(store.run(load_cypher("municipality_index")),
                   store.run(load_cypher("district_index")))

    # -- municipalities -------------------------------------------------------
    def __len__(self) -> int:
        return len(self._m)

    def __contains__(self, ags: object) -> bool:
        return ags in self._m

    def get(self, ags: str) -> dict[str, Any] | None:
        return self._m.get(ags)

    def _candidate(self, ags: str) -> Candidate:
        r = self._m[ags]
        return Candidate(ags, r.get("official_name") or r["name"], r.get("district"),
                         r.get("state"))

    def _match(self, ags: str, how: str, query: str) -> Match:
        r = self._m[ags]
        return Match(ags, r.get("official_name") or r["name"], how, query,
                     r.get("district"), r.get("state"))

    def _hinted(self, keys: Iterable[str], land: str | None, kreis: str | None) -> list[str]:
        out = []
        for ags in keys:
            r = self._m[ags]
            if land and not _hint_ok(land, r.get("state_key"), r.get("state")):
                continue
            if kreis and not _hint_ok(kreis, r.get("district_key"), r.get("district")):
                continue
            out.append(ags)
        return sorted(set(out))

    def resolve(self, query: str, *, land: str | None = None, kreis: str | None = None,
                fuzzy: bool = True) -> Match:
        """Resolve an AGS, ARS, official or common name to one municipality.

        Raises ``UnknownMunicipality`` (with close suggestions) or
        ``AmbiguousName`` (with all candidates).
        """
        q = (query or "").strip()
        if not q:
            raise InputError("empty municipality", "Bitte eine Kommune (Name oder AGS) angeben.")
        digits = q.replace(" ", "")
        if digits.isdigit():
            if len(digits) == 8 and digits in self._m:
                return self._match(digits, "ags", query)
            if len(digits) == 12 and digits in self._by_ars:
                return self._match(self._by_ars[digits], "ars", query)
            raise UnknownMunicipality(q)
        n = normalise(q)
        variants = [n] + [n[len(p):] for p in _PREFIXES if n.startswith(p)]
        for v in variants:
            hits = self._hinted(self._official.get(v, ()), land, kreis)
            # An exact official name wins unless other municipalities have it as
            # their common name ("Münster" vs "Münster, Stadt").
            others = set(self._hinted(self._common.get(v, ()), land, kreis)) - set(hits)
            if len(hits) == 1 and not others:
                return self._match(hits[0], "official", query)
        for v in variants:
            hits = self._hinted(self._common.get(v, ()), land, kreis)
            if len(hits) == 1:
                return self._match(hits[0], "name", query)
            if len(hits) > 1:
                raise AmbiguousName(q, [self._candidate(a) for a in hits])
        # A misspelt prefix word ("Gemeine Birkenwerder"): drop it, report as fuzzy.
        first, _, rest = n.partition(" ")
        if fuzzy and rest and difflib.get_close_matches(first, _PREFIX_WORDS, n=1, cutoff=0.75):
            hits = self._hinted(self._common.get(rest, ()), land, kreis)
            if len(hits) == 1:
                return self._match(hits[0], "fuzzy", query)
        close = difflib.get_close_matches(variants[-1], list(self._common), n=5,
                                          cutoff=FUZZY_CUTOFF)
        hits = self._hinted((a for c in close for a in self._common[c]), land, kreis)
        if fuzzy and len(hits) == 1:
            return self._match(hits[0], "fuzzy", query)
        raise UnknownMunicipality(q, [self._candidate(a) for a in hits[:8]])

    def search(self, text: str, limit: int = 10) -> list[Candidate]:
        """Municipalities whose name or AGS starts with ``text`` (for type-ahead).

        Exact names first, then by name length and AGS.
        """
        q = normalise(text)
        if not q:
            return []
        if q.isdigit():
            keys = sorted(a for a in self._m if a.startswith(q))
        else:
            keys = sorted(
                {a for name, ags in self._common.items() if name.startswith(q) for a in ags},
                key=lambda a: (normalise(common_name(self._candidate(a).name)) != q,
                               len(self._m[a].get("name") or ""), a),
            )
        return [self._candidate(a) for a in keys[:limit]]

    # -- districts ------------------------------------------------------------
    def resolve_district(self, query: str, *, land: str | None = None) -> Match:
        """Resolve a 5-digit Kreis key or a Kreis name."""
        q = (query or "").strip()
        if q.isdigit() and len(q) == 5 and q in self._d:
            r = self._d[q]
            return Match(q, r["name"], "key", query, None, r.get("state"))
        n = normalise(q)
        variants = [n]
        for p in ("kreis ", "landkreis ", "lk "):
            if n.startswith(p):
                variants.append(n[len(p):])
        for v in variants:
            hits = sorted(
                k for k in self._d_names.get(v, ())
                if not land or _hint_ok(land, self._d[k].get("state_key"), self._d[k].get("state"))
            )
            if len(hits) == 1:
                r = self._d[hits[0]]
                return Match(hits[0], r["name"], "name", query, None, r.get("state"))
            if len(hits) > 1:
                raise AmbiguousName(q, [Candidate(k, self._d[k]["name"], None,
                                                  self._d[k].get("state")) for k in hits])
        raise UnknownEntity(f"unknown district {q!r}", f"Kein Kreis gefunden für „{q}“.")


def _hint_ok(hint: str, key: str | None, name: str | None) -> bool:
    h = normalise(hint)
    return h == (key or "") or (name is not None and normalise(name).startswith(h))
