"""The closed condition language: evaluation and visibility.

A condition is data (`All`, `Any_`, `Not` over leaf `Test`s), built by the loader and
interpreted here over answer values only. Nothing is ever evaluated as code.

Rules (documented in the README and tested):
- a comparison against an unanswered question is false (`answered: false` tests for absence);
- a question is visible when its `show_if` holds over the answers to the visible questions
  before it; an answer to a hidden question is kept by the interview but never used.
"""

from __future__ import annotations

from collections.abc import Mapping

from decide.core.model import All, AnswerValue, Any_, Bank, Condition, Not, Question, Test

OPERATORS = ("is", "is_not", "in", "includes", "at_least", "at_most", "answered")


def evaluate(condition: Condition, answers: Mapping[str, AnswerValue]) -> bool:
    """True when `condition` holds for `answers` (question id -> value)."""
    if isinstance(condition, Test):
        return _test(condition, answers)
    if isinstance(condition, All):
        return all(evaluate(item, answers) for item in condition.items)
    if isinstance(condition, Any_):
        return any(evaluate(item, answers) for item in condition.items)
    if isinstance(condition, Not):
        return not evaluate(condition.item, answers)
    raise TypeError(f"not a condition: {condition!r}")  # pragma: no cover - closed union


def _same(a: object, b: object) -> bool:
    # bool is an int in Python: keep yes/no answers apart from the numbers 0 and 1.
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    return a == b


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _test(test: Test, answers: Mapping[str, AnswerValue]) -> bool:
    answered = test.question in answers
    if test.op == "answered":
        return answered == bool(test.value)
    if not answered:
        return False
    given = answers[test.question]
    if test.op == "is":
        return _same(given, test.value)
    if test.op == "is_not":
        return not _same(given, test.value)
    if test.op == "in":
        options = test.value if isinstance(test.value, list | tuple) else [test.value]
        return any(_same(given, v) for v in options)
    if test.op == "includes":
        return isinstance(given, list) and test.value in given
    number, bound = _number(given), _number(test.value)
    if number is None or bound is None:
        return False
    if test.op == "at_least":
        return number >= bound
    if test.op == "at_most":
        return number <= bound
    raise ValueError(f"unknown operator {test.op!r}")  # pragma: no cover - validated on load


def visible_questions(bank: Bank, answers: Mapping[str, AnswerValue]) -> tuple[Question, ...]:
    """The questions that apply, in bank order, given every answer recorded so far.

    Each question's condition sees only the answers to visible questions before it, so an
    answer left behind by a question that is now hidden changes nothing.
    """
    effective: dict[str, AnswerValue] = {}
    shown: list[Question] = []
    for question in bank.questions:
        if question.show_if is None or evaluate(question.show_if, effective):
            shown.append(question)
            if question.id in answers:
                effective[question.id] = answers[question.id]
    return tuple(shown)


def effective_answers(bank: Bank, answers: Mapping[str, AnswerValue]) -> dict[str, AnswerValue]:
    """Only the answers to questions that are visible: the ones any result may use."""
    return {q.id: answers[q.id] for q in visible_questions(bank, answers) if q.id in answers}


def referenced_questions(condition: Condition) -> tuple[str, ...]:
    """The question ids a condition reads, in the order they appear (no duplicates)."""
    seen: dict[str, None] = {}
    stack: list[Condition] = [condition]
    while stack:
        node = stack.pop(0)
        if isinstance(node, Test):
            seen.setdefault(node.question)
        elif isinstance(node, All | Any_):
            stack[0:0] = list(node.items)
        elif isinstance(node, Not):
            stack.insert(0, node.item)
    return tuple(seen)
