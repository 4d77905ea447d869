"""How far an interview is, counted one way everywhere: question numbers and "N of M answered".

Pure. A question's number is its place among the questions that apply (in bank order), the
same number it had on screen when it was asked. "N of M" counts the questions expected to
apply (M) and those of them with an answer (N). The interview, the review, `sessions list`,
`sessions show` and the report all use these functions, so they can never disagree.

Expected, because a question not reached yet has no answer: a multiple-choice question not
reached yet counts as answered with nothing picked. So questions shown only while it has no
answer (the fallback that lets older answers keep working, such as every rating when "pick
up to 4" was never answered) are not counted ahead; once it is passed over, they are.
"""

from __future__ import annotations

from collections.abc import Mapping

from msgspec import Struct

from decide.core.conditions import visible_questions
from decide.core.model import AnswerValue, Bank, Question


class Tally(Struct, frozen=True):
    answered: int  # questions that apply and have an answer
    applies: int  # questions expected to apply with these answers

    def __str__(self) -> str:
        return f"{self.answered} of {self.applies} answered"


def passed_over(bank: Bank, answers: Mapping[str, AnswerValue]) -> frozenset[str]:
    """Optional questions left open before the last answered one: the person passed them by."""
    shown = visible_questions(bank, answers)
    answered_at = [i for i, q in enumerate(shown) if q.id in answers]
    last = answered_at[-1] if answered_at else -1
    return frozenset(
        q.id for i, q in enumerate(shown) if i < last and not q.required and q.id not in answers
    )


def expected_questions(
    bank: Bank, answers: Mapping[str, AnswerValue], skipped: frozenset[str]
) -> tuple[Question, ...]:
    """The questions expected to apply: multiple-choice ones not reached yet as no picks."""
    assumed: dict[str, AnswerValue] = dict(answers)
    for question in visible_questions(bank, answers):
        if question.type == "multi" and question.id not in answers and question.id not in skipped:
            assumed[question.id] = []
    return visible_questions(bank, assumed)


def tally(
    bank: Bank, answers: Mapping[str, AnswerValue], skipped: frozenset[str] | None = None
) -> Tally:
    """N of M: of the questions expected to apply, how many have an answer."""
    passed = passed_over(bank, answers) if skipped is None else skipped
    shown = visible_questions(bank, answers)
    answered = sum(1 for q in shown if q.id in answers)
    return Tally(answered, len(expected_questions(bank, answers, passed)))


def question_numbers(bank: Bank, answers: Mapping[str, AnswerValue]) -> dict[str, int]:
    """Each question that applies, by id, with its number (1, 2, …): its place among them."""
    shown = visible_questions(bank, answers)
    return {q.id: number for number, q in enumerate(shown, 1)}
