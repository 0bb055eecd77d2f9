"""docs/web.md documents every route and every setting of the viewer."""

from __future__ import annotations

import re
from pathlib import Path

from kommunalgraph.web import create_app

DOC = (Path(__file__).resolve().parent.parent / "docs" / "web.md").read_text("utf-8")


def test_every_route_is_documented(tmp_path: Path) -> None:
    app = create_app({"STORE": str(tmp_path)})
    missing = sorted({r.rule for r in app.url_map.iter_rules()} - set(
        re.findall(r"`(/[^`?]*)", DOC)))
    assert not missing, f"routes missing from docs/web.md: {missing}"


def test_every_setting_is_documented(tmp_path: Path) -> None:
    app = create_app({"STORE": str(tmp_path)})
    ours = ("STORE", "ALLOW_WRITES", "ADMIN_TOKEN", "STORE_SETTLE_S", "PAGE_CACHE",
            "PAGE_CACHE_MB", "MAX_CONTENT_LENGTH")
    for key in ours:
        assert key in app.config
        assert f"`KOMMUNALGRAPH_{key}`" in DOC, key
