"""Source cells that name several URLs, split into a list of valid URLs.

Collected data often puts two or three URLs into one source cell, joined by
``" ; "``. A link must be one URL, so every importer stores the cell as
``sources`` (a list, each element one valid http(s) URL) and ``source`` (the
first URL, or the citation text where the cell names no URL at all, e.g. a
printed article).

>>> split_sources("https://a.de/x ; https://b.de/y")
('https://a.de/x', ['https://a.de/x', 'https://b.de/y'])
>>> split_sources("Artikel in der Lokalzeitung")
('Artikel in der Lokalzeitung', [])
>>> is_url("https://a.de/x ; https://b.de/y")
False
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from urllib.parse import urlsplit

__all__ = ["is_url", "split_sources", "source_fields", "looks_like_url", "is_date",
           "control_character"]

_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?", re.ASCII)
#: control characters that no value of a text file may contain (tab allowed)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def is_date(text: str, *, day_required: bool = False) -> bool:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a day that exists.

    >>> is_date("2021-02-28"), is_date("2021-02-30"), is_date("2021-13"), is_date("2021")
    (True, False, False, True)
    """
    m = _DATE.fullmatch(text or "")
    if not m or (day_required and not m.group(3)):
        return False
    year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def control_character(text: str) -> str | None:
    """The first control character in ``text`` as ``U+0007``, or None.

    >>> control_character("Akte\\x07"), control_character("a\\tb")
    ('U+0007', None)
    """
    m = _CONTROL.search(text or "")
    return f"U+{ord(m.group(0)):04X}" if m else None

_SEPARATOR = re.compile(r"\s+;\s+|\s*;\s*(?=https?://)")


def is_url(text: str) -> bool:
    """One http(s) URL with a host and no blanks or separators in it."""
    if not text or any(c in text for c in ' \t\n;<>"'):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and "." in parts.netloc


def looks_like_url(text: str) -> bool:
    """Text that is meant as a link (starts with a scheme or ``www.``)."""
    return bool(re.match(r"^\s*(https?://|www\.)", text or ""))


def split_sources(cell: str) -> tuple[str, list[str]]:
    """``(source, sources)`` of one cell; raises ``ValueError`` naming the bad part.

    A cell is either one citation text without a URL, or one or more URLs
    separated by ``;``. A part that looks like a URL but is not a valid one
    is an error (the caller reports it with file, line and field).
    """
    text = (cell or "").strip()
    if not looks_like_url(text):
        return text, []
    parts = [p.strip() for p in _SEPARATOR.split(text) if p.strip()]
    urls = []
    for part in parts:
        url = "https://" + part if part.startswith("www.") else part
        if not is_url(url):
            raise ValueError(part)
        if url not in urls:
            urls.append(url)
    return urls[0], urls


def source_fields(cell: str) -> dict[str, Any]:
    """``{"source": …, "sources": […]}`` for a provenance row (``sources`` None if empty)."""
    source, sources = split_sources(cell)
    return {"source": source, "sources": sources or None}
