"""The reference vocabulary: municipality types, roles, e-government components
and participation tools.

These are not facts about any municipality but the terms that self-reported
profiles (:mod:`.profiles`) refer to. The four municipality types and the
roles, components and tools come from the ÖFIT/KGSt study
„Digitale Kommune – Eine Typfrage?“ (Kompetenzzentrum Öffentliche IT at
Fraunhofer FOKUS and KGSt, October 2020), which asked about 400 municipalities
about their digitalisation goals, who is responsible, which e-government
components they use and how citizens take part.

``plan(path, store)`` ignores ``path``: the vocabulary is part of the code.
"""

from __future__ import annotations

from pathlib import Path

from ..graph.schema import EGOV_COMPONENT, MUNICIPALITY_TYPE, PARTICIPATION_TOOL, ROLE
from ..graph.store import GraphStore
from .base import ImportReport, Plan, provenance

NAME = "vocabulary"
#: the German help line of ``kommunalgraph import vocabulary``
HELP_DE = "Das Referenzvokabular (Typen, Rollen, Komponenten, Werkzeuge) der ÖFIT/KGSt-Studien."
SOURCE = ("ÖFIT/KGSt: „Digitale Kommune – Eine Typfrage?“ (Kompetenzzentrum Öffentliche IT, "
          "Fraunhofer FOKUS, und KGSt, 2020), https://www.kgst.de/kommunentypen")
AS_OF = "2020-10"
DATASET = "vocabulary"

#: id → (name, description)
MUNICIPALITY_TYPES: dict[str, tuple[str, str]] = {
    "bedaechtige": (
        "Bedächtige",
        "Setzen vor allem rechtliche Vorgaben um, bauen auf Angebote anderer Verwaltungen "
        "und Fördermittel und arbeiten eng mit anderen Kommunen zusammen.",
    ),
    "optimierer": (
        "Optimierer",
        "Sehen Digitalisierung vor allem als Mittel, Effizienz und Effektivität der "
        "Verwaltungsleistungen und -prozesse zu steigern.",
    ),
    "serviceorientierte": (
        "Serviceorientierte",
        "Wollen die Attraktivität der Kommune und die Bürgernähe stärken und eine gute "
        "Nutzererfahrung für Bürgerinnen, Bürger und Beschäftigte bieten.",
    ),
    "community-manager": (
        "Community Manager",
        "Fördern mit der Digitalisierung vor allem die kommunale Daseinsvorsorge und die "
        "örtliche Gemeinschaft und öffnen sich für Beteiligung.",
    ),
}

ROLES: dict[str, str] = {
    "cdo": "Chief Digital Officer (CDO)",
    "cio": "Chief Information Officer (CIO)",
    "digitalisierungsbeauftragte": "Digitalisierungsbeauftragte",
    "digitale-lotsen": "Digitale Lotsen",
    "it-abteilung": "IT-Abteilung",
    "organisationsabteilung": "Organisationsabteilung",
}

EGOV_COMPONENTS: dict[str, str] = {
    "formularserver": "Formularserver",
    "e-payment": "E-Payment (elektronische Bezahlung)",
    "servicekonto": "Servicekonto / Nutzerkonto",
    "eid": "Elektronischer Identitätsnachweis (eID)",
    "de-mail": "De-Mail",
    "verwaltungspostfach": "Elektronisches Verwaltungspostfach",
    "suche": "Verwaltungssuchmaschine / Leistungssuche",
    "mobile-app": "Mobile App",
    "chatbot": "Chatbot",
}

PARTICIPATION_TOOLS: dict[str, str] = {
    "befragung": "Online-Befragung",
    "maengelmelder": "Mängelmelder",
    "buergerhaushalt": "Bürgerhaushalt",
    "online-planung": "Online-Beteiligung an Planungsverfahren",
}


def plan(path: Path | None = None, store: GraphStore | None = None) -> Plan:
    """The vocabulary as a plan; ``path`` and ``store`` are not used."""
    report = ImportReport(NAME, DATASET)
    prov = provenance(SOURCE, AS_OF, NAME, DATASET)
    p = Plan(report)
    p.add_nodes(MUNICIPALITY_TYPE, [
        {"id": k, "name": n, "description": d, **prov}
        for k, (n, d) in MUNICIPALITY_TYPES.items()
    ])
    p.add_nodes(ROLE, [{"id": k, "name": n, **prov} for k, n in ROLES.items()])
    # kind: the study's nine base components, beside the digital infrastructure
    # (Ratsinformationssystem, Open-Data-Portal) that importers.components adds
    p.add_nodes(EGOV_COMPONENT, [{"id": k, "name": n, "kind": "base-component", **prov}
                                  for k, n in EGOV_COMPONENTS.items()])
    p.add_nodes(PARTICIPATION_TOOL, [{"id": k, "name": n, "kind": "participation-tool",
                                       **prov} for k, n in PARTICIPATION_TOOLS.items()])
    report.read = (len(MUNICIPALITY_TYPES) + len(ROLES) + len(EGOV_COMPONENTS)
                   + len(PARTICIPATION_TOOLS))
    return p
