"""What an interview has collected so far, as plain data, and the seam that saves it.

The interview front end keeps one `InterviewRecord`, changes it on every answer, note or
crisis event, and hands it to a `Recorder` straight away. The session store implements
`Recorder` (one atomic write per change); private mode (`--no-save`) uses `NullRecorder`.
Times are ISO 8601 strings given by the caller: nothing here reads the clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

from decide.core.model import AnswerValue

Mode = Literal["patient", "counselor"]


@dataclass
class GivenAnswer:
    value: AnswerValue
    at: str  # when it was given (ISO 8601, UTC)


@dataclass
class CounselorNote:
    section: str  # the section id the counselor was in
    text: str
    at: str


@dataclass
class InterviewRecord:
    """Everything one interview has collected. Answers to now-hidden questions stay here
    (so flipping an answer back restores them) but are never used: see
    `decide.core.conditions.effective_answers`."""

    mode: Mode = "patient"
    client_code: str | None = None
    answers: dict[str, GivenAnswer] = field(default_factory=dict)
    notes: list[CounselorNote] = field(default_factory=list)
    crisis_fired: bool = False
    crisis_at: str | None = None
    finished: bool = False

    def values(self) -> dict[str, AnswerValue]:
        """Question id -> answer value, for the engine and the conditions."""
        return {qid: given.value for qid, given in self.answers.items()}


class Recorder(Protocol):
    """Receives the whole record after every change; must not lose an acknowledged answer."""

    def save(self, record: InterviewRecord) -> None: ...


class NullRecorder:
    """Private mode: nothing touches the disk."""

    def save(self, record: InterviewRecord) -> None:
        return None
