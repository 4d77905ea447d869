"""The crisis rule, in one place: does anything answered count as a safety concern?

Every path (typed answers, answers files, saved sessions, reports) asks this same function, so
nothing can skip the crisis resources.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from decide.core.conditions import effective_answers, evaluate
from decide.core.model import AnswerValue, Bank


def concern_raised(
    bank: Bank, answers: Mapping[str, AnswerValue], unreadable: Iterable[str] = ()
) -> bool:
    """True when the answers that apply meet the bank's safety condition.

    `unreadable` names questions whose given answer could not be read (a mistake in an answers
    file). An unreadable answer to a safety question counts as a concern: showing the crisis
    resources to someone who did not need them costs little; hiding them could cost a life.
    """
    if any(_is_safety_question(bank, qid) for qid in unreadable):
        return True
    return evaluate(bank.safety.concern_if, effective_answers(bank, answers))


def _is_safety_question(bank: Bank, question_id: str) -> bool:
    question = bank.question(question_id)
    return question is not None and question.role == "safety"
