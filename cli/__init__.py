"""The ``kommunalgraph`` command line: German for users, ``--json`` for machines.

``main`` is the group; every command lives in a module named for its job
(``data``, ``explore``, ``partner``, ``web``, ``validate``) and is named here
explicitly, in :data:`COMMANDS`. A command's module is imported only when the
command is used (:mod:`.lazy`), so ``kommunalgraph show`` does not pay for
networkx, Flask or the importers.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from typing import Any

import click

from .. import __version__
from .common import WAIT_DEFAULT, CliState
from .german import GermanGroup
from .lazy import LazyCommands, from_module

__all__ = ["main", "COMMANDS"]

#: command name → (module in this package, attribute): every command of ``main``
COMMANDS: dict[str, tuple[str, str]] = {
    "init": (".data", "init"),
    "import": (".data", "import_group"),
    "stats": (".data", "stats"),
    "datasets": (".data", "datasets_command"),
    "remove": (".data", "remove_command"),
    "show": (".explore", "show"),
    "ecosystem": (".explore", "ecosystem"),
    "underconnected": (".explore", "underconnected"),
    "centrality": (".explore", "centrality"),
    "communities": (".explore", "communities"),
    "typecheck": (".explore", "typecheck"),
    "export": (".explore", "export"),
    "suggest": (".partner", "suggest"),
    "candidates": (".partner", "candidates"),
    "evaluate": (".partner", "evaluate"),
    "serve": (".web", "serve"),
    "demo": (".web", "demo"),
    "validate": (".validate", "validate_group"),
}


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


class _MainGroup(GermanGroup):
    """``--wait`` takes an optional number: ``--wait init`` waits the default time.

    Run as the ``kommunalgraph`` program (no ``args`` given, click ends the process):
    after the command, the garbage is collected once and what is still alive (the
    name and partner indexes, the analysis graph) is frozen, so the interpreter's
    own collections while it shuts down do not walk it again: about a tenth of a
    second of a ``suggest``. Shutdown itself (atexit, closing files) is unchanged;
    the store was closed with the context. Called with ``args`` (tests, scripts),
    nothing is frozen.
    """

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             **extra: Any) -> Any:
        try:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        finally:
            if args is None and standalone_mode:
                gc.collect()
                gc.freeze()

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        args = list(args)
        if "--wait" in args:
            i = args.index("--wait")
            if i + 1 == len(args) or not _number(args[i + 1]):
                args.insert(i + 1, f"{WAIT_DEFAULT:g}")
        return super().parse_args(ctx, args)


@click.group(cls=_MainGroup, context_settings={"help_option_names": ["-h", "--help"]},
             commands=LazyCommands({name: from_module(module, attr, name)
                                    for name, (module, attr) in COMMANDS.items()}))
@click.option(
    "--store",
    "store_uri",
    envvar="KOMMUNALGRAPH_STORE",
    metavar="URI",
    help="Datenbestand: ein Pfad (eingebettete Ladybug-Datenbank, Standard ./.kommunalgraph) "
    "oder eine Neo4j-URI (bolt://, neo4j://, neo4j+s://).",
)
@click.option(
    "--wait",
    "wait",
    type=click.FloatRange(0),
    default=0,
    metavar="[SEKUNDEN]",
    help="Schreibt gerade ein anderer Prozess, so lange warten (ohne Angabe "
    f"{WAIT_DEFAULT:.0f} Sekunden) statt abzubrechen.",
)
@click.version_option(__version__, prog_name="kommunalgraph",
                      help="Version anzeigen und beenden.")
@click.pass_context
def main(ctx: click.Context, store_uri: str | None, wait: float) -> None:
    """kommunalgraph: Mit wem können wir das gemeinsam machen?

    Ein Wissensgraph der deutschen Kommunen, ihrer Digitalprojekte,
    IT-Dienstleister und Kooperationen, mit Partnervorschlägen.
    """
    state = CliState(store_uri, wait=wait)
    ctx.obj = state
    ctx.call_on_close(state.close)

