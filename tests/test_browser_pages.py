"""Every page on the real bundled data, in real headless Chromium, at 1280 and 390 px.

Each page must fit the screen (no horizontal scrolling at 390 px), load nothing from
another host, log no console error, and pass axe-core with no serious or critical
violation. axe-core comes from npm (tools/axe, pinned by its package-lock.json and
installed by tools/ensure-test-deps.sh) and is injected into the page by the test
only; the browser context bypasses the CSP for that one script.

Then what each page's job needs: the Kleine Kommunen page (map above a full-width
table, CSV download, towns grouped by bridge), Kreis options that tell a city from
the Landkreis of the same name, the network's labels and legend, and ecosystem
graphs with distinct colours and no overlapping labels.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_fixtures import CHROMIUM, SHOTS, chromium, served

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / "tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"

if not CHROMIUM.exists():
    pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium "
                "(tools/ensure-test-deps.sh installs it)", allow_module_level=True)
if not AXE.exists():
    pytest.skip("axe-core is not installed: run tools/ensure-test-deps.sh "
                "(npm ci in tools/axe)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

WITTEN, MUENSTER, FRANKFURT = "05954036", "05515000", "06412000"
#: Every kind of page, with the HTTP status it answers.
PAGES = {
    "/": 200,
    "/suche?q=Neustadt": None,  # an ambiguous name: the list of candidates (200 or 300)
    f"/kommune/{WITTEN}": 200,
    f"/kommune/{MUENSTER}": 200,
    "/partner": 200,
    f"/partner?kommune={WITTEN}": 200,
    f"/partner?kommune={WITTEN}&radius=1": 200,
    "/oekosystem": 200,
    f"/oekosystem/{WITTEN}": 200,
    "/netzwerk": 200,
    "/netzwerk?land=05": 200,
    "/netzwerk?ebene=regionen": 200,
    "/kleine-kommunen": 200,
    "/kleine-kommunen?land=09": 200,
    "/projekte": 200,
    "/projekt/EAKTE-EN": 200,
    "/typ-check": 200,
    "/quellen": 200,
    "/kommune/99999999": 404,
}
WIDTHS = (1280, 390)


@pytest.fixture(scope="module")
def server(bundled_store_path: Path) -> Iterator[str]:
    """The viewer on the full bundled data under waitress, on a free loopback port."""
    with served({"STORE": str(bundled_store_path)}) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as b:
        yield b


class Page:
    """A page in a fresh context of the given width that records what must be checked."""

    def __init__(self, browser: object, server: str, width: int) -> None:
        self.ctx = browser.new_context(  # type: ignore[attr-defined]
            viewport={"width": width, "height": 900}, locale="de-DE", bypass_csp=True,
            accept_downloads=True)
        self.pg = self.ctx.new_page()
        self.pg.set_default_timeout(30000)
        self.width, self.origin = width, urlsplit(server).netloc
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.pg.on("request", lambda r: self.requests.append(r.url))
        self.pg.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.pg.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, url: str) -> object:
        self.errors.clear()
        resp = self.pg.goto(url)
        for gid in self.pg.eval_on_selector_all(".kg-graph", "els => els.map(e => e.id)"):
            self.pg.wait_for_selector(f"#{gid} canvas", state="visible")
            self.pg.wait_for_selector(f"#{gid}[data-stabilized='true']")
        return resp

    def axe(self) -> list[str]:
        """Serious and critical axe-core violations, as 'rule: selectors'."""
        self.pg.add_script_tag(path=str(AXE))
        found = self.pg.evaluate("""() => axe.run(document, {resultTypes: ['violations']})
            .then(r => r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
            .map(v => v.id + ': '
                 + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')))""")
        return list(found)

    def foreign(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(("data:", "blob:"))
                and urlsplit(u).netloc != self.origin]


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def page(request: pytest.FixtureRequest, browser: object, server: str) -> Iterator[Page]:
    p = Page(browser, server, request.param)
    yield p
    p.ctx.close()


@pytest.mark.parametrize("path", list(PAGES))
def test_page_fits_the_screen_and_passes_axe(page: Page, server: str, path: str) -> None:
    resp = page.open(server + path)
    want = PAGES[path]
    status = resp.status  # type: ignore[attr-defined]
    assert status == want if want else status in (200, 300), status
    pg = page.pg
    assert pg.locator("h1").count() == 1
    overflow = pg.evaluate("document.documentElement.scrollWidth")
    assert overflow <= page.width, (
        f"{path} is {overflow} px wide at {page.width} px: " + str(pg.evaluate(
            """w => Array.from(document.querySelectorAll('main *'))
                 .filter(e => e.getBoundingClientRect().right > w + 1).slice(0, 3)
                 .map(e => e.tagName + '.' + e.className)""", page.width)))
    assert page.axe() == []
    assert page.foreign() == []
    # an error page's own status shows up as a console message; nothing else may
    assert [e for e in page.errors if str(status) not in e] == []
    if path in ("/", f"/kommune/{MUENSTER}", "/kleine-kommunen", "/netzwerk"):
        SHOTS.mkdir(exist_ok=True)
        name = (path.strip("/").replace("/", "-") or "start") + f"-{page.width}.png"
        pg.screenshot(path=str(SHOTS / name), full_page=False)


@pytest.fixture
def wide(browser: object, server: str) -> Iterator[Page]:
    p = Page(browser, server, 1280)
    yield p
    p.ctx.close()


def test_kleine_kommunen_map_above_full_width_table_csv_and_groups(wide: Page,
                                                                  server: str) -> None:
    wide.open(server + "/kleine-kommunen")
    pg = wide.pg
    main = pg.locator("main").bounding_box()
    svg = pg.locator("figure.map svg").bounding_box()
    table = pg.locator("#rangliste ~ div table, #rangliste ~ table").first.bounding_box()
    assert svg["y"] + svg["height"] <= table["y"]  # the map above the table
    assert table["width"] >= 0.9 * (main["width"] - 48)  # the table spans the page
    rows = pg.locator("#rangliste ~ div table tbody tr")
    assert rows.count() == 50
    assert pg.evaluate("document.documentElement.scrollHeight") < 12000  # 22,798 before
    # the formula is explained below, not in the intro
    assert "0,4 ×" not in pg.locator("p.lead").inner_text()
    assert "0,4 ×" in pg.locator("details.explain").text_content()
    # "these N towns could all be brought in through X"
    groups = pg.locator("ul.groups > li")
    assert groups.count() >= 1
    first = groups.first.inner_text()
    assert "Kommunen könnten alle über" in first
    assert groups.first.locator(".members a").count() >= 2

    with pg.expect_download() as info:
        pg.get_by_role("link", name="Liste als CSV herunterladen").click()
    download = info.value
    assert download.suggested_filename == "kleine-kommunen.csv"
    text = Path(download.path()).read_text("utf-8")
    assert text.startswith("\ufeff")  # so that spreadsheets read the umlauts
    table_rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert table_rows[0][:3] == ["Rang", "AGS", "Kommune"]
    assert len(table_rows) == 51
    shown = [a.get_attribute("href").rsplit("/", 1)[-1]
             for a in rows.locator("td:nth-child(2) a").all()]
    assert [r[1] for r in table_rows[1:]] == shown
    assert all(not c.startswith(("=", "+", "-", "@")) for r in table_rows for c in r)
    assert wide.errors == [] and wide.foreign() == []


def test_kreis_options_tell_the_city_from_the_landkreis(wide: Page, server: str) -> None:
    wide.open(server + "/kleine-kommunen")
    labels = wide.pg.eval_on_selector_all("#kreis option", "os => os.map(o => o.textContent)")
    assert "Rosenheim (Landkreis)" in labels and "Rosenheim (kreisfreie Stadt)" in labels
    assert "Münster (kreisfreie Stadt)" in labels
    assert len(labels) == len(set(labels)), sorted(x for x in labels if labels.count(x) > 1)


def test_municipality_lead_is_correct_german(wide: Page, server: str) -> None:
    wide.open(server + f"/kommune/{MUENSTER}")
    assert wide.pg.locator("p.lead").inner_text() == (
        "Münster, Stadt · kreisfreie Stadt in Nordrhein-Westfalen")
    wide.open(server + "/kommune/09187125")  # Eggstätt, Landkreis Rosenheim
    assert "kreisangehörige Gemeinde im Landkreis Rosenheim, Bayern" in wide.pg.locator(
        "p.lead").inner_text()


def test_empty_partner_result_says_what_to_change(wide: Page, server: str) -> None:
    wide.open(server + f"/partner?kommune={WITTEN}&radius=1")
    note = wide.pg.locator("main .note", has_text="Keine Vorschläge").inner_text()
    assert "vergrößern Sie den Umkreis (jetzt 1 km)" in note


def test_network_has_labels_for_the_largest_and_a_land_legend(wide: Page, server: str) -> None:
    wide.open(server + "/netzwerk")
    pg = wide.pg
    labelled = pg.evaluate("""() => { const net = document.getElementById('netzwerk').kgNetwork;
        return net.body.data.nodes.get().filter(n => n.label).map(n => n.label); }""")
    total = pg.evaluate("document.getElementById('netzwerk').kgNetwork.body.data.nodes.length")
    assert 5 <= len(labelled) <= 20 < total
    legend = pg.locator(".net-legend li a")
    assert legend.count() >= 10
    colours = pg.eval_on_selector_all(".net-legend .swatch",
                                      "ss => ss.map(s => getComputedStyle(s).backgroundColor)")
    assert len(colours) == len(set(colours))
    with pg.expect_navigation():
        pg.locator(".net-legend li a", has_text="Nordrhein-Westfalen").click()
    assert "land=05" in pg.url
    assert wide.errors == []


OVERLAPS = """gid => { const net = document.getElementById(gid).kgNetwork;
  const ids = net.body.data.nodes.getIds(); const boxes = ids.map(i => [i, net.getBoundingBox(i)]);
  const out = [];
  for (let a = 0; a < boxes.length; a++) for (let b = a + 1; b < boxes.length; b++) {
    const [i, p] = boxes[a], [j, q] = boxes[b];
    if (p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom)
      out.push(i + ' / ' + j); }
  return out; }"""


@pytest.mark.parametrize("ags", [MUENSTER, FRANKFURT, "11000000"])
def test_ecosystem_colours_are_distinct_and_labels_do_not_overlap(wide: Page, server: str,
                                                                  ags: str) -> None:
    wide.open(server + f"/oekosystem/{ags}")
    pg = wide.pg
    assert pg.evaluate(OVERLAPS, f"eco-{ags}") == []
    swatches = pg.eval_on_selector_all(
        "ul.legend .swatch", "ss => ss.map(s => getComputedStyle(s).backgroundColor)")
    assert len(swatches) >= 4 and len(swatches) == len(set(swatches))
    # the legend's colours are the graph's colours
    drawn = set(pg.evaluate(f"""() => document.getElementById('eco-{ags}').kgNetwork
        .body.data.nodes.get().map(n => n.color)"""))
    to_rgb = pg.evaluate("""cs => cs.map(c => { const d = document.createElement('i');
        d.style.color = c; document.body.appendChild(d);
        const v = getComputedStyle(d).color; d.remove(); return v; })""", sorted(drawn))
    assert set(to_rgb) <= set(swatches)
    wide.open(server + f"/kommune/{ags}")
    assert pg.evaluate(OVERLAPS, f"ego-{ags}") == []
