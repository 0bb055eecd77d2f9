"""Docs that tests keep true: the README's quick start and its CLI reference."""

from __future__ import annotations

import re
from pathlib import Path

import click

from kommunalgraph.cli import main

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text("utf-8")


def test_quick_start_is_exactly_two_make_commands() -> None:
    quick = README.split("## Quick start", 1)[1].split("##", 1)[0]
    block = re.search(r"```sh\n(.*?)```", quick, re.S)
    assert block, "quick start needs a sh block"
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines()]
    assert [c for c in commands if c] == ["make demo", "make test"]


def test_make_targets_exist_and_ci_runs_make_test() -> None:
    makefile = (REPO / "Makefile").read_text("utf-8")
    for target in ("demo", "test", "bench", "lint-cypher"):
        assert re.search(rf"^{target}:", makefile, re.M), target
    assert "make test" in (REPO / ".ci" / "run").read_text("utf-8")


def _commands(group: click.Group, prefix: str = "") -> list[str]:
    out = []
    for name, cmd in group.commands.items():
        out.append(prefix + name)
        if isinstance(cmd, click.Group):
            out += _commands(cmd, prefix + name + " ")
    return out


def test_every_cli_command_is_in_the_readme() -> None:
    missing = [c for c in _commands(main) if f"kommunalgraph {c}" not in README
               and not re.search(rf"kommunalgraph .*\b{re.escape(c.split()[-1])}\b", README)]
    assert not missing, f"commands missing from README: {missing}"


def test_every_command_and_option_has_help() -> None:
    def walk(cmd: click.Command, path: str) -> list[str]:
        bad = [] if (cmd.help or "").strip() else [path]
        for p in cmd.params:
            if isinstance(p, click.Option) and not p.help and p.name not in ("help", "version"):
                bad.append(f"{path} {p.opts[0]}")
        if isinstance(cmd, click.Group):
            for name, sub in cmd.commands.items():
                bad += walk(sub, f"{path} {name}")
        return bad

    assert walk(main, "kommunalgraph") == []


def test_decisions_and_data_notice_exist() -> None:
    assert (REPO / "docs" / "decisions.md").read_text("utf-8").count("\n## ") >= 5
    notice = (REPO / "data" / "NOTICE.md").read_text("utf-8")
    for source in ("Destatis", "BKG", "dl-de/by-2-0", "MIT"):
        assert source in notice
