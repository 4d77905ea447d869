"""The crisis resources on screen: the one edge of the crisis rule.

`decide.core.safety.concern_of` says whether a record raised a concern; this module shows it:

- `show_crisis` prints the full panel (boxed, or in plain mode the same words without the
  box) and marks the record as having shown it. It is the only code that marks a record.
- `closing_crisis_lines` prints the short crisis lines on standard error as the very last
  lines of a run that raised a concern, after standard output is flushed, so the last screen
  always has them and no format on standard output (JSON, FHIR, Markdown, HTML) is touched.
- `crisis_line` is the short form, for the welcome screen and the closing lines.
"""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING

from decide.core.model import Safety
from decide.core.record import InterviewRecord
from decide.core.safety import Concern

if TYPE_CHECKING:  # Rich loads only to show a panel or the lines: a run with no concern never
    from rich.console import Console
    from rich.text import Text


def crisis_text(safety: Safety) -> Text:
    """The panel's words, the same in every mode."""
    from rich.text import Text

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
    """Every resource's name, where it works and how to reach it, one per line (as in the full
    panel, so 988 and 911 always say they are for the US)."""
    lines = [f"- {r.name} ({r.region}): {r.contact.strip()}" for r in safety.resources]
    return "\n".join(["If you are in crisis or thinking about hurting yourself:", *lines])


def show_crisis(
    console: Console,
    safety: Safety,
    record: InterviewRecord,
    concern: Concern | None,
    *,
    plain: bool,
    now: str,
) -> bool:
    """When there is a `concern`, print the full panel on `console` and mark `record` as
    having shown it (the first time is kept). Returns whether it was shown."""
    if concern is None:
        return False
    _print_panel(console, safety, plain=plain)
    mark_shown(record, now)
    return True


def mark_shown(record: InterviewRecord, now: str) -> None:
    """Record that the crisis resources were shown (the first time is kept): for a panel shown
    before its record existed, such as an answers file's, read before a session is made."""
    if not record.crisis_fired:
        record.crisis_fired, record.crisis_at = True, now


def show_crisis_on_stderr(
    safety: Safety,
    record: InterviewRecord,
    concern: Concern | None,
    *,
    plain_flag: bool,
    now: str,
) -> bool:
    """`show_crisis` on stderr, for runs whose standard output is the summary or nothing:
    plain unless stderr is a terminal (and --plain, NO_COLOR and TERM=dumb are not in force)."""
    if concern is None:
        return False  # no console: a run with no concern never loads Rich for it
    plain = _stderr_plain(plain_flag)
    return show_crisis(stderr_console(plain), safety, record, concern, plain=plain, now=now)


def stderr_console(plain: bool) -> Console:
    from decide.terminal.output import make_console

    return make_console(plain, stderr=True)


def _stderr_plain(plain_flag: bool) -> bool:
    from decide.terminal.output import wants_plain

    return wants_plain(plain_flag, stream=sys.stderr)


def closing_crisis_lines(safety: Safety, *, plain_flag: bool) -> None:
    """The crisis lines as the last lines of a run, on stderr, after stdout is flushed."""
    from rich.text import Text

    from decide.terminal.trimmed import Trimmed

    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
    console = stderr_console(_stderr_plain(plain_flag))
    console.print()
    console.print(Trimmed(Text(crisis_line(safety), style="bold")))


def _print_panel(console: Console, safety: Safety, *, plain: bool) -> None:
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    from decide.terminal.trimmed import Trimmed

    body = crisis_text(safety)
    if plain:
        console.print()
        console.print(Trimmed(Text("Help is available now", style="bold")))
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
