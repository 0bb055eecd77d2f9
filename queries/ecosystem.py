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
     "counts": {...}}

Node ids are ``"Label:key"`` strings. ``ring`` is 0 for the centre, 1 for
what is directly linked to it and 2 for the other members of its projects.
Contact data of roles is only included with ``include_personal_data=True``
and recorded consent.

The ego network is read with the named ``ecosystem_*`` queries, which is
cheaper than loading the whole analysis graph; :func:`ego_graph` builds the
same shape from an analysis graph (``load_network``) when one is at hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from ..graph import schema
from ..graph.errors import UnknownMunicipality
from ..graph.store import GraphStore
from .cypher_files import run
from .german import de_count

__all__ = ["ecosystem", "ego_graph", "node_key"]

_GERMAN = {t.label: t.german for t in schema.NODE_TYPES}
_REL_DE = {t.type: t.german for t in schema.REL_TYPES}
#: edge attributes of the analysis graph that the ego network keeps
_EDGE_ATTRS = ("role", "certainty", "answered_at", "as_of")


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


def ecosystem(store: GraphStore, ags: str, *, G: nx.Graph | None = None,
              include_personal_data: bool = False) -> dict[str, Any]:
    """The ego network of municipality ``ags`` (see the module docstring).

    Parameters
    ----------
    store : GraphStore
    ags : str
        The 8-digit AGS (resolve names first with ``graph.resolve.Resolver``).
    G : networkx graph, optional
        An analysis graph from ``load_network``; if given, the ego network is
        built from it with :func:`ego_graph` (no store queries, no contact
        data); otherwise it is read with the ``ecosystem_*`` queries.
    include_personal_data : bool
        Add ``contact_name``/``contact_email`` to ``HAS_ROLE`` edges where
        consent is recorded.

    Returns
    -------
    dict
        ``center``, ``nodes``, ``edges``, ``counts``, ``personal_data_withheld``.
    """
    if G is not None:
        return ego_graph(G, ags)
    rows = run(store, "municipality_detail", ags=ags)
    if not rows:
        raise UnknownMunicipality(ags)
    m = rows[0]
    b = _Builder()
    c = b.node("Municipality", ags, m["name"], 0, population=m["population"], lat=m["lat"],
               lon=m["lon"], official_name=m["official_name"])
    d = b.node("District", m["district_key"], m["district_name"], 1)
    b.edge(c, d, "IN_DISTRICT")
    s = b.node("State", m["state_key"], m["state_name"], 1)
    b.edge(d, s, "IN_STATE")
    if m.get("association_key"):
        v = b.node("MunicipalAssociation", m["association_key"], m["association_name"], 1)
        b.edge(c, v, "IN_ASSOCIATION")

    active_neighbours = 0
    for r in run(store, "ecosystem_neighbours", ags=ags):
        n = b.node("Municipality", r["ags"], r["name"], 1, population=r["population"],
                   lat=r["lat"], lon=r["lon"], projects=int(r["projects"]))
        b.edge(c, n, "NEIGHBOUR_OF")
        active_neighbours += int(r["projects"]) > 0

    projects = run(store, "ecosystem_projects", ags=ags)
    own = set()
    for r in projects:
        p = b.node("Project", r["id"], r["name"], 1, kind=r["kind"], status=r["status"])
        via = node_key(r["via_kind"], r["via_key"])
        if r["via_kind"] == "Municipality":
            own.add(r["id"])
        b.edge(via, p, "PARTICIPATES_IN", role=r["role"], data_source=r["source"],
               as_of=r["as_of"])
        if r["programme_id"]:
            g = b.node("Programme", r["programme_id"], r["programme_name"], 1,
                       funder=r["programme_funder"])
            b.edge(p, g, "PART_OF")
    ids = sorted({r["id"] for r in projects})
    if ids:
        members = run(store, "ecosystem_members", projects=ids)
        others = sorted({r["key"] for r in members if r["kind"] == "Municipality"})
        detail = {r["ags"]: r for r in run(store, "ecosystem_municipalities",
                                           ags_list=others)} if others else {}
        for r in members:
            extra = detail.get(r["key"], {}) if r["kind"] == "Municipality" else {}
            x = b.node(r["kind"], r["key"], r["name"], 2, population=extra.get("population"),
                       lat=extra.get("lat"), lon=extra.get("lon"))
            b.edge(x, node_key("Project", r["project"]), "PARTICIPATES_IN", role=r["role"])

    for r in run(store, "ecosystem_providers", ags=ags):
        o = b.node("Organisation", r["id"], r["name"], 1, kind=r["kind"])
        b.edge(node_key(r["via_kind"], r["via_key"]), o, "SERVED_BY",
               certainty=r["certainty"])

    types = run(store, "ecosystem_type", ags=ags)
    for r in types:
        b.edge(c, b.node("MunicipalityType", r["id"], r["name"], 1), "HAS_TYPE",
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
        b.edge(c, b.node("Role", r["id"], r["name"], 1), "HAS_ROLE", **attrs)
    rel_of = {"EGovComponent": "USES", "ParticipationTool": "OFFERS"}
    for r in run(store, "ecosystem_profile", ags=ags):
        b.edge(c, b.node(r["kind"], r["id"], r["name"], 1), rel_of[r["kind"]])

    center = {
        "id": c, "ags": ags, "name": m["name"], "official_name": m["official_name"],
        "population": m["population"], "lat": m["lat"], "lon": m["lon"],
        "district": {"key": m["district_key"], "name": m["district_name"]},
        "state": {"key": m["state_key"], "name": m["state_name"]},
        "projects": len(own), "projects_via_kreis_or_verband": len(set(ids) - own),
        "neighbours": sum(1 for e in b.edges.values() if e["kind"] == "NEIGHBOUR_OF"),
        "active_neighbours": active_neighbours,
        "type": types[0]["name"] if types else None,
        "roles": sorted(r["name"] for r in roles),
        "summary_de": _summary_de(m["name"], len(own), len(set(ids) - own),
                                  active_neighbours),
    }
    return b.result(center, withheld)


def _summary_de(name: str, own: int, indirect: int, active_neighbours: int) -> str:
    parts = [f"{name} nimmt an {de_count(own, 'Projekt', 'Projekten')} direkt teil" if own
             else f"{name} nimmt an keinem erfassten Projekt direkt teil"]
    if indirect:
        parts.append(f"an {indirect} weiteren über Kreis oder Gemeindeverband" if own
                     else f"über Kreis oder Gemeindeverband an {indirect}")
    parts.append(f"{de_count(active_neighbours, 'Nachbarkommune ist', 'Nachbarkommunen sind')} "
                 "selbst in Projekten aktiv")
    return "; ".join(parts) + "."


def _label_key(n: Any) -> tuple[str, str]:
    return str(n[0]), str(n[1])


def ego_graph(G: nx.Graph, ags: str) -> dict[str, Any]:
    """The ecosystem of ``ags`` from an analysis graph with typed node ids.

    Same shape as :func:`ecosystem`; contact data is never in the analysis
    graph.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_node(("Municipality", "1"), name="A", population=5)
    >>> G.add_node(("Municipality", "2"), name="B")
    >>> G.add_node(("Project", "p"), name="App", kind="city app")
    >>> G.add_edge(("Municipality", "1"), ("Project", "p"), kind="PARTICIPATES_IN")
    >>> G.add_edge(("Municipality", "2"), ("Project", "p"), kind="PARTICIPATES_IN")
    >>> eco = ego_graph(G, "1")
    >>> [(n["id"], n["ring"]) for n in eco["nodes"]]
    [('Municipality:1', 0), ('Project:p', 1), ('Municipality:2', 2)]
    >>> eco["center"]["projects"]
    1
    """
    c0 = ("Municipality", str(ags))
    if c0 not in G:
        raise UnknownMunicipality(str(ags))
    b = _Builder()

    def add(n: Any, ring: int) -> str:
        label, key = _label_key(n)
        attrs = {k: v for k, v in G.nodes[n].items() if k not in ("label", "key", "name")}
        return b.node(label, key, G.nodes[n].get("name"), ring, **attrs)

    def link(u: Any, v: Any) -> None:
        data = dict(G.edges[u, v])
        kind = data.pop("kind", None) or _guess_kind(u[0], v[0])
        src, dst = (u, v) if (u[0], v[0]) in _pairs(kind) else (v, u)
        b.edge(node_key(*_label_key(src)), node_key(*_label_key(dst)), kind,
               **{k: x for k, x in data.items() if k in _EDGE_ATTRS})

    c = add(c0, 0)
    ups: list[Any] = []  # Kreis and Verband: their projects and providers count too
    own, indirect, active = set(), set(), 0
    for n in _around(G, c0):
        label = n[0]
        if label in ("Project", "Organisation", "District", "MunicipalAssociation",
                     "MunicipalityType", "Role", "EGovComponent", "ParticipationTool",
                     "Municipality"):
            add(n, 1)
            link(c0, n)
        if label == "Project":
            own.add(n)
        if label in ("District", "MunicipalAssociation"):
            ups.append(n)
        if label == "Municipality":
            k = sum(1 for x in _around(G, n) if x[0] == "Project")
            b.nodes[node_key(*_label_key(n))]["projects"] = k
            active += k > 0
    for up in ups:
        for n in _around(G, up):
            if n[0] in ("Project", "Organisation") or n[0] == "State":
                add(n, 1)
                link(up, n)
                if n[0] == "Project" and n not in own:
                    indirect.add(n)
    for p in sorted(own | indirect):
        for n in _around(G, p):
            if n[0] == "Programme":
                add(n, 1)
                link(p, n)
            elif n[0] in ("Municipality", "District", "MunicipalAssociation", "Organisation"):
                add(n, 2)
                link(n, p)
    d = G.nodes[c0]
    center = {"id": c, "ags": str(ags), "name": d.get("name"),
              "official_name": d.get("official_name"), "population": d.get("population"),
              "lat": d.get("lat"), "lon": d.get("lon"),
              "district": {"key": d.get("district"), "name": _name_of(G, "District",
                                                                     d.get("district"))},
              "state": {"key": d.get("state"), "name": _name_of(G, "State", d.get("state"))},
              "projects": len(own), "projects_via_kreis_or_verband": len(indirect - own),
              "neighbours": sum(1 for n in _around(G, c0) if n[0] == "Municipality"),
              "active_neighbours": active,
              "summary_de": _summary_de(d.get("name") or str(ags), len(own),
                                        len(indirect - own), active)}
    return b.result(center)


def _name_of(G: nx.Graph, label: str, key: Any) -> str | None:
    n = (label, str(key))
    return G.nodes[n].get("name") if key is not None and n in G else None


def _around(G: nx.Graph, n: Any) -> Iterable[Any]:
    if G.is_directed():
        return sorted(set(G.successors(n)) | set(G.predecessors(n)))
    return sorted(G.neighbors(n))


def _pairs(kind: str) -> tuple[tuple[str, str], ...]:
    return schema.rel_type(kind).pairs


def _guess_kind(a: str, b: str) -> str:
    for rt in schema.REL_TYPES:
        if (a, b) in rt.pairs or (b, a) in rt.pairs:
            return rt.type
    raise KeyError(f"no relationship type between {a} and {b}")
