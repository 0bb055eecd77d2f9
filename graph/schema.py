"""The one fixed list of labels, keys, properties and relationship types.

Every label and relationship type that reaches a Cypher string comes from
here, never from user input. Both stores build their DDL and their write
queries from these definitions.

German terms (for docs and UI) sit beside the English labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "PROVENANCE",
    "NodeType",
    "RelType",
    "NODE_TYPES",
    "REL_TYPES",
    "node_type",
    "rel_type",
    "check_label",
    "check_rel",
    "quote",
    "PERSONAL_PROPERTIES",
]

# Property types use the portable subset: Ladybug's names, mapped for Neo4j.
STRING, INT, FLOAT, BOOL = "STRING", "INT64", "DOUBLE", "BOOLEAN"

#: Every node and relationship carries where it came from.
#: ``source`` is the URL or file named by the data, ``as_of`` its date (ISO,
#: possibly only a year), ``importer`` the importer that wrote it and
#: ``dataset`` the file it was imported from (the unit that a re-import
#: replaces).
PROVENANCE: dict[str, str] = {
    "source": STRING,
    "as_of": STRING,
    "importer": STRING,
    "dataset": STRING,
}


@dataclass(frozen=True)
class NodeType:
    label: str
    key: str
    german: str
    properties: dict[str, str] = field(default_factory=dict)

    @property
    def all_properties(self) -> dict[str, str]:
        """Key first, then own properties, then provenance (the column order)."""
        props = {self.key: STRING}
        props.update(self.properties)
        props.update(PROVENANCE)
        return props


@dataclass(frozen=True)
class RelType:
    type: str
    german: str
    pairs: tuple[tuple[str, str], ...]
    properties: dict[str, str] = field(default_factory=dict)

    @property
    def all_properties(self) -> dict[str, str]:
        props = dict(self.properties)
        props.update(PROVENANCE)
        return props


_NAMED = {"name": STRING}

NODE_TYPES: tuple[NodeType, ...] = (
    NodeType("State", "key", "Land", {"name": STRING, "seat": STRING}),
    NodeType(
        "AdminRegion",
        "key",
        "Regierungsbezirk",
        {"name": STRING, "seat": STRING, "level": STRING},
    ),
    NodeType("District", "key", "Kreis", {"name": STRING, "seat": STRING, "kind": STRING}),
    NodeType(
        "MunicipalAssociation",
        "key",
        "Gemeindeverband",
        {"name": STRING, "kind": STRING},
    ),
    NodeType(
        "Municipality",
        "ags",
        "Gemeinde",
        {
            "ars": STRING,
            "name": STRING,  # common name, e.g. "Münster"
            "official_name": STRING,  # e.g. "Münster, Stadt"
            "legal_type": STRING,  # Gemeindetyp text, e.g. "Kreisfreie Stadt"
            "legal_type_code": STRING,
            "population": INT,
            "area_km2": FLOAT,
            "postcode": STRING,
            "lat": FLOAT,
            "lon": FLOAT,
            "urbanisation": STRING,  # Verstädterung (DEGURBA) class text
            "urbanisation_code": STRING,
            "geo_source": STRING,
            "geo_as_of": STRING,
            "has_strategy": BOOL,
            "strategy_owner": STRING,
            "profile_source": STRING,
            "profile_as_of": STRING,
            "website": STRING,
            # written back by analytics (queries/), may be null
            "degree": INT,
            "pagerank": FLOAT,
            "betweenness": FLOAT,
            "community": INT,
        },
    ),
    NodeType(
        "UnincorporatedArea",
        "key",
        "gemeindefreies Gebiet",
        {"name": STRING, "area_km2": FLOAT, "legal_type_code": STRING},
    ),
    NodeType(
        "Project",
        "id",
        "Projekt",
        {
            "name": STRING,
            "kind": STRING,  # e.g. smart city, city app, e-akte, ozg service, software
            "status": STRING,  # e.g. active, completed, planned
            "open_source": BOOL,
            "licence": STRING,
            "repository_url": STRING,
            "start_date": STRING,
            "description": STRING,
        },
    ),
    NodeType("Programme", "id", "Förderprogramm", {"name": STRING, "funder": STRING}),
    NodeType(
        "Organisation",
        "id",
        "Organisation",
        {
            "name": STRING,
            "kind": STRING,  # it provider, association, company, university, civil society
            "legal_form": STRING,
            "seat": STRING,
            "url": STRING,
        },
    ),
    NodeType("ServiceArea", "id", "Themenfeld", dict(_NAMED)),
    NodeType("LifeSituation", "id", "Lebenslage", dict(_NAMED)),
    NodeType("OZGService", "ozg_id", "OZG-Leistung", dict(_NAMED)),
    NodeType(
        "LeikaService",
        "leika_key",
        "LeiKa-Leistung",
        {"name": STRING, "leika_type": STRING, "legal_basis": STRING},
    ),
    NodeType(
        "MunicipalityType",
        "id",
        "Kommunentyp (ÖFIT/KGSt)",
        {"name": STRING, "description": STRING},
    ),
    NodeType("Role", "id", "Rolle", dict(_NAMED)),
    NodeType("EGovComponent", "id", "E-Government-Basiskomponente", dict(_NAMED)),
    NodeType("ParticipationTool", "id", "Beteiligungsinstrument", dict(_NAMED)),
)

_M, _D, _MA = "Municipality", "District", "MunicipalAssociation"

REL_TYPES: tuple[RelType, ...] = (
    # administrative hierarchy
    RelType("IN_STATE", "liegt im Land", (("AdminRegion", "State"), (_D, "State"))),
    RelType("IN_ADMIN_REGION", "liegt im Regierungsbezirk", ((_D, "AdminRegion"),)),
    RelType(
        "IN_DISTRICT",
        "liegt im Kreis",
        ((_M, _D), (_MA, _D), ("UnincorporatedArea", _D)),
    ),
    RelType("IN_ASSOCIATION", "gehört zum Gemeindeverband", ((_M, _MA),)),
    RelType(
        "NEIGHBOUR_OF",
        "grenzt an",
        ((_M, _M),),
        # "line": a common border line; "point": the areas meet in one point only
        {"contact": STRING},
    ),
    RelType(
        "PARTICIPATES_IN",
        "nimmt teil an",
        ((_M, "Project"), (_D, "Project"), (_MA, "Project"), ("Organisation", "Project")),
        {"role": STRING, "status": STRING, "certainty": STRING, "note": STRING},
    ),
    RelType("PART_OF", "gehört zum Programm", (("Project", "Programme"),)),
    RelType("IMPLEMENTS", "setzt um", (("Project", "OZGService"), ("Project", "LeikaService"))),
    RelType(
        "SERVED_BY",
        "IT-Dienstleister",
        ((_M, "Organisation"), (_D, "Organisation"), (_MA, "Organisation")),
        {"certainty": STRING, "note": STRING},
    ),
    RelType("HAS_TYPE", "hat Typ", ((_M, "MunicipalityType"),), {"answered_at": STRING}),
    RelType(
        "HAS_ROLE",
        "hat Rolle",
        ((_M, "Role"),),
        {
            "title": STRING,
            "contact_name": STRING,
            "contact_email": STRING,
            "consent": BOOL,
        },
    ),
    RelType("USES", "nutzt", ((_M, "EGovComponent"),)),
    RelType("OFFERS", "bietet an", ((_M, "ParticipationTool"),)),
    # OZG hierarchy
    RelType("IN_SERVICE_AREA", "gehört zum Themenfeld", (("LifeSituation", "ServiceArea"),
                                                          ("OZGService", "ServiceArea"))),
    RelType("IN_LIFE_SITUATION", "gehört zur Lebenslage", (("OZGService", "LifeSituation"),)),
    RelType("BELONGS_TO", "gehört zur OZG-Leistung", (("LeikaService", "OZGService"),)),
)

#: Personal data (DSGVO): never exported unless explicitly asked for.
PERSONAL_PROPERTIES: frozenset[str] = frozenset({"contact_name", "contact_email"})

_NODES = {n.label: n for n in NODE_TYPES}
_RELS = {r.type: r for r in REL_TYPES}


def node_type(label: str) -> NodeType:
    """Return the node type for ``label``; raise ``KeyError`` for an unknown label.

    >>> node_type("Municipality").key
    'ags'
    """
    return _NODES[check_label(label)]


def rel_type(name: str) -> RelType:
    """Return the relationship type ``name``.

    >>> rel_type("NEIGHBOUR_OF").pairs
    (('Municipality', 'Municipality'),)
    """
    return _RELS[check_rel(name)]


def check_label(label: str) -> str:
    """Return ``label`` if the schema knows it, else raise ``KeyError``."""
    if label not in _NODES:
        raise KeyError(f"unknown label {label!r}")
    return label


def check_rel(name: str) -> str:
    """Return ``name`` if the schema knows it, else raise ``KeyError``."""
    if name not in _RELS:
        raise KeyError(f"unknown relationship type {name!r}")
    return name


def quote(name: str) -> str:
    """Backtick a label, relationship type or property name from the schema.

    Only names that the schema defines are accepted, so nothing from data or
    user input can reach a query as an identifier.

    >>> quote("Municipality")
    '`Municipality`'
    """
    known = name in _NODES or name in _RELS or any(
        name in t.all_properties for t in (*NODE_TYPES, *REL_TYPES)
    )
    if not known:
        raise KeyError(f"{name!r} is not a schema name")
    return f"`{name}`"
