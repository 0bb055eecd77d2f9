"""The Cypher 5 syntax check (tools/cypher-lint) passes on the repository and
catches what Neo4j would reject.

Needs Node.js; the pinned linter package is installed by
``tools/ensure-test-deps.sh`` (``make test``) or, if missing, here with ``npm ci``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
LINT = REPO / "tools" / "cypher-lint"

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None, reason="node nicht gefunden: Cypher-Lint übersprungen"
)


@pytest.fixture(scope="module")
def lint_installed() -> Path:
    if not (LINT / "node_modules" / "@neo4j-cypher" / "language-support").is_dir():
        npm = shutil.which("npm")
        assert npm, "node is there but npm is not: cannot install tools/cypher-lint"
        subprocess.run([npm, "ci", "--silent", "--no-audit", "--no-fund"], cwd=LINT,
                       check=True, timeout=300)
    return LINT


def _lint(*args: str, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.pop("CYPHER_LINT_EXTRA", None)
    env["PYTHON"] = sys.executable
    env.update(extra_env or {})
    return subprocess.run(["node", str(LINT / "lint.mjs"), *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=600)


def test_package_is_pinned_exactly() -> None:
    import json

    pkg = json.loads((LINT / "package.json").read_text("utf-8"))
    assert pkg["dependencies"] == {"@neo4j-cypher/language-support": "2.0.0-next.38"}
    lock = json.loads((LINT / "package-lock.json").read_text("utf-8"))
    assert lock["packages"]["node_modules/@neo4j-cypher/language-support"]["version"] == (
        "2.0.0-next.38")


def test_repository_passes(lint_installed: Path) -> None:
    from kommunalgraph.graph.neo4j_store import all_statements

    r = _lint()
    assert r.returncode == 0, r.stdout + r.stderr
    m = re.search(r"cypher-lint \(CYPHER 5\): (\d+) files, 0 errors", r.stdout)
    assert m, r.stdout + r.stderr
    q = REPO / "queries" / "cypher"
    neo4j_own = {p.name for p in (q / "neo4j").glob("*.cypher")}
    checked = ([p for p in q.glob("*.cypher") if p.name not in neo4j_own]
               + list((q / "neo4j").glob("*.cypher"))
               + list((REPO / "graph" / "cypher").glob("*.cypher")))
    # what Neo4j runs: shared files unless overridden, the Neo4j files, the index
    # queries, and every statement that Neo4jStore generates
    assert int(m.group(1)) == len(checked) + len(all_statements())


BAD = {
    # Kùzu/Ladybug-only: shortest path inside the relationship pattern
    "kuzu_shortest.cypher": (
        "// Kùzu syntax\nMATCH p = (a)-[* SHORTEST 1..3]->(b) RETURN p\n",
        ":2:18: error: Invalid input 'SHORTEST'",
    ),
    # a plain syntax error: the node pattern is not closed
    "unclosed.cypher": (
        "// broken\nMATCH (n:Municipality\nRETURN n.name\n",
        ":3:1: error: Invalid input 'RETURN'",
    ),
    # Ladybug's label() does not exist in Neo4j
    "label_function.cypher": (
        "// Ladybug function\nMATCH (x:Role) RETURN label(x) AS l\n",
        ":2:23: error: Function label is not present",
    ),
    # names that graph/schema.py does not define
    "typo.cypher": (
        "// typos\nMATCH (m:Municipalty)-[:NEIGHBOR_OF]->(n) RETURN n.agz\n",
        ":2:10: error: Label Municipalty is not present",
    ),
    "undefined_variable.cypher": (
        "// semantics\nMATCH (m:Municipality {ags: $ags}) RETURN q.name\n",
        ":2:43: error: Variable `q` not defined",
    ),
}


GOOD = (
    "// fine in Neo4j 5\n"
    "MATCH (m:Municipality {ags: $ags})-[:NEIGHBOUR_OF]-(n:Municipality)\n"
    "RETURN n.ags AS ags, head(labels(n)) AS label, [x IN collect(n.name) | x] AS names\n"
)


def test_bad_queries_fail_with_file_line_column(lint_installed: Path, tmp_path: Path) -> None:
    paths = []
    for name, (text, _) in BAD.items():
        (tmp_path / name).write_text(text, "utf-8")
        paths.append(str(tmp_path / name))
    (tmp_path / "good.cypher").write_text(GOOD, "utf-8")
    paths.append(str(tmp_path / "good.cypher"))
    # one file through the environment variable, the others as arguments
    r = _lint("--only", *paths[1:], extra_env={"CYPHER_LINT_EXTRA": paths[0]})
    assert r.returncode == 1, r.stdout + r.stderr
    for name, (_, expected) in BAD.items():
        assert str(tmp_path / name) + expected in r.stderr, (name, r.stderr)
    assert "Relationship type NEIGHBOR_OF is not present" in r.stderr
    assert "agz is not present" in r.stderr
    assert "good.cypher" not in r.stderr  # valid Neo4j 5: no complaint
    assert f"{len(paths)} files" in r.stderr
