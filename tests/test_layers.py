"""The layering of docs/architecture.md, checked with import-linter.

The contracts live in ``pyproject.toml`` (``[tool.importlinter]``): graph
imports nothing of ours, importers and queries only graph, the edges write only
through ``importers.pipeline``, open stores only through ``graph.open``, and no
sibling modules import each other in a cycle.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _lint_imports() -> str:
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    return exe


def test_every_layer_contract_is_kept() -> None:
    r = subprocess.run([_lint_imports(), "--config", str(REPO / "pyproject.toml")],
                       cwd=REPO, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "0 broken" in r.stdout


def test_the_contracts_cover_every_layer() -> None:
    cfg = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = cfg["tool"]["importlinter"]["contracts"]
    sources = {m for c in contracts for m in c.get("source_modules", [])}
    assert {"kommunalgraph.graph", "kommunalgraph.importers", "kommunalgraph.queries",
            "kommunalgraph.web"} <= sources
    assert any(c["type"] == "acyclic_siblings" for c in contracts)
    assert any(c["type"] == "protected" and "kommunalgraph.importers.*" in c["protected_modules"]
               for c in contracts)


def test_a_broken_layer_is_reported(tmp_path: Path) -> None:
    """The check can fail: a contract that the code breaks is reported as broken."""
    cfg = tmp_path / "broken.toml"
    cfg.write_text(
        '[tool.importlinter]\nroot_package = "kommunalgraph"\n\n'
        '[[tool.importlinter.contracts]]\nname = "cli may not use queries (false on purpose)"\n'
        'type = "forbidden"\nsource_modules = ["kommunalgraph.cli"]\n'
        'forbidden_modules = ["kommunalgraph.queries"]\n', encoding="utf-8")
    r = subprocess.run([_lint_imports(), "--config", str(cfg)], cwd=REPO,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode != 0 and "BROKEN" in r.stdout
