"""German explanations of partner suggestions: one sentence per signal.

:func:`explain` turns a candidate's feature row into ``reasons``
[{signal, value, contribution, text_de}], e.g. "Beide nehmen am Programm Modellprojekte
Smart Cities teil", "Grenzt an Witten", "Betreibt bereits eine E-Akte (seit 2018)".
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import networkx as nx
import numpy as np

from .geo import haversine_from
from .german import de_int
from .partner_index import (
    COLUMN,
    Memberships,
    Query,
    StaticIndex,
    anchor_points,
    partner_paths,
)
from .weights import Weights

__all__ = [
    "KIND_DE", "explain", "fmt_km", "plain_list", "project_name", "quoted_list",
]


#: German names of project kinds (nominative with article, for reason texts)
KIND_DE: dict[str, tuple[str, str]] = {
    # kind: (noun, with indefinite article)
    "smart-city": ("Smart-City-Projekt", "ein Smart-City-Projekt"),
    "digital-region": ("Digitale Modellregion", "eine Digitale Modellregion"),
    "city-app": ("Stadt-App", "eine Stadt-App"),
    "village-app": ("Dorf-App", "eine Dorf-App"),
    "e-akte": ("E-Akte", "eine E-Akte"),
    "ozg-service": ("OZG-Leistung", "eine OZG-Leistung"),
    "software": ("gemeinsame Software", "eine gemeinsame Software"),
    "cooperation": ("interkommunale Kooperation", "eine interkommunale Kooperation"),
    "state-funding": ("Landesförderprojekt", "ein Landesförderprojekt"),
    "federal-funding": ("Bundesförderprojekt", "ein Bundesförderprojekt"),
    "portal": ("Portal", "ein Portal"),
    "network": ("Netzwerk", "ein Netzwerk"),
    "other": ("Projekt", "ein Projekt"),
}


def fmt_km(d: float) -> str:
    """Distance for reason texts: whole km, one decimal below 10 km.

    >>> fmt_km(34.4), fmt_km(3.44)
    ('34 km', '3,4 km')
    """
    return f"{d:.1f} km".replace(".", ",") if d < 10 else f"{d:.0f} km"


def _year(s: str | None) -> str | None:
    return s[:4] if s and s[:4].isdigit() else None


def project_name(G: nx.Graph, p: str) -> str:
    """The project's name, else its ID."""
    return str(G.nodes[("Project", p)].get("name") or p)


def plain_list(items: Sequence[str], limit: int = 3) -> str:
    """A German enumeration of at most ``limit`` items.

    >>> plain_list(["Witten"]), plain_list(["Bochum", "Hattingen", "Witten"])
    ('Witten', 'Bochum, Hattingen und Witten')
    >>> plain_list(["A", "B", "C", "D", "E"])
    'A, B, C und 2 weitere'
    """
    items = list(items)
    more = f" und {len(items) - limit} weitere" if len(items) > limit else ""
    head = items[:limit]
    if len(head) > 1 and not more:
        return ", ".join(head[:-1]) + " und " + head[-1]
    return ", ".join(head) + more


def quoted_list(items: Sequence[str], limit: int = 3) -> str:
    """Like :func:`plain_list`, each item in German quotation marks.

    >>> quoted_list(["E-Akte EN", "Stadt-App"])
    '„E-Akte EN“ und „Stadt-App“'
    """
    return plain_list([f"„{x}“" for x in items], limit)


def explain(st: StaticIndex, mb: Memberships, q: Query, c: int, x: np.ndarray, wt: Weights,
            for_project: bool) -> list[dict[str, Any]]:
    """German reasons for candidate ``c`` with feature row ``x``: one per signal > 0."""
    G = st.G
    w = wt.signal_weights()
    name = {i: G.nodes[("Municipality", st.ags[i])]["name"] for i in [*q.anchors, c]}
    who = "Mitglied " if for_project else ""
    single = len(q.anchors) == 1
    a0 = q.anchors[0] if q.anchors else None
    out: list[dict[str, Any]] = []

    def add(signal: str, value: Any, contribution: float, text: str) -> None:
        if contribution > 0:
            out.append({"signal": signal, "value": value, "contribution": round(contribution, 4),
                        "text_de": text})

    skip = q.skip_project
    if x[COLUMN["shared_project"]] > 0:
        shared = sorted({p for a in q.anchors for p in mb.of.get(a, ())
                         if p != skip and c in mb.direct[p]})
        listed = quoted_list([project_name(G, p) for p in shared])
        text = (f"Beide nehmen an {listed} teil" if single
                else f"Arbeitet schon mit Mitgliedern zusammen: {listed}")
        add("shared_project", shared, w["shared_project"] * x[COLUMN["shared_project"]], text)
    if x[COLUMN["shared_project_kreis"]] > 0:
        items = []
        for a in q.anchors:
            for p in mb.of.get(a, ()):
                if p != skip and c in mb.via[p]:
                    items.append((p, mb.via[p][c], None))
            for p in mb.of_via.get(a, ()):
                if p != skip and c in mb.direct[p]:
                    items.append((p, None, mb.of_via[a][p]))
        items = sorted(set(items), key=lambda t: t[0])
        p, gc, ga = items[0]
        g = gc or ga
        gname = G.nodes[g]["name"] if g in G else g[1]
        if gc:
            other = f"{who}{name[a0]}" if single else "ein Mitglied"
            text = f"Über {gname} an „{project_name(G, p)}“ beteiligt, wie {other}"
        else:
            text = f"Nimmt an „{project_name(G, p)}“ teil, an dem auch {gname} beteiligt ist"
        add("shared_project_kreis", sorted({t[0] for t in items}),
            w["shared_project_kreis"] * x[COLUMN["shared_project_kreis"]], text)
    if x[COLUMN["shared_programme"]] > 0:
        progs = set()
        for a in q.anchors:
            mine = set(mb.of.get(a, ())) - {skip}
            for p in mine:
                for g in st.programmes_of.get(p, ()):
                    if mb.programme.get(g, {}).get(c, set()) - mine - {skip}:
                        progs.add(g)
        pn = [G.nodes[("Programme", g)].get("name") or g for g in sorted(progs)]
        text = ("Beide nehmen am Programm " if single else "Wie Mitglieder im Programm ") + \
            plain_list(pn) + (" teil" if single else "")
        add("shared_programme", sorted(progs),
            w["shared_programme"] * x[COLUMN["shared_programme"]], text)
    if x[COLUMN["similar_project"]] > 0:
        kinds = sorted({st.kind_of.get(p) or "other" for a in q.anchors for p in mb.of.get(a, ())
                        if p != skip} & {st.kind_of.get(p) or "other" for p in mb.of.get(c, ())})
        kn = [KIND_DE.get(k, (k, k))[0] for k in kinds]
        add("similar_project", kinds, w["similar_project"] * x[COLUMN["similar_project"]],
            "Ähnliche Projekte: beide haben " + plain_list(kn) if single
            else "Hat Projekte derselben Art wie Mitglieder: " + plain_list(kn))
    if x[COLUMN["partner_of_partner"]] > 0:
        via = sorted(set(partner_paths(mb, q).get(c, ())))
        bn = [G.nodes[("Municipality", st.ags[b])]["name"] for b in via]
        add("partner_of_partner", [st.ags[b] for b in via],
            w["partner_of_partner"] * x[COLUMN["partner_of_partner"]],
            "Gemeinsame Projektpartner: " + plain_list(bn))
    if x[COLUMN["experience"]] > 0:
        ps = sorted(p for p in q.topic_projects if c in mb.direct.get(p, {}))
        p = ps[0]
        year = _year(mb.as_of.get((c, p)))
        since = f" (seit {year})" if year else ""
        what, value = q.topic or ("project", p)
        if what == "project":
            text = f"Nimmt bereits an „{project_name(G, p)}“ teil{since}"
        elif what == "kind":
            article = KIND_DE.get(value, (value, value))[1]
            text = f"Betreibt bereits {article}{since}: „{project_name(G, p)}“"
        elif what == "ozg":
            oname = G.nodes[("OZGService", value)].get("name") or value
            text = f"Setzt die OZG-Leistung {oname} bereits um{since}: „{project_name(G, p)}“"
        else:
            aname = G.nodes[("ServiceArea", value)].get("name") or value
            text = f"Hat bereits ein Projekt im Themenfeld {aname}{since}: „{project_name(G, p)}“"
        add("experience", ps, w["experience"] * x[COLUMN["experience"]], text)
    if x[COLUMN["experience_kreis"]] > 0:
        ps = sorted(p for p in q.topic_projects if c in mb.via.get(p, {}))
        g = mb.via[ps[0]][c]
        gname = G.nodes[g]["name"] if g in G else g[1]
        add("experience_kreis", ps, w["experience_kreis"] * x[COLUMN["experience_kreis"]],
            f"{gname} nimmt bereits an „{project_name(G, ps[0])}“ teil")
    if x[COLUMN["similar_experience"]] > 0:
        ps = sorted(p for p in q.similar_projects if c in mb.direct.get(p, {}))
        p = ps[0]
        why, val = q.similar_projects[p].split(":", 1)
        if why == "programme":
            g = G.nodes[("Programme", val)].get("name") or val
            text = f"Nimmt ebenfalls am Programm {g} teil: „{project_name(G, p)}“"
        elif why == "kind":
            text = f"Betreibt bereits {KIND_DE.get(val, (val, val))[1]}: „{project_name(G, p)}“"
        else:
            aname = G.nodes[("ServiceArea", val)].get("name") if ("ServiceArea", val) in G else val
            text = f"Hat ein Projekt im selben Themenfeld ({aname}): „{project_name(G, p)}“"
        add("similar_experience", ps,
            w["similar_experience"] * x[COLUMN["similar_experience"]], text)
    if x[COLUMN["border"]] > 0:
        nb = [a for a in q.anchors if c in st.neighbours[a]]
        line = [a for a in nb if (a, c) not in st.corners]
        point = [a for a in nb if (a, c) in st.corners]

        def whom(xs: list[int]) -> str:
            return ((who if len(xs) == 1 else "die Mitglieder " if for_project else "")
                    + plain_list([name[a] for a in xs]))

        parts = ["Grenzt an " + whom(line)] if line else []
        if point:  # the areas meet in a corner only (decision 8)
            parts.append(("berührt " if parts else "Berührt ") + whom(point) + " an einer Ecke")
        add("border", [st.ags[a] for a in nb], w["border"] * x[COLUMN["border"]], "; ".join(parts))
    if x[COLUMN["same_kreis"]] > 0:
        dk = st.districts[st.district[c]]
        dn = G.nodes[("District", dk)]["name"] if ("District", dk) in G else dk
        add("same_kreis", dk, w["same_kreis"] * x[COLUMN["same_kreis"]], f"Gleicher Kreis: {dn}")
    if x[COLUMN["same_land"]] > 0:
        sk = st.states[st.state[c]]
        sn = G.nodes[("State", sk)]["name"] if ("State", sk) in G else sk
        add("same_land", sk, w["same_land"] * x[COLUMN["same_land"]], f"Im selben Land: {sn}")
    dist_c = (w["distance_near"] * x[COLUMN["distance_near"]]
              + w["distance_far"] * x[COLUMN["distance_far"]])
    if dist_c > 0:
        pts = anchor_points(st, q)
        ds = haversine_from(float(st.lat[c]), float(st.lon[c]), np.array([p[0] for p in pts]),
                            np.array([p[1] for p in pts]))
        k = int(np.argmin(ds))
        d, near = round(float(ds[k]), 1), pts[k][2]  # as in distance_km
        nname = G.nodes[near].get("name") if near in G else near[1]
        where = (f" (vom nächsten Mitglied {nname})" if near[0] == "Municipality"
                 else f" (von der Mitte des Mitglieds {nname})")
        text = f"{fmt_km(d)} entfernt" + (where if for_project else "")
        add("distance", round(d, 1), dist_c, text)
    if x[COLUMN["size"]] > 0 and q.anchors:
        pc = math.exp(float(st.logpop[c]))
        if single:
            pa = math.exp(float(st.logpop[a0]))
            text = f"Ähnliche Größe ({de_int(pc)} vs. {de_int(pa)} Einwohner)"
        else:
            lp = st.logpop[q.anchors]
            ref = math.exp(float(np.median(lp[~np.isnan(lp)])))
            text = (f"Ähnliche Größe wie die Mitglieder ({de_int(pc)} Einwohner, "
                    f"Median der Mitglieder {de_int(ref)})")
        if x[COLUMN["size"]] < 0.5:  # population ratio above 2: name the sizes, not "ähnlich"
            text = (f"Größe: {de_int(pc)} vs. {de_int(math.exp(float(st.logpop[a0])))}"
                    " Einwohner" if single else f"Größe: {de_int(pc)} Einwohner")
        add("size", round(float(x[COLUMN["size"]]), 3), w["size"] * x[COLUMN["size"]], text)
    if x[COLUMN["urbanisation"]] > 0:
        u = G.nodes[("Municipality", st.ags[c])].get("urbanisation") or ""
        add("urbanisation", u, w["urbanisation"] * x[COLUMN["urbanisation"]],
            f"Gleicher Verstädterungsgrad: {u}" if u else "Gleicher Verstädterungsgrad")
    if x[COLUMN["it_provider"]] > 0:
        best = None
        for a in q.anchors:
            for org, (fa, ga) in st.providers[a].items():
                if org in st.providers[c]:
                    fc, gc = st.providers[c][org]
                    if best is None or fa * fc > best[0]:
                        best = (fa * fc, org, ga, gc)
        assert best is not None
        _, org, ga, gc = best
        oname = G.nodes[("Organisation", org)].get("name") or org
        note = []
        if gc is not None:
            note.append("über " + (G.nodes[gc]["name"] if gc in G else gc[1]))
        elif st.providers[c][org][0] < 1:
            note.append("abgeleitet")
        add("it_provider", org, w["it_provider"] * x[COLUMN["it_provider"]],
            f"Gleicher IT-Dienstleister: {oname}" + (f" ({', '.join(note)})" if note else ""))
    if x[COLUMN["type_same"]] > 0 or x[COLUMN["type_complementary"]] > 0:
        t = st.types[st.mtype[c]]
        tname = G.nodes[("MunicipalityType", t)].get("name") or t
        if x[COLUMN["type_same"]] > 0:
            add("type_same", t, w["type_same"] * x[COLUMN["type_same"]],
                f"Gleicher Kommunentyp (ÖFIT/KGSt): {tname}")
        else:
            add("type_complementary", t, w["type_complementary"] * x[COLUMN["type_complementary"]],
                f"Anderer Kommunentyp (ÖFIT/KGSt): {tname}, gut zum Voneinander-Lernen")
    out.sort(key=lambda r: (-r["contribution"], r["signal"]))
    return out
