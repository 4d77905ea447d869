"""`decide` (with or without the interview's options), when an unfinished session is waiting:
offer to go on with it.

EDGE module (reads the store and the terminal). A person who quit last time and types `decide`
again should not find themselves at question 1 with their answers apparently gone. Only asked
in a terminal: scripts and pipes get exactly what they asked for.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from decide.core.errors import SessionError
from decide.core.model import Bank
from decide.terminal import screens

if TYPE_CHECKING:  # the store is read only when there is a person to ask
    from decide.sessions.overview import Overview


def latest_unfinished(
    bank: Bank, store: str | None = None, mode: str = "patient", client: str | None = None
) -> Overview | None:
    """The unfinished session of `bank` with answers, saved last (damaged files ignored), of
    the same mode and, in counselor mode, the same client code: a counselor starting with
    client C-7 is never offered another client's session."""
    from decide.sessions import SessionStore, default_store_root
    from decide.sessions.overview import overview, same_bank

    try:
        found, _damaged = SessionStore(default_store_root(store)).list()  # last saved first
    except SessionError:
        return None  # an unreadable store is said when the interview tries to save
    for saved in found:
        record = saved.record
        if record.mode != mode or (mode == "counselor" and record.client_code != client):
            continue
        if same_bank(bank, saved):
            item = overview(saved, bank)
            if not item.finished and item.answered:
                return item
    return None


def offer_to_go_on(console: Console, item: Overview, read: Callable[[Console], str]) -> bool:
    """Say which session is waiting (when, how far) and ask; True to go on with it."""
    from decide.terminal.session_views import local_time, progress

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


def session_to_resume(
    console: Console,
    read: Callable[[Console], str],
    bank_path: Path | None = None,
    store: str | None = None,
    mode: str = "patient",
    client: str | None = None,
) -> str | None:
    """The id to resume when a person in a terminal says so; None for a new interview.
    Nothing is read (not even the bank) unless there is a person at a terminal to ask."""
    if not _in_a_terminal():
        return None
    from decide.bank import read_bank

    item = latest_unfinished(read_bank(bank_path), store, mode, client)
    if item is None or not offer_to_go_on(console, item, read):
        return None
    return item.id


def ask_client_code(
    console: Console, read: Callable[[Console], str], valid: Callable[[str], bool]
) -> str | None:
    """Counselor mode with no `--client`: ask for the client code first, so only that
    client's unfinished session is looked for (no other client's code is ever listed).
    Enter alone: no code. None also when no one is there to ask."""
    if not _in_a_terminal():
        return None
    screens.said(console, "Counselor mode. What is the client code (a pseudonym such as C-014,")
    screens.said(console, "never a name)? Press Enter for none.")
    while True:
        try:
            code = read(console).strip()
        except EOFError:
            return None
        if not code or valid(code):
            return code or None
        screens.problem(console, "A client code is letters, digits, - and _, up to 20 characters.")


def _in_a_terminal() -> bool:
    try:
        return sys.stdin.isatty() and sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False
