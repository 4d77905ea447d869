"""The crisis panel: the bank's crisis resources, shown before anything else.

Shown on the welcome screen (short form), whenever an answer meets the bank's safety condition,
and on stderr when that happens in an answers file or report. Plain mode keeps every word and
drops only the box.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from decide.model import Safety
from decide.terminal.trimmed import Trimmed


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
    """For the welcome screen: every resource's name and how to reach it, one per line."""
    lines = [f"- {r.name}: {r.contact.strip()}" for r in safety.resources]
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
