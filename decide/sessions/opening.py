"""A saved session open for writing: the `Recorder` the interview saves every change through.

EDGE module (the clock and the files, through `decide.system`). `decide.sessions.store.SessionStore`
creates and opens these; it holds the session's lock until `close`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType

from decide.core.errors import SessionError
from decide.core.model import Bank
from decide.core.record import InterviewRecord
from decide.sessions.again import resume_command
from decide.sessions.files import SavedSession, encode
from decide.sessions.index import note_saved
from decide.system.clock import utc_now
from decide.system.files import FileLock, os_problem, write_atomic

NO_SAVE_HINT = (
    "Choose another folder with --store DIR, or answer in private mode with --no-save "
    "(nothing is saved)."
)


@dataclass(eq=False)
class OpenSession(SavedSession):
    """A session open for writing by this process (it holds the lock). A `Recorder`."""

    _lock: FileLock | None = field(default=None, repr=False)
    _clock: Callable[[], str] = field(default=utc_now, repr=False)
    _bank: Bank | None = field(default=None, repr=False)

    def save(self, record: InterviewRecord) -> None:
        """Write the whole record now; when this returns, it survives a crash or a kill."""
        if self._lock is None or self.path is None:
            raise SessionError(f"The session {self.id} was already closed, so it cannot be saved.")
        self.record = record
        self.updated = self._clock()
        try:
            self._write()
        except SessionError as error:  # the answers before this one are on disk: say how on
            raise SessionError(
                error.message,
                "Your earlier answers are saved. Once there is room on the disk again, go on "
                f"with: {resume_command(self.id, store_root=self.path.parent)}",
            ) from None

    def _write(self) -> None:
        assert self.path is not None
        if self._bank is not None:
            self._adopt(self._bank)
        try:
            write_atomic(self.path, encode(self))
        except OSError as error:
            raise SessionError(
                f"Your last answer could not be saved: {os_problem(error, self.path.parent)}",
                NO_SAVE_HINT,
            ) from None
        note_saved(self, self._bank)  # after the answer is safe; never fails the save

    def _adopt(self, bank: Bank) -> None:
        """From now on the session belongs to `bank` (after `reconcile` fitted it)."""
        self.bank_id, self.bank_version = bank.meta.id, bank.meta.version
        self.bank_hash = bank.content_hash
        for qid in self.record.answers:
            question = bank.question(qid)
            self.answer_types[qid] = question.type if question else self.answer_types.get(qid)

    def close(self) -> None:
        """Release the lock (saving is no longer possible). Safe to call twice."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> OpenSession:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
