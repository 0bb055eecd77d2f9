"""Everyday names a person types, against the bundled real data (GV100AD 30.11.2025).

Every expected AGS was looked up in data/destatis/GV100AD_30112025.txt by the
official name in the third column (Satzart 60, columns 11-18), not guessed.
The same name must give the same municipality in ``resolve`` (CLI, ``/suche``,
importers) and first in ``search`` (the typeahead).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kommunalgraph.graph.errors import AmbiguousName, UnknownMunicipality
from kommunalgraph.graph.ladybug_store import LadybugStore
from kommunalgraph.graph.resolve import Resolver

#: (what people type, expected AGS, official name in GV100AD)
NAMES = [
    ('Offenbach', '06413000', 'Offenbach am Main, Stadt'),
    ('Frankfurt', '06412000', 'Frankfurt am Main, Stadt'),
    ('Freiburg', '08311000', 'Freiburg im Breisgau, Stadt'),
    ('Essen', '05113000', 'Essen, Stadt'),
    ('Halle', '15002000', 'Halle (Saale), Stadt'),
    ('Halle Saale', '15002000', 'Halle (Saale), Stadt'),
    ('Halle (Westf.)', '05754012', 'Halle (Westf.), Stadt'),
    ('Frankfurt Oder', '12053000', 'Frankfurt (Oder), Stadt'),
    ('Frankfurt (Oder)', '12053000', 'Frankfurt (Oder), Stadt'),
    ('Frankfurt a.M.', '06412000', 'Frankfurt am Main, Stadt'),
    ('Mülheim', '05117000', 'Mülheim an der Ruhr, Stadt'),
    ('Muelheim an der Ruhr', '05117000', 'Mülheim an der Ruhr, Stadt'),
    ('Ludwigshafen', '07314000', 'Ludwigshafen am Rhein, Stadt'),
    ('Castrop', '05562004', 'Castrop-Rauxel, Stadt'),
    ('Castrop Rauxel', '05562004', 'Castrop-Rauxel, Stadt'),
    ('Bad Homburg', '06434001', 'Bad Homburg v. d. Höhe, Stadt'),
    ('Bad Homburg vor der Höhe', '06434001', 'Bad Homburg v. d. Höhe, Stadt'),
    ('Rheda', '05754028', 'Rheda-Wiedenbrück, Stadt'),
    ('Rheda Wiedenbrueck', '05754028', 'Rheda-Wiedenbrück, Stadt'),
    ('Wiedenbrück', '05754028', 'Rheda-Wiedenbrück, Stadt'),
    ('Muenster', '05515000', 'Münster, Stadt'),
    ('Münster', '05515000', 'Münster, Stadt'),
    ('Koeln', '05315000', 'Köln, Stadt'),
    ('Köln', '05315000', 'Köln, Stadt'),
    ('Duesseldorf', '05111000', 'Düsseldorf, Stadt'),
    ('Muenchen', '09162000', 'München, Landeshauptstadt'),
    ('Landeshauptstadt München', '09162000', 'München, Landeshauptstadt'),
    ('Nuernberg', '09564000', 'Nürnberg'),
    ('Dortmnd', '05913000', 'Dortmund, Stadt'),
    ('Dresdn', '14612000', 'Dresden, Stadt'),
    ('Leipzg', '14713000', 'Leipzig, Stadt'),
    ('Nürnbrg', '09564000', 'Nürnberg'),
    ('Berlin', '11000000', 'Berlin, Stadt'),
    ('Hamburg', '02000000', 'Hamburg, Freie und Hansestadt'),
    ('Bremen', '04011000', 'Bremen, Stadt'),
    ('Hannover', '03241001', 'Hannover, Landeshauptstadt'),
    ('Stuttgart', '08111000', 'Stuttgart, Landeshauptstadt'),
    ('Wiesbaden', '06414000', 'Wiesbaden, Landeshauptstadt'),
    ('Saarbruecken', '10041100', 'Saarbrücken, Landeshauptstadt'),
    ('Goettingen', '03159016', 'Göttingen, Stadt'),
    ('Osnabrueck', '03404000', 'Osnabrück, Stadt'),
    ('Luebeck', '01003000', 'Lübeck, Hansestadt'),
    ('Hansestadt Lübeck', '01003000', 'Lübeck, Hansestadt'),
    ('Giessen', '06531005', 'Gießen, Universitätsstadt'),
    ('Universitätsstadt Gießen', '06531005', 'Gießen, Universitätsstadt'),
    ('Stadt Witten', '05954036', 'Witten, Stadt'),
    ('Witten', '05954036', 'Witten, Stadt'),
    ('Oldenburg', '03403000', 'Oldenburg (Oldb), Stadt'),
    ('Brandenburg', '12051000', 'Brandenburg an der Havel, Stadt'),
    ('Lindau', '09776116', 'Lindau (Bodensee), GKSt'),
    ('Hamm', '05915000', 'Hamm, Stadt'),
    ('Weimar', '16055000', 'Weimar, Stadt'),
    ('Schwerin', '13004000', 'Schwerin, Landeshauptstadt'),
    ('Hagen', '05914000', 'Hagen, Stadt der FernUniversität'),
    ('Ulm', '08421000', 'Ulm, Universitätsstadt'),
    ('Oberhausen', '05119000', 'Oberhausen, Stadt'),
    ('Kempten', '09763000', 'Kempten (Allgäu)'),
    ('Cottbus', '12052000', 'Cottbus/Chóśebuz, Stadt'),
    ('Wittenberg', '15091375', 'Wittenberg, Lutherstadt'),
    ('Lutherstadt Wittenberg', '15091375', 'Wittenberg, Lutherstadt'),
    ('Lutherstadt Eisleben', '15087130', 'Eisleben, Lutherstadt'),
    ('Garmisch', '09180117', 'Garmisch-Partenkirchen, M'),
    ('Sankt Augustin', '05382056', 'Sankt Augustin, Stadt'),
    ('St. Ingbert', '10045117', 'St. Ingbert, Stadt'),
    ('Neustadt an der Donau', '09273152', 'Neustadt a.d.Donau, St'),
    ('Neustadt a.d. Aisch', '09575153', 'Neustadt a.d.Aisch, St'),
    ('Neustadt an der Weinstraße', '07316000', 'Neustadt an der Weinstraße, Stadt'),
    ('Villingen Schwenningen', '08326074', 'Villingen-Schwenningen, Stadt'),
    ('Moenchengladbach', '05116000', 'Mönchengladbach, Stadt'),
    ('Bergisch Gladbach', '05378004', 'Bergisch Gladbach, Stadt'),
    ('Schwäbisch Hall', '08127076', 'Schwäbisch Hall, Stadt'),
    ('Essen, Stadt', '05113000', 'Essen, Stadt'),
    ('Augsburg', '09761000', 'Augsburg'),
    ('Wuerzburg', '09663000', 'Würzburg'),
    ('Gelsenkirchn', '05513000', 'Gelsenkirchen, Stadt'),
    ('Bielefeld', '05711000', 'Bielefeld, Stadt'),
    ('Guetersloh', '05754008', 'Gütersloh, Stadt'),
    ('Dusseldorf', '05111000', 'Düsseldorf, Stadt'),
    ('Kiel', '01002000', 'Kiel, Landeshauptstadt'),
    ('Rostock', '13003000', 'Rostock, Hanse- und Universitätsstadt'),
    ('Kassel', '06611000', 'Kassel, documenta-Stadt'),
    ('Rauxel', '05562004', 'Castrop-Rauxel, Stadt'),
    ('Offenbach a.M.', '06413000', 'Offenbach am Main, Stadt'),
]


@pytest.fixture(scope="module")
def resolver(bundled: LadybugStore) -> Resolver:
    return Resolver.from_store(bundled)


def test_table_is_big_enough() -> None:
    assert len(NAMES) >= 60
    assert len({q for q, _, _ in NAMES}) == len(NAMES)


@pytest.mark.parametrize(("query", "ags", "official"), NAMES, ids=[q for q, _, _ in NAMES])
def test_everyday_name(resolver: Resolver, query: str, ags: str, official: str) -> None:
    m = resolver.resolve(query)
    assert (m.key, m.name) == (ags, official), m
    first = resolver.search(query, limit=8)
    assert first and first[0].key == ags, [c.name for c in first]


@pytest.mark.parametrize(("query", "ags", "note"), [
    ("Frankfurt", "06412000", "als Frankfurt am Main erkannt; auch möglich: Frankfurt (Oder)"),
    ("Freiburg", "08311000",
     "als Freiburg im Breisgau erkannt; auch möglich: Freiburg (Elbe)"),
    ("Essen", "05113000", "als Essen erkannt; auch möglich: Essen (Oldenburg)"),
    ("Offenbach", "06413000", "als Offenbach am Main erkannt; auch möglich: "
                              "Offenbach an der Queich, Offenbach-Hundheim"),
])
def test_a_clear_favourite_is_taken_and_says_so(resolver: Resolver, query: str, ags: str,
                                                 note: str) -> None:
    m = resolver.resolve(query)
    assert (m.key, m.note) == (ags, note)
    assert m.alternatives and m.alternatives[0].key != ags


def test_exact_unique_names_carry_no_note(resolver: Resolver) -> None:
    for q in ("Witten", "Köln", "Essen, Stadt", "05954036", "Frankfurt (Oder)"):
        assert resolver.resolve(q).note is None, q


def test_prefix_beats_typo(resolver: Resolver) -> None:
    """Opfenbach (09776122) is one letter from Offenbach, but Offenbach am Main
    starts with it; the typo match must never win over a real one."""
    m = resolver.resolve("Offenbach")
    assert m.key == "06413000" and m.how == "prefix" and not m.fuzzy
    assert "09776122" not in [c.key for c in m.alternatives]
    assert resolver.resolve("Opfenbach").key == "09776122"


def test_typos_are_fuzzy(resolver: Resolver) -> None:
    m = resolver.resolve("Dortmnd")
    assert (m.key, m.how) == ("05913000", "fuzzy")
    # a typo of a name start: "Frankfurt" is both, Frankfurt am Main the clear favourite
    assert (resolver.resolve("Frankfrt").key, resolver.resolve("Frankfrt").how) == (
        "06412000", "fuzzy")
    assert resolver.resolve("Ludwigshafn").key == "07314000"
    assert m.note == "als Dortmund erkannt (unscharfer Treffer)"
    with pytest.raises(UnknownMunicipality):
        resolver.resolve("Dortmnd", fuzzy=False)
    with pytest.raises(UnknownMunicipality):
        resolver.resolve("Xqzwvbl")


def test_neustadt_is_ambiguous_largest_first(resolver: Resolver) -> None:
    with pytest.raises(AmbiguousName) as e:
        resolver.resolve("Neustadt")
    cands = e.value.candidates
    assert len(cands) >= 15
    # Neustadt an der Weinstraße, then Neustadt am Rübenberge (GV100AD)
    assert [c.key for c in cands[:2]] == ["07316000", "03241012"]
    starts = [c.name.startswith("Neustadt") for c in cands]
    assert starts == sorted(starts, reverse=True)  # "Bad Neustadt a.d.Saale" after them
    pops = [c.population for c in cands if c.name.startswith("Neustadt")]
    assert pops == sorted(pops, reverse=True)
    assert [c.key for c in resolver.search("Neustadt", limit=2)] == ["07316000", "03241012"]


def test_exact_name_listed_before_prefix_matches(resolver: Resolver) -> None:
    """"Weil" is a municipality in Bavaria (09181145); Weil am Rhein (08336091) is
    larger but not ten times larger: ambiguous, the exact name first."""
    with pytest.raises(AmbiguousName) as e:
        resolver.resolve("Weil")
    keys = [c.key for c in e.value.candidates]
    assert keys[0] == "09181145" and keys[1] == "08336091"


@pytest.mark.parametrize(("query", "hints", "ags"), [
    ("Münster", {"land": "Hessen"}, "06432015"),
    ("Halle", {"land": "05"}, "05754012"),
    ("Frankfurt", {"land": "Brandenburg"}, "12053000"),
    ("Freiburg", {"land": "Niedersachsen"}, "03359018"),
    ("Essen", {"kreis": "Cloppenburg"}, "03453006"),
])
def test_hints_narrow_first(resolver: Resolver, query: str, hints: dict, ags: str) -> None:
    assert resolver.resolve(query, **hints).key == ags


def test_typeahead_partial_names(resolver: Resolver) -> None:
    assert resolver.search("Offenb", limit=1)[0].key == "06413000"
    assert resolver.search("Frankf", limit=2)[0].key == "06412000"
    assert resolver.resolve("Offenba", partial=True).key == "06413000"
    with pytest.raises(AmbiguousName):  # Offenbach am Main or Offenburg
        resolver.resolve("Offenb", partial=True)
    # without partial, a cut-off name is at best a typo of a name start
    assert resolver.resolve("Offenba").how == "fuzzy"
    with pytest.raises(UnknownMunicipality):
        resolver.resolve("Offen")
    assert [c.key for c in resolver.search("0541", limit=3)] == sorted(
        c.key for c in resolver.search("0541", limit=3))


def test_search_page_without_javascript(bundled_store_path: Path,
                                        tmp_path_factory: pytest.TempPathFactory) -> None:
    """``/suche`` (the form without JavaScript): the same answers as in the browser."""
    from web_fixtures import viewer

    with viewer(bundled_store_path, tmp_path_factory.mktemp("search-maps2")) as app:
        c = app.test_client()
        r = c.get("/suche?q=Frankfurt")
        assert r.status_code == 302
        assert r.headers["Location"].endswith("/kommune/06412000?gesucht=Frankfurt")
        r = c.get("/suche?q=Rheda")  # the only one: no note, no extra parameter
        assert r.status_code == 302 and r.headers["Location"].endswith("/kommune/05754028")
        r = c.get("/suche?q=Frankfurt&land=Brandenburg")
        assert r.headers["Location"].endswith("/kommune/12053000")
        r = c.get("/suche?q=Neustadt", headers={"Accept": "text/html"})
        html = r.get_data(as_text=True)
        assert r.status_code == 200 and "Mehrere Treffer für „Neustadt“" in html
        assert html.index("/kommune/07316000") < html.index("/kommune/03241012")
        assert "Zur Startseite" in html
        r = c.get("/suche?q=Nirgendwo-am-See", headers={"Accept": "text/html"})
        assert r.status_code == 404 and "Keine Kommune gefunden" in r.get_data(as_text=True)
        page = c.get("/kommune/06412000?gesucht=Frankfurt").get_data(as_text=True)
        assert ("„Frankfurt“ als Frankfurt am Main erkannt; auch möglich: Frankfurt (Oder)."
                in page)
        page = c.get("/kommune/06412000?gesucht=Offenbach").get_data(as_text=True)
        assert 'id="suchhinweis"' not in page  # a note only for the page the name meant
        api = c.get("/api/search?q=Offenbach").get_json()["results"]
        assert api[0]["ags"] == "06413000" and api[0]["population"] > 100000


def test_cli_show_note_and_ambiguous_json(bundled_store_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from kommunalgraph.cli import main

    store = ["--store", str(bundled_store_path)]
    r = CliRunner().invoke(main, [*store, "show", "Frankfurt"])
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines()[0] == (
        "Hinweis: „Frankfurt“ als Frankfurt am Main erkannt; auch möglich: Frankfurt (Oder).")
    r = CliRunner().invoke(main, [*store, "show", "Offenbach", "--json"])
    d = json.loads(r.stdout)
    assert d["ags"] == "06413000" and d["match"]["how"] == "prefix"
    assert d["match"]["note"].startswith("als Offenbach am Main erkannt")
    r = CliRunner().invoke(main, [*store, "show", "Neustadt", "--json"])
    assert r.exit_code == 1
    d = json.loads(r.stdout)
    assert "mehrdeutig" in d["error"]
    assert d["candidates"][0] == {
        "ags": "07316000", "name": "Neustadt an der Weinstraße, Stadt",
        "kreis": "Neustadt an der Weinstraße, kreisfreie Stadt", "land": "Rheinland-Pfalz",
        "population": 52945}
    assert [c["ags"] for c in d["candidates"][:2]] == ["07316000", "03241012"]
    r = CliRunner().invoke(main, [*store, "show", "Neustadt"])
    assert r.exit_code == 1 and not r.stdout and "mehrdeutig" in r.stderr
