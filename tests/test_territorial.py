"""Territorial changes between two directory editions (issue 10, item 2).

The older edition is the real 2020 GV-ISys extract bundled in data/destatis/
(Gebietsstand 31.12.2020), written out in the GV100AD record layout; the
newer one is the bundled GV100AD of 30.11.2025. Between them lie the
Thuringian and other mergers. The facts that point to vanished
municipalities are the real neighbours from the bundled VG5000 boundaries
(as of 01.01.2021, so drawn for the 2020 municipalities).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from kommunalgraph.graph.errors import ImportFailed
from kommunalgraph.graph.ladybug_store import LadybugStore
from kommunalgraph.graph.resolve import load_cypher
from kommunalgraph.graph.schema import (
    HAS_TYPE,
    MUNICIPALITY,
    MUNICIPALITY_TYPE,
    NEIGHBOUR_OF,
    PARTICIPATES_IN,
    PROJECT,
)
from kommunalgraph.importers import territorial
from kommunalgraph.importers.pipeline import import_file

REPO = Path(__file__).resolve().parent.parent
DESTATIS = REPO / "data" / "destatis"
EXTRACT = DESTATIS / "AuszugGV4QAktuell_2020-12-31.csv"
GV2025 = DESTATIS / "GV100AD_30112025.txt"
VG5000 = REPO / "data" / "bkg" / "VG5000_GEM.shp"


def _put(rec: list[str], start: int, text: str, width: int) -> None:
    text = text[:width].ljust(width)
    rec[start:start + width] = list(text)


def gv100ad_2020(dst: Path) -> Path:
    """The 2020 extract in the GV100AD layout (positions as in importers/gv100ad.py)."""
    lines = []
    with EXTRACT.open(encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            rec = [" "] * 220
            sa = r["satzart"]
            _put(rec, 0, sa, 2)
            _put(rec, 2, "20201231", 8)
            _put(rec, 10, r["land"], 2)
            if sa != "10":
                _put(rec, 12, r["rb"] or "0", 1)
            if sa == "30":
                _put(rec, 13, r["kreis"], 1)  # the Region digit
            elif sa in ("40", "50", "60"):
                _put(rec, 13, r["kreis"], 2)
            if sa in ("50", "60"):
                _put(rec, 18, r["vb"], 4)
            if sa == "60":
                _put(rec, 15, r["gemeinde"], 3)
                area_ha = round(float(r["flaeche"].replace(" ", "")) * 100)
                _put(rec, 128, f"{area_ha:011d}", 11)
                pop = int("".join(r["bevoelkerung"].split()) or 0)
                _put(rec, 139, f"{pop:011d}", 11)
                _put(rec, 165, r["postleitzahl"], 5)
            _put(rec, 22, r["gemeindename"], 50)
            if sa in ("40", "50", "60"):
                _put(rec, 122, r["textkennzeichen"], 2)
            lines.append("".join(rec))
    out = dst / "GV100AD_31122020.txt"
    out.write_text("\n".join(lines) + "\n", "utf-8")
    return out


def _names(path: Path, satzart: str = "60") -> dict[str, str]:
    """AGS → official name of the municipalities (not gemeindefreie Gebiete) of a GV100AD."""
    out = {}
    for line in path.read_text("utf-8").splitlines():
        if line[:2] == satzart and line[122:124] not in ("65", "66"):
            out[line[10:15] + line[15:18]] = line[22:72].strip()
    return out


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list, Path]]:
    """A store: the 2020 directory, the 2021 boundaries, then the 2025 directory."""
    tmp = tmp_path_factory.mktemp("territorial")
    old = gv100ad_2020(tmp)
    s = LadybugStore(tmp / "store")
    first = import_file(s, "gv100ad", old)
    assert first.edition == "2020-12-31"
    import_file(s, "boundaries", VG5000, bundled=True)
    newer = import_file(s, "gv100ad", GV2025, bundled=True)
    s.close()
    yield tmp / "store", [first, newer], old


def test_vanished_municipalities_stay_as_history_not_as_current(editions) -> None:
    path, (first, newer), old = editions
    gone = sorted(set(_names(old)) - set(_names(GV2025)))
    assert len(gone) > 40 and sum(k.startswith("16") for k in gone) > 20  # Thüringen
    assert newer.replaced == [first.dataset]
    s = LadybugStore(path, read_only=True)
    try:
        assert territorial.history(s) == dict.fromkeys(gone, "2025-11-30")
        index = {r["ags"] for r in s.run(load_cypher("municipality_index"))}
        assert index == set(_names(GV2025)) and not index & set(gone)
        # the directory's facts are those of 2025 only: nothing doubled
        c = s.counts()["relationships"]
        assert c["IN_DISTRICT"] == 15538 and c["IN_ASSOCIATION"] == 10751
        assert s.run("MATCH (m:Municipality) WHERE m.valid_until IS NULL "
                     "RETURN count(m) AS c")[0]["c"] == len(_names(GV2025))
        # Eisenach's old key (kreisfrei until 2021) and its Kreis 16056
        eisenach = s.run("MATCH (m:Municipality {ags: '16056000'}) "
                         "RETURN m.valid_until AS until, m.official_name AS name")
        assert eisenach == [{"until": "2025-11-30", "name": "Eisenach, Stadt"}]
        assert not s.run("MATCH (d:District {key: '16056'})-[:IN_STATE]->() RETURN d.key")
        # history is not current: not in the analysis graph, the map or the headline
        from kommunalgraph.queries.analytics.network import build_network
        from kommunalgraph.queries.cypher_files import run as run_query

        G = build_network(s)
        assert not {("Municipality", k) for k in gone} & set(G)
        assert run_query(s, "web_headline")[0]["municipalities"] == len(_names(GV2025))
        assert not {r["ags"] for r in run_query(s, "map_outlines")} & set(gone)
    finally:
        s.close()
    # the summary lists them and the facts that still point to them
    text = " ".join(newer.notes)
    assert f"{len(gone)} Gemeinden gibt es im Stand 2025-11-30 nicht mehr" in text
    assert "16056000 Eisenach, Stadt: NEIGHBOUR_OF" in text
    assert "--successors" in text


def renumbered(old: Path) -> dict[str, str]:
    """Successors derived from the two directories, not invented: a vanished AGS
    whose exact official name reappears under a new AGS of the same Land."""
    before, after = _names(old), _names(GV2025)
    born = {name: k for k, name in after.items() if k not in before}
    return {k: born[name] for k, name in before.items()
            if k not in after and name in born and born[name][:2] == k[:2]}


def test_successors_move_the_facts_and_keep_where_they_came_from(editions,
                                                                   tmp_path: Path) -> None:
    path, _, old = editions
    pairs = renumbered(old)
    assert pairs["16056000"] == "16063105"  # Eisenach, now in the Wartburgkreis
    succ = tmp_path / "nachfolger.csv"
    succ.write_text("ags_alt;name;ags_neu\n" + "".join(
        f"{a};x;{b}\n" for a, b in sorted(pairs.items())), "utf-8")
    s = LadybugStore(path)
    try:
        before = s.run("MATCH (m:Municipality {ags: '16056000'})-[r:NEIGHBOUR_OF]-(x) "
                       "RETURN x.ags AS n ORDER BY n")
        assert before
        report = import_file(s, "gv100ad", GV2025, bundled=True,
                             successors=territorial.read_successors(succ))
        assert report.unchanged  # the directory itself is the same content
        assert not s.run("MATCH (m:Municipality)-[r]-() WHERE m.ags IN $k RETURN r",
                         {"k": sorted(pairs)})
        moved = s.run("MATCH (m:Municipality {ags: '16063105'})-[r:NEIGHBOUR_OF]-(x) "
                      "WHERE r.moved_from = '16056000' RETURN x.ags AS n, r.dataset AS ds "
                      "ORDER BY n")
        assert {r["ds"] for r in moved} == {"VG5000_GEM.shp"}
        assert [r["n"] for r in moved] == [r["n"] for r in before if r["n"] != "16063105"]
        assert s.run("MATCH (m:Municipality {ags: '16056000'}) RETURN m.successor AS s"
                     ) == [{"s": "16063105"}]
        assert any("zum Nachfolger verschoben" in n for n in report.notes)
    finally:
        s.close()


def test_an_older_directory_after_a_newer_one_is_refused(editions) -> None:
    path, _, old = editions
    s = LadybugStore(path)
    try:
        with pytest.raises(ImportFailed) as e:  # 2020 was replaced: not a no-op
            import_file(s, "gv100ad", old)
        assert e.value.message_de.endswith(
            "Stand 2020-12-31 ist älter als der Stand 2025-11-30 im Datenbestand "
            "(Datensatz „GV100AD_30112025.txt“); nichts geändert. Mit --force trotzdem "
            "ersetzen.")
    finally:
        s.close()


@pytest.mark.parametrize(("text", "line", "field", "words"), [
    ("alt;neu\n16056000;1606310\n", 2, "neu", "kein Gemeindeschlüssel"),
    ("von;nach\n16056000;16063105\n", 1, "ags_alt", "Spalte für den alten Schlüssel"),
    ("ags_alt,ags_neu\n16056000,16063105\n16056000,16063106\n", 3, "ags_alt",
     "zwei Nachfolger"),
])
def test_a_bad_successor_file_names_file_line_and_field(tmp_path: Path, text: str, line: int,
                                                        field: str, words: str) -> None:
    f = tmp_path / "s.csv"
    f.write_text(text, "utf-8")
    with pytest.raises(ImportFailed) as e:
        territorial.read_successors(f)
    assert (e.value.line, e.value.field) == (line, field)
    assert words in e.value.message_de and str(f) in e.value.message_de


def test_successor_file_reads_ars_and_skips_unchanged_keys(tmp_path: Path) -> None:
    f = tmp_path / "s.csv"
    # Eisenach's ARS in the 2020 extract and in the 2025 directory
    f.write_text("Alter Schlüssel;Neuer Schlüssel\n160560000000;160630105105\n"
                 "05954036;05954036\n\n", "utf-8")
    assert territorial.read_successors(f) == {"16056000": "16063105"}


def test_history_is_no_neighbour_network_member_or_type_member(editions,
                                                              tmp_path: Path) -> None:
    """A municipality kept as history is not listed as a current neighbour, network member,
    type member or ecosystem partner; a project page names it as history, without a link
    to a page it no longer has."""
    import shutil

    from kommunalgraph.queries.cypher_files import run as run_query
    from kommunalgraph.web import create_app

    path, _, old = editions
    gone = sorted(set(_names(old)) - set(_names(GV2025)))[0]
    witten, herdecke = "05954036", "05954020"
    copy = tmp_path / "store"
    shutil.copytree(path, copy)
    prov = {"source": "Testdaten", "as_of": "2026", "importer": "test", "dataset": "test"}
    s = LadybugStore(copy)
    try:
        with s.transaction():
            s.upsert_nodes(PROJECT, [{"id": "hist", "name": "Historie-Test", **prov}])
            s.upsert_nodes(MUNICIPALITY_TYPE, [{"id": "optimierer", "name": "Optimierer",
                                                 **prov}])
            s.create_relationships(PARTICIPATES_IN, MUNICIPALITY, PROJECT, [
                {"from": k, "to": "hist", **prov} for k in (gone, witten, herdecke)])
            s.create_relationships(HAS_TYPE, MUNICIPALITY, MUNICIPALITY_TYPE, [
                {"from": k, "to": "optimierer", **prov} for k in (gone, witten)])
            s.create_relationships(NEIGHBOUR_OF, MUNICIPALITY, MUNICIPALITY, [
                {"from": witten, "to": gone, "contact": "line", **prov}])
        raw = s.run("MATCH (:Municipality {ags: $a})-[:NEIGHBOUR_OF]-(n:Municipality) "
                    "RETURN n.ags AS ags", {"a": witten})
        assert gone in {r["ags"] for r in raw}  # the fact is there ...
        # ... but no current list shows it
        for name in ("municipality_neighbours", "ecosystem_neighbours"):
            assert gone not in {r["ags"] for r in run_query(s, name, ags=witten)}, name
        assert gone not in {r["ags"] for r in run_query(s, "municipalities_neighbours")
                            if r["of"] == witten}
        assert {r["ags"] for r in run_query(s, "web_network_members")} == {witten, herdecke}
        assert [(r["a"], r["b"]) for r in run_query(s, "web_network_ties", kind="")] == [
            (herdecke, witten)]
        assert [r["ags"] for r in run_query(s, "typecheck_type_members",
                                            type_id="optimierer", limit=10)] == [witten]
        members = run_query(s, "ecosystem_members", projects=["hist"])
        assert sorted(r["key"] for r in members) == [herdecke, witten]
    finally:
        s.close()
    client = create_app({"STORE": str(copy), "PREPARED_ANSWERS": False}).test_client()
    page = client.get("/projekt/hist").get_data(as_text=True)
    name = _names(old)[gone].split(",")[0]
    assert "(bis 2025-11-30; Gemeinde besteht unter diesem Schlüssel nicht mehr)" in page
    assert f'href="/kommune/{gone}"' not in page and name in page
    assert f'href="/kommune/{witten}"' in page
