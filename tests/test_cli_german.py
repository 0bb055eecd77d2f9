"""The CLI's framework text (help, usage errors) is German, and exit codes stay click's."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kommunalgraph.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args), prog_name="kommunalgraph")


def test_help_is_german():
    r = run("--help")
    assert r.exit_code == 0
    assert r.output.startswith("Aufruf: kommunalgraph [OPTIONEN] BEFEHL [ARGUMENTE]...")
    assert "Optionen:" in r.output and "Befehle:" in r.output
    assert "Diese Hilfe anzeigen und beenden." in r.output
    assert "Version anzeigen und beenden." in r.output
    for english in ("Usage:", "Options:", "Commands:", "Show this message"):
        assert english not in r.output


def test_subcommand_help_is_german():
    r = run("suggest", "--help")
    assert r.exit_code == 0
    assert r.output.startswith("Aufruf: kommunalgraph suggest [OPTIONEN] MUNICIPALITY")
    assert "[Standard: 10; x>=1]" in r.output and "default" not in r.output
    r = run("import", "gv100ad", "--help")
    assert r.output.startswith("Aufruf: kommunalgraph import gv100ad [OPTIONEN]")


@pytest.mark.parametrize(("args", "message"), [
    (["suggest"], "Fehler: Argument MUNICIPALITY fehlt."),
    (["sugest", "Witten"], "Fehler: Unbekannter Befehl „sugest“. Meinten Sie suggest?"),
    (["suggest", "Witten", "--limt", "3"],
     "Fehler: Unbekannte Option --limt. Meinten Sie --limit?"),
    (["suggest", "Witten", "--limit", "abc"],
     "Fehler: Ungültiger Wert für --limit: „abc“ ist keine ganze Zahl."),
    (["suggest", "Witten", "--limit"], "Fehler: Option --limit braucht einen Wert."),
    (["suggest", "Witten", "Bochum"], "Fehler: Unerwartetes zusätzliches Argument: Bochum"),
    (["import", "gv100ad", "/does/not/exist"],
     "Fehler: Ungültiger Wert für PATHS...: „/does/not/exist“ existiert nicht."),
])
def test_usage_errors_are_german_with_exit_code_2(args, message):
    r = run(*args)
    assert r.exit_code == 2
    lines = r.output.strip().splitlines()
    assert lines[-1] == message
    if len(lines) > 1:  # click knows the command context for all but a few parser errors
        assert lines[0].startswith("Aufruf: kommunalgraph")
        assert lines[1].startswith("Hilfe: kommunalgraph") and lines[1].endswith(" --help")
    assert "Error" not in r.output and "Traceback" not in r.output


def test_store_errors_are_one_german_line(tmp_path):
    r = run("--store", str(tmp_path / "none"), "show", "Witten")
    assert r.exit_code == 1
    assert r.output.startswith("Fehler: Kein Datenbestand unter ")
    assert len(r.output.strip().splitlines()) == 1
