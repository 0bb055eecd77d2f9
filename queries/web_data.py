"""Reads that only the web viewer needs: headline figures, project catalogue, network overview.

Plain data in, plain data out; the views render it. No scores are computed
here: the network overview counts shared projects and aggregates them by
Kreis, and sizes nodes by the analytics properties that ``centrality``
wrote back (or by the number of projects when none were written).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..graph.errors import InputError, UnknownEntity
from ..graph.store import GraphStore
from .cypher_files import run

__all__ = [
    "SMALL_TOWN_MAX",
    "MAX_NETWORK_NODES",
    "headline",
    "filter_options",
    "project_catalogue",
    "project_detail",
    "network_overview",
    "network_analytics",
]

#: Population below which a municipality counts as a small town (as in ``underconnected``).
SMALL_TOWN_MAX = 20000
#: The network overview never returns more nodes than this.
MAX_NETWORK_NODES = 1500


def headline(store: GraphStore) -> dict[str, Any]:
    """Figures for the start page.

    ``municipalities``, ``projects``, ``memberships`` (PARTICIPATES_IN edges),
    ``small_towns`` (population < 20,000), ``small_towns_connected`` (of
    those, taking part in at least one project) and ``small_towns_share``.
    """
    h = run(store, "web_headline")[0]
    s = run(store, "web_small_towns", max_population=SMALL_TOWN_MAX)[0]
    total, connected = int(s["total"] or 0), int(s["connected"] or 0)
    return {
        "municipalities": int(h["municipalities"]),
        "projects": int(h["projects"]),
        "memberships": int(h["memberships"]),
        "small_towns": total,
        "small_towns_connected": connected,
        "small_towns_share": (connected / total) if total else None,
        "small_town_max_population": SMALL_TOWN_MAX,
    }


def filter_options(store: GraphStore) -> dict[str, Any]:
    """Lands, Kreise, project kinds, Themenfelder, OZG services and programmes for filters."""
    programmes: dict[str, str] = {}
    for r in run(store, "web_project_programmes", id=""):
        programmes[r["id"]] = r["name"]
    return {
        "states": run(store, "web_states"),
        "districts": run(store, "web_districts"),
        "kinds": [r["kind"] for r in run(store, "web_project_kinds")],
        "themenfelder": run(store, "web_themenfelder"),
        "ozg_services": run(store, "web_ozg_services"),
        "programmes": [{"id": k, "name": v} for k, v in
                       sorted(programmes.items(), key=lambda kv: (kv[1] or "", kv[0]))],
    }


def project_catalogue(store: GraphStore, *, kind: str | None = None,
                      open_source: bool | None = None, programme: str | None = None,
                      themenfeld: str | None = None, q: str | None = None) -> dict[str, Any]:
    """Projects with kind, status, licence, programmes, Themenfelder and member count.

    Filters: ``kind`` (exact), ``open_source``, ``programme`` (id),
    ``themenfeld`` (id or name) and ``q`` (substring of the name).
    """
    programmes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in run(store, "web_project_programmes", id=""):
        programmes[r["project"]].append({"id": r["id"], "name": r["name"]})
    fields: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in run(store, "web_project_themenfelder", id=""):
        fields[r["project"]].append({"id": r["id"], "name": r["name"]})
    needle = (q or "").casefold()
    results = []
    for r in run(store, "web_projects"):
        p = dict(r)
        p["programmes"] = programmes.get(p["id"], [])
        p["themenfelder"] = fields.get(p["id"], [])
        if kind and p["kind"] != kind:
            continue
        if open_source is not None and bool(p["open_source"]) != open_source:
            continue
        if programme and programme not in {g["id"] for g in p["programmes"]}:
            continue
        if themenfeld and themenfeld not in {t["id"] for t in p["themenfelder"]} | {
                t["name"] for t in p["themenfelder"]}:
            continue
        if needle and needle not in (p["name"] or "").casefold():
            continue
        results.append(p)
    return {
        "query": {"kind": kind, "open_source": open_source, "programme": programme,
                  "themenfeld": themenfeld, "q": q},
        "count": len(results),
        "results": results,
    }


def project_detail(store: GraphStore, project_id: str) -> dict[str, Any]:
    """One project with programmes, OZG services, Themenfelder and all members."""
    rows = run(store, "web_project", id=project_id)
    if not rows:
        raise UnknownEntity(f"unknown project {project_id!r}",
                            f"Kein Projekt mit der Kennung „{project_id}“ gefunden.")
    p = dict(rows[0])
    p["programmes"] = [{"id": r["id"], "name": r["name"], "funder": r["funder"]}
                       for r in run(store, "web_project_programmes", id=project_id)]
    p["services"] = run(store, "web_project_services", id=project_id)
    p["themenfelder"] = [{"id": r["id"], "name": r["name"]}
                         for r in run(store, "web_project_themenfelder", id=project_id)]
    p["municipalities"] = run(store, "web_project_municipalities", id=project_id)
    # Kreise, then Gemeindeverbände, then organisations, each by name: the same order on
    # every store (a UNION has none of its own)
    kinds = {"district": 0, "association": 1, "organisation": 2}
    p["other_members"] = sorted(
        run(store, "web_project_other_members", id=project_id),
        key=lambda r: (kinds.get(r["kind"], 3), r["name"] or "", r["key"] or ""))
    return p


def network_analytics(store: GraphStore, *, seed: int = 1) -> dict[str, dict[str, Any]]:
    """Region (``community``), ``pagerank`` and ``degree`` per municipality of the network.

    Computed with :mod:`.centrality` (``cooperation_graph``, ``digital_regions`` with
    ``seed``, ``centrality_scores``), the same numbers ``communities --seed 1`` and
    ``centrality`` report, for a store where they were not written back. Regions are
    numbered 1, 2, … from the largest.
    """
    from .analytics.centrality import centrality_scores, cooperation_graph, digital_regions
    from .analytics.network import load_network

    H = cooperation_graph(load_network(store))
    out: dict[str, dict[str, Any]] = {
        a: {"pagerank": v["pagerank"], "degree": v["degree"]}
        for a, v in centrality_scores(H, seed=seed).items()}
    for i, members in enumerate(digital_regions(H, seed=seed), start=1):
        for a in members:
            out.setdefault(a, {})["community"] = i
    return out


def _size(m: dict[str, Any]) -> float:
    """The node size measure: PageRank if written back, else degree, else projects."""
    for key in ("pagerank", "degree"):
        if m.get(key) is not None:
            return float(m[key])
    return float(m.get("projects") or 0)


def _members_and_ties(store: GraphStore, kind: str | None,
                      analytics: dict[str, dict[str, Any]] | None,
                      ) -> tuple[dict[str, dict[str, Any]], list[tuple[str, str, int]]]:
    """Active municipalities (with analytics filled in) and their shared-project ties."""
    members = {r["ags"]: dict(r) for r in run(store, "web_network_members")}
    for a, extra in (analytics or {}).items():
        if a in members:
            for k, v in extra.items():
                if members[a].get(k) is None:
                    members[a][k] = v
    ties = [(r["a"], r["b"], int(r["shared"]))
            for r in run(store, "web_network_ties", kind=kind or "")]
    if kind:
        active = {a for t in ties for a in t[:2]}
        members = {k: v for k, v in members.items() if k in active}
    return members, ties


def _kreis_and_partners(members: dict[str, dict[str, Any]], ties: list[tuple[str, str, int]],
                        kreis: str, max_nodes: int) -> set[str]:
    """The Kreis's active municipalities, then their partners by the strongest ties."""
    inside = {a for a, m in members.items() if m["district_key"] == kreis}
    chosen = set(inside)
    keep = [t for t in ties if t[0] in inside or t[1] in inside]
    for a, b, _ in sorted(keep, key=lambda t: (-t[2], t[0], t[1])):
        if len(chosen) >= max_nodes:
            break
        chosen.update((a, b))
    return chosen


def network_overview(store: GraphStore, *, land: str | None = None, kreis: str | None = None,
                     kind: str | None = None, level: str | None = None,
                     region: int | None = None, max_nodes: int = MAX_NETWORK_NODES,
                     analytics: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """The municipality cooperation network (shared projects), never above ``max_nodes``.

    Without a filter (or when the filtered network is still too large) the
    municipalities are aggregated into their Kreise (``level="kreise"``):
    one super-node per Kreis, edges weighted by the number of shared-project
    ties between their municipalities. With ``kreis`` the network shows the
    Kreis's active municipalities and their direct partners
    (``level="gemeinden"``), keeping the strongest ties if it is too large.
    ``level="regionen"`` aggregates into digital regions (``community``)
    instead; ``region`` shows the members of one region.

    ``analytics`` ({ags: {community, pagerank, degree}}, e.g. from
    :func:`network_analytics`) fills in values the store does not hold.

    Returns ``{"query", "level", "nodes": [...], "edges": [...], "truncated",
    "total_nodes"}``. Municipality nodes carry ``ags``, ``name``, ``district``,
    ``state``, ``community``, ``size`` (PageRank, degree or project count) and
    ``lat``/``lon``; Kreis nodes carry ``key``, ``name``, ``state``,
    ``members`` (active municipalities) and ``size``.
    """
    if level not in (None, "kreise", "gemeinden", "regionen"):
        raise InputError(f"unknown level {level!r}",
                         "Ebene muss „kreise“, „regionen“ oder „gemeinden“ sein.")
    members, ties = _members_and_ties(store, kind, analytics)
    query = {"land": land, "kreis": kreis, "kind": kind, "level": level, "region": region}
    if kreis:
        chosen = _kreis_and_partners(members, ties, kreis, max_nodes)
        return _municipality_level(members, ties, chosen, query, max_nodes)
    pool = {a for a, m in members.items() if not land or m["state_key"] == land}
    if region is not None:
        chosen = {a for a in pool if members[a].get("community") == region}
        return _municipality_level(members, ties, chosen, query, max_nodes)
    if level == "gemeinden" or (land and level is None and len(pool) <= max_nodes):
        return _municipality_level(members, ties, pool, query, max_nodes)
    if level == "regionen":
        return _region_level(members, ties, pool, query)
    return _district_level(members, ties, pool, query)


def _municipality_level(members: dict[str, dict[str, Any]], ties: list[tuple[str, str, int]],
                        chosen: set[str], query: dict[str, Any],
                        max_nodes: int) -> dict[str, Any]:
    total = len(chosen)
    truncated = total > max_nodes
    if truncated:  # keep the largest by size measure
        chosen = set(sorted(chosen, key=lambda a: (-_size(members[a]), a))[:max_nodes])
    nodes = [
        {"id": a, "ags": a, "name": m["name"], "district": m["district"],
         "district_key": m["district_key"], "state": m["state"], "state_key": m["state_key"],
         "community": m["community"], "projects": m["projects"], "population": m["population"],
         "pagerank": m["pagerank"], "degree": m["degree"], "size": _size(m),
         "lat": m["lat"], "lon": m["lon"]}
        for a, m in sorted(members.items()) if a in chosen
    ]
    edges = [{"source": a, "target": b, "weight": w} for a, b, w in ties
             if a in chosen and b in chosen]
    return {"query": query, "level": "gemeinden", "nodes": nodes, "edges": edges,
            "truncated": truncated, "total_nodes": total}


def _region_level(members: dict[str, dict[str, Any]], ties: list[tuple[str, str, int]],
                  pool: set[str], query: dict[str, Any]) -> dict[str, Any]:
    """One super-node per digital region (municipalities without a region are left out)."""
    in_region = {a for a in pool if members[a].get("community") is not None}
    return _aggregate(members, ties, in_region, query, "regionen",
                      lambda m: f"r{m['community']}",
                      lambda m: {"key": m["community"],
                                 "name": f"Digitale Region {m['community']}"})


def _district_level(members: dict[str, dict[str, Any]], ties: list[tuple[str, str, int]],
                    pool: set[str], query: dict[str, Any]) -> dict[str, Any]:
    return _aggregate(members, ties, pool, query, "kreise", lambda m: m["district_key"],
                      lambda m: {"key": m["district_key"], "name": m["district"]})


def _aggregate(members: dict[str, dict[str, Any]], ties: list[tuple[str, str, int]],
               pool: set[str], query: dict[str, Any], level: str, group_of: Any,
               describe: Any) -> dict[str, Any]:
    """Super-nodes (Kreise or regions): member count, summed size, mean position, main Land."""
    groups: dict[str, dict[str, Any]] = {}
    states: dict[str, dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
    for a in pool:
        m = members[a]
        g = group_of(m)
        states[g][(m["state_key"], m["state"])] += 1
        d = groups.setdefault(g, {
            "id": g, **describe(m), "state": m["state"], "state_key": m["state_key"],
            "members": 0, "size": 0.0, "_lat": [], "_lon": []})
        d["members"] += 1
        d["size"] += _size(m)
        if m["lat"] is not None and m["lon"] is not None:
            d["_lat"].append(m["lat"])
            d["_lon"].append(m["lon"])
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for a, b, w in ties:
        if a not in pool or b not in pool:
            continue
        da, db = group_of(members[a]), group_of(members[b])
        if da != db:
            weights[tuple(sorted((da, db)))] += w  # type: ignore[index]
    nodes = []
    for key in sorted(groups):
        d = groups[key]
        (d["state_key"], d["state"]), _ = max(states[key].items(), key=lambda kv: (kv[1], kv[0]))
        lat, lon = d.pop("_lat"), d.pop("_lon")
        d["lat"] = sum(lat) / len(lat) if lat else None
        d["lon"] = sum(lon) / len(lon) if lon else None
        nodes.append(d)
    edges = [{"source": a, "target": b, "weight": w} for (a, b), w in sorted(weights.items())]
    return {"query": query, "level": level, "nodes": nodes, "edges": edges,
            "truncated": False, "total_nodes": len(nodes)}
