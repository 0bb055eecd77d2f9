"""A tiny hand-built FIXTURE world for the exploration tests (ecosystem,
underconnected, centrality, communities, typecheck, export).

All facts are invented for the tests; names and keys look real so that name
resolution behaves as on real data. The personal contact data on Witten's
CDO role (``FIXTURE_CONTACT``) is a fixture, not a real person.

* Länder 05 (NRW) and 06 (Hessen).
* Kreise: 05954 Ennepe-Ruhr-Kreis, 05913 Dortmund (kreisfrei), 05958
  Hochsauerlandkreis, 05515 Münster (kreisfrei), 06440 Wetteraukreis,
  06432 Darmstadt-Dieburg.
* Municipalities (population): Witten 96.000, Hattingen 54.000,
  Sprockhövel 25.000, Breckerfeld 9.000 (05954); Dortmund 590.000;
  Meschede 30.000, Brilon 25.500, Olsberg 14.500, Winterberg 12.500 (05958);
  Münster 315.000 (05515); Nidda 17.000 (06440); Münster (Hessen) 14.000
  (06432).
* Borders: Witten–Hattingen, Witten–Sprockhövel, Hattingen–Sprockhövel,
  Witten–Dortmund, Sprockhövel–Breckerfeld, Meschede–Olsberg,
  Olsberg–Brilon, Olsberg–Winterberg.
* Projects: ``eakte`` (e-akte): Witten (lead), Hattingen, Sprockhövel;
  ``sc`` (smart city, programme ``msc``): Witten, Dortmund;
  ``app`` (city app, programme ``msc``): Meschede, Brilon;
  ``kreisnetz`` (smart city): Kreis 05958 and organisation ``swit``.
* IT provider ``swit`` serves Witten and Kreis 05958.
* Profile: Witten has type ``optimierer`` and role ``cdo`` (with fixture
  contact data and consent); Brilon has type ``optimierer``; Meschede
  ``bedaechtige``.

Cooperation network (shared projects): Witten–Hattingen, Witten–Sprockhövel,
Hattingen–Sprockhövel (eakte), Witten–Dortmund (sc), Meschede–Brilon (app).
"""

from __future__ import annotations

from typing import Any

WITTEN, HATTINGEN, SPROCKHOEVEL, BRECKERFELD = "05954036", "05954012", "05954032", "05954004"
DORTMUND = "05913000"
MESCHEDE, BRILON, OLSBERG, WINTERBERG = "05958044", "05958012", "05958040", "05958048"
MUENSTER, NIDDA, MUENSTER_HE = "05515000", "06440018", "06432015"

FIXTURE_CONTACT = {"title": "CDO (Fixture)", "contact_name": "Erika Fixture",
                   "contact_email": "erika.fixture@example.invalid", "consent": True}


def _m(ags: str, name: str, official: str, pop: int, lat: float, lon: float) -> dict[str, Any]:
    return {"ags": ags, "name": name, "official_name": official, "population": pop,
            "lat": lat, "lon": lon, "ars": ags[:5] + "0000" + ags[5:]}


MUNICIPALITIES = [
    _m(WITTEN, "Witten", "Witten, Stadt", 96000, 51.4436, 7.3526),
    _m(HATTINGEN, "Hattingen", "Hattingen, Stadt", 54000, 51.3996, 7.1858),
    _m(SPROCKHOEVEL, "Sprockhövel", "Sprockhövel, Stadt", 25000, 51.3667, 7.25),
    _m(BRECKERFELD, "Breckerfeld", "Breckerfeld, Stadt", 9000, 51.2594, 7.4681),
    _m(DORTMUND, "Dortmund", "Dortmund, Stadt", 590000, 51.5139, 7.4653),
    _m(MESCHEDE, "Meschede", "Meschede, Kreis- und Hochschulstadt", 30000, 51.35, 8.2833),
    _m(BRILON, "Brilon", "Brilon, Stadt", 25500, 51.3956, 8.5678),
    _m(OLSBERG, "Olsberg", "Olsberg, Stadt", 14500, 51.3564, 8.4878),
    _m(WINTERBERG, "Winterberg", "Winterberg, Stadt", 12500, 51.1942, 8.5336),
    _m(MUENSTER, "Münster", "Münster, Stadt", 315000, 51.9625, 7.6256),
    _m(NIDDA, "Nidda", "Nidda, Stadt", 17000, 50.4128, 9.0092),
    _m(MUENSTER_HE, "Münster", "Münster", 14000, 49.9236, 8.8656),
]


def build_world(store: Any) -> None:
    """Write the fixture world into an empty store."""
    rel = store.create_relationships
    with store.transaction():
        store.upsert_nodes("State", [{"key": "05", "name": "Nordrhein-Westfalen"},
                                     {"key": "06", "name": "Hessen"}])
        districts = [
            {"key": "05954", "name": "Ennepe-Ruhr-Kreis", "kind": "Kreis"},
            {"key": "05913", "name": "Dortmund, Stadt", "kind": "Kreisfreie Stadt"},
            {"key": "05958", "name": "Hochsauerlandkreis", "kind": "Kreis"},
            {"key": "05515", "name": "Münster, Stadt", "kind": "Kreisfreie Stadt"},
            {"key": "06440", "name": "Wetteraukreis", "kind": "Landkreis"},
            {"key": "06432", "name": "Darmstadt-Dieburg", "kind": "Landkreis"},
        ]
        store.upsert_nodes("District", districts)
        rel("IN_STATE", "District", "State",
            [{"from": d["key"], "to": d["key"][:2]} for d in districts])
        store.upsert_nodes("Municipality", MUNICIPALITIES)
        rel("IN_DISTRICT", "Municipality", "District",
            [{"from": m["ags"], "to": m["ags"][:5]} for m in MUNICIPALITIES])
        rel("NEIGHBOUR_OF", "Municipality", "Municipality", [
            {"from": a, "to": b} for a, b in [
                (WITTEN, HATTINGEN), (WITTEN, SPROCKHOEVEL), (HATTINGEN, SPROCKHOEVEL),
                (DORTMUND, WITTEN), (SPROCKHOEVEL, BRECKERFELD), (MESCHEDE, OLSBERG),
                (OLSBERG, BRILON), (OLSBERG, WINTERBERG)]])
        store.upsert_nodes("Programme", [{"id": "msc", "name": "Modellprojekte Smart Cities",
                                          "funder": "Bund"}])
        store.upsert_nodes("Project", [
            {"id": "eakte", "name": "E-Akte EN", "kind": "e-akte", "status": "active"},
            {"id": "sc", "name": "Smart City Ruhr", "kind": "smart city"},
            {"id": "app", "name": "Stadt-App Sauerland", "kind": "city app"},
            {"id": "kreisnetz", "name": "Kreisnetz HSK", "kind": "smart city"},
        ])
        rel("PART_OF", "Project", "Programme",
            [{"from": "app", "to": "msc"}, {"from": "sc", "to": "msc"}])
        rel("PARTICIPATES_IN", "Municipality", "Project", [
            {"from": WITTEN, "to": "eakte", "role": "lead"},
            {"from": HATTINGEN, "to": "eakte", "role": "member"},
            {"from": SPROCKHOEVEL, "to": "eakte", "role": "member"},
            {"from": WITTEN, "to": "sc", "role": "member"},
            {"from": DORTMUND, "to": "sc", "role": "lead"},
            {"from": MESCHEDE, "to": "app", "role": "lead"},
            {"from": BRILON, "to": "app", "role": "member"},
        ])
        rel("PARTICIPATES_IN", "District", "Project", [{"from": "05958", "to": "kreisnetz"}])
        store.upsert_nodes("Organisation", [{"id": "swit", "name": "Südwestfalen-IT",
                                             "kind": "it provider"}])
        rel("PARTICIPATES_IN", "Organisation", "Project", [{"from": "swit", "to": "kreisnetz"}])
        rel("SERVED_BY", "Municipality", "Organisation", [{"from": WITTEN, "to": "swit"}])
        rel("SERVED_BY", "District", "Organisation", [{"from": "05958", "to": "swit"}])
        store.upsert_nodes("MunicipalityType", [
            {"id": "bedaechtige", "name": "Bedächtige"}, {"id": "optimierer", "name": "Optimierer"},
            {"id": "serviceorientierte", "name": "Serviceorientierte"},
            {"id": "community-manager", "name": "Community Manager"}])
        rel("HAS_TYPE", "Municipality", "MunicipalityType", [
            {"from": WITTEN, "to": "optimierer", "answered_at": "2026-01-15"},
            {"from": BRILON, "to": "optimierer", "answered_at": "2026-02-01"},
            {"from": MESCHEDE, "to": "bedaechtige", "answered_at": "2026-02-02"}])
        store.upsert_nodes("Role", [{"id": "cdo", "name": "Chief Digital Officer (CDO)"}])
        rel("HAS_ROLE", "Municipality", "Role", [{"from": WITTEN, "to": "cdo", **FIXTURE_CONTACT}])
