"""German number and count formats for everything a user reads (CLI, web, reasons).

>>> de_int(10751), de_num(1234.56), de_count(1, "Projekt", "Projekten")
('10.751', '1.234,6', '1 Projekt')
>>> de_count(3, "Projekt", "Projekten"), de_int(None)
('3 Projekten', '–')
"""

from __future__ import annotations

from typing import Any

__all__ = ["de_count", "de_int", "de_num", "de_km"]


def de_int(n: Any) -> str:
    """A whole number with the German thousands separator; ``None`` or ``""`` → '–'.

    >>> de_int(95123), de_int(1234.6)
    ('95.123', '1.235')
    """
    if n is None or n == "":
        return "–"
    return f"{round(float(n)):,}".replace(",", ".")


def de_num(x: Any, digits: int = 1) -> str:
    """A decimal number in German notation; ``None`` or ``""`` → '–'.

    >>> de_num(1234.56), de_num(0.00912, 4)
    ('1.234,6', '0,0091')
    """
    if x is None or x == "":
        return "–"
    s = f"{float(x):,.{digits}f}"
    return s.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def de_km(d: float) -> str:
    """A distance for texts: whole km, one decimal below 10 km.

    >>> de_km(34.4), de_km(3.44)
    ('34 km', '3,4 km')
    """
    return f"{d:.1f} km".replace(".", ",") if d < 10 else f"{d:.0f} km"


def de_count(n: int, one: str, many: str) -> str:
    """``n`` with the singular or plural noun (the caller picks the grammatical case).

    >>> de_count(1, "Nachbarkommune", "Nachbarkommunen"), de_count(0, "Projekt", "Projekten")
    ('1 Nachbarkommune', '0 Projekten')
    """
    return f"{de_int(n)} {one if n == 1 else many}"
