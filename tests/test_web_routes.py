"""Every page and its JSON twin, on a tiny hand-built store (Flask test client)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from web_fixtures import XSS, XSS_AGS, XSS_PROJECT, build_tiny_store, viewer


@pytest.fixture(scope="module")
def tiny_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_store(tmp_path_factory.mktemp("web") / "store")


@pytest.fixture(scope="module")
def app(tiny_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    with viewer(tiny_path, tmp_path_factory.mktemp("maps")) as app:
        yield app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


PAGES = [
    ("/", "Mit wem können wir das gemeinsam machen?"),
    ("/kommune/05954036", "Witten"),
    ("/partner", "Partner finden"),
    ("/partner?kommune=05954036", "Herdecke"),
    ("/partner?kommune=Witten&art=city+app&radius=50&limit=3", "Vorschläge für"),
    ("/oekosystem", "Ökosystem einer Kommune"),
    ("/oekosystem/05954036", "Ökosystem von"),
    ("/netzwerk", "Netzwerkübersicht"),
    ("/netzwerk?kreis=05954", "Witten"),
    ("/netzwerk?land=05", "Witten"),
    ("/netzwerk?ebene=gemeinden&art=e-akte", "Dortmund"),
    ("/netzwerk?ebene=regionen", "Digitale Region 1"),
    ("/netzwerk?region=1", "Witten"),
    ("/kleine-kommunen", "Breckerfeld"),
    ("/kleine-kommunen?land=05&max_einwohner=30000", "Breckerfeld"),
    ("/kleine-kommunen?kreis=05954", "Breckerfeld"),
    ("/projekte", "Open SmartCity App"),
    ("/projekte?art=city+app&open_source=ja&programm=mpsc&themenfeld=tf-1", "Open SmartCity App"),
    ("/projekt/open-smartcity-app", "Wer könnte noch mitmachen?"),
    ("/typ-check", "Typ-Check"),
    ("/quellen", "vis-network"),
]


@pytest.mark.parametrize(("path", "text"), PAGES)
def test_page(client: FlaskClient, path: str, text: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.get_data(as_text=True)[:500]
    html = r.get_data(as_text=True)
    assert text in html
    assert re.search(r"<title>[^<]+ · kommunalgraph</title>", html)
    assert '<html lang="de">' in html
    assert "<main" in html and "<nav" in html
    # offline: nothing is loaded from another origin
    assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)="(https?:)?//', html)
    assert "Content-Security-Policy" in r.headers


API = [
    "/api/start",
    "/api/search?q=Wit",
    "/api/kommune/05954036",
    "/api/suggest?kommune=05954036&limit=3",
    "/api/candidates?projekt=open-smartcity-app&limit=3",
    "/api/oekosystem/05954036",
    "/api/netzwerk",
    "/api/netzwerk?kreis=05954",
    "/api/netzwerk?ebene=regionen",
    "/api/kleine-kommunen",
    "/api/projekte",
    "/api/projekt/open-smartcity-app",
    "/api/typ-check",
    "/api/typ-check?effizienz=5",
]


@pytest.mark.parametrize("path", API)
def test_api(client: FlaskClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.get_data(as_text=True)[:500]
    assert r.is_json


def test_api_kommune_has_show_json_fields(client: FlaskClient) -> None:
    d = client.get("/api/kommune/05954036").get_json()
    for key in ("ags", "ars", "name", "official_name", "population", "area_km2", "lat", "lon",
                "postcode", "legal_type", "urbanisation", "district", "state", "association",
                "neighbours", "projects", "it_providers", "type", "roles", "components",
                "provenance"):
        assert key in d
    assert d["district"] == {"key": "05954", "name": "Ennepe-Ruhr-Kreis"}
    assert {n["ags"] for n in d["neighbours"]} == {"05954016", "05954032", "05913000", XSS_AGS}
    assert {n["ags"] for n in d["neighbours"] if n["contact"] == "point"} == {"05913000"}


def test_kommune_page_marks_corner_neighbours(client: FlaskClient) -> None:
    html = client.get("/kommune/05954036").get_data(as_text=True)
    items = [li for li in html.split("<li>") if "/kommune/0" in li.split("</li>")[0]]
    corner = [li for li in items if "(nur Eckpunkt)" in li.split("</li>")[0]]
    assert len(corner) == 1 and "/kommune/05913000" in corner[0]


def test_api_kommune_by_name_and_ars(client: FlaskClient) -> None:
    assert client.get("/api/kommune/Witten").get_json()["ags"] == "05954036"
    assert client.get("/api/kommune/059540000036").get_json()["ags"] == "05954036"


def test_kommune_by_name_redirects_to_ags(client: FlaskClient) -> None:
    r = client.get("/kommune/Witten")
    assert r.status_code == 302 and r.headers["Location"].endswith("/kommune/05954036")


def test_search_form_redirects(client: FlaskClient) -> None:
    r = client.get("/suche?q=Herdecke")
    assert r.status_code == 302 and r.headers["Location"].endswith("/kommune/05954016")
    assert client.get("/suche").status_code == 302


def test_search_api(client: FlaskClient) -> None:
    d = client.get("/api/search?q=wit").get_json()
    assert d["results"][0]["ags"] == "05954036"
    assert d["results"][0]["url"] == "/kommune/05954036"
    assert client.get("/api/search?q=05954036").get_json()["results"][0]["ags"] == "05954036"


def test_suggest_api_shape(client: FlaskClient) -> None:
    d = client.get("/api/suggest?kommune=Witten&limit=2").get_json()
    assert len(d["results"]) == 2
    r = d["results"][0]
    assert {"ags", "name", "score", "reasons"} <= set(r)
    assert all({"signal", "value", "contribution", "text_de"} <= set(x) for x in r["reasons"])


def test_candidates_api_excludes_members(client: FlaskClient) -> None:
    d = client.get("/api/candidates?projekt=open-smartcity-app").get_json()
    members = {"05954036", "05954016", "05913000", "09162000"}
    assert d["results"] and not members & {r["ags"] for r in d["results"]}


def test_headline_figures_german(client: FlaskClient) -> None:
    d = client.get("/api/start").get_json()
    assert d["municipalities"] == 9 and d["projects"] == 3
    html = client.get("/").get_data(as_text=True)
    assert "25,0\u00a0%" in html  # one of four small towns takes part in a project


def test_german_number_formats(client: FlaskClient) -> None:
    html = client.get("/kommune/05913000").get_data(as_text=True)
    assert "595.000" in html and "50,50 km²" in html


def test_network_never_exceeds_limit_and_aggregates(client: FlaskClient) -> None:
    d = client.get("/api/netzwerk").get_json()
    assert d["level"] == "kreise"
    assert {n["key"] for n in d["nodes"]} == {"05954", "05913", "09162"}
    k = client.get("/api/netzwerk?kreis=05954").get_json()
    assert k["level"] == "gemeinden" and len(k["nodes"]) <= 1500
    assert "05954036" in {n["ags"] for n in k["nodes"]}


def test_graph_data_is_embedded_as_json_with_own_container(client: FlaskClient) -> None:
    html = client.get("/kommune/05954036").get_data(as_text=True)
    assert 'id="ego-05954036"' in html
    assert 'type="application/json" id="ego-05954036-data"' in html
    assert "/static/vendor/vis-network/vis-network.min.js" in html
    assert "cdn" not in html.lower()


@pytest.mark.parametrize("path", [
    f"/kommune/{XSS_AGS}", f"/projekt/{XSS_PROJECT}", f"/oekosystem/{XSS_AGS}", "/projekte",
    "/kommune/05954036", "/partner?kommune=05954036", "/netzwerk?kreis=05954",
    "/kleine-kommunen", "/api/search?q=%3Cimg",
])
def test_xss_fixture_is_escaped(client: FlaskClient, path: str) -> None:
    """The fixture name never reaches a page as markup, only escaped."""
    r = client.get(path)
    assert r.status_code == 200
    body = r.get_data(as_text=True)
    if r.is_json:  # data stays data; the browser never sniffs it as HTML
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert XSS in {x["name"] for x in r.get_json()["results"]}
        return
    assert "<img src=x" not in body
    assert "&lt;img src=x onerror=alert(1)&gt;" in body or "\\u003cimg" in body


def test_xss_in_json_block_is_escaped(client: FlaskClient) -> None:
    body = client.get(f"/kommune/{XSS_AGS}").get_data(as_text=True)
    block = body.split(f'id="ego-{XSS_AGS}-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and "\\u003cimg src=x onerror=alert(1)\\u003e" in block


def test_typcheck_form_post(client: FlaskClient) -> None:
    r = client.post("/typ-check", data={"lokale_gemeinschaft": "5", "integrierte_strategie": "4"})
    assert r.status_code == 200
    assert "Ihr Typ: Community Manager" in r.get_data(as_text=True)


def test_typcheck_api_post(client: FlaskClient) -> None:
    r = client.post("/api/typ-check", json={"priorities": {"effizienz": 5}})
    assert r.status_code == 200 and r.get_json()["type"]["name"] == "Optimierer"


def test_export_gexf_and_json(client: FlaskClient) -> None:
    r = client.get("/oekosystem/05954036/export.gexf")
    assert r.status_code == 200 and b"<gexf" in r.data
    assert "attachment" in r.headers["Content-Disposition"]
    r = client.get("/oekosystem/05954036/export.json")
    assert r.status_code == 200 and r.is_json


def test_static_vendor_files_and_licence(client: FlaskClient) -> None:
    js = client.get("/static/vendor/vis-network/vis-network.min.js")
    assert js.status_code == 200 and b"@version 9.1.2" in js.data
    js.close()
    lic = client.get("/static/vendor/vis-network/LICENSE.txt")
    assert b"Apache" in lic.data and b"MIT" in lic.data
    lic.close()
    css = client.get("/static/vendor/vis-network/vis-network.css")
    assert css.status_code == 200
    css.close()


def test_map_is_inline_svg_with_links(client: FlaskClient) -> None:
    html = client.get("/kleine-kommunen?kreis=05954").get_data(as_text=True)
    assert "<svg viewBox=" in html
    assert '<a href="/kommune/05954004">' in html  # Breckerfeld is marked on the map
