"""Pinned answers: the JSON of the main commands on the bundled real data.

Guards restructurings (issue 9): moving code must not change an answer.
See ``golden_cases.py`` for how to regenerate the files after a deliberate change.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from golden_cases import CASES

from kommunalgraph.cli import main

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("KOMMUNALGRAPH_UPDATE_GOLDEN") == "1"

pytestmark = pytest.mark.slow


def _close(a: Any, b: Any, path: str = "$") -> None:
    """Equal JSON, floats to 1e-9 relative; the first difference names its path."""
    if isinstance(a, float) or isinstance(b, float):
        assert isinstance(a, (int, float)) and isinstance(b, (int, float)), path
        assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9), f"{path}: {a} != {b}"
    elif isinstance(a, dict):
        assert isinstance(b, dict) and sorted(a) == sorted(b), f"{path}: keys differ"
        for k in a:
            _close(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), f"{path}: lengths differ"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _close(x, y, f"{path}[{i}]")
    else:
        assert a == b, f"{path}: {a!r} != {b!r}"


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
    _close(got, want)


def test_every_golden_file_has_a_case() -> None:
    files = {p.stem for p in GOLDEN.glob("*.json")}
    assert files == set(CASES)
