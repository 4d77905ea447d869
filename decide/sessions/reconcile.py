"""Fitting a saved session to the bank it is resumed with. Pure.

When the bank changed since the session began (its content hash differs), an answer is kept
when its question still exists, with the same type, and the saved value still passes the same
check a typed answer would (`decide.core.answers.check_answer`: choices that still exist, bounds,
length). Everything else must be given again. The same check runs when the bank did not
change, so a value edited by hand into something invalid is asked again rather than used.

Counselor notes, the crisis flag and the mode are never dropped: they are not answers.
"""

from __future__ import annotations

from dataclasses import dataclass

from decide.core.answers import check_answer
from decide.core.errors import AnswerError
from decide.core.model import Bank
from decide.core.record import CounselorNote, GivenAnswer, InterviewRecord
from decide.sessions.files import SavedSession


@dataclass(frozen=True)
class Reconciled:
    record: InterviewRecord  # a new record; the saved one is not changed
    kept: int
    dropped: int


def reconcile(bank: Bank, saved: SavedSession) -> Reconciled:
    """The saved record with only the answers `bank` can still use, and how many of each."""
    old = saved.record
    answers: dict[str, GivenAnswer] = {}
    for qid, given in old.answers.items():
        question = bank.question(qid)
        if question is None:
            continue
        was = saved.answer_types.get(qid)
        if was is not None and was != question.type:
            continue
        try:
            value = check_answer(question, given.value)
        except AnswerError:
            continue
        answers[qid] = GivenAnswer(value=value, at=given.at)
    record = InterviewRecord(
        mode=old.mode,
        client_code=old.client_code,
        answers=answers,
        notes=[CounselorNote(n.section, n.text, n.at) for n in old.notes],
        crisis_fired=old.crisis_fired,
        crisis_at=old.crisis_at,
        finished=old.finished and len(answers) == len(old.answers),
    )
    return Reconciled(record=record, kept=len(answers), dropped=len(old.answers) - len(answers))
