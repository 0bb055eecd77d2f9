"""Name resolution: AGS, ARS, official name or everyday name → municipality.

One resolver for importers, CLI and web. People type "Offenbach" and mean
Offenbach am Main, "Frankfurt" and mean Frankfurt am Main, "Koeln" for Köln,
"Halle Saale" for Halle (Saale). So a name is looked up, in one dictionary
lookup, as

* an **exact** name (official name, the name before its comma, the name with
  abbreviations written out: "Neustadt a.d.Donau" = "Neustadt an der Donau"),
* a **prefix** of a name at a word boundary ("Rheda" → "Rheda-Wiedenbrück",
  "Freiburg" → "Freiburg im Breisgau" and "Freiburg (Elbe)"),
* a **word** inside a name ("Wittenberg" → "Lutherstadt Wittenberg"),

with ASCII transliterations (ue/oe/ae/ss), brackets, dashes and slashes folded
away ("Frankfurt Oder" = "Frankfurt (Oder)"). Typos are tried only when none of
these finds anything (``how="fuzzy"``), so a typo match never replaces a real one.

Several candidates are ordered by relevance: exact before prefix before word,
then by population, largest first. One candidate is taken when it is the only
one, when it has more than :data:`DOMINANCE` times the population of every
other ("Frankfurt" → Frankfurt am Main, not Frankfurt (Oder)), or when it is the
only exact match and no other candidate is larger ("Essen"). The match then
says what else was possible (``Match.note``, German). Otherwise
:class:`~kommunalgraph.graph.errors.AmbiguousName` lists the candidates in that
order. Hints (Land, Kreis) narrow the search first.

Building the index takes a few tenths of a second for 10,751 municipalities,
more than the rest of a ``kommunalgraph show``. :meth:`Resolver.for_store`
therefore keeps the built index in memory per store and in
``resolver-index.pickle`` beside the store (:mod:`.sidecar`: only built-in values,
read only while the store's change token and this module's code are unchanged).
:meth:`Resolver.from_store` always builds anew (importers resolve names while
they write).
"""

from __future__ import annotations

import bisect
import difflib
import hashlib
import re
import threading
import unicodedata
import weakref
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from . import sidecar
from .errors import AmbiguousName, Candidate, InputError, UnknownEntity, UnknownMunicipality
from .store import GraphStore

__all__ = ["Match", "Resolver", "normalise", "loose", "common_name", "aliases", "load_cypher",
           "NAME_PREFIXES", "ASSOCIATION_PREFIXES", "DISTRICT_PREFIXES", "strip_name_prefix",
           "DOMINANCE"]

#: Words written before a municipality's name that are not part of it ("Stadt Witten",
#: "Universitätsstadt Gießen"); normalised spelling, longest first. The only list of
#: them: importers (members.py) use it through :func:`strip_name_prefix`.
NAME_PREFIXES: tuple[str, ...] = (
    "freie und hansestadt", "grosse kreisstadt", "kreisfreie stadt", "landeshauptstadt",
    "universitaetsstadt", "hochschulstadt", "marktgemeinde", "ortsgemeinde", "hansestadt",
    "lutherstadt", "kreisstadt", "gemeinde", "flecken", "markt", "stadt", "gem.",
)
#: Words before the name of a Gemeindeverband (Amt, Verbandsgemeinde, ...).
ASSOCIATION_PREFIXES: tuple[str, ...] = (
    "gemeindeverwaltungsverband", "verwaltungsgemeinschaft", "verbandsgemeinde",
    "samtgemeinde", "gemeinde", "stadt", "vgem", "amt", "gvv", "vg", "sg",
)
#: Words before the name of a Kreis ("Landkreis Oberhavel", "Lkr. Kelheim").
DISTRICT_PREFIXES: tuple[str, ...] = ("landkreis", "kreis", "lkr.", "lkr", "lk")
_PREFIX_RES = {kind: re.compile("^(" + "|".join(map(re.escape, words)) + r")\s+")
               for kind, words in (("municipality", NAME_PREFIXES),
                                   ("association", ASSOCIATION_PREFIXES),
                                   ("district", DISTRICT_PREFIXES))}
#: prefix words a typo may hit ("Gemeine Birkenwerder")
_PREFIX_WORDS = ["stadt", "gemeinde", "markt", "hansestadt", "landeshauptstadt", "kreisstadt",
                 "flecken", "amt", "universitaetsstadt"]
#: difflib ratio above which a close name counts as a typo of it
FUZZY_CUTOFF = 0.86
#: a candidate with more than this many times the population of every other one is
#: what people mean ("Frankfurt" → Frankfurt am Main, 756,021 vs 57,107)
DOMINANCE = 10
#: words that alone never make a word match
_STOP = frozenset("a am an auf b bad bei d der die den dem im in i ob st sankt v vor vd ad "
                  "und zu zum zur stadt gemeinde markt".split())
#: abbreviations in official names, written out ("a.d." → "an der")
_ABBREV = [
    (re.compile(r"\ba\.\s*m(ain)?\.?$"), "am main"),
    (re.compile(r"\ba\.\s*d\.\s*"), "an der "), (re.compile(r"\bv\.\s*d\.\s*"), "vor der "),
    (re.compile(r"\bi\.\s*d\.\s*"), "in der "), (re.compile(r"\ba\.\s*"), "am "),
    (re.compile(r"\bi\.\s*"), "im "), (re.compile(r"\bb\.\s*"), "bei "),
    (re.compile(r"^st\.\s*"), "sankt "),
]
_DASHES = re.compile(r"[\u2010-\u2015]")
_SPACES = re.compile(r"\s+")
_PUNCT = re.compile(r"[-/().,'’`´\"]+")
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_RANK_HOW = {0: "name", 1: "prefix", 2: "word", 3: "prefix"}
#: the saved index beside a store (see Resolver.for_store)
INDEX_FILE = "resolver-index.pickle"
#: what a Resolver holds; a saved one must have exactly these
_STATE = ("_m", "_by_ars", "_pop", "_index", "_official", "_exact", "_d", "_d_names")
_CACHE_LOCK = threading.Lock()
_CACHE: weakref.WeakKeyDictionary[GraphStore, tuple[Any, Resolver]] = \
    weakref.WeakKeyDictionary()


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
    if not t.isascii():
        t = _DASHES.sub("-", t).translate(_UMLAUTS)
    return _SPACES.sub(" ", t)


def loose(text: str) -> str:
    """The lookup form of a name: :func:`normalise`, accents dropped, every bracket,
    dash, slash, dot, comma and apostrophe a space.

    >>> loose("Frankfurt (Oder)"), loose("Rheda-Wiedenbrück"), loose("Chóśebuz")
    ('frankfurt oder', 'rheda wiedenbrueck', 'chosebuz')
    """
    t = normalise(text)
    if not t.isascii():
        t = "".join(c for c in unicodedata.normalize("NFKD", t) if not unicodedata.combining(c))
    return " ".join(_PUNCT.sub(" ", t).split())


def strip_name_prefix(name: str, *, association: bool = False,
                      kind: str = "municipality") -> str:
    """A normalised name without a leading "Stadt", "Gemeinde", ... (or "Amt",
    "Verbandsgemeinde", ... with ``association=True`` or ``kind="association"``;
    "Landkreis", "Kreis", ... with ``kind="district"``).

    >>> strip_name_prefix("universitaetsstadt giessen")
    'giessen'
    >>> strip_name_prefix("amt peenetal", association=True)
    'peenetal'
    """
    return _PREFIX_RES["association" if association else kind].sub("", name)


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


def _exact_forms(official: str) -> set[str]:
    """The loose forms under which a municipality is an exact match."""
    n = normalise(official.split(",", 1)[0])
    forms = {loose(n)}
    if "." in n:
        forms.add(loose(_expand(n)))
    for f in list(forms):
        if f.startswith("sankt "):
            forms.add("st " + f[6:])
    return {f for f in forms if f}


def _expand(name: str) -> str:
    """A normalised name with its abbreviations written out ("a.d." → "an der")."""
    for pattern, repl in _ABBREV:
        name = pattern.sub(repl, name)
    return name


def _trigrams(text: str) -> set[str]:
    t = f"  {text} "
    return {t[i:i + 3] for i in range(len(t) - 2)}


@dataclass(frozen=True)
class Match:
    """A resolved name: the key, the official name, and how it was found.

    ``how``: "ags", "ars", "key", "official", "name" (exact), "prefix", "word",
    "fuzzy". ``note`` (German) says what the name was taken as when other
    municipalities were possible ("als Frankfurt am Main erkannt; auch möglich:
    Frankfurt (Oder)"); ``alternatives`` are those, in relevance order.
    """

    key: str
    name: str
    how: str
    query: str
    district: str | None = None
    state: str | None = None
    note: str | None = None
    alternatives: tuple[Candidate, ...] = field(default=(), compare=False)
    population: int | None = None

    @property
    def fuzzy(self) -> bool:
        """A typo match (reported as "unscharfer Treffer")."""
        return self.how == "fuzzy"

    @property
    def inferred(self) -> bool:
        """Not an exact name: a prefix, word or typo match (importers report these)."""
        return self.how in ("prefix", "word", "fuzzy")


class Resolver:
    """Resolve municipality and Kreis names against an index loaded once."""

    def __init__(self, municipalities: Iterable[Mapping[str, Any]],
                 districts: Iterable[Mapping[str, Any]] = ()) -> None:
        self._m = {r["ags"]: dict(r) for r in municipalities}
        self._by_ars = {r["ars"]: a for a, r in self._m.items() if r.get("ars")}
        self._pop = {a: int(r.get("population") or 0) for a, r in self._m.items()}
        # loose name → {ags: rank}: 0 exact, 1 prefix at a word boundary, 2 word inside
        index: dict[str, dict[str, int]] = defaultdict(dict)
        official_keys: dict[str, set[str]] = defaultdict(set)

        def put(key: str, ags: str, rank: int) -> None:
            slot = index[key]
            if rank < slot.get(ags, 9):
                slot[ags] = rank

        for ags, r in self._m.items():
            official = r.get("official_name") or r.get("name") or ""
            full = loose(official)
            official_keys[full].add(ags)
            put(full, ags, 0)
            forms = _exact_forms(official)
            if not r.get("official_name") and r.get("name"):
                forms |= _exact_forms(r["name"])
            for f in forms:
                put(f, ags, 0)
                words = f.split(" ")
                for j in range(1, len(words)):
                    put(" ".join(words[:j]), ags, 1)
                for i in range(1, len(words)):
                    for j in range(i + 1, len(words) + 1):
                        part = words[i:j]
                        if all(w in _STOP or len(w) < 3 for w in part):
                            continue
                        put(" ".join(part), ags, 2)
        self._index = dict(index)
        self._official = {k: frozenset(v) for k, v in official_keys.items()}
        # names in order for typeahead prefixes; trigrams of exact names for typos
        self._exact = sorted(k for k, v in self._index.items() if 0 in v.values())
        self._tri_index: dict[str, list[int]] | None = None  # built on the first typo
        self._typo_keys: list[str] = []
        self._d = {r["key"]: dict(r) for r in districts}
        d_names: dict[str, list[str]] = defaultdict(list)
        for key, r in self._d.items():
            for n in {normalise(r["name"]), normalise(common_name(r["name"]))}:
                d_names[n].append(key)
        self._d_names = dict(d_names)

    @classmethod
    def from_store(cls, store: GraphStore) -> Resolver:
        """A resolver built now from what ``store`` holds (also uncommitted writes)."""
        return cls(store.run(load_cypher("municipality_index")),
                   store.run(load_cypher("district_index")))

    @classmethod
    def for_store(cls, store: GraphStore) -> Resolver:
        """The resolver of ``store`` as it is now: kept in memory per store, saved
        beside it (``resolver-index.pickle``) and built only when the store changed.

        For readers (CLI, web). A store without a folder (Neo4j) or whose folder
        cannot be written to keeps it in memory only.
        """
        token = store.change_token()
        with _CACHE_LOCK:
            hit = _CACHE.get(store)
        if hit is not None and hit[0] == token:
            return hit[1]
        fmt = _format()
        path = sidecar.path_for(store, INDEX_FILE) if fmt is not None else None
        resolver = cls._from_state(sidecar.read(path, "resolver", fmt, token, safe=True))
        if resolver is None:
            resolver = cls.from_store(store)
            sidecar.write(path, "resolver", fmt, token, resolver._state())
        with _CACHE_LOCK:
            _CACHE[store] = (token, resolver)
        return resolver

    def _state(self) -> dict[str, Any]:
        """What :meth:`for_store` saves: built-in values only (no class, no function)."""
        return {k: getattr(self, k) for k in _STATE}

    @classmethod
    def _from_state(cls, state: Any) -> Resolver | None:
        """A resolver from a saved :meth:`_state`, or None if it is not one."""
        if not isinstance(state, dict) or set(state) != set(_STATE) or not all(
                isinstance(state[k], list if k == "_exact" else dict) for k in _STATE):
            return None
        r = cls.__new__(cls)
        r.__dict__.update(state)
        r._tri_index, r._typo_keys = None, []
        return r

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
                         r.get("state"), r.get("population"))

    def _short(self, ags: str) -> str:
        r = self._m[ags]
        return r.get("name") or common_name(r.get("official_name") or ags)

    def _match(self, ags: str, how: str, query: str, others: Iterable[str] = (),
               close: set[str] | None = None) -> Match:
        """``others``: every candidate; ``close``: those the note names (exact, prefix)."""
        r = self._m[ags]
        alts = tuple(self._candidate(a) for a in others if a != ags)
        note = None
        if how == "fuzzy":
            note = f"als {self._short(ags)} erkannt (unscharfer Treffer)"
        elif alts and how not in ("ags", "ars", "official"):
            near = [c.key for c in alts if c.key in close] if close is not None else \
                [c.key for c in alts]
            if near:
                names = [self._short(a) for a in near]
                shown = [n if names.count(n) == 1 and n != self._short(ags)
                         else f"{n} ({self._m[a].get('district') or a})"
                         for n, a in zip(names[:3], near[:3], strict=False)]
                more = len(near) - len(shown)
                note = (f"als {self._short(ags)} erkannt; auch möglich: " + ", ".join(shown)
                        + (f" und {more} weitere" if more > 0 else ""))
        return Match(ags, r.get("official_name") or r["name"], how, query,
                     r.get("district"), r.get("state"), note, alts, r.get("population"))

    def _hint_filter(self, keys: Iterable[str], land: str | None,
                     kreis: str | None) -> list[str]:
        out = []
        for ags in keys:
            r = self._m[ags]
            if land and not _hint_ok(land, r.get("state_key"), r.get("state")):
                continue
            if kreis and not _hint_ok(kreis, r.get("district_key"), r.get("district")):
                continue
            out.append(ags)
        return out

    def _lookup(self, key: str, land: str | None, kreis: str | None) -> dict[str, int]:
        hits = self._index.get(key)
        if not hits:
            return {}
        return {a: hits[a] for a in self._hint_filter(hits, land, kreis)}

    def _prefix_hits(self, key: str, land: str | None, kreis: str | None) -> dict[str, int]:
        """Exact names that merely start with ``key`` (typeahead: "Offenb"), rank 3."""
        out: dict[str, int] = {}
        i = bisect.bisect_left(self._exact, key)
        while i < len(self._exact) and self._exact[i].startswith(key):
            for a, rank in self._index[self._exact[i]].items():
                if rank == 0:
                    out[a] = 3
            i += 1
        return {a: 3 for a in self._hint_filter(out, land, kreis)}

    def _order(self, hits: Mapping[str, int]) -> list[str]:
        """Relevance order: exact, prefix, word; then population, largest first."""
        return sorted(hits, key=lambda a: (hits[a], -self._pop[a], a))

    def _pick(self, hits: Mapping[str, int]) -> str | None:
        """The candidate people mean, if one stands out; else None (ambiguous).

        Tier by tier (exact, then also prefix, then also word matches): the only
        candidate so far, or one with more than DOMINANCE times the population of
        every other so far, is taken, unless a candidate of a later tier is larger.
        """
        for rank in sorted(set(hits.values())):
            now = sorted((a for a in hits if hits[a] <= rank), key=lambda a: -self._pop[a])
            best = now[0]
            if len(now) > 1 and self._pop[best] <= DOMINANCE * self._pop[now[1]]:
                continue
            if all(self._pop[a] <= self._pop[best] for a in hits if hits[a] > rank):
                return best
        return None

    def _variants(self, query: str) -> list[str]:
        n = normalise(query)
        out = [loose(n)]
        if "." in n:
            out.append(loose(_expand(n)))
        stripped = strip_name_prefix(n)
        if stripped != n:
            out.append(loose(stripped))
        if "," in n:
            before = n.split(",", 1)[0]
            out += [loose(before), loose(strip_name_prefix(before))]
        return list(dict.fromkeys(v for v in out if v))

    def ranked(self, query: str, *, land: str | None = None, kreis: str | None = None,
               partial: bool = False) -> tuple[list[str], str | None]:
        """The candidates for a name in relevance order, and the one meant (or None).

        ``partial`` also counts names that merely start with the text (typeahead).
        The chosen one, if any, comes first.
        """
        hits: dict[str, int] = {}
        for v in self._variants(query):
            hits = self._lookup(v, land, kreis)
            if hits:
                break
        if not hits and partial:
            v = self._variants(query)[-1] if self._variants(query) else ""
            hits = self._prefix_hits(v, land, kreis) if v else {}
        if not hits:
            return [], None
        order = self._order(hits)
        chosen = self._pick(hits)
        if chosen is not None:
            order.remove(chosen)
            order.insert(0, chosen)
        return order, chosen

    def _how(self, ags: str, hits_rank: int, variant: str) -> str:
        if hits_rank == 0:
            return "official" if ags in self._official.get(variant, ()) else "name"
        return _RANK_HOW[hits_rank]

    def resolve(self, query: str, *, land: str | None = None, kreis: str | None = None,
                fuzzy: bool = True, partial: bool = False) -> Match:
        """Resolve an AGS, ARS, official or everyday name to one municipality.

        Raises ``UnknownMunicipality`` (with close suggestions) or
        ``AmbiguousName`` (with all candidates, in relevance order). ``partial``:
        also names that merely start with the text, as the typeahead lists them.
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
        for v in self._variants(q):
            hits = self._lookup(v, land, kreis)
            if hits:
                return self._decide(hits, v, query, q)
        if partial:
            variants = self._variants(q)
            hits = self._prefix_hits(variants[-1], land, kreis) if variants else {}
            if hits:
                return self._decide(hits, variants[-1], query, q)
        return self._fuzzy(q, land, kreis, fuzzy)

    def _decide(self, hits: dict[str, int], variant: str, query: str, q: str) -> Match:
        order = self._order(hits)
        chosen = self._pick(hits)
        if chosen is None:
            raise AmbiguousName(q, [self._candidate(a) for a in order])
        return self._match(chosen, self._how(chosen, hits[chosen], variant), query, order,
                           {a for a, rank in hits.items() if rank <= 1})

    @property
    def _tri(self) -> dict[str, list[int]]:
        """Trigram postings of the names a typo may stand for: exact names and name
        starts of five letters or more ("Frankfrt" → "Frankfurt …")."""
        if self._tri_index is None:
            self._typo_keys = sorted(k for k, v in self._index.items()
                                     if 0 in v.values() or (len(k) >= 5 and 1 in v.values()))
            tri: dict[str, list[int]] = defaultdict(list)
            for i, k in enumerate(self._typo_keys):
                for t in _trigrams(k):
                    tri[t].append(i)
            self._tri_index = dict(tri)
        return self._tri_index

    def _close(self, key: str, land: str | None, kreis: str | None) -> list[tuple[float, str]]:
        """(ratio, ags) of names (or name starts) close to ``key``, best first.

        A close name (difflib ratio >= FUZZY_CUTOFF) is at most a third longer or
        shorter and is taken to share at least half of the query's trigrams; so it
        is in the postings of one of the rarest ``len - half + 1`` of them. Only
        those few names are compared with difflib.
        """
        qt = _trigrams(key)
        need = (len(qt) + 1) // 2
        postings = sorted((self._tri.get(t, ()) for t in qt), key=len)
        cand: set[int] = set()
        for p in postings[:len(qt) - need + 1]:
            cand.update(p)
        lo, hi = 0.75 * len(key), len(key) / 0.75
        scored: dict[str, float] = {}
        sm = difflib.SequenceMatcher(b=key, autojunk=False)
        for i in cand:
            name = self._typo_keys[i]
            if not lo <= len(name) <= hi or len(qt & _trigrams(name)) < need:
                continue
            sm.set_seq1(name)
            if sm.real_quick_ratio() < FUZZY_CUTOFF or sm.quick_ratio() < FUZZY_CUTOFF:
                continue
            ratio = sm.ratio()
            if ratio < FUZZY_CUTOFF:
                continue
            for a, rank in self._index[name].items():
                if rank <= 1 and ratio > scored.get(a, 0):
                    scored[a] = ratio
        keep = self._hint_filter(scored, land, kreis)
        return sorted(((scored[a], a) for a in keep), key=lambda x: (-x[0], -self._pop[x[1]]))

    def _fuzzy(self, q: str, land: str | None, kreis: str | None, fuzzy: bool) -> Match:
        n = loose(q)
        # A misspelt prefix word ("Gemeine Birkenwerder"): drop it, report as fuzzy.
        first, _, rest = n.partition(" ")
        if fuzzy and rest and difflib.get_close_matches(first, _PREFIX_WORDS, n=1, cutoff=0.75):
            hits = self._lookup(rest, land, kreis)
            exact = [a for a, rank in hits.items() if rank == 0]
            if len(exact) == 1:
                return self._match(exact[0], "fuzzy", q)
        variants = self._variants(q)  # empty for punctuation only (")")
        close = self._close(variants[-1], land, kreis) if variants else []
        if fuzzy and close:
            best = close[0]
            rivals = [c for c in close[1:] if c[0] > best[0] - 0.04]
            if not rivals or all(self._pop[best[1]] > DOMINANCE * self._pop[a]
                                 for _, a in rivals):
                return self._match(best[1], "fuzzy", q)
        raise UnknownMunicipality(q, [self._candidate(a) for _, a in close[:8]])

    def search(self, text: str, limit: int = 10) -> list[Candidate]:
        """Municipalities for a typeahead: in the order :meth:`resolve` ranks them
        (the one it would pick first), then names that merely start with the text,
        largest first; a close typo when nothing else matches. Digits: AGS prefix.
        """
        q = normalise(text)
        if not q:
            return []
        if q.replace(" ", "").isdigit():
            q = q.replace(" ", "")
            return [self._candidate(a) for a in sorted(a for a in self._m if a.startswith(q))
                    [:limit]]
        variants = self._variants(text)
        if not variants:
            return []
        keys, _ = self.ranked(text)
        if len(keys) < limit:
            seen = set(keys)
            extra = self._prefix_hits(variants[-1], None, None)
            keys += [a for a in self._order(extra) if a not in seen]
        if not keys:
            keys = [a for _, a in self._close(variants[-1], None, None)]
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
        stripped = strip_name_prefix(n, kind="district")
        if stripped != n:
            variants.append(stripped)
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


_FORMAT: list[str | None] = []


def _format() -> str | None:
    """The format of a saved index: a digest of this module's code and of the two
    queries it reads, so that a changed resolver never reads an older index
    (None without the source: then nothing is saved)."""
    if not _FORMAT:
        h = hashlib.sha256()
        try:
            with open(__file__, "rb") as f:
                h.update(f.read())
            for name in ("municipality_index", "district_index"):
                h.update(load_cypher(name).encode())
        except OSError:
            _FORMAT.append(None)
        else:
            _FORMAT.append(h.hexdigest())
    return _FORMAT[0]


def _hint_ok(hint: str, key: str | None, name: str | None) -> bool:
    h = normalise(hint)
    return h == (key or "") or (name is not None and normalise(name).startswith(h))
