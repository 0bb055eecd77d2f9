"""One safe YAML loader for every YAML file kommunalgraph reads.

publiccode.yml files, profile files and type self-check answers all come from
outside, so they are read with limits: a size cap (checked before parsing),
a nesting depth cap (5,000 nested brackets give a German error, not a
``RecursionError``), an alias budget (a "billion laughs" file whose aliases
would expand to millions of nodes is refused while it is being read, before
anything is expanded), no recursive aliases, and no impossible dates
(``2021-02-30``). Only plain YAML types are built (``yaml.SafeLoader``).

Every refusal is one :class:`~kommunalgraph.graph.errors.ImportFailed` with
the file, the line (where known) and one German message.

It lives in ``graph/`` because importers and queries (type self-check answers)
both read YAML, and both may import only ``graph``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, SequenceNode

from .errors import ImportFailed

__all__ = ["load", "load_file", "MAX_BYTES", "MAX_DEPTH", "MAX_NODES",
           "MAX_ALIASES"]

#: largest file read (bytes); publiccode.yml files are a few KB
MAX_BYTES = 2_000_000
#: deepest nesting of lists and mappings
MAX_DEPTH = 64
#: most nodes the document may have once every alias is expanded
MAX_NODES = 200_000
#: most alias uses (``*name``) in one document
MAX_ALIASES = 1_000

#: PyYAML's problems (English) → German, for the one line a user sees
_PROBLEMS_DE = {
    "mapping values are not allowed here": "Doppelpunkt an unerwarteter Stelle",
    "could not find expected ':'": "Doppelpunkt („:“) erwartet",
    "that cannot start any token": "Zeichen, mit dem kein Wert beginnen darf",
    "found unexpected end of stream": "Datei endet mitten in einem Wert",
    "found undefined alias": "Alias ohne Anker",
    "found duplicate anchor": "Anker doppelt vergeben",
    "found unhashable key": "Liste oder Zuordnung als Schlüssel",
    "expected <block end>, but found '-'": "Listeneintrag an falscher Einrückung",
    "expected <block end>, but found '<block mapping start>'": "falsche Einrückung",
    "expected <block end>, but found '<scalar>'": "falsche Einrückung",
    "expected <block end>, but found '<block sequence start>'": "falsche Einrückung",
    "expected ',' or ']', but got": "„,“ oder „]“ erwartet",
    "expected ',' or '}', but got": "„,“ oder „}“ erwartet",
    "found unknown escape character": "unbekannte Escape-Sequenz",
    "special characters are not allowed": "unzulässige Steuerzeichen",
    "expected a single document in the stream": "mehr als ein YAML-Dokument",
    "found a tab character": "Tabulator statt Leerzeichen",
    "could not determine a constructor for the tag": "unbekannter YAML-Typ (Tag)",
    "found a tab character that violates indentation": "Tabulator statt Leerzeichen",
    "while scanning a quoted scalar": "Anführungszeichen nicht geschlossen",
    "impossible date": "unmögliches Datum (z. B. 30. Februar)",
    "recursive alias": "Alias verweist auf sich selbst",
}


class _Refused(yaml.YAMLError):
    """A limit was hit while reading; carries the German message."""

    def __init__(self, line: int | None, problem: str, problem_de: str) -> None:
        super().__init__(problem)
        self.line, self.problem, self.problem_de = line, problem, problem_de


class LimitedLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` with a depth cap, an alias budget, and checked dates."""

    max_depth = MAX_DEPTH
    max_nodes = MAX_NODES
    max_aliases = MAX_ALIASES

    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0
        #: id(node) → number of nodes it stands for once aliases are expanded
        self._weight: dict[int, int] = {}

    def _line(self) -> int | None:
        event = self.peek_event() if self.check_event() else None
        mark = getattr(event, "start_mark", None)
        return mark.line + 1 if mark is not None else None

    def compose_node(self, parent: Node | None, index: Any) -> Node:  # type: ignore[override]
        if self.check_event(AliasEvent):
            event = self.peek_event()
            line = event.start_mark.line + 1
            target = self.anchors.get(event.anchor)
            if target is not None:
                self._aliases += 1
                if self._aliases > self.max_aliases:
                    raise _Refused(line, f"more than {self.max_aliases} aliases",
                                   f"mehr als {self.max_aliases} YAML-Aliase (*Name); "
                                   "abgelehnt (Schutz vor YAML-Bomben)")
                if id(target) not in self._weight:  # still being composed
                    raise _Refused(line, "recursive alias", "YAML-Alias verweist auf sich selbst")
            return super().compose_node(parent, index)
        self._depth += 1
        if self._depth > self.max_depth:
            raise _Refused(self._line(), f"nested deeper than {self.max_depth} levels",
                           f"YAML tiefer als {self.max_depth} Ebenen verschachtelt")
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        weight = 1
        if isinstance(node, SequenceNode):
            weight += sum(self._weight.get(id(c), 1) for c in node.value)
        elif isinstance(node, MappingNode):
            weight += sum(self._weight.get(id(k), 1) + self._weight.get(id(v), 1)
                          for k, v in node.value)
        if weight > self.max_nodes:
            mark = node.start_mark
            raise _Refused(mark.line + 1 if mark else None,
                           f"aliases expand to more than {self.max_nodes} nodes",
                           f"die YAML-Aliase ergäben mehr als {self.max_nodes:,} Einträge"
                           .replace(",", ".") + "; abgelehnt (Schutz vor YAML-Bomben)")
        self._weight[id(node)] = weight
        return node


    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        # YAML keys are unique; PyYAML would silently keep the last of two
        if isinstance(node, MappingNode):
            seen: set[tuple[str, str]] = set()
            for key_node, _ in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or \
                        key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                k = (key_node.tag, key_node.value)
                if k in seen:
                    raise ConstructorError(None, None, f"found duplicate key {key_node.value!r}",
                                           key_node.start_mark)
                seen.add(k)
        return super().construct_mapping(node, deep=deep)


def _timestamp(loader: LimitedLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError) as e:
        raise ConstructorError(None, None, f"impossible date {node.value!r}: {e}",
                               node.start_mark) from e


LimitedLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _lines(node: Node, prefix: str, out: dict[str, int]) -> None:
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if isinstance(k.value, str):
                p = f"{prefix}.{k.value}" if prefix else k.value
                out.setdefault(p, k.start_mark.line + 1)
                _lines(v, p, out)
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            p = f"{prefix}[{i}]"
            out.setdefault(p, item.start_mark.line + 1)
            _lines(item, p, out)


def _german(problem: str) -> str:
    dup = re.search(r"found duplicate key '(.*)'$", problem)
    if dup:
        return f"Schlüssel „{dup.group(1)[:60]}“ doppelt"
    for en, de in _PROBLEMS_DE.items():
        if problem.startswith(en) or en in problem:
            return de
    return "Syntaxfehler"


def load(text: str | bytes, path: str | Path, *, max_bytes: int = MAX_BYTES,
         lines: dict[str, int] | None = None) -> Any:
    """Parse one YAML document with the limits; ``path`` names it in errors.

    ``lines``, when given, is filled with the line of every key and list item
    (``{"description.en.shortDescription": 12, "usedBy[0]": 20}``).
    """
    where = str(path)
    size = len(text.encode("utf-8") if isinstance(text, str) else text)
    if size > max_bytes:
        raise ImportFailed(where, None, None, f"file too large ({size} bytes, at most {max_bytes})",
                           f"Datei zu groß ({size:,} Bytes, höchstens {max_bytes:,})."
                           .replace(",", "."))
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as e:
            raise ImportFailed(where, None, None, f"not UTF-8: {e}",
                               "Nicht als UTF-8 lesbar.") from e
    try:
        loader = LimitedLoader(text)
    except yaml.reader.ReaderError as e:  # control characters, checked on construction
        line = text[: max(e.position, 0)].count("\n") + 1
        raise ImportFailed(where, line, None, f"invalid YAML: {e.reason}",
                           "Kein gültiges YAML: unzulässige Steuerzeichen.") from None
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        if lines is not None:
            _lines(node, "", lines)
        return loader.construct_document(node)
    except _Refused as e:
        raise ImportFailed(where, e.line, None, e.problem, e.problem_de + ".") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = " ".join(str(p) for p in (getattr(e, "context", None),
                                            getattr(e, "problem", None)) if p)
        problem = problem or str(e).split("\n")[0]
        raise ImportFailed(where, line, None, f"invalid YAML: {problem}",
                           f"Kein gültiges YAML: {_german(problem)}.") from None
    except RecursionError:
        raise ImportFailed(where, None, None, "nested too deeply",
                           "YAML zu tief verschachtelt.") from None
    finally:
        loader.dispose()


def load_file(path: str | Path, *, max_bytes: int = MAX_BYTES,
              lines: dict[str, int] | None = None) -> Any:
    """Read and parse ``path``; unreadable or oversized files are refused unread."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise ImportFailed(str(p), None, None,
                               f"file too large ({size} bytes, at most {max_bytes})",
                               f"Datei zu groß ({size:,} Bytes, höchstens {max_bytes:,})."
                               .replace(",", "."))
        data = p.read_bytes()
    except OSError as e:
        raise ImportFailed(str(p), None, None, f"cannot read: {e}",
                           f"Datei nicht lesbar ({e.strerror or e.__class__.__name__}).") from e
    return load(data, p, max_bytes=max_bytes, lines=lines)

