"""The search box in real headless Chromium against a real waitress server on the
bundled real data: what people type ("Offenbach", "Frankfurt") opens the
municipality they mean, with Enter exactly as with the first typeahead entry,
and the page says what else was possible. A pick in the partner finder shows
the name in the field and sends the AGS.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_fixtures import CHROMIUM, Watch, chromium, served, watched_page

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")

#: AGS from data/destatis/GV100AD_30112025.txt
OFFENBACH_AM_MAIN, FRANKFURT_AM_MAIN = "06413000", "06412000"


@pytest.fixture(scope="module")
def server(bundled_store_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served({"STORE": str(bundled_store_path),
                 "MAP_CACHE": str(tmp_path_factory.mktemp("search-maps"))}) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium")
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser: object, server: str) -> Iterator[tuple[object, Watch]]:
    with watched_page(browser, server) as pw:
        yield pw


def _first_entry(pg: object, box_id: str, text: str, expected: str) -> str:
    """Type ``text``; the first entry, once the list for the whole text shows ``expected``
    (a list for a shorter prefix may be visible for a moment)."""
    box = pg.locator(f"#{box_id}")  # type: ignore[attr-defined]
    box.click()
    box.press_sequentially(text, delay=30)
    option = pg.locator(f"#{box_id}-liste [role=option]").first  # type: ignore[attr-defined]
    sync_api.expect(option).to_contain_text(expected)
    return option.inner_text()  # type: ignore[no-any-return]


@pytest.mark.parametrize(("text", "ags", "name", "also"), [
    ("Offenbach", OFFENBACH_AM_MAIN, "Offenbach am Main", "Offenbach an der Queich"),
    ("Frankfurt", FRANKFURT_AM_MAIN, "Frankfurt am Main", "Frankfurt (Oder)"),
])
def test_enter_opens_the_first_typeahead_entry(page: tuple[object, Watch], server: str,
                                               text: str, ags: str, name: str,
                                               also: str) -> None:
    pg, watch = page
    pg.goto(server + "/")  # type: ignore[attr-defined]
    first = _first_entry(pg, "suche", text, ags)
    assert name in first
    with pg.expect_navigation():  # type: ignore[attr-defined]
        pg.locator("#suche").press("Enter")  # type: ignore[attr-defined]
    assert f"/kommune/{ags}" in pg.url  # type: ignore[attr-defined]
    note = pg.locator("#suchhinweis").inner_text()  # type: ignore[attr-defined]
    assert f"„{text}“ als {name} erkannt; auch möglich: " in note and also in note
    watch.check()


def test_clicking_the_first_entry_opens_the_same_page(page: tuple[object, Watch],
                                                      server: str) -> None:
    pg, watch = page
    pg.goto(server + "/")  # type: ignore[attr-defined]
    _first_entry(pg, "suche", "Frankfurt", FRANKFURT_AM_MAIN)
    with pg.expect_navigation():  # type: ignore[attr-defined]
        pg.locator("#suche-liste [role=option]").first.click()  # type: ignore[attr-defined]
    assert f"/kommune/{FRANKFURT_AM_MAIN}" in pg.url  # type: ignore[attr-defined]
    watch.check()


def test_ambiguous_name_lists_candidates_largest_first(page: tuple[object, Watch],
                                                       server: str) -> None:
    pg, watch = page
    pg.goto(server + "/")  # type: ignore[attr-defined]
    # Neustadt an der Weinstraße (07316000) is the largest; the typeahead agrees
    _first_entry(pg, "suche", "Neustadt", "07316000")
    resp_holder = []
    pg.on("response", lambda r: resp_holder.append(r) if "/suche?" in r.url else None)  # type: ignore[attr-defined]
    with pg.expect_navigation():  # type: ignore[attr-defined]
        pg.locator("#suche").press("Enter")  # type: ignore[attr-defined]
    assert resp_holder and resp_holder[0].status == 200
    items = pg.locator("ol.candidates li").all_inner_texts()  # type: ignore[attr-defined]
    assert len(items) >= 15
    assert "07316000" in items[0] and "Einw." in items[0]
    watch.check()


def test_partner_form_shows_the_name_and_sends_the_ags(page: tuple[object, Watch],
                                                       server: str) -> None:
    pg, watch = page
    pg.goto(server + "/partner")  # type: ignore[attr-defined]
    _first_entry(pg, "partner-kommune", "Offenbach", OFFENBACH_AM_MAIN)
    box = pg.locator("#partner-kommune")  # type: ignore[attr-defined]
    box.press("ArrowDown")
    box.press("Enter")
    assert box.input_value() == "Offenbach am Main, Stadt"
    hidden = pg.locator("input[type=hidden][name=kommune]")  # type: ignore[attr-defined]
    assert hidden.input_value() == OFFENBACH_AM_MAIN
    with pg.expect_navigation():  # type: ignore[attr-defined]
        box.press("Enter")
    assert f"kommune={OFFENBACH_AM_MAIN}" in pg.url  # type: ignore[attr-defined]
    # after sending, the field shows the name again, not the AGS
    pg.wait_for_function(  # type: ignore[attr-defined]
        "document.querySelector('#partner-kommune').value === 'Offenbach am Main, Stadt'")
    watch.check()

