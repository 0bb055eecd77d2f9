"""What every CLI command shares: the store option, ``--json``, error handling.

Commands receive an opened store through :func:`store_from` and never build
one themselves. Every :class:`KommunalgraphError` becomes one German line on
stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sys
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..graph.errors import AmbiguousName, KommunalgraphError, StoreUnavailable
from ..graph.open import default_store_uri, open_store
from ..graph.schema import MUNICIPALITY, PROJECT
from ..queries.german import de_int
from .german import GermanCommand, GermanGroup

if TYPE_CHECKING:
    from ..graph.store import GraphStore
    from ..importers.pipeline import Progress

__all__ = [
    "CliError", "json_option", "friendly_errors", "store_from", "emit_json", "CliState",
    "command", "group", "progress_bar", "store_summary", "open_waiting", "WAIT_DEFAULT",
]

F = TypeVar("F", bound=Callable[..., Any])

#: ``@command()`` / ``@group()``: click's decorators with German framework text;
#: ``cli/__init__.py`` adds the commands to ``main`` explicitly.
command = functools.partial(click.command, cls=GermanCommand)
group = functools.partial(click.group, cls=GermanGroup)


#: ``--wait`` without a value: seconds to wait for another writer
WAIT_DEFAULT = 300.0


def open_waiting(uri: str, *, read_only: bool = False, wait: float = 0) -> GraphStore:
    """Open a store; while another process writes it, retry for ``wait`` seconds.

    Without ``wait`` (or when it runs out) the store's refusal stays one German
    line: "Der Datenbestand wird gerade von Prozess 1234 beschrieben. …". A
    read-only Ladybug store opens its database on its first query (readers are
    not blocked by a writer): ``suggest`` answered from the indexes kept beside
    the store never opens it.
    """
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            return open_store(uri, read_only=read_only, defer_open=read_only)
        except StoreUnavailable as e:
            if getattr(e, "pid", False) is False or time.monotonic() >= deadline:
                raise  # not a writer's lock (those carry the holder's pid), or waited enough
            if not told:
                click.echo("Der Datenbestand wird gerade von einem anderen Prozess "
                           "beschrieben; warte …", err=True)
                told = True
            time.sleep(min(0.5, max(0.0, deadline - time.monotonic())))


class CliState:
    """The group's options, handed to every command through click's context."""

    def __init__(self, store_uri: str | None, *, wait: float = 0) -> None:
        self.store_uri = store_uri or default_store_uri()
        self.wait = wait
        self._store: GraphStore | None = None

    def store(self, *, read_only: bool = False) -> GraphStore:
        if self._store is None:
            self._store = open_waiting(self.store_uri, read_only=read_only, wait=self.wait)
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


class _Null:
    """A file that swallows the bar (``--json`` output stays clean)."""

    def write(self, *_: object) -> None: ...
    def flush(self) -> None: ...
    def isatty(self) -> bool:
        return False


@contextlib.contextmanager
def progress_bar(label: str, *, show: bool = True) -> Iterator[Progress]:
    """A click progress bar driven by a pipeline ``progress(done, total, step)`` callback."""
    bar: Any = None
    shown = 0

    def progress(done: int, total: int, step: str) -> None:
        nonlocal bar, shown
        if bar is None:
            bar = click.progressbar(length=total, label=label, show_pos=True,
                                    item_show_func=lambda s: s, file=None if show else _Null())
            bar.__enter__()
        bar.update(done - shown, step)
        shown = done

    try:
        yield progress
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def store_summary(store: GraphStore) -> str:
    """``10.751 Gemeinden, 278 Projekte``: what a finished import reports."""
    counts = store.counts()["nodes"]
    return (f"{de_int(counts.get(MUNICIPALITY, 0))} Gemeinden, "
            f"{de_int(counts.get(PROJECT, 0))} Projekte")
