"""The viewer's answer cache: ETag and 304, a byte budget, and the request size limit."""

from __future__ import annotations

from pathlib import Path

from web_fixtures import build_tiny_store

from kommunalgraph.web import create_app


def _app(tmp_path: Path, **config: object):  # type: ignore[no-untyped-def]
    path = build_tiny_store(tmp_path / "store")
    return create_app({"STORE": str(path), "TESTING": True, **config})


def test_etag_and_not_modified(tmp_path: Path) -> None:
    client = _app(tmp_path).test_client()
    first = client.get("/kommune/05954036")
    assert first.status_code == 200 and first.headers["ETag"]
    assert first.headers["Cache-Control"] == "no-cache"
    etag = first.headers["ETag"]
    again = client.get("/kommune/05954036", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    other = client.get("/kommune/05954016", headers={"If-None-Match": etag})
    assert other.status_code == 200 and other.headers["ETag"] != etag
    # a cached answer (second request without If-None-Match) has the same ETag
    assert client.get("/kommune/05954036").headers["ETag"] == etag


def test_page_cache_stays_within_its_byte_budget(tmp_path: Path) -> None:
    app = _app(tmp_path, PAGE_CACHE_MB=0.05)  # 52 KB: a few pages only
    client = app.test_client()
    holder = app.extensions["kommunalgraph"]
    urls = ["/", "/projekte", "/kommune/05954036", "/kommune/05954016", "/kommune/05954032",
            "/kommune/05954004", "/partner?kommune=05954036", "/api/start"]
    sizes = []
    for u in urls:
        r = client.get(u)
        assert r.status_code == 200, u
        sizes.append(len(r.get_data()) + len(u))
    assert sum(sizes) > holder.page_cache_bytes  # the budget really is too small for all
    assert 0 < holder.page_bytes <= holder.page_cache_bytes
    assert holder.page_bytes == sum(len(b) + len(k) for k, (b, _, _) in holder.pages.items())
    assert 0 < len(holder.pages) < len(urls)
    assert "/api/start?" in holder.pages  # the most recent answer is kept


def test_request_body_limit(tmp_path: Path) -> None:
    client = _app(tmp_path).test_client()
    r = client.post("/api/typ-check", data="x" * (70 * 1024), content_type="application/json")
    assert r.status_code == 413
    assert r.is_json and r.get_json()["error"]["message_de"]
