"""Kleine Kommunen: the CSV download and the groups by shared bridge, on the tiny store.

The store gets one more small town whose name looks like a spreadsheet formula, so
the CSV must neutralise it (a leading apostrophe) while the page shows it as text.
"""

from __future__ import annotations

import csv
import io

import pytest
from web_fixtures import PROV, _m, build_tiny_store

from kommunalgraph.graph.ladybug_store import LadybugStore
from kommunalgraph.web import create_app

FORMULA = '=HYPERLINK("http://example.org","klick")'
FORMULA_AGS = "05954200"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = build_tiny_store(tmp_path_factory.mktemp("kleine") / "store")
    s = LadybugStore(path)
    try:
        with s.transaction():
            s.upsert_nodes("Municipality", [_m(FORMULA_AGS, FORMULA, 5000, 51.33, 7.40,
                                               official_name=FORMULA)])
            s.create_relationships("IN_DISTRICT", "Municipality", "District",
                                   [{"from": FORMULA_AGS, "to": "05954", **PROV}])
    finally:
        s.close()
    app = create_app({"STORE": str(path), "TESTING": True})
    return app.test_client()


def _rows(body: bytes) -> list[list[str]]:
    text = body.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_csv_lists_the_ranking_and_neutralises_formulas(client) -> None:  # type: ignore
    api = client.get("/api/kleine-kommunen?land=05").get_json()
    resp = client.get("/kleine-kommunen.csv?land=05")
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    assert resp.headers["Content-Disposition"] == 'attachment; filename="kleine-kommunen-05.csv"'
    rows = _rows(resp.data)
    assert rows[0][:4] == ["Rang", "AGS", "Kommune", "Einwohner"]
    assert [r[1] for r in rows[1:]] == [r["ags"] for r in api["results"]]
    names = {r[1]: r[2] for r in rows[1:]}
    assert names[FORMULA_AGS] == "'" + FORMULA
    # German decimals for the scores
    assert all("," in r[6] and "." not in r[6] for r in rows[1:])
    # the page shows the name as it is, as text
    page = client.get("/kleine-kommunen?land=05").get_data(as_text=True)
    assert "=HYPERLINK(&#34;http://example.org&#34;,&#34;klick&#34;)" in page
    assert '/kleine-kommunen.csv?land=05' in page


def test_the_csv_keeps_the_filters_of_the_page(client) -> None:  # type: ignore
    page = client.get("/kleine-kommunen?kreis=05954&max_einwohner=10000&limit=2")
    assert "/kleine-kommunen.csv?kreis=05954&amp;max_einwohner=10000&amp;limit=2" in (
        page.get_data(as_text=True))
    rows = _rows(client.get("/kleine-kommunen.csv?kreis=05954&max_einwohner=10000&limit=2").data)
    assert 1 <= len(rows) - 1 <= 2
    assert all(int(r[3]) <= 10000 for r in rows[1:])


def test_groups_name_the_shared_bridge(client) -> None:  # type: ignore
    data = client.get("/api/kleine-kommunen?land=05").get_json()
    by_bridge: dict[str, list[str]] = {}
    for r in data["results"]:
        b = r["bridge"]
        by_bridge.setdefault(b.get("ags") or b.get("key"), []).append(r["ags"])
    shared = {k: v for k, v in by_bridge.items() if len(v) >= 2}
    assert shared, "the fixture should have two towns with one bridge"
    assert {(g.get("ags") or g.get("key")): [m["ags"] for m in g["members"]]
            for g in data["groups"]} == shared
    for g in data["groups"]:
        assert g["text_de"].startswith(f"Diese {g['size']} Kommunen könnten alle über ")
    page = client.get("/kleine-kommunen?land=05").get_data(as_text=True)
    assert "Gemeinsam einbinden" in page


def test_an_empty_selection_says_what_to_change(client) -> None:  # type: ignore
    page = client.get("/kleine-kommunen?land=09&max_einwohner=100").get_data(as_text=True)
    assert "Keine Kommunen in dieser Auswahl" in page
    assert "Erhöhen Sie „höchstens Einwohner“" in page
