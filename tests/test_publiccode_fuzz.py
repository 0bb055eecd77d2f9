"""Arbitrary YAML-ish input to the publiccode importer and validator: a German
ImportFailed (one line, with the file) or a plan with German notes, never any
other exception."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kommunalgraph.graph.errors import ImportFailed
from kommunalgraph.importers import publiccode
from kommunalgraph.importers.publiccode_rules import TOP_KEYS

TOKENS = ["publiccodeYmlVersion: ", '"0"', "0.4", "1", "\n", "name: ", "url: ", "- ", "[", "]",
          "{", "}", ", ", "&a ", "*a", "&b ", "*b", ": ", "usedBy:\n", "  ", "description:\n",
          "en:\n", "de:\n", "leika:\n", "ozg-id: ", "2021-02-30", "2024-01-31", "!!binary ",
          "? ", "|\n", ">\n", "# c\n", "'", '"', "null", "~", "true", "legal:\n",
          "license: ", "EUPL-1.2", "Stadt Witten", "...", "\t", "\\x00", "%YAML 1.2\n",
          "---\n", "!!python/object:os.system ", "https://example.org/x.git"]

#: fixed examples on CI (a run there is reproducible), new ones in every local run
FUZZ = settings(max_examples=150, deadline=None, derandomize=bool(os.environ.get("CI")),
                database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

yamlish = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=8)), max_size=60).map(
    "".join)

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=20), st.dates(min_value=dt.date(1, 1, 1)),
                    st.sampled_from(["0", "0.4", "1", "https://example.org/x.git", "de", "DE",
                                     "EUPL-1.2", "stable", "web", "internal"]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.sampled_from(sorted(TOP_KEYS)), st.text(max_size=8)), inner,
                    max_size=4)), max_leaves=20)
documents = st.dictionaries(st.sampled_from(sorted(TOP_KEYS)), values, max_size=12).map(
    lambda d: yaml.safe_dump(d, allow_unicode=True, sort_keys=False))


def _one(text: str, store) -> None:
    with tempfile.TemporaryDirectory(dir="/tmp") as d:
        f = Path(d) / "publiccode.yml"
        f.write_text(text, "utf-8", errors="replace")
        result = publiccode.check_file(f).to_dict()
        for note in result["notes"]:
            assert isinstance(note["message"], str) and "\n" not in note["message"]
        for strict in (False, True):
            try:
                plan = publiccode.plan(f, store, strict=strict)
            except ImportFailed as e:
                assert e.path == str(f)
                assert e.message_de.startswith(str(f)) and "\n" not in e.message_de
                assert "Traceback" not in e.message_de
            else:
                assert all(isinstance(n, str) for n in plan.report.notes)
                if strict:
                    assert result["valid"]


@FUZZ
@given(text=yamlish)
def test_yamlish_text(store, text):
    _one(text.replace("\x00", ""), store)


@FUZZ
@given(text=documents)
def test_structured_documents(store, text):
    _one(text, store)
