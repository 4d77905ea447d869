"""The session store: every answer on disk the moment it is given, owner-only, never half-written.

EDGE module (files, locks, the clock). Layout of a store folder (0700 when decide creates it;
an existing folder keeps its mode, the files in it are owner-only either way):

    k7m3qp.json            the session (0600), replaced atomically on every save
    k7m3qp.lock            held with flock while a decide process has the session open
                           (removed when it closes; a killed process leaves it, harmless)
    .k7m3qp.<random>.tmp   a save in progress; left behind only by a crash, removed on next open

A save writes a temporary file in the same folder, flushes and fsyncs it, `os.replace`s it over
the session file and fsyncs the folder, so after a crash or kill at any instant the session file
is either the previous save or the new one, never a mix. A damaged file is reported by path and
never changed; the other sessions keep working.
"""

from __future__ import annotations

import builtins
import contextlib
import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from decide.core.errors import SessionError
from decide.core.model import Bank
from decide.core.record import InterviewRecord
from decide.sessions.files import (
    ID_ALPHABET,
    ID_LENGTH,
    ID_PATTERN,
    MAX_FILE_BYTES,
    DamagedSessionError,
    SavedSession,
    decode,
    moment,
)
from decide.sessions.location import default_store_root
from decide.system.clock import utc_now
from decide.system.files import (
    FileLock,
    ensure_private_folder,
    os_problem,
    read_regular,
    unsafe_folder,
    write_atomic,
)

if TYPE_CHECKING:  # imported where a session is written: listing never needs them
    from decide.sessions.opening import OpenSession

__all__ = ["DamagedSessionError", "SavedSession", "SessionStore", "default_store_root"]


class SessionStore:
    """The sessions in one folder. Nothing is created until something is saved."""

    def __init__(self, root: Path, clock: Callable[[], str] = utc_now) -> None:
        self.root = root
        self._clock = clock

    # ------------------------------------------------------------ paths and ids

    def path_of(self, session_id: str) -> Path:
        return self.root / f"{session_id}.json"

    def _lock_path(self, session_id: str) -> Path:
        return self.root / f"{session_id}.lock"

    def check_safe(self) -> None:
        """Refuse a store that others can write in (SessionError naming the folder and the
        `chmod` that fixes it): whoever can write there can change or plant sessions, whose
        answers decide reads back into summaries. A store not made yet is fine."""
        if not self.root.is_dir():
            return  # not made yet, or not a folder: the operation itself says so
        problem = unsafe_folder(self.root, follow=True)
        if problem is not None:
            raise SessionError(
                f"decide will not keep or read answers in the folder {self.root}: {problem.why}.",
                f"Make it yours alone with: {problem.fix}"
                if problem.fix
                else "Choose a folder of your own with --store DIR.",
            )

    def ids(self) -> builtins.list[str]:
        """The ids of every session file in the store (damaged ones included)."""
        self.check_safe()
        try:
            names = [
                entry.name
                for entry in os.scandir(self.root)
                if entry.name.endswith(".json") and entry.is_file(follow_symlinks=False)
            ]
        except (FileNotFoundError, NotADirectoryError):
            return []
        except OSError as error:
            problem = os_problem(error, self.root, "read")
            raise SessionError(f"The saved sessions cannot be listed: {problem}") from None
        return sorted(n[:-5] for n in names if ID_PATTERN.fullmatch(n[:-5]))

    def resolve(self, session_id: str) -> str:
        """The normalised id of an existing session, or SessionError with the near matches."""
        wanted = session_id.strip().lower()
        ids = self.ids()
        if ID_PATTERN.fullmatch(wanted) and wanted in ids:
            return wanted
        import difflib  # only for an id not found: listing never needs it

        shown = "".join(c if c.isprintable() else "?" for c in session_id)[:40]
        near = difflib.get_close_matches(wanted, ids, n=3, cutoff=0.5)
        hint = "`decide sessions list` shows every saved session."
        if near:
            hint = f"Did you mean {' or '.join(near)}? " + hint
        raise SessionError(f"There is no saved session {shown!r} in {self.root}.", hint)

    # ------------------------------------------------------------ writing

    def check_writable(self) -> None:
        """Fail now, with a clear sentence, if answers could not be saved in this store."""
        import secrets  # only to write: listing never needs it (nor its random, hmac)

        from decide.sessions.opening import NO_SAVE_HINT

        self.check_safe()
        try:
            ensure_private_folder(self.root)
            probe = self.root / f".write-check.{secrets.token_hex(4)}.tmp"
            try:
                write_atomic(probe, b"\0" * 4096)
            finally:
                with contextlib.suppress(FileNotFoundError):
                    probe.unlink()
            stats = os.statvfs(self.root) if hasattr(os, "statvfs") else None
        except OSError as error:
            raise SessionError(
                f"Answers cannot be saved: {os_problem(error, self.root)}", NO_SAVE_HINT
            ) from None
        if stats is not None and stats.f_bavail * stats.f_frsize < 1024 * 1024:
            raise SessionError(
                f"Answers cannot be saved: the disk holding {self.root} is full.", NO_SAVE_HINT
            )

    def create(self, bank: Bank, record: InterviewRecord) -> OpenSession:
        """A new session with a fresh id, written at once and locked by this process."""
        import secrets

        from decide.sessions.opening import NO_SAVE_HINT, OpenSession

        self.check_safe()
        try:
            ensure_private_folder(self.root)
            for _ in range(50):
                session_id = "".join(secrets.choice(ID_ALPHABET) for _ in range(ID_LENGTH))
                lock = FileLock.acquire_new(self._lock_path(session_id))
                if lock is None:
                    continue  # the id is taken
                if self.path_of(session_id).exists():
                    lock.release()
                    continue
                now = self._clock()
                session = OpenSession(
                    id=session_id,
                    created=now,
                    updated=now,
                    bank_id=bank.meta.id,
                    bank_version=bank.meta.version,
                    bank_hash=bank.content_hash,
                    record=record,
                    path=self.path_of(session_id),
                    _lock=lock,
                    _clock=self._clock,
                    _bank=bank,
                )
                try:
                    session._write()
                except BaseException:
                    session.close()
                    with contextlib.suppress(OSError):
                        self._lock_path(session_id).unlink()
                    raise
                return session
        except OSError as error:
            raise SessionError(
                f"A new session cannot be saved: {os_problem(error, self.root)}", NO_SAVE_HINT
            ) from None
        raise SessionError(f"No free session id was found in {self.root}; please try again.")

    def open(self, session_id: str, bank: Bank | None = None) -> OpenSession:
        """Open a saved session for writing (locked until `close`).

        With `bank`, later saves record that bank as the session's bank: pass the bank the
        record was reconciled with, so the next resume does not report a change again.
        """
        from decide.sessions.opening import OpenSession

        sid = self.resolve(session_id)
        lock = self._lock(
            sid,
            f"The session {sid} is open in another decide window.",
            "Finish or quit there first (its answers are saved), then try again.",
        )
        try:
            self._remove_leftovers(sid)
            saved = self.read_id(sid)
        except BaseException:
            lock.release()
            raise
        return OpenSession(
            **{name: getattr(saved, name) for name in SavedSession.__dataclass_fields__},
            _lock=lock,
            _clock=self._clock,
            _bank=bank,
        )

    def delete(self, session_id: str) -> None:
        """Remove a session (damaged or not) for good. Refused while it is open elsewhere."""
        sid = self.resolve(session_id)
        lock = self._lock(
            sid,
            f"The session {sid} is open in another decide window, so it was not deleted.",
            "Quit it there first, then delete it.",
        )
        try:
            self._remove_leftovers(sid)
            self.path_of(sid).unlink(missing_ok=True)
            self._lock_path(sid).unlink(missing_ok=True)
        except OSError as error:
            raise SessionError(
                f"The session {sid} could not be deleted: {os_problem(error, self.root)}"
            ) from None
        finally:
            lock.release()

    def delete_all(self) -> int:
        """Delete every session; returns how many. Sessions open elsewhere are left, and said."""
        deleted, busy = 0, []
        for sid in self.ids():
            try:
                self.delete(sid)
                deleted += 1
            except SessionError as error:
                busy.append(f"{sid} ({error.message})")
        if busy:
            raise SessionError(
                f"{deleted} session{'s were' if deleted != 1 else ' was'} deleted, but not: "
                + "; ".join(busy)
            )
        return deleted

    def _lock(self, sid: str, busy: str, hint: str) -> FileLock:
        """Lock a session, or raise SessionError(busy, hint) when another process holds it,
        or a SessionError saying why the lock file cannot be used (a read-only disk, a link)."""
        try:
            lock = FileLock.acquire(self._lock_path(sid))
        except OSError as error:
            raise SessionError(
                f"The session {sid} cannot be changed: {os_problem(error, self.root)}",
                "Its answers can still be read with `decide sessions show` and "
                f"`decide report --session {sid}`.",
            ) from None
        if lock is None:
            raise SessionError(busy, hint)
        return lock

    def _remove_leftovers(self, sid: str) -> None:
        """Temporary files of saves cut short by a crash (only ever this session's)."""
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.root):
                if entry.name.startswith(f".{sid}.") and entry.name.endswith(".tmp"):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)

    # ------------------------------------------------------------ reading

    def load(self, session_id: str) -> SavedSession:
        """Read a saved session without locking it (for list, show, export and reports)."""
        return self.read_id(self.resolve(session_id))

    def read_id(self, sid: str) -> SavedSession:
        """Read the session with exactly this id (already resolved), without locking it."""
        path = self.path_of(sid)
        try:
            data = read_regular(path, MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            raise SessionError(f"The saved session {sid} was deleted a moment ago.") from None
        except OSError as error:
            reason = "it is a link or not a regular file" if error.errno == errno.ELOOP else ""
            reason = reason or (os.strerror(error.errno) if error.errno else str(error))
            raise DamagedSessionError(path, reason.lower()) from None
        return decode(data, path, expected_id=sid)

    def list(self) -> tuple[builtins.list[SavedSession], builtins.list[SessionError]]:
        """Every readable session, newest first, and one error per damaged file."""
        found: builtins.list[SavedSession] = []
        problems: builtins.list[SessionError] = []
        for sid in self.ids():
            try:
                found.append(self.read_id(sid))
            except SessionError as error:
                if self.path_of(sid).exists():  # else it was deleted while listing
                    problems.append(error)
        found.sort(key=lambda s: (moment(s.updated), moment(s.created), s.id), reverse=True)
        return found, problems
