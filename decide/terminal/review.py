"""The review screen: every answer under the number it was asked with, before the summary.

EDGE module, used by `decide.terminal.ask`. Compact by default (one screen: each answer in a
few words, by part, packed side by side, never broken between a number and its words); `list`
shows every question in full. Numbers come from `decide.core.tally.question_numbers`, the same
numbers shown while asking, in `sessions show` and everywhere else.
"""

from __future__ import annotations

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from decide.core.interview import Interview
from decide.core.model import AnswerValue, Question
from decide.core.tally import question_numbers
from decide.terminal.screens import answer_text, bullets, heading, numbered, show
from decide.terminal.trimmed import Trimmed


def review_numbers(state: Interview) -> dict[int, Question]:
    """Each question that applies under the number it had on screen when it was asked."""
    numbers = question_numbers(state.bank, state.answers)
    return {numbers[q.id]: q for q in state.visible()}


def short_answer(question: Question, value: AnswerValue) -> str:
    """An answer in a few words for the compact review: each choice up to its first ", such
    as", ":" or " (", and at most about 40 characters (the full words are one `list` away)."""
    if question.type in ("single", "multi"):
        picked = value if isinstance(value, list) else [value]
        labels = [(c.label if (c := question.choice(str(v))) else str(v)) for v in picked]
        text = ", ".join(_cut(label) for label in labels)
    else:
        text = answer_text(question, value)
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39].rstrip(" ,.;:") + "…"


def _cut(label: str) -> str:
    for mark in (", such as", ": ", " ("):
        at = label.find(mark)
        if at > 0:
            label = label[:at]
    return label


def review(
    console: Console,
    state: Interview,
    *,
    plain: bool,
    only: set[str] | None = None,
    full: bool = False,
) -> dict[int, Question]:
    """The answers under the numbers they were asked with: compact (one screen, a few words
    each, by part), or with `full` every question in full; with `only`, just those questions
    (what a change just did)."""
    heading(console, "Check your answers", plain=plain)
    listed = review_numbers(state)

    def given(asked: Question, words: str) -> Text:
        if asked.id in state.answers:
            return Text(words, style="bold")
        return Text("Skipped (no answer)" if full else "Skipped", style="dim")

    shown = [(n, q) for n, q in listed.items() if only is None or q.id in only]
    if only is not None:
        changed = "This changed:" if shown else "Nothing changed."
        show(
            console, Text(f"{changed} Your other answers are as they were (type list to see all).")
        )
    if full:
        entries = [
            (f"{n}.", Text.assemble(q.text, " — ", given(q, _answer_or_blank(state, q))))
            for n, q in shown
        ]
        numbered(console, entries, indent=0)
    else:
        parts: dict[str, list[Text]] = {}
        for n, q in shown:
            entry = Text.assemble(f"{n}. ", given(q, _short_or_blank(state, q)))
            parts.setdefault(q.section, []).append(entry)
        for section_id, answers in parts.items():
            section = state.bank.section(section_id)
            show(console, Text(section.title if section else section_id, style="bold"))
            for line in _packed(answers, console.width - 2):
                console.print(Trimmed(Padding(line, (0, 0, 0, 2))))
    stale = state.stale()
    if stale:
        console.print()
        show(console, Text("These answers no longer apply, so they are not used:"))
        bullets(
            console,
            [Text(f"{q.text} {answer_text(q, state.answers[q.id])}", style="dim") for q in stale],
            indent=1,
        )
    review_prompt(console, full=full)
    return listed


def _packed(entries: list[Text], width: int) -> list[Text]:
    """Entries side by side, as many as fit on a line: a line breaks between two answers,
    never between an answer's number and its words (unless one answer is wider than a line)."""
    lines: list[Text] = []
    for entry in entries:
        if lines and lines[-1].cell_len + 3 + entry.cell_len <= width:
            lines[-1].append("   ")
            lines[-1].append_text(entry)
        else:
            lines.append(entry.copy())
    return lines


def _answer_or_blank(state: Interview, asked: Question) -> str:
    value = state.answers.get(asked.id)
    return answer_text(asked, value) if value is not None else ""


def _short_or_blank(state: Interview, asked: Question) -> str:
    value = state.answers.get(asked.id)
    return short_answer(asked, value) if value is not None else ""


def review_prompt(console: Console, *, full: bool = True) -> None:
    """What to type at the review screen."""
    console.print()
    if full:
        show(console, Text("To change an answer, type its number."))
    else:
        show(console, Text("To see a question again or change it, type its number."))
        show(console, Text("To see every question in full, type list."))
    show(console, Text("If they are right, press Enter to see your summary."))
