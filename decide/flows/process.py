"""The process's own edges during an interview: standard input, and a closed terminal."""

from __future__ import annotations

import contextlib
import io
import signal
import sys
from collections.abc import Iterator
from types import FrameType


def stdin_is_tty() -> bool:
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def forgiving_stdin() -> None:
    """Bytes that are not valid text become a replacement character, never a crash."""
    if isinstance(sys.stdin, io.TextIOWrapper):
        with contextlib.suppress(ValueError, io.UnsupportedOperation):
            sys.stdin.reconfigure(errors="replace")


@contextlib.contextmanager
def hangup_ends_cleanly() -> Iterator[None]:
    """A closed terminal ends the run like Ctrl-C would (answers are already saved)."""
    hangup = getattr(signal, "SIGHUP", None)
    if hangup is None:
        yield
        return

    def on_hangup(number: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + number)

    try:
        previous = signal.signal(hangup, on_hangup)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(hangup, previous)
