"""What the browser tests share: Debian's Chromium with offline arguments, and the viewer
under waitress on 127.0.0.1 and a free port, in a thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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
