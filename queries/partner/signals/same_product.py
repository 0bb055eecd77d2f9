"""Same product: both run the same council information system, open-data platform or
participation platform ("Nutzt ebenfalls ALLRIS", "Ebenfalls auf der gemeinsamen
Plattform „Maerker Brandenburg“").

Municipalities on the same system can share templates, interfaces and know-how. The
facts are the real ``USES`` facts with a named product and the shared platforms
(``ON_PLATFORM``), which the analysis graph keeps as node attributes (see
``queries/analytics/network.product_key``: historical facts such as the 2016 list and
generic words that name no product do not count).

Value: the best, over shared products and platforms, of its rarity ln(10) /
ln(max(10, users)), as for the IT provider: a product of up to ten users counts fully,
one of 80 users about 0.53.
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import numpy as np

from ....graph.schema import MUNICIPALITY
from .base import Context, Reason, Signal, scatter
from .it_provider import rarity

NAME = "same_product"

Key = tuple[str, ...]
_Users = tuple[dict[int, set[Key]], dict[Key, list[int]]]
#: id(index) → (weak reference to the index, its users); the index is not hashable
_CACHE: dict[int, tuple[weakref.ref[Any], _Users]] = {}


def _users(ctx: Context) -> _Users:
    """Per municipality index its products and platforms, and per key its users."""
    st = ctx.st
    hit = _CACHE.get(id(st))
    if hit is not None and hit[0]() is st:
        return hit[1]
    keys_of: dict[int, set[Key]] = defaultdict(set)
    users: dict[Key, list[int]] = defaultdict(list)
    for i, ags in enumerate(st.ags):
        node = ctx.G.nodes.get((MUNICIPALITY, ags)) or {}
        for key in (*node.get("products", ()), *node.get("platforms", ())):
            keys_of[i].add(key)
            users[key].append(i)
    found = (dict(keys_of), dict(users))
    key = id(st)
    _CACHE[key] = (weakref.ref(st, lambda _: _CACHE.pop(key, None)), found)
    return found


def text_de(key: Key) -> str:
    """The German reason for a shared product or platform.

    >>> text_de(("product", "ratsinformationssystem", "ALLRIS", "Ratsinformationssystem"))
    'Nutzt ebenfalls ALLRIS (Ratsinformationssystem)'
    >>> text_de(("platform", "maerker", "Maerker Brandenburg"))
    'Ebenfalls auf der gemeinsamen Plattform „Maerker Brandenburg“'
    """
    if key[0] == "platform":
        return f"Ebenfalls auf der gemeinsamen Plattform „{key[2]}“"
    return f"Nutzt ebenfalls {key[2]} ({key[3]})"


class SameProduct(Signal):
    weights = {NAME: 1.0}

    def compute(self, ctx: Context, X: np.ndarray) -> None:
        keys_of, users = _users(ctx)
        val: dict[int, float] = {}
        for a in ctx.q.anchors:
            for key in keys_of.get(a, ()):
                r = rarity(len(users[key]))
                for c in users[key]:
                    if r > val.get(c, 0.0):
                        val[c] = r
        scatter(X[:, ctx.column[NAME]], val)

    def explain(self, ctx: Context, c: int, x: np.ndarray) -> Iterator[Reason]:
        keys_of, users = _users(ctx)
        shared = {k for a in ctx.q.anchors for k in keys_of.get(a, ())} & keys_of.get(c, set())
        if not shared:
            return
        best = max(shared, key=lambda k: (rarity(len(users[k])), k))
        yield (NAME, best[2], ctx.contribution(x, NAME), text_de(best))


SIGNAL = SameProduct()
