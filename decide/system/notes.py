"""Lines on stderr from the edges: what decide says beside its output, and notes, things a
person may want to know that stop nothing.

A bank cache decide must not use, or a session index that is not a plain file, only makes
decide slower; each is said in one line, `note: ...` on stderr, and decide goes on.
"""

from __future__ import annotations

import sys


def note(message: str) -> None:
    """Say `message` on stderr as one `note:` line; never fails (a closed stderr says nothing)."""
    say(f"note: {message}")


def say(line: str) -> None:
    """One line on stderr, never wrapped (a terminal folds it; a log keeps it whole); never
    fails. The line is the caller's words: text from a file or a command line is made
    printable first (`decide.core.errors.printable`)."""
    try:
        sys.stderr.write(f"{line}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
