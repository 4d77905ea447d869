"""One family of errors, each carrying a sentence a person can act on.

The CLI translates `DecideError` into one line on stderr and its `exit_code`; nothing else in
`decide` prints an error or exits.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum

from msgspec import Struct

from decide.core.model import AnswerValue, Location


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1  # a bad bank, answers file, session or path: the message says which
    USAGE = 2  # Typer's own usage errors
    INTERRUPTED = 130  # Ctrl-C during the interview (answers so far are kept)


class Problem(Struct, frozen=True):
    """One located problem in a bank or answers file."""

    at: Location
    message: str

    def __str__(self) -> str:
        # the file's name is the user's, and may hold an escape sequence as well as the message
        return printable(f"{self.at}: {self.message}")


def printable(text: str) -> str:
    """`text` on one line with control characters shown as escapes (`\\n`, `\\x1b`).

    Messages quote what a file said; a newline or a terminal escape sequence in a bank must not
    break the one-problem-per-line output or reach the terminal as a command.
    """
    return text.translate(_CONTROL)


_CONTROL = {code: ascii(chr(code))[1:-1] for code in [*range(0x00, 0x20), *range(0x7F, 0xA0)]}


class DecideError(Exception):
    """Base of every error a user may see. `str(error)` is the whole message."""

    exit_code: ExitCode = ExitCode.ERROR

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


MAX_SHOWN = 20  # problems listed one per line; the rest are counted


def problem_lines(problems: list[Problem]) -> list[str]:
    """One line per problem, with repeats of the same message folded into the first one and
    at most MAX_SHOWN lines, then "and N more": a broken file must not flood the screen."""
    groups: dict[str, list[Problem]] = {}
    for problem in problems:
        groups.setdefault(problem.message, []).append(problem)
    lines = []
    for same in groups.values():
        more = f" (and {len(same) - 1} more like it)" if len(same) > 1 else ""
        lines.append(f"{same[0]}{more}")
    if len(lines) > MAX_SHOWN:
        hidden = sum(len(same) for same in list(groups.values())[MAX_SHOWN:])
        lines = [*lines[:MAX_SHOWN], f"and {hidden:,} more problem{'s' if hidden != 1 else ''}"]
    return lines


class ProblemsError(DecideError):
    """A file with one or more located problems; `problems` is sorted by position."""

    noun = "file"

    def __init__(self, problems: list[Problem], hint: str = "") -> None:
        self.problems = sorted(problems, key=lambda p: (p.at.source, p.at.line, p.at.column))
        count = len(self.problems)
        super().__init__(
            "\n".join(problem_lines(self.problems))
            or f"the {self.noun} has problems",  # never empty, but keep the sentence honest
            hint
            or (
                "1 problem found; fix it and try again."
                if count == 1
                else f"{count} problems found; fix them and try again."
            ),
        )


class BankError(ProblemsError):
    """The question bank cannot be used as it is."""

    noun = "bank"


class AnswersFileError(ProblemsError):
    """An answers file cannot be used as it is.

    `values` holds the answers in it that were valid, so that the crisis layer can still act
    on them: a mistake elsewhere in the file must never hide the crisis resources. `unreadable`
    names the questions whose answers could not be read (an unreadable answer to a safety
    question is treated as a concern: see `decide.core.safety`).
    """

    noun = "answers file"

    def __init__(
        self,
        problems: list[Problem],
        hint: str = "",
        values: Mapping[str, AnswerValue] | None = None,
        unreadable: tuple[str, ...] = (),
    ) -> None:
        super().__init__(problems, hint)
        self.values: dict[str, AnswerValue] = dict(values or {})
        self.unreadable = unreadable


class AnswerError(DecideError):
    """One typed or given answer does not fit its question. The message says what would."""


class SessionError(DecideError):
    """A saved session cannot be found, read, locked or written."""


class OutputError(DecideError):
    """A summary cannot be written where the person asked."""


class NotInteractiveError(DecideError):
    """The interview needs an answer but there is no terminal to ask in."""
