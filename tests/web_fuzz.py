"""Seeded random requests against every route of the viewer (for the fuzz test and bench/).

Not a test module: ``tests/test_web_fuzz.py`` runs a bounded number of these
against the tiny store with Flask's test client, ``bench/web_fuzz.py`` many more
against a real server on the bundled data.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

#: path templates of the viewer; {x} is replaced by a value from VALUES
ROUTES = (
    "/", "/api/candidates", "/api/kleine-kommunen", "/api/kommune/{x}", "/api/netzwerk",
    "/api/oekosystem/{x}", "/api/projekt/{x}", "/api/projekte", "/api/search", "/api/start",
    "/api/suggest", "/api/typ-check", "/kleine-kommunen", "/kommune/{x}", "/netzwerk",
    "/oekosystem", "/oekosystem/{x}", "/oekosystem/{x}/export.{x}", "/partner",
    "/projekt/{x}", "/projekte", "/quellen", "/suche", "/typ-check", "/gibt-es-nicht/{x}",
    "/static/{x}",
)

#: query parameters the views read, plus a few they do not
PARAMS = (
    "kommune", "land", "kreis", "limit", "radius_km", "radius", "kind", "ozg", "themenfeld",
    "projekt", "q", "level", "region", "max_population", "ags", "_method", "effizienz",
    "format", "seite", "page", "include_districts", "typ", "status", "programm",
)

VALUES = (
    "05954036", "Witten", "witten", "Neustadt", "Münster", "05", "05954", "1", "0", "-1",
    "99999999999999999999", "1e309", "NaN", "inf", "", " ", "²", "١٢٣", "%00", "\x00",
    "../../etc/passwd", "<script>alert(1)</script>", "' OR 1=1 --", "${7*7}", "{{7*7}}",
    "x" * 300, "ä" * 5000, "open-smartcity-app", "e-akte-ruhr", "city-app", "json", "gexf",
    "graphml", "csv", "true", "[]", "{}", "null", "🙂", "Frankfurt (Oder)", "a/b", "%2F",
)


@dataclass(frozen=True)
class Req:
    method: str
    path: str
    query: dict[str, str]
    body: bytes | None = None
    content_type: str | None = None


def _nested(depth: int) -> Any:
    v: Any = 1
    for _ in range(depth):
        v = [v]
    return v


def _json_body(rng: random.Random) -> bytes:
    choice = rng.randrange(6)
    if choice == 0:
        return b"[" * 5000 + b"]" * 5000  # deeply nested
    if choice == 1:
        return json.dumps(_nested(rng.randrange(1, 50))).encode()
    if choice == 2:
        return json.dumps({"priorities": {rng.choice(VALUES): rng.choice(VALUES)},
                           "municipality": rng.choice(VALUES)}).encode()
    if choice == 3:
        return b"{not json"
    if choice == 4:
        return json.dumps({"priorities": rng.choice([[], "x", 5, None, {"effizienz": 99}]),
                           "save": rng.choice([True, "ja", 1])}).encode()
    return rng.choice(VALUES).encode("utf-8", "surrogatepass")


def requests(n: int, seed: int = 0) -> Iterator[Req]:
    """``n`` seeded random requests (mostly GET, some POST, PUT, DELETE, HEAD, OPTIONS)."""
    rng = random.Random(seed)
    for _ in range(n):
        path = rng.choice(ROUTES)
        while "{x}" in path:
            path = path.replace("{x}", rng.choice(VALUES).replace("/", "%2F") or "x", 1)
        query = {rng.choice(PARAMS): rng.choice(VALUES) for _ in range(rng.randrange(4))}
        method = rng.choices(["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS"],
                             weights=[70, 18, 3, 3, 3, 3])[0]
        body = ctype = None
        if method in ("POST", "PUT"):
            if rng.random() < 0.5:
                body, ctype = _json_body(rng), "application/json"
            else:
                form = {rng.choice(PARAMS + ("speichern", "kommune", "admin_token")):
                        rng.choice(VALUES) for _ in range(rng.randrange(5))}
                body = "&".join(f"{k}={v}" for k, v in form.items()).encode("utf-8",
                                                                            "surrogatepass")
                ctype = "application/x-www-form-urlencoded"
        yield Req(method, path, query, body, ctype)
