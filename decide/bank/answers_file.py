"""Answers files: a YAML or JSON mapping from question id to answer, for runs without prompts.

Each answer is held to the same rules as a typed one (`decide.core.answers.check_answer`). An unknown
question id or an invalid value is an error with `file:line:column`; an answer to a question
that its condition hides is kept out of every result and reported as a note.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msgspec import Struct, field

from decide.bank.json_tree import NeedsPositions, json_tree
from decide.bank.located import MDict, MList
from decide.bank.naming import did_you_mean, type_name
from decide.bank.text_file import YamlError, read_text
from decide.core.answers import check_answer
from decide.core.conditions import visible_questions
from decide.core.errors import MAX_SHOWN, AnswerError, AnswersFileError, Problem
from decide.core.model import AnswerValue, Bank, Location, Question
from decide.core.typed import parse_answer


class AnswersFile(Struct, frozen=True):
    values: dict[str, AnswerValue]  # every valid answer given, in bank order
    notes: list[Problem] = field(
        default_factory=list
    )  # answers that are not used (hidden questions)


def read_answers_file(path: Path, bank: Bank) -> AnswersFile:
    """Read and check an answers file against `bank`."""
    try:
        text = read_text(path, "answers")
    except YamlError as error:
        raise AnswersFileError(error.problems) from None
    return parse_answers(text, str(path), bank)


def parse_answers(text: str, source: str, bank: Bank) -> AnswersFile:
    """Check `text`'s answers against `bank`. JSON that YAML reads the same way is read
    without the YAML parser (`decide.bank.json_tree`), and again as YAML as soon as a
    problem or a note needs a position: what is said is the same either way."""
    tree = json_tree(text, source)
    if tree is not None:
        try:
            return _checked(tree, source, bank)
        except NeedsPositions:
            pass
    from decide.bank.yamlsource import compose, composed_problems

    try:
        data = compose(text, source)
    except YamlError as error:
        raise AnswersFileError(error.problems) from None
    return _checked(data, source, bank, composed_problems(data))


def _checked(
    data: Any, source: str, bank: Bank, problems: list[Problem] | None = None
) -> AnswersFile:
    problems = problems if problems is not None else []
    if not isinstance(data, MDict):
        problems.append(
            Problem(
                Location(source, 1, 1),
                f"an answers file is a mapping from question id to answer, not {type_name(data)}",
            )
        )
        raise AnswersFileError(problems)
    given: dict[str, AnswerValue] = {}
    unreadable: list[str] = []
    ids = [q.id for q in bank.questions]
    # Past the first few, unknown ids are counted, not said: a file of a million of them must
    # not build a million messages (it took 69 s and 1 GB). The count fills the last line.
    shown_unknown = MAX_SHOWN - 1
    unknown, first_hidden = 0, None
    for qid, raw in data.items():
        question = bank.question(qid)
        if question is None:
            unknown += 1
            if unknown <= shown_unknown:  # a message, and near matches, only for those shown
                near = did_you_mean(qid, ids)
                problems.append(
                    Problem(data.where_key(qid), f"there is no question '{qid}' in this bank{near}")
                )
            elif first_hidden is None:
                first_hidden = data.where_key(qid)
            continue
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue  # left blank on purpose (null, '' or spaces): not answered
        try:
            given[qid] = check_answer(question, _as_given(question, raw))
        except AnswerError as error:
            problems.append(Problem(data.where(qid), f"'{qid}': {error.message}"))
            unreadable.append(qid)
    if first_hidden is not None:
        hidden = unknown - shown_unknown
        problems.append(
            Problem(
                first_hidden,
                f"and {hidden:,} more id{'s' if hidden != 1 else ''} from here on that "
                f"{'are not questions' if hidden != 1 else 'is not a question'} in this bank",
            )
        )
    if problems:
        raise AnswersFileError(
            problems,
            hint="Fix these answers, or remove them to be asked instead.",
            values=given,  # the valid ones: the crisis layer still acts on them
            unreadable=tuple(unreadable),
        )
    shown = {q.id for q in visible_questions(bank, given)}
    notes = [
        Problem(
            data.where_key(qid),
            f"the answer to '{qid}' is not used: that question does not apply "
            "with the other answers given",
        )
        for qid in given
        if qid not in shown
    ]
    ordered = {q.id: given[q.id] for q in bank.questions if q.id in given}
    return AnswersFile(values=ordered, notes=notes)


def _as_given(question: Question, raw: Any) -> Any:
    """Undo YAML's guesses where a choice id looks like a bool or a number (`true`, `1`), and
    read yes/no written as words (`y`, `"yes"`, `"True"`) the way the prompt reads them."""
    if question.type == "yesno" and isinstance(raw, str):
        return _yes_no(question, raw)
    if question.type in ("single", "multi"):
        if isinstance(raw, MList):
            return [_choice_id(question, item) for item in raw]
        return _choice_id(question, raw)
    if isinstance(raw, MList):
        return list(raw)
    return raw


def _yes_no(question: Question, raw: str) -> bool:
    """y/n/yes/no as typed at the prompt, or true/false, in any case; else say what works."""
    word = raw.strip().casefold()
    if word in ("true", "false"):
        return word == "true"
    try:
        value = parse_answer(question, raw)
    except AnswerError:
        raise AnswerError("Please answer yes or no (y, n, true or false work too).") from None
    assert isinstance(value, bool)
    return value


def _choice_id(question: Question, raw: Any) -> Any:
    if isinstance(raw, bool):  # YAML reads yes/no/true/false as a bool
        for spelled in ("true", "yes") if raw else ("false", "no"):
            if question.choice(spelled):
                return spelled
        return raw
    if isinstance(raw, int | float):
        return str(raw) if question.choice(str(raw)) else raw
    return raw


def missing_required(bank: Bank, values: dict[str, AnswerValue]) -> list[Question]:
    """Required visible questions that have no answer yet."""
    return [q for q in visible_questions(bank, values) if q.required and q.id not in values]
