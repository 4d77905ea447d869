"""What the interview shows: welcome, sections, questions, review, messages.

Every function prints to a Rich console built by `decide.terminal.output.make_console` (markup
off). Text from the bank or typed by a person goes in as `Text`, never as markup. Plain mode
keeps every word and drops only decoration: no color, no box, no rule lines. Meaning is never
carried by color alone (labels such as "For the counselor:" say what a line is).
"""

from __future__ import annotations

from rich.console import Console
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from decide.core.interview import Progress
from decide.core.model import AnswerValue, Bank, Question, Safety, Section
from decide.terminal.trimmed import Trimmed

NO_RECOMMENDATION = "It does not recommend a treatment."
COMMANDS = "Type quit to stop at any time, back to go back, or ? for help."
COUNSELOR_COMMANDS = "Type note to add a counselor note."


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def answer_text(question: Question, value: AnswerValue) -> str:
    """An answer in words, the way the person would say it."""
    if question.type == "single" and isinstance(value, str):
        choice = question.choice(value)
        return choice.label if choice else value
    if question.type == "multi" and isinstance(value, list):
        return ", ".join((c.label if (c := question.choice(v)) else v) for v in value)
    if question.type == "yesno":
        return "Yes" if value is True else "No"
    if question.type == "scale" and isinstance(value, int):
        label = question.labels.get(value)
        return f"{value} ({label})" if label else str(value)
    if question.type == "number" and isinstance(value, int | float):
        return f"{_number(value)} {question.unit}".strip()
    return str(value)


def short_hint(question: Question) -> str:
    """What to type, once the full hint for this kind of question has been shown."""
    kind = question.type
    if kind == "single":
        return f"Type 1 to {len(question.choices)}."
    if kind == "multi":
        return "Type the numbers, like 1,3."
    if kind == "yesno":
        return "Type y or n."
    if kind in ("scale", "number") and question.min is not None and question.max is not None:
        return f"Type {_number(question.min)} to {_number(question.max)}."
    return how_to_answer(question)


def how_to_answer(question: Question) -> str:
    """One line saying what to type for this question."""
    kind = question.type
    if kind == "single":
        return f"Type the number of your answer (1 to {len(question.choices)})."
    if kind == "multi":
        return "Type the numbers of every answer that fits, with commas, like 1,3."
    if kind == "yesno":
        return "Type y for yes or n for no."
    if kind == "scale":
        return f"Type a number from {_number(question.min or 0)} to {_number(question.max or 0)}."
    if kind == "number":
        low, high = question.min, question.max
        if low is not None and high is not None:
            return f"Type a number from {_number(low)} to {_number(high)}."
        return "Type a number."
    return "Type your answer."


def heading(console: Console, text: str, *, plain: bool) -> None:
    """A heading. In plain mode it is a line of its own between blank lines, with no line of
    dashes under it (a screen reader reads each dash aloud), as in the text summary."""
    console.print()
    if plain:
        show(console, Text(text, style="bold"))
        console.print()
    else:
        console.print(Rule(Text(text, style="bold"), align="left"))


def welcome(console: Console, bank: Bank, *, plain: bool, counselor: bool) -> None:
    """Who it is for, what it does and does not do, how long it takes, how to stop, and the
    crisis lines: about 100 words, so a tired person reads it all."""
    decision = bank.decision
    heading(console, bank.meta.title, plain=plain)
    show(console, Text(f"{decision.who_for} {decision.does}"))
    show(console, Text(decision.does_not, style="bold"))
    if "recommend" not in decision.does_not.casefold():
        show(console, Text(NO_RECOMMENDATION, style="bold"))
    show(console, Text(f"It takes {decision.time_needed}. {COMMANDS}"))
    if counselor:
        show(console, Text("Counselor mode: notes for you are shown. " + COUNSELOR_COMMANDS))
    show(console, Text(CRISIS_LEAD, style="bold"))
    bullets(console, [Text(line, style="bold") for line in crisis_brief(bank.safety)])


CRISIS_LEAD = "If you are thinking about hurting yourself:"


def crisis_brief(safety: Safety) -> list[str]:
    """The crisis lines for the welcome: every resource, where it works, and its first
    sentence (the full panel, with every word, comes whenever an answer calls for it)."""
    return [f"{r.name} ({r.region}): {_first_sentence(r.contact)}" for r in safety.resources]


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def section_header(
    console: Console,
    section: Section,
    progress: Progress,
    *,
    plain: bool,
    counselor: bool,
    first_time: bool,
) -> None:
    """The section's title, and on first entry its intro (and, for counselors, its note)."""
    title = f"Part {progress.section_number} of {progress.section_count}: {section.title}"
    heading(console, title, plain=plain)
    if first_time and section.intro:
        show(console, Text(section.intro))
    if first_time and counselor and section.facilitator_note:
        facilitator(console, section.facilitator_note)


def facilitator(console: Console, note: str) -> None:
    show(console, Text.assemble(("For the counselor: ", "bold magenta"), (note, "magenta")))


def progress_line(progress: Progress) -> str:
    about = "about " if progress.is_estimate else ""
    return f"Question {progress.number} of {about}{progress.about}"


def question(
    console: Console,
    asked: Question,
    progress: Progress,
    *,
    current: AnswerValue | None,
    counselor: bool,
    first_of_kind: bool = True,
) -> None:
    """One question: progress, text, short help, numbered choices, and what to type (in full
    the first time a kind of question comes, then in a few words)."""
    console.print()
    show(console, Text(progress_line(progress), style="dim"))
    show(console, Text(asked.text, style="bold"))
    if asked.help:
        show(console, Text(asked.help))
    if counselor and asked.facilitator_note:
        facilitator(console, asked.facilitator_note)
    choices(console, asked)
    hint = how_to_answer(asked) + " Type ? for help." if first_of_kind else short_hint(asked)
    if current is None and not asked.required and "enter" not in (asked.help or "").casefold():
        hint += " Or press Enter to skip." if first_of_kind else " Enter skips."
    show(console, Text(hint, style="dim"))
    if current is not None:
        show(
            console,
            Text(f"Your answer now: {answer_text(asked, current)}. Press Enter to keep it."),
        )


def show(console: Console, text: Text) -> None:
    """Print `text`, wrapped to the console, with no blanks left at the ends of lines."""
    console.print(Trimmed(text))


def numbered(console: Console, items: list[tuple[str, Text]], *, indent: int = 2) -> None:
    """A numbered list whose long lines wrap under their text, not under the number."""
    grid = Table.grid(padding=(0, 2, 0, 0))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for number, text in items:
        grid.add_row(number, text)
    console.print(Trimmed(Padding(grid, (0, 0, 0, indent))))


def bullets(console: Console, items: list[Text], *, indent: int = 0) -> None:
    """A list whose long lines wrap under their text, not under the dash (a hanging indent)."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for item in items:
        grid.add_row("-", item)
    console.print(Trimmed(Padding(grid, (0, 0, 0, indent))))


def choices(console: Console, asked: Question) -> None:
    if asked.type in ("single", "multi"):
        numbered(console, [(str(n), Text(c.label)) for n, c in enumerate(asked.choices, 1)])
    elif asked.type == "scale":
        low, high = int(asked.min or 0), int(asked.max or 0)
        points = range(low, high + 1)
        numbered(console, [(str(p), Text(asked.labels.get(p, ""))) for p in points])


def more_help(console: Console, asked: Question, *, counselor: bool) -> None:
    """What `?` shows: the bank's extra help if it has some, then how to answer this kind of
    question in full, and what else can be typed (never the hint already on screen again)."""
    console.print()
    if asked.more_help:
        show(console, Text(asked.more_help))
    show(console, Text(_how_in_full(asked)))
    if not asked.required:
        show(console, Text("You can skip this one: press Enter, or type skip to clear an answer."))
    show(
        console,
        Text(
            "Type back to change your last answer, or quit to stop: your answers so far are "
            "kept (unless you chose private mode)."
            + (" " + COUNSELOR_COMMANDS if counselor else "")
        ),
    )


def _how_in_full(asked: Question) -> str:
    kind = asked.type
    if kind == "single":
        return (
            "Type the number next to the answer closest to yours, or the first words of it, "
            "then press Enter. There is no right or wrong answer."
        )
    if kind == "multi":
        alone = [c.label for c in asked.choices if c.exclusive]
        only = f' "{alone[0]}" goes on its own.' if alone else ""
        return (
            "Type the number of every answer that fits, with commas between them (like 1,3), "
            f"or their first words, then press Enter.{only}"
        )
    if kind == "yesno":
        return "Type y for yes or n for no, then press Enter. A rough answer is fine."
    if kind == "scale":
        low, high = int(asked.min or 0), int(asked.max or 0)
        ends = f"{low} ({asked.labels.get(low, '')}) to {high} ({asked.labels.get(high, '')})"
        order = " It only changes which rows your summary shows first." * (
            asked.role == "preference"
        )
        return (
            f"Type a number from {ends.replace(' ()', '')}. Every number is a fair answer.{order}"
        )
    if kind == "number":
        return how_to_answer(asked) + " Use digits, like 3. A best guess is fine."
    return "Type your answer in your own words on one line, then press Enter."


def problem(console: Console, message: str) -> None:
    """A typing mistake: what would work, calmly, then the same question again."""
    show(console, Text(message, style="bold yellow"))


def feedback(console: Console, asked: Question, value: AnswerValue) -> None:
    """A knowledge check's feedback for the choices just picked."""
    picked = value if isinstance(value, list) else [value]
    for choice_id in picked:
        choice = asked.choice(choice_id) if isinstance(choice_id, str) else None
        if choice is not None and choice.feedback:
            show(console, Text(choice.feedback, style="italic"))


def counselor_pause(console: Console) -> None:
    console.print()
    show(console, Text("Press Enter when the client is ready.", style="bold"))


def note_prompt(console: Console, section: Section | None) -> None:
    where = f" (part: {section.title})" if section else ""
    show(console, Text(f"Counselor note{where}. It goes only in the counselor's copy."))
    show(
        console,
        Text(
            "Type the note and press Enter. It is not shown as you type, so your client "
            "cannot read it. An empty line adds nothing."
        ),
    )


def command(console: Console, sentence: str, typed: str) -> None:
    """A sentence, then a command (or a web address) on a line of its own that is never
    broken: no line break is ever put inside it, so it can be copied whole at any width."""
    if sentence:
        show(console, Text(sentence))
    console.print(Text(f"  {typed}", style="bold"), soft_wrap=True)


def said(console: Console, text: str) -> None:
    show(console, Text(text))
