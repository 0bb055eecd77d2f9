"""The viewer on the full bundled real data (imported once per session)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from web_fixtures import viewer

from kommunalgraph.cli import main

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def app(bundled_store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    with viewer(bundled_store_path, tmp_path_factory.mktemp("maps")) as app:
        yield app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def test_api_kommune_equals_show_json(client: FlaskClient, bundled_store_path: Path) -> None:
    result = CliRunner().invoke(main, ["--store", str(bundled_store_path), "show", "05954036",
                                       "--json"])
    assert result.exit_code == 0, result.output
    assert client.get("/api/kommune/05954036").get_json() == json.loads(result.output)


def test_witten_page(client: FlaskClient) -> None:
    html = client.get("/kommune/05954036").get_data(as_text=True)
    assert "<h1>Witten</h1>" in html and "91.808" in html
    assert "Ennepe-Ruhr-Kreis" in html and 'class="ranked"' in html


def test_search_witten_first(client: FlaskClient) -> None:
    assert client.get("/api/search?q=Witten").get_json()["results"][0]["ags"] == "05954036"


def test_neustadt_is_ambiguous_muenster_is_not(client: FlaskClient) -> None:
    r = client.get("/kommune/Neustadt")
    assert r.status_code == 300  # Multiple Choices: the list of candidates
    html = r.get_data(as_text=True)
    # largest first: Neustadt an der Weinstraße, then Neustadt am Rübenberge (GV100AD)
    assert "Mehrere Treffer" in html
    assert html.index('href="/kommune/07316000"') < html.index('href="/kommune/03241012"')
    # Münster (Westf.) has more than ten times the inhabitants of every other Münster
    r = client.get("/kommune/Münster")
    assert r.status_code == 302 and r.headers["Location"].endswith("/kommune/05515000")
    assert client.get("/api/kommune/M%C3%BCnster?land=06").get_json()["ags"] == "06432015"


def test_headline(client: FlaskClient) -> None:
    d = client.get("/api/start").get_json()
    assert d["municipalities"] == 10751 and d["projects"] > 100
    assert "10.751" in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize("query", ["", "?land=05", "?kreis=05954", "?ebene=gemeinden",
                                   "?art=smart-city"])
def test_network_never_over_1500_nodes(client: FlaskClient, query: str) -> None:
    d = client.get("/api/netzwerk" + query).get_json()
    assert 0 < len(d["nodes"]) <= 1500
    assert client.get("/netzwerk" + query).status_code == 200


def test_network_has_regions_at_municipality_level(client: FlaskClient) -> None:
    d = client.get("/api/netzwerk?ebene=gemeinden").get_json()
    assert any(n["community"] is not None for n in d["nodes"])


@pytest.mark.parametrize("path", [
    "/partner?kommune=05954036", "/oekosystem/05954036", "/kleine-kommunen",
    "/kleine-kommunen?land=09", "/projekte", "/typ-check",
])
def test_pages(client: FlaskClient, path: str) -> None:
    assert client.get(path).status_code == 200


def test_every_project_page_renders(client: FlaskClient) -> None:
    projects = client.get("/api/projekte").get_json()["results"]
    assert projects
    for p in projects[:40]:
        r = client.get(f"/projekt/{p['id']}")
        assert r.status_code == 200, p["id"]
