"""The one fixed list of labels, keys, properties and relationship types.

Every label and relationship type that reaches a Cypher string comes from
here, never from user input. Both stores build their DDL and their write
queries from these definitions.

German terms (for docs and UI) sit beside the English labels.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "STATE", "ADMIN_REGION", "DISTRICT", "ASSOCIATION", "MUNICIPALITY", "UNINCORPORATED",
    "PROJECT", "PROGRAMME", "ORGANISATION", "SERVICE_AREA", "LIFE_SITUATION", "OZG_SERVICE",
    "LEIKA_SERVICE", "MUNICIPALITY_TYPE", "ROLE", "EGOV_COMPONENT", "PARTICIPATION_TOOL",
    "PLATFORM", "IN_STATE", "IN_ADMIN_REGION", "IN_DISTRICT", "IN_ASSOCIATION", "NEIGHBOUR_OF",
    "PARTICIPATES_IN", "PART_OF", "IMPLEMENTS", "SERVED_BY", "HAS_TYPE", "HAS_ROLE", "USES",
    "OFFERS", "ON_PLATFORM", "IN_SERVICE_AREA", "IN_LIFE_SITUATION", "BELONGS_TO",
    "PROVENANCE", "DATASET",
    "NodeType",
    "RelType",
    "NODE_TYPES",
    "BOOKKEEPING",
    "REL_TYPES",
    "node_type",
    "rel_type",
    "check_label",
    "check_rel",
    "quote",
    "PERSONAL_PROPERTIES",
    "COMPONENT_KINDS",
    "STRING_LIST",
]

# Node labels and relationship types, as constants: code outside this module
# names them through these, never as string literals.
STATE, ADMIN_REGION, DISTRICT = "State", "AdminRegion", "District"
ASSOCIATION, MUNICIPALITY, UNINCORPORATED = (
    "MunicipalAssociation", "Municipality", "UnincorporatedArea")
PROJECT, PROGRAMME, ORGANISATION = "Project", "Programme", "Organisation"
SERVICE_AREA, LIFE_SITUATION, OZG_SERVICE, LEIKA_SERVICE = (
    "ServiceArea", "LifeSituation", "OZGService", "LeikaService")
MUNICIPALITY_TYPE, ROLE = "MunicipalityType", "Role"
EGOV_COMPONENT, PARTICIPATION_TOOL, PLATFORM = "EGovComponent", "ParticipationTool", "Platform"
#: one imported dataset (importers/datasets.py): bookkeeping, not a fact
DATASET = "Dataset"

IN_STATE, IN_ADMIN_REGION, IN_DISTRICT, IN_ASSOCIATION = (
    "IN_STATE", "IN_ADMIN_REGION", "IN_DISTRICT", "IN_ASSOCIATION")
NEIGHBOUR_OF, PARTICIPATES_IN, PART_OF, IMPLEMENTS = (
    "NEIGHBOUR_OF", "PARTICIPATES_IN", "PART_OF", "IMPLEMENTS")
SERVED_BY, HAS_TYPE, HAS_ROLE, USES, OFFERS, ON_PLATFORM = (
    "SERVED_BY", "HAS_TYPE", "HAS_ROLE", "USES", "OFFERS", "ON_PLATFORM")
IN_SERVICE_AREA, IN_LIFE_SITUATION, BELONGS_TO = (
    "IN_SERVICE_AREA", "IN_LIFE_SITUATION", "BELONGS_TO")

# Property types use the portable subset: Ladybug's names, mapped for Neo4j.
STRING, INT, FLOAT, BOOL = "STRING", "INT64", "DOUBLE", "BOOLEAN"
#: a list of strings (Ladybug ``STRING[]``, a Neo4j list property)
STRING_LIST = "STRING[]"

#: Every node and relationship carries where it came from.
#: ``source`` is the URL or file named by the data, ``as_of`` its date (ISO,
#: possibly only a year), ``importer`` the importer that wrote it and
#: ``dataset`` the file it was imported from (the unit that a re-import
#: replaces). ``sources`` lists every source URL of the fact, each one valid
#: URL (a source cell may name several); ``source`` is the first of them, or
#: the citation text where the source is not a URL.
PROVENANCE: dict[str, str] = {
    "source": STRING,
    "sources": STRING_LIST,
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
        # the AGS of a vanished municipality the fact was moved from (territorial
        # change with a successor list, importers/datasets.py); null otherwise
        props["moved_from"] = STRING
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
    # outline: simplified boundary for maps (see importers/boundaries.py, OUTLINE format)
    NodeType("District", "key", "Kreis", {"name": STRING, "seat": STRING, "kind": STRING,
                                          "outline": STRING}),
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
            # territorial history: the Gebietsstand of the first directory edition
            # without this AGS (null = current), and the successor AGS if known
            "valid_until": STRING,
            "successor": STRING,
            # simplified boundary for maps, in the boundary file's coordinates
            # (importers/boundaries.py), and a point inside it
            "outline": STRING,
            "outline_x": FLOAT,
            "outline_y": FLOAT,
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
            # publiccode.yml ``categories`` (read by the topic rules)
            "categories": STRING_LIST,
            # software from publiccode.yml: the version read, and how many rules of
            # the standard the file breaks (0: valid; importers/publiccode_rules.py)
            "publiccode_version": STRING,
            "publiccode_problems": INT,
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
    # kind: "base-component" (the study's nine e-government base components),
    # "digital-infrastructure" (Ratsinformationssystem, Open-Data-Portal) or
    # "participation-tool" (see COMPONENT_KINDS)
    NodeType("EGovComponent", "id", "E-Government-Basiskomponente",
             {"name": STRING, "kind": STRING}),
    NodeType("ParticipationTool", "id", "Beteiligungsinstrument",
             {"name": STRING, "kind": STRING}),
    # one platform instance that several bodies share (Maerker Brandenburg,
    # Klarschiff, offenesdatenportal.de): a cooperation tie; ``component`` is
    # the id of the EGovComponent / ParticipationTool it provides
    NodeType(
        "Platform",
        "id",
        "gemeinsame Plattform",
        {"name": STRING, "component": STRING, "operator": STRING, "url": STRING},
    ),
)

#: Node types that are bookkeeping, not facts: created with the schema, but not
#: counted, exported or analysed (``NODE_TYPES`` lists the facts only).
#: Dataset: one imported dataset (docs/formats.md, "Datasets"): kind = importer,
#: edition = its as-of date, hash = SHA-256 of the content, counts = JSON of
#: the facts written, complete = its import committed.
BOOKKEEPING: tuple[NodeType, ...] = (
    NodeType(
        "Dataset",
        "id",
        "Datensatz",
        {"kind": STRING, "edition": STRING, "file": STRING, "hash": STRING,
         "counts": STRING, "imported_at": STRING, "complete": BOOL, "bundled": BOOL},
    ),
)

#: component kind → German name (EGovComponent / ParticipationTool ``kind``)
COMPONENT_KINDS: dict[str, str] = {
    "base-component": "E-Government-Basiskomponente",
    "digital-infrastructure": "digitale Infrastruktur",
    "participation-tool": "Beteiligungsinstrument",
}

_M, _D, _MA = MUNICIPALITY, DISTRICT, ASSOCIATION

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
    # to a Themenfeld too, where the source names only the topic (importers/topics.py);
    # certainty "derived" for links that a rule in data/ozg/topic_rules.csv made, note
    # names the rule and the text it matched
    RelType("IMPLEMENTS", "setzt um", (("Project", "OZGService"), ("Project", "LeikaService"),
                                       ("Project", "ServiceArea")),
            {"certainty": STRING, "note": STRING}),
    RelType(
        "SERVED_BY",
        "IT-Dienstleister",
        ((_M, "Organisation"), (_D, "Organisation"), (_MA, "Organisation")),
        # in_house: the provider is the municipality's own IT (citeq for Münster)
        {"certainty": STRING, "note": STRING, "in_house": BOOL},
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
    RelType(
        "USES",
        "nutzt",
        ((_M, "EGovComponent"), (_D, "EGovComponent"), (_MA, "EGovComponent"),
         (_M, "ParticipationTool"), (_D, "ParticipationTool"), (_MA, "ParticipationTool")),
        {
            "product": STRING,  # e.g. "ALLRIS", "CKAN", "Bürgerbudget"
            "vendor": STRING,
            "platform": STRING,  # name of a shared platform, e.g. "Maerker Brandenburg"
            # how the product is known: declared_in_oparl_system,
            # inferred_from_url_pattern, unknown, stated_in_source
            "product_basis": STRING,
            "url": STRING,  # the body's own system or portal
            "api_url": STRING,
            "known_since": STRING,  # earliest year the source gives evidence for
            "known_until": STRING,  # latest year (not an end date)
            "historical": BOOL,  # an old snapshot (e.g. 2016), may have changed since
            "certainty": STRING,  # named, derived, announced, uncertain
            "note": STRING,
        },
    ),
    RelType("OFFERS", "bietet an", ((_M, "ParticipationTool"),)),
    RelType(
        "ON_PLATFORM",
        "nutzt die gemeinsame Plattform",
        ((_M, "Platform"), (_D, "Platform"), (_MA, "Platform")),
        {"known_since": STRING, "known_until": STRING, "certainty": STRING, "note": STRING},
    ),
    # OZG hierarchy
    RelType("IN_SERVICE_AREA", "gehört zum Themenfeld", (("LifeSituation", "ServiceArea"),
                                                          ("OZGService", "ServiceArea"))),
    RelType("IN_LIFE_SITUATION", "gehört zur Lebenslage", (("OZGService", "LifeSituation"),)),
    RelType("BELONGS_TO", "gehört zur OZG-Leistung", (("LeikaService", "OZGService"),)),
)

#: Personal data (DSGVO): never exported unless explicitly asked for.
PERSONAL_PROPERTIES: frozenset[str] = frozenset({"contact_name", "contact_email"})

_NODES = {n.label: n for n in (*NODE_TYPES, *BOOKKEEPING)}
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
        name in t.all_properties for t in (*NODE_TYPES, *BOOKKEEPING, *REL_TYPES)
    )
    if not known:
        raise KeyError(f"{name!r} is not a schema name")
    return f"`{name}`"
