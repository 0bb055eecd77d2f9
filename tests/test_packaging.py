"""Installing builds one import package, ``kommunalgraph``, with its data."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
#: The folders that make up the installed package (the rest of the checkout is not installed).
PACKAGE_FOLDERS = ("cli", "data", "graph", "importers", "queries", "web")
#: What a checkout holds beside its sources and is never copied into a build.
NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "build", "node_modules", ".kommunalgraph",
                                     "screenshots", "*.egg-info", "__pycache__", ".pytest_cache")


@pytest.fixture(scope="module")
def pip_output(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """``pip install`` of a clean copy of the checkout (no stale build/ folder), with its output."""
    src = tmp_path_factory.mktemp("src") / "kommunalgraph"
    shutil.copytree(REPO, src, ignore=NOT_SOURCES)
    target = tmp_path_factory.mktemp("site")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation",
         "--disable-pip-version-check", "--no-cache-dir", "--target", str(target), str(src)],
        check=True, capture_output=True, text=True,
    )
    return target, done.stdout + done.stderr


@pytest.fixture(scope="module")
def installed(pip_output: tuple[Path, str]) -> Path:
    return pip_output[0]


def test_building_the_package_prints_no_warning(pip_output: tuple[Path, str]) -> None:
    """setuptools warns ("Package would be ignored") for data folders that are not packages."""
    out = pip_output[1]
    assert "Successfully installed kommunalgraph" in out
    lines = [ln for ln in out.splitlines() if "warn" in ln.lower() or "ignored" in ln.lower()]
    assert lines == []


def _declared() -> tuple[set[str], dict[str, list[str]]]:
    conf = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    return set(conf["packages"]), conf["package-data"]


def test_every_folder_with_files_is_a_declared_package() -> None:
    """A new data folder must be added to pyproject.toml, or setuptools warns and skips it."""
    packages, package_data = _declared()
    missing = []
    for top in PACKAGE_FOLDERS:
        for folder in [REPO / top, *(REPO / top).rglob("*")]:
            if (not folder.is_dir() or folder.name == "__pycache__"
                    or not any(f.is_file() for f in folder.iterdir())):
                continue
            parts = folder.relative_to(REPO).parts
            name = ".".join(("kommunalgraph", *parts))
            if all(p.isidentifier() for p in parts):
                if name not in packages:
                    missing.append(name)
            else:  # a hyphenated folder: its files are package-data of the parent package
                parent = ".".join(("kommunalgraph", *parts[:-1]))
                if f"{parts[-1]}/*" not in package_data.get(parent, []):
                    missing.append(f"{parent}: {parts[-1]}/*")
    assert missing == []


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
