"""docs/architecture.md stays true: every module and folder it names exists."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOC = REPO / "docs" / "architecture.md"
#: `graph/schema.py`, `queries/partner/`, `web/views/` ... inside backticks
PATH = re.compile(r"`((?:graph|importers|queries|cli|web|tests|data|bench|tools)/[\w/.-]*)`")


def named_paths() -> list[str]:
    return sorted(set(PATH.findall(DOC.read_text(encoding="utf-8"))))


def test_the_doc_names_the_layers_and_both_paths() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert "The path of one question" in text and "The path of one CSV row" in text
    names = named_paths()
    assert len(names) >= 30
    for layer in ("graph/", "importers/", "queries/", "cli/", "web/"):
        assert any(n.startswith(layer) for n in names), layer


def test_every_named_module_exists() -> None:
    missing = [n for n in named_paths() if not (REPO / n).exists()]
    assert not missing, f"docs/architecture.md names what does not exist: {missing}"
