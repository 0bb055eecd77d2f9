"""The rules of the publiccode.yml standard, checked on a loaded file.

The rules follow the standard's text (publiccode.yml, ``docs/standard/
schema.core.rst``, ``schema.it.rst``, ``country.rst``, the category and scope
lists) for the 0.x versions, and the reference parser
(``publiccode-parser-go``) where the text leaves a choice open: keys the
standard does not define are errors (the parser reads with known fields only),
the Italian section's ``countryExtensionVersion`` is ``0.2`` or ``1.0``.

:func:`check` returns one :class:`Finding` per deviation, with the field path
(``description.en.shortDescription``), the line where known and one German
message. ``error`` findings make the file invalid in the standard's terms;
the others are remarks (deprecated keys, lower-case country codes, numbers
where text is expected) that the standard still accepts.

Libraries do the code lists: SPDX licence expressions with
``license-expression``, BCP 47 language tags with ``langcodes``, ISO 3166-1
country codes with ``pycountry``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

__all__ = ["Finding", "UnsupportedVersion", "read_version", "check", "CATEGORIES", "SCOPES",
           "DEVELOPMENT_STATUS", "SOFTWARE_TYPES", "MAINTENANCE_TYPES", "PLATFORMS",
           "VERSIONS", "UNDERSTOOD_DE"]

#: the versions the standard's 0.x schema (and so this importer) understands
VERSIONS = ("0", "0.2", "0.2.0", "0.2.1", "0.2.2", "0.3", "0.3.0", "0.4", "0.4.0", "0.5",
            "0.5.0")
UNDERSTOOD_DE = "„0“ (aktuelle Fassung) sowie 0.2, 0.3, 0.4 und 0.5"

DEVELOPMENT_STATUS = ("concept", "development", "beta", "stable", "obsolete")
SOFTWARE_TYPES = ("standalone/mobile", "standalone/iot", "standalone/desktop", "standalone/web",
                  "standalone/backend", "standalone/other", "addon", "library",
                  "configurationFiles")
MAINTENANCE_TYPES = ("internal", "contract", "community", "none")
#: predefined platforms; other human-readable values are allowed
PLATFORMS = ("web", "windows", "mac", "linux", "ios", "android")
#: docs/standard/categories-list.rst
CATEGORIES = frozenset("""
accounting agile-project-management applicant-tracking application-development
appointment-scheduling backup billing-and-invoicing blog budgeting business-intelligence
business-process-management cad call-center-management cloud-management collaboration
communications compliance-management contact-management content-management crm
customer-service-and-support data-analytics data-collection data-visualization design
design-system digital-asset-management digital-citizenship document-management
donor-management e-commerce e-signature educational-content email-management email-marketing
employee-management enterprise-project-management enterprise-social-networking erp
event-management facility-management feedback-and-reviews-management financial-reporting
fleet-management fundraising gamification geographic-information-systems grant-management
graphic-design help-desk hr ide identity-management instant-messaging inventory-management
it-asset-management it-development it-management it-security it-service-management
knowledge-management learning-management-system marketing mind-mapping mobile-marketing
mobile-payment network-management office online-booking online-community payment-gateway
payroll predictive-analysis procurement productivity-suite project-collaboration
project-management property-management real-estate-management remote-support
resource-management sales-management seo service-desk social-media-management survey
talent-management task-management taxes-management test-management time-management
time-tracking translation video-conferencing video-editing visitor-management voip
warehouse-management web-collaboration web-conferencing website-builder whistleblowing
workflow-management
""".split())
#: docs/standard/scope-list.rst
SCOPES = frozenset("""
agriculture culture defence education emergency-services employment energy environment
finance-and-economic-development foreign-affairs healthcare infrastructures justice
local-authorities manufacturing research science-and-technology security society sport
tourism transportation welfare
""".split())

#: top-level keys that belong one level down (a frequent slip in real files)
MISPLACED = {
    "features": "description.<Sprache>", "screenshots": "description.<Sprache>",
    "videos": "description.<Sprache>", "documentation": "description.<Sprache>",
    "apiDocumentation": "description.<Sprache>", "awards": "description.<Sprache>",
    "shortDescription": "description.<Sprache>", "longDescription": "description.<Sprache>",
    "genericName": "description.<Sprache>", "localisedName": "description.<Sprache>",
    "scope": "intendedAudience", "countries": "intendedAudience",
    "unsupportedCountries": "intendedAudience", "license": "legal",
    "mainCopyrightOwner": "legal", "repoOwner": "legal", "authorsFile": "legal",
    "localisationReady": "localisation", "availableLanguages": "localisation",
}

_MIME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}"
                   r"(\s*;.*)?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_IPA = re.compile(r"^[a-z0-9_]{2,}$")
_URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


@dataclass(frozen=True)
class Finding:
    """One deviation from the standard: field path, German message, severity."""

    field: str
    message_de: str
    error: bool = True
    line: int | None = None

    def text(self) -> str:
        return f"{self.field}: {self.message_de}" if self.field else self.message_de

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "line": self.line, "message": self.message_de,
                "severity": "Fehler" if self.error else "Hinweis"}


class UnsupportedVersion(Exception):
    """A version this importer does not understand (e.g. a future major "1")."""

    def __init__(self, value: str) -> None:
        super().__init__(f"unsupported publiccodeYmlVersion {value!r}")
        self.value = value
        self.message_de = (f"Nicht unterstützte Version „{value}“; verstanden werden "
                           f"{UNDERSTOOD_DE}.")


def read_version(value: Any) -> tuple[str | None, list[Finding]]:
    """The version as read (a string), and remarks; unknown majors raise.

    >>> read_version("0")[0], read_version(0.4)[0], read_version("0.2.1")[0]
    ('0', '0.4', '0.2.1')
    """
    if value is None:
        return None, [Finding("publiccodeYmlVersion", "fehlt")]
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise UnsupportedVersion(str(value)[:40])
    v = str(value).strip()
    if v in VERSIONS:
        if isinstance(value, str):
            return v, []
        return v, [Finding("publiccodeYmlVersion", f"{v} ohne Anführungszeichen (als Zahl "
                           "gelesen); der Standard verlangt Text, z. B. \"0\"", error=False)]
    if re.fullmatch(r"0(\.\d+){1,2}", v):
        # a minor of the current major that this importer does not know: read as "0"
        return v, [Finding("publiccodeYmlVersion", f"„{v}“ ist keine veröffentlichte Version; "
                           f"verstanden werden {UNDERSTOOD_DE} (als „0“ gelesen)")]
    raise UnsupportedVersion(v[:40])


# -- value checks -------------------------------------------------------------------

def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "Wahrheitswert"
    if isinstance(value, (int, float)):
        return "Zahl"
    if isinstance(value, str):
        return "Text"
    if isinstance(value, list):
        return "Liste"
    if isinstance(value, dict):
        return "Zuordnung"
    if isinstance(value, (dt.date, dt.datetime)):
        return "Datum"
    return "leerer Wert" if value is None else type(value).__name__


def _short(value: Any, n: int = 60) -> str:
    """A value quoted in a note: one line (line breaks and tabs shown as ␤ and ␉), short.

    >>> _short("a\\nb"), _short("x" * 70)[-3:]
    ('a␤b', 'xx…')
    """
    s = str(value).replace("\r\n", "\n")
    s = "".join("␤" if c in "\n\r" else "␉" if c == "\t" else c if c.isprintable() else "?"
                for c in s)
    return s if len(s) <= n else s[: n - 1] + "…"


def is_url(value: str, *, http_only: bool = False) -> bool:
    """An absolute URL with a host (``http_only``: http or https)."""
    if not isinstance(value, str) or not value.strip() or any(c.isspace() for c in value.strip()):
        return False
    try:
        u = urlsplit(value.strip())
    except ValueError:
        return False
    if http_only:
        return u.scheme in ("http", "https") and bool(u.hostname)
    return bool(u.scheme) and bool(u.netloc)


@functools.lru_cache(maxsize=1)
def _licensing() -> Any:
    from license_expression import get_spdx_licensing
    return get_spdx_licensing()


@functools.lru_cache(maxsize=4096)
def spdx_ok(expr: str) -> bool:
    """A valid SPDX licence expression (``LicenseRef-…`` allowed).

    >>> spdx_ok("AGPL-3.0-or-later"), spdx_ok("EUPL 1.2"), spdx_ok("MIT OR Apache-2.0")
    (True, False, True)
    """
    if not expr.strip():
        return False
    licensing = _licensing()
    try:
        parsed = licensing.parse(expr, validate=False, strict=True)
        if parsed is None:
            return False
        unknown = licensing.unknown_license_keys(parsed)
    except Exception:  # noqa: BLE001 - the library raises many kinds for bad syntax
        return False
    return all(re.fullmatch(r"(DocumentRef-[\w.-]+:)?LicenseRef-[\w.-]+", k) for k in unknown)


@functools.lru_cache(maxsize=4096)
def bcp47_ok(tag: str) -> bool:
    """A well-formed BCP 47 tag with a known primary language.

    >>> bcp47_ok("de"), bcp47_ok("en-GB"), bcp47_ok("en_GB"), bcp47_ok("sl-IT-nedis")
    (True, True, False, True)
    """
    import langcodes
    return bool(tag) and "_" not in tag and langcodes.tag_is_valid(tag)


@functools.lru_cache(maxsize=512)
def country_ok(code: str) -> bool:
    """An ISO 3166-1 alpha-2 code (upper or lower case).

    >>> country_ok("DE"), country_ok("it"), country_ok("UK"), country_ok("XX")
    (True, True, False, False)
    """
    import pycountry
    return len(code) == 2 and code.isalpha() and \
        pycountry.countries.get(alpha_2=code.upper()) is not None


def date_ok(value: Any) -> bool:
    if isinstance(value, dt.datetime):
        return False
    if isinstance(value, dt.date):
        return True
    if not isinstance(value, str) or not _DATE.match(value.strip()):
        return False
    try:
        dt.date.fromisoformat(value.strip())
    except ValueError:
        return False
    return True


# -- the walker -----------------------------------------------------------------------

class _Checker:
    def __init__(self, lines: dict[str, int]) -> None:
        self.lines = lines
        self.findings: list[Finding] = []

    def line(self, path: str) -> int | None:
        p = path
        while p:
            if p in self.lines:
                return self.lines[p]
            parent = re.sub(r"(\.[^.\[\]]*|\[\d+\])$", "", p)
            if parent == p:
                break
            p = parent
        return None

    def add(self, path: str, message: str, *, error: bool = True) -> None:
        self.findings.append(Finding(path, message, error, self.line(path)))

    # types
    def string(self, value: Any, path: str, *, required: bool = False) -> str | None:
        if value is None:
            if required:
                self.add(path, "fehlt")
            return None
        if isinstance(value, str):
            if required and not value.strip():
                self.add(path, "leer")
                return None
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            self.add(path, f"Zahl {value} statt Text (in Anführungszeichen setzen)", error=False)
            return str(value)
        self.add(path, f"falscher Typ: erwartet Text, gefunden {_kind(value)}")
        return None

    def mapping(self, value: Any, path: str, *, required: bool = False) -> dict[str, Any] | None:
        if value is None:
            if required:
                self.add(path, "fehlt")
            return None
        if not isinstance(value, dict):
            self.add(path, f"falscher Typ: erwartet Zuordnung (Schlüssel: Wert), gefunden "
                           f"{_kind(value)}")
            return None
        return value

    def seq(self, value: Any, path: str, *, required: bool = False,
            non_empty: bool = False) -> list[Any] | None:
        if value is None:
            if required:
                self.add(path, "fehlt")
            return None
        if not isinstance(value, list):
            self.add(path, f"falscher Typ: erwartet Liste, gefunden {_kind(value)}")
            return None
        if (required or non_empty) and not value:
            self.add(path, "leere Liste (mindestens ein Eintrag nötig)")
        return value

    def boolean(self, value: Any, path: str, *, required: bool = False) -> None:
        if value is None:
            if required:
                self.add(path, "fehlt")
            return
        if not isinstance(value, bool):
            self.add(path, f"falscher Typ: erwartet true oder false, gefunden {_kind(value)} "
                           f"„{_short(value)}“")

    def enum(self, value: Any, path: str, allowed: tuple[str, ...] | frozenset[str], *,
             required: bool = False) -> None:
        s = self.string(value, path, required=required)
        if s is not None and s not in allowed:
            listing = ", ".join(sorted(allowed)) if len(allowed) <= 12 else \
                "siehe die Liste des Standards"
            self.add(path, f"„{_short(s)}“ ist kein zulässiger Wert ({listing})")

    def url(self, value: Any, path: str, *, required: bool = False,
            http_only: bool = True) -> None:
        s = self.string(value, path, required=required)
        if s is not None and not is_url(s, http_only=http_only):
            self.add(path, f"„{_short(s)}“ ist keine gültige URL"
                     + (" (http oder https)" if http_only else ""))

    def uri(self, value: Any, path: str) -> None:
        s = self.string(value, path)
        if s is not None and not _URI_SCHEME.match(s.strip()):
            self.add(path, f"„{_short(s)}“ ist keine URI (z. B. https://… oder urn:…)")

    def date(self, value: Any, path: str, *, required: bool = False) -> None:
        if value is None:
            if required:
                self.add(path, "fehlt")
            return
        if not date_ok(value):
            self.add(path, f"„{_short(value)}“ ist kein Datum im Format JJJJ-MM-TT")

    def email(self, value: Any, path: str) -> None:
        s = self.string(value, path)
        if s is not None and not _EMAIL.match(s.strip()):
            self.add(path, f"„{_short(s)}“ ist keine E-Mail-Adresse")

    def length(self, s: str | None, path: str, lo: int | None, hi: int | None) -> None:
        if s is None:
            return
        n = len(s)
        if hi is not None and n > hi:
            self.add(path, f"zu lang ({n} Zeichen, höchstens {hi})")
        if lo is not None and n < lo:
            self.add(path, f"zu kurz ({n} Zeichen, mindestens {lo})")

    def known(self, m: dict[str, Any], path: str, keys: set[str] | frozenset[str],
              *, misplaced: dict[str, str] | None = None) -> None:
        for k in m:
            if k in keys:
                continue
            p = f"{path}.{k}" if path else str(k)
            if misplaced and k in misplaced:
                self.add(p, f"steht auf oberster Ebene, gehört unter {misplaced[k]}")
            else:
                self.add(p, "unbekannter Schlüssel (nicht im Standard)")

    def deprecated(self, m: dict[str, Any], path: str, keys: dict[str, str]) -> None:
        for k, instead in keys.items():
            if k in m:
                self.add(f"{path}.{k}" if path else k,
                         "veraltet (deprecated)" + (f"; stattdessen {instead}" if instead else ""),
                         error=False)

    def each(self, items: list[Any] | None, path: str, fn: Callable[[Any, str], None]) -> None:
        for i, item in enumerate(items or []):
            fn(item, f"{path}[{i}]")


TOP_KEYS = frozenset({
    "publiccodeYmlVersion", "name", "applicationSuite", "url", "landingURL", "isBasedOn",
    "softwareVersion", "releaseDate", "logo", "monochromeLogo", "organisation", "inputTypes",
    "outputTypes", "platforms", "categories", "usedBy", "fundedBy", "roadmap",
    "developmentStatus", "softwareType", "intendedAudience", "description", "legal",
    "maintenance", "localisation", "dependsOn", "it", "IT", "de", "DE",
})
DESC_KEYS = frozenset({"localisedName", "genericName", "shortDescription", "longDescription",
                       "documentation", "apiDocumentation", "features", "screenshots", "videos",
                       "awards"})


def check(data: dict[str, Any], lines: dict[str, int] | None = None) -> list[Finding]:
    """Every rule of the standard on one loaded file (a mapping); version not included."""
    c = _Checker(lines or {})
    c.known(data, "", TOP_KEYS | {k for k in data if _country_key(k)}, misplaced=MISPLACED)
    c.deprecated(data, "", {"monochromeLogo": "", "inputTypes": "", "outputTypes": ""})
    c.string(data.get("name"), "name", required=True)
    c.string(data.get("applicationSuite"), "applicationSuite")
    c.url(data.get("url"), "url", required=True, http_only=False)
    c.url(data.get("landingURL"), "landingURL")
    based = data.get("isBasedOn")
    if isinstance(based, list):
        c.each(based, "isBasedOn", lambda v, p: c.url(v, p, http_only=False))
    elif based is not None:
        c.url(based, "isBasedOn", http_only=False)
    c.string(data.get("softwareVersion"), "softwareVersion")
    c.date(data.get("releaseDate"), "releaseDate")
    c.string(data.get("logo"), "logo")
    c.string(data.get("monochromeLogo"), "monochromeLogo")
    org = c.mapping(data.get("organisation"), "organisation")
    if org is not None:  # the publishing organisation: uri mandatory, name optional
        c.known(org, "organisation", {"name", "uri"})
        c.string(org.get("name"), "organisation.name")
        if c.string(org.get("uri"), "organisation.uri", required=True) is not None:
            c.uri(org.get("uri"), "organisation.uri")
    for key in ("inputTypes", "outputTypes"):
        items = c.seq(data.get(key), key)
        c.each(items, key, lambda v, p: _mime(c, v, p))
    platforms = data.get("platforms")
    if isinstance(platforms, str):
        c.string(platforms, "platforms", required=True)
    else:
        items = c.seq(platforms, "platforms", required=True)
        c.each(items, "platforms", lambda v, p: c.string(v, p, required=True))
    cats = c.seq(data.get("categories"), "categories")
    c.each(cats, "categories", lambda v, p: c.enum(v, p, CATEGORIES))
    used = c.seq(data.get("usedBy"), "usedBy")
    c.each(used, "usedBy", lambda v, p: c.string(v, p, required=True))
    funded = c.seq(data.get("fundedBy"), "fundedBy")
    c.each(funded, "fundedBy", lambda v, p: _organisation(c, c.mapping(v, p, required=True), p))
    c.url(data.get("roadmap"), "roadmap")
    c.enum(data.get("developmentStatus"), "developmentStatus", DEVELOPMENT_STATUS, required=True)
    c.enum(data.get("softwareType"), "softwareType", SOFTWARE_TYPES, required=True)
    _audience(c, data.get("intendedAudience"))
    _description(c, data.get("description"))
    _legal(c, data.get("legal"))
    _maintenance(c, data.get("maintenance"))
    _localisation(c, data.get("localisation"))
    _depends(c, data.get("dependsOn"))
    for key in data:
        if _country_key(key):
            _country(c, str(key), data[key])
    return c.findings


def _country_key(key: Any) -> bool:
    return isinstance(key, str) and len(key) == 2 and key.isalpha() and country_ok(key)


def _organisation(c: _Checker, m: dict[str, Any] | None, path: str) -> None:
    """An Organisation of ``fundedBy``: name mandatory, uri optional."""
    if m is None:
        return
    c.known(m, path, {"name", "uri"})
    c.string(m.get("name"), f"{path}.name", required=True)
    if m.get("uri") is not None:
        c.uri(m.get("uri"), f"{path}.uri")


def _mime(c: _Checker, v: Any, p: str) -> None:
    s = c.string(v, p, required=True)
    if s is not None and not _MIME.match(s.strip()):
        c.add(p, f"„{_short(s)}“ ist kein MIME-Typ (RFC 6838, z. B. text/plain)")


def _countries(c: _Checker, items: list[Any] | None, path: str) -> None:
    for i, v in enumerate(items or []):
        p = f"{path}[{i}]"
        s = c.string(v, p, required=True)
        if s is None:
            continue
        if not country_ok(s.strip()):
            c.add(p, f"„{_short(s)}“ ist kein Ländercode nach ISO 3166-1 alpha-2 (z. B. DE)")
        elif s != s.upper():
            c.add(p, f"„{s}“ klein geschrieben ist veraltet; „{s.upper()}“ schreiben",
                  error=False)


def _audience(c: _Checker, value: Any) -> None:
    m = c.mapping(value, "intendedAudience")
    if m is None:
        return
    c.known(m, "intendedAudience", {"scope", "countries", "unsupportedCountries"})
    scope = c.seq(m.get("scope"), "intendedAudience.scope")
    c.each(scope, "intendedAudience.scope", lambda v, p: c.enum(v, p, SCOPES))
    for key in ("countries", "unsupportedCountries"):
        _countries(c, c.seq(m.get(key), f"intendedAudience.{key}"), f"intendedAudience.{key}")


def _description(c: _Checker, value: Any) -> None:
    m = c.mapping(value, "description", required=True)
    if m is None:
        return
    if not m:
        c.add("description", "keine Sprache angegeben (mindestens eine, z. B. „de“)")
        return
    langs = []
    for lang, d in m.items():
        p = f"description.{lang}"
        if not bcp47_ok(str(lang)):
            c.add(p, f"„{_short(lang)}“ ist kein Sprachcode nach BCP 47 (z. B. „de“, „en-GB“)")
        d = c.mapping(d, p)
        if d is None:
            continue
        langs.append((str(lang), d))
        c.known(d, p, DESC_KEYS)
        c.deprecated(d, p, {"genericName": ""})
        c.string(d.get("localisedName"), f"{p}.localisedName")
        c.length(c.string(d.get("genericName"), f"{p}.genericName"), f"{p}.genericName",
                 None, 35)
        c.length(c.string(d.get("shortDescription"), f"{p}.shortDescription", required=True),
                 f"{p}.shortDescription", None, 150)
        c.length(c.string(d.get("longDescription"), f"{p}.longDescription"),
                 f"{p}.longDescription", 150, 10000)
        c.url(d.get("documentation"), f"{p}.documentation")
        c.url(d.get("apiDocumentation"), f"{p}.apiDocumentation")
        feats = c.seq(d.get("features"), f"{p}.features", non_empty=True)
        c.each(feats, f"{p}.features", lambda v, q: c.string(v, q, required=True))
        shots = c.seq(d.get("screenshots"), f"{p}.screenshots")
        c.each(shots, f"{p}.screenshots", lambda v, q: c.string(v, q, required=True))
        videos = c.seq(d.get("videos"), f"{p}.videos")
        c.each(videos, f"{p}.videos", lambda v, q: c.url(v, q, required=True))
        awards = c.seq(d.get("awards"), f"{p}.awards")
        c.each(awards, f"{p}.awards", lambda v, q: c.string(v, q, required=True))
    # mandatory "for at least one language"
    for key in ("longDescription", "features"):
        if langs and not any(d.get(key) for _, d in langs):
            c.add(f"description.{langs[0][0]}.{key}",
                  "fehlt (in mindestens einer Sprache Pflicht)")


def _legal(c: _Checker, value: Any) -> None:
    m = c.mapping(value, "legal", required=True)
    if m is None:
        return
    c.known(m, "legal", {"license", "mainCopyrightOwner", "repoOwner", "authorsFile"})
    c.deprecated(m, "legal", {"repoOwner": "organisation.name", "authorsFile": ""})
    lic = c.string(m.get("license"), "legal.license", required=True)
    if lic is not None and not spdx_ok(lic.strip()):
        c.add("legal.license", f"„{_short(lic)}“ ist kein gültiger SPDX-Lizenzausdruck "
                               "(z. B. EUPL-1.2, AGPL-3.0-or-later, MIT OR Apache-2.0)")
    for key in ("mainCopyrightOwner", "repoOwner", "authorsFile"):
        c.string(m.get(key), f"legal.{key}")


def _maintenance(c: _Checker, value: Any) -> None:
    m = c.mapping(value, "maintenance", required=True)
    if m is None:
        return
    c.known(m, "maintenance", {"type", "contractors", "contacts"})
    c.enum(m.get("type"), "maintenance.type", MAINTENANCE_TYPES, required=True)
    kind = m.get("type")
    if kind == "contract":
        contractors = c.seq(m.get("contractors"), "maintenance.contractors", required=True)
    else:
        contractors = c.seq(m.get("contractors"), "maintenance.contractors")
        if m.get("contractors") is not None and kind in MAINTENANCE_TYPES:
            c.add("maintenance.contractors", f"nur bei maintenance.type „contract“ erlaubt "
                                             f"(hier „{kind}“)")
    for i, item in enumerate(contractors or []):
        p = f"maintenance.contractors[{i}]"
        mm = c.mapping(item, p, required=True)
        if mm is None:
            continue
        c.known(mm, p, {"name", "until", "email", "website"})
        c.string(mm.get("name"), f"{p}.name", required=True)
        c.date(mm.get("until"), f"{p}.until", required=True)
        c.email(mm.get("email"), f"{p}.email")
        c.url(mm.get("website"), f"{p}.website")
    contacts = c.seq(m.get("contacts"), "maintenance.contacts",
                     required=kind in ("internal", "community"))
    for i, item in enumerate(contacts or []):
        p = f"maintenance.contacts[{i}]"
        mm = c.mapping(item, p, required=True)
        if mm is None:
            continue
        c.known(mm, p, {"name", "email", "phone", "affiliation"})
        c.string(mm.get("name"), f"{p}.name", required=True)
        c.email(mm.get("email"), f"{p}.email")
        c.string(mm.get("phone"), f"{p}.phone")
        c.string(mm.get("affiliation"), f"{p}.affiliation")


def _localisation(c: _Checker, value: Any) -> None:
    m = c.mapping(value, "localisation", required=True)
    if m is None:
        return
    c.known(m, "localisation", {"localisationReady", "availableLanguages"})
    c.boolean(m.get("localisationReady"), "localisation.localisationReady", required=True)
    langs = c.seq(m.get("availableLanguages"), "localisation.availableLanguages", required=True)
    for i, v in enumerate(langs or []):
        p = f"localisation.availableLanguages[{i}]"
        s = c.string(v, p, required=True)
        if s is not None and not bcp47_ok(s.strip()):
            c.add(p, f"„{_short(s)}“ ist kein Sprachcode nach BCP 47 (z. B. „de“, „en-GB“)")


def _depends(c: _Checker, value: Any) -> None:
    m = c.mapping(value, "dependsOn")
    if m is None:
        return
    c.known(m, "dependsOn", {"open", "proprietary", "hardware", "software"})
    for kind in ("open", "proprietary", "hardware", "software"):
        items = c.seq(m.get(kind), f"dependsOn.{kind}")
        for i, item in enumerate(items or []):
            p = f"dependsOn.{kind}[{i}]"
            d = c.mapping(item, p, required=True)
            if d is None:
                continue
            c.known(d, p, {"name", "versionMin", "versionMax", "version", "optional", "source",
                           "license", "specifications"})
            c.string(d.get("name"), f"{p}.name", required=True)
            for key in ("versionMin", "versionMax", "version", "source", "license",
                        "specifications"):
                c.string(d.get(key), f"{p}.{key}")
            c.boolean(d.get("optional"), f"{p}.optional")


def _country(c: _Checker, key: str, value: Any) -> None:
    """Country sections: ``it``/``IT`` (the standard's), ``de``/``DE`` (kommunalgraph's)."""
    m = c.mapping(value, key)
    if m is None:
        return
    low = key.lower()
    if key == low and low == "it":
        c.add(key, "kleingeschriebener Ländercode ist veraltet; „IT“ schreiben", error=False)
    if low == "it":
        c.add(key, "der italienische Abschnitt ist veraltet (deprecated)", error=False)
        c.known(m, key, {"countryExtensionVersion", "conforme", "riuso", "piattaforme"})
        v = m.get("countryExtensionVersion")
        if v is not None:
            c.enum(str(v) if isinstance(v, float) else v, f"{key}.countryExtensionVersion",
                   ("0.2", "1.0"))
        conf = c.mapping(m.get("conforme"), f"{key}.conforme")
        if conf is not None:
            names = ("lineeGuidaDesign", "modelloInteroperabilita", "misureMinimeSicurezza",
                     "gdpr")
            c.known(conf, f"{key}.conforme", set(names))
            for n in names:
                c.boolean(conf.get(n), f"{key}.conforme.{n}")
        piatt = c.mapping(m.get("piattaforme"), f"{key}.piattaforme")
        if piatt is not None:
            names = ("spid", "cie", "anpr", "pagopa", "io")
            c.known(piatt, f"{key}.piattaforme", set(names))
            for n in names:
                c.boolean(piatt.get(n), f"{key}.piattaforme.{n}")
        riuso = c.mapping(m.get("riuso"), f"{key}.riuso")
        if riuso is not None:
            c.known(riuso, f"{key}.riuso", {"codiceIPA"})
            ipa = c.string(riuso.get("codiceIPA"), f"{key}.riuso.codiceIPA")
            if ipa is not None and not _IPA.match(ipa):
                c.add(f"{key}.riuso.codiceIPA", f"„{_short(ipa)}“ ist kein iPA-Code "
                                                "(z. B. c_h501)")
        return
    if low == "de":
        c.add(key, "Ländersektion „de“ ist im Standard nicht festgelegt; kommunalgraph liest "
                   "daraus „leika“ (OZG-/LeiKa-Leistungen)", error=False)
        c.known(m, key, {"countryExtensionVersion", "leika"})
        c.string(m.get("countryExtensionVersion"), f"{key}.countryExtensionVersion")
        leika = m.get("leika")
        items = [leika] if isinstance(leika, dict) else c.seq(leika, f"{key}.leika")
        for i, item in enumerate(items or []):
            p = f"{key}.leika[{i}]"
            d = c.mapping(item, p, required=True)
            if d is None:
                continue
            c.known(d, p, {"themenfeld", "lebenslage", "ozg-id", "leika-id", "ozg_id",
                           "leika_id", "ozgId", "leikaId"})
            for k, v in d.items():
                if isinstance(v, (dict, list)):
                    c.add(f"{p}.{k}", f"falscher Typ: erwartet Text, gefunden {_kind(v)}")
        return
    c.add(key, f"Ländersektion „{key}“ ist im Standard nicht festgelegt (nicht geprüft)",
          error=False)
