"""How far an interview is, counted one way everywhere: question numbers and "N of M answered".

Pure. A question's number is its place among the questions that apply (in bank order), the
same number it had on screen when it was asked; "N of M" counts the questions that apply (M)
and those of them with an answer (N). The interview, the review, `sessions list`,
`sessions show` and the report all call these two functions, so they can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from decide.core.conditions import visible_questions
from decide.core.model import AnswerValue, Bank


@dataclass(frozen=True)
class Tally:
    answered: int  # questions that apply and have an answer
    applies: int  # questions that apply with these answers

    def __str__(self) -> str:
        return f"{self.answered} of {self.applies} answered"


def tally(bank: Bank, answers: Mapping[str, AnswerValue]) -> Tally:
    """N of M: of the questions that apply, how many have an answer (hidden ones never count)."""
    shown = visible_questions(bank, answers)
    return Tally(sum(1 for q in shown if q.id in answers), len(shown))


def question_numbers(bank: Bank, answers: Mapping[str, AnswerValue]) -> dict[str, int]:
    """Each question that applies, by id, with its number (1, 2, …): its place among them."""
    shown = visible_questions(bank, answers)
    return {q.id: number for number, q in enumerate(shown, 1)}
