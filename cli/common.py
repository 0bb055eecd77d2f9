"""What every CLI command shares: the store option, ``--json``, error handling.

Commands receive an opened store through :func:`store_from` and never build
one themselves. Every :class:`KommunalgraphError` becomes one German line on
stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from .graph.errors import AmbiguousName, KommunalgraphError
from .graph.store import GraphStore, default_store_uri, open_store

__all__ = [
    "CliError", "json_option", "friendly_errors", "store_from", "emit_json", "CliState",
]

F = TypeVar("F", bound=Callable[..., Any])


class CliState:
    """The group's options, handed to every command through click's context."""

    def __init__(self, store_uri: str | None) -> None:
        self.store_uri = store_uri or default_store_uri()
        self._store: GraphStore | None = None

    def store(self, *, read_only: bool = False) -> GraphStore:
        if self._store is None:
            self._store = open_store(self.store_uri, read_only=read_only)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def store_from(ctx: click.Context, *, read_only: bool = False) -> GraphStore:
    """The store named by ``--store`` / ``KOMMUNALGRAPH_STORE``, opened once."""
    state = ctx.find_object(CliState)
    assert state is not None
    return state.store(read_only=read_only)


json_option = click.option(
    "--json", "as_json", is_flag=True, help="Ausgabe als JSON (für Skripte und andere Programme)."
)


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


class CliError(click.ClickException):
    """A user-facing error: one German line ``Fehler: …`` on stderr, exit code 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"Fehler: {self.format_message()}", err=True)


def friendly_errors(fn: F) -> F:
    """Turn kommunalgraph errors into one German line and exit code 1 (2 for usage)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except AmbiguousName as e:
            click.echo(f"Fehler: „{e.query}“ ist mehrdeutig. Treffer:", err=True)
            for c in e.candidates:
                click.echo(f"  {c.label_de()}", err=True)
            click.echo("Bitte AGS, amtlichen Namen oder --land/--kreis angeben.", err=True)
            sys.exit(1)
        except KommunalgraphError as e:  # UnknownEntity, ImportFailed, StoreUnavailable, …
            raise CliError(e.message_de) from e

    return wrapper  # type: ignore[return-value]
