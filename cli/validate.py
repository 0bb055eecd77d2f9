"""``validate``: check files against their standard, without a store.

``kommunalgraph validate publiccode FILE|FOLDER…`` prints the German notes per
file (field path, line, message) and exits 1 when any file is invalid, 0 when
all are valid; ``--json`` gives the same as data for CI pipelines.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..queries.german import de_int
from .common import CliError, emit_json, friendly_errors, group, json_option


@group(name="validate")
def validate_group() -> None:
    """Prüft Dateien gegen ihren Standard, ohne Datenbestand (z. B. für CI)."""


def _line(note: dict[str, Any]) -> str:
    where = f"Zeile {note['line']}: " if note.get("line") else ""
    field = f"{note['field']}: " if note.get("field") else ""
    return f"{where}{field}{note['message']}"


@validate_group.command(name="publiccode")
@click.argument("paths", nargs=-1, required=True,
               type=click.Path(exists=True, path_type=Path))
@json_option
@click.option("--ohne-hinweise", "errors_only", is_flag=True,
              help="Nur Fehler zeigen, keine Hinweise (veraltete Schlüssel u. Ä.).")
@friendly_errors
def publiccode(paths: tuple[Path, ...], as_json: bool, errors_only: bool) -> None:
    """publiccode.yml-Dateien (Dateien oder Ordner) gegen den Standard prüfen.

    Jede Abweichung erscheint mit Zeile und Feld. Rückgabewert 0: alle Dateien
    gültig; 1: mindestens eine ungültig.
    """
    # reads only (no store, nothing written): see the layer contract in pyproject.toml;
    # imported here so that other commands start without the YAML reader
    from ..importers.publiccode import validate as validate_publiccode

    results = validate_publiccode(list(paths))
    if not results:
        raise CliError("Keine .yml- oder .yaml-Datei gefunden in: "
                       + ", ".join(str(p) for p in paths) + ".")
    if errors_only:
        for r in results:
            r["notes"] = [n for n in r["notes"] if n["severity"] == "Fehler"]
    invalid = [r for r in results if not r["valid"]]
    if as_json:
        emit_json({"valid": not invalid, "files": results})
    else:
        for r in results:
            version = f", Version {r['version']}" if r.get("version") else ""
            if r["valid"]:
                head = f"gültig{version}"
            else:
                head = f"ungültig{version}, {de_int(r['errors'])} Fehler"
            if r["warnings"] and not errors_only:
                head += f", {de_int(r['warnings'])} Hinweis" + ("e" if r["warnings"] > 1 else "")
            click.echo(f"{r['file']}: {head}")
            for note in r["notes"]:
                mark = "Fehler" if note["severity"] == "Fehler" else "Hinweis"
                click.echo(f"    {mark}: {_line(note)}")
        click.echo(f"{de_int(len(results))} Datei{'en' if len(results) != 1 else ''} geprüft: "
                   f"{de_int(len(results) - len(invalid))} gültig, "
                   f"{de_int(len(invalid))} ungültig.")
    if invalid:
        sys.exit(1)
