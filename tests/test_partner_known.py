"""Existing partners are named as such (issue 14, item 2): ``suggest`` lists new
partners first and those who already share a project with the asker in their own
section; ``candidates`` never lists a member."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kommunalgraph.cli import main
from kommunalgraph.graph.schema import ASSOCIATION, DISTRICT, PROJECT
from kommunalgraph.queries.analytics import network
from kommunalgraph.queries.analytics.network import project_members
from kommunalgraph.queries.partner.candidates import candidates
from kommunalgraph.queries.partner.suggest import suggest

WITTEN = "05954036"
EN_TOWNS = {"05954016": "Hattingen", "05954028": "Sprockhövel", "05954012": "Gevelsberg",
            "05954024": "Schwelm"}

pytestmark = pytest.mark.slow


def test_witten_e_akte_partners_are_known_not_new(bundled):
    out = suggest(bundled, WITTEN, kind="e-akte", limit=20)
    known = {r["ags"]: r for r in out["already_partners"]}
    assert set(EN_TOWNS) <= set(known)
    assert not set(EN_TOWNS) & {r.get("ags") for r in out["results"]}
    for ags in EN_TOWNS:
        assert known[ags]["already_partner"] is True
        assert "EAKTE-EN" in [p["id"] for p in known[ags]["shared_projects"]]
    assert all(r["already_partner"] is False for r in out["results"])


def test_known_partners_only_for_the_requested_kind(bundled):
    # Witten's only direct project is the e-Akte: for another kind nobody is "known"
    out = suggest(bundled, WITTEN, kind="city-app", limit=5)
    assert not set(EN_TOWNS) & {r["ags"] for r in out["already_partners"]}


def test_cli_section_bereits_partner(bundled_store_path):
    r = CliRunner().invoke(main, ["--store", str(bundled_store_path), "suggest", WITTEN,
                                  "--kind", "e-akte"])
    assert r.exit_code == 0, r.output
    new, known = r.output.split("Bereits Partner (gemeinsames Projekt zu diesem Thema):")
    for name in EN_TOWNS.values():
        assert f". {name} (" not in new
        assert f"– {name} (" in known


def test_candidates_never_lists_a_member(bundled):
    G = network.load_network(bundled)
    projects = sorted(k for (label, k) in G if label == PROJECT)
    checked = 0
    for p in projects:
        members = {m[1] for m in project_members(G, p)}
        groups = {g[1] for g in project_members(G, p, labels=(DISTRICT, ASSOCIATION))}
        if not members and not groups:
            continue
        out = candidates(bundled, p, limit=20, include_districts=True)
        listed = {r["key"] for r in out["results"]}
        assert not listed & (members | groups), p
        checked += 1
    assert checked > 100


def test_web_page_shows_bereits_partner(bundled_store_path):
    from kommunalgraph.web.app import create_app

    app = create_app({"STORE": str(bundled_store_path), "PAGE_CACHE": False})
    page = app.test_client().get(f"/partner?kommune={WITTEN}&art=e-akte").get_data(as_text=True)
    new, known = page.split('id="bereits-partner"')
    for ags in EN_TOWNS:
        assert f'href="/kommune/{ags}"' in known
        assert f'href="/kommune/{ags}"' not in new.split('id="ergebnis"')[1]
