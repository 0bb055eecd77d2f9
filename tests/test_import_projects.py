"""Projects importer (own CSV format) and the converted real cooperation data."""

from __future__ import annotations

import csv
import importlib.util
import re
from pathlib import Path

import import_world
import pytest

from kommunalgraph.graph import schema
from kommunalgraph.graph.errors import ImportFailed, StoreError
from kommunalgraph.importers import projects
from kommunalgraph.importers.base import apply_plan
from kommunalgraph.importers.sources import is_url, looks_like_url, split_sources

REPO = Path(__file__).resolve().parent.parent
FIX = Path(__file__).resolve().parent / "fixtures" / "projects" / "projects.csv"
HEADER = FIX.read_text("utf-8").splitlines()[0]


def _import(store, path):
    return apply_plan(store, projects.plan(path, store))


def _members(store, pid):
    rows = store.run("MATCH (m)-[r:PARTICIPATES_IN]->(p:Project {id: $p}) "
                     "RETURN label(m) AS l, r.role AS role, r.status AS status, "
                     "r.certainty AS c, r.as_of AS as_of, r.source AS src, "
                     "coalesce(m.ags, m.key, m.id) AS k", {"p": pid})
    return {r["k"]: r for r in rows}


def test_fixture(store):
    import_world.build(store)
    report = _import(store, FIX)
    c = store.counts()
    assert c["nodes"]["Project"] == 2 and c["nodes"]["Programme"] == 1
    assert c["relationships"]["PART_OF"] == 1
    eakte = _members(store, "FIX-EAKTE")
    assert set(eakte) == {"05954036", "05954016", "05954", "05770004"}
    assert eakte["05954036"]["role"] == "lead" and eakte["05954036"]["as_of"] == "2018"
    assert eakte["05954"]["l"] == "District"
    app = _members(store, "FIX-APP")
    assert set(app) == {"120655502", "regio-it"}
    assert app["120655502"]["status"] == "planned"
    assert app["120655502"]["c"] == "announced"
    p = store.run("MATCH (p:Project {id: 'FIX-EAKTE'}) RETURN p.open_source AS o, "
                  "p.licence AS l, p.start_date AS s, p.kind AS k")[0]
    assert p == {"o": True, "l": "EUPL-1.2", "s": "2018", "k": "e-akte"}
    reasons = report.skipped_by_reason()
    assert reasons["Ebene in der Quelle unklar (Gemeinde oder Kreis?)"] == 1
    assert reasons["Name nicht gefunden"] == 1
    assert reasons["Mitglied steht mehrfach im selben Projekt"] == 1
    assert any("Bad Oeynhausn" in n and "unscharf" in n for n in report.notes)


def test_reimport_changes_nothing(store):
    import_world.build(store)
    _import(store, FIX)
    before = store.counts()
    _import(store, FIX)
    assert store.counts() == before


@pytest.mark.parametrize(("row", "field"), [
    ("X,Name,e-akte,,,,,,,Witten,gemeinde,0595403,05,lead,named,2018,src,", "member_key"),
    ("X,Name,e-akte,,,,,,,Witten,kreis,05954036,05,lead,named,2018,src,", "member_key"),
    ("X,Name,e-akte,,,,,,,Witten,stadt,05954036,05,lead,named,2018,src,", "member_level"),
    ("X,Name,e-akte,,,,,,,Witten,gemeinde,05954036,05,lead,named,,src,", "as_of"),
    ("X,,e-akte,,,,,,,Witten,gemeinde,05954036,05,lead,named,2018,src,", "project_name"),
    ("X,Name,blockchain,,,,,,,Witten,gemeinde,05954036,05,lead,named,2018,src,", "kind"),
    ("X,Name,e-akte,,,,,,,Witten,gemeinde,05954036,05,boss,named,2018,src,", "role"),
    ("X,Name,e-akte,,,,,,,Witten,gemeinde,05954036,05,lead,sure,2018,src,", "certainty"),
    ("X,Name,e-akte,,,,,,,Witten,gemeinde,05954036,05,lead,named,2018-13-45x,src,", "as_of"),
    ("FIX-EAKTE,Other name,e-akte,,,,,,,Witten,gemeinde,05954036,05,lead,named,2018,src,",
     "project_name"),
    ("X,Name,e-akte,,,,,,,Witten,gemeinde,05954036,05,lead,named,2018,"
     "https://a.example.org/x ; https://nohost,", "source"),
])
def test_bad_row_names_file_line_field(store, tmp_path, row, field):
    import_world.build(store)
    _import(store, FIX)
    before = store.counts()
    f = tmp_path / "bad.csv"
    f.write_text(FIX.read_text("utf-8") + row + "\n", "utf-8")
    with pytest.raises(ImportFailed) as e:
        _import(store, f)
    assert (e.value.path, e.value.line, e.value.field) == (str(f), 11, field)
    assert store.counts() == before


def test_bad_last_row_of_a_large_file_leaves_store_unchanged(store, tmp_path):
    import_world.build(store)
    _import(store, FIX)
    before = store.counts()
    f = tmp_path / "large.csv"
    lines = [HEADER]
    for i in range(5000):
        lines.append(f"BIG-{i},Big {i},software,,,,,,,Witten,gemeinde,05954036,05,user,"
                     f"named,2024,https://example.org/fixture,FIXTURE")
    lines.append("BIG-X,Big X,software,,,,,,,Witten,gemeinde,05954-36,05,user,named,2024,"
                 "https://example.org/fixture,FIXTURE")
    f.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(ImportFailed) as e:
        _import(store, f)
    assert e.value.line == 5002 and e.value.field == "member_key"
    assert store.counts() == before
    # the same file without the bad row imports all 5,000 memberships
    f.write_text("\n".join(lines[:-1]) + "\n", "utf-8")
    _import(store, f)
    assert store.counts()["relationships"]["PARTICIPATES_IN"] == (
        before["relationships"]["PARTICIPATES_IN"] + 5000)


def test_failure_while_writing_rolls_back(store, tmp_path):
    """A plan that fails in its last write batch leaves nothing behind."""
    import_world.build(store)
    _import(store, FIX)
    before = store.counts()
    f = tmp_path / "other.csv"
    f.write_text(HEADER + "\nNEW,New,software,,,,,,,Witten,gemeinde,05954036,05,user,named,"
                 "2024,src,\n", "utf-8")
    plan = projects.plan(f, store)
    plan.add_relationships("PARTICIPATES_IN", "Municipality", "Project",
                           [{"from": "99999999", "to": "NEW"}])
    with pytest.raises(StoreError):
        apply_plan(store, plan)
    assert store.counts() == before


def test_converter_output_is_up_to_date(tmp_path):
    spec = importlib.util.spec_from_file_location(
        "convert_partnerships", REPO / "tools" / "convert_partnerships.py")
    conv = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conv)
    for src, dst in (("partnerships.csv", "cooperation_projects.csv"),
                     ("partnerships_more.csv", "cooperation_projects_more.csv")):
        out = tmp_path / dst
        conv.convert(REPO / "data" / "cooperation" / src, out)
        assert out.read_text("utf-8") == (REPO / "data" / "projects" / dst).read_text("utf-8")


def test_converter_doctests():
    import doctest

    spec = importlib.util.spec_from_file_location(
        "convert_partnerships", REPO / "tools" / "convert_partnerships.py")
    conv = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conv)
    result = doctest.testmod(conv)
    assert result.attempted >= 2 and result.failed == 0


def test_converted_rows_keep_source_and_date():
    for src, dst in (("partnerships.csv", "cooperation_projects.csv"),
                     ("partnerships_more.csv", "cooperation_projects_more.csv")):
        with (REPO / "data" / "cooperation" / src).open(encoding="utf-8") as a, \
             (REPO / "data" / "projects" / dst).open(encoding="utf-8") as b:
            pairs = list(zip(csv.DictReader(a), csv.DictReader(b), strict=True))
        for s, d in pairs:
            assert (s["project_id"], s["as_of"]) == (d["project_id"], d["as_of"])
            urls = split_sources(d["source"])[1]
            if urls:  # the same URLs, at most a scheme-less repository file made a URL
                assert all(u.removeprefix("https://") in s["source"] for u in urls)
            else:
                assert d["source"] == s["source"]
    with (REPO / "data/projects/cooperation_projects_more.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    announced = [r for r in rows if "angekuendigt" in r["note"] and "bald" in r["note"]]
    assert announced and all(r["status"] == "planned" for r in announced)


def test_real_cooperation_projects(bundled):
    def count(q, **params):
        return bundled.run(q, params)[0]["c"]

    first = count("MATCH (p:Project) WHERE p.dataset = 'cooperation_projects.csv' "
                  "RETURN count(p) AS c")
    more = count("MATCH (p:Project) WHERE p.dataset = 'cooperation_projects_more.csv' "
                 "RETURN count(p) AS c")
    assert first >= 82 and more >= 150
    assert count("MATCH ()-[r:PARTICIPATES_IN]->() WHERE r.importer = 'projects' "
                 "RETURN count(r) AS c") >= 150
    assert bundled.run("MATCH (m:Municipality {ags: '05954036'})-[r:PARTICIPATES_IN]->"
                       "(p:Project {id: 'EAKTE-EN'}) RETURN r.role AS role, p.kind AS k"
                       ) == [{"role": "lead", "k": "e-akte"}]
    for pid in ("OSCA", "MPSC-2-44", "DIKOM-BB"):
        assert count("MATCH (p:Project {id: $p}) RETURN count(p) AS c", p=pid) == 1
    assert count("MATCH (p:Project)-[:PART_OF]->(g:Programme) "
                 "WHERE g.name = 'Modellprojekte Smart Cities' RETURN count(p) AS c") == 73


def test_reimport_with_unstated_values(store, tmp_path):
    """Projects whose optional values are all empty import twice (no null typing)."""
    import_world.build(store)
    f = tmp_path / "plain.csv"
    f.write_text(HEADER + "\n" + "\n".join(
        f"P{i},Plain {i},software,,,,,,,Witten,gemeinde,05954036,05,user,,2024,src,"
        for i in range(3)) + "\n", "utf-8")
    _import(store, f)
    before = store.counts()
    _import(store, f)
    assert store.counts() == before


def test_several_sources_are_stored_as_a_list(store, tmp_path):
    import_world.build(store)
    f = tmp_path / "two.csv"
    f.write_text(HEADER + "\nTWO,Zwei Quellen,software,,,,,,,Witten,gemeinde,05954036,05,user,"
                 "named,2024,https://a.example.org/x ; https://b.example.org/y,\n", "utf-8")
    _import(store, f)
    row = store.run("MATCH (m)-[r:PARTICIPATES_IN]->(p:Project {id: 'TWO'}) "
                    "RETURN r.source AS s, r.sources AS l, p.sources AS pl")[0]
    assert row == {"s": "https://a.example.org/x",
                   "l": ["https://a.example.org/x", "https://b.example.org/y"],
                   "pl": ["https://a.example.org/x", "https://b.example.org/y"]}


def test_no_english_explanation_in_project_names(bundled):
    names = [r["n"] for r in bundled.run("MATCH (p:Project) RETURN p.name AS n")]
    assert len(names) > 200
    for phrase in ("E-Akte of Witten", "open source, operated by", "origin Bad Belzig",
                   " reused by ", " operated by "):
        assert not [n for n in names if phrase in n], phrase


def test_every_stored_source_url_is_one_valid_url(bundled):
    """Every element of ``sources`` is one URL; ``source`` is one URL or a citation
    text (pages link ``source`` only when it starts with a scheme)."""
    checked = 0
    # the facts whose sources pages link (projects, memberships, IT providers,
    # components); the boundaries' attribution text is a citation, not a link
    queries = [f"MATCH (n:{schema.quote(label)}) RETURN n.source AS s, n.sources AS l"
               for label in (schema.PROJECT, schema.PROGRAMME, schema.ORGANISATION,
                             schema.PLATFORM)]
    queries += [f"MATCH ()-[n:{schema.quote(rel)}]->() RETURN n.source AS s, n.sources AS l"
                for rel in (schema.PARTICIPATES_IN, schema.PART_OF, schema.SERVED_BY,
                            schema.USES, schema.ON_PLATFORM)]
    for what in queries:
        for r in bundled.run(what):
            for url in r["l"] or []:
                assert is_url(url), url
                checked += 1
            if looks_like_url(r["s"]):  # a link; a citation text may quote one inside
                assert is_url(r["s"]), r["s"]
                assert not r["l"] or r["s"] == r["l"][0]
    assert checked > 1000
    eakte = bundled.run("MATCH (m:Municipality {ags: '05954036'})-[r:PARTICIPATES_IN]->"
                        "(:Project {id: 'EAKTE-EN'}) RETURN r.sources AS l")[0]["l"]
    assert len(eakte) == 2 and all(is_url(u) for u in eakte)


def test_catalogue_groups_programmes_and_lists_software_apart(bundled):
    from kommunalgraph.queries.catalogue import NO_USERS_DE, grouped_catalogue

    c = grouped_catalogue(bundled)
    labels = {g["name"]: g["label"] for g in c["groups"]}
    dzk = next(g for g in c["groups"] if g["name"] == "Digitale Zukunftskommune@bw")
    assert labels["Digitale Zukunftskommune@bw"] == (
        f"Digitale Zukunftskommune@bw: {dzk['count']} Projekte")
    assert dzk["count"] >= 16
    assert labels["Modellprojekte Smart Cities"] == "Modellprojekte Smart Cities: 73 Projekte"
    # software without a known user is software, not a project with 0 members
    assert c["software"] and all(p["kind"] == "software" and p["members"] == 0
                                 and p["members_de"] == NO_USERS_DE for p in c["software"])
    listed = [p for g in c["groups"] for p in g["projects"]] + c["ungrouped"]
    assert not [p for p in listed if p["kind"] == "software" and p["members"] == 0]
    assert all(p["members_de"] and not p["members_de"].startswith("0") for p in c["results"])
    # same-named entries are told apart by their members
    teil_b = [p for p in dzk["projects"] if "Teil B" in p["name"]]
    assert len({(p["name"], p["members_de"]) for p in teil_b}) == len(teil_b) > 1
    bw = grouped_catalogue(bundled, land="08")
    assert bw["count"] < c["count"] and all(
        "08" in {s["key"] for s in p["states"]} for p in bw["results"])
    done = grouped_catalogue(bundled, status="completed")
    assert all(p["status"] == "completed" for p in done["results"])


def test_catalogue_page(bundled_store_path, tmp_path):
    from web_fixtures import viewer

    with viewer(bundled_store_path, tmp_path / "maps") as app:
        client = app.test_client()
        html = client.get("/projekte").get_data(as_text=True)
        assert "Modellprojekte Smart Cities: 73 Projekte" in html
        assert "Noch keine bekannten Nutzer" in html and "0 Mitglieder" not in html
        assert client.get("/projekte?land=08").status_code == 200
        bad = client.get("/projekte?status=egal")
        assert bad.status_code == 400 and "status" in bad.get_data(as_text=True)


def test_municipality_page_links_each_source_separately(bundled_store_path, tmp_path):
    """Witten's e-Akte row cites two pages: two links, each one valid URL."""
    from web_fixtures import viewer

    with viewer(bundled_store_path, tmp_path / "maps") as app:
        client = app.test_client()
        for ags in ("05954036", "05314000", "05515000", "12068320"):
            html = client.get(f"/kommune/{ags}").get_data(as_text=True)
            hrefs = [h for h in re.findall(r'href="([^"]+)"', html) if "://" in h]
            assert hrefs and all(is_url(h.replace("&amp;", "&")) for h in hrefs), ags
            if ags == "05954036":
                assert "https://www.enkreis.de/aktuelles/news-detailansicht/news/" \
                       "ebehoerdenakte-en-kreisstaedte-legen-die-papierarbeit-ad-acta.html" in hrefs
                assert any(h.startswith("https://www.waz.de/") for h in hrefs)


#: English function words that never occur in the German texts of the catalogue
ENGLISH = re.compile(
    r"\b(the|and|of|is|not|by|per|only|with|reportedly|says|operated|origin|reused|"
    r"listed|found|named in)\b")


def test_converted_names_and_notes_are_german():
    """No project name or note is English, except words quoted from a source."""
    for dst in ("cooperation_projects.csv", "cooperation_projects_more.csv"):
        with (REPO / "data" / "projects" / dst).open(encoding="utf-8") as f:
            for line, r in enumerate(csv.DictReader(f), start=2):
                for col in ("project_name", "note"):
                    text = re.sub(r"'[^']*'|„[^“]*“|\"[^\"]*\"", "", r[col])
                    assert not ENGLISH.search(text), (dst, line, col, r[col])
