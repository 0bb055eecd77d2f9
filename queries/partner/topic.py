"""What a partner query is about: a project, a project kind, an OZG service or a Themenfeld.

:func:`resolve_topic` checks the topic and returns the projects that count as
experience with it, and the projects that are close to it (same programme or
kind, same Themenfeld) with the reason why.
"""

from __future__ import annotations

import networkx as nx

from ...graph.errors import InputError, UnknownEntity
from ...graph.resolve import normalise
from ...graph.schema import OZG_SERVICE, PROJECT, SERVICE_AREA
from .index import Memberships, StaticIndex
from .kinds import similarity as kind_similarity
from .text import KIND_DE

__all__ = ["resolve_topic", "Topic"]

Topic = tuple[tuple[str, str] | None, set[str], dict[str, str]]


def _check_one(project: str | None, kind: str | None, ozg: str | None,
               themenfeld: str | None) -> tuple[str, str] | None:
    given = [(k, v) for k, v in (("project", project), ("kind", kind), ("ozg", ozg),
                                 ("themenfeld", themenfeld)) if v]
    if len(given) > 1:
        raise InputError("only one topic allowed",
                         "Bitte nur eines angeben: --project, --kind, --ozg oder --themenfeld.")
    return given[0] if given else None


def _project_topic(st: StaticIndex, value: str) -> Topic:
    if (PROJECT, value) not in st.G:
        raise UnknownEntity(f"unknown project {value!r}",
                            f"Kein Projekt mit der ID „{value}“ gefunden.")
    similar: dict[str, str] = {}
    progs = set(st.programmes_of.get(value, ()))
    k = st.kind_of.get(value)
    for q in st.projects:
        if q == value:
            continue
        shared = sorted(progs & set(st.programmes_of.get(q, ())))
        if shared:
            similar[q] = "programme:" + shared[0]
        elif k and st.kind_of.get(q) == k:
            similar[q] = "kind:" + k
    return ("project", value), {value}, similar


def _kind_topic(st: StaticIndex, value: str) -> Topic:
    known = {k for k in st.kind_of.values() if k}
    if value not in known and value not in KIND_DE:
        raise InputError(f"unknown kind {value!r}",
                         f"Unbekannte Projektart „{value}“. Bekannt: "
                         + ", ".join(sorted(known or KIND_DE)) + ".")
    return ("kind", value), {p for p in st.projects
                             if kind_similarity(st.kind_of.get(p), value) > 0}, {}


def _ozg_topic(st: StaticIndex, value: str) -> Topic:
    if (OZG_SERVICE, value) not in st.G:
        raise UnknownEntity(f"unknown OZG service {value!r}",
                            f"Keine OZG-Leistung mit der ID „{value}“ gefunden.")
    topic = {p for p in st.projects if value in st.ozg_of.get(p, ())}
    similar: dict[str, str] = {}
    area = st.area_of.get(value)
    if area:
        direct = _area_projects(st, area)
        for q in st.projects:
            if q not in topic and (q in direct or any(st.area_of.get(o) == area
                                                      for o in st.ozg_of[q])):
                similar[q] = "area:" + area
    return ("ozg", value), topic, similar


def _area_projects(st: StaticIndex, area: str) -> set[str]:
    """Projects linked to the Themenfeld itself (the topic rules' derived links)."""
    node = (SERVICE_AREA, area)
    return {v[1] for v in st.G[node] if v[0] == PROJECT} if node in st.G else set()


def _area_topic(st: StaticIndex, value: str) -> Topic:
    area = _resolve_area(st.G, value)
    topic = {p for p in st.projects
             if any(st.area_of.get(o) == area for o in st.ozg_of.get(p, ()))}
    return ("themenfeld", area), topic | _area_projects(st, area), {}


def resolve_topic(st: StaticIndex, mb: Memberships, *, project: str | None, kind: str | None,
                  ozg: str | None, themenfeld: str | None) -> Topic:
    """``(what, value)``, the topic's projects and the similar projects (project → why).

    For a kind, the topic's projects include those of related kinds (:mod:`.kinds`);
    the experience signal weighs them by their similarity."""
    given = _check_one(project, kind, ozg, themenfeld)
    if given is None:
        return None, set(), {}
    what, value = given
    handler = {"project": _project_topic, "kind": _kind_topic, "ozg": _ozg_topic,
               "themenfeld": _area_topic}[what]
    return handler(st, value)


def _resolve_area(G: nx.Graph, text: str) -> str:
    areas = {k: G.nodes[(SERVICE_AREA, k)].get("name") or k
             for (label, k) in G if label == SERVICE_AREA}
    if text in areas:
        return text
    t = normalise(text)
    hits = sorted(k for k, name in areas.items() if normalise(name) == t)
    if not hits:
        hits = sorted(k for k, name in areas.items() if normalise(name).startswith(t))
    if len(hits) == 1:
        return hits[0]
    listing = ", ".join(sorted(areas[k] for k in (hits or areas)))
    raise UnknownEntity(f"unknown Themenfeld {text!r}",
                        f"Themenfeld „{text}“ nicht eindeutig gefunden. Themenfelder: {listing}.")
