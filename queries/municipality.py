"""The facts about one municipality, as ``show`` and the web page use them."""

from __future__ import annotations

from typing import Any

from ..graph.resolve import Match
from ..graph.store import GraphStore
from .cypher_files import run

__all__ = ["municipality_detail"]


def municipality_detail(store: GraphStore, match: Match) -> dict[str, Any]:
    """Return the stable ``show --json`` shape for a resolved municipality.

    Keys: ``ags``, ``ars``, ``name``, ``official_name``, ``population``,
    ``area_km2``, ``lat``, ``lon``, ``postcode``, ``legal_type``,
    ``urbanisation``, ``district`` {key, name}, ``state`` {key, name},
    ``association`` {key, name} or None, ``neighbours`` [{ags, name}],
    ``projects`` [{id, name, kind, role, status, source, as_of}],
    ``it_providers`` [{id, name, certainty}], ``type``, ``roles``,
    ``components``, ``provenance``.
    """
    ags = match.key
    rows = run(store, "municipality_detail", ags=ags)
    if not rows:
        from ..graph.errors import UnknownMunicipality

        raise UnknownMunicipality(ags)
    m = rows[0]
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
        for r in run(store, "municipality_neighbours", ags=ags)
    ]
    out["projects"] = run(store, "municipality_projects", ags=ags)
    out["it_providers"] = run(store, "municipality_it_providers", ags=ags)
    profile = run(store, "municipality_profile", ags=ags)
    out["type"] = next((r["name"] for r in profile if r["kind"] == "type"), None)
    out["roles"] = sorted(r["name"] for r in profile if r["kind"] == "role")
    out["components"] = sorted(r["name"] for r in profile if r["kind"] == "component")
    out["participation_tools"] = sorted(r["name"] for r in profile if r["kind"] == "tool")
    return out
