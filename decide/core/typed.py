"""What a person typed, turned into a command or an answer value.

Pure functions (no Rich, no terminal): a line of text in, a `Command`, `Empty` or an answer value
out, or an `AnswerError` whose message says what would work. The answer value is then checked
by the engine (`decide.core.answers.check_answer`) like any other answer.

At any prompt: `back` or `b` goes to the previous question, `quit` or `q` stops (answers so far
are kept), `?` shows more help, `skip` passes over an optional question, and in counselor mode
`note` adds a counselor note. Choices are answered by number or by label (case-insensitive; an
unambiguous start of the label is enough), several choices as `1,3` or labels separated by
commas, yes/no as y/n/yes/no, scales and numbers as digits.
"""

from __future__ import annotations

import re
from typing import Literal

from msgspec import Struct

from decide.core import display_text
from decide.core.errors import AnswerError
from decide.core.model import AnswerValue, Question

CommandName = Literal["back", "quit", "help", "note", "skip"]

_COMMANDS: dict[str, CommandName] = {
    "back": "back",
    "b": "back",
    "quit": "quit",
    "q": "quit",
    "?": "help",
    "help": "help",
    "skip": "skip",
}


class Command(Struct, frozen=True):
    name: CommandName


class Empty(Struct, frozen=True):
    """Enter on an empty line: keep the current answer, or pass over an optional question."""


Typed = Command | Empty | AnswerValue

# Digits are ASCII only, and short: a number far too long is an error, never a slow int().
_DIGITS = re.compile(r"[0-9]+")
_INTEGER = re.compile(r"[+-]?[0-9]{1,15}")
_NUMBER = re.compile(r"[+-]?(?:[0-9]{1,15}(?:\.[0-9]{0,15})?|\.[0-9]{1,15})")


def clean_text(text: str) -> str:
    """`text` without terminal escape sequences or control characters, on one line."""
    return display_text.clean_text(text).replace("\n", " ")


def parse_command(text: str, *, counselor: bool = False) -> Command | None:
    """The command `text` names, if it is one (`note` only in counselor mode)."""
    word = clean_text(text).strip().lower()
    if counselor and word == "note":
        return Command("note")
    name = _COMMANDS.get(word)
    return Command(name) if name is not None else None


def parse_typed(question: Question, text: str, *, counselor: bool = False) -> Typed:
    """What a line typed at `question`'s prompt means: a command, Empty, or an answer value.

    Raises AnswerError with a sentence saying what would work when the line fits nothing.
    """
    command = parse_command(text, counselor=counselor)
    if command is not None:
        return command
    cleaned = clean_text(text).strip()
    if not cleaned:
        return Empty()
    return parse_answer(question, cleaned)


def parse_answer(question: Question, text: str) -> AnswerValue:
    """The answer value `text` stands for (not yet checked against bounds or required)."""
    text = clean_text(text).strip()
    kind = question.type
    if kind == "single":
        return _pick(question, text)
    if kind == "multi":
        return _picks(question, text)
    if kind == "yesno":
        return _yes_no(text)
    if kind == "scale":
        return _scale(question, text)
    if kind == "number":
        return _number(question, text)
    return text


def _pick(question: Question, text: str) -> str:
    count = len(question.choices)
    if _DIGITS.fullmatch(text):
        index = int(text) if len(text) < 10 else 0
        if 1 <= index <= count:
            return question.choices[index - 1].id
        raise AnswerError(f"Please type a number from 1 to {count}.")
    wanted = text.casefold()
    for choice in question.choices:
        if wanted in (choice.label.casefold(), choice.id.casefold()):
            return choice.id
    starts = [c for c in question.choices if c.label.casefold().startswith(wanted)]
    if len(starts) == 1:
        return starts[0].id
    if len(starts) > 1:
        labels = ", ".join(f"{question.choices.index(c) + 1} {c.label}" for c in starts)
        raise AnswerError(f"'{text}' could be more than one choice ({labels}). Type its number.")
    raise AnswerError(
        f"'{_short(text)}' is not one of the choices. Type a number from 1 to {count}."
    )


def _picks(question: Question, text: str) -> list[str]:
    if "," in text:  # a label may hold a comma ("Metal in or near the head, such as…")
        whole = _whole_label(question, text)
        if whole is not None:
            return [whole]
    parts = [p.strip() for p in text.split(",")]
    picks: list[str] = []
    for part in parts:
        if not part:
            continue
        # "1 3" is read as "1,3"; a label with spaces is read as one label.
        words = part.split()
        tokens = words if len(words) > 1 and all(_DIGITS.fullmatch(w) for w in words) else [part]
        for token in tokens:
            picks.append(_pick(question, token))
    if not picks:
        raise AnswerError("Please pick at least one choice, for example 1,3.")
    return list(dict.fromkeys(picks))


def _whole_label(question: Question, text: str) -> str | None:
    """The one choice whose label, with its comma, `text` is (or is the unambiguous start of)."""
    wanted = text.casefold()
    with_comma = [c for c in question.choices if "," in c.label]
    exact = [c for c in with_comma if c.label.casefold() == wanted]
    starts = [c for c in with_comma if c.label.casefold().startswith(wanted)]
    found = exact or starts
    return found[0].id if len(found) == 1 else None


def _yes_no(text: str) -> bool:
    word = text.casefold()
    if word in ("y", "yes"):
        return True
    if word in ("n", "no"):
        return False
    raise AnswerError("Please type y for yes or n for no.")


def _scale(question: Question, text: str) -> int:
    if _INTEGER.fullmatch(text):
        return int(text)
    wanted = text.casefold()
    labelled = sorted(question.labels.items())
    for point, label in labelled:
        if wanted == label.casefold():
            return point
    starts = [point for point, label in labelled if label.casefold().startswith(wanted)]
    if len(starts) == 1:
        return starts[0]
    low, high = question.min, question.max
    span = f" from {_whole(low)} to {_whole(high)}" if low is not None and high is not None else ""
    raise AnswerError(f"Please type a whole number{span}.")


def _number(question: Question, text: str) -> int | float:
    unit = question.unit.casefold().strip()
    body = text
    if unit and body.casefold().endswith(unit):
        body = body[: -len(unit)].strip()
    if not _NUMBER.fullmatch(body):
        raise AnswerError("Please type a number using digits, for example 12.")
    value = float(body)
    if value.is_integer():
        return int(value)
    if question.integer:
        raise AnswerError("Please type a whole number, for example 12.")
    return value


def _whole(number: float | None) -> str:
    return "" if number is None else str(int(number)) if float(number).is_integer() else str(number)


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
