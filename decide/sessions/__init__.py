"""Saved interviews on the person's own machine: owner-only files, locks, atomic writes.

The I/O edge for sessions. It may import `decide.core`, never the bank loader's internals, the
summary or the terminal. `SessionStore` is the entry point.
"""

from decide.sessions.files import SavedSession
from decide.sessions.reconcile import reconcile
from decide.sessions.store import SessionStore, default_store_root

__all__ = ["SavedSession", "SessionStore", "default_store_root", "reconcile"]
