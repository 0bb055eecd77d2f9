"""Tiny hand-built stores for the partner-finder tests (suggest, candidates, evaluate).

The world (all facts invented, numbers chosen so that answers can be worked out
by hand):

* Land 05 (NRW) with Kreise 05954 (Ennepe-Ruhr-Kreis), 05913 (Dortmund) and
  05958 (Hochsauerlandkreis).
* Municipalities: Witten 05954036 (96.000), Hattingen 05954012 (54.000),
  Sprockhövel 05954032 (25.000), Dortmund 05913000 (590.000),
  Meschede 05958044 (30.000), Brilon 05958012 (25.500).
* Borders: Witten–Hattingen, Witten–Sprockhövel (a corner only, ``contact="point"``),
  Hattingen–Sprockhövel, Witten–Dortmund, Meschede–Brilon.
* Projects: ``eakte`` (kind e-akte): Witten (lead, 2018), Hattingen;
  ``app`` (kind city-app, programme ``msc``): Dortmund, Meschede;
  ``sc`` (kind smart-city, programme ``msc``): Witten, Dortmund;
  ``kreisnetz`` (kind smart-city): Kreis 05958 (Hochsauerlandkreis).
  ``eakte`` implements OZG service ``OZG1`` (Themenfeld ``TF1``).
* IT provider ``swit`` (Südwestfalen-IT) serves Kreis 05958 and Witten (named);
  Sprockhövel through a DERIVED row.
* Types: Witten and Brilon are ``optimierer``, Meschede is ``bedaechtige``.
"""

from __future__ import annotations

from typing import Any

WITTEN, HATTINGEN, SPROCKHOEVEL = "05954036", "05954012", "05954032"
DORTMUND, MESCHEDE, BRILON = "05913000", "05958044", "05958012"

MUNICIPALITIES: list[dict[str, Any]] = [
    {"ags": WITTEN, "name": "Witten", "official_name": "Witten, Stadt", "population": 96000,
     "lat": 51.4436, "lon": 7.3526, "urbanisation": "städtisch", "urbanisation_code": "1"},
    {"ags": HATTINGEN, "name": "Hattingen", "official_name": "Hattingen, Stadt",
     "population": 54000, "lat": 51.3996, "lon": 7.1858, "urbanisation": "halbstädtisch",
     "urbanisation_code": "2"},
    {"ags": SPROCKHOEVEL, "name": "Sprockhövel", "official_name": "Sprockhövel, Stadt",
     "population": 25000, "lat": 51.3667, "lon": 7.25, "urbanisation": "halbstädtisch",
     "urbanisation_code": "2"},
    {"ags": DORTMUND, "name": "Dortmund", "official_name": "Dortmund, Stadt",
     "population": 590000, "lat": 51.5139, "lon": 7.4653, "urbanisation": "städtisch",
     "urbanisation_code": "1"},
    {"ags": MESCHEDE, "name": "Meschede", "official_name": "Meschede, Kreis- und Hochschulstadt",
     "population": 30000, "lat": 51.35, "lon": 8.2833, "urbanisation": "ländlich",
     "urbanisation_code": "3"},
    {"ags": BRILON, "name": "Brilon", "official_name": "Brilon, Stadt", "population": 25500,
     "lat": 51.3956, "lon": 8.5678, "urbanisation": "ländlich", "urbanisation_code": "3"},
]


def build_world(store: Any) -> None:
    """Write the tiny world into an empty store."""
    rel = store.create_relationships
    with store.transaction():
        store.upsert_nodes("State", [{"key": "05", "name": "Nordrhein-Westfalen"}])
        store.upsert_nodes("District", [
            {"key": "05954", "name": "Ennepe-Ruhr-Kreis", "kind": "Kreis"},
            {"key": "05913", "name": "Dortmund, Stadt", "kind": "Kreisfreie Stadt"},
            {"key": "05958", "name": "Hochsauerlandkreis", "kind": "Kreis"},
        ])
        rel("IN_STATE", "District", "State",
            [{"from": k, "to": "05"} for k in ("05954", "05913", "05958")])
        store.upsert_nodes("Municipality", MUNICIPALITIES)
        rel("IN_DISTRICT", "Municipality", "District",
            [{"from": m["ags"], "to": m["ags"][:5]} for m in MUNICIPALITIES])
        rel("NEIGHBOUR_OF", "Municipality", "Municipality", [
            {"from": WITTEN, "to": HATTINGEN},
            {"from": WITTEN, "to": SPROCKHOEVEL, "contact": "point"},
            {"from": HATTINGEN, "to": SPROCKHOEVEL}, {"from": DORTMUND, "to": WITTEN},
            {"from": BRILON, "to": MESCHEDE},
        ])
        store.upsert_nodes("Programme", [{"id": "msc", "name": "Modellprojekte Smart Cities"}])
        store.upsert_nodes("Project", [
            {"id": "eakte", "name": "E-Akte EN", "kind": "e-akte", "start_date": "2018"},
            {"id": "app", "name": "Stadt-App", "kind": "city-app"},
            {"id": "sc", "name": "Smart City Ruhr", "kind": "smart-city"},
            {"id": "kreisnetz", "name": "Kreisnetz HSK", "kind": "smart-city"},
        ])
        rel("PART_OF", "Project", "Programme",
            [{"from": "app", "to": "msc"}, {"from": "sc", "to": "msc"}])
        rel("PARTICIPATES_IN", "Municipality", "Project", [
            {"from": WITTEN, "to": "eakte", "role": "lead", "as_of": "2018"},
            {"from": HATTINGEN, "to": "eakte", "role": "member", "as_of": "2019"},
            {"from": DORTMUND, "to": "app", "role": "lead"},
            {"from": MESCHEDE, "to": "app", "role": "member"},
            {"from": WITTEN, "to": "sc", "role": "member"},
            {"from": DORTMUND, "to": "sc", "role": "lead"},
        ])
        rel("PARTICIPATES_IN", "District", "Project", [{"from": "05958", "to": "kreisnetz"}])
        store.upsert_nodes("ServiceArea", [{"id": "TF1", "name": "Querschnitt"}])
        store.upsert_nodes("OZGService", [{"ozg_id": "OZG1", "name": "Akteneinsicht"}])
        rel("IN_SERVICE_AREA", "OZGService", "ServiceArea", [{"from": "OZG1", "to": "TF1"}])
        rel("IMPLEMENTS", "Project", "OZGService", [{"from": "eakte", "to": "OZG1"}])
        store.upsert_nodes("Organisation", [
            {"id": "swit", "name": "Südwestfalen-IT", "kind": "it provider"}])
        rel("SERVED_BY", "District", "Organisation", [{"from": "05958", "to": "swit"}])
        rel("SERVED_BY", "Municipality", "Organisation", [
            {"from": WITTEN, "to": "swit"},
            {"from": SPROCKHOEVEL, "to": "swit", "certainty": "derived"},
        ])
        store.upsert_nodes("MunicipalityType", [
            {"id": "optimierer", "name": "Optimierer"},
            {"id": "bedaechtige", "name": "Bedächtige"},
        ])
        rel("HAS_TYPE", "Municipality", "MunicipalityType", [
            {"from": WITTEN, "to": "optimierer"}, {"from": BRILON, "to": "optimierer"},
            {"from": MESCHEDE, "to": "bedaechtige"},
        ])
