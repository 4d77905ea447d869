"""What `decide sessions list`, `show` and `export` say about a saved session. Pure.

Progress and answers are always read through `reconcile` and the visibility rules, so what is
shown is what a resume would use: answers that no longer apply, or no longer fit the bank, are
set apart and never counted.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from msgspec import Struct

from decide.core.model import AnswerValue, Bank, Question
from decide.sessions.files import AsideAnswer, SavedSession, moment


class Overview(NamedTuple):
    """One line of `decide sessions list`. A named tuple, not a dataclass: a list of 10,000
    sessions builds 10,000 of them, and a tuple is made in one step."""

    id: str
    client_code: str | None
    mode: str
    started: str
    updated: str
    last_answer: str | None
    answered: int  # answers that count (visible questions; all answers if the bank is unknown)
    visible: int | None  # visible questions; None when the session's bank is not at hand
    finished: bool
    crisis_fired: bool
    crisis_at: str | None
    bank_id: str
    bank_version: str
    bank_changed: bool | None  # None when the session's bank is not at hand
    set_aside: int = 0  # answers kept in the file that did not fit a bank (sessions show)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "client_code": self.client_code,
            "mode": self.mode,
            "started": self.started,
            "updated": self.updated,
            "last_answer": self.last_answer,
            "answered": self.answered,
            "visible": self.visible,
            "finished": self.finished,
            "crisis_fired": self.crisis_fired,
            "crisis_at": self.crisis_at,
            "bank": {"id": self.bank_id, "version": self.bank_version},
            "bank_changed": self.bank_changed,
            "set_aside": self.set_aside,
        }


def same_bank(bank: Bank | None, saved: SavedSession) -> bool:
    """True when `bank` is the session's bank (perhaps a later version of it)."""
    return bank is not None and bank.meta.id == saved.bank_id


def overview(saved: SavedSession, bank: Bank | None) -> Overview:
    from decide.core.tally import tally
    from decide.sessions.reconcile import reconcile

    record = saved.record
    stamps = [given.at for given in record.answers.values()]
    answered, visible, changed = len(record.answers), None, None
    finished = record.finished
    if bank is not None and same_bank(bank, saved):
        fitted = reconcile(bank, saved).record
        values, finished = fitted.values(), fitted.finished
        counted = tally(bank, values)  # the same count as the interview and the report
        answered, visible = counted.answered, counted.applies
        changed = bank.content_hash != saved.bank_hash
    return Overview(
        id=saved.id,
        client_code=record.client_code,
        mode=record.mode,
        started=saved.created,
        updated=saved.updated,
        last_answer=max(stamps, key=moment) if stamps else None,
        answered=answered,
        visible=visible,
        finished=finished,
        crisis_fired=record.crisis_fired,
        crisis_at=record.crisis_at,
        bank_id=saved.bank_id,
        bank_version=saved.bank_version,
        bank_changed=changed,
        set_aside=len(saved.set_aside),
    )


class Answered(Struct, frozen=True):
    question: Question
    value: AnswerValue


class Unusable(Struct, frozen=True):
    question_id: str
    value: AnswerValue
    why: str


class SessionAnswers(Struct, frozen=True):
    """A saved session's answers sorted the way `show` and `export` need them."""

    applies: tuple[Answered, ...]  # in bank order: the answers a resume or report uses
    not_applying: tuple[Answered, ...]  # kept, but their question is hidden by other answers
    unusable: tuple[Unusable, ...]  # no longer fit the bank: asked again on resume


def sort_answers(bank: Bank, saved: SavedSession) -> SessionAnswers:
    from decide.core.conditions import visible_questions
    from decide.sessions.reconcile import reconcile

    reconciled = reconcile(bank, saved)
    fitted = reconciled.record.values()
    shown = {q.id for q in visible_questions(bank, fitted)}
    applies: list[Answered] = []
    hidden: list[Answered] = []
    for question in bank.questions:
        if question.id in fitted:
            item = Answered(question, fitted[question.id])
            (applies if question.id in shown else hidden).append(item)
    unusable = [Unusable(a.question, a.value, _why(bank, a)) for a in reconciled.set_aside]
    return SessionAnswers(tuple(applies), tuple(hidden), tuple(unusable))


def _why(bank: Bank, answer: AsideAnswer) -> str:
    question = bank.question(answer.question)
    if question is None:
        return "this question is no longer in the bank"
    if answer.type is not None and answer.type != question.type:
        return "this question is now asked in a different way"
    return "this answer no longer fits the question"


def answers_file_text(bank: Bank, saved: SavedSession, answers: SessionAnswers) -> bytes:
    """An answers file (YAML) with exactly the answers that apply, in bank order."""
    import yaml

    from decide.core.json_text import has_invisible

    values = {item.question.id: item.value for item in answers.applies}
    header = (
        f"# decide answers file, exported from session {saved.id}\n"
        f"# (bank {bank.meta.id}, version {bank.meta.version}).\n"
        "# Private health answers: keep this file where only you can read it.\n"
        "# Use it with: decide interview --answers FILE\n"
    )
    body = yaml.safe_dump(values, sort_keys=False, allow_unicode=True, default_flow_style=False)
    if yaml.safe_load(body) != values or has_invisible(body):
        # a line break YAML folds (U+0085, U+2028), or a bidi override or other invisible
        # control (U+202E) that would make an answer read as something else: escape them all
        body = yaml.safe_dump(values, sort_keys=False, default_flow_style=False)
    return (header + body).encode("utf-8")
