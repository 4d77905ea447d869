"""How `decide sessions show` looks on screen (the list is `decide.terminal.session_list`).

Everything from a session file or a bank goes through `Text` after
`clean_text`, so a hand-edited file cannot move the cursor or inject markup.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.text import Text

from decide.core.model import AnswerValue, Bank
from decide.core.tally import question_numbers
from decide.core.typed import clean_text
from decide.sessions.again import command as typed_command
from decide.sessions.files import SavedSession
from decide.sessions.overview import Overview, SessionAnswers
from decide.terminal.screens import answer_text, command
from decide.terminal.session_list import crisis_words, local_time, progress, who

__all__ = ["crisis_words", "local_time", "print_session", "progress", "raw_words", "who"]


def raw_words(value: AnswerValue) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def print_session(
    console: Console,
    saved: SavedSession,
    item: Overview,
    bank: Bank,
    answers: SessionAnswers | None,
    *,
    with_notes: bool = False,
    again: Callable[..., str] = typed_command,
) -> None:
    """The whole session; `answers` is None when `bank` is not the session's bank. Counselor
    notes only `with_notes` (the command makes sure that is never to a terminal); `again`
    spells the commands to type later."""
    state = "finished" if item.finished else "not finished"
    console.print(Text.assemble(("Session ", "bold"), (saved.id, "bold"), f"  ({who(item)})"))
    console.print(
        Text(
            f"Started {local_time(item.started)}, last answer {local_time(item.last_answer)}; "
            f"{progress(item)}, {state}."
        )
    )
    if item.crisis_fired:
        console.print(Text(crisis_words(item), style="bold"))
    if answers is None:
        console.print(
            Text(
                f"This session was answered with the bank {clean_text(saved.bank_id)} "
                f"(version {clean_text(saved.bank_version)}), not {clean_text(bank.meta.id)}. "
                "Use --bank with that bank's file to see the questions. The answers as saved:"
            )
        )
        for qid, given in saved.record.answers.items():
            console.print(Text(f"  - {clean_text(qid)}: {clean_text(raw_words(given.value))}"))
        if saved.set_aside:
            console.print(Text("Set aside earlier, because they did not fit that bank:"))
        for aside in saved.set_aside:
            words = f"{clean_text(aside.question)}: {clean_text(raw_words(aside.value))}"
            console.print(Text(f"  - {words}"))
        _notes(console, saved, bank, with_notes, again)
        return
    if item.bank_changed:
        console.print(
            Text(
                f"The bank changed since this session began (saved with version "
                f"{clean_text(saved.bank_version)}, now {clean_text(bank.meta.version)})."
            )
        )
    _applies(console, bank, answers)
    if answers.not_applying:
        console.print()
        console.print(Text("Kept, but not used: these no longer apply with the other answers:"))
        for entry in answers.not_applying:
            words = answer_text(entry.question, entry.value)
            console.print(Text(f"  - {clean_text(entry.question.text)} {clean_text(words)}"))
    if answers.unusable:
        console.print()
        console.print(
            Text(
                "Set aside: these no longer fit the bank, so they will be asked again. They "
                "stay in the session file and come back with a bank they fit:"
            )
        )
        for lost in answers.unusable:
            console.print(
                Text(
                    f"  - {clean_text(lost.question_id)}: {clean_text(raw_words(lost.value))} "
                    f"({lost.why})"
                )
            )
    _notes(console, saved, bank, with_notes, again)
    if not item.finished:
        console.print()
        command(console, "Continue with:", again("resume", saved.id))


def _applies(console: Console, bank: Bank, answers: SessionAnswers) -> None:
    if not answers.applies:
        console.print()
        console.print(Text("No answers yet."))
        return
    section = None
    # the numbers the questions had on screen when they were asked (and have in the review)
    numbers = question_numbers(bank, {e.question.id: e.value for e in answers.applies})
    for entry in answers.applies:
        number = numbers.get(entry.question.id, 0)
        if entry.question.section != section:
            section = entry.question.section
            found = bank.section(section)
            console.print()
            console.print(Text(clean_text(found.title if found else section), style="bold"))
        console.print(Text(f"{number:>3}. {clean_text(entry.question.text)}"))
        console.print(Text(f"     {clean_text(answer_text(entry.question, entry.value))}"))


def _notes(
    console: Console, saved: SavedSession, bank: Bank, with_notes: bool, again: Callable[..., str]
) -> None:
    if not saved.record.notes:
        return
    console.print()
    if not with_notes:
        count = len(saved.record.notes)
        console.print(
            Text(
                f"{count} counselor note{' is' if count == 1 else 's are'} not shown here. To "
                f"save them to a file: {again('report', '--session', saved.id, '--with-notes')} "
                "--output FILE"
            ),
            soft_wrap=True,
        )
        return
    console.print(Text("Counselor notes:", style="bold"))
    for note in saved.record.notes:
        section = bank.section(note.section)
        where = clean_text(section.title if section else note.section)
        console.print(Text(f"  - {where}, {local_time(note.at)}: {clean_text(note.text)}"))
