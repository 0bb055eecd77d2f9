"""House rules for the Cypher query files (queries/cypher/**, graph/cypher/*).

* every file starts with a ``//`` comment saying what it returns;
* every query is used by the package's Python code (its name appears quoted);
* every backend gets a query: a per-backend file in queries/cypher/<backend>/
  needs a shared file or a file for every other backend, and only known
  backends have folders;
* a shared file that every backend overrides is dead;
* a ``// params: {...}`` header line is valid JSON and names every $parameter.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kommunalgraph.queries import cypher_files

REPO = Path(__file__).resolve().parent.parent
QUERIES = REPO / "queries" / "cypher"
GRAPH = REPO / "graph" / "cypher"
#: The folders of the installed package (pyproject: packages), without tests and tools.
PACKAGE_DIRS = ("graph", "importers", "queries", "web")

ALL_FILES = sorted([*QUERIES.glob("*.cypher"), *QUERIES.glob("*/*.cypher"),
                    *GRAPH.glob("*.cypher")])


def _rel(p: Path) -> str:
    return str(p.relative_to(REPO))


def _package_source() -> str:
    files = [*REPO.glob("*.py")]
    for d in PACKAGE_DIRS:
        files += (REPO / d).rglob("*.py")
    return "\n".join(f.read_text("utf-8") for f in files if "__pycache__" not in f.parts)


def test_there_are_query_files() -> None:
    assert ALL_FILES
    assert set(cypher_files.BACKENDS) == {"ladybug", "neo4j"}


@pytest.mark.parametrize("path", ALL_FILES, ids=_rel)
def test_starts_with_a_comment(path: Path) -> None:
    first = path.read_text("utf-8").lstrip("\ufeff").splitlines()[:1]
    assert first and re.match(r"//\s*\S", first[0]), (
        f"{_rel(path)}: the first line must be a // comment saying what the query returns")


@pytest.mark.parametrize("path", ALL_FILES, ids=_rel)
def test_params_header_is_valid(path: Path) -> None:
    text = path.read_text("utf-8")
    headers = [ln for ln in text.splitlines() if re.match(r"\s*//\s*params:", ln)]
    if not headers:
        return
    assert len(headers) == 1, f"{_rel(path)}: more than one // params: line"
    params = json.loads(headers[0].split("params:", 1)[1])
    assert isinstance(params, dict), f"{_rel(path)}: // params: must be a JSON object"
    body = "\n".join(ln for ln in text.splitlines() if not ln.lstrip().startswith("//"))
    missing = set(re.findall(r"\$([A-Za-z_]\w*)", body)) - set(params)
    assert not missing, f"{_rel(path)}: // params: lacks {sorted(missing)}"


def test_every_query_is_used_by_the_package() -> None:
    source = _package_source()
    names = {p.stem for p in ALL_FILES}
    unused = sorted(n for n in names
                    if f'"{n}"' not in source and f"'{n}'" not in source)
    assert not unused, (
        f"query files not used by any Python code in the package: {unused} "
        "(delete them, or run them by name via cypher_files.run / load_cypher)")


def test_only_known_backend_folders() -> None:
    folders = sorted(p.name for p in QUERIES.iterdir()
                     if p.is_dir() and p.name != "__pycache__")
    assert set(folders) <= set(cypher_files.BACKENDS), folders


def test_every_backend_has_every_query() -> None:
    problems = []
    for name, own in sorted(cypher_files.names().items()):
        shared = (QUERIES / f"{name}.cypher").is_file()
        lacking = [b for b in cypher_files.BACKENDS if b not in own]
        if not shared and lacking:
            problems.append(f"{name}: only in {sorted(own)}, nothing for {lacking} "
                            f"(add queries/cypher/{name}.cypher or "
                            f"queries/cypher/{lacking[0]}/{name}.cypher)")
        if shared and not lacking:
            problems.append(f"{name}: queries/cypher/{name}.cypher is dead, every backend "
                            "overrides it")
    assert not problems, "\n".join(problems)
    for name in cypher_files.names():  # the loader finds what was checked here
        for backend in cypher_files.BACKENDS:
            assert cypher_files.load(name, backend).lstrip().startswith("//")


def test_graph_queries_have_no_backend_variants() -> None:
    """graph/cypher is read by resolve.load_cypher, which knows no backends."""
    assert not [p for p in GRAPH.iterdir() if p.is_dir() and p.name != "__pycache__"]
