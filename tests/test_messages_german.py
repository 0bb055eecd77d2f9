"""Every user-facing error message is German (issue 10.3).

The German text of an error is its ``message_de`` (the English first argument
is for logs). This test reads the source of importers/, graph/, queries/,
cli/ and web/ with ``ast``, collects the German argument of every raised
error (``ImportFailed(path, line, field, problem, problem_de)``, the
``message_de`` of the other ``KommunalgraphError`` classes, the importers'
``fail(…, problem_de)`` helpers) and fails on English words in it, and on an
exception's own (English) text interpolated into it (``f"… {e}"``).
``tests/test_bad_inputs.py`` checks the messages the bad inputs produce with
:func:`english_words` too.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("importers", "graph", "queries", "cli", "web")

#: words that are English and not German (checked case-insensitively, whole words)
ENGLISH = frozenset("""
    expected missing invalid cannot can't file line field column unknown empty error
    failed required must should the which with without has have found not no such
    directory permission denied decode codec unexpected got is are
    of and or to from for by at value values duplicate twice record records number
    unable read open broken wrong too many few only one more than before after exists
    already nothing refused please first
""".split())
#: "not found" and similar pairs stand out even where one word alone could be a name
_PHRASES = ("not found", "no such", "end of", "out of range", "does not")
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß'_-]+")
#: quoted user data („…“, "…", '…'), placeholders, paths and identifiers in backticks
_QUOTED = re.compile(r"„[^“]*“|\"[^\"]*\"|'[^']*'|`[^`]*`|\{[^}]*\}|\S*[/\\_]\S*"
                     r"|\((erlaubt|bekannt|erwartet)[^)]*\)")
#: German words that are also English words (never flagged)
_GERMAN_TOO = frozenset({"die", "an", "in", "man", "also", "so", "bitte", "hat", "was",
                         "will", "war", "kind", "hand", "name", "test"})


def english_words(text: str) -> list[str]:
    """English words in a German message, outside quoted values and paths.

    >>> english_words("Zeile 3, Feld „kind“: Unbekannte Projektart „flies to the moon“.")
    []
    >>> english_words("Datei nicht lesbar: [Errno 2] No such file or directory")
    ['no such', 'no', 'such', 'file', 'or', 'directory']
    """
    rest = _QUOTED.sub(" ", text)
    low = rest.lower()
    found = [p for p in _PHRASES if p in low]
    found += [w for w in (m.group(0).lower() for m in _WORD.finditer(rest))
              if w in ENGLISH and w not in _GERMAN_TOO]
    return found


# -- the raised messages in the source ------------------------------------------------

#: error classes whose German text is the 5th argument (``problem_de``)
_IMPORT = {"ImportFailed", "OlderEdition"}
#: error classes whose German text is the 2nd argument (``message_de``)
_OTHER = {"KommunalgraphError", "StoreError", "StoreUnavailable", "QueryFailed", "InputError",
          "UnknownEntity", "WriteForbidden", "PortBusy"}
#: one German argument (the click exception the CLI prints)
_ONLY = {"CliError"}
#: the importers' helpers that build an ImportFailed: the German text comes last
_HELPERS = {"fail", "_fail", "_Fail", "_Refused"}


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _german_arg(call: ast.Call) -> ast.expr | None:
    name = _name(call.func)
    for kw in call.keywords:
        if kw.arg in ("message_de", "problem_de"):
            return kw.value
    args = call.args
    if name in _IMPORT:
        return args[4] if len(args) > 4 else None
    if name in _OTHER:
        return args[1] if len(args) > 1 else None
    if name in _ONLY:
        return args[0] if args else None
    if name in _HELPERS and len(args) >= 2 and not any(isinstance(a, ast.Starred)
                                                      for a in args):
        return args[-1]
    return None


def _text(node: ast.expr, exc_names: set[str], problems: list[str]) -> str:
    """The constant text of a message expression; ``{}`` for interpolated values."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        out: list[str] = []
        for part in node.values:
            if isinstance(part, ast.Constant):
                out.append(str(part.value))
            elif isinstance(part, ast.FormattedValue):
                inner = part.value
                quoted = bool(out) and out[-1].endswith("„")  # the input's own value
                if isinstance(inner, ast.Name) and inner.id in exc_names and not quoted:
                    problems.append(f"the exception's own text {{{inner.id}}} in the message")
                out.append("{}")
        return "".join(out)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _text(node.left, exc_names, problems) + _text(node.right, exc_names, problems)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr == "join":
        return "{}"
    if isinstance(node, ast.Name) and node.id in exc_names:
        problems.append(f"the exception's own text {node.id} as the message")
    if isinstance(node, ast.Call) and _name(node.func) == "str" and node.args \
            and isinstance(node.args[0], ast.Name) and node.args[0].id in exc_names:
        problems.append(f"str({node.args[0].id}) as the message")
    return "{}"


def _messages() -> list[tuple[str, int, str, list[str]]]:
    """(file, line, German text, problems) of every German error argument."""
    found = []
    for package in PACKAGES:
        for path in sorted((REPO / package).rglob("*.py")):
            tree = ast.parse(path.read_text("utf-8"), str(path))
            exc_names = {h.name for h in ast.walk(tree)
                         if isinstance(h, ast.ExceptHandler) and h.name}
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                arg = _german_arg(node)
                if arg is None:
                    continue
                problems: list[str] = []
                text = _text(arg, exc_names, problems)
                found.append((str(path.relative_to(REPO)), node.lineno, text, problems))
    return found


MESSAGES = _messages()


def test_messages_found() -> None:
    """The scan sees the messages (a scan that finds nothing checks nothing)."""
    files = {f for f, *_ in MESSAGES}
    assert len(MESSAGES) > 150
    for expected in ("importers/gv100ad.py", "importers/projects.py", "graph/ladybug_store.py",
                     "importers/boundaries.py", "importers/profiles.py"):
        assert expected in files


def test_checker_catches_english() -> None:
    assert english_words("Datei nicht lesbar: {}") == []
    assert english_words("expected 8 digits, found „x“")
    assert {"unable", "open"} <= set(english_words("Shapefile nicht lesbar: Unable to open it"))
    assert english_words("Feld „x“: Meldung von Ladybug: „Binder exception: not found“.") == []
    problems: list[str] = []
    tree = ast.parse('ImportFailed(p, 1, None, "x", f"Datei nicht lesbar: {e}")')
    _text(_german_arg(tree.body[0].value), {"e"}, problems)  # type: ignore[attr-defined,arg-type]
    assert problems


@pytest.mark.parametrize("where", sorted({f for f, *_ in MESSAGES}))
def test_raised_messages_are_german(where: str) -> None:
    bad = []
    for file, line, text, problems in MESSAGES:
        if file != where:
            continue
        words = english_words(text)
        if words or problems:
            bad.append(f"{file}:{line}: {text!r} {words} {problems}")
    assert not bad, "English in German error messages:\n" + "\n".join(bad)
