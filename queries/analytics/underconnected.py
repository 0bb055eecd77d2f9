"""Under-connected small towns: who is cut off from the cooperation network?

Definition
----------
A municipality is a *candidate* when it has at most ``max_population``
inhabitants and takes part in no recorded project itself. A municipality is
*active* when it takes part in at least one project directly. For every
candidate three signs of isolation are combined:

``no_active_neighbour`` (weight 0.4)
    none of its bordering municipalities is active (also when no neighbours
    are recorded);
``kreis_inactive`` (weight 0.3)
    neither its Kreis nor its Gemeindeverband takes part in a project, and no
    other municipality of its Kreis is active;
``distance`` (weight 0.3)
    distance to the nearest active municipality, ``min(km / 30, 1)``
    (unknown coordinates count as 1).

``isolation = 0.4·no_active_neighbour + 0.3·kreis_inactive + 0.3·distance``
lies in [0, 1]. The ranking ``score`` weighs it by the people served:
``score = isolation · (0.5 + 0.5 · population / max_population)``, so of two
equally isolated towns the larger comes first. Ties: larger population,
then AGS.

The bridge
----------
Each result names who could bring the town in, in this order:

1. the active neighbour with the most projects (then the nearest);
2. its Kreis, if the Kreis itself takes part in a project;
3. its Gemeindeverband, if that takes part in a project;
4. the nearest active municipality in the same Kreis;
5. the nearest active municipality anywhere;
6. without coordinates: the municipality of the same Land with most projects.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from ...graph.errors import InputError, UnknownEntity
from ...graph.resolve import normalise
from ...graph.schema import ASSOCIATION, DISTRICT, MUNICIPALITY, PROJECT, STATE
from ...graph.store import GraphStore
from ..geo import haversine_from, haversine_km
from ..german import de_count, de_int, de_num

__all__ = ["WEIGHTS", "DISTANCE_SCALE_KM", "underconnected_rank", "underconnected"]

#: Weights of the three isolation signs (they sum to 1).
WEIGHTS = {"no_active_neighbour": 0.4, "kreis_inactive": 0.3, "distance": 0.3}
#: Distance at which the distance sign reaches its maximum.
DISTANCE_SCALE_KM = 30.0

_M, _D, _V, _P = MUNICIPALITY, DISTRICT, ASSOCIATION, PROJECT

DEFINITION_DE = (
    "Kandidaten sind Kommunen mit höchstens MAX Einwohnern ohne eigenes erfasstes Projekt. "
    "Abgeschnittenheit = 0,4 × (keine Nachbarkommune in einem Projekt aktiv) "
    "+ 0,3 × (weder Kreis noch Gemeindeverband noch eine andere Gemeinde im Kreis aktiv) "
    "+ 0,3 × min(Entfernung zur nächsten aktiven Kommune / 30 km, 1). "
    "Rangwert = Abgeschnittenheit × (0,5 + 0,5 × Einwohner / MAX). "
    "Brücke: aktive Nachbarkommune, sonst der Kreis oder Gemeindeverband, wenn er selbst "
    "an einem Projekt teilnimmt, sonst die nächste aktive Kommune im Kreis, sonst die "
    "nächste aktive Kommune überhaupt (ohne Koordinaten: die aktivste Kommune im Land)."
)


def _around(G: nx.Graph, n: Any) -> list[Any]:
    """Neighbours in a fixed order (the analysis graph is undirected)."""
    return sorted(G.neighbors(n))


def _projects(G: nx.Graph, n: Any) -> list[str]:
    return sorted(str(x[1]) for x in G[n] if x[0] == _P)


def _pname(G: nx.Graph, pid: str) -> str:
    return str(G.nodes[(_P, pid)].get("name") or pid)


def _name(G: nx.Graph, n: Any) -> str:
    return str(G.nodes[n].get("name") or n[1]) if n in G else str(n[1])


def _nearest_all(points: list[tuple[float | None, float | None]], pts: np.ndarray,
                 keys: list[str], chunk: int = 2048) -> list[tuple[str | None, float | None]]:
    """For each point, the nearest of ``pts`` (haversine km); ties go to the smaller key.

    ``keys`` must be sorted so that ``argmin`` (first minimum) breaks ties by key.
    """
    out: list[tuple[str | None, float | None]] = [(None, None)] * len(points)
    known = [i for i, (la, lo) in enumerate(points) if la is not None and lo is not None]
    if not keys or not known:
        return out
    for start in range(0, len(known), chunk):
        idx = known[start:start + chunk]
        q = np.array([points[i] for i in idx], dtype=float)
        d = haversine_from(q[:, 0:1], q[:, 1:2], pts[:, 0][None, :], pts[:, 1][None, :])
        best = d.argmin(axis=1)
        for row, i in enumerate(idx):
            out[i] = (keys[int(best[row])], float(d[row, best[row]]))
    return out


def underconnected_rank(G: nx.Graph, *, land: str | None = None, kreis: str | None = None,
                        max_population: int = 20000, limit: int = 50) -> list[dict[str, Any]]:
    """Rank small municipalities of ``G`` by isolation (see the module docstring).

    Parameters
    ----------
    G : networkx graph
        Analysis graph with typed node ids; municipalities carry ``name``,
        ``population``, ``lat``, ``lon``, ``district`` (Kreis key) and
        ``state`` (Land key); optionally ``association``.
    land, kreis : str, optional
        Only municipalities in this Land (2-digit key) or Kreis (5-digit key).
    max_population : int
    limit : int

    Examples
    --------
    A and B border each other and share Kreis 01001; B runs project p. C, 100 km
    away, has no neighbours: isolation 0.4 + 0.3 + 0.3 = 1, score 1 · (0.5 + 0.5 ·
    1000 / 20000) = 0.525. A only has the distance sign, 0.3 · 11.1 km / 30 km.

    >>> G = nx.Graph()
    >>> G.add_node(("Municipality", "01001001"), name="A", population=1000, lat=54.0, lon=9.0,
    ...            district="01001", state="01")
    >>> G.add_node(("Municipality", "01001002"), name="B", population=5000, lat=54.1, lon=9.0,
    ...            district="01001", state="01")
    >>> G.add_node(("Municipality", "01002001"), name="C", population=1000, lat=55.0, lon=9.0,
    ...            district="01002", state="01")
    >>> G.add_edge(("Municipality", "01001001"), ("Municipality", "01001002"))
    >>> G.add_edge(("Municipality", "01001002"), ("Project", "p"))
    >>> r = underconnected_rank(G)
    >>> [(x["name"], x["score"], x["bridge"]["name"]) for x in r]
    [('C', 0.525, 'B'), ('A', 0.0584, 'B')]
    """
    return _rank(G, land=land, kreis=kreis, max_population=max_population, limit=limit)[1]


@dataclass
class _Activity:
    """Who is active where: what scoring and explaining every candidate share."""

    G: nx.Graph
    nprojects: dict[Any, list[str]]
    by_district: dict[str, list[Any]]
    by_state: dict[str, list[Any]]
    pts: np.ndarray
    keys: list[str]
    upper: dict[Any, list[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, G: nx.Graph) -> _Activity:
        munis = [n for n in G.nodes if n[0] == _M]
        nprojects = {n: _projects(G, n) for n in munis}
        active = [n for n in munis if nprojects[n]]
        by_district: dict[str, list[Any]] = defaultdict(list)
        by_state: dict[str, list[Any]] = defaultdict(list)
        for n in active:
            by_district[str(G.nodes[n].get("district") or n[1][:5])].append(n)
            by_state[str(G.nodes[n].get("state") or n[1][:2])].append(n)
        with_coords = sorted(n for n in active if G.nodes[n].get("lat") is not None
                             and G.nodes[n].get("lon") is not None)
        pts = np.array([[G.nodes[n]["lat"], G.nodes[n]["lon"]] for n in with_coords],
                       dtype=float).reshape(-1, 2)
        return cls(G, nprojects, by_district, by_state, pts, [n[1] for n in with_coords])

    def upper_projects(self, node: Any) -> list[str]:
        """Projects of a Kreis or Verband node (cached; [] if there is none)."""
        if node not in self.upper:
            self.upper[node] = (_projects(self.G, node) if node is not None and node in self.G
                                else [])
        return self.upper[node]


def _candidates(act: _Activity, land: str | None, kreis: str | None,
                max_population: int) -> list[Any]:
    """Municipalities without a project, small enough, in the Land or Kreis asked for."""
    out = []
    for n, projects in act.nprojects.items():
        d = act.G.nodes[n]
        ags = str(n[1])
        if projects or (d.get("population") or 0) > max_population:
            continue
        if land is not None and str(d.get("state") or ags[:2]) != land:
            continue
        if kreis is not None and str(d.get("district") or ags[:5]) != kreis:
            continue
        out.append(n)
    return out


def _isolation(no_active_neighbour: bool, kreis_inactive: bool, dist: float | None) -> float:
    dist_term = 1.0 if dist is None else min(dist / DISTANCE_SCALE_KM, 1.0)
    return (WEIGHTS["no_active_neighbour"] * no_active_neighbour
            + WEIGHTS["kreis_inactive"] * kreis_inactive
            + WEIGHTS["distance"] * dist_term)


def _score(isolation: float, pop: int, max_population: int) -> float:
    return round(isolation * (0.5 + 0.5 * min(pop / max_population, 1.0)), 4)


def _quick_score(act: _Activity, n: Any, dist: float | None, max_population: int) -> float:
    """Pass 1: the score of one candidate, without reasons."""
    G, d = act.G, act.G.nodes[n]
    dkey = str(d.get("district") or n[1][:5])
    vkey = d.get("association")
    has_active_nb = any(x[0] == _M and act.nprojects.get(x) for x in _around(G, n))
    kreis_active = (act.upper_projects((_D, dkey))
                    or act.upper_projects((_V, str(vkey)) if vkey else None)
                    or any(x != n for x in act.by_district.get(dkey, [])))
    return _score(_isolation(not has_active_nb, not kreis_active, dist),
                  d.get("population") or 0, max_population)


def _neighbour_reason(G: nx.Graph, neighbours: list[Any], act_nb: list[Any]) -> str:
    if not neighbours:
        return "Keine Nachbarkommunen erfasst."
    if not act_nb:
        return ("Die einzige Nachbarkommune ist in keinem Projekt aktiv."
                if len(neighbours) == 1 else
                f"Keine der {len(neighbours)} Nachbarkommunen ist in einem Projekt aktiv.")
    return (f"{len(act_nb)} von {len(neighbours)} Nachbarkommunen sind aktiv, "
            f"z. B. {_name(G, act_nb[0])}.")


def _kreis_reason(G: nx.Graph, kname: str, d_projects: list[str], vnode: Any,
                  v_projects: list[str], in_kreis: list[Any]) -> str:
    if not (d_projects or v_projects or in_kreis):
        return (f"Weder der Kreis ({kname}) noch eine andere Gemeinde im Kreis "
                "nimmt an einem Projekt teil.")
    if d_projects:
        return (f"Der Kreis ({kname}) nimmt selbst an "
                f"{de_count(len(d_projects), 'Projekt', 'Projekten')} teil.")
    if v_projects:
        return (f"Der Gemeindeverband {_name(G, vnode)} nimmt an "
                f"{de_count(len(v_projects), 'Projekt', 'Projekten')} teil.")
    return (f"Im Kreis ({kname}) "
            + ("ist 1 andere Gemeinde aktiv." if len(in_kreis) == 1 else
               f"sind {de_int(len(in_kreis))} andere Gemeinden aktiv."))


def _result(act: _Activity, n: Any, near: str | None, dist: float | None,
            max_population: int) -> dict[str, Any]:
    """Pass 2: one listed candidate with its score, German reasons and bridge."""
    G, d = act.G, act.G.nodes[n]
    ags = str(n[1])
    pop = d.get("population") or 0
    dkey = str(d.get("district") or ags[:5])
    skey = str(d.get("state") or ags[:2])
    neighbours = [x for x in _around(G, n) if x[0] == _M]
    act_nb = [x for x in neighbours if act.nprojects.get(x)]
    dnode, vkey = (_D, dkey), d.get("association")
    vnode = (_V, str(vkey)) if vkey else None
    d_projects = _projects(G, dnode) if dnode in G else []
    v_projects = _projects(G, vnode) if vnode is not None and vnode in G else []
    in_kreis = [x for x in act.by_district.get(dkey, []) if x != n]
    kreis_inactive = not (d_projects or v_projects or in_kreis)
    isolation = _isolation(not act_nb, kreis_inactive, dist)
    kname = _name(G, dnode)
    reasons = ["Nimmt an keinem erfassten Projekt teil.",
               _neighbour_reason(G, neighbours, act_nb),
               _kreis_reason(G, kname, d_projects, vnode, v_projects, in_kreis)]
    if near is None:
        reasons.append("Entfernung zur nächsten aktiven Kommune unbekannt (keine Koordinaten).")
    else:
        reasons.append(f"Nächste aktive Kommune: {_name(G, (_M, near))}, "
                       f"{de_num(dist, 1)} km entfernt.")
    reasons.append(f"Erreicht {de_int(pop)} Einwohnerinnen und Einwohner.")
    bridge = _bridge(G, d, act.nprojects, act_nb, dnode, d_projects, vnode, v_projects,
                     in_kreis, near, dist, act.by_state.get(skey, []))
    return {
        "ags": ags, "name": d.get("name") or ags, "population": d.get("population"),
        "district": kname, "district_key": dkey,
        "state": _name(G, (STATE, skey)), "state_key": skey,
        "lat": d.get("lat"), "lon": d.get("lon"),
        "score": _score(isolation, pop, max_population), "isolation": round(isolation, 4),
        "signals": {"no_active_neighbour": not act_nb, "kreis_inactive": kreis_inactive,
                    "distance_km": None if dist is None else round(dist, 1),
                    "neighbours": len(neighbours), "active_neighbours": len(act_nb)},
        "reasons_de": reasons,
        "bridge": bridge,
    }


def _rank(G: nx.Graph, *, land: str | None, kreis: str | None, max_population: int,
          limit: int) -> tuple[int, list[dict[str, Any]]]:
    """(number of candidates, the top ``limit`` results with reasons and bridge)."""
    if max_population < 1:
        raise InputError("max_population must be >= 1",
                         "--max-population muss mindestens 1 sein.")
    if limit < 1:
        raise InputError("limit must be >= 1", "--limit muss mindestens 1 sein.")
    act = _Activity.of(G)
    candidates = _candidates(act, land, kreis, max_population)
    nearest = _nearest_all([(G.nodes[n].get("lat"), G.nodes[n].get("lon")) for n in candidates],
                           act.pts, act.keys)
    # pass 1: the score of every candidate; pass 2: reasons and bridge for the top ones
    scored = sorted(
        ((-_quick_score(act, n, dist, max_population), -(G.nodes[n].get("population") or 0),
          str(n[1]), n, near, dist)
         for n, (near, dist) in zip(candidates, nearest, strict=True)),
        key=lambda t: t[:3])
    return len(scored), [_result(act, n, near, dist, max_population)
                         for _, _, _, n, near, dist in scored[:limit]]


def _dist(d: dict[str, Any], o: dict[str, Any]) -> float | None:
    if None in (d.get("lat"), d.get("lon"), o.get("lat"), o.get("lon")):
        return None
    return round(haversine_km(d["lat"], d["lon"], o["lat"], o["lon"]), 1)


def _bridge(G: nx.Graph, d: dict[str, Any], nprojects: dict[Any, list[str]],
            act_nb: list[Any], dnode: Any, d_projects: list[str], vnode: Any,
            v_projects: list[str], in_kreis: list[Any], near: str | None,
            dist: float | None, in_land: list[Any]) -> dict[str, Any] | None:
    def example(pids: list[str]) -> str:
        return f"z. B. „{_pname(G, pids[0])}“"

    if act_nb:
        best = sorted(act_nb, key=lambda x: (-len(nprojects[x]),
                                             _dist(d, G.nodes[x]) or 0.0, x[1]))[0]
        km = _dist(d, G.nodes[best])
        ps = nprojects[best]
        return {"ags": best[1], "name": _name(G, best), "kind": _M, "distance_km": km,
                "text_de": f"Grenzt an {_name(G, best)}, das an "
                           f"{de_count(len(ps), 'Projekt', 'Projekten')} teilnimmt "
                           f"({example(ps)})."}
    if d_projects:
        return {"key": dnode[1], "name": _name(G, dnode), "kind": _D, "distance_km": None,
                "text_de": f"Der Kreis ({_name(G, dnode)}) nimmt selbst an "
                           f"{de_count(len(d_projects), 'Projekt', 'Projekten')} teil "
                           f"({example(d_projects)}) und kann die Gemeinde einbinden."}
    if v_projects:
        return {"key": vnode[1], "name": _name(G, vnode), "kind": _V, "distance_km": None,
                "text_de": f"Der Gemeindeverband {_name(G, vnode)} nimmt an "
                           f"{de_count(len(v_projects), 'Projekt', 'Projekten')} teil "
                           f"({example(v_projects)})."}
    if in_kreis:
        best = sorted(in_kreis, key=lambda x: (_dist(d, G.nodes[x]) is None,
                                               _dist(d, G.nodes[x]) or 0.0, x[1]))[0]
        km = _dist(d, G.nodes[best])
        ps = nprojects[best]
        where = f", {de_num(km, 1)} km entfernt" if km is not None else ""
        return {"ags": best[1], "name": _name(G, best), "kind": _M, "distance_km": km,
                "text_de": f"{_name(G, best)} im selben Kreis{where} nimmt an "
                           f"{de_count(len(ps), 'Projekt', 'Projekten')} teil ({example(ps)})."}
    if near is not None and dist is not None:
        node = (_M, near)
        ps = nprojects[node]
        return {"ags": near, "name": _name(G, node), "kind": _M, "distance_km": round(dist, 1),
                "text_de": f"Nächste aktive Kommune: {_name(G, node)}, {de_num(dist, 1)} km "
                           f"entfernt, nimmt an {de_count(len(ps), 'Projekt', 'Projekten')} "
                           f"teil ({example(ps)})."}
    if in_land:  # no coordinates: the most active municipality of the Land
        best = sorted(in_land, key=lambda x: (-len(nprojects[x]), x[1]))[0]
        ps = nprojects[best]
        return {"ags": best[1], "name": _name(G, best), "kind": _M, "distance_km": None,
                "text_de": f"Lage unbekannt; die aktivste Kommune im Land ist "
                           f"{_name(G, best)} mit {de_count(len(ps), 'Projekt', 'Projekten')} "
                           f"({example(ps)})."}
    return None


def _land_key(G: nx.Graph, land: str) -> str:
    """A Land key from a key (``"05"``) or a (prefix of a) Land name."""
    text = land.strip()
    if (STATE, text) in G:
        return text
    q = normalise(text)
    hits = sorted(n[1] for n in G.nodes if n[0] == STATE and q
                  and normalise(str(G.nodes[n].get("name") or "")).startswith(q))
    if len(hits) == 1:
        return hits[0]
    raise UnknownEntity(f"unknown Land {land!r}",
                        f"Kein eindeutiges Land für „{land}“ (Schlüssel wie 05 oder Name).")


def underconnected(store: GraphStore, *, land: str | None = None, kreis: str | None = None,
                   max_population: int = 20000, limit: int = 50,
                   G: nx.Graph | None = None) -> dict[str, Any]:
    """Small municipalities ranked by how cut off they are, each with a bridge.

    Parameters
    ----------
    store : GraphStore
    land : str, optional
        Land key (``"05"``) or name (``"Nordrhein-Westfalen"``) to filter by.
    kreis : str, optional
        Kreis key (``"05954"``) to filter by.
    max_population : int
        Only municipalities with at most this many inhabitants.
    limit : int
        At most this many results.
    G : networkx graph, optional
        The analysis graph; loaded with ``load_network(store)`` if missing.

    Returns
    -------
    dict
        ``query``, ``definition_de``, ``candidates`` (how many qualified
        before ``limit``) and ``results`` [{ags, name, population, district,
        state, lat, lon, score, isolation, signals, reasons_de, bridge}].
    """
    if G is None:
        from .network import load_network

        G = load_network(store)
    if land is not None:
        land = _land_key(G, land)
    if kreis is not None and (_D, kreis) not in G:
        raise UnknownEntity(f"unknown Kreis {kreis!r}", f"Kein Kreis mit Schlüssel „{kreis}“.")
    count, results = _rank(G, land=land, kreis=kreis, max_population=max_population,
                           limit=limit)
    return {
        "query": {"land": land, "kreis": kreis, "max_population": max_population,
                  "limit": limit},
        "definition_de": DEFINITION_DE.replace("MAX", de_int(max_population)),
        "weights": dict(WEIGHTS),
        "candidates": count,
        "results": results,
    }


_BRIDGE_KIND_DE = {_D: "den Kreis", _V: "den Gemeindeverband"}


def group_by_bridge(results: list[dict[str, Any]], *, min_size: int = 2) -> list[dict[str, Any]]:
    """Towns that share a bridge: "these N towns could all be brought in through X".

    A pure function over the ``results`` of :func:`underconnected`; towns without
    a bridge are left out, and so are groups smaller than ``min_size``. Groups
    come largest first (then by the bridge's name); members keep their rank order.
    Each group: ``kind``, ``ags`` or ``key``, ``name`` and ``via_de`` ("den Kreis",
    "den Gemeindeverband" or "") of the bridge, ``members``, ``size``, ``text_de``.

    >>> r = [{"ags": "1", "name": "A", "bridge": {"ags": "9", "name": "Z", "kind": _M}},
    ...      {"ags": "2", "name": "B", "bridge": {"key": "05954", "name": "EN", "kind": _D}},
    ...      {"ags": "3", "name": "C", "bridge": {"ags": "9", "name": "Z", "kind": _M}}]
    >>> [(g["name"], [m["name"] for m in g["members"]], g["text_de"]) for g in group_by_bridge(r)]
    [('Z', ['A', 'C'], 'Diese 2 Kommunen könnten alle über Z eingebunden werden.')]
    >>> group_by_bridge(r, min_size=1)[1]["text_de"]
    'Diese Kommune könnte über den Kreis EN eingebunden werden.'
    """
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for r in results:
        b = r.get("bridge")
        if not b:
            continue
        ident = str(b.get("ags") or b.get("key") or b.get("name"))
        g = groups.setdefault((str(b.get("kind")), ident), {
            "kind": b.get("kind"), "ags": b.get("ags"), "key": b.get("key"),
            "name": b.get("name") or ident, "members": []})
        g["members"].append({"ags": r["ags"], "name": r["name"],
                             "population": r.get("population")})
    out = []
    for g in groups.values():
        n = len(g["members"])
        if n < min_size:
            continue
        g["via_de"] = _BRIDGE_KIND_DE.get(g["kind"], "")
        through = f"{g['via_de']} {g['name']}".strip()
        g["size"] = n
        g["text_de"] = (f"Diese {de_int(n)} Kommunen könnten alle über {through} eingebunden "
                        "werden." if n > 1 else
                        f"Diese Kommune könnte über {through} eingebunden werden.")
        out.append(g)
    out.sort(key=lambda g: (-g["size"], str(g["name"])))
    return out
