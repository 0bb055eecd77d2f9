"""The ``kommunalgraph`` command line: German for users, ``--json`` for machines.

``main`` is the group; every command lives in a module named for its job
(``data``, ``explore``, ``partner``, ``web``) and is added here explicitly.
"""

from __future__ import annotations

import click

from .. import __version__
from . import data, explore, partner, web
from .common import WAIT_DEFAULT, CliState
from .german import GermanGroup

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
@click.option(
    "--wait",
    "wait",
    type=click.FloatRange(0),
    is_flag=False,
    flag_value=WAIT_DEFAULT,
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


for _command in (
    data.init, data.import_group, data.stats, data.datasets_command, data.remove_command,
    explore.show, explore.ecosystem, explore.underconnected, explore.centrality,
    explore.communities, explore.typecheck, explore.export,
    partner.suggest, partner.candidates, partner.evaluate,
    web.serve, web.demo,
):
    main.add_command(_command)
