"""The code base stays ruff-clean (rules in ``pyproject.toml``)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _ruff() -> list[str]:
    exe = Path(sys.executable).with_name("ruff")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("ruff")
    if found:
        return [found]
    pytest.fail("ruff is part of the test extras; install with pip install -e '.[test]'")


def test_ruff_check_is_clean():
    proc = subprocess.run(
        [*_ruff(), "check", "--no-cache", "--output-format", "concise", str(ROOT)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
