"""The viewer's store: opened read-only once per app, reopened when the data changes.

A read-only reader keeps serving the state it opened while an import writes
beside it, and does not see the new data until it reopens. The holder
therefore asks the store for its change token (``GraphStore.change_token``:
for Ladybug the database file's and write-ahead log's size and modification
time, for Neo4j the bookmark of its last committed transaction) before each
request and reopens the store once the token has stayed
unchanged for ``settle_s`` seconds, so that it never opens a half-written
file. The replaced store stays open for ``RETIRE_S`` seconds, so that
requests still reading from it finish. See ``docs/web.md``.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from ..graph.open import open_store
from ..graph.resolve import Resolver
from . import prepared as prep

if TYPE_CHECKING:
    from ..graph.store import GraphStore


__all__ = ["StoreHolder"]


class StoreHolder:
    """One read-only store per app, with caches that live as long as it stays open."""

    #: A replaced store stays open this long for requests still reading from it.
    RETIRE_S = 30.0
    #: The store is asked for its change token at most this often (seconds; never
    #: less often than ``settle_s``): a file check on Ladybug, a round trip on Neo4j,
    #: made under the holder's lock.
    CHECK_S = 0.5

    def __init__(self, uri: str, *, settle_s: float = 2.0,
                 page_cache_bytes: int = 64 << 20, prepared_answers: bool = True) -> None:
        self.uri = uri
        #: the rendered answers kept per open store, at most this many bytes (LRU)
        self.page_cache_bytes = page_cache_bytes
        self.pages: OrderedDict[str, Any] = OrderedDict()
        self.page_bytes = 0
        self.settle_s = settle_s
        self._store: GraphStore | None = None
        self._signature: tuple[Any, ...] | None = None
        self._seen: tuple[tuple[Any, ...] | None, float] = (None, 0.0)
        self._checked = 0.0
        self._lock = threading.RLock()
        self.cache: dict[Any, Any] = {}
        self.generation = 0
        self._retired: list[tuple[GraphStore, float]] = []
        #: read the answers prepared ahead (web/prepared.py) at all
        self.prepared_answers = prepared_answers
        #: prepare them in the background too (``warm``)
        self.prepare_answers = False
        self._prepared: prep.Prepared | None = None
        self._prepared_checked = 0.0
        self._builder: Any = None

    # -- change detection -------------------------------------------------------
    def signature(self) -> Any:
        """The open store's change token (``GraphStore.change_token``), or None (no store
        open)."""
        return self._store.change_token() if self._store is not None else None

    def _changed(self) -> bool:
        """True when the store's token differs from the one served and has settled."""
        now = time.monotonic()
        if now - self._checked < min(self.CHECK_S, self.settle_s):
            return False
        self._checked = now
        sig = self.signature()
        if sig is None or sig == self._signature:
            return False
        last_sig, since = self._seen
        if sig != last_sig:
            self._seen = (sig, now)
            return False
        return now - since >= self.settle_s

    # -- access -------------------------------------------------------------------
    def get(self) -> GraphStore:
        with self._lock:
            self._close_retired()
            if self._store is not None and not self._changed():
                return self._store
            if self._store is not None:
                # Requests still reading the old store finish on it; it is closed later.
                self._retired.append((self._store, time.monotonic()))
                self._store = None
            self._store = open_store(self.uri, read_only=True)
            self._signature = sig = self.signature()
            self._seen = (sig, time.monotonic())
            self.cache = {}
            self._clear_pages()
            self._forget_prepared()
            self.generation += 1
            if self.prepare_answers:
                self._start_builder()
            return self._store

    def _drop(self, store: GraphStore) -> None:
        # The analysis graph is cached per store object (weakly): it goes with it.
        store.close()
        if store is self._store:
            self._store = None

    def _close_retired(self, older_than: float | None = None) -> None:
        limit = self.RETIRE_S if older_than is None else older_than
        now = time.monotonic()
        keep = []
        for store, since in self._retired:
            if now - since >= limit:
                self._drop(store)
            else:
                keep.append((store, since))
        self._retired = keep

    def resolver(self) -> Resolver:
        store = self.get()
        with self._lock:
            r = self.cache.get("resolver")
            if r is None:
                r = self.cache["resolver"] = Resolver.for_store(store)
            return r  # type: ignore[no-any-return]

    def details(self) -> dict[str, dict[str, Any]]:
        """Every municipality's detail, read once per open store in seven queries
        (:func:`~kommunalgraph.queries.municipality.municipality_details`). Shared:
        callers must not change the dicts."""
        from ..queries.municipality import municipality_details

        return self.memo("details", lambda: municipality_details(self.get()))  # type: ignore[no-any-return]

    #: the default answer the viewer shows (``/api/suggest``'s default limit)
    SUGGEST_LIMIT = 10
    #: municipalities whose suggestions are kept per open store (LRU)
    SUGGEST_CACHE = 512

    def suggestions(self, ags: str, limit: int) -> dict[str, Any]:
        """``suggest(ags, limit=limit)`` without a topic, computed once per open store
        for at least :data:`SUGGEST_LIMIT` results and cut to ``limit`` (the first
        ``limit`` of a longer answer are the answer for ``limit``: the order, the
        relevance, which is relative to the best, and the known partners, who are
        all listed, do not depend on it). Returns a fresh dict."""
        from ..queries.partner.suggest import suggest

        store = self.get()
        key = (ags, max(limit, self.SUGGEST_LIMIT))
        with self._lock:
            lru = self.cache.setdefault("suggestions", OrderedDict())
            full = lru.get(key)
            if full is not None:
                lru.move_to_end(key)
        if full is None:
            full = suggest(store, ags, limit=key[1])
            with self._lock:
                lru[key] = full
                while len(lru) > self.SUGGEST_CACHE:
                    lru.popitem(last=False)
        return {**full, "query": {**full["query"], "limit": limit},
                "results": full["results"][:limit]}

    def memo(self, key: Any, compute: Any) -> Any:
        """``compute()`` once per open store (for whole-graph reads such as the network)."""
        self.get()
        with self._lock:
            if key not in self.cache:
                self.cache[key] = compute()
            return self.cache[key]

    def write(self, fn: Any) -> Any:
        """Run ``fn(store)`` on the store opened for writing, then serve the new state.

        Only for the admin-gated write routes. The read-only store is closed first
        (Ladybug would otherwise hold the same file twice in one process); a request
        that is reading at that moment may fail once. The next request reopens.
        """
        with self._lock:
            self._close_retired(older_than=0)
            if self._store is not None:
                self._drop(self._store)
            writer = open_store(self.uri, read_only=False)
            try:
                return fn(writer)
            finally:
                writer.close()
                self._signature = None
                self.cache = {}
                self._clear_pages()

    # -- answers prepared ahead (web/prepared.py) -----------------------------------------
    #: how often a missing prepared file is looked for again, seconds
    PREPARED_CHECK_S = 2.0

    def prepared(self) -> prep.Prepared | None:
        """The prepared answers of the open store's state, or None (not (yet) there)."""
        self.get()
        if not self.prepared_answers:
            return None
        with self._lock:
            if self._prepared is None and (
                    time.monotonic() - self._prepared_checked >= self.PREPARED_CHECK_S):
                self._prepared_checked = time.monotonic()
                self._prepared = prep.Prepared.open(self.uri, self._signature)
                if self._builder is not None and self._builder.poll() is not None:
                    self._builder = None  # (reaped)
            return self._prepared

    def _forget_prepared(self) -> None:
        if self._prepared is not None:
            self._prepared.close()
        self._prepared = None
        self._prepared_checked = 0.0

    def _start_builder(self) -> None:
        """Start preparing the answers unless they are there or being prepared."""
        if self._builder is not None and self._builder.poll() is None:
            return  # (it checks the state it finds when done)
        if prep.Prepared.open(self.uri, self._signature) is None:
            self._builder = prep.start_builder(self.uri)

    # -- rendered responses ----------------------------------------------------------
    def page_get(self, key: str) -> Any:
        """A cached response body for ``key`` (path and query) of the open store, or None."""
        self.get()
        with self._lock:
            hit = self.pages.get(key)
            if hit is not None:
                self.pages.move_to_end(key)
            return hit

    def page_put(self, key: str, value: tuple[bytes, str, str]) -> None:
        """Keep ``(body, mimetype, etag)``; the oldest go when the byte budget is full."""
        size = len(value[0]) + len(key)
        if size > self.page_cache_bytes:
            return
        with self._lock:
            old = self.pages.pop(key, None)
            if old is not None:
                self.page_bytes -= len(old[0]) + len(key)
            self.pages[key] = value
            self.page_bytes += size
            while self.page_bytes > self.page_cache_bytes:
                k, (body, _, _) = self.pages.popitem(last=False)
                self.page_bytes -= len(body) + len(k)

    def _clear_pages(self) -> None:
        self.pages = OrderedDict()
        self.page_bytes = 0

    def warm(self, *, prepare: bool = True) -> None:
        """Open the store and build what the first visitor would otherwise wait for;
        with ``prepare``, start preparing every municipality's answers
        (:mod:`.prepared`) in the background, again after every change of the store."""
        store = self.get()
        if prepare and self.prepared_answers and not self.prepare_answers:
            self.prepare_answers = True
            with self._lock:
                self._start_builder()
        self.resolver()
        self.details()
        try:
            from ..queries.analytics.network import load_network

            load_network(store)
        except ImportError:  # pragma: no cover - analytics not installed
            pass

    def close(self) -> None:
        with self._lock:
            self._close_retired(older_than=0)
            if self._store is not None:
                self._drop(self._store)
            self._forget_prepared()
