"""Pinned answers: the JSON of the main commands on the bundled real data.

Guards restructurings (issue 9): moving code must not change an answer.
See ``golden_cases.py`` for how to regenerate the files after a deliberate change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from golden_cases import CASES, same_json

from kommunalgraph.cli import main

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("KOMMUNALGRAPH_UPDATE_GOLDEN") == "1"

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("name", sorted(CASES))
def test_answer_unchanged(name: str, bundled_store_path: Path) -> None:
    args = ["--store", str(bundled_store_path), *CASES[name]]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    path = GOLDEN / f"{name}.json"
    if UPDATE:
        path.write_text(json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                        encoding="utf-8")
    want = json.loads(path.read_text(encoding="utf-8"))
    same_json(got, want)


def test_every_golden_file_has_a_case() -> None:
    files = {p.stem for p in GOLDEN.glob("*.json")}
    assert files == set(CASES)
