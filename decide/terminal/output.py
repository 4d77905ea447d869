"""Consoles for everything decide prints, and the one rule for plain mode.

Plain mode is for screen readers, pipes and dumb terminals: no color, no box drawing, no
cursor movement, no spinners. It is on with `--plain`, when NO_COLOR is set (any value), when
TERM is `dumb`, or when standard output is not a terminal.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:  # Rich loads only when a console is made: `sessions list` needs none
    from rich.console import Console


def wants_plain(flag: bool = False, stream: TextIO | None = None) -> bool:
    """True when output must be plain text (see the module docstring)."""
    if flag or "NO_COLOR" in os.environ or os.environ.get("TERM", "") == "dumb":
        return True
    out = stream if stream is not None else sys.stdout
    try:
        return not out.isatty()
    except (AttributeError, ValueError):
        return True


def make_console(
    plain: bool, *, stderr: bool = False, width: int | None = None, file: TextIO | None = None
) -> Console:
    """A Rich console; in plain mode it emits no escape codes at all."""
    from rich.console import Console

    if plain:
        return Console(
            file=file,
            stderr=stderr,
            width=width,
            color_system=None,
            force_terminal=False,
            no_color=True,
            highlight=False,
            emoji=False,
            markup=False,
            legacy_windows=False,
            soft_wrap=False,
        )
    return Console(
        file=file, stderr=stderr, width=width, highlight=False, emoji=False, markup=False
    )


def error_console() -> Console:
    """Where diagnostics go: stderr, plain when stderr is not a terminal."""
    return make_console(wants_plain(stream=sys.stderr), stderr=True)
