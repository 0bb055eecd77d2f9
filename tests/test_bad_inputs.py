"""Bad input never gets past the edge (issue 10.3).

Every malformed file of tests/fixtures/bad/ (listed with its expected outcome
in tests/fixtures/bad/README.md) is imported through
``importers.pipeline.run_import`` into a store holding what its importer
needs. The result is exactly one German ``ImportFailed`` naming the file
(and the line and field the README gives) with the store unchanged, or, where
the README says ``Import``, a successful import that says what it skipped or
noticed, in German (``Import, gültig``: a well-formed file after all, e.g. a
BOM with CRLF line ends). Any other exception fails the test with its traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import import_world
import pytest
from test_messages_german import english_words

from kommunalgraph.graph.errors import ImportFailed
from kommunalgraph.graph.ladybug_store import LadybugStore
from kommunalgraph.importers.pipeline import remove_dataset, run_import

FIX = Path(__file__).resolve().parent / "fixtures"
BAD = FIX / "bad"


@dataclass(frozen=True)
class Case:
    importer: str
    name: str
    what: str
    expect: str

    @property
    def path(self) -> Path:
        return BAD / self.importer / self.name

    @property
    def line(self) -> int | None:
        m = re.search(r"Zeile (\d+)", self.expect)
        return int(m.group(1)) if m else None

    @property
    def field(self) -> str | None:
        m = re.search(r"Feld (.+)$", self.expect)
        return m.group(1) if m else None


def _cases() -> list[Case]:
    cases = []
    for row in (BAD / "README.md").read_text("utf-8").splitlines():
        m = re.fullmatch(r"\| (\S+) \| `([^`]+)` \| (.+) \| (.+) \|", row)
        if m:
            cases.append(Case(*m.groups()))
    return cases


CASES = _cases()


def test_manifest_lists_every_file() -> None:
    listed = {(c.importer, c.name) for c in CASES}
    assert len(listed) == len(CASES) >= 100
    assert {c.importer for c in CASES} >= {
        "gv100ad", "gv-auszug", "boundaries", "ozg", "organisations", "projects",
        "components", "participation", "profiles", "topics"}
    for folder in BAD.iterdir():
        if not folder.is_dir():
            continue
        for f in folder.iterdir():
            companion = f.suffix in (".shx", ".dbf", ".cpg", ".prj")
            if not companion:
                assert (folder.name, f.name) in listed, f"{f} not in README.md"
    for c in CASES:
        assert c.path.exists(), c.path


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], LadybugStore]]:
    """One store per importer with its prerequisites, built on first use."""
    yield from import_world.stores_per_importer(lambda i: tmp_path_factory.mktemp("bad-" + i))


def _state(store: LadybugStore) -> dict[str, dict[str, int]]:
    counts = store.counts()
    counts["datasets"] = {"Dataset": len(store.run("MATCH (d:Dataset) RETURN d.id AS id"))}
    return counts


def assert_german(text: str, context: str) -> None:
    words = english_words(text)
    assert not words, f"{context}: English words {words} in „{text}“"


def _param(c: Case) -> object:
    """A case whose fix belongs to another module is an expected failure ("offen")."""
    marks = [pytest.mark.xfail(strict=True, reason=c.what)] if "offen:" in c.what else []
    return pytest.param(c, marks=marks, id=f"{c.importer}/{c.name}")


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_bad_input(case: Case, stores: Callable[[str], LadybugStore]) -> None:
    store = stores(case.importer)
    before = _state(store)
    try:
        reports = run_import(store, case.importer, [case.path])
    except ImportFailed as e:
        assert _state(store) == before, "the store changed although the import failed"
        assert case.expect.startswith("Fehler"), (
            f"{case.what}: expected an import, got the error „{e.message_de}“")
        assert case.name in e.path or case.path.stem in e.path, (e.path, case.path)
        assert e.message_de.startswith(e.path), e.message_de
        assert_german(e.message_de[len(e.path):], case.what)
        if case.line is not None:
            assert e.line == case.line, (e.message_de, case.expect)
        if case.field is not None:
            assert e.field == case.field, (e.message_de, case.expect)
        return
    (report,) = reports
    assert case.expect.startswith("Import"), (
        f"{case.what}: accepted without an error (read {report.read}, "
        f"skipped {len(report.skipped)}, notes {report.notes})")
    if case.expect == "Import":
        assert report.skipped or report.notes, "accepted without a word"
    for skip in report.skipped:
        assert_german(skip.reason, case.what)
    for note in report.notes:
        assert_german(note, case.what)
    remove_dataset(store, report.dataset)
