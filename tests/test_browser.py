"""Browser tests: real headless Chromium (Debian's package) against a real waitress server.

They walk the main path (start page, type-ahead search for Witten, its page with
the graph canvas, partner finder, small-towns map, network overview) and
assert: no console errors, no request to any host but the test server, and the
fixture name ``<img src=x onerror=alert(1)>`` shows as text and never runs.
Screenshots land in tests/screenshots/ (git-ignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_fixtures import CHROMIUM, SHOTS, Watch, chromium, served, wait_graph, watched_page
from web_fixtures import XSS, XSS_AGS, XSS_PROJECT, build_tiny_store

pytestmark = pytest.mark.browser


if not CHROMIUM.exists():
    pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium "
                "(tools/ensure-test-deps.sh installs it)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The viewer on the tiny store, under waitress on 127.0.0.1 and a free port."""
    root = tmp_path_factory.mktemp("browser")
    path = build_tiny_store(root / "store")
    with served({"STORE": str(path), "MAP_CACHE": str(root / "maps")}) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser: object, server: str) -> Iterator[tuple[object, Watch]]:
    with watched_page(browser, server, timeout_ms=15000) as pw:
        yield pw


def test_main_path(page: tuple[object, Watch], server: str) -> None:
    pg, watch = page
    SHOTS.mkdir(exist_ok=True)
    pg.goto(server + "/")  # type: ignore[attr-defined]
    assert "Start" in pg.title()  # type: ignore[attr-defined]
    pg.screenshot(path=str(SHOTS / "start.png"), full_page=True)  # type: ignore[attr-defined]

    box = pg.locator("#suche")  # type: ignore[attr-defined]
    box.click()
    box.press_sequentially("Witt", delay=40)
    option = pg.locator("#suche-liste [role=option]").first  # type: ignore[attr-defined]
    option.wait_for(state="visible")
    assert "Witten" in option.inner_text()
    box.press("ArrowDown")
    with pg.expect_navigation():  # type: ignore[attr-defined]
        box.press("Enter")
    assert pg.url.endswith("/kommune/05954036")  # type: ignore[attr-defined]
    assert pg.locator("h1").inner_text() == "Witten"  # type: ignore[attr-defined]
    wait_graph(pg, "ego-05954036")
    pg.screenshot(path=str(SHOTS / "kommune-witten.png"), full_page=True)  # type: ignore

    with pg.expect_navigation():  # type: ignore[attr-defined]
        pg.get_by_role("link", name="Partner finden").last.click()  # type: ignore[attr-defined]
    assert "/partner?kommune=05954036" in pg.url  # type: ignore[attr-defined]
    assert pg.locator("ol.ranked > li").count() >= 1  # type: ignore[attr-defined]
    pg.screenshot(path=str(SHOTS / "partner.png"), full_page=True)  # type: ignore

    pg.goto(server + "/kleine-kommunen")  # type: ignore[attr-defined]
    pg.wait_for_selector("figure.map svg path")  # type: ignore[attr-defined]
    pg.screenshot(path=str(SHOTS / "kleine-kommunen.png"), full_page=True)  # type: ignore

    pg.goto(server + "/netzwerk?kreis=05954")  # type: ignore[attr-defined]
    wait_graph(pg, "netzwerk")
    pg.screenshot(path=str(SHOTS / "netzwerk.png"), full_page=True)  # type: ignore
    watch.check()


def test_xss_fixture_is_text_everywhere(page: tuple[object, Watch], server: str) -> None:
    pg, watch = page
    for path in (f"/kommune/{XSS_AGS}", f"/projekt/{XSS_PROJECT}", f"/oekosystem/{XSS_AGS}",
                 "/projekte", "/partner?kommune=05954036", "/netzwerk?kreis=05954"):
        pg.goto(server + path)  # type: ignore[attr-defined]
        assert pg.locator("img[src='x']").count() == 0, path  # type: ignore[attr-defined]
        if path != "/netzwerk?kreis=05954":
            assert XSS in pg.locator("main").inner_text(), path  # type: ignore[attr-defined]

    # The tooltip of the fixture node in the ego network: text, not HTML.
    pg.goto(server + f"/kommune/{XSS_AGS}")  # type: ignore[attr-defined]
    gid = f"ego-{XSS_AGS}"
    wait_graph(pg, gid)
    xy = pg.evaluate(  # type: ignore[attr-defined]
        """([gid, nid]) => { const c = document.getElementById(gid); const n = c.kgNetwork;
             const p = n.canvasToDOM(n.getPositions([nid])[nid]);
             const r = c.getBoundingClientRect();
             return [r.left + p.x, r.top + p.y]; }""", [gid, f"m:{XSS_AGS}"])
    pg.mouse.move(xy[0], xy[1])  # type: ignore[attr-defined]
    tip = pg.locator("div.vis-tooltip")  # type: ignore[attr-defined]
    tip.wait_for(state="visible")
    assert XSS in tip.inner_text()
    assert tip.locator("img").count() == 0
    pg.screenshot(path=str(SHOTS / "xss-fixture.png"), full_page=False)  # type: ignore
    watch.check()


def test_other_pages(page: tuple[object, Watch], server: str) -> None:
    pg, watch = page
    pg.goto(server + "/oekosystem/05954036")  # type: ignore[attr-defined]
    wait_graph(pg, "eco-05954036")
    pg.screenshot(path=str(SHOTS / "oekosystem.png"), full_page=True)  # type: ignore
    pg.goto(server + "/netzwerk")  # type: ignore[attr-defined]
    wait_graph(pg, "netzwerk")
    pg.goto(server + "/typ-check")  # type: ignore[attr-defined]
    pg.check("input[name=lokale_gemeinschaft][value='5']")  # type: ignore[attr-defined]
    with pg.expect_navigation():  # type: ignore[attr-defined]
        pg.get_by_role("button", name="Typ bestimmen").click()  # type: ignore[attr-defined]
    assert "Community Manager" in pg.locator("#ergebnis").inner_text()  # type: ignore
    pg.screenshot(path=str(SHOTS / "typ-check.png"), full_page=True)  # type: ignore
    watch.check()
    # An ambiguous name answers 300 Multiple Choices with the candidates (no 4xx).
    r = pg.goto(server + "/kommune/Neustadt")  # type: ignore[attr-defined]
    assert r.status == 300  # type: ignore[union-attr]
    assert pg.locator("ul.candidates li").count() == 2  # type: ignore[attr-defined]
    assert all("300" in e for e in watch.errors), watch.errors
    watch.errors.clear()
    # keyboard: the skip link is the first tab stop
    pg.keyboard.press("Tab")  # type: ignore[attr-defined]
    assert pg.evaluate("document.activeElement.className") == "skip"  # type: ignore
    watch.check()


@pytest.fixture(scope="module")
def real_server(bundled_store_path: Path,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The viewer on the full bundled data (imported once per session)."""
    with served({"STORE": str(bundled_store_path),
                 "MAP_CACHE": str(tmp_path_factory.mktemp("maps-real"))}) as url:
        yield url


@pytest.mark.slow
def test_real_data(browser: object, real_server: str) -> None:
    """Witten on the real data: search, page with graph, partners, network, small towns."""
    with watched_page(browser, real_server) as (pg, watch):
        pg.goto(real_server + "/")
        assert pg.locator(".figures dd").first.inner_text() == "10.751"
        pg.screenshot(path=str(SHOTS / "real-start.png"), full_page=True)
        box = pg.locator("#suche")
        box.click()
        box.press_sequentially("Witten", delay=30)
        option = pg.locator("#suche-liste [role=option]").first
        option.wait_for(state="visible")
        assert "Witten" in option.inner_text()
        with pg.expect_navigation():
            option.click()
        assert pg.url.endswith("/kommune/05954036")
        wait_graph(pg, "ego-05954036")
        assert pg.locator("ol.ranked > li").count() >= 1
        pg.screenshot(path=str(SHOTS / "real-kommune-witten.png"), full_page=True)
        pg.goto(real_server + "/partner?kommune=05954036")
        assert pg.locator("ol.ranked > li").count() == 10
        pg.screenshot(path=str(SHOTS / "real-partner.png"), full_page=True)
        pg.goto(real_server + "/netzwerk")
        wait_graph(pg, "netzwerk")
        pg.screenshot(path=str(SHOTS / "real-netzwerk.png"), full_page=False)
        pg.goto(real_server + "/kleine-kommunen")
        pg.wait_for_selector("figure.map svg .marks circle")
        pg.screenshot(path=str(SHOTS / "real-kleine-kommunen.png"), full_page=False)
        pg.goto(real_server + "/oekosystem/05954036")
        wait_graph(pg, "eco-05954036")
        pg.screenshot(path=str(SHOTS / "real-oekosystem.png"), full_page=False)
        watch.check()
