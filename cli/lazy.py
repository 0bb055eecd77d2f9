"""Commands made on first use: a group imports a command's module only when it is needed.

``kommunalgraph show Witten`` needs the module of ``show`` and nothing of
``import``, ``serve`` or ``centrality`` (which bring in the importers, Flask and
networkx). A group's ``commands`` is therefore a :class:`LazyCommands`: the
names are known at once (for ``--help``, the "Meinten Sie …?" hint, completion),
each command is made (its module imported) on its first lookup. Everything that
reads a command (``--help``, ``group.commands.items()``, click's own dispatch)
goes through the mapping and gets the real command, with its help text from its
own docstring: there is no second copy of any help text.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, MutableMapping

import click

__all__ = ["LazyCommands", "from_module"]


def from_module(module: str, attr: str, name: str) -> Callable[[], click.Command]:
    """A loader of the command ``attr`` of ``module`` (relative to this package)."""

    def load() -> click.Command:
        cmd = getattr(importlib.import_module(module, __package__), attr)
        if not isinstance(cmd, click.Command) or cmd.name != name:
            raise LookupError(f"{module}.{attr} is not the command {name!r}")
        return cmd

    return load


class LazyCommands(MutableMapping[str, click.Command]):
    """A group's commands by name, each made by its loader on first access."""

    def __init__(self, loaders: Mapping[str, Callable[[], click.Command]]) -> None:
        self._loaders = dict(loaders)
        self._made: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        cmd = self._made.get(name)
        if cmd is None:
            cmd = self._made[name] = self._loaders[name]()  # KeyError: no such command
        return cmd

    def __setitem__(self, name: str, cmd: click.Command) -> None:
        self._made[name] = cmd
        self._loaders.setdefault(name, lambda: cmd)

    def __delitem__(self, name: str) -> None:
        del self._loaders[name]
        self._made.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaders)

    def __len__(self) -> int:
        return len(self._loaders)

    def __contains__(self, name: object) -> bool:
        return name in self._loaders

    def loaded(self) -> list[str]:
        """The names made so far (tests check that a command loads only its own)."""
        return list(self._made)
