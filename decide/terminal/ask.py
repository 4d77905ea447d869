"""The interview loop in the terminal: ask, read, check, record, save, and the crisis layer.

EDGE module. It drives the pure engine (`decide.core.interview.Interview`) with what a person types
(`decide.core.typed`), shows screens (`decide.terminal.screens`), and hands the record to a
`Recorder` after every change (answer, back-and-change, note, crisis, finished), so stopping or
being killed at any moment loses nothing that was acknowledged on screen.

Lines are read through one function, `read_line` by default (`sys.stdin.readline`, so Typer's CliRunner
can drive it with `input=`). Ctrl-C and end of input end the loop with an outcome; they are
never errors here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from rich.console import Console

from decide.core.conditions import referenced_questions
from decide.core.errors import AnswerError
from decide.core.interview import Interview
from decide.core.model import AnswerValue, Bank, Question
from decide.core.record import CounselorNote, GivenAnswer, InterviewRecord, Recorder
from decide.core.safety import concern_of, concern_raised
from decide.core.typed import Command, Empty, clean_text, parse_command, parse_typed
from decide.terminal import checklist, review, screens
from decide.terminal.crisis import show_crisis
from decide.terminal.reading import read_line, unechoed

Outcome = Literal["finished", "quit", "paused", "stopped", "interrupted", "ended"]
NOTE_LIMIT = 2000


class _Stop(Exception):
    """Leave the loop with an outcome (quit, pause, stop)."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome)
        self.outcome = outcome


@dataclass
class Conversation:
    """One interactive interview over `record`; `run()` returns how it ended."""

    console: Console
    bank: Bank
    record: InterviewRecord
    recorder: Recorder
    now: Callable[[], str]
    plain: bool = False
    counselor: bool = False
    read: Callable[[Console], str] = read_line
    start: Interview | None = None  # where to begin; default: resume from the record
    private: bool = False  # nothing is saved: quitting asks first
    state: Interview = field(init=False)
    _sections_seen: list[str] = field(default_factory=list, init=False)
    _shown_section: str | None = field(default=None, init=False)
    _reviewed: dict[str, AnswerValue | None] | None = field(default=None, init=False)
    _numbered: dict[str, int] = field(default_factory=dict, init=False)
    _explained: set[str] = field(default_factory=set, init=False)  # kinds whose hint was shown
    _one_by_one: bool = field(default=False, init=False)  # ? at the readiness list

    def __post_init__(self) -> None:
        self.state = self.start or Interview.resume(self.bank, self.record.values())

    # ------------------------------------------------------------------ the loop

    def run(self) -> Outcome:
        """Ask until the review is confirmed, or the person stops."""
        try:
            while True:
                asked = self.state.current()
                if asked is None:
                    if self._review():
                        self.record.finished = True
                        self.recorder.save(self.record)
                        return "finished"
                    continue
                self._enter_section(asked)
                group = () if self._one_by_one else checklist.together(self.state)
                self._ask_together(group) if group else self._ask(asked)
        except _Stop as stop:
            return stop.outcome
        except KeyboardInterrupt:
            return "interrupted"
        except EOFError:
            return "ended"

    def _line(self) -> str:
        return self.read(self.console)

    def _enter_section(self, asked: Question) -> None:
        if asked.section == self._shown_section:
            return
        first_time = asked.section not in self._sections_seen
        if first_time and self.counselor and self._sections_seen:
            while True:
                screens.counselor_pause(self.console)
                command = parse_command(self._line(), counselor=True)
                if command is None or not self._command(command, asked, pause=True):
                    break
        self._shown_section = asked.section
        if first_time:
            self._sections_seen.append(asked.section)
        section = self.bank.section(asked.section)
        if section is not None:
            progress = self.state.progress()
            screens.section_header(
                self.console,
                section,
                progress,
                plain=self.plain,
                counselor=self.counselor,
                first_time=first_time,
            )

    def _ask(self, asked: Question) -> None:
        """Ask `asked` until something moves the interview on.

        After a mistake the message comes first, then the whole question again.
        """
        show, puzzled = True, False
        while True:
            current = self.state.answers.get(asked.id)
            if show:
                screens.question(
                    self.console,
                    asked,
                    self.state.progress(),
                    current=current,
                    counselor=self.counselor,
                    first_of_kind=puzzled or asked.type not in self._explained,
                )
                self._explained.add(asked.type)
            show = True
            try:
                line = self._line()
                typed = parse_typed(asked, line, counselor=self.counselor)
                if isinstance(typed, Command):
                    if not self._command(typed, asked):
                        return
                    # After help or a refused command the question is just above; a note's
                    # prompt and text come between, so the question is shown again.
                    show = typed.name == "note"
                elif isinstance(typed, Empty):
                    if current is not None or not asked.required:
                        self._keep_or_skip(asked, current)
                        return
                    raise AnswerError("This question needs an answer.")
                else:
                    self._answer(asked, typed)
                    if _by_words(asked, line):  # say which choice the words were taken as
                        answer = screens.answer_text(asked, self.state.answers[asked.id])
                        screens.said(self.console, f"You chose: {answer}.")
                    return
            except AnswerError as error:
                screens.problem(self.console, error.message)
                puzzled = True  # after a mistake, how to answer is said in full again

    def _ask_together(self, group: tuple[Question, ...]) -> None:
        """The readiness yes/no questions on one screen; ? asks them one at a time instead."""
        checklist.show(self.console, group, self.state.progress())
        while True:
            line = self._line()
            command = parse_command(line, counselor=self.counselor)
            if command is not None and command.name == "help":
                self._one_by_one = True
                return
            if command is not None and not self._command(command, group[0]):
                return
            if command is not None:
                continue
            try:
                said = checklist.parse(line, len(group))
            except AnswerError as error:
                screens.problem(self.console, error.message)
                continue
            for asked, yes in zip(group, said, strict=True):
                self._answer(asked, yes)
            return

    def _keep_or_skip(self, asked: Question, current: AnswerValue | None) -> None:
        """Enter on an empty line: keep the answer given before, or pass over an optional one."""
        if current is not None:
            self.state = self.state.answer(current)
        else:
            self._skip(asked)

    def _command(self, command: Command, asked: Question, *, pause: bool = False) -> bool:
        """Carry out a command; True when the same prompt should be shown again."""
        if command.name == "quit":
            self._quit()
            return True  # not quitting after all
        if command.name == "note":
            self._note(asked.section if not pause else self._shown_section)
            return True
        if pause:
            screens.said(self.console, "Press Enter to go on, or type quit to stop.")
            return True
        if command.name == "help":
            screens.more_help(self.console, asked, counselor=self.counselor)
            return True
        if command.name == "back":
            if self.state.previous() is None:
                screens.problem(self.console, "This is the first question.")
                return True
            self.state = self.state.back()
            return False
        # skip
        if asked.required:
            screens.problem(self.console, "This question needs an answer, so it cannot be skipped.")
            return True
        self._skip(asked)
        return False

    # ------------------------------------------------------------------ changes

    def _answer(self, asked: Question, value: object) -> None:
        before = concern_raised(self.bank, self.state.answers)
        self.state = self.state.answer(value)
        checked = self.state.answers[asked.id]
        self.record.answers[asked.id] = GivenAnswer(value=checked, at=self.now())
        after = concern_raised(self.bank, self.state.answers)
        reads = asked.id in referenced_questions(self.bank.safety.concern_if)
        if after and (not before or reads):
            self._crisis()  # saves
        else:
            self.recorder.save(self.record)
        screens.feedback(self.console, asked, checked)

    def _skip(self, asked: Question) -> None:
        self.state = self.state.skip()
        if self.record.answers.pop(asked.id, None) is not None:
            self.recorder.save(self.record)

    def _quit(self) -> None:
        """Stop (raises _Stop); in private mode only once the person says so, since every
        answer is lost. Returns when they choose to go on."""
        if self.private and self.record.answers:
            screens.said(
                self.console,
                "Private mode keeps nothing: if you quit now, your answers are gone. "
                "Quit anyway? Type y to quit, or n to go on.",
            )
            if self._line().strip().casefold() not in ("y", "yes"):
                screens.said(self.console, "Going on.")
                return
        raise _Stop("quit")

    def _note(self, section_id: str | None) -> None:
        section = self.bank.section(section_id) if section_id else None
        screens.note_prompt(self.console, section)
        with unechoed():  # never on the screen the client sees, even while it is typed
            typed = self._line()
        text = clean_text(typed).strip()[:NOTE_LIMIT]
        if not text:
            screens.said(self.console, "No note was added.")
            return
        self.record.notes.append(CounselorNote(section=section_id or "", text=text, at=self.now()))
        self.recorder.save(self.record)
        screens.said(self.console, "Note saved, only in the counselor copy.")

    def _crisis(self) -> None:
        """The crisis panel, before anything else; then continue, pause or stop."""
        concern = concern_of(self.bank, self.record)
        show_crisis(
            self.console, self.bank.safety, self.record, concern, plain=self.plain, now=self.now()
        )
        self.recorder.save(self.record)
        note = (lambda: self._note(self._shown_section)) if self.counselor else None
        outcome = after_crisis(self.console, self.read, note=note)
        if outcome is not None:
            raise _Stop(outcome)

    # ------------------------------------------------------------------ review

    def _review(self) -> bool:
        """The review screen; True when confirmed, False after a change was chosen. After a
        change only what changed is shown again (`list` shows everything)."""
        now = {q.id: self.state.answers.get(q.id) for q in self.state.visible()}
        before, self._reviewed = self._reviewed, now
        numbered = {q.id: n for n, q in review.review_numbers(self.state).items()}
        moved, self._numbered = numbered != self._numbered, numbered  # a question came or went
        only = (
            None  # the first time, or when numbers moved: every answer, under its number
            if before is None or moved
            else {q for q in now if q not in before or before[q] != now[q]}
        )
        listed = review.review(self.console, self.state, plain=self.plain, only=only)
        while True:
            line = self._line()
            command = parse_command(line, counselor=self.counselor)
            if command is not None:
                if command.name == "quit":
                    self._quit()
                    review.review_prompt(self.console)
                    continue
                if command.name == "back":
                    self.state = self.state.back()
                    return False
                if command.name == "note":
                    self._note(self._shown_section)
                    review.review_prompt(self.console)
                    continue
                screens.said(
                    self.console,
                    "Type the number of an answer to change it, list to see them all, or press "
                    "Enter if they are right.",
                )
                continue
            typed = clean_text(line).strip()
            if not typed:
                return True
            if typed.casefold() in ("list", "all", "l"):
                listed = review.review(self.console, self.state, plain=self.plain, full=True)
                continue
            if _is_small_number(typed) and int(typed) in listed:
                self.state = self.state.goto(listed[int(typed)].id)
                return False
            screens.problem(
                self.console,
                "Please type one of the numbers shown, or press Enter if they are right.",
            )


def after_crisis(
    console: Console,
    read: Callable[[Console], str],
    *,
    note: Callable[[], None] | None = None,
) -> Outcome | None:
    """Right after the crisis panel: None to go on with the questions, else how the run ends.

    Every path that shows the panel with questions still to ask (a typed answer, an answers
    file in a terminal) asks this same choice.
    """
    screens.said(console, "What would you like to do now?")
    screens.said(console, "  1  Go on with the questions")
    screens.said(console, "  2  Pause: stop now and come back later")
    screens.said(console, "  3  Stop here")
    screens.said(console, "Type 1, 2 or 3.")
    while True:
        try:
            word = clean_text(read(console)).strip().casefold()
        except EOFError:
            return "ended"
        except KeyboardInterrupt:
            return "interrupted"
        if word in ("1", "go", "go on", "continue", "c"):
            return None
        if word in ("2", "pause", "p"):
            return "paused"
        if word in ("3", "stop", "s", "quit", "q"):
            return "stopped"
        if word == "note" and note is not None:  # a counselor may want to write this down now
            note()
            screens.said(console, "Type 1 to go on, 2 to pause or 3 to stop.")
            continue
        screens.problem(console, "Please type 1 to go on, 2 to pause or 3 to stop.")


def _by_words(asked: Question, line: str) -> bool:
    """True when a choice or scale point was typed as words rather than by its number."""
    if asked.type not in ("single", "multi", "scale"):
        return False
    return not all(c.isdigit() or c in ", " for c in clean_text(line).strip())


def _is_small_number(text: str) -> bool:
    return 0 < len(text) <= 6 and text.isascii() and text.isdigit()
