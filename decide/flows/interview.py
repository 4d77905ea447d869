"""The interview run, from start to end: bank, session, answers file, questions, summary.

EDGE module behind `decide interview` and `decide resume`. It picks the recorder (a saved
session, or private mode), pre-fills answers from a file, runs the conversation
(`decide.terminal.ask`) when there is someone to ask, and ends with the summary
(`decide.flows.ending`) and, when a concern was raised, the crisis lines as the last lines.
It returns the exit code; errors are raised as `DecideError` for the CLI to print.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct
from rich.console import Console

from decide.core.errors import DecideError, ExitCode, NotInteractiveError, SessionError
from decide.core.interview import Interview
from decide.core.model import Bank
from decide.core.record import GivenAnswer, InterviewRecord, Mode, NullRecorder, Recorder
from decide.core.safety import concern_of
from decide.flows.delivery import Destination, say_notes
from decide.flows.process import forgiving_stdin as _forgiving_stdin
from decide.flows.process import hangup_ends_cleanly as _hangup_ends_cleanly
from decide.flows.process import stdin_is_tty as _stdin_is_tty
from decide.system.clock import utc_now
from decide.terminal import notices, screens
from decide.terminal.ask import Conversation, Outcome, after_crisis
from decide.terminal.crisis import (
    closing_crisis_lines,
    mark_shown,
    show_crisis,
    show_crisis_on_stderr,
)
from decide.terminal.output import make_console, wants_plain
from decide.terminal.reading import read_line

if TYPE_CHECKING:  # the answers-file reader (and the bank checker) load only with --answers
    from decide.bank.answers_file import AnswersFile

CLIENT_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,19}")
EXIT_CODES: dict[Outcome, ExitCode] = {
    "finished": ExitCode.OK,
    "quit": ExitCode.OK,
    "paused": ExitCode.OK,
    "stopped": ExitCode.OK,
    "interrupted": ExitCode.INTERRUPTED,
    "ended": ExitCode.ERROR,
}


class InterviewOptions(Struct, frozen=True):
    bank: Path | None = None
    plain: bool = False
    counselor: bool = False
    client: str | None = None
    answers: Path | None = None
    no_input: bool = False
    no_save: bool = False
    store: str | None = None
    resume: str | None = None
    fmt: str | None = None
    output: Path | None = None
    force: bool = False
    detail: str | None = None  # brief | full; None: full in a file, brief on screen


def check_options(options: InterviewOptions) -> None:
    """Combinations that cannot work, said before anything starts."""
    if options.client is not None:
        if not options.counselor and options.resume is None:
            raise DecideError("--client is for counselor mode.", "Add --counselor.")
        if not CLIENT_CODE.fullmatch(options.client):
            raise DecideError(
                "A client code is a short pseudonym such as C-014: letters, digits, - and _, "
                "up to 20 characters.",
                "Please do not use a name: decide never needs one.",
            )
    if options.resume is not None and options.answers is not None:
        raise DecideError("Use --resume or --answers, not both.")
    if options.resume is not None and options.no_save:
        raise DecideError(
            "A resumed session is saved as you go, so --no-save cannot be used with it."
        )
    if options.output is not None or options.fmt is not None:
        from decide.flows.delivery import check

        check(destination(options))  # a bad --output is said now, not at the end


def destination(options: InterviewOptions) -> Destination:
    """Where `--format` / `--output` send the summary (the whole of it unless --detail brief)."""
    return Destination(
        fmt=options.fmt, output=options.output, detail=options.detail or "full",
        force=options.force, plain_flag=options.plain,
    )  # fmt: skip


@dataclass
class Run:
    """What one run works with; built by `run_interview`."""

    bank: Bank
    console: Console
    plain: bool
    options: InterviewOptions
    record: InterviewRecord
    recorder: Recorder
    session_id: str | None
    read: Callable[[Console], str]
    now: Callable[[], str]
    today: str
    store_root: Path | None = None  # None: private mode
    discard: bool = False  # nothing was given: the empty session is removed at the end

    def again(self, *words: str) -> str:
        """A decide command to type later, as it must be typed in a new terminal."""
        from decide.sessions.again import command

        return command(*words, store_root=self.store_root, bank=self.options.bank)


def run_interview(
    options: InterviewOptions,
    *,
    read: Callable[[Console], str] = read_line,
    now: Callable[[], str] = utc_now,
    today: str | None = None,
) -> int:
    """Run the interview `options` describe; returns the exit code."""
    from decide.bank import read_bank

    check_options(options)
    plain = wants_plain(options.plain)
    console = make_console(plain)
    bank = read_bank(options.bank, keep=not options.no_save)  # private mode writes nothing
    # An answers file is read (and its crisis panel shown) before any session is made, so a
    # file with mistakes leaves nothing behind in the store.
    given = None
    if options.answers is not None:
        from decide.flows.sources import read_answers_file

        given = read_answers_file(options.answers, bank, plain_flag=options.plain, now=now())
    _forgiving_stdin()
    with contextlib.ExitStack() as stack:
        stack.enter_context(_hangup_ends_cleanly())
        record, recorder, session_id, resumed = _recorder(stack, bank, options, console, read)
        run = Run(
            bank, console, plain, options, record, recorder, session_id, read, now,
            today or date.today().isoformat(), _store_root(options, session_id),
        )  # fmt: skip
        try:
            code = _interview(run, resumed, given)
        finally:  # whatever ended the run, its last lines are the crisis lines
            if concern_of(bank, record) is not None:
                closing_crisis_lines(bank.safety, plain_flag=options.plain)
    if run.discard and run.session_id is not None:  # unlocked now, so it can go
        from decide.sessions import SessionStore, default_store_root

        with contextlib.suppress(SessionError):
            SessionStore(default_store_root(options.store)).delete(run.session_id)
    return code


def _interview(
    run: Run, resumed: tuple[int, int] | None, given: tuple[AnswersFile, bool] | None
) -> int:
    options, bank, record = run.options, run.bank, run.record
    state = Interview.resume(bank, record.values())
    if given is not None:
        state = _prefill(run, *given)
    if not _can_ask(run, state, resumed):
        return _without_asking(run, state, resumed)
    if state.done and options.answers is not None:
        return _finish_unasked(run)
    if options.answers is not None and record.crisis_fired:
        # The file's answers raised the panel (on stderr, just above): the same choice as
        # after a typed answer, before anything else.
        outcome = after_crisis(run.console, run.read)
        if outcome is not None:
            return _stopped(run, outcome)
    waits = resumed is None and options.answers is None and _stdin_is_tty()
    try:
        notices.welcome(
            run.console, bank, state.current(), plain=run.plain,
            counselor=record.mode == "counselor", session_id=run.session_id,
            client_code=record.client_code, read=run.read if waits else None,
        )  # fmt: skip
    except notices.Declined as declined:
        return _stopped(run, "interrupted" if declined.interrupted else "quit")
    if resumed is not None:
        notices.welcome_back(run.console, state, kept=resumed[0], dropped=resumed[1])
    if resumed is not None:
        concern = concern_of(bank, record)
        show_crisis(run.console, bank.safety, record, concern, plain=run.plain, now=run.now())
    conversation = Conversation(
        run.console,
        bank,
        record,
        run.recorder,
        run.now,
        plain=run.plain,
        counselor=record.mode == "counselor",
        read=run.read,
        start=state,
        private=run.session_id is None,
    )
    outcome = conversation.run()
    if outcome == "finished":
        return _finish(run, asked=True)
    return _stopped(run, outcome)


def _stopped(run: Run, outcome: Outcome) -> int:
    """The run ends before the summary: what was kept and how to go on (the crisis lines
    follow, as at the end of every run that raised a concern)."""
    record = run.record
    if run.options.resume is None and not (record.answers or record.notes or record.crisis_fired):
        # a session begins with the first answer: with none given, none is kept
        notices.declined(run.console, outcome)
        run.discard = True
        return int(EXIT_CODES[outcome])
    again = run.again("resume", run.session_id) if run.session_id else None
    notices.stopped(run.console, outcome, run.session_id, again=again)
    return int(EXIT_CODES[outcome])


def _can_ask(run: Run, state: Interview, resumed: tuple[int, int] | None) -> bool:
    """Is there someone to ask? Piped input counts, except for an answers file, and except
    for a finished session (only the review would be asked: the summary is what is wanted)."""
    if run.options.no_input:
        return False
    if run.options.answers is not None or (
        resumed is not None and run.record.finished and state.done
    ):
        return _stdin_is_tty()
    return True


def _without_asking(run: Run, state: Interview, resumed: tuple[int, int] | None) -> int:
    """Nobody to ask: the summary, or the list of what is missing (the crisis panel first)."""
    if resumed is not None:
        concern = concern_of(run.bank, run.record)
        show_crisis_on_stderr(
            run.bank.safety, run.record, concern, plain_flag=run.options.plain, now=run.now()
        )
    if state.open_required():  # optional questions left open are simply passed over
        raise _missing(run, state)
    return _finish_unasked(run)


def _finish_unasked(run: Run) -> int:
    run.record.finished = True
    run.recorder.save(run.record)
    return _finish(run, asked=False)


def _store_root(options: InterviewOptions, session_id: str | None) -> Path | None:
    if session_id is None:
        return None
    from decide.sessions import default_store_root

    return default_store_root(options.store)


def _recorder(
    stack: contextlib.ExitStack,
    bank: Bank,
    options: InterviewOptions,
    console: Console,
    read: Callable[[Console], str],
) -> tuple[InterviewRecord, Recorder, str | None, tuple[int, int] | None]:
    """The record to fill and where it is saved; for a resume, (kept, dropped) answers."""
    mode: Mode = "counselor" if options.counselor else "patient"
    record = InterviewRecord(mode=mode, client_code=options.client)
    if options.no_save:
        return record, NullRecorder(), None, None
    from decide.sessions import SessionStore, default_store_root, reconcile

    store = SessionStore(default_store_root(options.store))
    if options.resume is not None:
        session = stack.enter_context(store.open(options.resume, bank))
        fitted = reconcile(bank, session)
        # Nothing is written until the person gives an answer; then the answers this bank
        # cannot use are saved beside the others, to come back with a bank they fit.
        session.set_aside = list(fitted.set_aside)
        return fitted.record, session, session.id, (fitted.kept, fitted.dropped)
    try:
        store.check_writable()
    except SessionError as error:
        if options.no_input or not _private_instead(console, error, read):
            raise
        return record, NullRecorder(), None, None
    session = stack.enter_context(store.create(bank, record))
    return record, session, session.id, None


def _private_instead(console: Console, error: SessionError, read: Callable[[Console], str]) -> bool:
    """The store cannot be written: offer to go on in private mode (nothing saved)."""
    screens.problem(console, error.message)
    screens.said(console, "Go on without saving? Nothing you answer will be kept. Type y or n.")
    try:
        return read(console).strip().casefold() in ("y", "yes")
    except EOFError:
        return False


def _prefill(run: Run, given: AnswersFile, panel_shown: bool) -> Interview:
    """Answers from the file (already checked, its crisis panel already on stderr when it
    raised a concern) into the record."""
    say_notes([str(note) for note in given.notes])
    state = Interview.from_answers(run.bank, given.values)
    for qid, value in state.answers.items():
        run.record.answers[qid] = GivenAnswer(value=value, at=run.now())
    if panel_shown:
        mark_shown(run.record, run.now())
    run.recorder.save(run.record)
    return state


def _missing(run: Run, state: Interview) -> NotInteractiveError:
    """Required questions still open and nobody to ask: name them, by id and text."""
    lines = [f"  {q.id}: {q.text}" for q in state.open_required()]
    count = len(lines)
    them = "it" if count == 1 else "them"
    answers, no_input = run.options.answers, run.options.no_input
    why = "nothing is asked with --no-input" if no_input else f"there is no terminal to ask {them}"
    how = "in a terminal without --no-input" if no_input else "in a terminal"
    hint = f"Run {how} to be asked."
    if answers is not None:
        hint = f"Add {them} to the answers file, or run {how} to be asked."
    if run.session_id is not None:
        hint += f" The answers given so far are saved: {run.again('resume', run.session_id)}"
    where = f" in {answers}" if answers is not None else ""
    return NotInteractiveError(
        f"{count} required question{'s have' if count != 1 else ' has'} no answer{where}, "
        f"and {why}:\n" + "\n".join(lines),
        hint,
    )


def _finish(run: Run, *, asked: bool) -> int:
    from decide.flows import ending

    options = run.options
    report = ending.build(run.bank, run.record, run.today)
    if options.fmt is not None or options.output is not None:
        from decide.flows.delivery import deliver

        deliver(report, destination(options))
        return int(ExitCode.OK)
    ending.on_screen(
        run.console, report, run.record, session_id=run.session_id, plain=run.plain,
        detail=options.detail, asked=asked, read=run.read, today=run.today, again=run.again,
    )  # fmt: skip
    return int(ExitCode.OK)
