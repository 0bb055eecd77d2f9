"""Organisations importer: KDN provider list (quirks), provider memberships, websites."""

from __future__ import annotations

from pathlib import Path

import import_world
import pytest

from kommunalgraph.graph.errors import ImportFailed
from kommunalgraph.importers import organisations
from kommunalgraph.importers.base import apply_plan

REPO = Path(__file__).resolve().parent.parent
FIX = Path(__file__).resolve().parent / "fixtures" / "organisations"


def _import(store, path):
    return apply_plan(store, organisations.plan(path, store))


def _orgs(store):
    rows = store.run("MATCH (o:Organisation) RETURN o.id AS id, o.name AS name, "
                     "o.seat AS seat, o.url AS url, o.kind AS kind")
    return {r["id"]: r for r in rows}


def test_quoting_quirks_are_fixed(store):
    report = _import(store, FIX / "kdn_it_dienstleister_nrw.csv")
    orgs = _orgs(store)
    assert set(orgs) == {"civitec", "stadt-essen-esh", "stadt-hagen-habit", "itk-rheinland"}
    assert orgs["stadt-essen-esh"]["name"] == "Stadt Essen, ESH"
    assert orgs["stadt-hagen-habit"]["name"] == "Stadt Hagen, HABIT"  # unquoted comma
    assert orgs["itk-rheinland"]["name"] == "ITK Rheinland"  # doubled quotes, blanks
    assert orgs["itk-rheinland"]["url"] == "http://itk-rheinland.de"
    assert orgs["civitec"]["kind"] == "it-dienstleister"
    assert report.skipped_by_reason() == {"in der Quelle verborgen (hidden)": 1}


def test_real_provider_list(store):
    report = _import(store, REPO / "data/organisations/kdn_it_dienstleister_nrw.csv")
    orgs = _orgs(store)
    assert len(orgs) == 31  # 32 rows, the two Südwestfalen-IT rows are one provider
    assert orgs["stadt-essen-esh"]["name"] == "Stadt Essen, ESH"
    assert orgs["lwl"]["seat"] == "Münster" and orgs["lwv-hessen"]["seat"] == "Kassel"
    assert orgs["stadt-remscheid"]["url"] == "http://remscheid.de"
    assert sum("vertauscht" in n for n in report.notes) == 2
    assert any("Südwestfalen-IT" in n and "zusammengeführt" in n for n in report.notes)


def test_memberships(store):
    import_world.build(store)
    _import(store, FIX / "kdn_it_dienstleister_nrw.csv")
    report = _import(store, FIX / "it_provider_members.csv")
    rows = store.run("MATCH (m)-[r:SERVED_BY]->(o:Organisation) RETURN "
                     "coalesce(m.ags, m.key) AS k, o.id AS o, r.certainty AS c, r.as_of AS d")
    got = {(r["k"], r["o"]): (r["c"], r["d"]) for r in rows}
    assert got == {
        ("05954036", "suedwestfalen-it"): ("named", "2018-04-23"),
        ("05954016", "suedwestfalen-it"): ("derived", "2018-04-23"),
        ("05954", "suedwestfalen-it"): ("named", "2018-04-23"),
        ("120655502", "itvsh"): ("named", "2017-01-01"),
    }
    reasons = report.skipped_by_reason()
    assert any(k.startswith("AKDB-Träger") for k in reasons)
    assert reasons["Mitglied ist keine Kommune (sonstige Organisation)"] == 1
    assert reasons["Schlüssel nicht im Datenbestand (Municipality)"] == 1
    # no municipality is linked to the AKDB
    assert store.run("MATCH (m)-[:SERVED_BY]->(o:Organisation {id: 'akdb'}) "
                     "RETURN count(m) AS c")[0]["c"] == 0
    before = store.counts()
    _import(store, FIX / "it_provider_members.csv")
    assert store.counts() == before


def test_websites_and_typo_names(store):
    import_world.build(store)
    report = _import(store, FIX / "kdn_kommunen_nrw.csv")
    web = {r["a"]: r["w"] for r in store.run(
        "MATCH (m:Municipality) WHERE m.website IS NOT NULL RETURN m.ags AS a, m.website AS w")}
    assert web == {"05954036": "http://witten.de", "05554004": "http://ahaus.de",
                   "05770004": "http://badoeynhausen.de", "05774012": "http://borchen.de"}
    assert sum("ohne AGS in der Quelle" in n for n in report.notes) == 2
    skipped = {s.detail.split("“")[0].lstrip("„") for s in report.skipped}
    assert skipped == {"Markt Lichtenau", "Langenbach"}


def test_bad_member_key_fails_without_writing(store, tmp_path):
    import_world.build(store)
    before = store.counts()
    f = tmp_path / "it_provider_members.csv"
    text = (FIX / "it_provider_members.csv").read_text("utf-8")
    f.write_text(text + "KRZN,Zweckverband,,Kreis Wesel,kreis,05,0517,2019,src,\n", "utf-8")
    with pytest.raises(ImportFailed) as e:
        _import(store, f)
    assert (e.value.path, e.value.line, e.value.field) == (str(f), 9, "ags_or_kreis")
    assert store.counts() == before


def test_unknown_file_is_refused(store, tmp_path):
    f = tmp_path / "something.csv"
    f.write_text("a,b\n1,2\n", "utf-8")
    with pytest.raises(ImportFailed):
        organisations.plan(f, store)


def test_real_data_after_bundled_import(bundled):
    assert bundled.counts()["nodes"]["Organisation"] >= 30
    served = bundled.run("MATCH (m)-[r:SERVED_BY]->(o:Organisation) "
                         "RETURN r.certainty AS c, count(*) AS n")
    by = {r["c"]: r["n"] for r in served}
    assert by["derived"] == 147 + 1175 and by["named"] > 200
    # the old and the new membership file together: 1,414 municipalities
    assert bundled.run("MATCH (m:Municipality)-[:SERVED_BY]->(:Organisation) "
                       "RETURN count(DISTINCT m) AS c")[0]["c"] >= 1400
    muenster = bundled.run(
        "MATCH (:Municipality {ags: '05515000'})-[r:SERVED_BY]->(o:Organisation) "
        "RETURN o.id AS id, r.in_house AS h")
    assert muenster == [{"id": "citeq", "h": True}]
    # one node per provider: citeq of the KDN list and of the new file
    assert bundled.run("MATCH (o:Organisation) WHERE o.name CONTAINS 'citeq' "
                       "RETURN count(o) AS c")[0]["c"] == 1
    assert bundled.run("MATCH (m:Municipality {ags: '05362020'}) RETURN m.website AS w") == [
        {"w": "http://erftstadt.de"}]  # "Erfstadt" in the source


def test_more_members_align_providers(store, tmp_path):
    """The new member file: aligned provider ids, in-house IT, source lists, DERIVED."""
    import_world.build(store)
    kdn = tmp_path / "kdn_it_dienstleister_nrw.csv"
    kdn.write_text((FIX / "kdn_it_dienstleister_nrw.csv").read_text("utf-8-sig")
                   + '9,Musterweg,12345,Münster,citeq.de,,,,"Stadt Münster, citeq",0\n', "utf-8")
    _import(store, kdn)
    _import(store, FIX / "it_provider_members.csv")
    _import(store, FIX / "it_provider_members_more.csv")
    rows = store.run("MATCH (m:Municipality)-[r:SERVED_BY]->(o:Organisation) "
                     "WHERE r.dataset = 'it_provider_members_more.csv' RETURN m.ags AS a, "
                     "o.id AS o, r.certainty AS c, r.in_house AS h, r.sources AS s")
    got = {r["a"]: (r["o"], r["c"], r["h"], r["s"]) for r in rows}
    assert got == {
        "05954036": ("citeq", "named", True, ["https://example.org/fixture/citeq",
                                              "https://example.org/fixture/citeq-press"]),
        "05554004": ("citeq", "named", False, ["https://example.org/fixture/citeq"]),
        "05774032": ("komm-one", "named", False, ["https://example.org/fixture/4it"]),
        "01002000": ("itvsh", "derived", False, ["https://example.org/fixture/itvsh"]),
    }
    citeq = store.run("MATCH (o:Organisation) WHERE o.id STARTS WITH 'citeq' "
                      "OR o.name CONTAINS 'citeq' RETURN o.id AS id, o.seat AS seat")
    assert citeq == [{"id": "citeq", "seat": "Münster"}]
    before = store.counts()
    _import(store, FIX / "it_provider_members_more.csv")
    assert store.counts() == before


def test_more_members_bad_source_names_line(store, tmp_path):
    import_world.build(store)
    f = tmp_path / "it_provider_members_more.csv"
    text = (FIX / "it_provider_members_more.csv").read_text("utf-8")
    f.write_text(text.replace("https://example.org/fixture/4it", "https://example.org/a "
                              "https://example.org/b"), "utf-8")
    before = store.counts()
    with pytest.raises(ImportFailed) as e:
        _import(store, f)
    assert (e.value.line, e.value.field) == (4, "source")
    assert store.counts() == before
