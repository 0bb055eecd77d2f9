"""What the browser tests share: Debian's Chromium with offline arguments, the viewer
under waitress on 127.0.0.1 and a free port, in a thread, and a page with a watch on
what it does (console errors, requests to other hosts, dialogs)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parent / "screenshots"
#: no sandbox (root in CI), nothing fetched in the background, every host but ours unknown
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


@contextmanager
def served(config: dict[str, Any]) -> Iterator[str]:
    """``create_app(config)`` under waitress (4 threads) in a thread; yields its URL and
    closes the server and the app's store afterwards.

    The server's sockets are closed by the thread that polls them, after its loop has
    stopped: closing them from here while that thread sits in ``select`` made it fail
    with "Bad file descriptor" now and then.
    """
    from waitress.server import create_server

    from kommunalgraph.web import create_app

    app = create_app(config)
    srv = create_server(app, host="127.0.0.1", port=0, threads=4)
    stop = threading.Event()

    def run() -> None:
        while not stop.is_set():
            srv.asyncore.loop(timeout=0.05, map=srv._map, count=1)
        srv.task_dispatcher.shutdown()  # lets running requests finish
        srv.asyncore.close_all(srv._map)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{srv.effective_port}"
    finally:
        stop.set()
        thread.join(timeout=10)
        app.extensions["kommunalgraph"].close()


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium (Playwright driving Debian's binary, no download)."""
    from playwright import sync_api

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Watch:
    """Everything the page does that a test must check afterwards."""

    def __init__(self, page: object, origin: str) -> None:
        self.origin = urlsplit(origin).netloc
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))  # type: ignore[attr-defined]
        page.on("console", lambda m: self.errors.append(m.text)  # type: ignore[attr-defined]
                if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))  # type: ignore[attr-defined]

        def dialog(d: object) -> None:
            self.dialogs.append(d.message)  # type: ignore[attr-defined]
            d.dismiss()  # type: ignore[attr-defined]

        page.on("dialog", dialog)  # type: ignore[attr-defined]

    def check(self) -> None:
        foreign = [u for u in self.requests
                   if not u.startswith(("data:", "blob:")) and urlsplit(u).netloc != self.origin]
        assert not foreign, f"requests to other hosts: {foreign}"
        assert not self.errors, f"console errors: {self.errors}"
        assert not self.dialogs, f"script ran (dialog): {self.dialogs}"


@contextmanager
def watched_page(browser: Any, origin: str, timeout_ms: int = 30000) -> Iterator[tuple[Any, Watch]]:
    """A new page (1280×900, German) in its own context, with a :class:`Watch` on it."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    try:
        pg = ctx.new_page()
        pg.set_default_timeout(timeout_ms)
        yield pg, Watch(pg, origin)
    finally:
        ctx.close()


def wait_graph(pg: Any, graph_id: str) -> None:
    """Wait until the pyvis graph ``graph_id`` is drawn and its layout has settled."""
    pg.wait_for_selector(f"#{graph_id} canvas", state="visible")
    pg.wait_for_selector(f"#{graph_id}[data-stabilized='true']")
