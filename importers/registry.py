"""Which importer reads which source format, and the bundled data in order.

Each importer module has ``NAME`` and ``plan(path, store) -> Plan``; ``path``
is a file, or a folder where the format is a set of files.
"""

from __future__ import annotations

import importlib
from importlib import resources
from importlib.abc import Traversable
from types import ModuleType

__all__ = ["IMPORTERS", "INTERNAL", "BUNDLED", "module_for", "help_text", "bundled_data",
           "bundled_steps"]

#: CLI name → module in this package
IMPORTERS: dict[str, str] = {
    "gv100ad": "gv100ad",
    "gv-auszug": "gv_auszug",
    "boundaries": "boundaries",
    "ozg": "ozg",
    "organisations": "organisations",
    "projects": "projects",
    "publiccode": "publiccode",
    "topics": "topics",
    "profiles": "profiles",
    "components": "components",
    "participation": "participation",
}

#: importers that read no user file (no CLI command): name → module
INTERNAL: dict[str, str] = {
    # the reference vocabulary (ÖFIT/KGSt types, roles, components, tools)
    "vocabulary": "vocabulary",
}

#: ``import bundled``: (importer, path below data/), in dependency order
BUNDLED: tuple[tuple[str, str], ...] = (
    ("vocabulary", "."),
    ("gv100ad", "destatis/GV100AD_30112025.txt"),
    ("gv-auszug", "destatis/AuszugGV4QAktuell_2020-12-31.csv"),
    ("boundaries", "bkg/VG5000_GEM.shp"),
    ("ozg", "ozg"),
    ("organisations", "organisations/kdn_it_dienstleister_nrw.csv"),
    ("organisations", "organisations/it_provider_members.csv"),
    ("organisations", "organisations/it_provider_members_more.csv"),
    ("organisations", "organisations/kdn_kommunen_nrw.csv"),
    ("projects", "projects/cooperation_projects.csv"),
    ("projects", "projects/cooperation_projects_more.csv"),
    ("publiccode", "publiccode"),
    ("topics", "ozg/topic_rules.csv"),
    ("components", "components/ratsinformationssysteme/ris_oparl_endpoints.csv"),
    ("components", "components/ratsinformationssysteme/ris_grossstaedte_2016.csv"),
    ("components", "components/open_data_portale/open_data_portals.csv"),
    ("participation", "participation/maengelmelder_platforms.csv"),
    ("participation", "participation/buergerhaushalt.csv"),
)


def module_for(name: str) -> ModuleType:
    module = IMPORTERS.get(name) or INTERNAL[name]
    return importlib.import_module(f"{__package__}.{module}")


def help_text(name: str) -> str:
    """The German help line of an importer: the ``HELP_DE`` of its module.

    Every importer module states what it reads in one German sentence; a new
    importer without one fails here (and in ``tests/test_cli_data.py``), not
    in the CLI at load time.
    """
    module = module_for(name)
    text = getattr(module, "HELP_DE", None)
    if not text:
        raise LookupError(f"importer module {module.__name__} has no HELP_DE")
    return str(text)


def bundled_data() -> Traversable:
    """The ``data/`` folder shipped inside the installed package."""
    return resources.files("kommunalgraph").joinpath("data")


def bundled_steps() -> list[tuple[str, Traversable]]:
    root = bundled_data()
    return [(name, root.joinpath(rel)) for name, rel in BUNDLED]
