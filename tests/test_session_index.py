"""The session index: `sessions list` reads it instead of every session file, yet always shows
what the files say; a missing, damaged or stale index is rebuilt from the files."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import index_lines
import pytest
from small_answers import FULL
from typer.testing import CliRunner

from decide.bank import read_bank
from decide.cli import app
from decide.core.model import Bank
from decide.core.record import GivenAnswer, InterviewRecord
from decide.sessions import SavedSession, SessionStore
from decide.sessions.index import INDEX_NAME, SAVES_NAME, indexed_list, read_index
from decide.sessions.overview import overview

BANK = Path(__file__).parent / "banks" / "small.yaml"
OTHER_BANK = Path(__file__).parent / "banks" / "interview_small.yaml"


@pytest.fixture
def bank() -> Bank:
    return read_bank(BANK)


@pytest.fixture
def store(tmp_path: Path, bank: Bank) -> SessionStore:
    """A store with three sessions: finished, half done, and one with no answers yet."""
    minutes = iter(range(1000))
    store = SessionStore(tmp_path / "store", clock=lambda: f"2026-05-01T10:{next(minutes):02d}:00Z")
    half = dict(list(FULL.items())[: len(FULL) // 2])
    for values, finished, code in ((FULL, True, "C-1"), (half, False, "C-2"), ({}, False, None)):
        record = InterviewRecord(mode="counselor", client_code=code, finished=finished)
        record.answers = {q: GivenAnswer(v, "2026-05-01T09:00:00Z") for q, v in values.items()}
        with store.create(bank, record):
            pass
    return store


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The session files read (and checked) since the test began."""
    seen: list[str] = []
    real = SessionStore.read_id

    def counting(self: SessionStore, sid: str) -> SavedSession:
        seen.append(sid)
        return real(self, sid)

    monkeypatch.setattr(SessionStore, "read_id", counting)
    return seen


def listed(store: SessionStore, bank: Path = BANK) -> Any:
    """What `decide sessions list --json` prints."""
    args = ["sessions", "list", "--json", "--store", str(store.root), "--bank", str(bank)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def from_the_files(store: SessionStore, bank: Bank | None) -> list[dict[str, Any]]:
    """The list as it is without any index: every session file read and counted."""
    found, _ = store.list()
    return [overview(saved, bank).as_json() for saved in found]


def index_of(store: SessionStore) -> Path:
    return store.root / INDEX_NAME


def test_the_list_reads_the_index_and_says_what_the_files_say(
    store: SessionStore, bank: Bank, reads: list[str]
) -> None:
    first = listed(store)
    assert len(reads) == 3  # no index yet: every file is read once, and the index is made
    assert index_of(store).is_file()
    second = listed(store)
    assert len(reads) == 3  # the second list opened no session file
    assert first == second
    assert first["sessions"] == from_the_files(store, bank)
    assert [s["client_code"] for s in first["sessions"]] == [None, "C-2", "C-1"]


def test_the_index_is_owner_only(store: SessionStore) -> None:
    listed(store)
    assert stat.S_IMODE(index_of(store).stat().st_mode) == 0o600


def test_a_missing_index_is_rebuilt(store: SessionStore, bank: Bank, reads: list[str]) -> None:
    before = listed(store)
    index_of(store).unlink()
    assert listed(store) == before
    assert len(reads) == 6
    assert set(read_index(index_of(store))[0]) == set(store.ids())


def whole_lines(store: SessionStore) -> dict[str, dict[str, Any]]:
    return index_lines.rows(index_of(store))


def damage_one(store: SessionStore, change: Callable[[dict[str, Any]], bytes]) -> tuple[str, bytes]:
    """The index with one session's line replaced by `change(its fields)`, as damage leaves
    it (the header's checksum of the whole is not made right again); that session's id and
    the index as it was."""
    path = index_of(store)
    before = path.read_bytes()
    fields = whole_lines(store)
    sid = sorted(fields)[1]
    body = b"".join(
        (change(f) if s == sid else index_lines.line([f[n] for n in index_lines.FIELDS])) + b"\n"
        for s, f in fields.items()
    )
    path.write_bytes(before.split(b"\n", 1)[0] + b"\n" + body)
    return sid, before


def row_of(fields: dict[str, Any], **changes: Any) -> list[Any]:
    return [{**fields, **changes}[name] for name in index_lines.FIELDS]


LINE_DAMAGE: dict[str, Callable[[dict[str, Any]], bytes]] = {
    "cut-short": lambda f: index_lines.line(row_of(f))[:-30],
    "checksum-wrong": lambda f: index_lines.line(row_of(f, client_code="C-9")).replace(
        b"C-9", b"C-8"
    ),
    "not-json": lambda f: b'["' + index_lines.crc(b"1,2") + b'",1,2',
    "wrong-type": lambda f: index_lines.line(row_of(f, finished="yes")),
    "bool-for-a-count": lambda f: index_lines.line(row_of(f, answers=True)),
    "float-for-a-count": lambda f: index_lines.line(row_of(f, set_aside=0.0)),
    "negative-count": lambda f: index_lines.line(row_of(f, answers=-1)),
    "negative-size": lambda f: index_lines.line(row_of(f, size=-f["size"])),
    "unknown-mode": lambda f: index_lines.line(row_of(f, mode="admin")),
    "half-progress": lambda f: index_lines.line(row_of(f, counted_with=None)),
    "extra-field": lambda f: index_lines.line([*row_of(f), "more"]),
    "missing-field": lambda f: index_lines.line(row_of(f)[:-1]),
    "an-object": lambda f: index_lines.line(f),
    "another-id": lambda f: index_lines.line(row_of(f, id="zzzzzz")),
}


@pytest.mark.parametrize("damage", LINE_DAMAGE.values(), ids=LINE_DAMAGE.keys())
def test_a_damaged_line_is_never_used_and_only_its_session_is_read_again(
    store: SessionStore, bank: Bank, reads: list[str], damage: Any
) -> None:
    before = listed(store)
    sid, whole = damage_one(store, damage)
    reads.clear()
    assert listed(store) == before
    assert reads == [sid]  # the other lines were used
    assert index_of(store).read_bytes() == whole  # rewritten as it was
    reads.clear()
    listed(store)
    assert reads == []


def test_a_line_that_says_what_the_file_does_not_is_used_only_for_that_very_file(
    store: SessionStore, bank: Bank, reads: list[str]
) -> None:
    """Right in checksum and types, but made for another version of the file: never shown."""
    listed(store)
    lie = {"client_code": "WRONG", "crisis_fired": True, "crisis_at": "2026-05-01T09:00:00Z"}
    for name in ("inode", "size", "mtime_ns"):
        other = {name: 1}  # another file's identity

        def lying(fields: dict[str, Any], other: dict[str, int] = other) -> bytes:
            return index_lines.line(row_of(fields, **lie, **other))

        sid, _ = damage_one(store, lying)
        reads.clear()
        document = listed(store)
        assert reads == [sid]
        assert "WRONG" not in json.dumps(document)
        assert not any(s["crisis_fired"] for s in document["sessions"])


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: data[:20],
        lambda data: data.split(b"\n", 1)[1],  # no header
        lambda data: data.replace(b"index 2", b"index 9", 1),
        lambda data: b"decide-session-index 2\n" + data.split(b"\n", 1)[1],  # no checksum
    ],
    ids=["empty", "cut-in-the-header", "no-header", "other-format", "header-without-checksum"],
)
def test_a_damaged_header_is_rebuilt_from_the_files(
    store: SessionStore, bank: Bank, damage: Any
) -> None:
    before = listed(store)
    path = index_of(store)
    whole = path.read_bytes()
    path.write_bytes(damage(whole))
    assert listed(store) == before
    assert set(read_index(path)[0]) == set(store.ids())  # whole again
    assert path.read_bytes() == whole


def test_an_index_of_the_old_format_is_not_recognised_and_is_rebuilt_once(
    store: SessionStore, bank: Bank, reads: list[str]
) -> None:
    before = listed(store)
    path = index_of(store)
    old: dict[str, Any] = {"format": 1, "kind": "decide-session-index", "sessions": {}}
    for fields in whole_lines(store).values():
        entry = {k: fields[k] for k in ("mode", "client_code", "started", "updated")}
        old["sessions"][fields["id"]] = {"file": [0, 0, 0], "session": entry, "progress": None}
    path.write_text(json.dumps(old), encoding="ascii")
    (store.root / SAVES_NAME).write_text('{"id": "x", "entry": {}}\n', encoding="ascii")
    reads.clear()
    assert listed(store) == before
    assert len(reads) == 3
    assert path.read_bytes().startswith(b"decide-session-index 2 ")
    assert not (store.root / SAVES_NAME).exists()
    reads.clear()
    listed(store)
    assert reads == []


def test_a_line_round_trips_with_every_field_in_its_place(store: SessionStore, bank: Bank) -> None:
    listed(store)
    files = {s["id"]: s for s in from_the_files(store, bank)}
    for sid, fields in whole_lines(store).items():
        shown = files[sid]
        info = store.path_of(sid).stat()
        assert (fields["inode"], fields["size"]) == (info.st_ino, info.st_size)
        assert fields["mtime_ns"] == info.st_mtime_ns
        for name in ("mode", "client_code", "started", "updated", "last_answer", "finished"):
            assert fields[name] == shown[name]
        assert (fields["answered"], fields["visible"]) == (shown["answered"], shown["visible"])
        assert fields["counted_with"] == bank.content_hash == fields["bank_hash"]
        assert fields["bank_id"] == shown["bank"]["id"] == bank.meta.id


def test_a_save_updates_the_index_and_the_list_shows_it(
    store: SessionStore, bank: Bank, reads: list[str]
) -> None:
    listed(store)
    sid = next(s["id"] for s in listed(store)["sessions"] if s["client_code"] is None)
    with store.open(sid, bank) as session:
        record = session.record
        qid, value = next(iter(FULL.items()))
        record.answers[qid] = GivenAnswer(value, "2026-05-01T11:00:00Z")
        session.save(record)
    reads.clear()
    after = listed(store)
    assert reads == []  # the save brought the index up to date
    assert after["sessions"] == from_the_files(store, bank)
    assert after["sessions"][0]["id"] == sid and after["sessions"][0]["answered"] == 1


def test_a_file_changed_behind_decides_back_is_read_again(
    store: SessionStore, bank: Bank, reads: list[str]
) -> None:
    listed(store)
    sid = store.ids()[0]
    path = store.path_of(sid)
    document = json.loads(path.read_text(encoding="ascii"))
    document["client_code"] = "C-99"
    path.write_text(json.dumps(document), encoding="ascii")
    reads.clear()
    codes = [s["client_code"] for s in listed(store)["sessions"]]
    assert reads == [sid]
    assert "C-99" in codes


def test_deleted_and_damaged_sessions_are_never_served_from_the_index(
    store: SessionStore, bank: Bank
) -> None:
    listed(store)
    first, second = store.ids()[:2]
    store.delete(first)
    store.path_of(second).write_text("{ cut short", encoding="ascii")
    for _ in range(2):  # and on every list, not just the first
        document = listed(store)
        assert [s["id"] for s in document["sessions"]] == [
            s["id"] for s in from_the_files(store, bank)
        ]
        assert {first, second}.isdisjoint(s["id"] for s in document["sessions"])
        assert [d["path"] for d in document["damaged"]] == [str(store.path_of(second))]
    assert set(read_index(index_of(store))[0]) == set(store.ids()) - {second}


def test_progress_is_counted_again_for_another_bank(store: SessionStore) -> None:
    listed(store)
    other = read_bank(OTHER_BANK)
    assert listed(store, OTHER_BANK)["sessions"] == from_the_files(store, other)
    assert listed(store)["sessions"] == from_the_files(store, read_bank(BANK))


def test_the_same_list_with_no_bank_at_hand(store: SessionStore) -> None:
    listed(store)
    items, problems = indexed_list(store, None)
    assert problems == []
    assert [i.as_json() for i in items] == from_the_files(store, None)


def test_listing_an_empty_or_missing_store_writes_nothing(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "none")
    assert indexed_list(store, None) == ([], [])
    assert not store.root.exists()


def test_saves_append_to_the_index_and_a_line_cut_short_is_only_read_again(
    store: SessionStore, bank: Bank, reads: list[str]
) -> None:
    listed(store)
    first, second = store.ids()[:2]
    for sid in (first, second):
        with store.open(sid, bank) as session:
            session.record.client_code = f"S-{sid}"
            session.save(session.record)
    saves = store.root / SAVES_NAME
    assert stat.S_IMODE(saves.stat().st_mode) == 0o600
    lines = saves.read_bytes().splitlines()
    assert len(lines) == 2
    saves.write_bytes(lines[0] + b"\n" + lines[1][:40])  # as if a kill cut the last one short
    reads.clear()
    document = listed(store)
    assert reads == [second]  # the first came from its line, the second from its file
    assert document["sessions"] == from_the_files(store, bank)
    assert {f"S-{first}", f"S-{second}"} <= {s["client_code"] for s in document["sessions"]}
    assert not saves.exists()  # folded into the index
    reads.clear()
    listed(store)
    assert reads == []
