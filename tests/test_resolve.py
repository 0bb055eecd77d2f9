"""Name resolution on a hand-built index (real Münster/Witten keys from GV100AD)."""

from __future__ import annotations

import pytest

from kommunalgraph.graph.errors import AmbiguousName, InputError, UnknownEntity, UnknownMunicipality
from kommunalgraph.graph.resolve import Resolver

ROWS = [
    {"ags": "05515000", "ars": "055150000000", "name": "Münster", "official_name": "Münster, Stadt",
     "district_key": "05515", "district": "Münster, Stadt", "state_key": "05",
     "state": "Nordrhein-Westfalen"},
    {"ags": "06432014", "ars": "064320014014", "name": "Münster", "official_name": "Münster",
     "district_key": "06432", "district": "Darmstadt-Dieburg", "state_key": "06",
     "state": "Hessen"},
    {"ags": "09779194", "ars": "097795151194", "name": "Münster", "official_name": "Münster",
     "district_key": "09779", "district": "Donau-Ries", "state_key": "09", "state": "Bayern"},
    {"ags": "05954036", "ars": "059540036036", "name": "Witten", "official_name": "Witten, Stadt",
     "district_key": "05954", "district": "Ennepe-Ruhr-Kreis", "state_key": "05",
     "state": "Nordrhein-Westfalen"},
    {"ags": "12069056", "ars": "120690000056", "name": "Birkenwerder",
     "official_name": "Birkenwerder", "district_key": "12065", "district": "Oberhavel",
     "state_key": "12", "state": "Brandenburg"},
]
DISTRICTS = [
    {
        "key": "05954",
        "name": "Ennepe-Ruhr-Kreis",
        "state_key": "05",
        "state": "Nordrhein-Westfalen",
    },
    {"key": "05515", "name": "Münster, Stadt", "state_key": "05", "state": "Nordrhein-Westfalen"},
]


@pytest.fixture
def resolver() -> Resolver:
    return Resolver(ROWS, DISTRICTS)


def test_ambiguous_common_name_lists_all_three(resolver: Resolver) -> None:
    with pytest.raises(AmbiguousName) as e:
        resolver.resolve("Münster")
    assert [c.key for c in e.value.candidates] == ["05515000", "06432014", "09779194"]
    assert "mehrdeutig" in e.value.message_de and "Hessen" in e.value.message_de


@pytest.mark.parametrize(
    ("query", "hints", "ags", "how"),
    [
        ("Münster, Stadt", {}, "05515000", "official"),
        ("münster,  stadt", {}, "05515000", "official"),
        ("Münster", {"land": "Hessen"}, "06432014", "official"),
        ("Münster", {"land": "09"}, "09779194", "official"),
        ("Münster", {"kreis": "05515"}, "05515000", "name"),
        ("Muenster", {"land": "Nordrhein"}, "05515000", "name"),
        ("05954036", {}, "05954036", "ags"),
        ("059540036036", {}, "05954036", "ars"),
        ("Stadt Witten", {}, "05954036", "name"),
        ("Witten", {}, "05954036", "name"),
        ("Gemeine Birkenwerder", {}, "12069056", "fuzzy"),
        ("Witen", {}, "05954036", "fuzzy"),
    ],
)
def test_resolves(resolver: Resolver, query: str, hints: dict, ags: str, how: str) -> None:
    m = resolver.resolve(query, **hints)
    assert (m.key, m.how) == (ags, how)


@pytest.mark.parametrize("query", ["99999999", "123", "Atlantis", "059540036039"])
def test_unknown(resolver: Resolver, query: str) -> None:
    with pytest.raises(UnknownMunicipality):
        resolver.resolve(query)


def test_fuzzy_can_be_switched_off(resolver: Resolver) -> None:
    with pytest.raises(UnknownMunicipality) as e:
        resolver.resolve("Witen", fuzzy=False)
    assert [c.key for c in e.value.suggestions] == ["05954036"]


def test_empty_query_is_input_error(resolver: Resolver) -> None:
    with pytest.raises(InputError):
        resolver.resolve("  ")


def test_search_prefix_and_ags(resolver: Resolver) -> None:
    assert [c.key for c in resolver.search("wit")] == ["05954036"]
    assert [c.key for c in resolver.search("0595")] == ["05954036"]
    assert len(resolver.search("mün")) == 3
    assert resolver.search("") == []


def test_districts(resolver: Resolver) -> None:
    assert resolver.resolve_district("05954").key == "05954"
    assert resolver.resolve_district("Ennepe-Ruhr-Kreis").key == "05954"
    assert resolver.resolve_district("Lkr. Ennepe-Ruhr-Kreis").key == "05954"
    assert resolver.resolve_district("Landkreis Ennepe-Ruhr-Kreis").key == "05954"
    with pytest.raises(UnknownEntity):
        resolver.resolve_district("Kreis Atlantis")


def _synthetic(rows: list[tuple[str, str, int]]) -> Resolver:
    """A synthetic directory (invented names and keys): (ags, official name, population)."""
    return Resolver([{"ags": a, "ars": a + "0000", "name": n.split(",")[0], "official_name": n,
                      "population": p, "district_key": a[:5], "district": f"Kreis {a[:5]}",
                      "state_key": a[:2], "state": "Testland"} for a, n, p in rows])


def test_tiers_then_population() -> None:
    r = _synthetic([("99001001", "Testingen", 2000), ("99001002", "Testingen am See, Stadt", 90000),
                    ("99001003", "Testingen (Berg)", 5000), ("99001004", "Alt-Testingen", 800000)])
    # the only exact match is small, a prefix match is larger: the prefix tier decides,
    # the word match "Alt-Testingen" (larger still) comes last and does not count
    with pytest.raises(AmbiguousName) as e:
        r.resolve("Testingen")
    assert [c.key for c in e.value.candidates] == ["99001001", "99001002", "99001003",
                                                    "99001004"]
    r = _synthetic([("99001001", "Testingen", 2000), ("99001002", "Testingen am See, Stadt", 90000),
                    ("99001003", "Testingen (Berg)", 5000)])
    m = r.resolve("Testingen")
    assert (m.key, m.how) == ("99001002", "prefix")
    assert m.note == "als Testingen am See erkannt; auch möglich: Testingen, Testingen (Berg)"
    assert [c.key for c in r.search("Testingen")] == ["99001002", "99001001", "99001003"]


def test_prefix_and_word_beat_a_typo() -> None:
    r = _synthetic([("99002001", "Probstadt", 300), ("99002002", "Prabstadt am Fluss", 40000),
                    ("99002003", "Neu-Prabstadt", 1000)])
    assert r.resolve("Prabstadt").key == "99002002"  # not the typo "Probstadt"
    assert r.resolve("Probstadt").how == "official"
    m = r.resolve("Neu Prabstadt")
    assert (m.key, m.how) == ("99002003", "official")
    assert (r.resolve("Fluss").key, r.resolve("Fluss").how) == ("99002002", "word")
    assert r.resolve("Prabstat").how == "fuzzy"


def test_spellings_fold() -> None:
    r = _synthetic([("99003001", "Großbüren-Öd (Saale), Stadt", 1000)])
    for q in ("Grossbueren-Oed (Saale)", "grossbüren öd saale", "Großbüren–Öd Saale",
              "Stadt Großbüren-Öd", "Großbüren-Öd, Stadt"):
        assert r.resolve(q).key == "99003001", q
