"""Arbitrary input to every importer and the resolver (issue 10.3).

For each importer, hypothesis builds files from the format's own columns (a
header that may lose, repeat or reorder columns; rows whose cells are good
values of the test fixtures, known-bad values or arbitrary text; quoted or
not) and byte-level damage of a good fixture (truncated, overwritten,
inserted bytes). Imported through ``importers.pipeline.run_import``, each
gives one German ``ImportFailed`` naming the file (with the store unchanged)
or a report, never another exception. The resolver gives a ``Match``,
``UnknownMunicipality`` or ``AmbiguousName`` for any string.

Examples per test are few (the suite has to stay fast); set ``CI=1`` for a
derandomized run that is the same on every machine, and
``KOMMUNALGRAPH_FUZZ_SCALE=10`` for ten times as many examples.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import import_world
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_messages_german import english_words

from kommunalgraph.graph.errors import (
    AmbiguousName,
    ImportFailed,
    InputError,
    UnknownEntity,
    UnknownMunicipality,
)
from kommunalgraph.graph.ladybug_store import LadybugStore
from kommunalgraph.graph.resolve import Match, Resolver
from kommunalgraph.importers.pipeline import remove_dataset, run_import

FIX = Path(__file__).resolve().parent / "fixtures"
SCRATCH = Path(os.environ.get("KOMMUNALGRAPH_FUZZ_TMP", tempfile.gettempdir()))
CI = bool(os.environ.get("CI"))


#: more examples for a longer local run (``KOMMUNALGRAPH_FUZZ_SCALE=10``)
SCALE = int(os.environ.get("KOMMUNALGRAPH_FUZZ_SCALE", "1"))


def fuzz(n: int = 12) -> Callable:
    return settings(max_examples=n * SCALE, deadline=None, derandomize=CI, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow, HealthCheck.data_too_large])


#: values that broke or could break a check somewhere
BAD = ["", " ", "2021-02-30", "2021-13", "2021-00-10", "-1", "0", "9" * 20, "x", "ä", "\x00",
       "\x07", "\x1b[31m", '"', '""', ",", ";", "\n", "\r\n", "https://", "http://", "ftp://x",
       "www.", "n.d.", "n.d. (c. 2022)", "NaN", "１２３", "²", "05954036", "0595403",
       "059540360", "05954", "120655502", "true", "ja", "vielleicht", "é" * 3, "\t", "\ufeff",
       "a ; https://b.de", "https://a.de ; www", "(", "[", "*", "\\", "Witten", "Stadt Witten",
       "gemeinde", "kreis", "verband", "unknown", "organisation", "x" * 300]


def _fixture_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


#: text without control characters (those are refused at once, before any other check)
_plain = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12)


def csv_files(path: Path) -> st.SearchStrategy[bytes]:
    """CSV files in the layout of the fixture ``path``: its rows with a few cells
    replaced (bad values, arbitrary text, the value of another row), sometimes
    a damaged header, short rows, other quoting or another encoding."""
    columns, rows = _fixture_rows(path)
    good = {c: sorted({r[c] for r in rows if r.get(c) is not None}) or [""] for c in columns}

    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        header = list(columns)
        # rare branches on the largest value: hypothesis shrinks towards 0
        if draw(st.integers(0, 3)) == 3:
            header = draw(st.permutations(header))
        if draw(st.integers(0, 7)) == 7 and header:
            header.pop(draw(st.integers(0, len(header) - 1)))
        if draw(st.integers(0, 7)) == 7:
            header.append(draw(st.sampled_from([*columns, "extra", ""])))
        body = []
        for _ in range(draw(st.integers(1, 4))):
            base = draw(st.sampled_from(rows))
            row = [base.get(c) or "" for c in header]
            for _ in range(draw(st.integers(0, 2))):
                i = draw(st.integers(0, len(row) - 1))
                row[i] = draw(st.one_of(st.sampled_from(BAD), _plain, _plain,
                                        st.sampled_from(good.get(header[i], [""]))))
            if draw(st.integers(0, 9)) == 9:
                row = row[: draw(st.integers(0, len(row)))]
            body.append(row)
        if draw(st.integers(0, 3)) < 3:
            out = io.StringIO()
            csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))).writerows(
                [header, *body])
            text = out.getvalue()
        else:
            text = "".join(",".join(r) + "\n" for r in [header, *body])
        encoding = draw(st.sampled_from(["utf-8"] * 8 + ["utf-8-sig", "latin-1", "utf-16"]))
        if encoding == "utf-8":
            return text.encode("utf-8", "surrogatepass")
        return text.encode(encoding, "replace")

    return build()


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """A good file truncated, overwritten or with bytes inserted."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.integers(0, max(len(out) - 1, 0)))
        how = draw(st.sampled_from(["cut", "overwrite", "insert"]))
        blob = draw(st.binary(min_size=1, max_size=8) | st.sampled_from(
            [b"\x00", b"\n", b"\r", b",", b'"', b"\xff", b"\xc3", "ä".encode("latin-1")]))
        if how == "cut":
            del out[where:]
        elif how == "overwrite":
            out[where:where + len(blob)] = blob
        else:
            out[where:where] = blob
    return bytes(out)


# -- stores ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], LadybugStore]]:
    yield from import_world.stores_per_importer(lambda i: tmp_path_factory.mktemp("fuzz-" + i))


def check_import(store: LadybugStore, importer: str, path: Path) -> None:
    """One German ImportFailed with the store unchanged, or a report; nothing else."""
    before = store.counts()
    try:
        (report,) = run_import(store, importer, [path])
    except ImportFailed as e:
        assert store.counts() == before
        assert e.message_de.startswith(e.path), e.message_de
        assert Path(e.path).parent == path.parent or Path(e.path) == path, e.path
        assert "\n" not in e.message_de and "Traceback" not in e.message_de
        assert not english_words(e.message_de[len(e.path):]), e.message_de
        if e.line is not None:
            # a line ends at \n, \r\n or a lone \r (as Python's csv and text reading count)
            raw = path.read_bytes() if path.is_file() else b""
            lines = (max(raw.count(b"\n") + raw.replace(b"\r\n", b"").count(b"\r"), 1)
                     if path.is_file() else 10**9)
            assert 1 <= e.line <= lines + 1, (e.line, lines)
        return
    for text in [s.reason for s in report.skipped] + report.notes:
        assert isinstance(text, str) and not english_words(text), text
    remove_dataset(store, report.dataset)


def _write(folder: Path, name: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_bytes(data)
    return p


CSV_FORMATS = [
    ("gv-auszug", FIX / "destatis" / "AuszugGV_excerpt_2020-12-31.csv"),
    ("ozg", FIX / "ozg" / "themenfelder.csv"),
    ("ozg", FIX / "ozg" / "lebenslagen.csv"),
    ("ozg", FIX / "ozg" / "ozg_leistungen_2019.csv"),
    ("ozg", FIX / "ozg" / "leika_leistungen_2019.csv"),
    ("organisations", FIX / "organisations" / "kdn_it_dienstleister_nrw.csv"),
    ("organisations", FIX / "organisations" / "it_provider_members.csv"),
    ("organisations", FIX / "organisations" / "kdn_kommunen_nrw.csv"),
    ("projects", FIX / "projects" / "projects.csv"),
    ("components", FIX / "components" / "ris_oparl_endpoints.csv"),
    ("components", FIX / "components" / "ris_grossstaedte_2016.csv"),
    ("components", FIX / "components" / "open_data_portals.csv"),
    ("participation", FIX / "participation" / "maengelmelder_platforms.csv"),
    ("profiles", FIX / "profiles" / "profiles.csv"),
    ("topics", FIX.parent.parent / "data" / "ozg" / "topic_rules.csv"),
]


@pytest.mark.parametrize(("importer", "fixture"), CSV_FORMATS,
                         ids=[f"{i}/{f.name}" for i, f in CSV_FORMATS])
def test_csv_rows(importer: str, fixture: Path, stores: Callable[[str], LadybugStore]) -> None:
    store = stores(importer)

    @fuzz()
    @given(data=csv_files(fixture))
    def run(data: bytes) -> None:
        with tempfile.TemporaryDirectory(dir=SCRATCH) as d:
            check_import(store, importer, _write(Path(d), fixture.name, data))

    run()


DAMAGED = [
    ("gv100ad", FIX / "destatis" / "GV100AD_excerpt.txt"),
    ("gv-auszug", FIX / "destatis" / "AuszugGV_excerpt_2020-12-31.csv"),
    ("projects", FIX / "projects" / "projects.csv"),
    ("organisations", FIX / "organisations" / "kdn_it_dienstleister_nrw.csv"),
    ("profiles", FIX / "profiles" / "profiles.yml"),
    ("participation", FIX / "participation" / "buergerhaushalt.csv"),
]


@pytest.mark.parametrize(("importer", "fixture"), DAMAGED,
                         ids=[f"{i}/{f.name}" for i, f in DAMAGED])
def test_damaged_bytes(importer: str, fixture: Path,
                       stores: Callable[[str], LadybugStore]) -> None:
    store = stores(importer)

    @fuzz()
    @given(data=damaged(fixture.read_bytes()))
    def run(data: bytes) -> None:
        with tempfile.TemporaryDirectory(dir=SCRATCH) as d:
            check_import(store, importer, _write(Path(d), fixture.name, data))

    run()


_GV = (FIX / "destatis" / "GV100AD_excerpt.txt").read_text("utf-8").splitlines()


@st.composite
def gv100ad_records(draw: st.DrawFn) -> bytes:
    """GV100AD records with one fixed-width field replaced by arbitrary text."""
    lines = list(_GV)
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        start = draw(st.sampled_from([0, 2, 10, 12, 13, 15, 18, 22, 72, 122, 128, 139, 165]))
        width = draw(st.integers(1, 11))
        value = draw(st.one_of(st.text(min_size=width, max_size=width),
                               st.sampled_from(BAD).map(lambda v, w=width: v[:w].ljust(w))))
        line = lines[i]
        lines[i] = line[:start] + value + line[start + len(value):]
    if draw(st.booleans()):
        lines.append(draw(st.sampled_from(lines)))
    return ("\n".join(lines) + "\n").encode("utf-8", "surrogatepass")


def test_gv100ad_fields(stores: Callable[[str], LadybugStore]) -> None:
    store = stores("gv100ad")

    @fuzz(15)
    @given(data=gv100ad_records())
    def run(data: bytes) -> None:
        with tempfile.TemporaryDirectory(dir=SCRATCH) as d:
            check_import(store, "gv100ad", _write(Path(d), "GV100AD.txt", data))

    run()


_PROFILE_KEYS = ["ags", "name", "land", "answered_at", "source", "has_strategy",
                 "strategy_owner", "type", "roles", "components", "participation", "role",
                 "contact_email", "consent", "title"]
_yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10, 10**9),
                          st.sampled_from(BAD), st.text(max_size=10), st.dates())
_yaml_values = st.recursive(_yaml_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3),
    st.dictionaries(st.sampled_from(_PROFILE_KEYS), inner, max_size=4)), max_leaves=12)


def test_profiles_yaml(stores: Callable[[str], LadybugStore]) -> None:
    import yaml

    store = stores("profiles")
    docs = st.one_of(
        st.fixed_dictionaries({"profiles": st.lists(
            st.dictionaries(st.sampled_from(_PROFILE_KEYS), _yaml_values, max_size=8),
            max_size=3)}),
        _yaml_values)

    @fuzz(15)
    @given(doc=docs)
    def run(doc: object) -> None:
        text = yaml.safe_dump(doc, allow_unicode=True)
        with tempfile.TemporaryDirectory(dir=SCRATCH) as d:
            check_import(store, "profiles", _write(Path(d), "profiles.yml",
                                                   text.encode("utf-8", "surrogatepass")))

    run()


_SHP = {ext: (FIX / "bkg" / f"VG5000_GEM_excerpt.{ext}").read_bytes()
        for ext in ("shp", "shx", "dbf", "cpg", "prj")}


def test_boundaries_damaged(stores: Callable[[str], LadybugStore]) -> None:
    store = stores("boundaries")

    @fuzz(10)
    @given(which=st.sampled_from(["shp", "shx", "dbf"]), data=st.data())
    def run(which: str, data: st.DataObject) -> None:
        broken = data.draw(damaged(_SHP[which]))
        with tempfile.TemporaryDirectory(dir=SCRATCH) as d:
            for ext, raw in _SHP.items():
                _write(Path(d), f"VG5000_GEM.{ext}", broken if ext == which else raw)
            check_import(store, "boundaries", Path(d) / "VG5000_GEM.shp")

    run()


# -- the resolver ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def resolver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Resolver]:
    s = LadybugStore(tmp_path_factory.mktemp("fuzz-resolver") / "store")
    try:
        run_import(s, "gv100ad", [FIX / "destatis" / "GV100AD_excerpt.txt"])
        import_world.build(s)
        yield Resolver.from_store(s)
    finally:
        s.close()


_NAMES = ["Witten", "Stadt Witten", "Witten, Stadt", "Bochum", "Dortmund", "Sprockhövel",
          "Sprockhoevel", "Boldecker Land", "Ennepe-Ruhr-Kreis", "Landkreis Gifhorn",
          "Bad Oeynhausen", "Storkow (Mark)", "Stuttgart", "Frankfurt", "05954036",
          "059540036036", "Neustadt a.d.", "Münster", "Kreis ", "(", ")", "-", "/", "."]
queries = st.one_of(
    st.text(max_size=30),
    st.sampled_from(_NAMES),
    st.lists(st.one_of(st.sampled_from(_NAMES), st.sampled_from(BAD), st.text(max_size=4)),
             max_size=4).map(" ".join),
)


@fuzz(150)
@given(q=queries, land=st.one_of(st.none(), st.sampled_from(["05", "08", "5", "NRW", ""]),
                                 st.text(max_size=3)),
       kreis=st.one_of(st.none(), st.sampled_from(["05954", "Ennepe", ""]), st.text(max_size=3)),
       partial=st.booleans())
def test_resolver_any_string(resolver: Resolver, q: str, land: str | None, kreis: str | None,
                             partial: bool) -> None:
    try:
        m = resolver.resolve(q, land=land, kreis=kreis, partial=partial)
    except (UnknownMunicipality, AmbiguousName) as e:
        assert e.message_de and not english_words(e.message_de.replace(q, ""))
    except InputError:
        assert not q.strip(), "InputError only for an empty query"
    else:
        assert isinstance(m, Match) and m.key in resolver
    try:
        resolver.resolve_district(q, land=land)
    except (UnknownEntity, AmbiguousName):
        pass
    assert isinstance(resolver.search(q), list)


def test_resolver_finds_real_names(resolver: Resolver) -> None:
    """The fuzzed resolver is the real one: the names of the excerpt resolve."""
    assert resolver.resolve("Witten").key == "05954036"
    assert resolver.resolve("05954036").key == "05954036"
    with pytest.raises(UnknownMunicipality):
        resolver.resolve("Atlantis")
