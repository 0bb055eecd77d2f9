"""The bulk municipality details equal the one-by-one details on the real bundled data."""

from __future__ import annotations

import random

from kommunalgraph.graph.resolve import Resolver
from kommunalgraph.queries.municipality import municipality_detail, municipality_details


def test_bulk_details_equal_single_on_bundled(bundled) -> None:  # type: ignore[no-untyped-def]
    bulk = municipality_details(bundled)
    resolver = Resolver.from_store(bundled)
    assert len(bulk) >= 10_000
    # every municipality with facts in every part, plus a seeded sample of the rest
    rich = [a for a, d in bulk.items()
            if d["projects"] and d["it_providers"] and (d["digital_infrastructure"]
                                                       or d["participation"])]
    sample = rich[:150] + random.Random(7).sample(sorted(bulk), 150)
    assert len(rich) >= 20
    for ags in sample:
        assert bulk[ags] == municipality_detail(bundled, resolver.resolve(ags)), ags


def test_viewer_suggestions_cut_from_the_longer_answer(bundled_store_path) -> None:  # type: ignore[no-untyped-def]
    """The viewer computes one suggest answer per municipality and cuts it for the
    page (5) and the API (any limit up to 10): the same as asking with that limit."""
    from kommunalgraph.queries.partner.suggest import suggest
    from kommunalgraph.web import create_app

    app = create_app({"STORE": str(bundled_store_path), "PREPARED_ANSWERS": False})
    holder = app.extensions["kommunalgraph"]
    store = holder.get()
    pool = sorted(holder.details())
    for ags in ["05954036", "12069020", *random.Random(3).sample(pool, 25)]:
        for limit in (5, 1, 10, 12):
            assert holder.suggestions(ags, limit) == suggest(store, ags, limit=limit), (
                ags, limit)
    holder.close()
