"""Data commands: ``init``, ``import``, ``stats``, ``show``."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import click

from .cli import main
from .cli_common import emit_json, friendly_errors, json_option, store_from
from .graph.resolve import Resolver
from .graph.schema import NODE_TYPES, REL_TYPES
from .graph.store import GraphStore
from .importers.base import ImportReport, apply_plan
from .importers.registry import IMPORTERS, bundled_steps, module_for
from .queries.german import de_int
from .queries.municipality import municipality_detail

GERMAN = {t.label: t.german for t in NODE_TYPES} | {t.type: t.german for t in REL_TYPES}


@main.command()
@click.pass_context
@friendly_errors
def init(ctx: click.Context) -> None:
    """Legt das Schema an (Knotentabellen, Schlüssel, Beziehungen). Mehrfach aufrufbar."""
    store = store_from(ctx)
    store.init_schema()
    click.echo(f"Schema angelegt in {ctx.obj.store_uri}.")


def _print_report(report: ImportReport) -> None:
    written = ", ".join(f"{k} {de_int(v)}" for k, v in sorted(report.written.items()))
    seconds = f"{report.seconds:.1f}".replace(".", ",")
    click.echo(
        f"{report.importer} ({report.dataset}): gelesen {de_int(report.read)}, "
        f"geschrieben {written or '0'}, übersprungen {de_int(len(report.skipped))}, {seconds} s"
    )
    for reason, n in sorted(report.skipped_by_reason().items()):
        click.echo(f"    übersprungen: {reason}: {de_int(n)}")
    for note in report.notes[:20]:
        click.echo(f"    Hinweis: {note}")
    if len(report.notes) > 20:
        click.echo(f"    … und {len(report.notes) - 20} weitere Hinweise (--json zeigt alle)")


def run_import(store: GraphStore, importer: str, paths: list[Any],
               *, label: str | None = None, show_progress: bool = True) -> list[ImportReport]:
    """Import ``paths`` with ``importer``, each file in its own transaction."""
    module = module_for(importer)
    reports = []
    with click.progressbar(
        paths, label=label or f"Import {importer}", file=None if show_progress else _Null(),
        show_pos=True,
    ) as bar:
        for path in bar:
            started = time.perf_counter()
            plan = module.plan(Path(str(path)), store)
            report = apply_plan(store, plan)
            report.seconds = time.perf_counter() - started
            reports.append(report)
    return reports


class _Null:
    def write(self, *_: object) -> None: ...
    def flush(self) -> None: ...
    def isatty(self) -> bool:
        return False


def import_bundled(store: GraphStore, *, show_progress: bool = True) -> list[ImportReport]:
    """Everything shipped in ``data/``, in dependency order, with one progress bar."""
    steps = bundled_steps()
    reports: list[ImportReport] = []
    with click.progressbar(
        steps, label="Import der mitgelieferten Daten",
        item_show_func=lambda s: s[0] if s else None,
        file=None if show_progress else _Null(),
    ) as bar:
        for importer, path in bar:
            started = time.perf_counter()
            with store.transaction():
                plan = module_for(importer).plan(Path(str(path)), store)
                report = apply_plan(store, plan)
            report.seconds = time.perf_counter() - started
            reports.append(report)
    return reports


@main.group(name="import")
def import_group() -> None:
    """Importiert Quelldaten in den Datenbestand (wiederholbar, ändert beim zweiten Mal nichts)."""


def _make_import_command(name: str) -> None:
    module_doc = {
        "gv100ad": "Destatis-Gemeindeverzeichnis GV100AD (Festbreitenformat).",
        "gv-auszug": "Destatis-GV-ISys-Auszug (CSV): Koordinaten und Verstädterung.",
        "boundaries": "BKG-Gemeindegrenzen (VG5000/VG250, Shapefile): Nachbarschaften.",
        "ozg": "OZG-Katalog: Themenfelder, Lebenslagen, OZG- und LeiKa-Leistungen.",
        "organisations": "Organisationen: IT-Dienstleister und ihre Mitglieder.",
        "projects": "Projekte und Mitgliedschaften im kommunalgraph-Format (CSV).",
        "publiccode": "publiccode.yml-Dateien (eine Datei oder ein Ordner).",
        "profiles": "Selbstauskünfte von Kommunen (Rollen, Komponenten, Typ).",
    }[name]

    @import_group.command(name=name, help=module_doc)
    @click.argument("paths", nargs=-1, required=True,
                    type=click.Path(exists=True, path_type=Path))
    @json_option
    @click.pass_context
    @friendly_errors
    def command(ctx: click.Context, paths: tuple[Path, ...], as_json: bool) -> None:
        store = store_from(ctx)
        with store.transaction():
            reports = run_import(store, name, list(paths), show_progress=not as_json)
        if as_json:
            emit_json([r.to_dict() for r in reports])
        else:
            for r in reports:
                _print_report(r)


for _name in IMPORTERS:
    _make_import_command(_name)


@import_group.command(name="bundled")
@json_option
@click.pass_context
@friendly_errors
def import_bundled_command(ctx: click.Context, as_json: bool) -> None:
    """Alle mitgelieferten echten Daten aus data/, in der richtigen Reihenfolge."""
    store = store_from(ctx)
    reports = import_bundled(store, show_progress=not as_json)
    if as_json:
        emit_json([r.to_dict() for r in reports])
        return
    for r in reports:
        _print_report(r)
    counts = store.counts()["nodes"]
    click.echo(
        f"Fertig: {de_int(counts['Municipality'])} Gemeinden, "
        f"{de_int(counts['Project'])} Projekte im Datenbestand {ctx.obj.store_uri}."
    )


@main.command()
@json_option
@click.pass_context
@friendly_errors
def stats(ctx: click.Context, as_json: bool) -> None:
    """Zählt Knoten je Typ und Beziehungen je Art."""
    counts = store_from(ctx, read_only=True).counts()
    if as_json:
        emit_json(counts)
        return
    click.echo("Knoten:")
    for label, n in counts["nodes"].items():
        click.echo(f"  {GERMAN[label]:<32} {label:<22} {de_int(n):>9}")
    click.echo("Beziehungen:")
    for rel, n in counts["relationships"].items():
        click.echo(f"  {GERMAN[rel]:<32} {rel:<22} {de_int(n):>9}")


@main.command()
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
    match = Resolver.from_store(store).resolve(municipality, land=land, kreis=kreis)
    detail = municipality_detail(store, match)
    if match.fuzzy:
        detail["match"] = {"how": "fuzzy", "query": municipality}
    if as_json:
        emit_json(detail)
        return
    if match.fuzzy:
        click.echo(f"Hinweis: „{municipality}“ als {match.name} erkannt (unscharfer Treffer).")
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
    if detail["it_providers"]:
        click.echo("  IT-Dienstleister: " + ", ".join(o["name"] for o in detail["it_providers"]))
