"""Notes on stderr from the edges: things a person may want to know that stop nothing.

A bank cache decide must not use, or a session index that is not a plain file, only makes
decide slower; each is said in one line, `note: ...` on stderr, and decide goes on.
"""

from __future__ import annotations

import sys


def note(message: str) -> None:
    """Say `message` on stderr as one `note:` line; never fails (a closed stderr says nothing)."""
    try:
        sys.stderr.write(f"note: {message}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
