"""The session index: what `decide sessions list` shows, without opening every session file.

EDGE module (files). A counselor's store grows to thousands of sessions; reading and checking
each whole file on every `sessions list` made the list slower with every client. The index is
one owner-only file in the store, `.sessions-index`, holding one line of the list per session:

    {"format": 1, "kind": "decide-session-index",
     "sessions": {"k7m3qp": {"file": [inode, size, mtime_ns],
                             "session": {...the list's fields, the bank's hash, answers...},
                             "progress": {"bank": "<hash>", "answered": 12, "visible": 30}}}}

The session files stay the source of truth. An entry is used only while its session file is
the very file it was made from (same inode, size and modification time; a save always writes a
new file), and progress only for the bank it was counted against. A save appends its session's
new entry as one line to `.sessions-index.saves` (when the store has an index); the next list
folds those lines in. Anything else — no index, a damaged one, an entry that is stale, missing
or not what it should be — is read again from the session file, and the index is rewritten
(atomically) with what was read. Damaged session files are never indexed, so they are
reported on every list.
"""

from __future__ import annotations

import builtins
import contextlib
import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from decide.core.errors import SessionError
from decide.core.model import Bank
from decide.sessions.files import SavedSession, moment
from decide.sessions.overview import Overview, overview, same_bank
from decide.system.files import append_line, is_regular_or_missing, read_regular, write_atomic
from decide.system.notes import note


class Sessions(Protocol):
    """What the index needs of a session store (`decide.sessions.store.SessionStore` is one)."""

    @property
    def root(self) -> Path: ...

    def ids(self) -> Iterable[str]: ...

    def path_of(self, session_id: str) -> Path: ...

    def read_id(self, session_id: str) -> SavedSession: ...


INDEX_NAME = ".sessions-index"
SAVES_NAME = ".sessions-index.saves"  # one line per save since the last list
FORMAT = 1
KIND = "decide-session-index"
MAX_INDEX_BYTES = 256 * 1024 * 1024

_TEXTS = ("id", "mode", "started", "updated", "bank_id", "bank_version")
_MAYBE_TEXTS = ("client_code", "last_answer", "crisis_at")
_FLAGS = ("finished", "crisis_fired")
_COUNTS = ("set_aside",)
_LISTED = (*_TEXTS, *_MAYBE_TEXTS, *_FLAGS, *_COUNTS)  # the Overview fields that need no bank


def indexed_list(
    store: Sessions, bank: Bank | None
) -> tuple[builtins.list[Overview], builtins.list[SessionError]]:
    """Every readable session's line of the list, newest first, and one error per damaged file.

    The same as `overview` over `store.list()`, read from the index where it is up to date.
    """
    path, saves_path = store.root / INDEX_NAME, store.root / SAVES_NAME
    odd = [p for p in (path, saves_path) if not is_regular_or_missing(p)]
    for where in odd:  # never read, replaced or removed: whoever put it there decides
        note(
            f"{where} is a link or not a regular file, so it was not used; "
            "the list was read from the session files."
        )
    old = {} if path in odd else read_index(path)
    saves = False if odd else _read_saves(saves_path, old)
    new: dict[str, Any] = {}
    found: builtins.list[Overview] = []
    problems: builtins.list[SessionError] = []
    root = str(store.root)
    for sid in store.ids():
        file = _file_key(os.path.join(root, f"{sid}.json"))  # a str: no Path per session
        entry = old.get(sid)
        item = _from_entry(entry, bank) if file and entry and entry["file"] == file else None
        if item is None:
            try:
                saved = store.read_id(sid)  # the id was just listed: no lookup again
            except SessionError as error:
                if store.path_of(sid).exists():  # else it was deleted while listing
                    problems.append(error)
                continue
            item = overview(saved, bank)
            entry = _entry(file, saved, item, bank) if file else None
        found.append(item)
        if entry is not None:
            new[sid] = entry
    if (new != old or saves) and not odd:
        _write_index(path, new)
        with contextlib.suppress(OSError):  # now in the index (a later save re-adds the file)
            os.unlink(saves_path)
    found.sort(key=lambda o: (moment(o.updated), moment(o.started), o.id), reverse=True)
    return found, problems


def note_saved(saved: SavedSession, bank: Bank | None) -> None:
    """Bring the index's entry for a session just saved up to date (when there is an index).

    Never fails the save: the answers are on disk already, and a list reads any entry that
    is out of date again from the file.
    """
    if saved.path is None:
        return
    folder = saved.path.parent
    with contextlib.suppress(OSError, ValueError, RecursionError):
        index = folder / INDEX_NAME
        if not index.exists() or not is_regular_or_missing(index):
            return  # never listed (the first list builds the index), or not decide's file
        file = _file_key(saved.path)
        if file is None:
            return
        entry = _entry(file, saved, overview(saved, bank), bank)
        line = json.dumps({"id": saved.id, "entry": entry}, separators=(",", ":")) + "\n"
        # One appended line, not the whole index rewritten: a save in a store of 10,000
        # sessions stays as quick as in a store of one. The next list folds it in.
        append_line(folder / SAVES_NAME, line.encode("ascii"))


def _read_saves(path: Path, entries: dict[str, Any]) -> bool:
    """Fold the lines saves appended into `entries`; True when there were any to fold in.

    A line cut short by a crash, or not well formed, is skipped: its session is then read
    from its file, as for any entry that is missing.
    """
    try:
        data = read_regular(path, MAX_INDEX_BYTES + 1)
    except FileNotFoundError:
        return False
    except OSError:
        return True  # not a regular file, or unreadable: rewrite the index, and drop this one
    if len(data) > MAX_INDEX_BYTES:
        return True  # rewrite the index, and so drop this file
    lines = data.splitlines()
    for line in lines:
        with contextlib.suppress(ValueError, RecursionError):
            saved = json.loads(line)
            if isinstance(saved, dict) and _well_formed(saved.get("id"), saved.get("entry")):
                entries[saved["id"]] = saved["entry"]
    return True


def read_index(path: Path) -> dict[str, Any]:
    """The index's entries by session id; empty when there is none or it cannot be trusted."""
    try:
        data = read_regular(path, MAX_INDEX_BYTES + 1)
        if len(data) > MAX_INDEX_BYTES:
            return {}
        document = json.loads(data)
    except (OSError, ValueError, RecursionError):
        return {}
    if (
        not isinstance(document, dict)
        or document.get("format") != FORMAT
        or document.get("kind") != KIND
        or not isinstance(document.get("sessions"), dict)
    ):
        return {}
    return {sid: e for sid, e in document["sessions"].items() if _well_formed(sid, e)}


def _write_index(path: Path, entries: dict[str, Any]) -> None:
    document = {"format": FORMAT, "kind": KIND, "sessions": entries}
    with contextlib.suppress(OSError):  # a read-only store lists fine, just without an index
        write_atomic(path, json.dumps(document, separators=(",", ":")).encode("ascii"))


def _file_key(path: Path | str) -> list[int] | None:
    """What identifies this exact version of a session file; None when it is not a plain file."""
    try:
        info = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return [info.st_ino, info.st_size, info.st_mtime_ns]


def _entry(file: list[int], saved: SavedSession, item: Overview, bank: Bank | None) -> Any:
    session = {
        **{name: getattr(item, name) for name in _LISTED},
        "bank_hash": saved.bank_hash,
        "answers": len(saved.record.answers),
    }
    counted = bank is not None and same_bank(bank, saved) and item.visible is not None
    progress = (
        {"bank": bank.content_hash, "answered": item.answered, "visible": item.visible}
        if counted and bank is not None
        else None
    )
    return {"file": file, "session": session, "progress": progress}


def _from_entry(entry: Any, bank: Bank | None) -> Overview | None:
    """The list's line from an index entry, or None when it must be counted from the file."""
    s = entry["session"]
    answered, visible, changed = s["answers"], None, None
    if bank is not None and bank.meta.id == s["bank_id"]:
        progress = entry["progress"]
        if progress is None or progress["bank"] != bank.content_hash:
            return None
        answered, visible = progress["answered"], progress["visible"]
        changed = bank.content_hash != s["bank_hash"]
    return Overview(
        **{name: s[name] for name in _LISTED},
        answered=answered,
        visible=visible,
        bank_changed=changed,
    )


_NONE = type(None)
# Each field of an entry's "session" and the exact JSON types it may have (an exact type, so a
# bool is never taken for a count); one lookup per field keeps a list of 10,000 quick.
_SHAPE: dict[str, tuple[type, ...]] = {
    **dict.fromkeys((*_TEXTS, "bank_hash"), (str,)),
    **dict.fromkeys(_MAYBE_TEXTS, (str, _NONE)),
    **dict.fromkeys(_FLAGS, (bool,)),
    **dict.fromkeys(("answers", *_COUNTS), (int,)),
}
_COUNTED = ("answers", *_COUNTS)


def _well_formed(sid: Any, entry: Any) -> bool:
    """True when `entry` has every field with the right type (else the file is read again)."""
    if type(entry) is not dict or len(entry) != 3:
        return False
    s, file, progress = entry.get("session"), entry.get("file"), entry.get("progress", 0)
    if type(s) is not dict or s.keys() != _SHAPE.keys() or s["id"] != sid:
        return False
    for name, allowed in _SHAPE.items():
        if type(s[name]) not in allowed:
            return False
    if not _ints(file, 3) or not _ints([s[name] for name in _COUNTED], len(_COUNTED)):
        return False
    return progress is None or (
        type(progress) is dict
        and len(progress) == 3
        and type(progress.get("bank")) is str
        and _ints([progress.get("answered"), progress.get("visible")], 2)
    )


def _ints(values: Any, count: int) -> bool:
    return (
        isinstance(values, list)
        and len(values) == count
        and all(type(v) is int and v >= 0 for v in values)
    )
