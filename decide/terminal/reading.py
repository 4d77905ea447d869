"""Reading what a person types: one line at the prompt, and erasing a line from the screen.

EDGE module (standard input and the terminal). Lines are read with `sys.stdin.readline`, so
Typer's CliRunner can drive it with `input=`.
"""

from __future__ import annotations

import contextlib
import sys

from rich.console import Console
from rich.text import Text

PROMPT = "> "


def read_line(console: Console) -> str:
    """Print the prompt and read one line (EOFError at end of input, KeyboardInterrupt on ^C)."""
    console.print(Text(PROMPT, style="bold"), end="")
    with contextlib.suppress(OSError, ValueError):
        console.file.flush()
    # sys.stdin.readline, not input(): input() reads with C string functions, so a NUL typed
    # in a line hid its end and nothing was said until a second Enter.
    try:
        line = sys.stdin.readline()
    except UnicodeDecodeError:
        line = "\ufffd\n"  # bytes that are not text: read as a line nothing accepts
    if not line:
        raise EOFError
    line = line.removesuffix("\n").removesuffix("\r")
    if not echoed():
        console.print()  # a terminal echoes the typed line and its Enter; a pipe does not
    return line


def erase_typed_line(console: Console, typed: str) -> None:
    """Overwrite the prompt line the terminal echoed (as many rows as it took) with blanks, so
    a counselor's note does not stay on the client's screen (nor in its scrollback: the rows
    are cleared in place). Rich terminal only: plain mode never moves the cursor."""
    width = max(console.width, 1)
    rows = max(1, -(-(len(PROMPT) + len(typed)) // width))
    console.file.write(f"\x1b[{rows}A\r\x1b[J")
    console.file.flush()


def echoed() -> bool:
    """Does the terminal echo what is typed (standard input is a terminal)?"""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False
