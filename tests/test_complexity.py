"""No function of the product is harder to follow than radon's grade D.

Cyclomatic complexity above 30 (grades E and F) marked the functions that did
three jobs at once (issue 9); they were split. This keeps it so.
"""

from __future__ import annotations

from pathlib import Path

import pytest

radon_complexity = pytest.importorskip("radon.complexity")

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("graph", "importers", "queries", "web", "cli")


def test_no_function_above_grade_d() -> None:
    worst = []
    for pkg in PACKAGES:
        for path in sorted((REPO / pkg).rglob("*.py")):
            for block in radon_complexity.cc_visit(path.read_text(encoding="utf-8")):
                grade = radon_complexity.cc_rank(block.complexity)
                if grade in ("E", "F"):
                    worst.append(f"{path.relative_to(REPO)}:{block.lineno} {block.name} "
                                 f"{grade} ({block.complexity})")
    assert not worst, worst
