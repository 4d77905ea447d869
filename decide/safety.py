"""The crisis rule, in one place: does anything answered count as a safety concern?

Every path (typed answers, answers files, saved sessions, reports) asks this same function, so
nothing can skip the crisis resources.
"""

from __future__ import annotations

from collections.abc import Mapping

from decide.conditions import effective_answers, evaluate
from decide.model import AnswerValue, Bank


def concern_raised(bank: Bank, answers: Mapping[str, AnswerValue]) -> bool:
    """True when the answers that apply meet the bank's safety condition."""
    return evaluate(bank.safety.concern_if, effective_answers(bank, answers))
