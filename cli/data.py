"""Data commands: ``init``, ``import``, ``stats``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..graph.schema import NODE_TYPES, REL_TYPES
from ..importers.pipeline import import_bundled, run_import
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


@group(name="import")
def import_group() -> None:
    """Importiert Quelldaten in den Datenbestand (wiederholbar, ändert beim zweiten Mal nichts)."""


def _make_import_command(name: str) -> None:
    @import_group.command(name=name, help=help_text(name))
    @click.argument("paths", nargs=-1, required=True,
                    type=click.Path(exists=True, path_type=Path))
    @json_option
    @click.pass_context
    @friendly_errors
    def command(ctx: click.Context, paths: tuple[Path, ...], as_json: bool) -> None:
        store = store_from(ctx)
        with store.transaction():
            with progress_bar(f"Import {name}", show=not as_json) as progress:
                reports = run_import(store, name, list(paths), progress=progress)
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
    with progress_bar("Import der mitgelieferten Daten", show=not as_json) as progress:
        reports = import_bundled(store, progress=progress)
    if as_json:
        emit_json([r.to_dict() for r in reports])
        return
    for r in reports:
        _print_report(r)
    click.echo(f"Fertig: {store_summary(store)} im Datenbestand {ctx.obj.store_uri}.")


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
