"""Exploration commands: ``show``, ``ecosystem``, ``underconnected``,
``centrality``, ``communities``, ``typecheck``, ``export``.

Thin edges: they resolve names, call :mod:`kommunalgraph.queries` and render
German text or JSON (``--json``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from ..graph.errors import AmbiguousName, InputError, StoreUnavailable, UnknownMunicipality
from ..graph.resolve import Resolver
from ..queries.ecosystem import ecosystem as _ecosystem
from ..queries.german import de_count, de_int, de_num
from ..queries.municipality import municipality_detail
from .common import command, emit_json, friendly_errors, json_option, store_from

# The analytics (networkx, numpy), the export writers, the type check (YAML) and the
# pipeline's writes are imported inside the commands that use them: ``show`` and
# ``ecosystem`` start without them (see cli/lazy.py and docs/decisions.md).

_LAND_HELP = "Land als Schlüssel (05) oder Name, falls der Name mehrdeutig ist."
_KREIS_HELP = "Kreis als Schlüssel (05954) oder Name, falls der Name mehrdeutig ist."


class _ExportFormat(click.Choice):
    """``click.Choice`` over :data:`kommunalgraph.queries.export.FORMATS`, read when a
    value is checked (importing the export writers brings in networkx)."""

    def __init__(self) -> None:
        super().__init__(())

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        from ..queries.export import FORMATS

        return tuple(FORMATS)

    @choices.setter
    def choices(self, value: object) -> None:  # click's __init__ sets it; FORMATS decides
        pass


@command()
@click.argument("municipality")
@click.option("--land", help=_LAND_HELP)
@click.option("--kreis", help=_KREIS_HELP)
@json_option
@click.pass_context
@friendly_errors
def ecosystem(ctx: click.Context, municipality: str, land: str | None, kreis: str | None,
              as_json: bool) -> None:
    """Ökosystem einer Kommune: ihre Projekte und Programme mit den anderen
    Mitgliedern, IT-Dienstleister, Rollen, Typ, Nachbarn und Kreis.

    MUNICIPALITY ist ein AGS, ARS, amtlicher oder gebräuchlicher Name. Mit
    --json kommen Knoten und Kanten für Viewer und Export.
    """
    store = store_from(ctx, read_only=True)
    match = Resolver.for_store(store).resolve(municipality, land=land, kreis=kreis)
    eco = _ecosystem(store, match.key)
    if as_json:
        emit_json(eco)
        return
    c = eco["center"]
    if match.note:
        click.echo(f"Hinweis: „{municipality}“ {match.note}.")
    click.echo(f"Ökosystem von {c['official_name'] or c['name']} (AGS {c['ags']}), "
               f"Kreis {c['district']['name']}, {c['state']['name']}")
    click.echo(f"  {c['summary_de']}")
    if eco["projects"]:
        click.echo(f"  Projekte ({len(eco['projects'])}):")
        for p in eco["projects"]:
            line = f"    {p['name']}"
            if p["programmes"]:
                line += f" (Programm: {', '.join(p['programmes'])})"
            if p["via"]:
                line += " – über " + ", ".join(v["name"] for v in p["via"])
            click.echo(line)
            others = [x["name"] for x in p["partners"]]
            if others:
                shown = ", ".join(others[:8]) + (f" … (+{len(others) - 8})"
                                                 if len(others) > 8 else "")
                click.echo(f"      weitere Mitglieder: {shown}")
    else:
        click.echo("  Projekte: keine erfasst")
    click.echo("  IT-Dienstleister: " + (", ".join(
        o["name"] + (f" (über {o['via']['kind_de']} {o['via']['name']})" if o["via"] else "")
        for o in eco["it_providers"]) or "keine erfasst"))
    if eco["neighbours"]:
        click.echo("  Nachbarn: " + ", ".join(
            n["name"] + (f" ({de_count(n['projects'], 'Projekt', 'Projekte')})"
                         if n["projects"] else "")
            for n in eco["neighbours"]))
    partners = [x for x in eco["partners"] if not x["neighbour"]]
    if partners:
        shown = ", ".join(x["name"] for x in partners[:12]) + (
            f" … (+{len(partners) - 12})" if len(partners) > 12 else "")
        click.echo(f"  Projektpartner außerhalb der Nachbarschaft ({len(partners)}): {shown}")
    click.echo(f"  Typ (Selbstauskunft): {c.get('type') or 'nicht angegeben'}")
    click.echo("  Rollen: " + (", ".join(c.get("roles") or []) or "keine angegeben"))
    k = eco["counts"]
    click.echo(f"  Netz: {k['nodes']} Knoten, {k['edges']} Kanten (--json für Viewer/Export).")


@command()
@click.argument("municipality")
@click.option("--land", help="Land als Schlüssel (05) oder Name, falls der Name mehrdeutig ist.")
@click.option("--kreis", help="Kreis als Schlüssel (05954) oder Name.")
@json_option
@click.pass_context
@friendly_errors
def show(ctx: click.Context, municipality: str, land: str | None, kreis: str | None,
         as_json: bool) -> None:
    """Zeigt eine Kommune: Eckdaten, Kreis, Land, Nachbarn und Projekte.

    MUNICIPALITY ist ein AGS (8 Ziffern), ein ARS (12 Ziffern), der amtliche
    Name („Münster, Stadt“) oder der gebräuchliche Name („Witten“).
    """
    store = store_from(ctx, read_only=True)
    try:
        match = Resolver.for_store(store).resolve(municipality, land=land, kreis=kreis)
    except (AmbiguousName, UnknownMunicipality) as e:
        if not as_json:
            raise
        _resolve_error_json(e)
    detail = municipality_detail(store, match)
    if match.note:
        detail["match"] = {"how": match.how, "query": municipality, "note": match.note}
    if as_json:
        emit_json(detail)
        return
    if match.note:
        click.echo(f"Hinweis: „{municipality}“ {match.note}.")
    click.echo(f"{detail['official_name']} (AGS {detail['ags']}, ARS {detail['ars']})")
    click.echo(f"  Kreis: {detail['district']['name']}, Land: {detail['state']['name']}")
    click.echo(f"  Einwohner: {de_int(detail['population'])}, Fläche: "
               f"{str(detail['area_km2']).replace('.', ',')} km²")
    if detail["lat"] is not None:
        click.echo(f"  Lage: {detail['lat']:.4f} N, {detail['lon']:.4f} O"
                   + (f", {detail['urbanisation']}" if detail["urbanisation"] else ""))
    names = ", ".join(n["name"] + (" (nur Eckpunkt)" if n.get("contact") == "point" else "")
                      for n in detail["neighbours"]) or "keine erfasst"
    click.echo(f"  Nachbarn ({len(detail['neighbours'])}): {names}")
    if detail["projects"]:
        click.echo(f"  Projekte ({len(detail['projects'])}):")
        for p in detail["projects"]:
            click.echo(f"    {p['id']}: {p['name']} ({p['role'] or 'Mitglied'})")
    else:
        click.echo("  Projekte: keine erfasst")
    _show_digital(detail)


def _resolve_error_json(e: AmbiguousName | UnknownMunicipality) -> NoReturn:
    """An ambiguous or unknown name under ``--json``: the German message and the
    candidates (most relevant first) as JSON on stdout, exit code 1."""
    cands = e.candidates if isinstance(e, AmbiguousName) else e.suggestions
    emit_json({"error": e.message_de,
               "candidates": [{"ags": c.key, "name": c.name, "kreis": c.district,
                               "land": c.state, "population": c.population}
                              for c in cands]})
    sys.exit(1)


def _provider_de(o: dict[str, Any]) -> str:
    if o.get("in_house"):
        return f"{o['name']} (eigene IT der Stadt)"
    extra = [] if o["via"] == "direkt" else [o["via"]]
    if o.get("certainty") == "derived":
        extra.append("abgeleitet")
    return o["name"] + (f" ({', '.join(extra)})" if extra else "")


def _show_digital(detail: dict[str, Any]) -> None:
    """IT provider, base components, digital infrastructure, participation tools."""
    providers = ", ".join(_provider_de(o) for o in detail["it_providers"])
    click.echo(f"  IT-Dienstleister: {providers or 'nicht erfasst'}")
    base = detail["base_components"]
    click.echo(f"  E-Government-Basiskomponenten: {base['status']}"
               + (f" ({', '.join(base['known'])})" if base["known"] else ""))
    for title, facts in (("Digitale Infrastruktur", detail["digital_infrastructure"]),
                         ("Beteiligungsinstrumente", detail["participation"])):
        if not facts:
            click.echo(f"  {title}: nicht erfasst")
            continue
        click.echo(f"  {title}:")
        for f in facts:
            click.echo(f"    {f['text']}")
    for p in detail["platforms"]:
        others = p["users"] - 1
        click.echo(f"  Gemeinsame Plattform: {p['name']}"
                   + (f" (mit {de_int(others)} weiteren)" if others > 0 else ""))


@command()
@click.option("--land", help="Nur dieses Land: Schlüssel (05) oder Name (Nordrhein-Westfalen).")
@click.option("--kreis", help="Nur dieser Kreis: Schlüssel (05954) oder Name.")
@click.option("--max-population", type=click.IntRange(min=1), default=20000, show_default=True,
              help="Höchstens so viele Einwohner.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True,
              help="Höchstens so viele Ergebnisse.")
@json_option
@click.pass_context
@friendly_errors
def underconnected(ctx: click.Context, land: str | None, kreis: str | None,
                   max_population: int, limit: int, as_json: bool) -> None:
    """Kleine Kommunen, die vom Kooperationsnetz abgeschnitten sind, mit Brücke.

    \b
    Kandidaten: höchstens --max-population Einwohner, kein eigenes erfasstes
    Projekt. Abgeschnittenheit (0 bis 1) =
      0,4 × keine Nachbarkommune ist in einem Projekt aktiv
    + 0,3 × weder Kreis noch Gemeindeverband noch eine andere Gemeinde
            im Kreis nimmt an einem Projekt teil
    + 0,3 × min(Entfernung zur nächsten aktiven Kommune / 30 km, 1).
    Rangwert = Abgeschnittenheit × (0,5 + 0,5 × Einwohner / --max-population):
    bei gleicher Abgeschnittenheit zuerst die Kommune mit mehr Einwohnern.

    \b
    Brücke: die aktive Nachbarkommune mit den meisten Projekten, sonst der
    Kreis oder Gemeindeverband, wenn er selbst an einem Projekt teilnimmt,
    sonst die nächste aktive Kommune im Kreis, sonst die nächste überhaupt
    (ohne Koordinaten: die aktivste Kommune im Land).
    """
    from ..queries.analytics.underconnected import underconnected as _underconnected

    store = store_from(ctx, read_only=True)
    kreis_key = None
    if kreis is not None:
        kreis_key = Resolver.for_store(store).resolve_district(kreis).key
    result = _underconnected(store, land=land, kreis=kreis_key,
                             max_population=max_population, limit=limit)
    if as_json:
        emit_json(result)
        return
    click.echo(f"{de_int(result['candidates'])} kleine Kommunen ohne eigenes Projekt; "
               f"die {len(result['results'])} am stärksten abgeschnittenen:")
    for i, r in enumerate(result["results"], start=1):
        click.echo(f"{i:3}. {r['name']} ({r['ags']}, {r['district']}, "
                   f"{de_int(r['population'])} Einw.) – Wert {de_num(r['score'], 3)}")
        for reason in r["reasons_de"][1:]:
            click.echo(f"       {reason}")
        if r["bridge"]:
            click.echo(f"       Brücke: {r['bridge']['text_de']}")
    click.echo("Definition: kommunalgraph underconnected --help")


@command()
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True,
              help="So viele Kommunen je Maß anzeigen.")
@click.option("--write", is_flag=True,
              help="degree, pagerank und betweenness an alle Gemeinden schreiben "
                   "(außerhalb des Netzes: leer).")
@click.option("--programme-weight", type=click.FloatRange(min=0), default=0.0,
              show_default=True,
              help="Gewicht je gemeinsamem Förderprogramm (0 = Programm-Bindungen zählen nicht).")
@json_option
@click.pass_context
@friendly_errors
def centrality(ctx: click.Context, top: int, write: bool, programme_weight: float,
               as_json: bool) -> None:
    """Zentrale Kommunen im Kooperationsnetz: Grad, PageRank, Betweenness.

    Kommunen sind verbunden, wenn sie an einem gemeinsamen Projekt teilnehmen
    (Gewicht = Zahl gemeinsamer Projekte). Ein gemeinsames Förderprogramm
    allein zählt nur mit --programme-weight. Betweenness wird bis 2.000
    Kommunen exakt berechnet, darüber mit 500 Stichproben-Pivots (Seed 1).
    """
    from ..importers.pipeline import save_scores
    from ..queries.analytics.centrality import centrality as _centrality

    store = store_from(ctx, read_only=not write)
    r = _centrality(store, top=top, with_values=write, programme_weight=programme_weight)
    if write:
        r["query"]["write"] = True
        r["written"] = save_scores(store, r.pop("values"), ("degree", "pagerank", "betweenness"))
    if as_json:
        emit_json(r)
        return
    n = r["network"]
    click.echo(f"Kooperationsnetz: {de_int(n['nodes'])} Kommunen, {de_int(n['edges'])} "
               f"Verbindungen, {de_int(n['components'])} Teilnetze (größtes: "
               f"{de_int(n['largest_component'])}).")
    click.echo(f"Top {len(r['results'])} nach PageRank:")
    click.echo(f"     {'Kommune':<32} {'Grad':>5} {'PageRank':>9} {'Betweenness':>12}")
    for i, m in enumerate(r["results"], start=1):
        click.echo(f"{i:3}. {m['name'][:32]:<32} {m['degree']:>5} {de_num(m['pagerank'], 4):>9} "
                   f"{de_num(m['betweenness'], 4):>12}")
    click.echo("Höchster Grad: " + ", ".join(f"{m['name']} ({m['degree']})"
                                            for m in r["by_degree"][:5]))
    click.echo("Höchste Betweenness (Brückenkommunen): "
               + ", ".join(m["name"] for m in r["by_betweenness"][:5]))
    if write:
        click.echo(f"In den Datenbestand geschrieben: {de_int(r['written'])} Gemeinden.")


@command()
@click.option("--seed", type=int, default=1, show_default=True,
              help="Zufallsstartwert der Louvain-Methode (gleicher Seed, gleiche Regionen).")
@click.option("--write", is_flag=True,
              help="Regionsnummer als community an alle Gemeinden schreiben "
                   "(außerhalb des Netzes: leer).")
@click.option("--programme-weight", type=click.FloatRange(min=0), default=0.0,
              show_default=True,
              help="Gewicht je gemeinsamem Förderprogramm (0 = Programm-Bindungen zählen nicht).")
@click.option("--resolution", type=click.FloatRange(min=0, min_open=True), default=1.0,
              show_default=True, help="Louvain-Auflösung: größer = kleinere Regionen.")
@click.option("--limit", type=click.IntRange(min=1), default=15, show_default=True,
              help="So viele Regionen im Text anzeigen (--json zeigt alle).")
@json_option
@click.pass_context
@friendly_errors
def communities(ctx: click.Context, seed: int, write: bool, programme_weight: float,
                resolution: float, limit: int, as_json: bool) -> None:
    """Digitale Regionen: Louvain-Gemeinschaften im Kooperationsnetz.

    Gleiches Netz wie bei „centrality“; Regionen sind nach Größe nummeriert
    und nennen ihre größten und zentralsten Mitglieder.
    """
    from ..importers.pipeline import save_scores
    from ..queries.analytics.centrality import communities as _communities

    store = store_from(ctx, read_only=not write)
    r = _communities(store, seed=seed, with_values=write, programme_weight=programme_weight,
                     resolution=resolution)
    if write:
        r["query"]["write"] = True
        r["written"] = save_scores(store, r.pop("values"), ("community",))
    if as_json:
        emit_json(r)
        return
    n = r["network"]
    click.echo(f"{de_int(r['count'])} Digitale Regionen im Kooperationsnetz "
               f"({de_int(n['nodes'])} Kommunen, Modularität {de_num(n['modularity'], 3)}, "
               f"Seed {seed}):")
    for reg in r["regions"][:limit]:
        click.echo(f"  {reg['name']}: {reg['size']} Kommunen, "
                   f"{de_int(reg['population'])} Einw., {', '.join(reg['states'])}")
        click.echo("    zentral: " + ", ".join(m["name"] for m in reg["central"][:5]))
        click.echo("    größte: " + ", ".join(m["name"] for m in reg["largest"][:5]))
    if r["count"] > limit:
        click.echo(f"  … und {r['count'] - limit} weitere (--limit, --json).")
    if write:
        click.echo(f"In den Datenbestand geschrieben: {de_int(r['written'])} Gemeinden.")


@command()
@click.argument("answers", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--save", is_flag=True,
              help="Ergebnis als HAS_TYPE der Kommune aus „municipality“ speichern "
                   "(ersetzt ein früher gespeichertes Ergebnis).")
@json_option
@click.pass_context
@friendly_errors
def typecheck(ctx: click.Context, answers: Path, save: bool, as_json: bool) -> None:
    """Typ-Selbstcheck nach ÖFIT/KGSt: welcher der vier Kommunentypen passt?

    ANSWERS ist eine YAML-Datei mit „priorities“ (Ziel: 0 bis 5), optional
    „municipality“ (AGS oder Name) und „answered_at“ (JJJJ-MM-TT). Ziele:
    rechtliche_vorgaben, effizienz, nutzerzufriedenheit, attraktivitaet,
    lokale_gemeinschaft, mitarbeiterzufriedenheit, integrierte_strategie.
    Vereinfachte eigene Zuordnung von kommunalgraph, nicht das Clustermodell
    der Studie.
    """
    from ..importers.pipeline import save_type
    from ..queries.typecheck import TYPES, load_answers
    from ..queries.typecheck import typecheck as _typecheck

    data = load_answers(answers)
    if save and "municipality" not in data:
        raise InputError("municipality: needed for --save",
                         "Feld „municipality“ fehlt: zum Speichern (--save) nötig.")
    store = None
    try:
        store = store_from(ctx, read_only=not save)
    except StoreUnavailable:  # the check works without a store, only without examples
        if save:
            raise
        store = None
    result = _typecheck(data, store=store)
    if store is not None and "municipality" in data:
        m = Resolver.for_store(store).resolve(data["municipality"])
        result["municipality"] = {"ags": m.key, "name": m.name}
        if save:
            result["saved"] = save_type(store, m.key, result["type"]["id"],
                                        data.get("answered_at")) == 1
    if as_json:
        emit_json(result)
        return
    t = result["type"]
    who = result.get("municipality", {}).get("name") or data.get("municipality")
    click.echo(f"Ihr Typ{f' ({who})' if who else ''}: {t['name']} "
               f"(Übereinstimmung {de_num(t['score'] * 100, 0)} %)")
    click.echo(f"  {t['description_de']}")
    sb = result["steckbrief"]
    click.echo("Steckbrief:")
    click.echo("  Stärken: " + "; ".join(sb["strengths"]))
    click.echo("  Typische Rollen: " + ", ".join(sb["typical_roles"]))
    click.echo("  Typische Beteiligungsinstrumente: "
               + ", ".join(sb["typical_participation_tools"]))
    click.echo("Alle Typen: " + ", ".join(
        f"{TYPES[k]['name']} {de_num(v * 100, 0)} %" for k, v in result["scores"].items()))
    click.echo("Lernen von:")
    for lf in result["learn_from"]:
        click.echo(f"  {lf['name']}: {lf['why_de']}")
        if lf["examples"]:
            click.echo("    Beispiele: " + ", ".join(e["name"] for e in lf["examples"]))
        else:
            click.echo(f"    {lf['examples_note_de']}")
    click.echo(result["method_de"])
    if result.get("saved"):
        click.echo(f"Gespeichert: {result['municipality']['name']} hat Typ {t['name']} "
                   "(HAS_TYPE).")


@command()
@click.argument("fmt", metavar="FORMAT", type=_ExportFormat())
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--ego", metavar="MUNICIPALITY",
              help="Nur das Ökosystem dieser Kommune exportieren (AGS oder Name).")
@click.option("--land", help="Land zur Eingrenzung von --ego, falls der Name mehrdeutig ist.")
@click.option("--kreis", help="Kreis zur Eingrenzung von --ego.")
@click.option("--include-personal-data", is_flag=True,
              help="Kontaktdaten (Name, E-Mail) von Rollen mit erfasster Einwilligung "
                   "mit exportieren. Standard: weggelassen.")
@json_option
@click.pass_context
@friendly_errors
def export(ctx: click.Context, fmt: str, path: Path, ego: str | None, land: str | None,
           kreis: str | None, include_personal_data: bool, as_json: bool) -> None:
    """Exportiert den Graphen als graphml, gexf (beide für Gephi), json oder csv.

    Bei csv ist PATH ein Ordner (nodes.csv und edges.csv) oder eine .zip-Datei.
    Persönliche Kontaktdaten werden nur mit --include-personal-data exportiert.
    """
    from ..queries.export import export as _export

    store = store_from(ctx, read_only=True)
    ego_key = None
    if ego is not None:
        ego_key = Resolver.for_store(store).resolve(ego, land=land, kreis=kreis).key
    if ego_key is None and not as_json:  # the whole graph: ~10 s for graphml/gexf
        click.echo(f"Exportiere den ganzen Graphen als {fmt} …", err=True)
    r = _export(store, fmt, path, ego=ego_key, include_personal_data=include_personal_data)
    if as_json:
        emit_json(r)
        return
    click.echo(f"Exportiert ({fmt}): {de_int(r['nodes'])} Knoten, {de_int(r['edges'])} "
               f"Kanten nach {', '.join(r['files'])}.")
    if r["personal_data_included"]:
        click.echo("Enthält persönliche Kontaktdaten (nur mit Einwilligung); "
                   f"{r['personal_data_withheld_no_consent']} ohne Einwilligung weggelassen.")
    else:
        click.echo("Persönliche Kontaktdaten sind nicht enthalten.")
