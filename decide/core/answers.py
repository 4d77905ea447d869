"""Checking one answer value against its question.

Used for typed answers (after the terminal has parsed the keys), answers files and saved
sessions alike, so an answer is held to the same rules whichever way it arrives.
"""

from __future__ import annotations

import math

from decide.core.errors import AnswerError
from decide.core.model import AnswerValue, Question


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def check_answer(question: Question, value: object) -> AnswerValue:
    """Return `value` in its canonical form for `question`, or raise AnswerError saying why not.

    `None` means "no answer": it raises for a required question and must not be stored
    otherwise (callers skip an optional question instead).
    """
    if value is None or (isinstance(value, str | list) and len(value) == 0):
        raise AnswerError("This question needs an answer.")
    kind = question.type
    if kind == "yesno":
        if not isinstance(value, bool):
            raise AnswerError("Please answer yes or no.")
        return value
    if kind == "single":
        ids = [c.id for c in question.choices]
        if not isinstance(value, str) or value not in ids:
            raise AnswerError(f"Please pick one of: {', '.join(ids)}.")
        return value
    if kind == "multi":
        return _check_multi(question, value)
    if kind in ("scale", "number"):
        return _check_number(question, value)
    if not isinstance(value, str):
        raise AnswerError("Please answer with text.")
    text = value.strip()
    if not text:
        raise AnswerError("This question needs an answer.")
    if len(text) > question.max_length:
        raise AnswerError(
            f"Please keep this to {question.max_length} characters (this is {len(text)})."
        )
    return text


def _check_multi(question: Question, value: object) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise AnswerError("Please pick one or more of the choices.")
    ids = [c.id for c in question.choices]
    unknown = [v for v in value if v not in ids]
    if unknown:
        raise AnswerError(f"Not a choice here: {', '.join(unknown)}. Choices: {', '.join(ids)}.")
    picks = list(dict.fromkeys(value))  # keep order, drop repeats
    exclusive = [c.label for c in question.choices if c.exclusive and c.id in picks]
    if exclusive and len(picks) > 1:
        raise AnswerError(f"'{exclusive[0]}' cannot be picked together with other choices.")
    if question.min is not None and len(picks) < question.min:
        raise AnswerError(f"Please pick at least {_fmt(question.min)}.")
    if question.max is not None and len(picks) > question.max:
        raise AnswerError(f"Please pick at most {_fmt(question.max)}.")
    return [c.id for c in question.choices if c.id in picks]  # bank order, for stable output


def finite(number: int | float) -> bool:
    """False for inf, nan and integers beyond any float (10^309 and more)."""
    try:
        return math.isfinite(number)
    except OverflowError:  # an integer beyond any float
        return False


def _check_number(question: Question, value: object) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not finite(value):
        raise AnswerError("Please answer with a number.")
    whole = question.type == "scale" or question.integer
    if whole and not float(value).is_integer():
        raise AnswerError("Please answer with a whole number.")
    low, high = question.min, question.max
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            raise AnswerError(f"Please answer with a number from {_fmt(low)} to {_fmt(high)}.")
        if low is not None:
            raise AnswerError(f"Please answer with a number of at least {_fmt(low)}.")
        assert high is not None
        raise AnswerError(f"Please answer with a number of at most {_fmt(high)}.")
    return int(value) if whole else value
