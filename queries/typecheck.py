"""ÖFIT/KGSt type self-check: which of the four municipality types fits best?

The study „Digitale Kommune – Eine Typfrage?“ (ÖFIT and KGSt, 2020) asked
about 400 municipalities for their priority digitalisation goals and found
four clusters: the *Bedächtige*, the *Optimierer*, the *Serviceorientierte*
and the *Community Manager*. This module does **not** reproduce the study's
cluster model. It is kommunalgraph's own, simplified mapping of the published
type descriptions: each goal points to the types whose description names it
(:data:`WEIGHTS`), a municipality's priorities (0–5 per goal) are summed along
these weights, and the type with the highest normalised score wins.

The result carries a profile card (Steckbrief), the types to learn from
(those strongest in the goals the municipality rated lowest) and, where the
graph holds ``HAS_TYPE`` facts, real example municipalities of those types.
Example municipalities are never invented: without ``HAS_TYPE`` data the
result says so.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..graph import safe_yaml
from ..graph.errors import ImportFailed, InputError
from ..graph.store import GraphStore
from .cypher_files import run
from .german import de_count

__all__ = [
    "GOALS",
    "TYPES",
    "WEIGHTS",
    "TYPE_ORDER",
    "MAX_PRIORITY",
    "type_scores",
    "validate_answers",
    "load_answers",
    "typecheck",
]

#: Highest priority a goal can get (0 = kein Ziel, 5 = höchste Priorität).
MAX_PRIORITY = 5

#: Goal key (as used in ANSWERS.yaml) → German label. Paraphrases of the goals
#: the ÖFIT/KGSt study asked about.
GOALS: dict[str, str] = {
    "rechtliche_vorgaben": "Rechtliche Vorgaben umsetzen / Fördermittel nutzen",
    "effizienz": "Effizienz und Effektivität der Verwaltung steigern",
    "nutzerzufriedenheit": "Zufriedenheit der Nutzer:innen / Bürgernähe",
    "attraktivitaet": "Attraktivität der Kommune (Standort, Wirtschaft)",
    "lokale_gemeinschaft": "Lokale Gemeinschaft stärken / Daseinsvorsorge",
    "mitarbeiterzufriedenheit": "Mitarbeiterzufriedenheit / attraktiver Arbeitgeber",
    "integrierte_strategie": "Integrierte Strategie (Digitalisierung als Querschnittsaufgabe)",
}

#: Fixed order of the types; it also breaks ties.
TYPE_ORDER: tuple[str, ...] = ("bedaechtige", "optimierer", "serviceorientierte",
                               "community-manager")

#: Type id (as in the ``MunicipalityType`` nodes) → name, published description
#: (paraphrased) and kommunalgraph's Steckbrief.
TYPES: dict[str, dict[str, Any]] = {
    "bedaechtige": {
        "name": "Bedächtige",
        "description_de": (
            "Setzen vor allem rechtliche Vorgaben um, nutzen Fördermittel und Angebote "
            "anderer Verwaltungen und arbeiten eng mit anderen Kommunen zusammen."),
        "strengths": [
            "rechtssichere, verlässliche Umsetzung von Pflichtaufgaben (z. B. OZG)",
            "gute Kenntnis von Förderprogrammen",
            "Nachnutzung bewährter Lösungen anderer Verwaltungen und IT-Dienstleister",
        ],
        "typical_roles": ["Digitalisierungsbeauftragte", "IT-Abteilung"],
        "typical_participation_tools": ["Mängelmelder"],
    },
    "optimierer": {
        "name": "Optimierer",
        "description_de": (
            "Sehen Digitalisierung vor allem als Mittel, Effizienz und Effektivität der "
            "Verwaltungsleistungen und -prozesse zu steigern."),
        "strengths": [
            "Prozessanalyse und -optimierung, E-Akte, medienbruchfreie Abläufe",
            "Wirtschaftlichkeit und Steuerung von IT-Vorhaben",
            "Entlastung der Beschäftigten durch Automatisierung",
        ],
        "typical_roles": ["Chief Information Officer (CIO)", "Organisationsabteilung",
                          "IT-Abteilung"],
        "typical_participation_tools": ["Online-Befragung"],
    },
    "serviceorientierte": {
        "name": "Serviceorientierte",
        "description_de": (
            "Wollen die Attraktivität der Kommune und die Bürgernähe stärken und eine gute "
            "Nutzererfahrung für Bürgerinnen, Bürger und Beschäftigte bieten."),
        "strengths": [
            "nutzerfreundliche Online-Dienste und Bürgerportale",
            "Kommunikation über viele Kanäle (Web, App, Social Media)",
            "Attraktivität als Standort und Arbeitgeber",
        ],
        "typical_roles": ["Chief Digital Officer (CDO)", "Digitale Lotsen"],
        "typical_participation_tools": ["Mängelmelder", "Online-Befragung"],
    },
    "community-manager": {
        "name": "Community Manager",
        "description_de": (
            "Fördern mit der Digitalisierung vor allem die kommunale Daseinsvorsorge und die "
            "örtliche Gemeinschaft und öffnen sich für Beteiligung."),
        "strengths": [
            "Beteiligung von Bürgerschaft, Vereinen und Wirtschaft",
            "integrierte Smart-City- oder Smart-Region-Strategie",
            "Netzwerke mit Partnern vor Ort",
        ],
        "typical_roles": ["Chief Digital Officer (CDO)", "Digitale Lotsen"],
        "typical_participation_tools": ["Bürgerhaushalt",
                                        "Online-Beteiligung an Planungsverfahren",
                                        "Online-Befragung"],
    },
}

#: Goal → type → weight: how strongly the published description of a type names
#: the goal (1 = its defining goal). kommunalgraph's own simplified mapping.
WEIGHTS: dict[str, dict[str, float]] = {
    "rechtliche_vorgaben": {"bedaechtige": 1.0, "optimierer": 0.2},
    "effizienz": {"optimierer": 1.0, "bedaechtige": 0.2, "serviceorientierte": 0.2},
    "nutzerzufriedenheit": {"serviceorientierte": 1.0, "community-manager": 0.3,
                            "optimierer": 0.2},
    "attraktivitaet": {"serviceorientierte": 0.8, "community-manager": 0.3},
    "lokale_gemeinschaft": {"community-manager": 1.0, "serviceorientierte": 0.2},
    "mitarbeiterzufriedenheit": {"serviceorientierte": 0.5, "optimierer": 0.5},
    "integrierte_strategie": {"community-manager": 0.7, "serviceorientierte": 0.3,
                              "optimierer": 0.2},
}

_TOP_KEYS = {"priorities", "municipality", "answered_at"}



def validate_answers(answers: Any) -> dict[str, Any]:
    """Check an answers mapping and return it normalised.

    ``answers`` has ``priorities`` (goal key → integer 0–5, goals left out
    count as 0, at least one above 0) and optionally ``municipality`` (AGS or
    name) and ``answered_at`` (ISO date). Anything else raises
    :class:`~kommunalgraph.graph.errors.InputError` naming the field.

    Examples
    --------
    >>> validate_answers({"priorities": {"effizienz": 5}})["priorities"]["effizienz"]
    5
    >>> try:
    ...     validate_answers({"priorities": {"effizienz": 9}})
    ... except InputError as e:
    ...     print(e.message_de)
    Feld „priorities.effizienz“: erwartet eine ganze Zahl von 0 bis 5, erhalten: 9.
    """
    if not isinstance(answers, Mapping):
        raise InputError("answers must be a mapping",
                         "Die Antworten müssen eine Zuordnung (YAML-Mapping) sein.")
    unknown = sorted(str(k) for k in answers if k not in _TOP_KEYS)
    if unknown:
        raise InputError(
            f"{unknown[0]}: unknown field",
            f"Unbekanntes Feld „{unknown[0]}“. Erlaubt sind: "
            + ", ".join(sorted(_TOP_KEYS)) + ".")
    prios = answers.get("priorities")
    if not isinstance(prios, Mapping) or not prios:
        raise InputError("priorities: missing or not a mapping",
                         "Feld „priorities“ fehlt oder ist keine Zuordnung Ziel → 0–5.")
    out: dict[str, int] = {g: 0 for g in GOALS}
    for key, value in prios.items():
        if key not in GOALS:
            raise InputError(
                f"priorities.{key}: unknown goal",
                f"Unbekanntes Ziel „priorities.{key}“. Erlaubt sind: "
                + ", ".join(GOALS) + ".")
        if isinstance(value, bool) or not isinstance(value, int) or not (
                0 <= value <= MAX_PRIORITY):
            raise InputError(
                f"priorities.{key}: must be an integer 0-{MAX_PRIORITY}, got {value!r}",
                f"Feld „priorities.{key}“: erwartet eine ganze Zahl von 0 bis "
                f"{MAX_PRIORITY}, erhalten: {value!r}.")
        out[key] = value
    if not any(out.values()):
        raise InputError("priorities: all zero",
                         "Feld „priorities“: mindestens ein Ziel braucht eine Priorität über 0.")
    result: dict[str, Any] = {"priorities": out}
    muni = answers.get("municipality")
    if muni is not None:
        if not isinstance(muni, str | int) or isinstance(muni, bool) or not str(muni).strip():
            raise InputError("municipality: must be an AGS or a name",
                             "Feld „municipality“: bitte AGS oder Namen der Kommune angeben.")
        result["municipality"] = str(muni).strip()
    when = answers.get("answered_at")
    if when is not None:
        if isinstance(when, _dt.date):
            when = when.isoformat()
        try:
            _dt.date.fromisoformat(str(when))
        except ValueError:
            raise InputError(
                f"answered_at: not an ISO date: {when!r}",
                f"Feld „answered_at“: kein Datum im Format JJJJ-MM-TT: {when!r}.") from None
        result["answered_at"] = str(when)
    return result


def load_answers(path: str | Path) -> dict[str, Any]:
    """Read and validate an ANSWERS.yaml file (see ``docs/analytics.md``).

    Errors (unreadable file, bad YAML, bad fields) raise ``InputError``.
    """
    p = Path(path)
    try:
        data = safe_yaml.load_file(p)
    except ImportFailed as e:  # unreadable, bad YAML, over the limits: one German line
        raise InputError(str(e), e.message_de) from None
    return validate_answers(data)


def type_scores(priorities: Mapping[str, int]) -> dict[str, float]:
    """Normalised score per type in [0, 1] for priorities (goal → 0–5).

    A type's score is the weighted sum of the priorities divided by the
    highest possible weighted sum for that type, so every type can reach 1.

    Examples
    --------
    >>> s = type_scores({"effizienz": 5, "mitarbeiterzufriedenheit": 5})
    >>> max(s, key=s.get)
    'optimierer'
    >>> type_scores({"rechtliche_vorgaben": 5})["bedaechtige"]
    0.8333
    """
    out = {}
    for t in TYPE_ORDER:
        total = sum(w.get(t, 0.0) for w in WEIGHTS.values())
        got = sum(priorities.get(g, 0) * w.get(t, 0.0) for g, w in WEIGHTS.items())
        out[t] = round(got / (MAX_PRIORITY * total), 4)
    return out


def _complement(priorities: Mapping[str, int], own: str) -> list[tuple[str, float, list[str]]]:
    """Other types ranked by how much of their weight lies in the goals rated lowest.

    The gap score of a type is like :func:`type_scores` with every priority
    ``a`` replaced by ``MAX_PRIORITY - a``.
    """
    ranked = []
    for t in TYPE_ORDER:
        if t == own:
            continue
        gaps = {g: (MAX_PRIORITY - priorities.get(g, 0)) * w.get(t, 0.0)
                for g, w in WEIGHTS.items()}
        strongest = [g for g, v in sorted(gaps.items(), key=lambda kv: (-kv[1], kv[0]))
                     if v > 0][:2]
        total = MAX_PRIORITY * sum(w.get(t, 0.0) for w in WEIGHTS.values())
        ranked.append((t, round(sum(gaps.values()) / total, 4), strongest))
    ranked.sort(key=lambda r: (-r[1], TYPE_ORDER.index(r[0])))
    return ranked


def _examples(store: GraphStore | None, type_id: str, limit: int) -> tuple[list[dict], str]:
    if store is None:
        return [], "Ohne Datenbestand können keine Beispielkommunen genannt werden."
    rows = run(store, "typecheck_type_members", type_id=type_id, limit=limit)
    examples = [{"ags": r["ags"], "name": r["name"], "answered_at": r["answered_at"]}
                for r in rows]
    if not examples:
        return [], (
            "Bisher hat keine Kommune diesen Typ als Selbstauskunft hinterlegt; "
            "Beispielkommunen nennen wir erst, wenn es welche gibt (nie erfunden).")
    return examples, (f"{de_count(len(examples), 'Kommune', 'Kommunen')} mit diesem Typ "
                      "laut Selbstauskunft.")


def typecheck(answers: Mapping[str, Any], *, store: GraphStore | None = None,
              examples: int = 3) -> dict[str, Any]:
    """Assign one of the four ÖFIT/KGSt types to a municipality's priorities.

    Parameters
    ----------
    answers : mapping
        As in ANSWERS.yaml: ``priorities`` (goal → 0–5), optionally
        ``municipality`` and ``answered_at``. Validated by
        :func:`validate_answers`.
    store : GraphStore, optional
        Where to look for example municipalities (``HAS_TYPE`` facts) of the
        types to learn from. Without it, no examples are given.
    examples : int
        At most this many example municipalities per type.

    Returns
    -------
    dict
        ``type`` {id, name, description_de, score}, ``scores`` {type id: score},
        ``steckbrief`` {strengths, typical_roles, typical_participation_tools},
        ``learn_from`` [{id, name, why_de, goals, examples, examples_note_de}],
        ``answers`` (normalised) and ``method_de``.

    Examples
    --------
    >>> r = typecheck({"priorities": {"lokale_gemeinschaft": 5, "integrierte_strategie": 4}})
    >>> r["type"]["name"]
    'Community Manager'
    >>> [t["name"] for t in r["learn_from"]]
    ['Bedächtige', 'Optimierer']
    >>> r["learn_from"][0]["examples"]
    []
    """
    clean = validate_answers(answers)
    prios = clean["priorities"]
    scores = type_scores(prios)
    best = max(TYPE_ORDER, key=lambda t: (scores[t], -TYPE_ORDER.index(t)))
    card = TYPES[best]
    learn = []
    for t, _, goals in _complement(prios, best)[:2]:
        ex, note = _examples(store, t, examples)
        labels = " und ".join(f"„{GOALS[g]}“" for g in goals)
        learn.append({
            "id": t,
            "name": TYPES[t]["name"],
            "goals": goals,
            "why_de": (f"{TYPES[t]['name']} sind stark bei {labels}, Zielen, die Sie "
                       "bisher niedriger gewichten."),
            "examples": ex,
            "examples_note_de": note,
        })
    return {
        "type": {"id": best, "name": card["name"], "description_de": card["description_de"],
                 "score": scores[best]},
        "scores": scores,
        "steckbrief": {k: list(card[k]) for k in
                       ("strengths", "typical_roles", "typical_participation_tools")},
        "learn_from": learn,
        "answers": clean,
        "method_de": (
            "Vereinfachte Zuordnung von kommunalgraph auf Grundlage der veröffentlichten "
            "Typbeschreibungen der Studie „Digitale Kommune – Eine Typfrage?“ (ÖFIT/KGSt 2020), "
            "nicht das Clustermodell der Studie."),
    }


