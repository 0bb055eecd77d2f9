"""The built partner index, kept beside the store so that a new process need not
rebuild it.

Building the index means loading the whole analysis graph from the store
(:func:`~kommunalgraph.queries.analytics.network.load_network`) and turning it
into arrays: about two seconds, most of a first ``kommunalgraph suggest``. The
result is written to ``partner-index.pickle`` in the store's folder together with
the store's change token (:meth:`GraphStore.change_token`); a later process
loads it when the token is still the same and rebuilds it otherwise. A store
without a folder (Neo4j) is never cached on disk. Within a process the index is
kept per store and token.

The file is kept and read by :mod:`kommunalgraph.graph.sidecar` (as the name
resolver's index is): a pickle, read only when it is a regular file owned by
this process's user and writable by no one else (whoever can write it could
change the store itself as well, so it is trusted like the store). A file that
cannot be read (other version, truncated, foreign) is rebuilt; a folder that
cannot be written to is left alone and the index stays in memory.
"""

from __future__ import annotations

import copy
import threading
from pathlib import Path
from typing import Any

import networkx as nx

from ...graph import sidecar
from ...graph.errors import InputError
from ...graph.schema import IN_ASSOCIATION, IN_DISTRICT, IN_SERVICE_AREA, IN_STATE, NEIGHBOUR_OF
from ...graph.store import GraphStore
from .index import StaticIndex, memberships, register_index, static_index

__all__ = ["FILENAME", "load_index", "index_file", "index_for"]

FILENAME = "partner-index.pickle"
#: bump when StaticIndex or Memberships change shape
FORMAT = 3  # 2: municipality nodes carry products and platforms; 3: kept through graph.sidecar
#: what the file holds (graph.sidecar checks it with the format and the change token)
KIND = "partner-index"

_LOCK = threading.Lock()
_MEMORY: dict[int, tuple[Any, StaticIndex]] = {}


def index_file(store: GraphStore) -> Path | None:
    """Where the index of ``store`` is kept, or None (no folder)."""
    return sidecar.path_for(store, FILENAME)


def _read(path: Path, token: Any) -> StaticIndex | None:
    st = sidecar.read(path, KIND, FORMAT, token)
    return st if isinstance(st, StaticIndex) else None


#: relationships the built index holds as arrays: left out of the saved graph
_IN_ARRAYS = frozenset({NEIGHBOUR_OF, IN_DISTRICT, IN_ASSOCIATION, IN_STATE, IN_SERVICE_AREA})


def _slim(st: StaticIndex) -> StaticIndex:
    """A copy of ``st`` whose graph keeps every node but only the edges the signals
    still read (memberships, programmes, IT providers, OZG links): a third of the size."""
    G = nx.Graph()
    G.add_nodes_from(st.G.nodes(data=True))
    G.add_edges_from((u, v, e) for u, v, e in st.G.edges(data=True)
                     if e.get("kind") not in _IN_ARRAYS)
    out = copy.copy(st)
    out.G = G
    return out


def _write(path: Path, token: Any, st: StaticIndex) -> None:
    sidecar.write(path, KIND, FORMAT, token, _slim(st))


def index_for(store: GraphStore | None, G: nx.Graph | None = None) -> StaticIndex:
    """The partner index of the analysis graph ``G`` when given, else of ``store``
    (:func:`load_index`): the first step of ``suggest`` and ``candidates``."""
    if G is not None:
        return static_index(G)
    if store is None:
        raise InputError("store or G required")
    return load_index(store)


def load_index(store: GraphStore) -> StaticIndex:
    """The partner index of ``store`` (with its memberships cached), from memory,
    from the file beside the store, or built and then saved."""
    token = store.change_token()
    with _LOCK:
        hit = _MEMORY.get(id(store))
        if hit is not None and hit[0] == token:
            return hit[1]
    path = index_file(store)
    st = _read(path, token) if path is not None else None
    if st is None:
        from ..analytics.network import load_network

        st = static_index(load_network(store))
        memberships(st)  # cached on st, saved with it
        if path is not None:
            _write(path, token, st)
    else:
        register_index(st)
    with _LOCK:
        _MEMORY[id(store)] = (token, st)
    return st
