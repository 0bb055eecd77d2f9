"""German for click's own words: usage lines, headings, help option, usage errors.

click writes its framework text in English ("Usage:", "Options:", "Show this
message and exit.", "Error: Missing argument …"). The CLI speaks German to its
users, so the command classes here translate that text at the three places
click offers for it: the help formatter, the help option and the usage error.
Messages this module does not know stay as click wrote them.

>>> german_usage_message("Missing argument 'MUNICIPALITY'.")
'Argument MUNICIPALITY fehlt.'
>>> german_usage_message("No such command 'sugest'. Did you mean 'suggest'?")
'Unbekannter Befehl „sugest“. Meinten Sie suggest?'
>>> german_usage_message("No such option '--limt'. Did you mean '--limit'?")
'Unbekannte Option --limt. Meinten Sie --limit?'
"""

from __future__ import annotations

import re
from typing import IO, Any

import click

__all__ = ["GermanGroup", "GermanCommand", "german_usage_message"]

_HEADINGS = {"Options": "Optionen", "Commands": "Befehle", "Arguments": "Argumente"}
_USAGE_PIECES = (("[OPTIONS]", "[OPTIONEN]"), ("COMMAND [ARGS]...", "BEFEHL [ARGUMENTE]..."))
_HELP_EXTRA = (
    (re.compile(r"\bdefault: "), "Standard: "),
    (re.compile(r"\brequired\b"), "Pflicht"),
    (re.compile(r"\benv var: "), "Umgebungsvariable: "),
)
_DID_YOU_MEAN = re.compile(r"^(.*?)\s+\(?Did you mean (?:one of: )?(.+?)\?\)?$", re.S)
_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^Missing argument '(.+)'\.$"), r"Argument \1 fehlt."),
    (re.compile(r"^Missing option '(.+)'\.$"), r"Option \1 fehlt."),
    (re.compile(r"^No such command '(.+)'\.$"), r"Unbekannter Befehl „\1“."),
    (re.compile(r"^No such option:? '?([^' ]+)'?\.?$"), r"Unbekannte Option \1."),
    (re.compile(r"^Option '(.+)' requires an argument\.$"), r"Option \1 braucht einen Wert."),
    (re.compile(r"^Got unexpected extra arguments? \((.+)\)$"),
     r"Unerwartetes zusätzliches Argument: \1"),
    (re.compile(r"^Invalid value for '(.+)': '(.*)' is not a valid integer( range)?\.$"),
     r"Ungültiger Wert für \1: „\2“ ist keine ganze Zahl."),
    (re.compile(r"^Invalid value for '(.+)': '(.*)' is not a valid float( range)?\.$"),
     r"Ungültiger Wert für \1: „\2“ ist keine Zahl."),
    (re.compile(r"^Invalid value for '(.+)': (.+) is not in the range (.+)\.$"),
     r"Ungültiger Wert für \1: \2 liegt nicht im Bereich \3."),
    (re.compile(r"^Invalid value for '(.+)': '(.*)' is not one of (.+)\.$"),
     r"Ungültiger Wert für \1: „\2“ ist keiner von \3."),
    (re.compile(r"^Invalid value for '(.+)': (?:File|Path|Directory) '(.*)' does not exist\.$"),
     r"Ungültiger Wert für \1: „\2“ existiert nicht."),
    (re.compile(r"^Invalid value for '(.+)': (.+)$", re.S), r"Ungültiger Wert für \1: \2"),
)


def german_usage_message(message: str) -> str:
    """The German form of one of click's usage-error messages (unknown ones unchanged)."""
    m = _DID_YOU_MEAN.match(message)
    head, hint = (m.group(1), m.group(2).replace("'", "")) if m else (message, "")
    for pattern, german in _MESSAGES:
        if pattern.match(head):
            return pattern.sub(german, head) + (f" Meinten Sie {hint}?" if hint else "")
    return message


class _GermanFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, german in _USAGE_PIECES:
            args = args.replace(english, german)
        super().write_usage(prog, args, "Aufruf: " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_HEADINGS.get(heading, heading))

    def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
        german = []
        for term, text in rows:
            for pattern, repl in _HELP_EXTRA:
                text = pattern.sub(repl, text)
            german.append((term, text))
        super().write_dl(german, col_max, col_spacing)


class _GermanContext(click.Context):
    formatter_class = _GermanFormatter


class _GermanUsageError(click.UsageError):
    """A usage error shown in German: usage line, help hint, ``Fehler: …``."""

    def show(self, file: IO[Any] | None = None) -> None:
        if self.ctx is not None:
            names = self.ctx.command.get_help_option_names(self.ctx)
            hint = f"Hilfe: {self.ctx.command_path} {max(names, key=len)}\n" if names else ""
            click.echo(f"{self.ctx.get_usage()}\n{hint}", err=True, color=self.ctx.color)
        click.echo(f"Fehler: {self.format_message()}", err=True)


def _german(e: click.UsageError) -> click.UsageError:
    if isinstance(e, _GermanUsageError):
        return e
    return _GermanUsageError(german_usage_message(e.format_message()), e.ctx)


class _GermanHelp:
    """Mixin: the help option in German, usage errors converted on their way up."""

    context_class = _GermanContext

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        opt = super().get_help_option(ctx)  # type: ignore[misc]
        if opt is not None:
            opt.help = "Diese Hilfe anzeigen und beenden."
        return opt

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)  # type: ignore[misc]
        except click.UsageError as e:
            raise _german(e) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)  # type: ignore[misc]
        except click.UsageError as e:
            raise _german(e) from None


class GermanCommand(_GermanHelp, click.Command):
    """A click command whose framework text is German."""


class GermanGroup(_GermanHelp, click.Group):
    """A click group whose commands and subgroups speak German, too."""

    command_class = GermanCommand
    group_class = type  # subgroups are GermanGroups as well
