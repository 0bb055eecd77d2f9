"""The code lists of the data: project kinds, roles, statuses, certainties, levels.

One table per list, each code with its German label(s). The importers check
values against these tables, the partner finder's reasons and the web pages
take their German words from them, so a code that is accepted on import is
also shown in German everywhere. Which kinds are related (Stadt-App and
Dorf-App) is the partner finder's knowledge: ``queries/partner/kinds.py``.

>>> KINDS["city-app"].label, KINDS["e-akte"].with_article
('Stadt-App', 'eine E-Akte')
>>> ROLES["lead"]
'Federführung'
>>> LEVELS["kreis"].label
'District'
"""

from __future__ import annotations

from dataclasses import dataclass

from .schema import ASSOCIATION, DISTRICT, MUNICIPALITY, ORGANISATION

__all__ = ["Kind", "KINDS", "ROLES", "STATUSES", "CERTAINTIES", "Level", "LEVELS", "label_de"]


@dataclass(frozen=True)
class Kind:
    """A project kind: its short German label (lists, filters), the noun for
    reason texts, and that noun with its indefinite article."""

    label: str
    noun: str
    with_article: str


#: project kinds (``Project.kind``)
KINDS: dict[str, Kind] = {
    "smart-city": Kind("Smart City", "Smart-City-Projekt", "ein Smart-City-Projekt"),
    "digital-region": Kind("Digitale Region", "Digitale Modellregion",
                           "eine Digitale Modellregion"),
    "city-app": Kind("Stadt-App", "Stadt-App", "eine Stadt-App"),
    "village-app": Kind("Dorf-App", "Dorf-App", "eine Dorf-App"),
    "e-akte": Kind("E-Akte", "E-Akte", "eine E-Akte"),
    "ozg-service": Kind("OZG-Leistung", "OZG-Leistung", "eine OZG-Leistung"),
    "software": Kind("Software", "gemeinsame Software", "eine gemeinsame Software"),
    "cooperation": Kind("Kooperation", "interkommunale Kooperation",
                        "eine interkommunale Kooperation"),
    "state-funding": Kind("Landesförderung", "Landesförderprojekt", "ein Landesförderprojekt"),
    "federal-funding": Kind("Bundesförderung", "Bundesförderprojekt", "ein Bundesförderprojekt"),
    "portal": Kind("Portal", "Portal", "ein Portal"),
    "network": Kind("Netzwerk", "Netzwerk", "ein Netzwerk"),
    "other": Kind("Sonstiges", "Projekt", "ein Projekt"),
}

#: roles of a member in a project (``PARTICIPATES_IN.role``)
ROLES: dict[str, str] = {
    "lead": "Federführung",
    "partner": "Partner",
    "adopter": "Nachnutzer",
    "founder": "Gründungsmitglied",
    "operator": "Betreiber",
    "winner": "Preisträger",
    "member": "Mitglied",
    "user": "Nutzer",
    "co-developer": "Mitentwickler",
    "it-provider": "IT-Dienstleister",
    "funder": "Fördermittelgeber",
    "coordinator": "Koordination",
}

#: project and membership statuses ("" = not stated)
STATUSES: dict[str, str] = {
    "active": "aktiv",
    "completed": "abgeschlossen",
    "planned": "geplant",
    "uncertain": "unsicher",
}

#: how certain a fact is ("" = not stated, taken as named)
CERTAINTIES: dict[str, str] = {
    "named": "belegt",
    "derived": "abgeleitet",
    "announced": "angekündigt",
    "uncertain": "unsicher",
}


@dataclass(frozen=True)
class Level:
    """A member level of the import format: the node label it stands for."""

    label: str
    german: str
    key_length: int | None


#: ``member_level`` of the project format → node label
LEVELS: dict[str, Level] = {
    "gemeinde": Level(MUNICIPALITY, "Gemeinde", 8),
    "kreis": Level(DISTRICT, "Kreis", 5),
    "verband": Level(ASSOCIATION, "Gemeindeverband", 9),
    "organisation": Level(ORGANISATION, "Organisation", None),
}

_TABLES: dict[str, dict[str, str]] = {
    "kind": {k: v.label for k, v in KINDS.items()},
    "role": ROLES,
    "status": STATUSES,
    "certainty": CERTAINTIES,
}


def label_de(value: object, field: str) -> str:
    """The German word for a code value of ``field``, or the value itself.

    >>> label_de("lead", "role"), label_de("Mitglied", "role"), label_de(None, "status")
    ('Federführung', 'Mitglied', '–')
    >>> label_de("portal", "kind"), label_de("city app", "kind"), label_de("funder", "role")
    ('Portal', 'Stadt-App', 'Fördermittelgeber')
    """
    if value is None or value == "":
        return "–"
    code = str(value).replace(" ", "-") if field == "kind" else str(value)
    return _TABLES.get(field, {}).get(code, str(value))
