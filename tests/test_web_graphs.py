"""Network data built with pyvis for our own template, and the SVG map data."""

from __future__ import annotations

import pytest

from kommunalgraph.web.graphs import PHYSICS_MAX_NODES, build_graph, colour_for
from kommunalgraph.web.maps import load_shapes, map_view

XSS = "<img src=x onerror=alert(1)>"


def test_small_graph_uses_physics_and_keeps_titles_as_plain_strings() -> None:
    g = build_graph("g1", [{"id": "a", "label": XSS, "title": XSS + "\nzweite Zeile",
                            "kind": "center", "url": "/kommune/1"},
                           {"id": "b", "label": "B", "kind": "project"}],
                    [{"source": "a", "target": "b", "title": "nimmt teil"},
                     {"source": "a", "target": "zz"}])
    assert g["id"] == "g1" and not g["fixed"]
    assert g["options"]["physics"]["enabled"] is True
    assert g["options"]["physics"]["stabilization"]["enabled"] is True
    a = next(n for n in g["nodes"] if n["id"] == "a")
    assert a["title"] == XSS + "\nzweite Zeile" and a["url"] == "/kommune/1"
    assert len(g["edges"]) == 1 and "arrows" not in g["edges"][0]
    assert g["legend"] == ["center", "project"]


def test_long_labels_are_shortened_but_the_tooltip_keeps_the_whole_name() -> None:
    name = "Entwicklungspartnerschaft Open SmartCity App (open source, operated by regio iT)"
    g = build_graph("g2", [{"id": "p", "label": name, "kind": "project"}], [])
    [p] = g["nodes"]
    assert p["label"] == "Entwicklungspartnerschaft Open …" and p["title"] == name


def test_large_graph_gets_a_precomputed_layout() -> None:
    n = PHYSICS_MAX_NODES + 1
    g = build_graph("big", [{"id": str(i), "x": i, "y": -i} for i in range(n)],
                    [{"source": str(i), "target": str(i + 1)} for i in range(n - 1)])
    assert g["fixed"] and g["options"]["physics"]["enabled"] is False
    assert all(node["physics"] is False and "x" in node for node in g["nodes"])


def test_colours_are_stable() -> None:
    assert colour_for(3) == colour_for(3) != colour_for(4)
    assert colour_for(None) == "#95a5a6"


@pytest.fixture(scope="module")
def shapes(bundled):  # type: ignore[no-untyped-def]
    return load_shapes(bundled)


def test_shapes_cover_germany(shapes) -> None:  # type: ignore[no-untyped-def]
    assert len(shapes.municipalities) > 10000 and len(shapes.districts) == 400
    assert 600 < shapes.width < 700 and 800 < shapes.height < 900  # km
    assert shapes.municipalities["05954036"].startswith("M")


def test_map_view_zooms_to_a_kreis_and_marks_towns(shapes) -> None:  # type: ignore
    v = map_view(shapes, [{"ags": "05954036", "name": "Witten"}, {"ags": "99999999"}],
                 kreis="05954")
    assert all(b["key"].startswith("05954") for b in v["background"])
    assert [m["ags"] for m in v["marks"]] == ["05954036"] and v["missing"] == 1
    x, y, w, h = (float(t) for t in v["viewbox"].split())
    cx, cy = v["marks"][0]["cx"], v["marks"][0]["cy"]
    assert x < cx < x + w and y < cy < y + h and w < 60


