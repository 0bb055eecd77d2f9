"""constraints.txt pins every dependency that pyproject.toml names (runtime and test)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.version import Version

REPO = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].strip().lower().replace("_", "-")


def test_every_dependency_is_pinned() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    for extra in ("test", "bench"):
        wanted |= {_name(r) for r in project["optional-dependencies"][extra]}
    pinned = {}
    for line in (REPO / "constraints.txt").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"not pinned exactly: {line}"
            pinned[name.strip().lower().replace("_", "-")] = version
    missing = sorted(wanted - set(pinned))
    assert not missing, f"run `make lock`: not in constraints.txt: {missing}"
    assert Version(pinned["waitress"]) >= Version("3.0.1")  # two advisories in 3.0.0
