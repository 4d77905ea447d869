"""How `decide sessions list` and `decide sessions show` look on screen.

One short block per session rather than a wide table, so the list reads well at 40 columns and
through a screen reader. Everything from a session file or a bank goes through `Text` after
`clean_text`, so a hand-edited file cannot move the cursor or inject markup.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.console import Console
from rich.text import Text

from decide.core.model import AnswerValue, Bank
from decide.core.tally import question_numbers
from decide.core.typed import clean_text
from decide.sessions.again import command as typed_command
from decide.sessions.files import SavedSession
from decide.sessions.overview import Overview, SessionAnswers
from decide.terminal.screens import answer_text, command


def local_time(stamp: str | None) -> str:
    """An ISO time as the person's local date and time, to the minute."""
    if not stamp:
        return "never"
    try:
        t = datetime.fromisoformat(stamp).astimezone()
        # by hand: strftime was a tenth of listing 10,000 sessions
        return f"{t.year:04d}-{t.month:02d}-{t.day:02d} {t.hour:02d}:{t.minute:02d}"
    except ValueError:
        return clean_text(stamp)


def progress(item: Overview) -> str:
    if item.visible is None:
        return f"{item.answered} answered"
    return f"{item.answered} of {item.visible} answered"


def who(item: Overview) -> str:
    parts = [f"{item.mode} mode"]
    if item.client_code:
        parts.append(f"client {clean_text(item.client_code)}")
    return ", ".join(parts)


def crisis_words(item: Overview) -> str:
    """Said in words, not by colour alone, so a counselor scanning the list sees it."""
    when = f" on {local_time(item.crisis_at)}" if item.crisis_at else ""
    return f"Crisis resources were shown{when}."


def print_list(console: Console, items: list[Overview], root: str) -> None:
    """The list as plain lines written straight to the console's file: Rich's layout of
    40,000 lines was most of the time of listing a counselor's 10,000 sessions. Every text
    from a file went through `clean_text` (in `who`, `local_time`); ids are checked names."""
    if not items:
        console.print(Text(f"No saved sessions in {root}."), soft_wrap=True)
        return
    bold, normal = ("\x1b[1m", "\x1b[0m") if console.color_system else ("", "")
    count = len(items)
    sessions = f"{count} saved session{'s' if count != 1 else ''}"
    lines = [f"{sessions} in {clean_text(root)}, last saved first:"]
    for item in items:
        lines.append("")
        lines.append(f"{bold}{item.id}{normal}  {who(item)}")
        if item.crisis_fired:
            lines.append(f"  {bold}{crisis_words(item)}{normal}")
        lines.append(f"  started {local_time(item.started)}, last saved {local_time(item.updated)}")
        state = "finished" if item.finished else "not finished"
        lines.append(f"  {progress(item)}, {state}")
        if item.set_aside:
            kept = f"{item.set_aside} answer{'s' if item.set_aside != 1 else ''}"
            lines.append(
                f"  {kept} set aside (they did not fit a bank): decide sessions show {item.id}"
            )
    lines.append("")
    lines.append("Continue one with:")
    lines.append(f"  {typed_command('resume', 'ID')}")  # a line of its own, never broken
    console.file.write("\n".join(lines) + "\n")
    console.file.flush()


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
