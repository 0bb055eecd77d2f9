"""Export: files that Gephi and scripts can read back, no None values, and
personal data only when asked (fixture contact data, see explore_world)."""

from __future__ import annotations

import csv
import json
import zipfile

import networkx as nx
import pytest
from click.testing import CliRunner
from explore_world import FIXTURE_CONTACT, WITTEN, build_world

from kommunalgraph.cli import main
from kommunalgraph.graph.errors import InputError
from kommunalgraph.queries.export import export


@pytest.fixture
def world(store):
    build_world(store)
    return store


def _read(fmt, path):
    return nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_gephi_formats_read_back_with_scalar_attributes(world, tmp_path, fmt) -> None:
    path = tmp_path / f"g.{fmt}"
    r = export(world, fmt, path)
    G = _read(fmt, path)
    assert G.number_of_nodes() == r["nodes"]
    assert G.number_of_edges() == r["edges"]
    assert "None" not in path.read_text("utf-8")
    witten = G.nodes[f"Municipality:{WITTEN}"]
    assert witten["kind"] == "Municipality" and witten["population"] == 96000
    assert witten["lat"] == pytest.approx(51.4436)
    for _, data in G.nodes(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in data.values())
    kinds = {d["kind"] for _, _, d in G.edges(data=True)}
    assert {"PARTICIPATES_IN", "NEIGHBOUR_OF", "IN_DISTRICT", "HAS_ROLE"} <= kinds


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "json"])
def test_personal_data_left_out_by_default(world, tmp_path, fmt) -> None:
    path = tmp_path / f"g.{fmt}"
    r = export(world, fmt, path)
    text = path.read_text("utf-8")
    assert r["personal_data_included"] is False
    assert FIXTURE_CONTACT["contact_email"] not in text
    assert FIXTURE_CONTACT["contact_name"] not in text
    assert FIXTURE_CONTACT["title"] in text  # the role itself is no personal data
    r = export(world, fmt, path, include_personal_data=True)
    assert FIXTURE_CONTACT["contact_email"] in path.read_text("utf-8")


def test_personal_data_needs_consent(world, tmp_path) -> None:
    world.run("MATCH (:Municipality)-[r:HAS_ROLE]->(:Role) SET r.consent = false")
    r = export(world, "json", tmp_path / "g.json", include_personal_data=True)
    assert FIXTURE_CONTACT["contact_email"] not in (tmp_path / "g.json").read_text("utf-8")
    assert r["personal_data_withheld_no_consent"] == 1


def test_json_and_csv(world, tmp_path) -> None:
    r = export(world, "json", tmp_path / "g.json")
    data = json.loads((tmp_path / "g.json").read_text("utf-8"))
    assert len(data["nodes"]) == r["nodes"] and len(data["edges"]) == r["edges"]
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    files = export(world, "csv", tmp_path / "csv")["files"]
    assert [f.rsplit("/", 1)[1] for f in files] == ["nodes.csv", "edges.csv"]
    with open(files[0], encoding="utf-8") as f:
        nodes = list(csv.DictReader(f))
    with open(files[1], encoding="utf-8") as f:
        edges = list(csv.DictReader(f))
    assert list(nodes[0])[:3] == ["Id", "Label", "kind"]
    assert list(edges[0])[:3] == ["Source", "Target", "kind"]
    assert len(nodes) == r["nodes"] and len(edges) == r["edges"]
    export(world, "csv", tmp_path / "g.zip")
    with zipfile.ZipFile(tmp_path / "g.zip") as z:
        assert sorted(z.namelist()) == ["edges.csv", "nodes.csv"]


def test_written_analytics_are_exported(world, tmp_path) -> None:
    from kommunalgraph.importers.scores import save_scores
    from kommunalgraph.queries.analytics.centrality import centrality, communities

    save_scores(world, centrality(world, with_values=True)["values"],
                ("degree", "pagerank", "betweenness"))
    save_scores(world, communities(world, with_values=True)["values"], ("community",))
    export(world, "gexf", tmp_path / "g.gexf")
    G = nx.read_gexf(tmp_path / "g.gexf")
    witten = G.nodes[f"Municipality:{WITTEN}"]
    assert witten["community"] == 1 and witten["degree"] == 3 and witten["pagerank"] > 0
    assert "community" not in G.nodes["Municipality:06440018"]  # null is left out


def test_ego_export(world, tmp_path) -> None:
    r = export(world, "gexf", tmp_path / "w.gexf", ego=WITTEN)
    G = nx.read_gexf(tmp_path / "w.gexf")
    assert r["scope"] == f"ecosystem:{WITTEN}"
    assert G.number_of_nodes() == 12
    assert "Project:eakte" in G and "Municipality:05958044" not in G


def test_unknown_format(world, tmp_path) -> None:
    with pytest.raises(InputError):
        export(world, "pdf", tmp_path / "x.pdf")


def test_cli(world, tmp_path) -> None:
    path = str(world.path)
    world.close()
    runner = CliRunner()
    out = tmp_path / "w.graphml"
    r = runner.invoke(main, ["--store", path, "export", "graphml", str(out), "--ego", "Witten"])
    assert r.exit_code == 0, r.output
    assert "Kontaktdaten sind nicht enthalten" in r.output
    r = runner.invoke(main, ["--store", path, "export", "json", str(tmp_path / "a.json"),
                             "--include-personal-data", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["personal_data_included"] is True
    r = runner.invoke(main, ["--store", path, "export", "pdf", str(tmp_path / "x")])
    assert r.exit_code == 2  # click usage error: unknown format
    # "Münster" means the city (22x the population of Münster in Hessen) ...
    r = runner.invoke(main, ["--store", path, "export", "gexf", str(tmp_path / "m.gexf"),
                             "--ego", "Münster"])
    assert r.exit_code == 0, r.output
    # ... while a name that fits nothing is one German error line
    r = runner.invoke(main, ["--store", path, "export", "gexf", str(tmp_path / "x.gexf"),
                             "--ego", "Nirgendwo"])
    assert r.exit_code == 1 and r.output.startswith("Fehler:")


@pytest.mark.slow
def test_bundled_ego_export(bundled, tmp_path) -> None:
    r = export(bundled, "gexf", tmp_path / "witten.gexf", ego=WITTEN)
    G = nx.read_gexf(tmp_path / "witten.gexf")
    assert G.number_of_nodes() == r["nodes"] > 5


def test_csv_cells_never_run_as_spreadsheet_formulas(world, tmp_path) -> None:
    """A name from data that starts like a formula is written as text (fixture only)."""
    world.run("MATCH (m:Municipality {ags: $ags}) SET m.name = $name",
              {"ags": WITTEN, "name": '=HYPERLINK("http://example.org","Witten")'})
    files = export(world, "csv", tmp_path / "csv")["files"]
    with open(files[0], encoding="utf-8") as f:
        nodes = {n["Id"]: n for n in csv.DictReader(f)}
    label = nodes[f"Municipality:{WITTEN}"]["Label"]
    assert label.startswith("'=HYPERLINK(")
    assert not any(v.startswith(("=", "+", "@")) for n in nodes.values() for v in n.values())
