"""The session index: what `decide sessions list` shows, without opening every session file.

EDGE module (files). A counselor's store grows to thousands of sessions; reading and checking
each whole file on every `sessions list` made the list slower with every client. The index is
one owner-only file in the store, `.sessions-index`: a header line naming the format (and the
checksum of all the lines after it), then one line per session: one JSON array of its own
checksum and the list's fields, in a fixed order:

    decide-session-index 2 5e0c41a7
    ["1c9be2f0","k7m3qp",1234567,2048,1764620388123456789,"counselor","C-7",...,12,30]

(the fields: `ROW`). The session files stay the source of truth. A line is used only while its
session file is the very file it was made from (same inode, size and modification time; a save
always writes a new file), and its progress only for the bank it was counted against. A line
is used only when its checksum (CRC-32 of the line's text after that field, as 8 hex digits;
or the header's, of every line, when that matches) is right and every field has exactly the type it must have:
a line cut short, damaged or of an older format is never used, and its session is read from
its file. The checksums guard against damage, not against someone who can write as you (they
can change the session files themselves).

A save appends its session's new line to `.sessions-index.saves` (when the store has an index);
the next list folds those lines in. Anything not usable — no index, a damaged or old one, a
line that is stale, missing or not what it should be — is read again from the session file,
and the index is rewritten (atomically) with what was read. Damaged session files are never
indexed, so they are reported on every list. Reading is cheap: the lines that pass their
checksums are decoded in one `json.loads` call (each line on its own only if that fails), a
line's types checked with one set lookup, and an unchanged line is written back as it was.
"""

from __future__ import annotations

import builtins
import contextlib
import itertools
import json
import os
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator
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
HEADER = b"decide-session-index 2 "  # then the checksum of all the lines after it
MAX_INDEX_BYTES = 256 * 1024 * 1024

# The fields of a line, in order. Its checksum (of the line's text after this field), the
# session's id and its file's identity, then the list's fields that need no bank, then the
# progress and the hash of the bank it was counted against (all three null when it was not).
ROW = (
    *("check", "id", "inode", "size", "mtime_ns"),
    *("mode", "client_code", "started", "updated", "last_answer"),
    *("finished", "crisis_fired", "crisis_at"),
    *("bank_id", "bank_version", "bank_hash", "answers", "set_aside"),
    *("counted_with", "answered", "visible"),
)
_NONE = type(None)
_MAYBE = (str, _NONE)
_BANK_AND_COUNTS = (str, str, str, int, int)  # the bank's id, version and hash; answers, set aside
# Every allowed tuple of the exact types of a line's fields (a bool is never a count).
SHAPES = frozenset(
    (
        *(str, str, int, int, int),
        *(str, code, str, str, last, bool, bool, crisis),
        *_BANK_AND_COUNTS,
        *progress,
    )
    for code, last, crisis in itertools.product(_MAYBE, _MAYBE, _MAYBE)
    for progress in ((str, int, int), (_NONE, _NONE, _NONE))
)
_MODES = frozenset(("patient", "counselor"))

Row = builtins.list[Any]  # a line's fields, as decoded (its shape checked)
Lines = dict[str, tuple[Row, bytes]]  # session id -> its line's fields and the line's bytes


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
    old, clean = ({}, True) if path in odd else read_index(path)
    saved, saves = ({}, False) if odd else _read_saves(saves_path)
    lines = {**old, **saved}
    ids = store.ids()
    listed = _Listing(store, bank)
    with _identities(store.root, bool(ids)) as identity:
        # the loop of a list of 10,000: a line still its file's is used in place
        from_row, bank_id, bank_hash = _from_row, listed.bank_id, listed.bank_hash
        found, kept = listed.found, listed.lines
        for sid in ids:
            info = identity(f"{sid}.json")
            line = lines.get(sid)
            if line is not None and line[0][2:5] == info:
                item = from_row(line[0], bank_id, bank_hash)
                if item is not None:
                    found.append(item)
                    kept.append(line[1])
                    continue
            listed.read(sid, info)
    served = len(listed.lines) - listed.counted  # lines of the index or the log used as they are
    # Rewritten when it is not, line for line, what this list would write.
    same = clean and not saves and served == len(old) == len(listed.lines)
    if not same and not odd:
        _write_index(path, listed.lines)
        with contextlib.suppress(OSError):  # now in the index (a later save re-adds the file)
            os.unlink(saves_path)
    found.sort(key=lambda o: (moment(o.updated), moment(o.started), o.id), reverse=True)
    return found, listed.problems


class _Listing:
    """The list being made, and the index's lines as they are now: `indexed_list` adds the
    sessions whose index line is still their file's, `read` the others from their files."""

    def __init__(self, store: Sessions, bank: Bank | None) -> None:
        self.store, self.bank = store, bank
        self.bank_id = bank.meta.id if bank is not None else None
        self.bank_hash = bank.content_hash if bank is not None else None
        self.found: builtins.list[Overview] = []
        self.problems: builtins.list[SessionError] = []
        self.lines: builtins.list[bytes] = []
        self.counted = 0  # lines made again from the files

    def read(self, sid: str, info: builtins.list[int] | None) -> None:
        try:
            saved = self.store.read_id(sid)  # the id was just listed: no lookup again
        except SessionError as error:
            if self.store.path_of(sid).exists():  # else it was deleted while listing
                self.problems.append(error)
            return
        item = overview(saved, self.bank)
        self.found.append(item)
        if info is not None:
            self.lines.append(encode_line(info, saved, item, self.bank))
            self.counted += 1


@contextlib.contextmanager
def _identities(root: Path, wanted: bool) -> Iterator[Callable[[str], builtins.list[int] | None]]:
    """`_identity` of the files named in `root`, looked up from the folder itself (quicker than
    a whole path per session)."""
    folder = None
    if wanted:
        with contextlib.suppress(OSError):
            folder = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        if folder is None:
            yield lambda name: _identity(os.path.join(root, name))
        else:
            yield lambda name: _identity(name, folder)
    finally:
        if folder is not None:
            os.close(folder)


def note_saved(saved: SavedSession, bank: Bank | None) -> None:
    """Bring the index's line for a session just saved up to date (when there is an index).

    Never fails the save: the answers are on disk already, and a list reads any line that
    is out of date again from the file.
    """
    if saved.path is None:
        return
    folder = saved.path.parent
    with contextlib.suppress(OSError, ValueError, RecursionError):
        index = folder / INDEX_NAME
        if not index.exists() or not is_regular_or_missing(index):
            return  # never listed (the first list builds the index), or not decide's file
        info = _identity(str(saved.path))
        if info is None:
            return
        # One appended line, not the whole index rewritten: a save in a store of 10,000
        # sessions stays as quick as in a store of one. The next list folds it in.
        line = encode_line(info, saved, overview(saved, bank), bank)
        append_line(folder / SAVES_NAME, line + b"\n")


def read_index(path: Path) -> tuple[Lines, bool]:
    """The index's usable lines by session id, and whether every line in it was usable (and
    no id came twice). Nothing usable when there is no index or it is not of this format."""
    try:
        data = read_regular(path, MAX_INDEX_BYTES + 1)
    except OSError:
        return {}, False
    head, end, body = data.partition(b"\n")
    if len(data) > MAX_INDEX_BYTES or not end or head[: len(HEADER)] != HEADER:
        return {}, False
    raw = body.split(b"\n")
    if raw[-1] == b"":
        raw.pop()  # the end of the last line
    whole = head == HEADER + _crc(body)  # then no line need be checked on its own
    found = decode_lines(raw, checked=whole)
    return found, len(found) == len(raw)


def _read_saves(path: Path) -> tuple[Lines, bool]:
    """The usable lines saves appended, by session id (a later line wins), and whether there
    is a log to fold in and remove (any log, even one that cannot be used: not a regular
    file, unreadable or too large)."""
    try:
        data = read_regular(path, MAX_INDEX_BYTES + 1)
    except FileNotFoundError:
        return {}, False
    except OSError:
        return {}, True
    if len(data) > MAX_INDEX_BYTES:
        return {}, True
    return decode_lines(data.split(b"\n")), True


def decode_lines(raw: builtins.list[bytes], *, checked: bool = False) -> Lines:
    """The usable lines among `raw` (each without its end of line), by session id: checksum
    right (unless `checked` already, as a whole), then decoded, then every field of exactly
    its type (a later line wins)."""
    if not checked:
        raw = [line for line in raw if line[10:12] == b'",' and line[2:10] == _crc(line[12:])]
    try:
        # one call for them all: each line is a JSON array already
        rows = json.loads(b"[" + b",".join(raw) + b"]")
        if type(rows) is not list or len(rows) != len(raw):
            raise ValueError("not one array per line")
    except (ValueError, RecursionError):  # only when a line was forged with its checksum
        rows = []
        for line in raw:
            try:
                rows.append(json.loads(line))
            except (ValueError, RecursionError):
                rows.append(None)
    return {
        row[1]: (row, line)
        for row, line in zip(rows, raw, strict=True)
        if type(row) is list and tuple(map(type, row)) in SHAPES and _sound(row)
    }


def _sound(row: Row) -> bool:
    """The values a line's types allow but decide never writes: a negative count, a mode."""
    counts_ok = min(row[2], row[3], row[4], row[16], row[17]) >= 0
    progress_ok = row[18] is None or (row[19] >= 0 and row[20] >= 0)
    return counts_ok and progress_ok and row[5] in _MODES


def _crc(payload: bytes) -> bytes:
    """The checksum of `payload` (a line's text after its own field, or every line after the
    header) as written: CRC-32 in 8 hex digits."""
    return b"%08x" % zlib.crc32(payload)


def encode_line(
    info: builtins.list[int], saved: SavedSession, item: Overview, bank: Bank | None
) -> bytes:
    """The index's line for `saved` (whose file is `info`) as listed in `item`, without its
    end of line."""
    counted = bank is not None and same_bank(bank, saved) and item.visible is not None
    progress = (
        [bank.content_hash, item.answered, item.visible]
        if counted and bank is not None
        else [None, None, None]
    )
    row = [
        item.id,
        *info,
        *(item.mode, item.client_code, item.started, item.updated, item.last_answer),
        *(item.finished, item.crisis_fired, item.crisis_at),
        *(item.bank_id, item.bank_version, saved.bank_hash),
        *(len(saved.record.answers), item.set_aside),
        *progress,
    ]
    payload = json.dumps(row, separators=(",", ":")).encode("ascii")[1:]  # without its "["
    return b'["' + _crc(payload) + b'",' + payload


def _write_index(path: Path, lines: builtins.list[bytes]) -> None:
    with contextlib.suppress(OSError):  # a read-only store lists fine, just without an index
        body = b"".join(line + b"\n" for line in lines)
        write_atomic(path, HEADER + _crc(body) + b"\n" + body)


def _identity(path: str, folder: int | None = None) -> builtins.list[int] | None:
    """What identifies this exact version of a session file (`path`, in the open `folder` if
    given); None when it is not a plain file."""
    try:
        info = os.stat(path, dir_fd=folder, follow_symlinks=False)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return [info.st_ino, info.st_size, info.st_mtime_ns]


def _from_row(row: Row, bank_id: str | None, bank_hash: str | None) -> Overview | None:
    """The list's line from an index line, or None when it must be counted from the file."""
    answered, visible, changed = row[16], None, None
    if bank_id is not None and bank_id == row[13]:
        if row[18] != bank_hash:
            return None  # counted against another bank, or not counted
        answered, visible, changed = row[19], row[20], bank_hash != row[15]
    return Overview(
        *(row[1], row[6], row[5], row[7], row[8], row[9], answered, visible),
        *(row[10], row[11], row[12], row[13], row[14], changed, row[17]),
    )
