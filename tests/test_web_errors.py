"""Every error a visitor or a script can cause: German pages, JSON for the API, right codes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from web_fixtures import build_tiny_store, viewer

from kommunalgraph.web import create_app


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    path = build_tiny_store(tmp_path_factory.mktemp("web-errors") / "store")
    with viewer(path, tmp_path_factory.mktemp("maps")) as app:
        yield app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


API_ERRORS = [
    ("/api/kommune/99999999", 404, "Keine Kommune gefunden"),
    ("/api/kommune/Nirgendwo", 404, "Keine Kommune gefunden"),
    ("/api/kommune/Neustadt", 300, "mehrdeutig"),
    ("/api/search", 400, "Suchbegriff"),
    ("/api/search?q=" + "x" * 101, 400, "zu lang"),
    ("/api/search?q=wit&limit=0", 400, "zwischen 1 und 50"),
    ("/api/suggest", 400, "Bitte eine Kommune angeben"),
    ("/api/suggest?kommune=05954036&limit=abc", 400, "ganze Zahl"),
    ("/api/suggest?kommune=05954036&limit=1000", 400, "zwischen 1 und 100"),
    ("/api/suggest?kommune=99999999", 404, "Keine Kommune gefunden"),
    ("/api/suggest?kommune=05954036&radius=-5", 400, "radius"),
    ("/api/suggest?kommune=05954036&radius=nan", 400, "radius"),
    ("/api/candidates", 400, "Bitte ein Projekt angeben"),
    ("/api/candidates?projekt=gibt-es-nicht", 404, "Kein Projekt"),
    ("/api/candidates?projekt=open-smartcity-app&limit=x", 400, "ganze Zahl"),
    ("/api/projekt/gibt-es-nicht", 404, "Kein Projekt"),
    ("/api/projekte?open_source=vielleicht", 400, "open_source"),
    ("/api/oekosystem/99999999", 404, "Keine Kommune gefunden"),
    ("/api/netzwerk?land=NRW", 400, "land"),
    ("/api/netzwerk?kreis=123", 400, "kreis"),
    ("/api/netzwerk?ebene=planeten", 400, "Ebene"),
    ("/api/netzwerk?region=eins", 400, "region"),
    ("/api/kleine-kommunen?max_einwohner=viele", 400, "max_einwohner"),
    ("/api/kleine-kommunen?land=x", 400, "land"),
    ("/api/typ-check?effizienz=9", 400, "0 bis 5"),
    ("/api/typ-check?effizienz=hoch", 400, "Zahl von 0 bis 5"),
    ("/api/gibt-es-nicht", 404, "Diese Seite gibt es nicht"),
]


@pytest.mark.parametrize(("path", "status", "text"), API_ERRORS)
def test_api_errors_are_json(client: FlaskClient, path: str, status: int, text: str) -> None:
    r = client.get(path)
    assert r.status_code == status, r.get_data(as_text=True)
    assert r.is_json
    err = r.get_json()["error"]
    assert err["status"] == status
    assert text in err["message_de"]


def test_ambiguous_api_lists_candidates(client: FlaskClient) -> None:
    err = client.get("/api/kommune/Neustadt").get_json()["error"]
    assert {c["key"] for c in err["candidates"]} == {"05954100", "09162100"}


def test_unknown_api_lists_suggestions(client: FlaskClient) -> None:
    err = client.get("/api/kommune/Wittn").get_json()
    assert err.get("ags") == "05954036" or err["error"]["candidates"]


@pytest.mark.parametrize("body", [None, {"priorities": {"effizienz": 9}}, {"priorities": {}},
                                  {"foo": 1}])
def test_typcheck_api_post_errors(client: FlaskClient, body: object) -> None:
    r = (client.post("/api/typ-check", data="kein json", content_type="text/plain")
         if body is None else client.post("/api/typ-check", json=body))
    assert r.status_code == 400 and r.is_json


HTML_ERRORS = [
    ("/kommune/99999999", 404, "Nicht gefunden"),
    ("/kommune/Neustadt", 300, "Mehrere Treffer für „Neustadt“"),
    ("/partner?kommune=Nirgendwo", 404, "Keine Kommune gefunden"),
    ("/partner?kommune=05954036&limit=x", 400, "Ungültige Anfrage"),
    ("/oekosystem/99999999", 404, "Nicht gefunden"),
    ("/oekosystem/05954036/export.exe", 400, "GEXF"),
    ("/projekt/gibt-es-nicht", 404, "Kein Projekt"),
    ("/netzwerk?land=Bayern", 400, "land"),
    ("/kleine-kommunen?limit=0", 400, "limit"),
    ("/gibt-es-nicht", 404, "Diese Seite gibt es nicht"),
]


@pytest.mark.parametrize(("path", "status", "text"), HTML_ERRORS)
def test_html_errors_are_german_pages(client: FlaskClient, path: str, status: int,
                                      text: str) -> None:
    r = client.get(path, headers={"Accept": "text/html"})
    assert r.status_code == status
    html = r.get_data(as_text=True)
    assert r.mimetype == "text/html" and text in html
    assert '<html lang="de">' in html and "Zur Startseite" in html


def test_ambiguous_page_links_candidates(client: FlaskClient) -> None:
    html = client.get("/kommune/Neustadt").get_data(as_text=True)
    assert 'href="/kommune/05954100"' in html and 'href="/kommune/09162100"' in html


def test_method_not_allowed(client: FlaskClient) -> None:
    r = client.post("/")
    assert r.status_code == 405 and "nicht erlaubt" in r.get_data(as_text=True)
    assert client.delete("/api/kommune/05954036").status_code == 405


def test_json_error_for_accept_header(client: FlaskClient) -> None:
    r = client.get("/kommune/99999999", headers={"Accept": "application/json"})
    assert r.status_code == 404 and r.is_json


def test_missing_store_is_503(tmp_path: Path) -> None:
    app = create_app({"STORE": str(tmp_path / "nichts"), "TESTING": True})
    c = app.test_client()
    r = c.get("/")
    assert r.status_code == 503
    assert "kommunalgraph import bundled" in r.get_data(as_text=True)
    r = c.get("/api/kommune/05954036")
    assert r.status_code == 503 and r.is_json
    assert not (tmp_path / "nichts").exists()  # read-only: nothing is created


@pytest.mark.parametrize("path", [
    "/kommune/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "/suche?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "/partner?kommune=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
    "/netzwerk?land=%3Cb%3E",
])
def test_reflected_input_is_escaped(client: FlaskClient, path: str) -> None:
    body = client.get(path).get_data(as_text=True)
    assert "<script>alert" not in body and "<img src=x" not in body and "<b>" not in body
