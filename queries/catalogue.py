"""The project catalogue grouped by programme, with software listed apart.

Many catalogue entries share one name: every winner of a competition is its
own project ("Digitale Zukunftskommune@bw Teil B" sixteen times), linked to
the others only through the programme. The catalogue therefore groups
projects by programme ("Digitale Zukunftskommune@bw: 33 Projekte") and names
a few members of each entry. Software that no known municipality uses yet
(``kind`` software, no member) is listed as software with "Noch keine
bekannten Nutzer", never as a project with 0 members; another entry without a
linked member says that the source did not name its members unambiguously.

Filters: those of :func:`~kommunalgraph.queries.web_data.project_catalogue`
(kind, open source, programme, Themenfeld, name) plus Land (key) and status.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..graph.store import GraphStore
from .cypher_files import run
from .german import de_count
from .web_data import project_catalogue

__all__ = ["grouped_catalogue", "programme_label", "members_text", "STATUSES_DE",
           "NO_USERS_DE", "NO_MEMBERS_DE"]

NO_USERS_DE = "Noch keine bekannten Nutzer"
NO_MEMBERS_DE = "Beteiligte in der Quelle nicht eindeutig zugeordnet"
#: status filter values (as stored) → German
STATUSES_DE = {"active": "laufend", "planned": "geplant", "completed": "abgeschlossen",
               "uncertain": "unsicher"}
_PREVIEW = 3


def programme_label(name: str, count: int) -> str:
    """``"Digitale Zukunftskommune@bw: 16 Projekte"``.

    >>> programme_label("Digitale Zukunftskommune@bw", 16)
    'Digitale Zukunftskommune@bw: 16 Projekte'
    >>> programme_label("simul+", 1)
    'simul+: 1 Projekt'
    """
    return f"{name}: {de_count(count, 'Projekt', 'Projekte')}"


def members_text(names: list[str], total: int) -> str:
    """A short German member list: the first few names and how many more.

    >>> members_text(["Aalen", "Heidenheim"], 2)
    'Aalen, Heidenheim'
    >>> members_text(["A", "B", "C"], 5)
    'A, B, C und 2 weitere'
    """
    text = ", ".join(names[:_PREVIEW])
    if total > _PREVIEW:
        text += f" und {total - _PREVIEW} weitere"
    return text


def grouped_catalogue(store: GraphStore, *, kind: str | None = None,
                      open_source: bool | None = None, programme: str | None = None,
                      themenfeld: str | None = None, q: str | None = None,
                      land: str | None = None, status: str | None = None) -> dict[str, Any]:
    """The catalogue as programme groups, projects without programme, and software.

    Returns ``query``, ``count`` and ``results`` (the flat list of projects, as
    :func:`~kommunalgraph.queries.web_data.project_catalogue`, each with
    ``states``, ``member_names`` and ``members_de``), ``groups`` [{id, name,
    count, label, projects}] sorted by size, ``ungrouped`` (projects without
    programme) and ``software`` (software without a known user).
    """
    base = project_catalogue(store, kind=kind, open_source=open_source, programme=programme,
                             themenfeld=themenfeld, q=q)
    states: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in run(store, "catalogue_project_states"):
        states[r["project"]].append({"key": r["state"], "name": r["state_name"]})
    names: dict[str, list[str]] = defaultdict(list)
    for r in run(store, "catalogue_project_members"):
        if r["name"] and r["name"] not in names[r["project"]]:
            names[r["project"]].append(r["name"])
    results, groups, ungrouped, software = [], {}, [], []
    for p in base["results"]:
        p["states"] = sorted(states.get(p["id"], []), key=lambda s: s["key"])
        if land and land not in {s["key"] for s in p["states"]}:
            continue
        if status and p["status"] != status:
            continue
        p["member_names"] = names.get(p["id"], [])[:_PREVIEW]
        if p["members"]:
            p["members_de"] = members_text(names.get(p["id"], []), p["members"])
        elif p["kind"] == "software":
            p["members_de"] = NO_USERS_DE
        else:
            p["members_de"] = NO_MEMBERS_DE
        results.append(p)
        if p["kind"] == "software" and not p["members"]:
            software.append(p)
        elif p["programmes"]:
            for g in p["programmes"]:
                groups.setdefault(g["id"], {"id": g["id"], "name": g["name"], "projects": []})
                groups[g["id"]]["projects"].append(p)
        else:
            ungrouped.append(p)
    group_list = sorted(groups.values(), key=lambda g: (-len(g["projects"]), g["name"]))
    for g in group_list:
        g["count"] = len(g["projects"])
        g["label"] = programme_label(g["name"], g["count"])
    query = dict(base["query"], land=land, status=status)
    return {"query": query, "count": len(results), "results": results,
            "groups": group_list, "ungrouped": ungrouped, "software": software}
