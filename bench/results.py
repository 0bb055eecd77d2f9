"""``bench/RESULTS.md``: each benchmark owns one ``## `` section and replaces it in place."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")


def write_section(heading: str, text: str, path: Path = RESULTS) -> None:
    """Replace the section that starts with ``heading`` by ``text`` (append it if new).

    ``text`` starts with the heading line itself; other sections stay as they are.
    """
    old = path.read_text("utf-8") if path.exists() else "# Benchmark results\n"
    body = text.rstrip("\n") + "\n"
    start = old.find(heading + "\n") if not old.startswith(heading + "\n") else 0
    if start < 0 or (start > 0 and old[start - 1] != "\n"):
        new = old.rstrip("\n") + "\n\n" + body
    else:
        nxt = old.find("\n## ", start + len(heading))
        tail = old[nxt + 1:] if nxt >= 0 else ""
        new = old[:start] + body + ("\n" + tail if tail else "")
    path.write_text(new, "utf-8")


def publish(heading: str, lines: list[str], write: bool) -> str:
    """Print a benchmark's section (``lines``, the first being ``heading``) and, with
    ``write``, put it into ``bench/RESULTS.md`` in place of the old one."""
    text = "\n".join(lines)
    print(text)
    if write:
        write_section(heading, text)
    return text
