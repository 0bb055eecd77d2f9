"""The ecosystem map of one municipality: its ego network for a CDO.

Around the centre municipality it collects

* its projects (direct, and those its Kreis or Gemeindeverband takes part in),
  their programmes and the other members of these projects (municipalities,
  Kreise, Gemeindeverbände, organisations). A programme's *other* projects
  are not listed (a programme like *Modellprojekte Smart Cities* has dozens);
  the programme node says how many projects of the centre's network it holds;
* its IT providers (direct, via the Kreis or the Gemeindeverband);
* its self-reported profile: type, roles, e-government components and
  participation tools;
* its neighbours (with their number of projects), its Kreis and its Land.

The result is plain data, ready for the viewer and :mod:`.export`::

    {"center": {...},
     "nodes": [{"id": "Municipality:05954036", "label": "Witten", "kind": "Municipality",
                "kind_de": "Gemeinde", "key": "05954036", "ring": 0, ...}],
     "edges": [{"source", "target", "kind", "label_de", ...}],
     "counts": {...},
     "projects": [...], "it_providers": [...], "neighbours": [...], "partners": [...]}

The four lists are what the CLI and the web page print, worked out here so
that neither computes it: ``projects`` with ``via`` (the Kreis or
Gemeindeverband through which the centre takes part; empty when it takes part
itself), programmes and the other members; ``it_providers`` with ``via``;
``neighbours`` with their number of projects; ``partners``, the other
members of the centre's projects (neighbours among them are marked).

Node ids are ``"Label:key"`` strings. ``ring`` is 0 for the centre, 1 for
what is directly linked to it and 2 for the other members of its projects.
Contact data of roles is only included with ``include_personal_data=True``
and recorded consent.

The ego network is read with the named ``ecosystem_*`` queries, which is
cheaper than loading the whole analysis graph.
"""

from __future__ import annotations

from typing import Any

from ..graph import schema
from ..graph.errors import UnknownMunicipality
from ..graph.schema import (
    ASSOCIATION,
    DISTRICT,
    EGOV_COMPONENT,
    HAS_ROLE,
    HAS_TYPE,
    IN_ASSOCIATION,
    IN_DISTRICT,
    IN_STATE,
    MUNICIPALITY,
    MUNICIPALITY_TYPE,
    NEIGHBOUR_OF,
    OFFERS,
    ORGANISATION,
    PART_OF,
    PARTICIPATES_IN,
    PARTICIPATION_TOOL,
    PROGRAMME,
    PROJECT,
    ROLE,
    SERVED_BY,
    STATE,
    USES,
)
from ..graph.store import GraphStore
from .cypher_files import run
from .german import de_count

__all__ = ["ecosystem", "node_key"]

_GERMAN = {t.label: t.german for t in schema.NODE_TYPES}
_REL_DE = {t.type: t.german for t in schema.REL_TYPES}
#: how a membership or provider reaches the centre, in German
_VIA_DE = {DISTRICT: "Kreis", ASSOCIATION: "Gemeindeverband"}


def node_key(label: str, key: str) -> str:
    """The string id of a node in viewer and export data.

    >>> node_key("Municipality", "05954036")
    'Municipality:05954036'
    """
    return f"{label}:{key}"


class _Builder:
    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: dict[tuple[str, str, str], dict[str, Any]] = {}

    def node(self, label: str, key: Any, name: Any, ring: int, **attrs: Any) -> str:
        nid = node_key(label, str(key))
        if nid in self.nodes:
            n = self.nodes[nid]
            n["ring"] = min(n["ring"], ring)
            for k, v in attrs.items():
                if v is not None and n.get(k) is None:
                    n[k] = v
            return nid
        n = {"id": nid, "label": str(name) if name else str(key), "kind": label,
             "kind_de": _GERMAN[label], "key": str(key), "ring": ring}
        n.update({("category" if k == "kind" else k): v for k, v in attrs.items()})
        self.nodes[nid] = n
        return nid

    def edge(self, source: str, target: str, kind: str, **attrs: Any) -> None:
        k = (source, target, kind)
        if k not in self.edges:
            self.edges[k] = {"source": source, "target": target, "kind": kind,
                             "label_de": _REL_DE[kind], **attrs}

    def result(self, center: dict[str, Any], withheld: int = 0) -> dict[str, Any]:
        nodes = sorted(self.nodes.values(), key=lambda n: (n["ring"], n["kind"], n["id"]))
        edges = sorted(self.edges.values(),
                       key=lambda e: (e["kind"], e["source"], e["target"]))
        counts: dict[str, int] = {}
        for n in nodes:
            counts[n["kind"]] = counts.get(n["kind"], 0) + 1
        return {"center": center, "nodes": nodes, "edges": edges,
                "counts": {"nodes": len(nodes), "edges": len(edges), "by_kind": counts},
                "personal_data_withheld": withheld}


def ecosystem(store: GraphStore, ags: str, *,
              include_personal_data: bool = False) -> dict[str, Any]:
    """The ego network of municipality ``ags`` (see the module docstring).

    Parameters
    ----------
    store : GraphStore
    ags : str
        The 8-digit AGS (resolve names first with ``graph.resolve.Resolver``).
    include_personal_data : bool
        Add ``contact_name``/``contact_email`` to ``HAS_ROLE`` edges where
        consent is recorded.

    Returns
    -------
    dict
        ``center``, ``nodes``, ``edges``, ``counts``, ``personal_data_withheld``,
        ``projects``, ``it_providers``, ``neighbours``, ``partners``.
    """
    rows = run(store, "municipality_detail", ags=ags)
    if not rows:
        raise UnknownMunicipality(ags)
    m = rows[0]
    b = _Builder()
    c = b.node(MUNICIPALITY, ags, m["name"], 0, population=m["population"], lat=m["lat"],
               lon=m["lon"], official_name=m["official_name"])
    d = b.node(DISTRICT, m["district_key"], m["district_name"], 1)
    b.edge(c, d, IN_DISTRICT)
    s = b.node(STATE, m["state_key"], m["state_name"], 1)
    b.edge(d, s, IN_STATE)
    if m.get("association_key"):
        v = b.node(ASSOCIATION, m["association_key"], m["association_name"], 1)
        b.edge(c, v, IN_ASSOCIATION)

    active_neighbours = 0
    neighbours = []
    for r in run(store, "ecosystem_neighbours", ags=ags):
        n = b.node(MUNICIPALITY, r["ags"], r["name"], 1, population=r["population"],
                   lat=r["lat"], lon=r["lon"], projects=int(r["projects"]))
        b.edge(c, n, NEIGHBOUR_OF)
        active_neighbours += int(r["projects"]) > 0
        neighbours.append({"ags": r["ags"], "name": r["name"], "population": r["population"],
                           "projects": int(r["projects"]), "active": int(r["projects"]) > 0})
    neighbours.sort(key=lambda x: (x["name"] or "", x["ags"]))

    projects = run(store, "ecosystem_projects", ags=ags)
    own = set()
    for r in projects:
        p = b.node(PROJECT, r["id"], r["name"], 1, kind=r["kind"], status=r["status"])
        via = node_key(r["via_kind"], r["via_key"])
        if r["via_kind"] == MUNICIPALITY:
            own.add(r["id"])
        b.edge(via, p, PARTICIPATES_IN, role=r["role"], data_source=r["source"],
               as_of=r["as_of"])
        if r["programme_id"]:
            g = b.node(PROGRAMME, r["programme_id"], r["programme_name"], 1,
                       funder=r["programme_funder"])
            b.edge(p, g, PART_OF)
    ids = sorted({r["id"] for r in projects})
    members: list[dict[str, Any]] = []
    if ids:
        members = run(store, "ecosystem_members", projects=ids)
        others = sorted({r["key"] for r in members if r["kind"] == MUNICIPALITY})
        detail = {r["ags"]: r for r in run(store, "ecosystem_municipalities",
                                           ags_list=others)} if others else {}
        for r in members:
            extra = detail.get(r["key"], {}) if r["kind"] == MUNICIPALITY else {}
            x = b.node(r["kind"], r["key"], r["name"], 2, population=extra.get("population"),
                       lat=extra.get("lat"), lon=extra.get("lon"))
            b.edge(x, node_key(PROJECT, r["project"]), PARTICIPATES_IN, role=r["role"])

    providers = run(store, "ecosystem_providers", ags=ags)
    for r in providers:
        o = b.node(ORGANISATION, r["id"], r["name"], 1, kind=r["kind"])
        b.edge(node_key(r["via_kind"], r["via_key"]), o, SERVED_BY,
               certainty=r["certainty"])

    types = run(store, "ecosystem_type", ags=ags)
    for r in types:
        b.edge(c, b.node(MUNICIPALITY_TYPE, r["id"], r["name"], 1), HAS_TYPE,
               answered_at=r["answered_at"])
    withheld = 0
    roles = run(store, "ecosystem_roles", ags=ags)
    for r in roles:
        attrs: dict[str, Any] = {"title": r["title"]}
        has_contact = r["contact_name"] is not None or r["contact_email"] is not None
        if include_personal_data and r["consent"] is True:
            attrs.update(contact_name=r["contact_name"], contact_email=r["contact_email"],
                         consent=True)
        elif include_personal_data and has_contact:
            withheld += 1
        b.edge(c, b.node(ROLE, r["id"], r["name"], 1), HAS_ROLE, **attrs)
    rel_of = {EGOV_COMPONENT: USES, PARTICIPATION_TOOL: OFFERS}
    for r in run(store, "ecosystem_profile", ags=ags):
        b.edge(c, b.node(r["kind"], r["id"], r["name"], 1), rel_of[r["kind"]])

    center = {
        "id": c, "ags": ags, "name": m["name"], "official_name": m["official_name"],
        "population": m["population"], "lat": m["lat"], "lon": m["lon"],
        "district": {"key": m["district_key"], "name": m["district_name"]},
        "state": {"key": m["state_key"], "name": m["state_name"]},
        "projects": len(own), "projects_via_kreis_or_verband": len(set(ids) - own),
        "neighbours": sum(1 for e in b.edges.values() if e["kind"] == NEIGHBOUR_OF),
        "active_neighbours": active_neighbours,
        "type": types[0]["name"] if types else None,
        "roles": sorted(r["name"] for r in roles),
        "summary_de": _summary_de(m["name"], len(own), len(set(ids) - own),
                                  active_neighbours),
    }
    out = b.result(center, withheld)
    out["projects"] = _project_list(b, c, projects, members)
    out["it_providers"] = _provider_list(b, providers)
    out["neighbours"] = neighbours
    out["partners"] = _partner_list(b, out["projects"], {x["ags"] for x in neighbours})
    return out


def _via(b: _Builder, kind: str, key: str) -> dict[str, Any]:
    """A Kreis or Gemeindeverband through which the centre takes part or is served."""
    n = b.nodes.get(node_key(kind, key), {})
    return {"kind": kind, "key": key, "name": n.get("label", key), "kind_de": _VIA_DE[kind]}


def _project_list(b: _Builder, center: str, rows: list[dict[str, Any]],
                  members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The centre's projects: direct ones with its role, the others with ``via``."""
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        p = out.setdefault(r["id"], {"id": r["id"], "name": r["name"] or r["id"],
                                     "kind": r["kind"], "status": r["status"], "role": None,
                                     "direct": False, "via": [], "programmes": [],
                                     "partners": []})
        if r["via_kind"] == MUNICIPALITY:
            p["direct"], p["role"] = True, r["role"]
        else:
            v = _via(b, r["via_kind"], r["via_key"])
            if v not in p["via"]:
                p["via"].append(v)
        if r["programme_name"] and r["programme_name"] not in p["programmes"]:
            p["programmes"].append(r["programme_name"])
    for p in out.values():
        if p["direct"]:
            p["via"] = []  # the centre takes part itself
    for r in members:
        p = out.get(r["project"])
        nid = node_key(r["kind"], r["key"])
        if p is None or nid == center or any(nid == node_key(v["kind"], v["key"])
                                             for v in p["via"]):
            continue
        x = {"kind": r["kind"], "kind_de": _GERMAN[r["kind"]], "key": r["key"],
             "name": r["name"] or r["key"], "role": r["role"]}
        if x not in p["partners"]:
            p["partners"].append(x)
    for p in out.values():
        p["programmes"].sort()
        p["partners"].sort(key=lambda x: (x["name"], x["key"]))
    return sorted(out.values(), key=lambda p: (not p["direct"], p["name"], p["id"]))


def _provider_list(b: _Builder, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """IT providers, once each, with ``via``: None when the centre is served directly
    (a direct fact wins over the same provider via the Kreis), else the Kreis or
    Gemeindeverband."""
    out: dict[str, dict[str, Any]] = {}
    for r in sorted(rows, key=lambda r: r["via_kind"] != MUNICIPALITY):
        if r["id"] in out:
            continue
        via = None if r["via_kind"] == MUNICIPALITY else _via(b, r["via_kind"], r["via_key"])
        out[r["id"]] = {"id": r["id"], "name": r["name"] or r["id"], "kind": r["kind"],
                        "certainty": r["certainty"], "via": via}
    return sorted(out.values(), key=lambda x: (x["via"] is not None, x["name"], x["id"]))


def _partner_list(b: _Builder, projects: list[dict[str, Any]],
                  neighbours: set[str]) -> list[dict[str, Any]]:
    """The other members of the centre's projects, most shared projects first."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for p in projects:
        for m in p["partners"]:
            x = out.setdefault((m["kind"], m["key"]), {
                "kind": m["kind"], "kind_de": m["kind_de"], "key": m["key"],
                "name": m["name"], "projects": [],
                "neighbour": m["kind"] == MUNICIPALITY and m["key"] in neighbours})
            x["projects"].append(p["name"])
    return sorted(out.values(), key=lambda x: (-len(x["projects"]), x["name"], x["key"]))


def _summary_de(name: str, own: int, indirect: int, active_neighbours: int) -> str:
    parts = [f"{name} nimmt an {de_count(own, 'Projekt', 'Projekten')} direkt teil" if own
             else f"{name} nimmt an keinem erfassten Projekt direkt teil"]
    if indirect:
        parts.append(f"an {indirect} weiteren über Kreis oder Gemeindeverband" if own
                     else f"über Kreis oder Gemeindeverband an {indirect}")
    parts.append(f"{de_count(active_neighbours, 'Nachbarkommune ist', 'Nachbarkommunen sind')} "
                 "selbst in Projekten aktiv")
    return "; ".join(parts) + "."
