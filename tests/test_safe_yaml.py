"""The safe YAML loader (graph/safe_yaml.py): bombs, deep nesting, impossible
dates and broken syntax give one German line with file and line, within limits."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kommunalgraph.graph.errors import ImportFailed
from kommunalgraph.graph.safe_yaml import MAX_DEPTH, load, load_file


def billion_laughs(levels: int = 9) -> str:
    """The classic alias bomb: 9 aliases per level, 10^9 strings once expanded."""
    out = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        prev, cur = chr(96 + i), chr(97 + i)
        out.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(out) + "\n"


def nested(n: int = 5000) -> str:
    return "[" * n + "]" * n


#: runs the loader in a child with a 2 GB address-space limit, reports its peak memory
CHILD = textwrap.dedent("""
    import json, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))
    from kommunalgraph.graph.errors import ImportFailed
    from kommunalgraph.graph.safe_yaml import load_file
    out = {}
    try:
        load_file(sys.argv[1])
        out["ok"] = True
    except ImportFailed as e:
        out["message_de"] = e.message_de
        out["line"] = e.line
    # VmHWM: this process image's peak (ru_maxrss would carry the parent's over exec)
    with open("/proc/self/status") as fh:
        out["maxrss_kb"] = next(int(x.split()[1]) for x in fh if x.startswith("VmHWM:"))
    print(json.dumps(out))
""")


@pytest.mark.parametrize("name,text", [("bomb.yml", billion_laughs()),
                                       ("nested.yml", nested())])
def test_bomb_and_nesting_refused_in_a_child_with_2gb(tmp_path, name, text):
    f = tmp_path / name
    f.write_text(text, "utf-8")
    if name == "bomb.yml":
        assert f.stat().st_size <= 1024
    proc = subprocess.run([sys.executable, "-c", CHILD, str(f)], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    out = json.loads(proc.stdout)
    assert "ok" not in out
    msg = out["message_de"]
    assert "\n" not in msg and msg.startswith(str(f)) and "Zeile" in msg
    assert ("YAML-Bomben" in msg) if name == "bomb.yml" else ("Ebenen" in msg)
    # far below 2 GB: the refusal happens before anything is expanded
    assert out["maxrss_kb"] < 300 * 1024


def test_the_bomb_is_refused_before_expansion():
    with pytest.raises(ImportFailed) as e:
        load(billion_laughs(), "bomb.yml")
    assert "Aliase" in e.value.message_de and e.value.path == "bomb.yml"
    # a harmless use of anchors still loads, and shares the anchored value
    data = load("base: &b {x: 1}\nuse: [*b, *b]\n", "ok.yml")
    assert data == {"base": {"x": 1}, "use": [{"x": 1}, {"x": 1}]}


def test_depth_limit_is_exact():
    assert load(nested(MAX_DEPTH - 1), "f.yml") is not None
    with pytest.raises(ImportFailed):
        load(nested(MAX_DEPTH + 1), "f.yml")
    # block style nests just as deep
    deep = "".join("  " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 5)) + "  " * 70 + "x\n"
    with pytest.raises(ImportFailed) as e:
        load(deep, "block.yml")
    assert "Ebenen" in e.value.message_de


@pytest.mark.parametrize("text,line,german", [
    ("&a [*a]\n", 1, "verweist auf sich selbst"),
    ("x: 1\nd: 2021-02-30\n", 2, "unmögliches Datum"),
    ("a: b: c\n", 1, "Doppelpunkt"),
    ("a: *nowhere\n", 1, "Alias ohne Anker"),
    ("a: [1, 2\n", 2, "„,“ oder „]“ erwartet"),
    ("a: !!python/object:os.system x\n", 1, "unbekannter YAML-Typ"),
    ("a: 1\n---\nb: 2\n", 2, "mehr als ein YAML-Dokument"),
    ("a: 1\nb: \x1f\n", 2, "Steuerzeichen"),  # found by the hypothesis test
    ("x:\n  ags: '1'\n  ags: '2'\n", 3, "Schlüssel „ags“ doppelt"),
])
def test_bad_yaml_one_german_line(text, line, german):
    with pytest.raises(ImportFailed) as e:
        load(text, "bad.yml")
    msg = e.value.message_de
    assert german in msg and "\n" not in msg
    assert e.value.line == line and msg.startswith(f"bad.yml, Zeile {line}: ")
    # no English left in the German line
    for word in ("found", "expected", "mapping", "while", "could not"):
        assert word not in msg


def test_size_cap_and_unreadable(tmp_path):
    f = tmp_path / "big.yml"
    f.write_text("x: " + "a" * 2000 + "\n", "utf-8")
    with pytest.raises(ImportFailed) as e:
        load_file(f, max_bytes=1000)
    assert "zu groß" in e.value.message_de
    with pytest.raises(ImportFailed) as e:
        load_file(tmp_path / "missing.yml")
    assert "nicht lesbar" in e.value.message_de
    latin = tmp_path / "latin.yml"
    latin.write_bytes("name: Müller\n".encode("latin-1"))
    with pytest.raises(ImportFailed) as e:
        load_file(latin)
    assert "UTF-8" in e.value.message_de


def test_every_yaml_reader_uses_the_safe_loader():
    """No module reads YAML past the limits (grep for PyYAML's own loaders)."""
    root = Path(__file__).resolve().parent.parent
    offenders = []
    for p in root.rglob("*.py"):
        rel = p.relative_to(root).as_posix()
        if rel.startswith((".venv/", "build/", "tests/")) or rel == "graph/safe_yaml.py":
            continue
        text = p.read_text("utf-8")
        if any(s in text for s in ("yaml.safe_load", "yaml.load(", "yaml.full_load",
                                   "yaml.unsafe_load")):
            offenders.append(rel)
    assert offenders == []
