"""The fixed questions whose JSON answers are pinned in ``tests/golden/``.

Each case is a CLI call (by AGS or project ID, so that it does not depend on
name resolution). ``test_golden.py`` runs them against the bundled real data
and compares the JSON with the committed answer. A change that alters an
answer on purpose (new data, a better ranking) regenerates the files with
``KOMMUNALGRAPH_UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and says so in
its commit message; a pure restructuring leaves every file as it was.
"""

from __future__ import annotations

import math
from typing import Any

CASES: dict[str, list[str]] = {
    "show-witten": ["show", "05954036", "--json"],
    "show-muenster": ["show", "05515000", "--json"],
    "suggest-witten": ["suggest", "05954036", "--json"],
    "suggest-witten-e-akte": ["suggest", "05954036", "--kind", "e-akte", "--json"],
    "suggest-beelitz-city-app": ["suggest", "12069017", "--kind", "city-app", "--json"],
    "suggest-muenster-districts": ["suggest", "05515000", "--include-districts", "--json"],
    "candidates-stadtapp": ["candidates", "STADTAPP-OWL-MS", "--json"],
    "candidates-eakte": ["candidates", "EAKTE-EN", "--include-districts", "--json"],
    "ecosystem-witten": ["ecosystem", "05954036", "--json"],
    "ecosystem-beelitz": ["ecosystem", "12069017", "--json"],
    "underconnected-nrw": ["underconnected", "--land", "05", "--json"],
    "underconnected-bb": ["underconnected", "--land", "12", "--limit", "20", "--json"],
    "centrality": ["centrality", "--json"],
    "communities": ["communities", "--json"],
}


def same_json(a: Any, b: Any, path: str = "$") -> None:
    """Equal JSON (same types), floats to 1e-9; the first difference names its path."""
    if isinstance(a, float) or isinstance(b, float):
        assert isinstance(a, (int, float)) and isinstance(b, (int, float)), f"{path}: {a!r} {b!r}"
        assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9), f"{path}: {a} != {b}"
    elif isinstance(a, dict):
        assert isinstance(b, dict) and sorted(a) == sorted(b), f"{path}: keys differ"
        for k in a:
            same_json(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), f"{path}: lengths {len(a)} != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            same_json(x, y, f"{path}[{i}]")
    else:
        assert type(a) is type(b) and a == b, f"{path}: {a!r} != {b!r}"
