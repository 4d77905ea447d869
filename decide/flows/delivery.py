"""Delivering a run's results: the summary to its destination, and what is said beside it.

EDGE module, the one delivery of both `decide interview` and `decide report`:

- the summary goes to a file (`--output PATH`, never replaced without `--force`), to standard
  output (`--output -`, or a pipe), or to the screen (Rich, or plain text as wide as the
  window up to 100 columns);
- what is said beside it (notes about the answers, the "saved" line) goes to stderr, one line
  each, never wrapped, with the same words from every command, so standard output holds only
  the summary.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct
from msgspec.structs import replace

if TYPE_CHECKING:
    from rich.console import Console

    from decide.summary.model import Report


class Destination(Struct, frozen=True):
    """Where a summary goes: `output` None is the screen (or a pipe), `-` standard output."""

    fmt: str | None = None  # None: from the file name, else plain text
    output: Path | None = None
    detail: str = "full"  # brief | full
    force: bool = False
    plain_flag: bool = False  # --plain
    with_notes: bool = False  # a counselor copy: never to a terminal

    @property
    def to_file(self) -> bool:
        from decide.render.output import is_standard_output

        return self.output is not None and not is_standard_output(self.output)


def check(destination: Destination) -> str:
    """The format to write, or OutputError now (before any question) when the destination
    cannot work: a folder, a type decide does not write, a format the name contradicts; a
    counselor copy to a terminal (a client may be sitting beside it), even with `--output -`;
    HTML or JSON to a terminal without `--output` (they are files, not screens). A pipe
    takes any of them."""
    from decide.core.errors import OutputError
    from decide.render.output import EXTENSIONS, KIND, summary_format

    fmt = summary_format(destination.fmt, destination.output)
    if destination.to_file or not _stdout_is_a_terminal():
        return fmt
    if destination.with_notes:
        raise OutputError(
            "A counselor copy holds notes the client must not see, so decide does not show "
            "it on the screen.",
            hint="Save it to a file with --output FILE, for example "
            f"--output decide-counselor-CODE.{EXTENSIONS.get(fmt, 'txt')}.",
        )
    if fmt in ("html", "json") and destination.output is None:
        raise OutputError(
            f"This summary is {KIND[fmt]}: a file, not something to read on the screen.",
            hint=f"Save it with --output FILE.{EXTENSIONS[fmt]}, or --output - to print it anyway.",
        )
    return fmt


def _stdout_is_a_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def deliver(report: Report, destination: Destination) -> None:
    """Write `report` where `destination` says; a file is confirmed on stderr."""
    from decide.render import render
    from decide.render.output import write_summary
    from decide.terminal.output import make_console, wants_plain

    if report.counselor_copy and not destination.with_notes:  # whoever built it, the same rule
        destination = replace(destination, with_notes=True)
    fmt = check(destination)
    if destination.output is not None and destination.to_file:
        write_summary(destination.output, render(report, fmt, detail=destination.detail),
                      force=destination.force)  # fmt: skip
        say_saved(destination.output, fmt)
        return
    plain = wants_plain(destination.plain_flag)
    if fmt == "text" and destination.output is None and (not plain or at_a_terminal()):
        # On a screen: a screenful at a time, so the top of the page never scrolls away.
        console = make_console(plain)
        show_on_screen(console, report, plain=plain, detail=destination.detail,
                       read=prompt_and_read, interactive=at_a_terminal(stdin=True))  # fmt: skip
        return
    # Plain text on the screen or in a pipe: as wide as the window, up to 100 columns.
    width = min(max(shutil.get_terminal_size((80, 24)).columns, 40), 100)
    text = render(report, fmt, detail=destination.detail, width=width)
    sys.stdout.write(text)
    sys.stdout.flush()


def show_on_screen(
    console: Console,
    report: Report,
    *,
    plain: bool,
    detail: str,
    read: Callable[[str], str],
    interactive: bool,
) -> bool:
    """The one page, then with "full" the detail one topic at a time, each paged so that its
    top is seen (`decide.terminal.pager`); straight through when not `interactive`. False
    when the person stopped with q."""
    from decide.render.terminal import detail_topics, glance_pieces
    from decide.terminal.pager import show_paged, show_topics

    pieces = glance_pieces(console, report, plain=plain)
    if not show_paged(console, pieces, read=read, interactive=interactive):
        return False
    if detail != "full":
        return True
    topics = detail_topics(console, report, plain=plain)
    return show_topics(console, topics, read=read, interactive=interactive)


def prompt_and_read(prompt: str) -> str:
    """The pager's question on stdout, the answer from stdin (EOFError at its end)."""
    sys.stdout.write(prompt)
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line


def at_a_terminal(*, stdin: bool = False) -> bool:
    """Is standard output (and, with `stdin`, standard input too) a terminal?"""
    streams = (sys.stdout, sys.stdin) if stdin else (sys.stdout,)
    try:
        return all(stream.isatty() for stream in streams)
    except (AttributeError, ValueError):
        return False


def say_saved(path: Path, fmt: str) -> None:
    from decide.render.output import saved_line

    say(saved_line(path, fmt))


def say_notes(notes: list[str]) -> None:
    """Each note about the answers, as one `note:` line on stderr."""
    for note in notes:
        say(f"note: {note}")


def say(line: str) -> None:
    """One line on stderr, never wrapped (a terminal folds it; a log keeps it whole), with any
    control character shown as an escape: a file name can hold one."""
    from decide.core.errors import printable
    from decide.system import notes

    notes.say(printable(line))
