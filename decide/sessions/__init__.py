"""Saved interviews on the person's own machine: owner-only files, locks, atomic writes.

The I/O edge for sessions. It may import `decide.core`, never the bank loader's internals, the
summary or the terminal. `SessionStore` is the entry point.
"""

from typing import TYPE_CHECKING, Any

from decide.sessions.files import SavedSession
from decide.sessions.store import SessionStore, default_store_root

if TYPE_CHECKING:
    from decide.sessions.reconcile import reconcile

__all__ = ["SavedSession", "SessionStore", "default_store_root", "reconcile"]


def __getattr__(name: str) -> Any:
    """`reconcile` on first use: listing sessions never needs it."""
    if name == "reconcile":
        from decide.sessions.reconcile import reconcile

        return reconcile
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
