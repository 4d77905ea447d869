"""The session file: one JSON document per saved interview, and reading it back strictly.

Pure: data in, text out, and text back to data. The store (`decide.sessions.store`) does the files,
the locks and the clock. A file that does not match the format exactly (truncated, corrupted or
changed by hand into something else) raises `SessionError` naming its path; nothing here
changes a file, so a damaged one stays as it is for a person to look at.

Format 1 (ASCII only; every other character is written as a JSON escape):

    {"format": 1, "kind": "decide-session", "id": "k7m3qp",
     "created": "…", "updated": "…", "mode": "patient", "client_code": null,
     "bank": {"id": "…", "version": "…", "hash": "…"},
     "answers": {"q1": {"value": "a", "at": "…", "type": "single"}, …},
     "notes": [{"section": "…", "text": "…", "at": "…"}],
     "crisis": {"fired": false, "at": null}, "finished": false,
     "set_aside": [{"question": "q2", "value": 3, "at": "…", "type": "scale"}]}

`type` is the question type the answer was given for (null when the writer did not know it);
`decide.sessions.reconcile` uses it to keep an answer only for a question of the same type.
`set_aside` (written only when not empty) holds answers that do not fit the bank the session
was last saved with (it was resumed with another bank, or a new version of it): they are never
used with that bank, never deleted, and come back when the session is resumed with a bank they
fit again. Files without it are read as having none.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from msgspec import Struct

from decide.core.answers import finite
from decide.core.errors import SessionError
from decide.core.model import QUESTION_TYPES, AnswerValue
from decide.core.record import CounselorNote, GivenAnswer, InterviewRecord

FORMAT = 1
KIND = "decide-session"

# Short ids that are easy to read aloud and type: no 0/o, 1/l/i, and no vowels at all, so an
# id never spells a word or a name. 28 ** 6 is about 480 million ids.
ID_ALPHABET = "23456789bcdfghjkmnpqrstvwxyz"
ID_LENGTH = 6
ID_PATTERN = re.compile(f"[{ID_ALPHABET}]{{{ID_LENGTH}}}")

MAX_FILE_BYTES = 8 * 1024 * 1024  # far above any real session; refuses a hostile giant


class AsideAnswer(Struct, frozen=True):
    """An answer kept in the file that the session's current bank cannot use."""

    question: str
    value: AnswerValue
    at: str
    type: str | None


@dataclass
class SavedSession:
    """A saved interview as read from (or about to be written to) its file."""

    id: str
    created: str
    updated: str
    bank_id: str
    bank_version: str
    bank_hash: str
    record: InterviewRecord
    # question id -> the question type its answer was given for (None: not known)
    answer_types: dict[str, str | None] = field(default_factory=dict)
    path: Path | None = None
    set_aside: list[AsideAnswer] = field(default_factory=list)


def encode(saved: SavedSession) -> bytes:
    """The session as the bytes of its file."""
    record = saved.record
    answers = {
        qid: {"value": given.value, "at": given.at, "type": saved.answer_types.get(qid)}
        for qid, given in record.answers.items()
    }
    document: dict[str, Any] = {
        "format": FORMAT,
        "kind": KIND,
        "id": saved.id,
        "created": saved.created,
        "updated": saved.updated,
        "mode": record.mode,
        "client_code": record.client_code,
        "bank": {"id": saved.bank_id, "version": saved.bank_version, "hash": saved.bank_hash},
        "answers": answers,
        "notes": [{"section": n.section, "text": n.text, "at": n.at} for n in record.notes],
        "crisis": {"fired": record.crisis_fired, "at": record.crisis_at},
        "finished": record.finished,
    }
    if saved.set_aside:
        document["set_aside"] = [
            {"question": a.question, "value": a.value, "at": a.at, "type": a.type}
            for a in saved.set_aside
        ]
    return (json.dumps(document, indent=1, allow_nan=False) + "\n").encode("ascii")


def moment(stamp: str) -> float:
    """Seconds since the epoch of an ISO 8601 time, for sorting; unreadable times sort first."""
    seconds = utc_seconds(stamp)
    if seconds is not None:
        return float(seconds)
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return float("-inf")
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.timestamp()


def utc_seconds(stamp: str) -> int | None:
    """Seconds since the epoch of a time as decide writes it (`2026-12-01T21:19:48Z`, years
    1971-2999), exactly what `datetime` says, without building one: a list of 10,000 sessions
    reads 20,000 of them. None for any other text (let `datetime` read it)."""
    if len(stamp) != 20 or stamp[19] != "Z":
        return None
    within = (_MINUTES_AND_SECONDS or _minutes_and_seconds()).get(stamp[14:19])
    if within is None:
        return None
    key = stamp[:14]
    start = _HOURS[key] if key in _HOURS else _hour_start(key)
    return None if start is None else start + within


_UTC_HOUR = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):", re.ASCII)
_EPOCH_DAY = date(1970, 1, 1).toordinal()
_HOURS: dict[str, int | None] = {}  # "2026-12-01T21:" -> that hour's start; None: not a time
_MINUTES_AND_SECONDS: dict[str, int] = {}  # "19:48" -> 1188, for every minute and second


def _minutes_and_seconds() -> dict[str, int]:
    for minute in range(60):
        for second in range(60):
            _MINUTES_AND_SECONDS[f"{minute:02d}:{second:02d}"] = minute * 60 + second
    return _MINUTES_AND_SECONDS


def _hour_start(key: str) -> int | None:
    start = None
    match = _UTC_HOUR.fullmatch(key)
    if match is not None:
        year, month, day, hour = (int(part) for part in match.groups())
        with contextlib.suppress(ValueError):
            if 1971 <= year <= 2999 and hour <= 23:
                days = date(year, month, day).toordinal() - _EPOCH_DAY
                start = days * 86400 + hour * 3600
    _HOURS[key] = start
    return start


class _Damaged(Exception):
    """Raised inside `decode`; becomes one DamagedSessionError naming the file."""


class DamagedSessionError(SessionError):
    """A session file that cannot be used as it is; `path` and `detail` say which and why."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"The saved session {path} cannot be read: {detail}.",
            "The file was left exactly as it is, and other sessions are not affected. "
            "Delete it with `decide sessions delete ID` once you no longer need it.",
        )
        self.path = path
        self.detail = detail


def decode(data: bytes, path: Path, expected_id: str | None = None) -> SavedSession:
    """Read a session file's bytes back, or raise SessionError naming `path` and what is wrong."""
    try:
        return _decode(data, path, expected_id)
    except _Damaged as problem:
        raise DamagedSessionError(path, str(problem)) from None


def _reject_constant(name: str) -> object:
    raise _Damaged(f"it holds {name}, which is not a number decide writes")


def _decode(data: bytes, path: Path, expected_id: str | None) -> SavedSession:
    if not data.strip():
        raise _Damaged("it is empty")
    if len(data) > MAX_FILE_BYTES:
        raise _Damaged("it is far larger than any session decide writes")
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark an editor added is not damage
    except UnicodeDecodeError:
        raise _Damaged("it is not text") from None
    try:
        document = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        if error.pos >= len(text.rstrip()):
            raise _Damaged("it ends too early (it may have been cut short)") from None
        raise _Damaged(
            f"it is not valid JSON (line {error.lineno}, column {error.colno})"
        ) from None
    except RecursionError:
        raise _Damaged("it is nested too deeply") from None
    except ValueError:  # an integer of more than 4,300 digits
        raise _Damaged("it holds a number far larger than any answer") from None

    top = _mapping(document, "the file")
    if top.get("kind") != KIND:
        raise _Damaged("it is not a decide session file")
    version = top.get("format")
    if type(version) is not int or version != FORMAT:  # true is not format 1
        if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT:
            raise _Damaged(
                f"it was written by a newer decide (format {version}; this one reads {FORMAT})"
            )
        raise _Damaged(f"its format is {version!r}, not {FORMAT}")
    session_id = _text(top, "id")
    if not ID_PATTERN.fullmatch(session_id) or (expected_id and session_id != expected_id):
        raise _Damaged(f"its id {session_id!r} does not match its file name")
    mode = top.get("mode")
    if mode not in ("patient", "counselor"):
        raise _Damaged("'mode' is neither patient nor counselor")
    bank = _mapping(top.get("bank"), "'bank'")
    crisis = _mapping(top.get("crisis"), "'crisis'")
    record = InterviewRecord(
        mode="counselor" if mode == "counselor" else "patient",
        client_code=_optional_text(top, "client_code"),
        notes=_notes(top.get("notes")),
        crisis_fired=_flag(crisis, "fired", "'crisis.fired'"),
        crisis_at=_optional_text(crisis, "at", "'crisis.at'"),
        finished=_flag(top, "finished", "'finished'"),
    )
    types: dict[str, str | None] = {}
    for qid, entry in _mapping(top.get("answers"), "'answers'").items():
        where = f"the answer to {qid!r}"
        answer = _mapping(entry, where)
        record.answers[qid] = GivenAnswer(_value(answer.get("value"), where), _text(answer, "at"))
        types[qid] = _kind(answer, where)
    return SavedSession(
        id=session_id,
        created=_text(top, "created"),
        updated=_text(top, "updated"),
        bank_id=_text(bank, "id", "'bank.id'"),
        bank_version=_text(bank, "version", "'bank.version'"),
        bank_hash=_text(bank, "hash", "'bank.hash'"),
        record=record,
        answer_types=types,
        path=path,
        set_aside=_set_aside(top.get("set_aside", [])),
    )


def _kind(answer: dict[str, Any], where: str) -> str | None:
    kind = answer.get("type")
    if kind is not None and kind not in QUESTION_TYPES:
        raise _Damaged(f"{where} has an unknown question type")
    return kind if isinstance(kind, str) else None


def _entries(value: object, key: str, label: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each object of the list under `key`, with how to name it in a message."""
    if not isinstance(value, list):
        raise _Damaged(f"'{key}' is not a list")
    for number, item in enumerate(value, start=1):
        where = f"{label} {number}"
        yield where, _mapping(item, where)


def _set_aside(value: object) -> list[AsideAnswer]:
    return [
        AsideAnswer(
            question=_text(entry, "question", f"{where}'s question"),
            value=_value(entry.get("value"), where),
            at=_text(entry, "at", f"{where}'s time"),
            type=_kind(entry, where),
        )
        for where, entry in _entries(value, "set_aside", "set-aside answer")
    ]


def _mapping(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Damaged(f"{where} is not a JSON object")
    return value


def _text(holder: dict[str, Any], key: str, where: str = "") -> str:
    value = holder.get(key)
    if not isinstance(value, str) or not value:
        raise _Damaged(f"{where or repr(key)} is missing or not text")
    return value


def _optional_text(holder: dict[str, Any], key: str, where: str = "") -> str | None:
    if holder.get(key) is None:
        return None
    return _text(holder, key, where)


def _flag(holder: dict[str, Any], key: str, where: str) -> bool:
    value = holder.get(key)
    if not isinstance(value, bool):
        raise _Damaged(f"{where} is missing or not true/false")
    return value


def _value(value: object, where: str) -> AnswerValue:
    if isinstance(value, bool | str):
        return value
    if isinstance(value, int | float) and finite(value):
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return [str(v) for v in value]
    raise _Damaged(f"{where} is not an answer decide could have saved")


def _notes(value: object) -> list[CounselorNote]:
    return [
        CounselorNote(
            section=_text(note, "section", f"{where}'s section"),
            text=_text(note, "text", f"{where}'s text"),
            at=_text(note, "at", f"{where}'s time"),
        )
        for where, note in _entries(value, "notes", "counselor note")
    ]
