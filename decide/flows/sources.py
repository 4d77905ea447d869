"""Where a run's answers come from: an answers file or a saved session, as one record.

EDGE module. An answers file is read with the crisis rule applied first: when its valid
answers raise a concern, the crisis panel is on stderr before anything else, and before the
problems of a file that cannot be used, so no mistake elsewhere in the file can hide it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from decide.core.model import AnswerValue, Bank
from decide.core.record import GivenAnswer, InterviewRecord
from decide.core.safety import concern_of
from decide.terminal.crisis import mark_shown, show_crisis_on_stderr

if TYPE_CHECKING:  # the answers-file reader (and the bank checker) load only with --answers
    from decide.bank.answers_file import AnswersFile


@dataclass
class Answers:
    """A run's record and what to say about it (one sentence a note)."""

    record: InterviewRecord
    notes: list[str] = field(default_factory=list)
    panel_shown: bool = False  # the crisis panel is already on stderr


def read_answers_file(
    path: Path, bank: Bank, *, plain_flag: bool, now: str
) -> tuple[AnswersFile, bool]:
    """The checked answers of `path`, and whether they raised a concern. The crisis panel
    comes first (on stderr) when they do, even when the file has mistakes (they are raised
    afterwards, as AnswersFileError). Whoever builds the run's record marks it
    (`crisis.mark_shown`)."""
    from decide.bank import answers_file
    from decide.core.errors import AnswersFileError

    def panel_if_concern(given: InterviewRecord, unreadable: tuple[str, ...] = ()) -> bool:
        concern = concern_of(bank, given, unreadable)
        return show_crisis_on_stderr(bank.safety, given, concern, plain_flag=plain_flag, now=now)

    try:
        given = answers_file.read_answers_file(path, bank)
    except AnswersFileError as error:
        panel_if_concern(_record(error.values, now), error.unreadable)
        raise
    return given, panel_if_concern(_record(given.values, now))


def from_answers_file(path: Path, bank: Bank, *, plain_flag: bool, now: str) -> Answers:
    """A record of the file's answers (given `now`), with a note for each answer not used and
    for the required questions it leaves open."""
    from decide.bank.answers_file import missing_required

    given, shown = read_answers_file(path, bank, plain_flag=plain_flag, now=now)
    record = _record(given.values, now)
    notes = [str(problem) for problem in given.notes]
    missing = len(missing_required(bank, given.values))
    if missing:
        notes.append(
            f"{missing} required question{'s have' if missing != 1 else ' has'} no answer in "
            "the file; the summary leaves them out."
        )
    if shown:
        mark_shown(record, now)
    return Answers(record, notes, panel_shown=shown)


def from_session(bank: Bank, session_id: str, store: str | None) -> Answers:
    """The saved session's record, fitted to `bank` (answers that do not fit are left out,
    and said so)."""
    from decide.sessions import SessionStore, default_store_root, reconcile

    saved = SessionStore(default_store_root(store)).load(session_id)
    fitted = reconcile(bank, saved)
    notes = []
    if fitted.dropped:
        notes.append(
            f"{fitted.dropped} saved answer{'s' if fitted.dropped != 1 else ''} no longer "
            f"fit{'s' if fitted.dropped == 1 else ''} this bank and "
            f"{'is' if fitted.dropped == 1 else 'are'} left out of the summary."
        )
    return Answers(fitted.record, notes)


def _record(values: Mapping[str, AnswerValue], now: str) -> InterviewRecord:
    return InterviewRecord(answers={qid: GivenAnswer(v, now) for qid, v in values.items()})
