"""Every docstring example in the queries, graph and CLI helper modules runs."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import kommunalgraph.cli
import kommunalgraph.graph
import kommunalgraph.queries


def _modules() -> list[str]:
    out = []
    for pkg in (kommunalgraph.queries, kommunalgraph.graph, kommunalgraph.cli):
        for info in pkgutil.walk_packages(pkg.__path__, prefix=f"{pkg.__name__}."):
            out.append(info.name)
    out += ["kommunalgraph.web.graphs", "kommunalgraph.web.helpers"]
    return sorted(out)


@pytest.mark.parametrize("name", _modules())
def test_doctests(name: str) -> None:
    try:
        module = importlib.import_module(name)
    except ImportError as e:  # an optional backend driver that is not installed
        pytest.skip(f"{name}: {e}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} doctest failures in {name}"
