"""The readiness yes/no questions (the SURE items) asked together: one screen, one line typed.

EDGE module, used by `decide.terminal.ask`. Consecutive readiness yes/no questions that are all
still open are shown as one numbered list; the person types the numbers they say yes to (0
for none). Each question still gets its own yes or no, under its own number, so the record,
the review, answers files and the summary are the same as when they are asked one at a time;
`?` asks them one at a time instead. A question reached by `back` or from the review is asked
on its own.
"""

from __future__ import annotations

import re

from rich.console import Console
from rich.text import Text

from decide.core.errors import AnswerError
from decide.core.interview import Interview, Progress
from decide.core.model import Question
from decide.core.typed import clean_text
from decide.terminal import screens

HINT = "Type the numbers you say yes to, like 1,3, or 0 for none. Type ? to answer one at a time."
NONE = ("0", "none", "no", "n")
ALL = ("all", "yes", "y")


def _fits(question: Question) -> bool:
    return question.role == "readiness" and question.type == "yesno"


def together(state: Interview) -> tuple[Question, ...]:
    """The open readiness yes/no questions from the current one on, when there are two or
    more in a row (and the person did not move here with back or from the review)."""
    current = state.current()
    if state.cursor is not None or current is None or not _fits(current):
        return ()
    shown = state.visible()
    start = next(i for i, q in enumerate(shown) if q.id == current.id)
    group: list[Question] = []
    for question in shown[start:]:
        if not _fits(question) or question.id in state.answers or question.id in state.skipped:
            break
        group.append(question)
    return tuple(group) if len(group) > 1 else ()


def show(console: Console, group: tuple[Question, ...], progress: Progress) -> None:
    """The questions as one numbered list, under the numbers they keep."""
    console.print()
    last = progress.number + len(group) - 1
    about = "about " if last < progress.about else ""
    where = f"Questions {progress.number} to {last} of {about}{progress.about}"
    screens.show(console, Text(where, style="dim"))
    screens.show(console, Text("Which of these can you answer yes to?", style="bold"))
    if group[0].help:
        screens.show(console, Text(group[0].help))
    screens.numbered(console, [(str(n), Text(q.text)) for n, q in enumerate(group, 1)])
    screens.show(console, Text(HINT, style="dim"))


def parse(line: str, count: int) -> list[bool]:
    """Yes or no for each of `count` questions, from the numbers typed (0 for none)."""
    word = clean_text(line).strip().casefold()
    if word in NONE:
        return [False] * count
    if word in ALL:
        return [True] * count
    parts = [p for p in re.split(r"[,\s]+", word) if p]
    if parts and all(p.isascii() and p.isdigit() and 1 <= int(p) <= count for p in parts):
        picked = {int(p) for p in parts}
        return [n in picked for n in range(1, count + 1)]
    raise AnswerError(
        f"Please type the numbers you say yes to (1 to {count}), like 1,3, or 0 for none."
    )
