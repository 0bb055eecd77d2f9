"""Every link on every project page (and the catalogue) is one valid URL.

The source material joined two URLs with " ; " in one cell for 93 project rows; the
pages must never show such a link again (issue 12).
"""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest
from web_fixtures import viewer

from kommunalgraph.importers.sources import is_url

pytestmark = pytest.mark.slow
HREF = re.compile(r'href="([^"]+)"')


def test_every_external_link_on_every_project_page_is_one_url(bundled, bundled_store_path: Path,
                                                              tmp_path: Path) -> None:
    ids = [r["id"] for r in bundled.run("MATCH (p:Project) RETURN p.id AS id ORDER BY id")]
    assert len(ids) > 250
    bad = []
    with viewer(bundled_store_path, tmp_path / "maps") as app:
        client = app.test_client()
        pages = ["/projekte"] + [f"/projekt/{pid}" for pid in ids]
        external = 0
        for url in pages:
            r = client.get(url)
            assert r.status_code == 200, url
            for href in HREF.findall(r.get_data(as_text=True)):
                href = html_lib.unescape(href)
                if "://" not in href:
                    continue
                external += 1
                if not is_url(href) or " " in href or ";" in href:
                    bad.append((url, href))
    assert external > len(ids)  # most pages cite at least one source
    assert not bad, bad[:10]
