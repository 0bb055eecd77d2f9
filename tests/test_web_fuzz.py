"""Bad input never gets a 5xx: seeded random requests on every route of the viewer.

2,400 requests (paths, query parameters, methods, form and JSON bodies, deeply
nested JSON, control characters, huge values) against the tiny store through
Flask's test client; ``bench/web_fuzz.py`` sends many more to a real server on
the bundled data.
"""

from __future__ import annotations

import pytest
from web_fixtures import build_tiny_store
from web_fuzz import requests

from kommunalgraph.web import create_app

N = 2400


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = build_tiny_store(tmp_path_factory.mktemp("fuzz") / "store")
    app = create_app({"STORE": str(path)})  # not TESTING: errors go through the handlers
    return app.test_client()


def test_no_request_gets_a_server_error(client) -> None:  # type: ignore[no-untyped-def]
    failures = []
    for req in requests(N, seed=20261203):
        r = client.open(req.path, method=req.method, query_string=req.query, data=req.body,
                        content_type=req.content_type)
        if r.status_code >= 500:
            failures.append((r.status_code, req))
    assert not failures, failures[:10]


@pytest.mark.parametrize("path", [
    "/kommune/Witten?ags=1", "/netzwerk?_method=x", "/api/typ-check?effizienz=%C2%B2",
    "/partner?kommune=Witten&radius_km=1e309", "/api/suggest?kommune=Witten&limit=" + "9" * 40,
    "/kommune/%00", "/api/search?q=" + "ä" * 5000,
])
def test_reported_cases_answer_below_500(client, path: str) -> None:  # type: ignore
    assert client.get(path).status_code < 500


def test_deeply_nested_json_is_a_400(client) -> None:  # type: ignore[no-untyped-def]
    r = client.post("/api/typ-check", data=b"[" * 5000 + b"]" * 5000,
                    content_type="application/json")
    assert r.status_code == 400 and r.is_json
