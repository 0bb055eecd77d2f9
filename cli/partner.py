"""Partner-finder commands: ``suggest``, ``candidates``, ``evaluate``.

Thin edges: they resolve names, call :mod:`kommunalgraph.queries` and render
German text or JSON (``--json``). Scores and reasons come from the queries.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Any

import click

from ..graph.errors import InputError, reason_de
from ..graph.resolve import Resolver
from ..graph.schema import DISTRICT
from ..queries.german import de_int, de_km, de_num
from ..queries.partner.text import KIND_DE
from .common import (
    CliError,
    command,
    emit_json,
    friendly_errors,
    json_option,
    store_from,
)

# The partner finder (numpy, networkx) is imported inside the commands: ``--help``
# and the other commands start without it (see cli/lazy.py).

_LAND_HELP = "Land als Schlüssel (05) oder Name, falls der Name mehrdeutig ist."
_KREIS_HELP = "Kreis als Schlüssel (05954) oder Name, falls der Name mehrdeutig ist."
_METHOD_DE = {"kommunalgraph": "kommunalgraph", "random": "Zufall", "distance": "Entfernung",
              "population": "Einwohnerzahl", "same_kreis": "gleicher Kreis",
              "adamic_adar": "Adamic-Adar", "ppr": "pers. PageRank"}


def _more_reasons(n: int) -> str:
    """German for "n more reasons".

    >>> _more_reasons(1), _more_reasons(3)
    ('und ein weiterer Grund (--json zeigt alle)', 'und 3 weitere Gründe (--json zeigt alle)')
    """
    more = "und ein weiterer Grund" if n == 1 else f"und {n} weitere Gründe"
    return more + " (--json zeigt alle)"


def _fit(r: dict[str, Any]) -> str:
    """The readable score: "sehr passend (100 von 100)"; the raw points without one.

    >>> _fit({"relevance": 51, "fit_de": "passend", "score": 51.0})
    'passend (51 von 100)'
    """
    if "relevance" not in r:
        return f"Punkte {de_num(r['score'], 2)}"
    return f"{r['fit_de']} ({r['relevance']} von 100)"


def _km(d: float | None) -> str:
    return "Entfernung unbekannt" if d is None else de_km(d)


def _print_results(results: list[dict[str, Any]], max_reasons: int = 6) -> None:
    if not results:
        click.echo("Keine Vorschläge (Filter zu eng?).")
        return
    for k, r in enumerate(results, 1):
        key = r.get("ags") or r["key"]
        where = ", ".join(x for x in (r.get("district") if r.get("label") != DISTRICT
                                      else "Kreis", r.get("state")) if x)
        click.echo(f"{k:>3}. {r['name']} ({key}{', ' + where if where else ''}): "
                   f"{_fit(r)}, {_km(r.get('distance_km'))}")
        for reason in r["reasons"][:max_reasons]:
            click.echo(f"       – {reason['text_de']}")
        if len(r["reasons"]) > max_reasons:
            click.echo(f"       – … {_more_reasons(len(r['reasons']) - max_reasons)}")


@command()
@click.argument("municipality")
@click.option("--project", "project", metavar="ID",
              help="Partner für dieses Projekt (Projekt-ID, z. B. OSCA).")
@click.option("--kind", metavar="ART",
              help="Partner für eine Projektart: " + ", ".join(sorted(KIND_DE)) + ".")
@click.option("--ozg", metavar="OZG_ID", help="Partner für eine OZG-Leistung (OZG-ID).")
@click.option("--themenfeld", metavar="NAME", help="Partner für ein OZG-Themenfeld (ID oder Name).")
@click.option("--radius-km", type=click.FloatRange(min=0, min_open=True), metavar="N",
              help="Nur Partner höchstens N km entfernt (Luftlinie zwischen den Ortsmitten).")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True,
              help="Anzahl der Vorschläge.")
@click.option("--include-districts", is_flag=True,
              help="Auch Kreise als Partner vorschlagen.")
@click.option("--land", help=_LAND_HELP)
@click.option("--kreis", help=_KREIS_HELP)
@json_option
@click.pass_context
@friendly_errors
def suggest(ctx: click.Context, municipality: str, project: str | None, kind: str | None,
            ozg: str | None, themenfeld: str | None, radius_km: float | None, limit: int,
            include_districts: bool, land: str | None, kreis: str | None,
            as_json: bool) -> None:
    """Partnervorschläge: Mit wem kann MUNICIPALITY etwas gemeinsam machen?

    MUNICIPALITY ist ein AGS (8 Ziffern), ein ARS, der amtliche oder der
    gebräuchliche Name. Ohne Thema werden Partner allgemein gerankt, mit
    --project, --kind, --ozg oder --themenfeld (nur eines) zuerst die
    Kommunen, die das schon machen („Wer hat das schon gemacht?“). Jeder
    Vorschlag nennt seine Gründe: gemeinsame Projekte und Programme, Partner
    von Partnern, Erfahrung, Nachbarschaft, Kreis, Entfernung, Größe,
    IT-Dienstleister und Kommunentyp.
    """
    if sum(x is not None for x in (project, kind, ozg, themenfeld)) > 1:
        raise InputError("only one topic",
                         "Bitte nur eines angeben: --project, --kind, --ozg oder --themenfeld.")
    from ..queries.partner.suggest import suggest as _suggest

    store = store_from(ctx, read_only=True)
    match = Resolver.for_store(store).resolve(municipality, land=land, kreis=kreis)
    out = _suggest(store, match.key, project=project, kind=kind, ozg=ozg,
                   themenfeld=themenfeld, radius_km=radius_km, limit=limit,
                   include_districts=include_districts)
    if match.fuzzy:
        out["query"]["match"] = {"how": "fuzzy", "query": municipality}
    if as_json:
        emit_json(out)
        return
    if match.fuzzy:
        click.echo(f"Hinweis: „{municipality}“ als {match.name} erkannt (unscharfer Treffer).")
    q = out["query"]
    topic = ""
    if project:
        topic = f" für das Projekt {project}"
    elif kind:
        topic = f" für {KIND_DE.get(kind, (kind, kind))[1]}"
    elif ozg:
        topic = f" für die OZG-Leistung {ozg}"
    elif themenfeld:
        topic = f" für das Themenfeld {q['themenfeld_name'] or q['themenfeld']}"
    radius = f", höchstens {_km(radius_km)} entfernt" if radius_km else ""
    click.echo(f"Partnervorschläge{topic} für {match.name} (AGS {match.key}"
               f"{', ' + match.district if match.district else ''}){radius}:")
    if topic and not q["topic_projects"]:
        click.echo("Hinweis: Im Datenbestand setzt noch kein Projekt dieses Thema um; die "
                   "Vorschläge beruhen auf den übrigen Signalen.")
    _print_results(out["results"])
    _print_known(out.get("already_partners") or [], bool(topic))


def _print_known(known: list[dict[str, Any]], with_topic: bool) -> None:
    """The section "Bereits Partner": who already shares a project with the asker."""
    if not known:
        return
    click.echo("")
    click.echo("Bereits Partner (gemeinsames Projekt"
               + (" zu diesem Thema" if with_topic else "") + "):")
    for r in known:
        key = r.get("ags") or r["key"]
        names = ", ".join(f"„{p['name']}“" for p in r.get("shared_projects", []))
        click.echo(f"  – {r['name']} ({key}), {_km(r.get('distance_km'))}: {names}")


@command()
@click.argument("project_id")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True,
              help="Anzahl der Kandidaten.")
@click.option("--include-districts", is_flag=True, help="Auch Kreise als Kandidaten ranken.")
@json_option
@click.pass_context
@friendly_errors
def candidates(ctx: click.Context, project_id: str, limit: int, include_districts: bool,
               as_json: bool) -> None:
    """Wer könnte noch mitmachen? Rankt Kommunen, die an PROJECT_ID noch nicht
    teilnehmen, mit Gründen (Nähe zu den Mitgliedern, gemeinsame Projekte und
    Programme, Erfahrung mit ähnlichen Projekten, Kreis, IT-Dienstleister).

    PROJECT_ID ist die Projekt-ID, z. B. OSCA (Open SmartCity App).
    """
    from ..queries.partner.candidates import candidates as _candidates

    store = store_from(ctx, read_only=True)
    out = _candidates(store, project_id, limit=limit, include_districts=include_districts)
    if as_json:
        emit_json(out)
        return
    p = out["project"]
    members = ", ".join(m["name"] for m in p["members"]) or "keine"
    click.echo(f"Kandidaten für „{p['name']}“ ({p['id']}); Mitglieder: {members}")
    _print_results(out["results"])


def _plot(result: dict[str, Any], path: Path) -> None:
    from ..queries.partner.evaluate import METHODS

    try:
        import matplotlib
    except ImportError as e:
        raise CliError(
            "Für --plot wird matplotlib benötigt: pip install 'kommunalgraph[bench]'"
        ) from e
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    metrics = ("hits@10", "hits@50", "mrr", "auc")
    fig, ax = plt.subplots(figsize=(9, 4.5))
    width = 0.8 / len(METHODS)
    for k, m in enumerate(METHODS):
        row = result["methods"][m]
        xs = [i + (k - (len(METHODS) - 1) / 2) * width for i in range(len(metrics))]
        ax.bar(xs, [row[x] for x in metrics], width, yerr=[row[x + "_sd"] for x in metrics],
               capsize=3, label=_METHOD_DE[m])
    ax.set_xticks(range(len(metrics)), ["Hits@10", "Hits@50", "MRR", "AUC"])
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("Mittelwert ± Standardabweichung über die Folds")
    ax.set_title(f"Partnerfinder gegen einfache Regeln ({result['folds']} Folds, "
                 f"Seed {result['seed']}, {result['pairs']} Paare)")
    ax.legend(fontsize=8, ncols=3)
    fig.tight_layout()
    try:
        fig.savefig(path, dpi=120)
    except OSError as e:
        raise CliError(f"Grafik lässt sich nicht schreiben: {path}: {reason_de(e)}.") from e
    finally:
        plt.close(fig)


@command()
@click.option("--folds", type=click.IntRange(min=2), default=10, show_default=True,
              help="Anzahl der Folds der Kreuzvalidierung.")
@click.option("--seed", type=int, default=1, show_default=True,
              help="Startwert des Zufalls: gleicher Seed, gleiche Zahlen.")
@click.option("--plot", "plot", type=click.Path(dir_okay=False, path_type=Path),
              metavar="FILE.png", help="Balkendiagramm mit Fehlerbalken schreiben "
              "(braucht matplotlib, pip install 'kommunalgraph[bench]').")
@json_option
@click.pass_context
@friendly_errors
def evaluate(ctx: click.Context, folds: int, seed: int, plot: Path | None,
             as_json: bool) -> None:
    """Offline-Evaluation des Partnerfinders: versteckt bekannte
    Projektmitgliedschaften und misst, ob candidates und suggest sie
    wiederfinden (Hits@10, Hits@50, MRR, AUC; Mittelwert ± Standardabweichung
    über die Folds), im Vergleich mit Zufall, Entfernung, Einwohnerzahl und
    gleichem Kreis. Zusätzlich Leave-one-member-out je Projekt.
    """
    from ..queries.partner.evaluate import evaluate as _evaluate

    if plot is not None:
        try:
            import matplotlib  # noqa: F401
        except ImportError as e:
            raise CliError(
                "Für --plot wird matplotlib benötigt: pip install 'kommunalgraph[bench]'"
            ) from e
    store = store_from(ctx, read_only=True)
    with contextlib.ExitStack() as stack:
        bar: Any = None

        def progress(done: int, total: int) -> None:
            nonlocal bar
            if bar is None:  # the number of steps is known once the pairs are
                bar = stack.enter_context(click.progressbar(
                    length=total, label="Evaluation", file=sys.stderr))
            bar.update(done - bar.pos)

        result = _evaluate(store, folds=folds, seed=seed,
                           progress=None if as_json else progress)
    if plot is not None:
        _plot(result, plot)
    if as_json:
        emit_json(result)
        return
    click.echo(f"Evaluation: {de_int(result['pairs'])} versteckte Mitgliedschaften "
               f"(von {de_int(result['pairs_total'])}), {result['folds']} Folds, "
               f"Seed {result['seed']}, {de_int(result['queries'])} Abfragen.")
    _print_table(result["methods"])
    loo = result.get("leave_one_out")
    if loo:
        click.echo(f"\nLeave-one-member-out: {de_int(loo['pairs'])} Paare in "
                   f"{de_int(loo['projects'])} Projekten (± über Projekte):")
        _print_table(loo["methods"])
    if plot is not None:
        click.echo(f"\nGrafik geschrieben: {plot}")


def _print_table(methods: dict[str, dict[str, float]]) -> None:
    from ..queries.partner.evaluate import METHODS

    cols = ("hits@10", "hits@50", "mrr", "auc", "auc_hard")
    click.echo(f"  {'Methode':<16}" + "".join(f"{c.upper().replace('_HARD', ' hart'):>17}"
                                               for c in cols))
    for m in METHODS:
        row = methods[m]
        cells = "".join(f"{de_num(row[c], 3) + ' ± ' + de_num(row[c + '_sd'], 3):>17}"
                        for c in cols)
        click.echo(f"  {_METHOD_DE[m]:<16}{cells}")
