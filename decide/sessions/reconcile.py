"""Fitting a saved session to the bank it is resumed with. Pure.

When the bank changed since the session began (its content hash differs), an answer is used
when its question still exists, with the same type, and the saved value still passes the same
check a typed answer would (`decide.core.answers.check_answer`: choices that still exist, bounds,
length). The same check runs when the bank did not change, so a value edited by hand into
something invalid is asked again rather than used.

Nothing is ever dropped: an answer the bank cannot use is *set aside* (kept in the session file,
shown by `decide sessions show`, never used with this bank), and an answer set aside earlier comes
back when it fits the bank again, so resuming with the original bank restores everything.
Counselor notes, the crisis flag and the mode are not answers and always stay.
"""

from __future__ import annotations

from msgspec import Struct

from decide.core.answers import check_answer
from decide.core.errors import AnswerError
from decide.core.model import AnswerValue, Bank
from decide.core.record import CounselorNote, GivenAnswer, InterviewRecord
from decide.sessions.files import AsideAnswer, SavedSession


class Reconciled(Struct, frozen=True):
    record: InterviewRecord  # a new record; the saved one is not changed
    kept: int  # answers the bank can use (brought back ones included)
    dropped: int  # saved answers it cannot use: set aside, to be asked again
    set_aside: tuple[AsideAnswer, ...] = ()  # to keep in the file, unused with this bank


def fitted_value(bank: Bank, answer: AsideAnswer) -> AnswerValue | None:
    """The value as `bank` would use it, or None when it does not fit there."""
    question = bank.question(answer.question)
    if question is None or (answer.type is not None and answer.type != question.type):
        return None
    try:
        return check_answer(question, answer.value)
    except AnswerError:
        return None


def all_answers(saved: SavedSession) -> list[AsideAnswer]:
    """Every answer in the file, the current ones first, then those set aside (newest first)."""
    current = [
        AsideAnswer(qid, given.value, given.at, saved.answer_types.get(qid))
        for qid, given in saved.record.answers.items()
    ]
    return current + sorted(saved.set_aside, key=lambda a: a.at, reverse=True)


def _superseded(answer: AsideAnswer, saved: SavedSession) -> bool:
    """A set-aside answer the person has since answered again, for the same kind of question."""
    current = saved.record.answers.get(answer.question)
    return (
        current is not None
        and answer.type is not None
        and saved.answer_types.get(answer.question) == answer.type
        and current.at >= answer.at
        and (current.value, current.at) != (answer.value, answer.at)
    )


def reconcile(bank: Bank, saved: SavedSession) -> Reconciled:
    """The saved record with the answers `bank` can use, and the rest set aside."""
    old = saved.record
    answers: dict[str, GivenAnswer] = {}
    aside: list[AsideAnswer] = []
    for answer in all_answers(saved):
        value = fitted_value(bank, answer) if answer.question not in answers else None
        if value is None:
            if answer not in aside and not _superseded(answer, saved):
                aside.append(answer)
        else:
            answers[answer.question] = GivenAnswer(value=value, at=answer.at)
    dropped = sum(1 for qid in old.answers if qid not in answers)
    record = InterviewRecord(
        mode=old.mode,
        client_code=old.client_code,
        answers=answers,
        notes=[CounselorNote(n.section, n.text, n.at) for n in old.notes],
        crisis_fired=old.crisis_fired,
        crisis_at=old.crisis_at,
        finished=old.finished and dropped == 0 and len(answers) == len(old.answers),
    )
    return Reconciled(record=record, kept=len(answers), dropped=dropped, set_aside=tuple(aside))
