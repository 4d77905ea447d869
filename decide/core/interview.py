"""The interview engine: which question comes next, as a value.

Pure: no terminal, no files, no clock. An `Interview` holds the bank, every answer given so far
(including answers to questions that are hidden now: kept, so flipping an answer back restores
them, but never used), the optional questions the person passed over, and a cursor set by
`back()` or `goto()`. Every step returns a new `Interview`; tests drive it with a plain list of
answers, the terminal drives it with what a person types.

Rules:
- the next question is the one the person moved to with back/change, otherwise the first
  visible question that has neither an answer nor been skipped;
- after `back()`, answering steps forward through the questions already answered (their answers
  are offered again), until it reaches one that is still open;
- after `goto()` (a change from the review screen), answering goes straight to the first open
  question, or to the end when there is none;
- visibility is re-evaluated from scratch after every change, so a changed answer updates
  everything after it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from msgspec import Struct, field
from msgspec.structs import replace

from decide.core.answers import check_answer
from decide.core.conditions import effective_answers, visible_questions
from decide.core.errors import AnswerError
from decide.core.model import AnswerValue, Bank, Question, Section
from decide.core.tally import expected_questions, passed_over


class Progress(Struct, frozen=True):
    """Where the person is: question `number` of about `about` visible, section i of m."""

    number: int
    about: int
    section_number: int
    section_count: int
    section: Section | None

    @property
    def is_estimate(self) -> bool:
        """True while later answers may still change how many questions there are."""
        return self.number < self.about


def _frozen(answers: Mapping[str, AnswerValue]) -> Mapping[str, AnswerValue]:
    return MappingProxyType(dict(answers))


class Interview(Struct, frozen=True, eq=False):
    """One interview's state. Build it with `Interview.begin`, `resume` or `from_answers`."""

    bank: Bank
    answers: Mapping[str, AnswerValue] = field(default_factory=lambda: _frozen({}))
    skipped: frozenset[str] = frozenset()
    cursor: str | None = None
    walking: bool = False  # True after back(): answering steps through answered questions

    # ------------------------------------------------------------------ construction

    @classmethod
    def begin(cls, bank: Bank) -> Interview:
        """A new interview with no answers."""
        return cls(bank)

    @classmethod
    def resume(cls, bank: Bank, answers: Mapping[str, AnswerValue]) -> Interview:
        """Continue from saved answers.

        Optional questions left open before the last answered one were passed over last time,
        so they are not asked again; the interview goes on from the first open question.
        """
        return cls(bank, _frozen(answers), passed_over(bank, answers))

    @classmethod
    def from_answers(cls, bank: Bank, values: Mapping[str, AnswerValue]) -> Interview:
        """Answers given all at once (an answers file), each checked as if it had been typed.

        Every visible optional question without an answer counts as passed over; required
        ones stay open (see `open_required`). An answer to a question that is hidden is kept
        and never used. Raises AnswerError naming the question when a value does not fit.
        """
        checked: dict[str, AnswerValue] = {}
        for question in bank.questions:
            if question.id not in values:
                continue
            try:
                checked[question.id] = check_answer(question, values[question.id])
            except AnswerError as error:
                raise AnswerError(f"{question.id}: {error.message}") from None
        unknown = sorted(set(values) - set(checked))
        if unknown:
            raise AnswerError(f"No such question in this bank: {', '.join(unknown)}.")
        shown = visible_questions(bank, checked)
        skipped = frozenset(q.id for q in shown if not q.required and q.id not in checked)
        return cls(bank, _frozen(checked), skipped)

    # ------------------------------------------------------------------ reading

    def visible(self) -> tuple[Question, ...]:
        """The questions that apply now, in bank order."""
        return visible_questions(self.bank, self.answers)

    def current(self) -> Question | None:
        """The question to ask now, or None when every visible question is settled."""
        shown = self.visible()
        if self.cursor is not None:
            for question in shown:
                if question.id == self.cursor:
                    return question
        for question in shown:
            if question.id not in self.answers and question.id not in self.skipped:
                return question
        return None

    @property
    def done(self) -> bool:
        """Every visible question has an answer or was passed over (optional ones only)."""
        return self.current() is None

    def previous(self) -> Question | None:
        """The visible question before the current one (the last one when done)."""
        shown = self.visible()
        current = self.current()
        if current is None:
            return shown[-1] if shown else None
        index = next(i for i, q in enumerate(shown) if q.id == current.id)
        return shown[index - 1] if index > 0 else None

    def progress(self) -> Progress:
        """Question k (its place among the visible questions) of about n (those expected to
        apply, see `decide.core.tally`), section i of m (sections with a visible question)."""
        shown = self.visible()
        current = self.current()
        sections: list[str] = []
        for question in shown:
            if question.section not in sections:
                sections.append(question.section)
        if current is None:
            number, section_id = len(shown), shown[-1].section if shown else None
        else:
            number = next(i for i, q in enumerate(shown) if q.id == current.id) + 1
            section_id = current.section
        section_number = sections.index(section_id) + 1 if section_id in sections else 0
        section = self.bank.section(section_id) if section_id is not None else None
        about = max(number, len(expected_questions(self.bank, self.answers, self.skipped)))
        return Progress(number, about, section_number, len(sections), section)

    def effective(self) -> dict[str, AnswerValue]:
        """The answers that apply: the only ones anything may use."""
        return effective_answers(self.bank, self.answers)

    def stale(self) -> tuple[Question, ...]:
        """Questions with an answer that no longer applies (hidden now; kept, never used)."""
        shown = {q.id for q in self.visible()}
        return tuple(q for q in self.bank.questions if q.id in self.answers and q.id not in shown)

    def open_required(self) -> tuple[Question, ...]:
        """Visible required questions that still have no answer."""
        return tuple(q for q in self.visible() if q.required and q.id not in self.answers)

    def answered(self) -> tuple[Question, ...]:
        """Visible questions with an answer, in order (what the review screen lists)."""
        return tuple(q for q in self.visible() if q.id in self.answers)

    # ------------------------------------------------------------------ steps

    def answer(self, value: object) -> Interview:
        """Answer the current question (checked as typed) and move on."""
        question = self._require_current()
        checked = check_answer(question, value)
        answers = dict(self.answers)
        answers[question.id] = checked
        return self._advance(question, answers, self.skipped - {question.id})

    def skip(self) -> Interview:
        """Pass over the current question; only optional questions can be passed over.

        Any answer it had is removed: passing over means "no answer".
        """
        question = self._require_current()
        if question.required:
            raise AnswerError("This question needs an answer.")
        answers = {k: v for k, v in self.answers.items() if k != question.id}
        return self._advance(question, answers, self.skipped | {question.id})

    def back(self) -> Interview:
        """Move to the previous visible question; unchanged at the first question."""
        target = self.previous()
        if target is None:
            return self
        return replace(self, cursor=target.id, walking=True)

    def goto(self, question_id: str) -> Interview:
        """Move to a visible question to change its answer (from the review screen)."""
        if question_id not in {q.id for q in self.visible()}:
            raise AnswerError(f"There is no question {question_id!r} to change here.")
        return replace(self, cursor=question_id, walking=False)

    # ------------------------------------------------------------------ internals

    def _require_current(self) -> Question:
        question = self.current()
        if question is None:
            raise AnswerError("Every question has been answered.")
        return question

    def _advance(
        self, question: Question, answers: dict[str, AnswerValue], skipped: frozenset[str]
    ) -> Interview:
        cursor: str | None = None
        walking = False
        if self.walking:
            shown = visible_questions(self.bank, answers)
            index = next(i for i, q in enumerate(shown) if q.id == question.id)
            following = shown[index + 1] if index + 1 < len(shown) else None
            if following is not None and (following.id in answers or following.id in skipped):
                cursor, walking = following.id, True
        return Interview(self.bank, _frozen(answers), skipped, cursor, walking)
