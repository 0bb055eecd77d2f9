"""ÖFIT/KGSt type self-check: hand-checked scores, validation naming the field,
examples only from real HAS_TYPE facts."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from explore_world import BRILON, MESCHEDE, WITTEN, build_world

from kommunalgraph.cli import main
from kommunalgraph.graph.errors import InputError
from kommunalgraph.queries.typecheck import GOALS, TYPES, load_answers, type_scores, typecheck


def test_each_defining_goal_gives_its_type() -> None:
    expected = {"rechtliche_vorgaben": "bedaechtige", "effizienz": "optimierer",
                "nutzerzufriedenheit": "serviceorientierte",
                "lokale_gemeinschaft": "community-manager"}
    for goal, type_id in expected.items():
        assert typecheck({"priorities": {goal: 5}})["type"]["id"] == type_id


def test_scores_by_hand() -> None:
    # Optimierer weights: rv .2, eff 1, nutz .2, mit .5, int .2 -> total 2.1
    s = type_scores({"effizienz": 5, "mitarbeiterzufriedenheit": 2})
    assert s["optimierer"] == pytest.approx(round((5 * 1 + 2 * 0.5) / (5 * 2.1), 4))
    assert s["bedaechtige"] == pytest.approx(round(5 * 0.2 / (5 * 1.2), 4))
    everything = type_scores({g: 5 for g in GOALS})
    assert set(everything.values()) == {1.0}


def test_result_shape_and_honesty() -> None:
    r = typecheck({"priorities": {"nutzerzufriedenheit": 5, "attraktivitaet": 4}})
    assert r["type"]["name"] == "Serviceorientierte"
    assert set(r["steckbrief"]) == {"strengths", "typical_roles",
                                    "typical_participation_tools"}
    assert len(r["learn_from"]) == 2 and r["type"]["id"] not in {x["id"] for x in
                                                                   r["learn_from"]}
    assert all(x["examples"] == [] for x in r["learn_from"])  # no store, no examples
    assert "nicht das Clustermodell" in r["method_de"]
    json.dumps(r)


def test_examples_come_from_has_type_facts(store) -> None:
    build_world(store)  # Witten and Brilon: Optimierer, Meschede: Bedächtige (fixtures)
    r = typecheck({"priorities": {"lokale_gemeinschaft": 5, "integrierte_strategie": 4}},
                  store=store)
    assert [x["id"] for x in r["learn_from"]] == ["bedaechtige", "optimierer"]
    assert [e["ags"] for e in r["learn_from"][0]["examples"]] == [MESCHEDE]
    assert [e["ags"] for e in r["learn_from"][1]["examples"]] == [WITTEN, BRILON]


@pytest.mark.parametrize("answers, field", [
    ({"priorities": {"effizienz": 6}}, "priorities.effizienz"),
    ({"priorities": {"effizienz": "hoch"}}, "priorities.effizienz"),
    ({"priorities": {"effizienz": True}}, "priorities.effizienz"),
    ({"priorities": {"schnelligkeit": 3}}, "priorities.schnelligkeit"),
    ({"priorities": {"effizienz": 0}}, "priorities"),
    ({"priorities": []}, "priorities"),
    ({}, "priorities"),
    ({"priorities": {"effizienz": 3}, "typ": "x"}, "typ"),
    ({"priorities": {"effizienz": 3}, "answered_at": "gestern"}, "answered_at"),
    ({"priorities": {"effizienz": 3}, "municipality": ""}, "municipality"),
    (["effizienz"], "Zuordnung"),
])
def test_rejected_answers_name_the_field(answers, field) -> None:
    with pytest.raises(InputError) as e:
        typecheck(answers)
    assert field in e.value.message_de


def test_load_answers(tmp_path) -> None:
    p = tmp_path / "ANSWERS.yaml"
    p.write_text("municipality: Witten\nanswered_at: 2026-11-01\npriorities:\n"
                 "  effizienz: 5\n  rechtliche_vorgaben: 3\n", "utf-8")
    a = load_answers(p)
    assert a["answered_at"] == "2026-11-01" and a["priorities"]["effizienz"] == 5
    bad = tmp_path / "bad.yaml"
    bad.write_text("priorities: [unclosed", "utf-8")
    with pytest.raises(InputError, match="YAML"):
        load_answers(bad)


def test_cli(store, tmp_path) -> None:
    build_world(store)
    path = str(store.path)
    store.close()
    answers = tmp_path / "ANSWERS.yaml"
    answers.write_text("municipality: Witten\npriorities:\n  effizienz: 5\n", "utf-8")
    runner = CliRunner()
    r = runner.invoke(main, ["--store", path, "typecheck", str(answers)])
    assert r.exit_code == 0, r.output
    assert "Optimierer" in r.output and "Steckbrief" in r.output
    r = runner.invoke(main, ["--store", path, "typecheck", str(answers), "--json"])
    assert json.loads(r.output)["municipality"]["ags"] == WITTEN
    answers.write_text("priorities:\n  effizienz: 7\n", "utf-8")
    r = runner.invoke(main, ["--store", path, "typecheck", str(answers)])
    assert r.exit_code == 1 and "priorities.effizienz" in r.output
    assert "Traceback" not in r.output
    r = runner.invoke(main, ["--store", str(tmp_path / "nostore"), "typecheck",
                             str(tmp_path / "missing.yaml")])
    assert r.exit_code == 2
    r = runner.invoke(main, ["typecheck", "--help"])
    assert all(g in r.output for g in GOALS)


def test_types_match_the_vocabulary() -> None:
    from kommunalgraph.importers.vocabulary import MUNICIPALITY_TYPES

    assert {k: v[0] for k, v in MUNICIPALITY_TYPES.items()} == {
        k: t["name"] for k, t in TYPES.items()}


@pytest.mark.slow
def test_bundled_has_no_type_data_and_says_so(bundled) -> None:
    r = typecheck({"priorities": {"effizienz": 5}}, store=bundled)
    assert all(x["examples"] == [] for x in r["learn_from"])
    assert all("keine Kommune diesen Typ als Selbstauskunft" in x["examples_note_de"]
               for x in r["learn_from"])


def test_docs_name_every_goal_and_type_and_stay_honest() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "analytics.md").read_text("utf-8")
    assert all(f"`{g}`" in doc for g in GOALS)
    assert all(t["name"] in doc for t in TYPES.values())
    assert "not the study's cluster" in doc and "never invented" in doc


def test_save_type_replaces_an_earlier_result(store) -> None:
    from explore_world import HATTINGEN

    from kommunalgraph.importers.type_answers import save_type
    from kommunalgraph.queries.ecosystem import ecosystem

    build_world(store)
    assert save_type(store, HATTINGEN, "optimierer", "2026-03-01") == 1
    assert save_type(store, HATTINGEN, "community-manager", "2026-04-01") == 1
    rows = store.run("MATCH (m:Municipality {ags: $a})-[r:HAS_TYPE]->(t:MunicipalityType) "
                     "RETURN t.id AS id, r.answered_at AS at", {"a": HATTINGEN})
    assert rows == [{"id": "community-manager", "at": "2026-04-01"}]
    assert ecosystem(store, HATTINGEN)["center"]["type"] == "Community Manager"
    # Witten's fixture type (another importer) is untouched
    assert ecosystem(store, WITTEN)["center"]["type"] == "Optimierer"
    with pytest.raises(InputError):
        save_type(store, HATTINGEN, "visionaere")


def test_save_type_needs_the_vocabulary(store) -> None:
    from kommunalgraph.graph.errors import UnknownEntity
    from kommunalgraph.importers.type_answers import save_type

    with pytest.raises(UnknownEntity):
        save_type(store, WITTEN, "optimierer")


def test_cli_save(store, tmp_path) -> None:
    build_world(store)
    path = str(store.path)
    store.close()
    answers = tmp_path / "ANSWERS.yaml"
    answers.write_text("priorities:\n  lokale_gemeinschaft: 5\n", "utf-8")
    runner = CliRunner()
    r = runner.invoke(main, ["--store", path, "typecheck", str(answers), "--save"])
    assert r.exit_code == 1 and "municipality" in r.output
    answers.write_text("municipality: Nidda\nanswered_at: 2026-05-05\npriorities:\n"
                       "  lokale_gemeinschaft: 5\n", "utf-8")
    r = runner.invoke(main, ["--store", path, "typecheck", str(answers), "--save"])
    assert r.exit_code == 0, r.output
    assert "Gespeichert: Nidda, Stadt hat Typ Community Manager" in r.output
    r = runner.invoke(main, ["--store", path, "ecosystem", "Nidda", "--json"])
    assert json.loads(r.output)["center"]["type"] == "Community Manager"


def test_example_answers_file_loads() -> None:
    from pathlib import Path

    example = Path(__file__).resolve().parent.parent / "docs" / "typecheck-answers.example.yaml"
    a = load_answers(example)
    assert set(a["priorities"]) == set(GOALS)
    assert typecheck(a)["type"]["name"] == "Optimierer"
