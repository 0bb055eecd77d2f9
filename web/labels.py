"""German display labels for the data's code values (project kinds, roles, statuses).

Pure rendering: the value stays what it is in the data (and in every URL and JSON
answer); only the page shows a German word. Unknown values are shown unchanged.
"""

from __future__ import annotations

from typing import Any

__all__ = ["LABELS", "de_label"]

LABELS: dict[str, dict[str, str]] = {
    "kind": {
        "state-funding": "Landesförderung",
        "federal-funding": "Bundesförderung",
        "smart-city": "Smart City",
        "smart city": "Smart City",
        "cooperation": "Kooperation",
        "software": "Software",
        "ozg-service": "OZG-Leistung",
        "ozg service": "OZG-Leistung",
        "digital-region": "Digitale Region",
        "city-app": "Stadt-App",
        "city app": "Stadt-App",
        "village-app": "Dorf-App",
        "e-akte": "E-Akte",
    },
    "status": {
        "active": "aktiv",
        "completed": "abgeschlossen",
        "planned": "geplant",
        "uncertain": "unsicher",
    },
    "role": {
        "partner": "Partner",
        "winner": "Preisträger",
        "lead": "Federführung",
        "member": "Mitglied",
        "user": "Nutzer",
        "adopter": "Nachnutzer",
        "founder": "Gründungsmitglied",
        "co-developer": "Mitentwickler",
        "operator": "Betreiber",
        "it-provider": "IT-Dienstleister",
        "coordinator": "Koordination",
    },
    "certainty": {"named": "belegt", "derived": "abgeleitet"},
}


def de_label(value: Any, field: str) -> str:
    """The German word for a code value, or the value itself.

    >>> de_label("lead", "role"), de_label("Mitglied", "role"), de_label(None, "status")
    ('Federführung', 'Mitglied', '–')
    """
    if value is None or value == "":
        return "–"
    return LABELS.get(field, {}).get(str(value), str(value))
