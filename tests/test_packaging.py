"""Installing builds one import package, ``kommunalgraph``, with its data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--target", str(target), str(REPO)],
        check=True, capture_output=True, text=True,
    )
    return target


def test_only_kommunalgraph_is_installed_at_top_level(installed: Path) -> None:
    top = {p.name for p in installed.iterdir()
           if not p.name.endswith((".dist-info", ".egg-info")) and p.name != "bin"}
    assert top == {"kommunalgraph"}, top
    for generic in ("graph", "web", "queries", "importers", "tests", "bench"):
        assert not (installed / generic).exists()


def test_subpackages_query_files_and_bundled_data_are_installed(installed: Path) -> None:
    pkg = installed / "kommunalgraph"
    for sub in ("graph", "importers", "queries", "web"):
        assert (pkg / sub / "__init__.py").is_file(), sub
    assert not (pkg / "tests").exists()
    assert list((pkg / "queries" / "cypher").glob("*.cypher"))
    assert (pkg / "graph" / "cypher" / "municipality_index.cypher").is_file()
    assert (pkg / "data" / "destatis" / "GV100AD_30112025.txt").is_file()
    assert (pkg / "data" / "bkg" / "VG5000_GEM.shp").is_file()
    assert (pkg / "data" / "NOTICE.md").is_file()


def test_cli_entry_point_is_declared(installed: Path) -> None:
    eps = next(installed.glob("kommunalgraph-*.dist-info")) / "entry_points.txt"
    assert "kommunalgraph = kommunalgraph.cli:main" in eps.read_text()


def test_every_module_and_query_file_of_the_checkout_is_installed(installed: Path) -> None:
    pkg = installed / "kommunalgraph"
    wanted = [p.relative_to(REPO) for sub in ("graph", "importers", "queries", "web")
              for p in (REPO / sub).rglob("*") if p.suffix in (".py", ".cypher", ".html")
              and "__pycache__" not in p.parts]
    wanted += [p.relative_to(REPO) for p in REPO.glob("*.py")]
    missing = [str(p) for p in wanted if not (pkg / p).is_file()]
    assert len(wanted) > 80 and missing == []


@pytest.mark.slow
def test_installed_package_imports_the_bundled_data_from_any_directory(
    installed: Path, tmp_path: Path
) -> None:
    env = {"PYTHONPATH": str(installed), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    code = ("import kommunalgraph, sys; "
            "sys.exit(0 if kommunalgraph.__file__.startswith(sys.argv[1]) else 3)")
    subprocess.run([sys.executable, "-c", code, str(installed)], cwd=tmp_path, env=env,
                   check=True)
    cli = [sys.executable, "-m", "kommunalgraph", "--store", str(tmp_path / "store")]
    subprocess.run([*cli, "import", "bundled"], cwd=tmp_path, env=env, check=True,
                   capture_output=True, text=True)
    stats = subprocess.run([*cli, "stats", "--json"], cwd=tmp_path, env=env, check=True,
                           capture_output=True, text=True)
    nodes = json.loads(stats.stdout)["nodes"]
    assert (nodes["State"], nodes["District"], nodes["Municipality"]) == (16, 400, 10751)
