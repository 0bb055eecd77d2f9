"""Labels and relationship types are named through graph/schema.py, never as literals.

Scans the code tokens (not docstrings or comments) of every product module for a
string literal that is a label or a relationship type of the schema.
"""

from __future__ import annotations

import io
import tokenize
from pathlib import Path

from kommunalgraph.graph import schema

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("graph", "importers", "queries", "web", "cli")
NAMES = {nt.label for nt in schema.NODE_TYPES} | {rt.type for rt in schema.REL_TYPES}
#: German UI words that happen to equal a label ("Organisation" is German, too)
GERMAN_WORDS = {("graph/codes.py", "Organisation"), ("web/graphs.py", "Organisation")}


def literals(path: Path) -> list[str]:
    found = []
    tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline))
    for i, t in enumerate(tokens):
        if t.type != tokenize.STRING or t.string[:1] not in "\"'":
            continue
        rel = path.relative_to(REPO).as_posix()
        if t.string[1:-1] not in NAMES or (rel, t.string[1:-1]) in GERMAN_WORDS:
            continue
        alone = (tokens[i - 1].type in (tokenize.NEWLINE, tokenize.NL, tokenize.INDENT,
                                        tokenize.DEDENT) and tokens[i + 1].type == tokenize.NEWLINE)
        if not alone:  # a bare string statement is documentation
            found.append(f"{rel}:{t.start[0]} {t.string}")
    return found


def test_no_label_literal_outside_the_schema() -> None:
    hits = [h for pkg in PACKAGES for p in sorted((REPO / pkg).rglob("*.py"))
            if p.name != "schema.py" or p.parent.name != "graph" for h in literals(p)]
    assert not hits, hits


def test_the_scan_finds_a_literal(tmp_path: Path) -> None:
    p = REPO / "graph" / "_literal_probe.py"
    p.write_text('LABEL = "Municipality"\n"""Municipality in a docstring is fine."""\n')
    try:
        assert literals(p) == ["graph/_literal_probe.py:1 \"Municipality\""]
    finally:
        p.unlink()
