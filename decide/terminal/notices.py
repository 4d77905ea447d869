"""What the interview says about saving: at the start, on resuming, and when it stops.

EDGE module. The words matter: a person who stops must know that nothing answered is lost and
exactly what to type to go on, or, in private mode, that nothing was kept.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.text import Text

from decide.core.interview import Interview
from decide.core.model import Bank, Question
from decide.core.tally import tally
from decide.core.typed import clean_text
from decide.terminal import screens
from decide.terminal.ask import Outcome

STOPPED: dict[Outcome, str] = {
    "interrupted": "Stopped.",
    "ended": "The input ended before the interview was finished.",
    "paused": "Paused. Take the time you need.",
    "quit": "You stopped the interview.",
    "stopped": "You stopped the interview.",
}


class Declined(Exception):
    """The person said no at the welcome (quit, q or Ctrl-C): nothing was answered, so the
    run ends with one line and keeps no session."""

    def __init__(self, *, interrupted: bool = False) -> None:
        super().__init__("declined")
        self.interrupted = interrupted


DECLINED = "You stopped before the first question. Nothing was saved."
DECLINE_WORDS = ("quit", "q", "exit", "stop")


def welcome(
    console: Console,
    bank: Bank,
    first: Question | None,
    *,
    plain: bool,
    counselor: bool,
    session_id: str | None,
    client_code: str | None,
    read: Callable[[Console], str] | None,
) -> None:
    """The welcome and where answers go. With `read` (a person at a terminal), when the
    welcome and the first question would not fit on the screen together, wait for Enter, so
    the welcome is read before question 1 scrolls it away; a welcome taller than the screen
    (a small terminal) is shown a screenful at a time, so its top is read first."""

    def show() -> None:
        screens.welcome(console, bank, plain=plain, counselor=counselor)
        session_started(console, session_id, client_code)

    with console.capture() as captured:
        show()
    shown = captured.get()
    if read is None or first is None:
        console.file.write(shown)
        console.file.flush()
        return
    # The last screenful ends with "Press Enter to start", the prompt and the Enter typed.
    if shown.count("\n") + 3 > console.height:
        from decide.terminal.pager import show_paged

        def more(prompt: str) -> str:
            screens.said(console, prompt.rstrip())
            return read(console)

        # Each "more" takes three lines: its words, the prompt and the Enter typed at it.
        if not show_paged(console, show, read=more, interactive=True, height=console.height - 1):
            raise Declined
    else:
        console.file.write(shown)
        console.file.flush()
    question = 10 + len(first.choices) + len(first.labels)  # header, text, hints, choices
    if shown.count("\n") + question > console.height:
        screens.said(console, "Press Enter to start, or type quit to stop.")
        try:
            typed = read(console)
        except EOFError:
            return
        except KeyboardInterrupt:
            raise Declined(interrupted=True) from None
        if clean_text(typed).strip().casefold() in DECLINE_WORDS:
            raise Declined


def declined(console: Console, outcome: Outcome = "quit") -> None:
    """The one line said when the run ends before the first answer (nothing is kept)."""
    console.print()
    ended = "The input ended before the interview was finished. Nothing was saved."
    screens.said(console, ended if outcome == "ended" else DECLINED)


def session_started(console: Console, session_id: str | None, client_code: str | None) -> None:
    """Where answers go: the session id, or private mode."""
    console.print()
    if session_id is None:
        screens.said(console, "Private mode: nothing you answer is saved on this computer.")
    else:
        screens.said(
            console, f"Your answers are saved on this computer as you go (session {session_id})."
        )
    if client_code:
        screens.said(console, f"Client code: {client_code}")


def welcome_back(console: Console, state: Interview, *, kept: int, dropped: int) -> None:
    """Where the person was, and what a change of the questions since then means for them."""
    screens.show(console, Text("Welcome back.", style="bold"))
    if dropped:
        screens.said(
            console,
            f"The questions changed since last time: {_count(kept, 'answer')} kept, and "
            f"{_count(dropped, 'question')} to answer again.",
        )
    if state.current() is None:
        screens.said(console, "You had answered every question. Here are your answers to check.")
        return
    progress = state.progress()
    where = f" in part {progress.section_number}" if progress.section_number else ""
    if progress.section is not None:
        where += f" ({progress.section.title})"
    screens.said(
        console,
        f"You have answered {tally(state.bank, state.answers).answered} of {progress.about} "
        f"questions. You are at question {progress.number}{where}.",
    )


def stopped(
    console: Console, outcome: Outcome, session_id: str | None, *, again: str | None = None
) -> None:
    """Everything so far is kept, and how to go on (`again`: the resume command as it must be
    typed in a new terminal); or, in private mode, that nothing was."""
    console.print()
    screens.said(console, STOPPED.get(outcome, "You stopped the interview."))
    if session_id is None:
        screens.said(console, "Private mode: nothing was saved.")
        return
    if again is None:  # the store's commands load only when there is a session to name
        from decide.sessions.again import resume_command

        again = resume_command(session_id)
    screens.command(console, "Your answers so far are saved. To go on later, type:", again)
    if outcome == "stopped":
        screens.command(console, "To delete them instead:", f"decide sessions delete {session_id}")


def closing(console: Console, session_id: str | None) -> None:
    """The last words of a finished interview: thanks, what comes next, where answers are."""
    console.print()
    screens.said(
        console,
        "Thank you for taking this time. Bring your summary to your appointment: you and your "
        "specialist decide together.",
    )
    if session_id is not None:
        screens.command(
            console,
            f"Your answers stay on this computer (session {session_id}). To remove them:",
            f"decide sessions delete {session_id}",
        )


def counselor_copy(
    console: Console, session_id: str | None, notes: int, *, command: str | None = None
) -> None:
    """Counselor notes never go in the client's summary: say where they are, and `command`,
    which writes the counselor copy to a file (never to this shared screen)."""
    if not notes:
        return
    console.print()
    kept_out = (
        f"{_count(notes, 'counselor note')} {'is' if notes == 1 else 'are'} not in this summary"
    )
    if session_id is None:
        screens.said(console, f"{kept_out}, and private mode kept no copy.")
        return
    screens.command(
        console,
        f"{kept_out}. To save a counselor copy with notes to a file, type:",
        command or f"decide report --session {session_id} --with-notes --output FILE",
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
