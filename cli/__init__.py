"""The ``kommunalgraph`` command line: German for users, ``--json`` for machines."""

from __future__ import annotations

import click

from . import __version__
from .cli_common import CliState
from .cli_german import GermanGroup

__all__ = ["main"]


@click.group(cls=GermanGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--store",
    "store_uri",
    envvar="KOMMUNALGRAPH_STORE",
    metavar="URI",
    help="Datenbestand: ein Pfad (eingebettete Ladybug-Datenbank, Standard ./.kommunalgraph) "
    "oder eine Neo4j-URI (bolt://, neo4j://, neo4j+s://).",
)
@click.version_option(__version__, prog_name="kommunalgraph",
                      help="Version anzeigen und beenden.")
@click.pass_context
def main(ctx: click.Context, store_uri: str | None) -> None:
    """kommunalgraph: Mit wem können wir das gemeinsam machen?

    Ein Wissensgraph der deutschen Kommunen, ihrer Digitalprojekte,
    IT-Dienstleister und Kooperationen, mit Partnervorschlägen.
    """
    state = CliState(store_uri)
    ctx.obj = state
    ctx.call_on_close(state.close)


# Register the command modules (each adds its commands to ``main``).
from . import (  # noqa: E402
    cli_analysis,  # noqa: F401
    cli_data,  # noqa: F401
    cli_explore,  # noqa: F401
    cli_web,  # noqa: F401
)
