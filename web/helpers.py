"""What every view shares: the store, parameter parsing, German number formats.

Views stay thin: they parse the request, call ``queries/`` and render.
"""

from __future__ import annotations

import functools
import hmac
import json
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from flask import Flask, Response, current_app, request

from ..graph.errors import InputError, KommunalgraphError
from ..graph.resolve import Match, Resolver
from ..queries import web_data
from ..queries.german import de_int, de_num
from .prepared import canonical_key, etag_of
from .store import StoreHolder

if TYPE_CHECKING:
    from ..graph.store import GraphStore

__all__ = [
    "holder", "store", "resolver", "resolve_municipality", "suggestions", "int_arg",
    "float_arg", "str_arg",
    "de_int", "de_num", "wants_json", "cached_page", "land_kreis_args",
    "filter_options", "query_args", "digits", "json_body", "writes_allowed",
    "request_may_write", "WriteForbidden", "flag",
]


def holder() -> StoreHolder:
    return current_app.extensions["kommunalgraph"]  # type: ignore[no-any-return]


def store() -> GraphStore:
    return holder().get()


def resolver() -> Resolver:
    return holder().resolver()


def suggestions(ags: str, *, limit: int) -> dict[str, Any]:
    """``suggest(ags, limit=limit)`` without a topic, as the municipality page and the
    API ask it; computed once per municipality and store (:meth:`StoreHolder.suggestions`)
    for the largest limit the viewer shows and cut to ``limit``. A fresh dict: the
    caller may add keys."""
    return holder().suggestions(ags, limit)


def resolve_municipality(query: str) -> Match:
    """AGS, ARS or name → one municipality (raises UnknownMunicipality / AmbiguousName)."""
    return resolver().resolve(query, land=str_arg("land"), kreis=str_arg("kreis"))


def cached_page(view: Callable[..., Any] | None = None, *,
                defaults: dict[str, str] | None = None) -> Any:
    """Serve a GET view's successful response from the per-store caches.

    The data only changes when the store is reopened (which empties the cache),
    so a rendered page or JSON answer stays valid until then. An answer comes
    from the process's own cache (bounded in bytes), else from the answers
    prepared ahead for every municipality (:mod:`.prepared`, keyed canonically:
    parameters sorted, ``defaults`` left out), else from the view. Every answer
    carries an ``ETag``, its body's hash, so a browser that asks again with
    ``If-None-Match`` gets ``304 Not Modified``, from whichever worker process.
    """
    if view is None:
        return functools.partial(cached_page, defaults=defaults)

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if request.method != "GET" or current_app.config.get("PAGE_CACHE") is False:
            return view(*args, **kwargs)
        key = request.full_path
        h = holder()
        hit = h.page_get(key)
        if hit is None:
            ready = h.prepared()
            if ready is not None:
                hit = ready.get(canonical_key(request.path, request.args, defaults))
        if hit is not None:
            return _conditional(Response(hit[0], mimetype=hit[1]), hit[2])
        resp = current_app.make_response(view(*args, **kwargs))
        if resp.status_code != 200 or resp.direct_passthrough:
            return resp
        body = resp.get_data()
        etag = etag_of(body)
        h.page_put(key, (body, resp.mimetype, etag))
        return _conditional(resp, etag)

    return wrapper


def _conditional(resp: Response, etag: str) -> Response:
    resp.set_etag(etag)
    resp.headers["Cache-Control"] = "no-cache"  # revalidate: the store may change
    return resp.make_conditional(request)


class WriteForbidden(KommunalgraphError):
    """A writing request without permission (writes off, or no valid admin token)."""


def flag(value: Any) -> bool:
    """A setting that is on or off (from the environment it may be a string).

    >>> flag(True), flag("false"), flag("0"), flag("ja"), flag(None)
    (True, False, False, True, False)
    """
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "ja", "on")
    return bool(value)


def writes_allowed(app: Flask) -> bool:
    """Writes need ``ALLOW_WRITES`` and a configured ``ADMIN_TOKEN``."""
    return flag(app.config.get("ALLOW_WRITES")) and bool(app.config.get("ADMIN_TOKEN"))


def request_may_write(app: Flask) -> bool:
    """True when writes are allowed and the request carries the admin token."""
    if not writes_allowed(app):
        return False
    sent = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    sent = sent or request.form.get("admin_token", "")
    return hmac.compare_digest(sent.encode(), str(app.config["ADMIN_TOKEN"]).encode())



def query_args(*exclude: str) -> dict[str, str]:
    """The request's query parameters, safe to pass on to ``url_for``.

    Leaves out ``exclude`` and every name starting with ``_`` (``url_for``'s own
    keywords such as ``_method`` or ``_external``), so that no query string can
    change how a link is built.
    """
    return {k: v for k, v in request.args.items() if k not in exclude and not k.startswith("_")}


def digits(value: str) -> bool:
    """True for ASCII digits only (``"²".isdigit()`` is true, but ``int("²")`` fails).

    >>> digits("05954036"), digits("²"), digits("١٢"), digits("")
    (True, False, False, False)
    """
    return value.isascii() and value.isdigit()


#: deepest nesting of a JSON body the viewer reads (the type check needs 2)
MAX_JSON_DEPTH = 20


def json_depth(text: str) -> int:
    """The deepest nesting of brackets outside strings (no recursion, any length).

    >>> json_depth('{"a": [1, {"b": "[[["}]}'), json_depth("[" * 5000)
    (3, 5000)
    """
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def json_body() -> Any:
    """The request's JSON body, or None; too deep a nesting is a German 400."""
    text = request.get_data(as_text=True)
    if json_depth(text) > MAX_JSON_DEPTH:
        raise InputError("JSON body nested too deeply",
                         f"Die JSON-Daten sind zu tief verschachtelt (höchstens "
                         f"{MAX_JSON_DEPTH} Ebenen).")
    try:
        return json.loads(text) if text.strip() else None
    except ValueError:
        return None


def str_arg(name: str, *, max_len: int = 200) -> str | None:
    value = request.args.get(name)
    if value is None:
        return None
    value = value.strip()
    if len(value) > max_len:
        raise InputError(f"parameter {name} too long", f"Der Parameter „{name}“ ist zu lang.")
    return value or None


def int_arg(name: str, default: int | None, *, lo: int = 1, hi: int = 1000) -> int | None:
    raw = request.args.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise InputError(
            f"parameter {name} must be an integer",
            f"Der Parameter „{name}“ muss eine ganze Zahl sein (erhalten: „{raw[:40]}“).",
        ) from None
    if not lo <= value <= hi:
        raise InputError(
            f"parameter {name} out of range",
            f"Der Parameter „{name}“ muss zwischen {lo} und {hi} liegen.",
        )
    return value


def float_arg(name: str, *, lo: float = 0.0, hi: float = 1000.0) -> float | None:
    raw = request.args.get(name)
    if raw is None or raw.strip() == "":
        return None
    try:
        value = float(raw.strip().replace(",", "."))
    except ValueError:
        raise InputError(
            f"parameter {name} must be a number",
            f"Der Parameter „{name}“ muss eine Zahl sein (erhalten: „{raw[:40]}“).",
        ) from None
    if not math.isfinite(value) or not lo <= value <= hi:
        raise InputError(
            f"parameter {name} out of range",
            f"Der Parameter „{name}“ muss zwischen {de_num(lo)} und {de_num(hi)} liegen.",
        )
    return value


def land_kreis_args() -> tuple[str | None, str | None]:
    """The optional filters ``land`` (2-digit key) and ``kreis`` (5-digit key)."""
    land = str_arg("land", max_len=2)
    kreis = str_arg("kreis", max_len=5)
    for name, value, n in (("land", land, 2), ("kreis", kreis, 5)):
        if value is not None and not (digits(value) and len(value) == n):
            raise InputError(f"{name} must be a {n}-digit key",
                             f"Der Parameter „{name}“ muss ein {n}-stelliger Schlüssel sein.")
    return land, kreis


def filter_options() -> dict[str, Any]:
    """Länder, Kreise, project kinds, Themenfelder … for the filter forms (cached per store).

    Every Kreis gets a ``label`` that tells a city from the Landkreis of the
    same name (see :func:`district_label`); the Kreise are sorted by it.
    """
    h = holder()

    def load() -> dict[str, Any]:
        options = dict(web_data.filter_options(h.get()))
        districts = [{**d, "label": district_label(d["name"], d.get("kind"))}
                     for d in options["districts"]]
        options["districts"] = sorted(districts, key=lambda d: (d["label"].casefold(), d["key"]))
        return options

    return h.memo("filter_options", load)  # type: ignore[no-any-return]


#: How a Kreis's kind reads after its name in a list ("Rosenheim (Landkreis)").
_DISTRICT_KIND_DE = {"Kreisfreie Stadt": "kreisfreie Stadt", "Stadtkreis": "Stadtkreis",
                     "Landkreis": "Landkreis", "Kreis": "Kreis",
                     "Regionalverband": "Regionalverband"}


def district_label(name: str, kind: str | None) -> str:
    """A Kreis's name for a list, with its kind where the name does not say it.

    >>> district_label("Rosenheim", "Landkreis"), district_label("Rosenheim", "Kreisfreie Stadt")
    ('Rosenheim (Landkreis)', 'Rosenheim (kreisfreie Stadt)')
    >>> district_label("Münster, Stadt", "Kreisfreie Stadt")
    'Münster (kreisfreie Stadt)'
    >>> district_label("Ennepe-Ruhr-Kreis", "Kreis"), district_label("Region Hannover", "Landkreis")
    ('Ennepe-Ruhr-Kreis', 'Region Hannover')
    """
    base = name.removesuffix(", Stadt").removesuffix(", Landeshauptstadt").strip()
    kind_de = _DISTRICT_KIND_DE.get(kind or "")
    lowered = base.casefold()
    if kind_de is None or (kind in ("Landkreis", "Kreis", "Regionalverband")
                           and ("kreis" in lowered or lowered.startswith(
                               ("region ", "städteregion ", "regionalverband ")))):
        return base
    return f"{base} ({kind_de})"


def wants_json() -> bool:
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes[
        "text/html"]


# -- German number formats ---------------------------------------------------------
def de_pct(x: Any, digits: int = 1) -> str:
    """0.123 → '12,3 %'."""
    if x is None:
        return "–"
    return de_num(float(x) * 100, digits) + "\u00a0%"
