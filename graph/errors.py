"""One error hierarchy for all of kommunalgraph.

The CLI turns these into one German line and a non-zero exit; the web layer
into a status code with an HTML or JSON error page (``web/errors.py`` owns the
status codes: the floor knows nothing of HTTP). Each error carries a
German message (``message_de``) for users and stays an ordinary exception
with an English ``str()`` for logs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "KommunalgraphError",
    "StoreError",
    "StoreUnavailable",
    "QueryFailed",
    "ImportFailed",
    "InputError",
    "UnknownMunicipality",
    "UnknownEntity",
    "AmbiguousName",
    "Candidate",
    "reason_de",
]


def reason_de(e: BaseException) -> str:
    """A German description of a low-level error (file system, encoding, CSV).

    The exception's own text is English; it stays in the English log message
    and never reaches a user.

    >>> reason_de(FileNotFoundError(2, "No such file or directory"))
    'Datei oder Ordner nicht gefunden'
    >>> reason_de(UnicodeDecodeError("utf-8", b"\\xff\\xfea", 0, 1, "invalid start byte"))[:38]
    'Byte 0xFF an Position 1 ist kein UTF-8'
    """
    if isinstance(e, UnicodeDecodeError):
        data = e.object if isinstance(e.object, bytes | bytearray) else b""
        byte = f"Byte 0x{data[e.start]:02X} " if e.start < len(data) else "Ein Byte "
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            hint = "die Datei ist offenbar UTF-16; bitte als UTF-8 speichern"
        else:
            hint = "vermutlich Latin-1 oder Windows-1252; bitte als UTF-8 speichern"
        return f"{byte}an Position {e.start + 1} ist kein UTF-8 ({hint})"
    if isinstance(e, FileNotFoundError):
        return "Datei oder Ordner nicht gefunden"
    if isinstance(e, IsADirectoryError):
        return "ein Ordner, keine Datei"
    if isinstance(e, NotADirectoryError):
        return "kein Ordner"
    if isinstance(e, PermissionError):
        return "keine Berechtigung zum Lesen"
    if isinstance(e, OSError):
        return f"Fehler des Betriebssystems (errno {e.errno})"
    text = str(e)
    if "field larger than field limit" in text:
        limit = text.rsplit("(", 1)[-1].rstrip(")")
        return f"ein Feld ist länger als {limit} Zeichen"
    if "NUL" in text:
        return "NUL-Zeichen in der Datei"
    if "EOF" in text or "end of data" in text or "unexpected end" in text:
        return "Anführungszeichen nicht geschlossen"
    if "quote" in text or "delimiter" in text:
        return "Anführungszeichen an falscher Stelle"
    return "Datei nicht lesbar (" + type(e).__name__ + ")"


class KommunalgraphError(Exception):
    """Root of every error that kommunalgraph raises on purpose."""

    def __init__(self, message: str, message_de: str | None = None) -> None:
        super().__init__(message)
        self.message_de = message_de or message


class StoreError(KommunalgraphError):
    """The graph store failed (connection, schema, query)."""


class StoreUnavailable(StoreError):
    """The store cannot be opened or reached."""



class QueryFailed(StoreError):
    """A Cypher query failed in the backend."""


class InputError(KommunalgraphError):
    """A user-supplied value is invalid (bad parameter, bad option)."""



class ImportFailed(KommunalgraphError):
    """An input file is malformed. Names the file, the line and the field.

    Raised before anything is written, or inside the import transaction so
    that the store is rolled back and keeps its previous state.
    """


    def __init__(
        self,
        path: str,
        line: int | None,
        field: str | None,
        problem: str,
        problem_de: str | None = None,
    ) -> None:
        self.path, self.line, self.field, self.problem = path, line, field, problem
        where = path + (f", line {line}" if line is not None else "")
        where_de = path + (f", Zeile {line}" if line is not None else "")
        what = f", field {field!r}" if field else ""
        what_de = f", Feld „{field}“" if field else ""
        super().__init__(
            f"{where}{what}: {problem}",
            f"{where_de}{what_de}: {problem_de or problem}",
        )


@dataclass(frozen=True)
class Candidate:
    """A municipality (or other entity) offered when a name is ambiguous."""

    key: str
    name: str
    district: str | None = None
    state: str | None = None
    population: int | None = None

    def label_de(self) -> str:
        parts = [p for p in (self.district, self.state) if p]
        return f"{self.name} ({self.key}" + (", " + ", ".join(parts) if parts else "") + ")"


class UnknownEntity(KommunalgraphError):
    """No entity (project, Kreis, ...) with this key or name exists."""


    def __init__(self, message: str, message_de: str | None = None,
                 suggestions: Sequence[Candidate] = ()) -> None:
        super().__init__(message, message_de)
        self.suggestions = list(suggestions)


class UnknownMunicipality(UnknownEntity):
    """No municipality matches the given AGS, ARS or name."""

    def __init__(self, query: str, suggestions: Sequence[Candidate] = ()) -> None:
        msg_de = f"Keine Kommune gefunden für „{query}“."
        if suggestions:
            msg_de += " Meinten Sie: " + "; ".join(c.label_de() for c in suggestions) + "?"
        super().__init__(f"unknown municipality {query!r}", msg_de, suggestions)
        self.query = query


class AmbiguousName(KommunalgraphError):
    """A name matches several entities; the candidates are listed."""


    def __init__(self, query: str, candidates: Sequence[Candidate]) -> None:
        self.query = query
        self.candidates = list(candidates)
        listing = "; ".join(c.label_de() for c in self.candidates)
        super().__init__(
            f"ambiguous name {query!r}: {len(self.candidates)} candidates",
            f"„{query}“ ist mehrdeutig, {len(self.candidates)} Treffer: {listing}. "
            "Bitte AGS, amtlichen Namen (z. B. „Münster, Stadt“) oder Land/Kreis angeben.",
        )
