"""A new ``kommunalgraph`` process loads only what its command needs (issue 14).

Speed itself is measured in ``bench/cli_startup.py``; these tests pin what makes it:
which modules a command imports (checked in a fresh interpreter, since this
test process has imported everything long ago) and that the lazy command table
still gives every command with its German help.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kommunalgraph.cli import COMMANDS, main
from kommunalgraph.cli.lazy import LazyCommands, from_module
from kommunalgraph.graph.ladybug_store import LadybugStore
from kommunalgraph.importers.registry import IMPORTERS, help_text

#: modules no start-up of the CLI needs (each costs tenths of a second to import)
HEAVY = ("networkx", "numpy", "pyarrow", "flask", "shapefile", "yaml", "matplotlib",
         "kommunalgraph.importers.pipeline", "kommunalgraph.queries.analytics.network")
PROV = {"source": "fixture", "as_of": "2026", "importer": "test", "dataset": "fixture"}


def _loaded_after(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running ``code``."""
    probe = (code + "\nimport json, sys\n"
             "print('\\n' + json.dumps(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, timeout=120)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def _heavy(mods: set[str]) -> list[str]:
    return sorted(m for m in mods if m.split(".")[0] in HEAVY or m in HEAVY)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two municipalities in one Kreis (real keys and names; nothing else)."""
    path = tmp_path_factory.mktemp("startup") / "store"
    s = LadybugStore(path)
    with s.transaction():
        s.upsert_nodes("State", [{"key": "05", "name": "Nordrhein-Westfalen", **PROV}])
        s.upsert_nodes("District", [{"key": "05954", "name": "Ennepe-Ruhr-Kreis", **PROV}])
        s.upsert_nodes("Municipality", [
            {"ags": "05954036", "ars": "059540036036", "name": "Witten",
             "official_name": "Witten, Stadt", "population": 91808, **PROV},
            {"ags": "05954020", "ars": "059540020020", "name": "Hattingen",
             "official_name": "Hattingen, Stadt", "population": 53915, **PROV},
        ])
        s.create_relationships("IN_STATE", "District", "State",
                               [{"from": "05954", "to": "05", **PROV}])
        s.create_relationships("IN_DISTRICT", "Municipality", "District",
                               [{"from": "05954036", "to": "05954", **PROV},
                                {"from": "05954020", "to": "05954", **PROV}])
    s.close()
    return path


def test_importing_the_cli_loads_no_heavy_module() -> None:
    mods = _loaded_after("import kommunalgraph.cli")
    assert _heavy(mods) == []
    # no command module yet: each is imported when its command is looked up
    assert not {"kommunalgraph.cli.data", "kommunalgraph.cli.explore",
                "kommunalgraph.cli.partner", "kommunalgraph.cli.web"} & mods


def test_help_lists_every_command_without_heavy_modules() -> None:
    mods = _loaded_after(
        "from kommunalgraph.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass")
    assert _heavy(mods) == []


def test_show_loads_only_what_it_needs(tiny: Path) -> None:
    mods = _loaded_after(
        "from kommunalgraph.cli import main\n"
        f"try:\n    main(['--store', {str(tiny)!r}, 'show', 'Witten', '--json'])\n"
        "except SystemExit as e:\n    assert not e.code, e.code\n"
        "assert main.commands.loaded() == ['show'], main.commands.loaded()")
    assert _heavy(mods) == []
    assert "kommunalgraph.cli.partner" not in mods and "kommunalgraph.cli.data" not in mods


def test_suggest_does_not_load_the_web_importers_or_pyarrow(tiny: Path) -> None:
    mods = _loaded_after(
        "from kommunalgraph.cli import main\n"
        "try:\n    main(['suggest', '--help'])\nexcept SystemExit:\n    pass")
    assert not {"flask", "shapefile", "pyarrow", "yaml", "networkx"} & mods


def test_an_import_command_loads_only_its_importer() -> None:
    mods = _loaded_after(
        "from kommunalgraph.cli import main\n"
        "try:\n    main(['import', 'projects', '--help'])\nexcept SystemExit:\n    pass")
    assert "kommunalgraph.importers.projects" in mods
    assert "kommunalgraph.importers.boundaries" not in mods and "shapefile" not in mods


def test_every_command_in_the_table_loads_under_its_name() -> None:
    assert set(main.commands) == set(COMMANDS)
    for name, cmd in main.commands.items():
        assert isinstance(cmd, click.Command) and cmd.name == name
        assert (cmd.help or "").strip(), name


def test_help_shows_every_command_with_its_german_line() -> None:
    r = CliRunner().invoke(main, ["--help"])
    assert r.exit_code == 0, r.output
    assert "Befehle:" in r.output and "Optionen:" in r.output
    for name in COMMANDS:
        cmd = main.commands[name]
        line = next(x for x in r.output.splitlines() if x.strip().startswith(name + " "))
        assert cmd.get_short_help_str()[:20] in line, (name, line)


def test_import_help_is_each_importers_help_de() -> None:
    group = main.commands["import"]
    assert isinstance(group, click.Group)
    assert set(group.commands) == set(IMPORTERS) | {"bundled"}
    for name in IMPORTERS:
        assert group.commands[name].help == help_text(name)
    r = CliRunner().invoke(main, ["import", "--help"])
    assert r.exit_code == 0 and "GV100AD" in r.output


def test_unknown_command_still_suggests_a_near_one() -> None:
    r = CliRunner().invoke(main, ["sugest", "Witten"])
    assert r.exit_code == 2
    assert "Meinten Sie suggest?" in r.output


def test_export_format_choices_checked_when_used(tmp_path: Path, tiny: Path) -> None:
    r = CliRunner().invoke(main, ["--store", str(tiny), "export", "pdf", str(tmp_path / "x")])
    assert r.exit_code == 2
    assert "graphml" in r.output and "„pdf“" in r.output


def test_lazy_commands_make_each_command_once() -> None:
    made: list[str] = []

    def loader(name: str):  # type: ignore[no-untyped-def]
        def load() -> click.Command:
            made.append(name)
            return click.Command(name)
        return load

    cmds = LazyCommands({"a": loader("a"), "b": loader("b")})
    assert list(cmds) == ["a", "b"] and "a" in cmds and made == []
    assert cmds["a"] is cmds["a"] and made == ["a"]
    assert cmds.get("zzz") is None
    cmds["c"] = click.Command("c")
    assert sorted(cmds) == ["a", "b", "c"] and cmds.loaded() == ["a", "c"]


def test_a_wrong_table_entry_fails_loudly() -> None:
    with pytest.raises(LookupError):
        from_module(".explore", "show", "zeige")()
