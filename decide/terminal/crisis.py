"""The crisis panel: the bank's crisis resources, shown before anything else.

Shown on the welcome screen (short form), whenever an answer meets the bank's safety condition,
and on stderr when that happens in an answers file or report. Plain mode keeps every word and
drops only the box.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from decide.core.model import AnswerValue, Bank, Safety
from decide.terminal.trimmed import Trimmed

if TYPE_CHECKING:
    from decide.bank.answers_file import AnswersFile


def crisis_text(safety: Safety) -> Text:
    """The panel's words, the same in every mode."""
    text = Text()
    text.append(safety.message, style="bold")
    text.append("\n")
    for resource in safety.resources:
        text.append("\n- ")
        text.append(resource.name, style="bold")
        text.append(f" ({resource.region}): {resource.contact}")
        text.append(f"\n  (last checked {resource.last_checked})", style="dim")
    return text


def crisis_line(safety: Safety) -> str:
    """For the welcome screen: every resource's name, where it works and how to reach it, one
    per line (as in the full panel, so 988 and 911 always say they are for the US)."""
    lines = [f"- {r.name} ({r.region}): {r.contact.strip()}" for r in safety.resources]
    return "\n".join(["If you are in crisis or thinking about hurting yourself:", *lines])


def print_crisis_panel(console: Console, safety: Safety, *, plain: bool) -> None:
    """Print the full crisis panel: boxed, or in plain mode the same words without the box."""
    body = crisis_text(safety)
    if plain:
        console.print()
        console.print(Trimmed(Text("*** Help is available now ***", style="bold")))
        console.print(Trimmed(body))
        console.print()
        return
    console.print(
        Panel(
            Group(body),
            title=Text("Help is available now", style="bold"),
            border_style="red",
            padding=(1, 2),
        )
    )


def print_crisis_on_stderr(safety: Safety, *, plain: bool) -> None:
    """The full panel on stderr, for runs that ask nothing; `plain` is the --plain flag."""
    import sys

    from decide.terminal.output import make_console, wants_plain

    on_stderr = wants_plain(plain, stream=sys.stderr)
    print_crisis_panel(make_console(on_stderr, stderr=True), safety, plain=on_stderr)


def read_answers_file_crisis_first(path: Path, bank: Bank, *, plain: bool) -> AnswersFile:
    """Read an answers file; when its valid answers meet the bank's safety condition, print the
    crisis panel on stderr first.

    The one place `decide interview --answers` and `decide report --answers` read a file, so the
    rule holds for both: the panel comes before anything else, and before the problems of a
    file that cannot be used (they are raised afterwards, as AnswersFileError), so no mistake
    elsewhere in the file can hide it. `plain` is the --plain flag.
    """
    from decide.bank.answers_file import read_answers_file
    from decide.core.errors import AnswersFileError
    from decide.core.safety import concern_raised

    def show_if_concern(
        values: Mapping[str, AnswerValue], unreadable: tuple[str, ...] = ()
    ) -> None:
        if concern_raised(bank, values, unreadable):
            print_crisis_on_stderr(bank.safety, plain=plain)

    try:
        given = read_answers_file(path, bank)
    except AnswersFileError as error:
        show_if_concern(error.values, error.unreadable)
        raise
    show_if_concern(given.values)
    return given
