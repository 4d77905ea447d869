"""Weighing: what a person's answers change in the summary, and what they never change.

Answers order the comparison *rows* and raise *points* for the specialist. They never order,
score or rank the *options*: nothing here computes anything per option except the list of
points from the person's history, which every option gets in the same shape (empty or not).

Only the answers that apply (`decide.core.conditions.effective_answers`) are read: an answer left
behind by a question that is now hidden changes nothing.

How rows are ordered (the README and docs/report-json.md say the same), in one pass over the
questions and one over the points:

- A row's importance is the rating (0-4) the person gave to the preference scale questions
  that weigh it; when several weigh the same row, the highest rating counts.
- Rows raised by safety come first: a row is raised by safety when a contraindication or
  caution point that belongs to it (its consideration's `row`) holds for these answers.
- Then every row the person rated, highest rating first: a higher rating never loses to a
  lower one, and a rated row always ranks above one nobody rated (a rating left unanswered, or
  hidden, ranks below every answered one). Rows rated 0 ("not at all") are marked as less
  important to them, and still shown.
- Then the rows nobody rated.
- Within the same place, a row raised by a history answer (its `raised_if` holds, or one of its
  points holds) comes before one that is not; then the bank's order. A raised row is marked as
  raised by their answers, with the bank's reason.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from msgspec import Struct

from decide.core.conditions import (
    effective_answers,
    evaluate,
    referenced_questions,
    visible_questions,
)
from decide.core.display_text import clean_text
from decide.core.model import (
    SAFETY_KINDS,
    AnswerValue,
    Bank,
    ConsiderationKind,
    Option,
    Question,
    Row,
)

IMPORTANT = 3  # "very": what "matters most" starts from
RAISED = "Your answers make this topic matter."  # if a bank gives no reason (it must)
SAFETY_RAISED = "Something you told us about your health may matter for one or more options."


class RowWeight(Struct, frozen=True):
    """One comparison row with what the person's answers say about it."""

    row: Row
    importance: int | None  # highest rating of the preferences that weigh it; None: not rated
    rated_by: Question | None  # the preference question that gave that rating
    raised_because: str  # "" unless a history answer raised this row
    by_safety: bool = False  # a contraindication or caution point of this row holds

    @property
    def raised(self) -> bool:
        return bool(self.raised_because)

    @property
    def less_important(self) -> bool:
        """Rated "not at all" and not raised by their history: marked."""
        return self.importance == 0 and not self.raised

    @property
    def rank(self) -> tuple[int, int, int]:
        """Where the row is placed (smallest first, then bank order); never shown to anyone."""
        tier = 0 if self.by_safety else (1 if self.importance is not None else 2)
        return (tier, -(self.importance or 0), 0 if self.raised else 1)


class Rating(Struct, frozen=True):
    """A preference the person rated, for "what matters most to you"."""

    question: Question
    value: int


class Point(Struct, frozen=True):
    """A point from the person's history to raise about one option."""

    consideration: str
    text: str
    sources: tuple[str, ...]
    kind: ConsiderationKind = "background"
    row: str = ""  # the comparison row it belongs to


class OptionPoints(Struct, frozen=True):
    """Every option gets one of these, in bank order, whether it has points or not."""

    option: Option
    points: tuple[Point, ...]


class ReadinessItem(Struct, frozen=True):
    question: Question
    answer: bool | None  # None: not answered


class Readiness(Struct, frozen=True):
    items: tuple[ReadinessItem, ...]

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def yes(self) -> int:
        return sum(1 for item in self.items if item.answer is True)

    @property
    def gaps(self) -> tuple[ReadinessItem, ...]:
        """The items answered "no": each brings its suggestion for the conversation."""
        return tuple(item for item in self.items if item.answer is False)


class KnowledgeMiss(Struct, frozen=True):
    question: Question
    given: str  # the label of the choice picked
    correct: str  # the label of the right choice
    explanation: str


class Ask(Struct, frozen=True):
    """A question for the specialist and where it came from."""

    text: str
    origin: str  # "yours" | "history" | "readiness" | "standard"


class Weighing(Struct, frozen=True):
    rows: tuple[RowWeight, ...]  # in the order shown
    ratings: tuple[Rating, ...]  # every preference rated, highest first, ties in bank order
    anything_else: tuple[str, ...]  # free-text preferences, as written
    points: tuple[OptionPoints, ...]  # one per option, bank order
    readiness: Readiness
    missed: tuple[KnowledgeMiss, ...]
    questions_to_ask: tuple[Ask, ...]


def weigh(bank: Bank, answers: Mapping[str, AnswerValue]) -> Weighing:
    """Everything the summary takes from the answers, from the answers that apply only."""
    given = effective_answers(bank, answers)
    points = _points(bank, given)
    readiness = _readiness(bank, given)
    return Weighing(
        rows=order_rows(bank, given),
        ratings=_ratings(bank, given),
        anything_else=_free_texts(bank, given, "preference"),
        points=points,
        readiness=readiness,
        missed=_missed(bank, given),
        questions_to_ask=_questions_to_ask(bank, given, readiness),
    )


def _rating(value: AnswerValue | None) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def _is_preference_scale(question: Question) -> bool:
    return question.role == "preference" and question.type == "scale"


def order_rows(bank: Bank, answers: Mapping[str, AnswerValue]) -> tuple[RowWeight, ...]:
    """The rows in the order shown (see the module docstring). `answers` must be effective.

    One pass over the questions gives every row its best rating, one pass over the points
    gives the rows they raise; each row is then looked at once."""
    best: dict[str, tuple[int, Question]] = {}
    for question in bank.questions:
        if not _is_preference_scale(question):
            continue
        value = _rating(answers.get(question.id))
        if value is None:
            continue
        for row_id in question.weighs:
            if row_id not in best or value > best[row_id][0]:
                best[row_id] = (value, question)
    by_point: dict[str, bool] = {}  # row id -> raised by a safety point (True) or another
    for c in bank.considerations:  # raised only by what was said, as below
        said = all(q in answers for q in referenced_questions(c.when))
        if c.row and said and evaluate(c.when, answers):
            by_point[c.row] = by_point.get(c.row, False) or c.kind in SAFETY_KINDS
    weights: list[RowWeight] = []
    for row in bank.rows:
        rated = best.get(row.id)
        # Raised only by what was said: a condition that holds because an answer is missing
        # ("not: visits are easy", unanswered) raises nothing.
        raised = (
            row.raised_if is not None
            and all(q in answers for q in referenced_questions(row.raised_if))
            and evaluate(row.raised_if, answers)
        )
        because = (row.raised_because or RAISED) if raised else ""
        if row.id in by_point and not because:
            because = SAFETY_RAISED if by_point[row.id] else RAISED
        weights.append(
            RowWeight(
                row=row,
                importance=rated[0] if rated else None,
                rated_by=rated[1] if rated else None,
                raised_because=because,
                by_safety=by_point.get(row.id, False),
            )
        )
    order = sorted(range(len(weights)), key=lambda i: (weights[i].rank, i))
    return tuple(weights[i] for i in order)


def _ratings(bank: Bank, answers: Mapping[str, AnswerValue]) -> tuple[Rating, ...]:
    rated = [
        Rating(question, value)
        for question in bank.questions
        if _is_preference_scale(question)
        and (value := _rating(answers.get(question.id))) is not None
    ]
    return tuple(sorted(rated, key=lambda r: -r.value))  # sorted() is stable: bank order


def _free_texts(bank: Bank, answers: Mapping[str, AnswerValue], role: str) -> tuple[str, ...]:
    texts: list[str] = []
    for question in bank.questions:
        value = answers.get(question.id)
        if question.role == role and question.type == "text" and isinstance(value, str):
            cleaned = clean_text(value).strip()
            if cleaned:
                texts.append(cleaned)
    return tuple(texts)


def _points(bank: Bank, answers: Mapping[str, AnswerValue]) -> tuple[OptionPoints, ...]:
    holding = [c for c in bank.considerations if evaluate(c.when, answers)]
    return tuple(
        OptionPoints(
            option=option,
            points=tuple(
                Point(c.id, c.points[option.id], c.sources, c.kind, c.row)
                for c in holding
                if option.id in c.points
            ),
        )
        for option in bank.options
    )


def _readiness(bank: Bank, answers: Mapping[str, AnswerValue]) -> Readiness:
    items = []
    for question in visible_questions(bank, answers):  # a hidden item counts against no one
        if question.role != "readiness" or question.type != "yesno":
            continue
        value = answers.get(question.id)
        items.append(ReadinessItem(question, value if isinstance(value, bool) else None))
    return Readiness(tuple(items))


def _missed(bank: Bank, answers: Mapping[str, AnswerValue]) -> tuple[KnowledgeMiss, ...]:
    missed: list[KnowledgeMiss] = []
    for question in bank.questions:
        value = answers.get(question.id)
        if question.role != "knowledge" or question.correct is None or not isinstance(value, str):
            continue
        if value == question.correct:
            continue
        picked, right = question.choice(value), question.choice(question.correct)
        missed.append(
            KnowledgeMiss(
                question=question,
                given=picked.label if picked else value,
                correct=right.label if right else question.correct,
                explanation=question.explanation,
            )
        )
    return tuple(missed)


_SENTENCE_END = re.compile(r"(?<=[?!.])(?<![0-9][.])\s+(?=\S)")  # "1. list" is not an end


def split_questions(text: str) -> list[str]:
    """What a person typed for their specialist, one question (or sentence) each, whole:
    "Could I keep working? Will my benzo be a problem?" is two questions."""
    return [
        part.strip()
        for line in text.splitlines()
        for part in _SENTENCE_END.split(line)
        if part.strip()
    ]


def _same_question_key(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip("?.! ")


def _questions_to_ask(
    bank: Bank, answers: Mapping[str, AnswerValue], readiness: Readiness
) -> tuple[Ask, ...]:
    """The person's own questions first, then those their answers suggest, then the bank's."""
    candidates: list[Ask] = []
    for text in _free_texts(bank, answers, "my_questions"):
        candidates.extend(Ask(question, "yours") for question in split_questions(text))
    candidates.extend(
        Ask(c.ask, "history") for c in bank.considerations if c.ask and evaluate(c.when, answers)
    )
    candidates.extend(Ask(item.question.ask, "readiness") for item in readiness.gaps)
    candidates.extend(Ask(text, "standard") for text in bank.specialist_questions)
    seen: set[str] = set()
    unique: list[Ask] = []
    for ask in candidates:
        key = _same_question_key(ask.text)
        if key and key not in seen:
            seen.add(key)
            unique.append(ask)
    return tuple(unique)
