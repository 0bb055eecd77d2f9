"""The facts about one municipality, as ``show`` and the web page use them."""

from __future__ import annotations

import re
from typing import Any

from ..graph.resolve import Match
from ..graph.store import GraphStore
from .cypher_files import run

__all__ = ["municipality_detail", "municipality_details", "uses_text", "vendor_short",
           "base_component_status", "WELL_POSITIONED", "FACT_IMPORTERS", "PARTS"]

#: the study's measure: a municipality with at least this many of the nine
#: e-government base components is "well positioned" (gut aufgestellt)
WELL_POSITIONED = 3
#: importers whose USES are collected facts (not self-reported profiles)
FACT_IMPORTERS = ["components", "participation"]

#: where a USES fact comes from, by dataset: German "laut …" wording
_BASIS = {
    "ris_oparl_endpoints.csv": "laut OParl-Liste",
    "ris_grossstaedte_2016.csv": "laut Großstadt-Tabelle",
    "open_data_portals.csv": "laut Wikidata-Portalliste",
}
_LEGAL_FORM = re.compile(r"\s+(GmbH & Co\. KG|GmbH|AG|mbH|e\.\s?V\.|AöR)$")
_CERTAINTY_DE = {"derived": "abgeleitet", "uncertain": "unsicher",
                 "announced": "angekündigt"}


def vendor_short(vendor: str | None) -> str | None:
    """The vendor without its legal form.

    >>> vendor_short("CC e-gov GmbH"), vendor_short("STERNBERG Software GmbH"), vendor_short(None)
    ('CC e-gov', 'STERNBERG Software', None)
    """
    return _LEGAL_FORM.sub("", vendor).strip() if vendor else None


def _years(f: dict[str, Any]) -> str | None:
    since, until = f.get("known_since"), f.get("known_until")
    if since and until and since != until:
        return f"bekannt seit {since} bis {until}"
    if since:
        return f"bekannt seit {since}"
    if until:
        return f"bekannt bis {until}"
    return None


def uses_text(f: dict[str, Any]) -> str:
    """One German line for a USES fact, as ``show`` and the page print it.

    >>> uses_text({"name": "Ratsinformationssystem", "product": "ALLRIS",
    ...            "vendor": "CC e-gov GmbH", "dataset": "ris_oparl_endpoints.csv",
    ...            "as_of": "2022-12-06", "via": "direkt"})
    'Ratsinformationssystem: ALLRIS (CC e-gov), laut OParl-Liste 2022'
    >>> uses_text({"name": "Mängelmelder", "platform": "Maerker Brandenburg",
    ...            "product": "Maerker", "known_since": "2015", "certainty": "derived",
    ...            "as_of": "2015-01", "via": "direkt"})
    'Mängelmelder: Maerker Brandenburg, bekannt seit 2015 (abgeleitet), Quelle 2015'
    >>> uses_text({"name": "Ratsinformationssystem", "product": "SessionNet",
    ...            "historical": True, "dataset": "ris_grossstaedte_2016.csv",
    ...            "as_of": "2016-10-16", "via": "direkt"})
    'Ratsinformationssystem: SessionNet, laut Großstadt-Tabelle 2016 (Stand damals)'
    """
    what = f.get("platform") or f.get("product")
    parts = [f"{f['name']}: {what or 'Produkt nicht erfasst'}"]
    vendor = vendor_short(f.get("vendor"))
    if vendor and what and vendor not in what:
        parts[0] += f" ({vendor})"
    if f.get("platform") and f.get("product") and f["product"] not in (
            f["platform"], "Maerker", "Klarschiff"):
        parts[0] += f" mit {f['product']}"
    years = _years(f)
    if years:
        parts.append(years + (f" ({_CERTAINTY_DE[f['certainty']]})"
                              if f.get("certainty") in _CERTAINTY_DE else ""))
    elif f.get("certainty") in _CERTAINTY_DE:
        parts.append(_CERTAINTY_DE[f["certainty"]])
    year = (f.get("as_of") or "")[:4]
    # a user's file is named "kind:/path/file.csv": compare the file name
    dataset = (f.get("dataset") or "").replace("\\", "/").rsplit("/", 1)[-1]
    basis = _BASIS.get(dataset)
    if basis:
        parts.append(f"{basis} {year}".strip())
    elif year:
        parts.append(f"Quelle {year}")
    text = ", ".join(parts)
    if f.get("historical"):
        text += " (Stand damals)"
    if f.get("via") and f["via"] != "direkt":
        text += f" – über {f.get('via_name') or 'den Gemeindeverband'}"
    return text


def base_component_status(known: list[str]) -> str:
    """The study's measure in German: never "keine", only what the data says.

    >>> base_component_status([]), base_component_status(["eID"])
    ('nicht erfasst', '1 von 9 erfasst')
    >>> base_component_status(["eID", "De-Mail", "Chatbot"])
    'gut aufgestellt (3 von 9)'
    """
    n = len(known)
    if n == 0:
        return "nicht erfasst"
    if n >= WELL_POSITIONED:
        return f"gut aufgestellt ({n} von 9)"
    return f"{n} von 9 erfasst"


#: the named queries that make up a detail, by part: one municipality's (``$ags``), and
#: all municipalities' at once (each row names its own in ``of``)
PARTS = {
    "neighbours": ("municipality_neighbours", "municipalities_neighbours"),
    "projects": ("municipality_projects", "municipalities_projects"),
    "it_providers": ("municipality_it_providers", "municipalities_it_providers"),
    "uses": ("municipality_uses", "municipalities_uses"),
    "platforms": ("municipality_platforms", "municipalities_platforms"),
    "profile": ("municipality_profile", "municipalities_profile"),
}


def municipality_detail(store: GraphStore, match: Match) -> dict[str, Any]:
    """Return the stable ``show --json`` shape for a resolved municipality.

    Keys: ``ags``, ``ars``, ``name``, ``official_name``, ``population``,
    ``area_km2``, ``lat``, ``lon``, ``postcode``, ``legal_type``,
    ``urbanisation``, ``district`` {key, name}, ``state`` {key, name},
    ``association`` {key, name} or None, ``neighbours`` [{ags, name}],
    ``projects`` [{id, name, kind, role, status, source, as_of}],
    ``it_providers`` [{id, name, certainty, via, in_house}], ``type``,
    ``roles``, ``components`` and ``participation_tools`` (self-reported
    names), ``digital_infrastructure`` and ``participation`` (collected USES
    facts: the query row plus ``text``, one German line),
    ``base_components`` {known, count, status}, ``platforms`` [{id, name,
    component, url, users}], ``provenance``.
    """
    ags = match.key
    rows = run(store, "municipality_detail", ags=ags)
    if not rows:
        from ..graph.errors import UnknownMunicipality

        raise UnknownMunicipality(ags)
    parts = {part: run(store, one, ags=ags,
                       **({"fact_importers": FACT_IMPORTERS} if part == "profile" else {}))
             for part, (one, _) in PARTS.items()}
    return _assemble(rows[0], parts)


def municipality_details(store: GraphStore) -> dict[str, dict[str, Any]]:
    """:func:`municipality_detail` of every municipality, by AGS, in seven queries.

    The same answers as one :func:`municipality_detail` per municipality (a test
    compares them), about a hundred times faster for all of them: for the
    viewer, which prepares its pages once per state of the store.
    """
    by_part: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for part, (_, every) in PARTS.items():
        grouped: dict[str, list[dict[str, Any]]] = {}
        params = {"fact_importers": FACT_IMPORTERS} if part == "profile" else {}
        for r in run(store, every, **params):
            grouped.setdefault(r.pop("of"), []).append(r)
        by_part[part] = grouped
    out = {}
    for m in run(store, "municipalities_detail"):
        ags = m.pop("of")
        out[ags] = _assemble(m, {part: by_part[part].get(ags, []) for part in PARTS})
    return out


def _assemble(m: dict[str, Any], parts: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The detail of one municipality from its row and the rows of its :data:`PARTS`."""
    out: dict[str, Any] = {
        "ags": m["ags"],
        "ars": m["ars"],
        "name": m["name"],
        "official_name": m["official_name"],
        "population": m["population"],
        "area_km2": m["area_km2"],
        "lat": m["lat"],
        "lon": m["lon"],
        "postcode": m["postcode"],
        "legal_type": m["legal_type"],
        "urbanisation": m["urbanisation"],
        "district": {"key": m["district_key"], "name": m["district_name"]},
        "state": {"key": m["state_key"], "name": m["state_name"]},
        "association": (
            {"key": m["association_key"], "name": m["association_name"]}
            if m.get("association_key") else None
        ),
        "provenance": {"source": m["source"], "as_of": m["as_of"],
                       "geo_source": m["geo_source"], "geo_as_of": m["geo_as_of"]},
    }
    out["neighbours"] = [
        {"ags": r["ags"], "name": r["name"], "contact": r["contact"] or "line"}
        for r in parts["neighbours"]
    ]
    out["projects"] = parts["projects"]
    # in-house first, then direct, then through the Kreis / Gemeindeverband
    out["it_providers"] = sorted(parts["it_providers"], key=lambda r: (
        not r.get("in_house"), _VIA_ORDER.get(r["via"], 3), r["name"], r["id"]))
    uses = parts["uses"]
    facts = [f for f in uses if f["importer"] in FACT_IMPORTERS]
    facts.sort(key=_fact_order)
    for f in facts:
        f["text"] = uses_text(f)
    out["digital_infrastructure"] = [f for f in facts if f["kind"] != "participation-tool"]
    out["participation"] = [f for f in facts if f["kind"] == "participation-tool"]
    out["platforms"] = sorted(parts["platforms"], key=lambda r: (r["name"], r["id"]))
    profile = parts["profile"]
    out["type"] = min((r["name"] for r in profile if r["kind"] == "type"), default=None)
    out["roles"] = sorted(r["name"] for r in profile if r["kind"] == "role")
    out["components"] = sorted(r["name"] for r in profile if r["kind"] == "component")
    out["participation_tools"] = sorted(r["name"] for r in profile if r["kind"] == "tool")
    known = sorted({f["name"] for f in uses
                    if f["kind"] == "base-component" and f["via"] == "direkt"})
    out["base_components"] = {"known": known, "count": len(known),
                              "status": base_component_status(known)}
    return out


_VIA_ORDER = {"direkt": 0, "über den Kreis": 1, "über den Gemeindeverband": 2}


def _fact_order(f: dict[str, Any]) -> tuple[Any, ...]:
    """USES facts: current first, by name, direct first, oldest source first; then
    every other field, so that the order never depends on the store's row order."""
    return (bool(f["historical"]), f["name"], f["via"] != "direkt", f.get("as_of") or "",
            *(str(f.get(k) or "") for k in ("id", "product", "platform", "vendor", "url",
                                              "dataset", "known_since", "known_until")))
