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
from kommunalgraph.graph.errors import StoreError, StoreUnavailable
from kommunalgraph.graph.ladybug_store import DB_FILENAME, LadybugStore
from kommunalgraph.graph.schema import DISTRICT, IN_DISTRICT, IN_STATE, MUNICIPALITY, STATE
from kommunalgraph.importers.registry import IMPORTERS, help_text

#: modules no start-up of the CLI needs (each costs tenths of a second to import)
HEAVY = ("networkx", "numpy", "pyarrow", "flask", "shapefile", "yaml", "matplotlib",
         "kommunalgraph.importers.pipeline", "kommunalgraph.queries.analytics.network")
PROV = {"source": "fixture", "as_of": "2026", "importer": "test", "dataset": "fixture"}


def _run_fresh(code: str) -> tuple[str, set[str]]:
    """What a fresh interpreter prints running ``code``, and the modules it has loaded."""
    probe = (code + "\nimport json, sys\n"
             "print('\\n' + json.dumps(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, timeout=120)
    text, _, mods = out.stdout.rstrip().rpartition("\n")
    return text, set(json.loads(mods))


def _loaded_after(code: str) -> set[str]:
    """The modules a fresh interpreter has loaded after running ``code``."""
    return _run_fresh(code)[1]


def _heavy(mods: set[str]) -> list[str]:
    return sorted(m for m in mods if m.split(".")[0] in HEAVY or m in HEAVY)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two municipalities in one Kreis (real keys and names; nothing else)."""
    path = tmp_path_factory.mktemp("startup") / "store"
    s = LadybugStore(path)
    with s.transaction():
        s.upsert_nodes(STATE, [{"key": "05", "name": "Nordrhein-Westfalen", **PROV}])
        s.upsert_nodes(DISTRICT, [{"key": "05954", "name": "Ennepe-Ruhr-Kreis", **PROV}])
        s.upsert_nodes(MUNICIPALITY, [
            {"ags": "05954036", "ars": "059540036036", "name": "Witten",
             "official_name": "Witten, Stadt", "population": 91808, **PROV},
            {"ags": "05954020", "ars": "059540020020", "name": "Hattingen",
             "official_name": "Hattingen, Stadt", "population": 53915, **PROV},
        ])
        s.create_relationships(IN_STATE, DISTRICT, STATE,
                               [{"from": "05954", "to": "05", **PROV}])
        s.create_relationships(IN_DISTRICT, MUNICIPALITY, DISTRICT,
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


def test_suggest_from_the_saved_indexes_never_opens_the_database(tiny: Path) -> None:
    """The second ``suggest`` of a store reads the name and partner indexes kept beside it:
    the database (and the Ladybug library) is not even loaded, the answer is the same."""
    first = CliRunner().invoke(main, ["--store", str(tiny), "suggest", "Witten", "--json"])
    assert first.exit_code == 0, first.output  # builds both indexes and saves them
    text, mods = _run_fresh(
        "from kommunalgraph.cli import main\n"
        f"try:\n    main(['--store', {str(tiny)!r}, 'suggest', 'Witten', '--json'])\n"
        "except SystemExit as e:\n    assert not e.code, e.code")
    assert json.loads(text) == json.loads(first.output)
    assert "ladybug" not in mods and "pyarrow" not in mods


def test_a_deferred_store_opens_on_its_first_query(tiny: Path) -> None:
    s = LadybugStore(tiny, read_only=True, defer_open=True)
    try:
        assert s._conn is None
        plain = LadybugStore(tiny, read_only=True)
        assert s.change_token() == plain.change_token()
        q = "MATCH (m:Municipality) RETURN m.ags AS ags ORDER BY ags"
        assert s.run(q) == plain.run(q) == [{"ags": "05954020"}, {"ags": "05954036"}]
        assert s._conn is not None
        plain.close()
    finally:
        s.close()
    with pytest.raises(StoreError):
        s.run("RETURN 1 AS x")


def test_a_deferred_store_closed_unused_stays_closed(tiny: Path) -> None:
    s = LadybugStore(tiny, read_only=True, defer_open=True)
    s.close()
    with pytest.raises(StoreError) as e:
        s.run("RETURN 1 AS x")
    assert "geschlossen" in e.value.message_de


def test_a_deferred_store_reports_a_broken_file_on_first_use(tmp_path: Path) -> None:
    (tmp_path / DB_FILENAME).write_bytes(b"not a database" * 100)
    s = LadybugStore(tmp_path, read_only=True, defer_open=True)
    with pytest.raises(StoreUnavailable) as e:
        s.run("RETURN 1 AS x")
    assert "lässt sich nicht öffnen" in e.value.message_de
    s.close()


def test_a_writer_is_never_deferred(tmp_path: Path) -> None:
    s = LadybugStore(tmp_path / "w", defer_open=True)
    try:
        assert s._conn is not None
    finally:
        s.close()


def test_only_the_program_freezes_what_is_left_at_its_end(tiny: Path) -> None:
    """``gc.freeze`` after the command is for the ``kommunalgraph`` process only: a test or
    script calling ``main`` with arguments keeps collecting its garbage."""
    import gc

    before = gc.get_freeze_count()
    r = CliRunner().invoke(main, ["--store", str(tiny), "show", "Witten"])
    assert r.exit_code == 0, r.output
    assert gc.get_freeze_count() == before
    text, _ = _run_fresh(
        "import gc, sys\n"
        f"sys.argv = ['kommunalgraph', '--store', {str(tiny)!r}, 'show', 'Witten']\n"
        "from kommunalgraph.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(gc.get_freeze_count() > 0)")
    assert text.splitlines()[-1] == "True"
