"""A tiny hand-built store for the web tests (imported by tests/test_web_*.py).

It holds a few real-looking municipalities of the Ennepe-Ruhr-Kreis, an
ambiguous name ("Neustadt" twice) and, as a FIXTURE ONLY, a municipality and a
project literally named ``<img src=x onerror=alert(1)>`` to prove that every
page renders names from data as text.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import Flask

from kommunalgraph.graph.ladybug_store import LadybugStore
from kommunalgraph.web import create_app

#: Fixture only: a name from data that would run script if rendered as HTML.
XSS = "<img src=x onerror=alert(1)>"
XSS_AGS = "05954099"
XSS_PROJECT = "xss-fixture"

PROV = {"source": "https://example.org/fixture", "as_of": "2025", "importer": "fixture",
        "dataset": "web-fixture"}


def _m(ags: str, name: str, pop: int, lat: float, lon: float, **kw: object) -> dict:
    return {"ags": ags, "ars": ags[:5] + "0000" + ags[5:], "name": name,
            "official_name": kw.pop("official_name", f"{name}, Stadt"), "population": pop,
            "area_km2": 50.5, "lat": lat, "lon": lon, "legal_type": "Stadt",
            "urbanisation": "mittlere Besiedlungsdichte", "postcode": "58452", **kw, **PROV}


def _square(x: float, y: float, size: float = 4000.0) -> str:
    x, y = 3_390_000 + x, 5_700_000 + y
    corners = ((x, y), (x, y + size), (x + size, y + size), (x + size, y))
    return "M" + " ".join(f"{a:.0f},{b:.0f}" for a, b in corners) + "Z"


def build_tiny_store(path: Path) -> Path:
    """Write the tiny store at ``path`` and return ``path``."""
    s = LadybugStore(path)
    try:
        with s.transaction():
            s.upsert_nodes("State", [{"key": "05", "name": "Nordrhein-Westfalen", **PROV},
                                     {"key": "09", "name": "Bayern", **PROV}])
            s.upsert_nodes("District", [
                {"key": "05954", "name": "Ennepe-Ruhr-Kreis", "kind": "Kreis", **PROV},
                {"key": "05913", "name": "Dortmund, Stadt", "kind": "Kreisfreie Stadt", **PROV},
                {"key": "09162", "name": "München, Landeshauptstadt", "kind": "Kreisfreie Stadt",
                 **PROV},
            ])
            s.create_relationships("IN_STATE", "District", "State", [
                {"from": "05954", "to": "05", **PROV}, {"from": "05913", "to": "05", **PROV},
                {"from": "09162", "to": "09", **PROV}])
            munis = [
                _m("05954036", "Witten", 95000, 51.4436, 7.3349),
                _m("05954016", "Herdecke", 22500, 51.3999, 7.4346),
                _m("05954032", "Wetter (Ruhr)", 27500, 51.3881, 7.3950),
                _m("05954004", "Breckerfeld", 8900, 51.2599, 7.4683),
                _m(XSS_AGS, XSS, 4321, 51.30, 7.30, official_name=XSS),
                _m("05954100", "Neustadt", 12000, 51.35, 7.25),
                _m("05913000", "Dortmund", 595000, 51.5136, 7.4653),
                _m("09162000", "München", 1500000, 48.137, 11.575,
                   official_name="München, Landeshauptstadt"),
                _m("09162100", "Neustadt", 3000, 48.2, 11.6),
            ]
            s.upsert_nodes("Municipality", munis)
            # map outlines (fixture squares in metres, as the boundaries importer stores them)
            s.set_node_properties("Municipality", [
                {"ags": a, "outline": _square(x, y), "outline_x": x + 2000.0,
                 "outline_y": y + 2000.0}
                for a, x, y in (("05954036", 0, 0), ("05954016", 4000, 0),
                                ("05954032", 4000, -4000), ("05954004", 8000, -8000),
                                (XSS_AGS, -4000, -4000), ("05954100", -4000, 0),
                                ("05913000", 4000, 4000))])
            s.set_node_properties("District", [
                {"key": "05954", "outline": _square(-4000, -8000, 16000)}])
            s.create_relationships("IN_DISTRICT", "Municipality", "District", [
                {"from": m["ags"], "to": m["ags"][:5], **PROV} for m in munis])
            s.create_relationships("NEIGHBOUR_OF", "Municipality", "Municipality", [
                {"from": a, "to": b, "contact": "point" if b == "05913000" else "line", **PROV}
                for a, b in (
                    ("05954036", "05954016"), ("05954036", "05954032"),
                    ("05954036", "05913000"), ("05954016", "05954032"),
                    ("05954004", "05954032"), (XSS_AGS, "05954036"))])
            s.upsert_nodes("Programme", [{"id": "mpsc", "name": "Modellprojekte Smart Cities",
                                          "funder": "BMWSB", **PROV}])
            s.upsert_nodes("Project", [
                {"id": "open-smartcity-app", "name": "Open SmartCity App", "kind": "city app",
                 "status": "active", "open_source": True, "licence": "EUPL-1.2",
                 "description": "Eine offene Stadt-App.", **PROV},
                {"id": "e-akte-ruhr", "name": "E-Akte Ruhr", "kind": "e-akte",
                 "status": "active", "open_source": False, **PROV},
                {"id": XSS_PROJECT, "name": XSS, "kind": "software", "status": "planned",
                 "open_source": True, "description": XSS, **PROV},
            ])
            s.create_relationships("PART_OF", "Project", "Programme", [
                {"from": "open-smartcity-app", "to": "mpsc", **PROV}])
            s.create_relationships("PARTICIPATES_IN", "Municipality", "Project", [
                {"from": a, "to": p, "role": role, "status": "active", **PROV} for a, p, role in (
                    ("05954036", "open-smartcity-app", "Mitglied"),
                    ("05954016", "open-smartcity-app", "Mitglied"),
                    ("05913000", "open-smartcity-app", "Koordination"),
                    ("05954036", "e-akte-ruhr", "Mitglied"),
                    ("05913000", "e-akte-ruhr", "Mitglied"),
                    (XSS_AGS, XSS_PROJECT, XSS),
                    ("05954032", XSS_PROJECT, "Mitglied"),
                    ("09162000", "open-smartcity-app", "Mitglied"),
                )])
            s.upsert_nodes("Organisation", [
                {"id": "svwsw", "name": "Südwestfalen-IT", "kind": "it provider", **PROV},
                {"id": "xss-org", "name": XSS, "kind": "company", **PROV}])
            s.create_relationships("SERVED_BY", "Municipality", "Organisation", [
                {"from": a, "to": "svwsw", "certainty": "sicher", **PROV}
                for a in ("05954036", "05954016", "05954032", XSS_AGS)])
            s.create_relationships("PARTICIPATES_IN", "Organisation", "Project", [
                {"from": "xss-org", "to": XSS_PROJECT, "role": "Anbieter", **PROV}])
            s.upsert_nodes("MunicipalityType", [
                {"id": t, "name": n, **PROV} for t, n in (
                    ("bedaechtige", "Bedächtige"), ("optimierer", "Optimierer"),
                    ("serviceorientierte", "Serviceorientierte"),
                    ("community-manager", "Community Manager"))])
            s.upsert_nodes("ServiceArea", [{"id": "tf-1", "name": "Familie & Kind", **PROV}])
            s.upsert_nodes("OZGService", [{"ozg_id": "10001", "name": "Elterngeld", **PROV}])
            s.create_relationships("IN_SERVICE_AREA", "OZGService", "ServiceArea", [
                {"from": "10001", "to": "tf-1", **PROV}])
            s.create_relationships("IMPLEMENTS", "Project", "OZGService", [
                {"from": "open-smartcity-app", "to": "10001", **PROV}])
    finally:
        s.close()
    return path


@contextmanager
def viewer(store: Path, maps: Path) -> Iterator[Flask]:
    """The real viewer app on ``store`` (test mode), its store closed afterwards."""
    app = create_app({"STORE": str(store), "TESTING": True, "MAP_CACHE": str(maps)})
    try:
        yield app
    finally:
        app.extensions["kommunalgraph"].close()
