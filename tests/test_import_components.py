"""Components importer (RIS OParl list, RIS 2016, open-data portals) on small
fixtures and on the bundled real data."""

from __future__ import annotations

from pathlib import Path

import import_world
import pytest

from kommunalgraph.graph.errors import ImportFailed
from kommunalgraph.importers import components
from kommunalgraph.importers.base import apply_plan

FIX = Path(__file__).resolve().parent / "fixtures" / "components"
OPARL = FIX / "ris_oparl_endpoints.csv"
RIS2016 = FIX / "ris_grossstaedte_2016.csv"
PORTALS = FIX / "open_data_portals.csv"


def _import(store, path):
    return apply_plan(store, components.plan(path, store))


def _uses(store, key, component):
    return store.run(
        "MATCH (m)-[r:USES]->(c:EGovComponent {id: $c}) "
        "WHERE coalesce(m.ags, m.key) = $k "
        "RETURN label(m) AS l, r.product AS product, r.vendor AS vendor, "
        "r.product_basis AS basis, r.historical AS hist, r.as_of AS as_of, "
        "r.source AS source, r.sources AS sources, r.note AS note, r.url AS url, "
        "r.api_url AS api, r.platform AS platform, r.dataset AS ds ORDER BY ds",
        {"k": key, "c": component})


def test_oparl_list(store):
    import_world.build(store)
    report = _import(store, OPARL)
    witten = _uses(store, "05954036", "ratsinformationssystem")
    assert len(witten) == 1  # two rows about one body are one fact
    w = witten[0]
    assert (w["product"], w["vendor"], w["hist"]) == ("ALLRIS", "CC e-gov GmbH", False)
    assert w["basis"] == "inferred_from_url_pattern"  # the first row's basis
    assert w["sources"] == ["https://example.org/fixture/oparl",
                            "https://example.org/fixture/oparl-cli"]
    assert w["source"] == "https://example.org/fixture/oparl"
    assert w["as_of"] == "2026-09-15"  # the latest of the merged rows
    assert "nicht erreichbar" in w["note"]
    assert _uses(store, "05954", "ratsinformationssystem")[0]["l"] == "District"
    amt = _uses(store, "120655502", "ratsinformationssystem")[0]
    assert amt["l"] == "MunicipalAssociation" and amt["product"] is None
    assert amt["basis"] == "unknown"
    node = store.run("MATCH (c:EGovComponent {id: 'ratsinformationssystem'}) "
                     "RETURN c.name AS n, c.kind AS k")[0]
    assert node == {"n": "Ratsinformationssystem", "k": "digital-infrastructure"}
    reasons = report.skipped_by_reason()
    assert reasons == {
        "keine kommunale Körperschaft (Sammeldienst oder sonstige Stelle)": 1,
        "in der Quelle keiner Körperschaft eindeutig zugeordnet": 1,
        "Schlüssel nicht im Datenbestand (Municipality)": 1,
    }
    assert report.written["USES"] == 3


def test_ris_2016_is_historical(store):
    import_world.build(store)
    _import(store, OPARL)
    _import(store, RIS2016)
    sol = _uses(store, "05122000", "ratsinformationssystem")
    assert [(r["product"], r["hist"], r["as_of"]) for r in sol] == [
        ("SessionNet", True, "2016-10-16")]
    assert "2016" in sol[0]["note"]
    witten = _uses(store, "05954036", "ratsinformationssystem")
    # the 2016 fact stands beside the current one; "Allris" is spelt as one product
    assert sorted((r["product"], r["hist"]) for r in witten) == [
        ("ALLRIS", False), ("ALLRIS", True)]


def test_portals_and_the_shared_portal(store):
    import_world.build(store)
    report = _import(store, PORTALS)
    sol = _uses(store, "05122000", "open-data-portal")[0]
    assert sol["product"] == "CKAN" and sol["url"].endswith("/solingen/opendata")
    assert sol["api"].endswith("package_list") and sol["platform"] is None
    shared = store.run("MATCH (m:Municipality)-[r:ON_PLATFORM]->(p:Platform) "
                       "RETURN m.ags AS ags, p.name AS n, p.component AS c ORDER BY ags")
    assert shared == [
        {"ags": "05954016", "n": "offenesdatenportal.de", "c": "open-data-portal"},
        {"ags": "05954036", "n": "offenesdatenportal.de", "c": "open-data-portal"}]
    assert _uses(store, "05954036", "open-data-portal")[0]["platform"] == (
        "offenesdatenportal.de")
    assert report.skipped_by_reason() == {
        "Landes- oder nichtkommunales Portal": 1,
        "kein kommunales Portal (Bund, Unternehmen, Sammeldienst)": 1}


def test_reimport_changes_nothing(store):
    import_world.build(store)
    for path in (OPARL, RIS2016, PORTALS):
        _import(store, path)
    before = store.counts()
    for path in (OPARL, RIS2016, PORTALS):
        _import(store, path)
    assert store.counts() == before


@pytest.mark.parametrize(("path", "old", "new", "field"), [
    (OPARL, "05954036,,,gemeinde", "0595403,,,gemeinde", "ags"),
    (OPARL, "https://example.org/fixture/oparl,2022-12-06",
     "https://example.org/fixture/oparl https://x.example.org,2022-12-06", "source_url"),
    (OPARL, "2022-12-06", "gestern", "source_date"),
    (OPARL, "inferred_from_url_pattern", "guessed", "product_basis"),
    (RIS2016, "05122000", "5122000", "ags"),
    (PORTALS, ",offenesdatenportal.de,", ",otherportal.de,", "shared_portal"),
])
def test_bad_row_names_file_line_field(store, tmp_path, path, old, new, field):
    import_world.build(store)
    _import(store, path)
    before = store.counts()
    text = path.read_text("utf-8")
    assert old in text
    bad = tmp_path / path.name
    bad.write_text(text.replace(old, new, 1), "utf-8")
    with pytest.raises(ImportFailed) as e:
        _import(store, bad)
    assert e.value.path == str(bad) and e.value.field == field
    assert e.value.line == 2 + next(i for i, ln in enumerate(text.splitlines()[1:])
                                    if old in ln)
    assert f"Zeile {e.value.line}, Feld „{field}“" in e.value.message_de
    assert store.counts() == before


def test_unknown_file_is_refused(store, tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("a,b\n1,2\n", "utf-8")
    with pytest.raises(ImportFailed) as e:
        components.plan(f, store)
    assert e.value.line == 1


def test_bundled_components(bundled):
    def one(q, **p):
        return bundled.run(q, p)[0]["c"]

    uses = one("MATCH ()-[r:USES]->() WHERE r.source IS NOT NULL AND r.dataset IS NOT NULL "
               "AND size(r.sources) > 0 RETURN count(r) AS c")
    assert uses >= 250
    bonn = bundled.run(
        "MATCH (:Municipality {ags: '05314000'})-[r:USES]->(:EGovComponent "
        "{id: 'ratsinformationssystem'}) WHERE r.historical = false "
        "RETURN r.product AS p, r.vendor AS v, r.as_of AS a")
    assert bonn == [{"p": "ALLRIS", "v": "CC e-gov GmbH", "a": "2022-12-06"}]
    assert one("MATCH ()-[r:USES]->() WHERE r.dataset = 'ris_grossstaedte_2016.csv' "
               "AND r.historical = true RETURN count(r) AS c") == 76
    # the 12 organisations on the shared portal: municipalities and Kreise
    assert one("MATCH (m)-[:ON_PLATFORM]->(:Platform {id: 'offenesdatenportal-de'}) "
               "RETURN count(DISTINCT m) AS c") == 12
    kinds = {r["k"]: r["c"] for r in bundled.run(
        "MATCH (c:EGovComponent) RETURN c.kind AS k, count(c) AS c")}
    assert kinds == {"base-component": 9, "digital-infrastructure": 2}


def test_show_and_page_name_the_facts(bundled, bundled_store_path, tmp_path):
    """`show` and the municipality page: IT provider, components, never "keine"."""
    from click.testing import CliRunner
    from web_fixtures import viewer

    from kommunalgraph.cli import main

    def show(ags):
        result = CliRunner().invoke(main, ["--store", str(bundled_store_path), "show", ags])
        assert result.exit_code == 0, result.output
        return result.output

    bonn = show("05314000")
    assert "Ratsinformationssystem: ALLRIS (CC e-gov), laut OParl-Liste 2022" in bonn
    assert "E-Government-Basiskomponenten: nicht erfasst" in bonn
    muenster = show("05515000")
    assert "IT-Dienstleister: citeq" in muenster and "(eigene IT der Stadt)" in muenster
    neuruppin = show("12068320")
    assert "Mängelmelder: Maerker Brandenburg" in neuruppin
    assert "Gemeinsame Plattform: Maerker Brandenburg (mit " in neuruppin
    for text in (bonn, muenster, neuruppin):
        assert "IT-Dienstleister: keine" not in text and "Komponenten: keine" not in text
    with viewer(bundled_store_path, tmp_path / "maps") as app:
        client = app.test_client()
        page = client.get("/kommune/05314000").get_data(as_text=True)
        assert "Ratsinformationssystem: ALLRIS (CC e-gov), laut OParl-Liste 2022" in page
        assert "Digitale Infrastruktur" in page and "Beteiligungsinstrumente" in page
        page = client.get("/kommune/05515000").get_data(as_text=True)
        assert "citeq" in page and "eigene IT der Stadt" in page
        assert "keine erfasst" not in page.split("Eckdaten")[1].split("</dl>")[0]


@pytest.mark.parametrize("name", ["sources", "usage", "organisations", "components",
                                  "participation"])
def test_importer_doctests(name):
    """The docstring examples of the data-layer helpers run (importers are not in
    tests/test_doctests.py)."""
    import doctest
    import importlib

    module = importlib.import_module(f"kommunalgraph.importers.{name}")
    assert doctest.testmod(module).failed == 0
