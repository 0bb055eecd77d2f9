"""Browser tests on the bundled real data: the ecosystem page says what the CLI says
(IT provider, type, roles, projects with "über Kreis", neighbours with their project
count, partners outside the neighbourhood), and the partner finder's OZG field offers
Leistungen by name and says when no project covers a topic.

Real headless Chromium against a real waitress server; the store is the bundled data
(``KOMMUNALGRAPH_TEST_BUNDLED`` reuses one).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_fixtures import SHOTS, Watch, chromium, served, wait_graph, watched_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]
sync_api = pytest.importorskip("playwright.sync_api")

DETMOLD = "05766020"


@pytest.fixture(scope="module")
def server(bundled_store_path: Path) -> Iterator[str]:
    with served({"STORE": str(bundled_store_path)}) as url:
        yield url


@pytest.fixture
def page(server: str) -> Iterator[tuple[object, Watch]]:
    with chromium() as b, watched_page(b, server) as pw:
        yield pw


def _text(pg: object, selector: str) -> str:
    return " ".join(pg.locator(selector).inner_text().split())  # type: ignore[attr-defined]


def test_ecosystem_page_says_what_the_cli_says(page: tuple[object, Watch],
                                                server: str) -> None:
    pg, watch = page
    pg.goto(f"{server}/oekosystem/{DETMOLD}")  # type: ignore[attr-defined]
    wait_graph(pg, f"eco-{DETMOLD}")
    glance = _text(pg, "section[aria-labelledby=ueberblick]")
    assert "IT-Dienstleister Ostwestfalen-Lippe-IT (OWL-IT)" in glance
    assert "Typ (Selbstauskunft) nicht angegeben" in glance
    assert "Rollen keine angegeben" in glance
    rows = pg.locator("section[aria-labelledby=projekte] tbody tr")  # type: ignore
    texts = [" ".join(rows.nth(i).inner_text().split()) for i in range(rows.count())]
    # the Kreis project: taken part in through Lippe, not by Detmold itself
    slr = [t for t in texts if t.startswith("Smarte.Land.Regionen")]
    assert len(slr) == 1 and "über Kreis Lippe" in slr[0], texts
    assert any(t.startswith("Smart Village App") and "direkt" in t for t in texts), texts
    neighbours = _text(pg, "section[aria-labelledby=nachbarn]")
    assert "Nachbarkommunen (6, davon aktiv: 1)" in neighbours
    assert "Lemgo (1 Projekt)" in neighbours
    assert "Augustdorf (keine erfassten Projekte)" in neighbours
    partners = pg.locator("section[aria-labelledby=partner] li")  # type: ignore
    names = [partners.nth(i).inner_text() for i in range(partners.count())]
    assert len(names) >= 20  # the Smart Village App's other users
    assert not [n for n in names if n.startswith(("Lemgo", "Augustdorf"))], names
    assert any(n.startswith("Bad Belzig") for n in names), names
    pg.screenshot(path=str(SHOTS / "real-oekosystem-detmold.png"), full_page=True)  # type: ignore
    watch.check()


def test_ozg_field_offers_names_and_the_page_says_when_no_project_covers_a_topic(
        page: tuple[object, Watch], server: str) -> None:
    pg, watch = page
    pg.goto(f"{server}/partner?kommune=05954036")  # type: ignore[attr-defined]
    box = pg.locator("#ozg")  # type: ignore[attr-defined]
    box.click()
    box.press_sequentially("Wohng", delay=40)
    option = pg.locator("#ozg-liste [role=option]").first  # type: ignore[attr-defined]
    option.wait_for(state="visible")
    assert option.inner_text().startswith("Wohngeld")
    assert "Arbeit & Ruhestand" in option.inner_text() and "1 Projekt" in option.inner_text()
    box.press("ArrowDown")
    box.press("Enter")
    assert box.input_value() == "Wohngeld"  # the name, not the ID
    with pg.expect_navigation():  # type: ignore[attr-defined]
        pg.get_by_role("button", name="Partner suchen").click()  # type: ignore[attr-defined]
    assert "ozg=Wohngeld" in pg.url  # type: ignore[attr-defined]
    assert pg.locator("#ozg").input_value() == "Wohngeld"  # type: ignore[attr-defined]
    assert pg.locator("ol.ranked > li").count() >= 1  # type: ignore[attr-defined]
    assert pg.locator("#thema-hinweis").count() == 0  # type: ignore[attr-defined]
    # a Themenfeld no project covers: said, as the CLI says it
    pg.select_option("#themenfeld", "Bildung")  # type: ignore[attr-defined]
    pg.fill("#ozg", "")  # type: ignore[attr-defined]
    with pg.expect_navigation():  # type: ignore[attr-defined]
        pg.get_by_role("button", name="Partner suchen").click()  # type: ignore[attr-defined]
    assert "kein Projekt dieses Thema" in _text(pg, "#thema-hinweis")
    pg.screenshot(path=str(SHOTS / "real-partner-ozg.png"), full_page=True)  # type: ignore
    watch.check()
