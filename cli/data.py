"""Data commands: ``init``, ``import``, ``stats``, ``datasets``, ``remove``.

The pipeline and the importers are imported when a command runs, and each
``import FORMAT`` command is made when it is first looked up (its help is the
importer module's ``HELP_DE``): ``kommunalgraph stats`` does not load the
shapefile reader, and ``import projects`` does not load the other importers.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..graph.errors import InputError
from ..graph.schema import NODE_TYPES, REL_TYPES
from ..importers.registry import IMPORTERS, help_text
from ..queries.german import de_int
from .common import (
    command,
    emit_json,
    friendly_errors,
    group,
    json_option,
    progress_bar,
    store_from,
    store_summary,
)
from .lazy import LazyCommands

if TYPE_CHECKING:
    from ..importers.base import ImportReport

GERMAN = {t.label: t.german for t in NODE_TYPES} | {t.type: t.german for t in REL_TYPES}


@command()
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
    if report.unchanged:
        click.echo(f"{report.importer} ({report.dataset}): unverändert, nichts geschrieben, "
                   f"{seconds} s")
        for note in report.notes[:20]:
            click.echo(f"    Hinweis: {note}")
        return
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


def _make_import_command(name: str) -> click.Command:
    """The command ``import NAME``, made when it is first looked up."""

    @command(name=name, help=help_text(name))
    @click.argument("paths", nargs=-1, required=True,
                    type=click.Path(exists=True, path_type=Path))
    @click.option("--dataset", "dataset", metavar="NAME",
                  help="Name des Datensatzes (Standard: Importart und Pfad der Datei; ein "
                  "erneuter Import unter demselben Namen ersetzt ihn).")
    @click.option("--force", is_flag=True,
                  help="Auch eine ältere Ausgabe als die vorhandene importieren.")
    @json_option
    @click.pass_context
    @friendly_errors
    def import_one(ctx: click.Context, paths: tuple[Path, ...], dataset: str | None,
                   force: bool, as_json: bool, successors: Path | None = None,
                   strict: bool = False) -> None:
        if dataset is not None and len(paths) > 1:
            raise InputError("--dataset with several files",
                             "--dataset benennt genau eine Datei; bitte einzeln importieren.")
        from ..importers.pipeline import read_successors, run_import

        mapping = read_successors(successors) if successors else None
        store = store_from(ctx)
        with store.transaction():
            with progress_bar(f"Import {name}", show=not as_json) as progress:
                reports = run_import(store, name, list(paths), progress=progress,
                                     dataset=dataset, force=force, successors=mapping,
                                     strict=strict)
        if as_json:
            emit_json([r.to_dict() for r in reports])
        else:
            for r in reports:
                _print_report(r)

    if name == "publiccode":
        click.option("--strict", is_flag=True,
                     help="Dateien ablehnen, die eine Regel des publiccode.yml-Standards "
                     "verletzen (Standard: übernehmen, was brauchbar ist, mit Hinweisen)."
                     )(import_one)
    if name == "gv100ad":
        click.option("--successors", "successors", metavar="DATEI",
                     type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Nachfolgerliste (alter AGS → neuer AGS, CSV mit den Spalten "
                     "ags_alt und ags_neu): Fakten nicht mehr bestehender Gemeinden "
                     "werden zum Nachfolger verschoben.")(import_one)
    return import_one


@command(name="bundled")
@json_option
@click.pass_context
@friendly_errors
def import_bundled_command(ctx: click.Context, as_json: bool) -> None:
    """Alle mitgelieferten echten Daten aus data/, in der richtigen Reihenfolge."""
    from ..importers.pipeline import import_bundled

    store = store_from(ctx)
    with progress_bar("Import der mitgelieferten Daten", show=not as_json) as progress:
        reports = import_bundled(store, progress=progress)
    if as_json:
        emit_json([r.to_dict() for r in reports])
        return
    for r in reports:
        _print_report(r)
    click.echo(f"Fertig: {store_summary(store)} im Datenbestand {ctx.obj.store_uri}.")


@group(name="import", commands=LazyCommands(
    {name: functools.partial(_make_import_command, name) for name in IMPORTERS}
    | {"bundled": lambda: import_bundled_command}))
def import_group() -> None:
    """Importiert Quelldaten in den Datenbestand (wiederholbar, ändert beim zweiten Mal nichts)."""


@command()
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


@command(name="datasets")
@json_option
@click.pass_context
@friendly_errors
def datasets_command(ctx: click.Context, as_json: bool) -> None:
    """Listet die importierten Datensätze: Art, Stand, Datei, Prüfsumme, Fakten, Importzeit."""
    from ..importers.pipeline import list_datasets

    rows = list_datasets(store_from(ctx, read_only=True))
    if as_json:
        emit_json([d.to_dict() for d in rows])
        return
    if not rows:
        click.echo("Keine Datensätze im Datenbestand.")
        return
    for d in rows:
        state = "" if d.complete else "  UNVOLLSTÄNDIG"
        origin = "mitgeliefert" if d.bundled else "eigener Datensatz"
        click.echo(f"{d.id}{state}")
        click.echo(f"    Art {d.kind}, Stand {d.edition or 'unbekannt'}, {origin}, "
                   f"importiert {d.imported_at}")
        click.echo(f"    Datei {d.file}")
        click.echo(f"    SHA-256 {d.hash[:16]}…, geschrieben: "
                   + (", ".join(f"{k} {de_int(v)}" for k, v in sorted(d.counts.items()))
                      or "nichts"))


@command(name="remove")
@click.argument("dataset")
@json_option
@click.pass_context
@friendly_errors
def remove_command(ctx: click.Context, dataset: str, as_json: bool) -> None:
    """Entfernt einen Datensatz mit all seinen Fakten (in einem Schritt, ganz oder gar nicht).

    Knoten, die nur dieser Datensatz geschrieben hat und die keine Beziehung mehr
    haben, werden mit entfernt; siehe „kommunalgraph datasets“ für die Namen.
    """
    from ..importers.pipeline import remove_dataset

    ds, rels, nodes = remove_dataset(store_from(ctx), dataset)
    if as_json:
        emit_json({"dataset": ds.id, "relationships": rels, "nodes": nodes})
        return
    removed = ", ".join(f"{GERMAN.get(k, k)} {de_int(v)}" for k, v in sorted(nodes.items()))
    click.echo(f"Datensatz „{ds.id}“ entfernt: {de_int(rels)} Beziehungen"
               + (f", Knoten: {removed}" if removed else "") + ".")
