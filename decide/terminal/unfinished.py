"""`decide` with no command, when an unfinished session is waiting: offer to go on with it.

EDGE module (reads the store and the terminal). A person who quit last time and types `decide`
again should not find themselves at question 1 with their answers apparently gone. Only asked
in a terminal: scripts and pipes get exactly what they asked for.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from rich.console import Console

from decide.core.errors import SessionError
from decide.core.model import Bank
from decide.sessions.overview import Overview, overview, same_bank
from decide.terminal import screens
from decide.terminal.session_views import local_time, progress


def latest_unfinished(bank: Bank, store: str | None = None) -> Overview | None:
    """The unfinished session of `bank` with answers, saved last (damaged files ignored)."""
    from decide.sessions import SessionStore, default_store_root

    try:
        found, _damaged = SessionStore(default_store_root(store)).list()  # last saved first
    except SessionError:
        return None  # an unreadable store is said when the interview tries to save
    for saved in found:
        if same_bank(bank, saved):
            item = overview(saved, bank)
            if not item.finished and item.answered:
                return item
    return None


def offer_to_go_on(console: Console, item: Overview, read: Callable[[Console], str]) -> bool:
    """Say which session is waiting (when, how far) and ask; True to go on with it."""
    screens.said(
        console,
        f"You have an unfinished session ({item.id}), last saved {local_time(item.updated)}, "
        f"with {progress(item)}.",
    )
    screens.said(console, "Go on with it? Type y to go on, or n to start a new one.")
    while True:
        try:
            word = read(console).strip().casefold()
        except EOFError:
            return False
        if word in ("y", "yes", "n", "no"):
            return word.startswith("y")
        screens.said(console, "Please type y to go on with it, or n to start a new one.")


def session_to_resume(bank: Bank, console: Console, read: Callable[[Console], str]) -> str | None:
    """The id to resume when a person in a terminal says so; None for a new interview."""
    if not _in_a_terminal():
        return None
    item = latest_unfinished(bank)
    if item is None or not offer_to_go_on(console, item, read):
        return None
    return item.id


def _in_a_terminal() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False
