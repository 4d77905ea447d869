"""Reading what a person types: one line at the prompt, and a note typed unseen.

EDGE module (standard input and the terminal). Lines are read with `sys.stdin.readline`, so
Typer's CliRunner can drive it with `input=`.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

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


@contextlib.contextmanager
def unechoed() -> Iterator[None]:
    """While inside, what is typed at the terminal is not shown on it (its echo is off, as for
    a password), in every mode: a counselor's note, with a client beside the screen. Line
    editing still works; the echo comes back however the block ends. Nothing changes when
    standard input is not a terminal (nothing is echoed then)."""
    try:
        import termios

        fd = sys.stdin.fileno()
        before = termios.tcgetattr(fd) if sys.stdin.isatty() else None
    except (ImportError, AttributeError, ValueError, OSError):
        before = None  # no terminal, or not a POSIX one
    if before is None:
        yield
        return
    hidden = list(before)
    hidden[3] &= ~termios.ECHO  # the local modes: no echo; the Enter is not shown either
    termios.tcsetattr(fd, termios.TCSADRAIN, hidden)
    try:
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, before)
        sys.stdout.write("\n")  # the line break the unechoed Enter did not make
        sys.stdout.flush()


def echoed() -> bool:
    """Does the terminal echo what is typed (standard input is a terminal)?"""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False
