"""A tiny hand-built geography for the importer tests (ozg, organisations,
projects, publiccode, profiles).

The keys and names are the real official ones (so that fixtures can use real
AGS), but the world holds only the few places the tests need. Built with
``store.upsert_nodes`` plus IN_DISTRICT/IN_STATE so that the name-resolution
index queries (graph/cypher/*.cypher) find every municipality.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from kommunalgraph.graph.store import GraphStore

STATES = [("05", "Nordrhein-Westfalen"), ("12", "Brandenburg"), ("04", "Bremen"),
          ("01", "Schleswig-Holstein")]
DISTRICTS = [
    ("05954", "Ennepe-Ruhr-Kreis", "Kreis"),
    ("05122", "Solingen, Klingenstadt", "Kreisfreie Stadt"),
    ("05974", "Soest", "Kreis"), ("05770", "Minden-Lübbecke", "Kreis"),
    ("05554", "Borken", "Kreis"), ("05774", "Paderborn", "Kreis"),
    ("12065", "Oberhavel", "Landkreis"), ("12063", "Havelland", "Landkreis"),
    ("12069", "Potsdam-Mittelmark", "Landkreis"), ("12067", "Oder-Spree", "Landkreis"),
    ("04011", "Bremen, Stadt", "Kreisfreie Stadt"), ("01002", "Kiel, Landeshauptstadt",
                                                      "Kreisfreie Stadt"),
]
MUNICIPALITIES = [
    ("05954036", "Witten, Stadt"), ("05954012", "Gevelsberg, Stadt"),
    ("05954016", "Hattingen, Stadt"), ("05954024", "Schwelm, Stadt"),
    ("05954028", "Sprockhövel, Stadt"), ("05122000", "Solingen, Klingenstadt"),
    ("05974040", "Soest, Stadt"), ("05770004", "Bad Oeynhausen, Stadt"),
    ("05554004", "Ahaus, Stadt"), ("05774012", "Borchen"), ("05774032", "Paderborn, Stadt"),
    ("12065036", "Birkenwerder"), ("12069020", "Bad Belzig, Stadt"),
    ("12067481", "Storkow (Mark), Stadt"), ("12063080", "Falkensee, Stadt"),
    ("04011000", "Bremen, Stadt"), ("01002000", "Kiel, Landeshauptstadt"),
]
ASSOCIATIONS = [("120655502", "Gransee und Gemeinden", "Amt")]

WITTEN = "05954036"


def build(store: GraphStore) -> None:
    """Write the world into ``store`` (empty or not; idempotent)."""
    with store.transaction():
        store.upsert_nodes("State", [{"key": k, "name": n} for k, n in STATES])
        store.upsert_nodes("District", [{"key": k, "name": n, "kind": kind}
                                        for k, n, kind in DISTRICTS])
        store.upsert_nodes("Municipality", [
            {"ags": a, "name": o.split(",")[0], "official_name": o, "ars": a[:5] + "0000" + a[5:]}
            for a, o in MUNICIPALITIES])
        store.upsert_nodes("MunicipalAssociation", [{"key": k, "name": n, "kind": kind}
                                                    for k, n, kind in ASSOCIATIONS])
        store.create_relationships("IN_STATE", "District", "State",
                                   [{"from": k, "to": k[:2]} for k, _, _ in DISTRICTS])
        store.create_relationships("IN_DISTRICT", "Municipality", "District",
                                   [{"from": a, "to": a[:5]} for a, _ in MUNICIPALITIES])
        store.create_relationships("IN_DISTRICT", "MunicipalAssociation", "District",
                                   [{"from": k, "to": k[:5]} for k, _, _ in ASSOCIATIONS])


def counts(store: GraphStore) -> dict[str, dict[str, int]]:
    return store.counts()


# -- a store per importer, with what it needs before its input arrives --------------------
# (for the bad-input tests: tests/test_bad_inputs.py, tests/test_bad_input_hypothesis.py)

FIX = Path(__file__).resolve().parent / "fixtures"
GV100AD = FIX / "destatis" / "GV100AD_excerpt.txt"


def _with_vocabulary(store: GraphStore) -> None:
    from kommunalgraph.importers.pipeline import run_import

    build(store)
    run_import(store, "vocabulary", ["."])


def _directory(store: GraphStore) -> None:
    from kommunalgraph.importers.pipeline import run_import

    run_import(store, "gv100ad", [GV100AD])


def _catalogue(store: GraphStore) -> None:
    from kommunalgraph.importers.pipeline import run_import

    run_import(store, "ozg", [FIX / "ozg"])
    build(store)
    run_import(store, "projects", [FIX / "projects" / "projects.csv"])


#: what each importer needs in the store before its (bad) input arrives
PREREQUISITES: dict[str, Callable[[GraphStore], None]] = {
    "gv100ad": lambda s: None,
    "ozg": lambda s: None,
    "gv-auszug": _directory,
    "boundaries": _directory,
    "organisations": build,
    "projects": build,
    "components": build,
    "participation": build,
    "profiles": _with_vocabulary,
    "topics": _catalogue,
}


def stores_per_importer(folder: Callable[[str], Path]) -> Iterator[Callable[[str], Any]]:
    """For a module-scoped fixture: one embedded store per importer with its
    :data:`PREREQUISITES`, built on first use in ``folder(importer)``, closed at the end."""
    from kommunalgraph.graph.ladybug_store import LadybugStore

    opened: dict[str, LadybugStore] = {}

    def get(importer: str) -> LadybugStore:
        if importer not in opened:
            s = LadybugStore(folder(importer) / "store")
            PREREQUISITES[importer](s)
            opened[importer] = s
        return opened[importer]

    yield get
    for s in opened.values():
        s.close()
