"""The fixed questions whose JSON answers are pinned in ``tests/golden/``.

Each case is a CLI call (by AGS or project ID, so that it does not depend on
name resolution). ``test_golden.py`` runs them against the bundled real data
and compares the JSON with the committed answer. A change that alters an
answer on purpose (new data, a better ranking) regenerates the files with
``KOMMUNALGRAPH_UPDATE_GOLDEN=1 pytest tests/test_golden.py`` and says so in
its commit message; a pure restructuring leaves every file as it was.
"""

from __future__ import annotations

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
