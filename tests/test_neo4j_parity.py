"""Same answers on both stores: the bundled real data in Neo4j and in Ladybug.

``import bundled`` runs once per session into the Neo4j test server (``make test``
starts one with tools/neo4j-test-server) and once into the embedded store
(conftest's ``bundled_store_path``). Then every CLI answer below, the JSON export and
the viewer's pages must be the same on both: equal JSON (floats to 1e-9), lists in
the same order, pages byte for byte. The CLI calls are the golden cases
(tests/golden_cases.py) and a few more. Skipped with the reason when there is no server.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.request import urlopen

import pytest
from browser_fixtures import CHROMIUM, chromium, served
from click.testing import CliRunner
from golden_cases import CASES, same_json
from neo4j_fixtures import NEEDS_NEO4J, NEO4J_URI, open_neo4j, wipe

from kommunalgraph.cli import main
from kommunalgraph.graph.schema import MUNICIPALITY

pytestmark = [*NEEDS_NEO4J, pytest.mark.slow]

#: CLI calls beyond the golden cases: names, a small town, radius, OZG, districts
EXTRA: dict[str, list[str]] = {
    "stats": ["stats", "--json"],
    "show-beelitz-by-name": ["show", "Beelitz", "--land", "12", "--json"],
    "show-polle": ["show", "03255033", "--json"],
    "suggest-polle-radius": ["suggest", "03255033", "--radius-km", "60", "--json"],
    "suggest-witten-project": ["suggest", "05954036", "--project", "SVA", "--json"],
    "ecosystem-polle": ["ecosystem", "03255033", "--json"],
    "candidates-sva": ["candidates", "SVA", "--limit", "25", "--json"],
    "underconnected": ["underconnected", "--json"],
}
PARITY = {**CASES, **EXTRA}


def _totals(store: Any) -> tuple[int, int]:
    nodes = store.run("MATCH (n) RETURN count(n) AS c")[0]["c"]
    return nodes, store.run("MATCH ()-[r]->() RETURN count(r) AS c")[0]["c"]


@pytest.fixture(scope="session")
def neo4j_bundled() -> dict[str, Any]:
    """The bundled data imported into the Neo4j test server, with its counts."""
    from kommunalgraph.importers.pipeline import import_bundled

    s = open_neo4j(empty=True)
    try:
        import_bundled(s)
        return {**s.counts(), "totals": _totals(s)}
    finally:
        s.close()


@pytest.fixture
def neo4j_uri(neo4j_bundled: dict[str, Any]) -> str:
    """The server's URI, re-imported if another test emptied the database meanwhile."""
    s = open_neo4j(empty=False)
    try:
        if _totals(s) != neo4j_bundled["totals"]:
            from kommunalgraph.importers.pipeline import import_bundled

            wipe(s)
            import_bundled(s)
    finally:
        s.close()
    return NEO4J_URI


def _cli(store: str, args: list[str]) -> Any:
    result = CliRunner().invoke(main, ["--store", store, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_import_bundled_gives_the_same_counts(neo4j_bundled: dict[str, Any],
                                              bundled_store_path: Path) -> None:
    from kommunalgraph.graph.ladybug_store import LadybugStore

    s = LadybugStore(bundled_store_path, read_only=True)
    try:
        ladybug = s.counts()
    finally:
        s.close()
    differ = {f"{kind} {name}": (n, neo4j_bundled[kind].get(name))
              for kind in ("nodes", "relationships") for name, n in ladybug[kind].items()
              if neo4j_bundled[kind].get(name) != n}
    assert differ == {}, "Ladybug, Neo4j"
    assert {k: neo4j_bundled[k] for k in ladybug} == ladybug
    assert neo4j_bundled["nodes"]["Municipality"] > 10000


@pytest.mark.parametrize("name", sorted(PARITY))
def test_same_answer(name: str, neo4j_uri: str, bundled_store_path: Path) -> None:
    args = PARITY[name]
    on_ladybug = _cli(str(bundled_store_path), args)
    assert on_ladybug, f"{name}: empty answer on Ladybug"
    same_json(_cli(neo4j_uri, args), on_ladybug)


@pytest.mark.parametrize("ego", [[], ["--ego", "05954036"], ["--ego", "03255033"]],
                         ids=["whole-graph", "ego-witten", "ego-polle"])
def test_same_json_export(ego: list[str], neo4j_uri: str, bundled_store_path: Path,
                          tmp_path: Path) -> None:
    out = {}
    for backend, store in (("ladybug", str(bundled_store_path)), ("neo4j", neo4j_uri)):
        path = tmp_path / f"{backend}.json"
        result = CliRunner().invoke(main, ["--store", store, "export", *ego, "json", str(path)],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.output
        out[backend] = json.loads(path.read_text("utf-8"))
    assert out["ladybug"]["nodes"] and out["ladybug"]["edges"]
    same_json(out["neo4j"], out["ladybug"])


# -- the viewer on Neo4j -----------------------------------------------------------

#: Main pages and their JSON twins, for Witten, Beelitz, a small town and a project
PAGES = [
    "/", "/api/start", "/suche?q=Beelitz", "/api/search?q=Wit", "/quellen", "/typ-check",
    "/kommune/05954036", "/api/kommune/05954036", "/kommune/12069017", "/kommune/03255033",
    "/partner?kommune=05954036", "/api/suggest?kommune=05954036",
    "/partner?kommune=03255033&radius=50&art=village-app", "/oekosystem/05954036",
    "/api/oekosystem/05954036", "/netzwerk", "/api/netzwerk", "/kleine-kommunen",
    "/api/kleine-kommunen", "/kleine-kommunen?land=12", "/projekte", "/api/projekte",
    "/projekt/SVA", "/api/projekt/SVA", "/api/candidates?projekt=SVA",
]


@pytest.fixture(scope="module")
def servers(neo4j_bundled: dict[str, Any], bundled_store_path: Path,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The real viewer under waitress twice: on Ladybug and on Neo4j (``serve``'s way)."""
    root = tmp_path_factory.mktemp("parity-web")
    with (served({"STORE": str(bundled_store_path),
                  "MAP_CACHE": str(root / "maps-ladybug")}) as lb,
          served({"STORE": NEO4J_URI, "MAP_CACHE": str(root / "maps-neo4j")}) as neo):
        yield {"ladybug": lb, "neo4j": neo}


@pytest.mark.parametrize("page", PAGES)
def test_same_page(page: str, servers: dict[str, str], neo4j_uri: str) -> None:
    with urlopen(servers["ladybug"] + page, timeout=60) as r:
        want = r.read()
    with urlopen(servers["neo4j"] + page, timeout=60) as r:
        assert r.status == 200
        got = r.read()
    assert len(want) > 150
    if got != want:  # show where
        a, b = want.decode(), got.decode()
        i = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                 min(len(a), len(b)))
        pytest.fail(f"{page} differs at {i}: Ladybug …{a[i - 80:i + 80]!r}… "
                    f"Neo4j …{b[i - 80:i + 80]!r}…")


@pytest.mark.browser
def test_main_pages_in_a_browser_on_neo4j(servers: dict[str, str], neo4j_uri: str) -> None:
    """Real Chromium on the Neo4j viewer: search, municipality, partners, maps, network."""
    if not CHROMIUM.exists():
        pytest.skip("braucht Debians chromium unter /usr/bin/chromium "
                    "(tools/ensure-test-deps.sh installiert es)")
    pytest.importorskip("playwright.sync_api")
    origin = servers["neo4j"]
    problems: list[str] = []
    with chromium() as browser:
        pg = browser.new_page(viewport={"width": 1280, "height": 900}, locale="de-DE")
        pg.set_default_timeout(90000)  # a loaded CI machine; alone it takes 3 s
        pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        pg.on("pageerror", lambda e: problems.append(str(e)))
        pg.on("request", lambda r: None if r.url.startswith(origin)
              or r.url.startswith("data:") else problems.append("fremd: " + r.url))
        pg.goto(origin + "/")
        assert pg.locator(".figures dd").first.inner_text() == "10.751"
        box = pg.locator("#suche")
        box.click()
        box.press_sequentially("Witten", delay=30)
        option = pg.locator("#suche-liste [role=option]").first
        option.wait_for(state="visible")
        with pg.expect_navigation():
            option.click()
        assert pg.url.endswith("/kommune/05954036")
        pg.wait_for_selector("#ego-05954036[data-stabilized='true']")
        pg.goto(origin + "/partner?kommune=05954036")
        assert pg.locator("ol.ranked > li").count() == 10
        pg.goto(origin + "/netzwerk")
        pg.wait_for_selector("#netzwerk[data-stabilized='true']")
        pg.goto(origin + "/kleine-kommunen")
        pg.wait_for_selector("figure.map svg .marks circle")
        pg.goto(origin + "/oekosystem/05954036")
        pg.wait_for_selector("#eco-05954036[data-stabilized='true']")
        pg.goto(origin + "/projekt/SVA")
        assert "Smart Village App" in pg.title()
    assert problems == []


def test_the_neo4j_viewer_sees_a_commit_from_another_client(neo4j_uri: str) -> None:
    """The viewer on Neo4j reopens when the server's change token moves (its pages and
    caches belong to the state they were made from); before Neo4j had a token, it
    served what it had cached until restarted."""
    from kommunalgraph.web import create_app

    app = create_app({"STORE": neo4j_uri, "STORE_SETTLE_S": 0})
    client = app.test_client()
    writer = open_neo4j(empty=False)
    witten, before = "05954036", None
    try:
        before = client.get(f"/api/kommune/{witten}").get_json()["population"]
        assert client.get(f"/api/kommune/{witten}").get_json()["population"] == before
        writer.set_node_properties(MUNICIPALITY, [{"ags": witten, "population": 1234}])
        client.get("/api/start")  # notices the change (settle time 0: the next one reopens)
        assert client.get(f"/api/kommune/{witten}").get_json()["population"] == 1234
    finally:
        if before is not None:
            writer.set_node_properties(MUNICIPALITY, [{"ags": witten, "population": before}])
        writer.close()
        app.extensions["kommunalgraph"].close()
