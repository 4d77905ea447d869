"""The crisis rule, in one place: was a safety concern raised, and why?

Every source of answers (typed, an answers file, a saved session) and every run (interview,
report, resume, `sessions show`) asks `concern_of` once per record, so nothing can skip the
crisis resources. Showing them, and marking the record as having shown them, is one edge
function (`decide.terminal.crisis.show_crisis`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from msgspec import Struct

from decide.core.conditions import effective_answers, evaluate, referenced_questions
from decide.core.model import AnswerValue, Bank
from decide.core.record import InterviewRecord


class Concern(Struct, frozen=True):
    """A safety concern was raised; `reasons` say why, in plain words, most direct first."""

    reasons: tuple[str, ...]


def concern_raised(
    bank: Bank, answers: Mapping[str, AnswerValue], unreadable: Iterable[str] = ()
) -> bool:
    """True when the answers that apply meet the bank's safety condition, or an answer to a
    safety question could not be read (see `concern_of`)."""
    return _reasons(bank, answers, tuple(unreadable)) != ()


def concern_of(
    bank: Bank,
    record: InterviewRecord,
    unreadable: Iterable[str] = (),
) -> Concern | None:
    """The concern this record raises, or None.

    A record raises a concern when its answers that apply meet the bank's safety condition,
    when an answer to a safety question could not be read (`unreadable` names them: a mistake
    in an answers file), or when the crisis resources were shown before in this session (an
    answer changed since does not take back what was said). Showing the resources to someone
    who did not need them costs little; hiding them could cost a life.
    """
    reasons = list(_reasons(bank, record.values(), tuple(unreadable)))
    if record.crisis_fired:
        reasons.append("the crisis resources were shown earlier in this session")
    return Concern(tuple(reasons)) if reasons else None


def _reasons(
    bank: Bank, answers: Mapping[str, AnswerValue], unreadable: tuple[str, ...]
) -> tuple[str, ...]:
    reasons: list[str] = []
    for qid in unreadable:
        question = bank.question(qid)
        if question is not None and question.role == "safety":
            reasons.append(f"the answer to {qid} could not be read")
    applying = effective_answers(bank, answers)
    if evaluate(bank.safety.concern_if, applying):
        asked = sorted(q for q in referenced_questions(bank.safety.concern_if) if q in applying)
        reasons.append(f"the answer to {', '.join(asked)} meets the bank's safety condition")
    return tuple(reasons)
