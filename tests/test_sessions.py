"""The session store: nothing answered is lost, files are owner-only, damage stays contained."""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from counts import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msgspec.structs import replace
from session_helpers import make_bank, make_record, question_set

from decide.core.errors import SessionError
from decide.core.model import Choice, Question
from decide.core.record import CounselorNote, GivenAnswer, InterviewRecord
from decide.sessions import SessionStore, default_store_root, reconcile
from decide.sessions.files import ID_ALPHABET, ID_LENGTH

REPO = Path(__file__).resolve().parent.parent


def ticking_clock() -> Callable[[], str]:
    """A clock that moves one minute per call, so 'newest first' is deterministic."""
    minutes = iter(range(10_000))

    def now() -> str:
        m = next(minutes)
        return f"2026-05-01T{9 + m // 60:02d}:{m % 60:02d}:00Z"

    return now


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    return SessionStore(tmp_path / "store", clock=ticking_clock())


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def store_files(store: SessionStore) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(store.root.iterdir())}


# ---------------------------------------------------------------- where and how it is written


def test_store_root_prefers_flag_then_environment_then_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DECIDE_HOME", str(tmp_path / "env"))
    assert default_store_root(str(tmp_path / "flag")) == tmp_path / "flag"
    assert default_store_root(None) == tmp_path / "env"
    monkeypatch.delenv("DECIDE_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_store_root(None) == tmp_path / "xdg" / "decide"


def test_a_new_session_is_on_disk_at_once_owner_only_even_with_an_open_umask(
    store: SessionStore,
) -> None:
    old = os.umask(0)
    try:
        with store.create(make_bank(), make_record(ride=True)) as session:
            assert len(session.id) == ID_LENGTH and set(session.id) <= set(ID_ALPHABET)
            path = store.path_of(session.id)
            assert mode_of(store.root) == 0o700
            assert mode_of(path) == 0o600
            assert mode_of(store.root / f"{session.id}.lock") == 0o600
            assert json.loads(path.read_text())["answers"]["ride"]["value"] is True
            session.save(make_record(ride=True, travel="far"))
            assert mode_of(path) == 0o600
    finally:
        os.umask(old)


def test_an_existing_folder_keeps_its_mode_and_the_session_files_are_owner_only(
    tmp_path: Path,
) -> None:
    root = tmp_path / "project"  # such as `--store .` in a project folder others can read
    root.mkdir()
    os.chmod(root, 0o755)
    (root / "notes.txt").write_text("theirs")
    store = SessionStore(root)
    store.check_writable()
    with store.create(make_bank(), make_record(ride=True)) as session:
        session.save(make_record(ride=True, travel="far"))
        sid = session.id
        assert mode_of(root / f"{sid}.lock") == 0o600  # while it is open
    assert mode_of(root) == 0o755
    assert mode_of(store.path_of(sid)) == 0o600
    assert not (root / f"{sid}.lock").exists()  # no empty lock file is left behind
    assert (root / "notes.txt").read_text() == "theirs"


def test_only_the_store_folder_decide_creates_is_made_owner_only(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        store = SessionStore(tmp_path / "new" / "parents" / "store")
        store.create(make_bank(), make_record()).close()
    finally:
        os.umask(old)
    assert mode_of(store.root) == 0o700
    assert mode_of(tmp_path / "new") == 0o755  # like `mkdir -p`: parents keep the usual mode


def test_reading_an_empty_or_missing_store_creates_nothing(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "nothing-yet")
    assert store.list() == ([], [])
    with pytest.raises(SessionError):
        store.load("bcdfgh")
    assert not store.root.exists()


def test_everything_saved_comes_back(store: SessionStore) -> None:
    record = InterviewRecord(
        mode="counselor",
        client_code="C-17",
        answers={
            "ride": GivenAnswer(False, "2026-05-01T09:00:01Z"),
            "worries": GivenAnswer(["time", "cost"], "2026-05-01T09:00:02Z"),
            "drive_self": GivenAnswer(3, "2026-05-01T09:00:03Z"),
            "weeks": GivenAnswer(6, "2026-05-01T09:00:04Z"),
            "own_words": GivenAnswer("Is it safe with my \u00e9pilepsie? \x1b[31m", "t5"),
        },
        notes=[CounselorNote("s1", "Client tired today.", "2026-05-01T09:00:05Z")],
        crisis_fired=True,
        crisis_at="2026-05-01T09:00:06Z",
        finished=True,
    )
    bank = make_bank()
    with store.create(bank, record) as session:
        sid, created = session.id, session.created
    saved = store.load(sid.upper())  # ids are accepted in any case
    assert saved.record == record
    assert list(saved.record.answers) == list(record.answers)  # order kept
    assert (saved.id, saved.created) == (sid, created)
    assert (saved.bank_id, saved.bank_version, saved.bank_hash) == ("test-bank", "1.0.0", "hash-1")
    assert saved.answer_types["worries"] == "multi"
    assert store.path_of(sid).read_bytes().isascii()


# ---------------------------------------------------------------- crashes mid-write


def test_a_failure_in_the_middle_of_a_save_keeps_the_previous_save_whole(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = store.create(make_bank(), make_record(ride=True))
    before = store.path_of(session.id).read_bytes()
    real_write = os.write

    def half_then_fail(fd: int, data: bytes | memoryview) -> int:
        real_write(fd, bytes(data)[: len(data) // 2])
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "write", half_then_fail)
    with pytest.raises(SessionError, match="could not be saved"):
        session.save(make_record(ride=True, travel="near"))
    monkeypatch.undo()
    session.close()
    assert store.path_of(session.id).read_bytes() == before
    assert sorted(p.name for p in store.root.iterdir()) == [f"{session.id}.json"]


CRASHING_SAVE = textwrap.dedent(
    """
    import os, signal, sys
    from decide.sessions import SessionStore
    sys.path.insert(0, sys.argv[3])
    from session_helpers import make_record
    store = SessionStore(__import__("pathlib").Path(sys.argv[1]))
    session = store.open(sys.argv[2])
    os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)  # killed before the rename
    session.save(make_record(ride=False, travel="far"))
    """
)


def test_a_kill_during_a_save_leaves_the_previous_save_and_the_leftover_is_cleared(
    store: SessionStore,
) -> None:
    with store.create(make_bank(), make_record(ride=True)) as session:
        sid = session.id
    before = store.path_of(sid).read_bytes()
    child = subprocess.run(
        [sys.executable, "-c", CRASHING_SAVE, str(store.root), sid, str(REPO / "tests")],
        cwd=REPO,
        capture_output=True,
        check=False,
    )
    assert child.returncode == -9, child.stderr
    leftovers = [p for p in store.root.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) == 1  # the new save, written and synced but never renamed
    assert store.path_of(sid).read_bytes() == before
    assert [s.id for s in store.list()[0]] == [sid] and store.list()[1] == []
    with store.open(sid) as reopened:  # the kernel dropped the dead process's lock
        assert reopened.record.values() == {"ride": True}
    assert not leftovers[0].exists()


# ---------------------------------------------------------------- damaged files


def _edit_json(path: Path, change: Callable[[dict[str, object]], object]) -> None:
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document))


DAMAGE: dict[str, Callable[[Path], object]] = {
    "truncated": lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
    "empty": lambda p: p.write_bytes(b""),
    "binary junk": lambda p: p.write_bytes(b"\x00\xff\xfe garbage"),
    "a bit flipped": lambda p: p.write_bytes(p.read_bytes().replace(b'"answers"', b'"answers\x01')),
    "not an object": lambda p: p.write_text("[1, 2, 3]"),
    "answers replaced by text": lambda p: _edit_json(p, lambda d: d.update(answers="lots")),
    "an answer that is an object": lambda p: _edit_json(
        p, lambda d: d.update(answers={"ride": {"value": {"x": 1}, "at": "t"}})
    ),
    "mode unknown": lambda p: _edit_json(p, lambda d: d.update(mode="admin")),
    "bank missing": lambda p: _edit_json(p, lambda d: d.pop("bank")),
    "a newer format": lambda p: _edit_json(p, lambda d: d.update(format=99)),
    "id changed": lambda p: _edit_json(p, lambda d: d.update(id="zzzzzz")),
    "NaN number": lambda p: p.write_text(p.read_text().replace("false", "NaN", 1)),
}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_file_is_named_left_untouched_and_the_others_still_work(
    store: SessionStore, damage: str
) -> None:
    with store.create(make_bank(), make_record(ride=True)) as good:
        good_id = good.id
    with store.create(make_bank(), make_record(ride=False)) as bad:
        bad_id = bad.id
    bad_path = store.path_of(bad_id)
    DAMAGE[damage](bad_path)
    damaged_bytes = bad_path.read_bytes()

    with pytest.raises(SessionError) as loading:
        store.load(bad_id)
    assert str(bad_path) in loading.value.message
    assert "left exactly as it is" in loading.value.hint
    with pytest.raises(SessionError, match=str(bad_path)):
        store.open(bad_id)

    listed, problems = store.list()
    assert [s.id for s in listed] == [good_id]
    assert len(problems) == 1 and str(bad_path) in problems[0].message
    with store.open(good_id) as session:
        session.save(make_record(ride=True, travel="near"))
    assert bad_path.read_bytes() == damaged_bytes
    store.delete(bad_id)  # a person can still get rid of it
    assert not bad_path.exists()


def test_a_valid_hand_edit_is_read_and_an_invalid_value_is_caught_by_reconcile(
    store: SessionStore,
) -> None:
    with store.create(make_bank(), make_record(ride=True, drive_self=2)) as session:
        sid = session.id

    def edit(document: dict[str, object]) -> None:
        answers = document["answers"]
        assert isinstance(answers, dict)
        answers["drive_self"]["value"] = 9  # out of the scale's 0-4

    _edit_json(store.path_of(sid), edit)
    result = reconcile(make_bank(), store.load(sid))
    assert result.record.values() == {"ride": True}
    assert (result.kept, result.dropped) == (1, 1)


# ---------------------------------------------------------------- locks


def test_a_session_open_in_this_process_cannot_be_opened_again_until_closed(
    store: SessionStore,
) -> None:
    first = store.create(make_bank(), make_record())
    with pytest.raises(SessionError, match="open in another decide window"):
        store.open(first.id)
    with pytest.raises(SessionError, match="open in another decide window"):
        store.delete(first.id)
    first.close()
    first.close()  # twice is harmless
    with pytest.raises(SessionError, match="already closed"):
        first.save(make_record(ride=True))
    with store.open(first.id) as again:
        again.save(make_record(ride=True))
    assert store.load(first.id).record.values() == {"ride": True}


HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from decide.sessions import SessionStore
    session = SessionStore(Path(sys.argv[1])).open(sys.argv[2])
    print("open", flush=True)
    sys.stdin.read()
    """
)


def test_another_process_holding_the_session_keeps_this_one_out(store: SessionStore) -> None:
    with store.create(make_bank(), make_record(ride=True)) as session:
        sid = session.id
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(store.root), sid],
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
            with pytest.raises(SessionError) as refused:
                store.open(sid)
            assert "open in another decide window" in refused.value.message
            assert store.load(sid).record.values() == {"ride": True}  # reading is still fine
        finally:
            holder.kill()
    with store.open(sid):
        pass


# ---------------------------------------------------------------- ids


def test_an_unknown_id_lists_the_near_matches(store: SessionStore) -> None:
    with store.create(make_bank(), make_record()) as session:
        sid = session.id
    typo = sid[:-1] + next(c for c in ID_ALPHABET if c != sid[-1])
    with pytest.raises(SessionError) as unknown:
        store.load(typo)
    assert typo in unknown.value.message
    assert f"Did you mean {sid}" in unknown.value.hint


@pytest.mark.parametrize("hostile", ["../../etc/passwd", "bcdfgh.json", "", "\x1b[2J" * 30])
def test_ids_that_are_not_ids_are_unknown_and_touch_nothing(
    store: SessionStore, hostile: str
) -> None:
    store.create(make_bank(), make_record()).close()
    before = store_files(store)
    for action in (store.load, store.open, store.delete):
        with pytest.raises(SessionError, match="There is no saved session") as error:
            action(hostile)
        assert "\x1b" not in error.value.message
    assert store_files(store) == before


def test_ids_are_unique(store: SessionStore) -> None:
    ids = set()
    for _ in range(40):
        with store.create(make_bank(), make_record()) as session:
            ids.add(session.id)
    assert len(ids) == 40


# ---------------------------------------------------------------- disks that say no


def _fail_with(code: int) -> Callable[..., object]:
    def fail(*args: object, **kwargs: object) -> object:
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.EROFS, "read-only disk"),
        (errno.ENOSPC, "is full"),
        (errno.EACCES, "not allowed to write"),
    ],
)
def test_a_store_that_cannot_be_written_is_reported_at_start(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch, code: int, words: str
) -> None:
    store.root.mkdir(mode=0o700)
    monkeypatch.setattr(os, "write", _fail_with(code))
    with pytest.raises(SessionError) as error:
        store.check_writable()
    assert words in error.value.message and str(store.root) in error.value.message
    assert "--no-save" in error.value.hint
    with pytest.raises(SessionError, match=words):
        store.create(make_bank(), make_record())
    monkeypatch.undo()
    assert list(store.root.iterdir()) == []  # no probe or half session left behind


def test_a_read_only_folder_is_reported(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.root.mkdir(mode=0o700)
    monkeypatch.setattr("tempfile._os.open", _fail_with(errno.EROFS))
    with pytest.raises(SessionError, match="read-only disk"):
        store.check_writable()


def test_a_nearly_full_disk_is_reported(
    store: SessionStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.statvfs

    class Nearly:
        def __init__(self, path: str) -> None:
            self.f_frsize = real(path).f_frsize
            self.f_bavail = 1

    monkeypatch.setattr(os, "statvfs", Nearly)
    with pytest.raises(SessionError, match="is full"):
        store.check_writable()


def test_a_store_path_that_is_a_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(SessionError, match="is not a folder"):
        SessionStore(tmp_path / "file").check_writable()


def test_a_writable_store_passes_the_check_and_keeps_no_probe(store: SessionStore) -> None:
    store.check_writable()
    assert mode_of(store.root) == 0o700
    assert list(store.root.iterdir()) == []


# ---------------------------------------------------------------- list and delete


def test_list_is_newest_first_with_a_damaged_file_beside_good_ones(store: SessionStore) -> None:
    ids = []
    for n in range(3):
        with store.create(make_bank(), make_record(weeks=n)) as session:
            ids.append(session.id)
    with store.open(ids[0]) as oldest:  # saving again makes it the newest
        oldest.save(make_record(weeks=10))
    store.path_of(ids[1]).write_text('{"format": 1, "kind": "decide-ses')
    (store.root / "notes.txt").write_text("not a session")
    listed, problems = store.list()
    assert [s.id for s in listed] == [ids[0], ids[2]]
    assert [str(store.path_of(ids[1])) in p.message for p in problems] == [True]


def test_delete_all_removes_every_session_and_nothing_else(store: SessionStore) -> None:
    for _ in range(3):
        store.create(make_bank(), make_record()).close()
    store.path_of("bcdfgh").write_text("damaged")
    (store.root / "keep.txt").write_text("someone else's file")
    assert store.delete_all() == 4
    assert [p.name for p in store.root.iterdir()] == ["keep.txt"]
    assert store.delete_all() == 0


def test_delete_all_leaves_a_session_open_elsewhere_and_says_so(store: SessionStore) -> None:
    store.create(make_bank(), make_record()).close()
    busy = store.create(make_bank(), make_record())
    with pytest.raises(SessionError) as error:
        store.delete_all()
    assert "1 session was deleted" in error.value.message and busy.id in error.value.message
    assert store.ids() == [busy.id]
    busy.close()


# ---------------------------------------------------------------- a changed bank


def _changed_questions() -> Iterator[Question]:
    for q in question_set():
        if q.id == "travel":  # a choice removed
            yield replace(q, choices=(Choice("near", "Under 30 minutes"),))
        elif q.id == "drive_self":  # the type changed (scale -> number) with the same bounds
            yield replace(q, type="number", labels={})
        elif q.id == "weeks":  # bounds narrowed
            yield replace(q, max=12)
        elif q.id != "own_words":  # removed
            yield q


def test_a_changed_bank_keeps_every_answer_it_can(store: SessionStore) -> None:
    record = make_record(
        ride=False,
        travel="far",
        worries=["cost", "time"],
        drive_self=3,
        weeks=20,
        own_words="hello",
        transport="taxi",
    )
    record.notes.append(CounselorNote("s1", "a note", "t"))
    record.crisis_fired, record.crisis_at = True, "t"
    with store.create(make_bank(), record) as session:
        sid = session.id
    saved = store.load(sid)
    result = reconcile(make_bank(_changed_questions(), content_hash="hash-2"), saved)
    assert result.record.values() == {
        "ride": False,
        "worries": ["time", "cost"],  # still valid, in the bank's order
        "transport": "taxi",  # hidden answers are kept too
    }
    assert (result.kept, result.dropped) == (3, 4)
    assert {a.question for a in result.set_aside} == {"travel", "drive_self", "weeks", "own_words"}
    assert result.record.notes == record.notes and result.record.crisis_fired
    assert saved.record.values()["travel"] == "far"  # the saved session is not changed
    unchanged = reconcile(make_bank(), saved)
    assert (unchanged.kept, unchanged.dropped) == (7, 0)


def test_a_session_reopened_with_a_new_bank_records_that_bank_and_sets_answers_aside(
    store: SessionStore,
) -> None:
    with store.create(make_bank(), make_record(drive_self=3)) as session:
        sid = session.id
    new_bank = make_bank(_changed_questions(), content_hash="hash-2")
    with store.open(sid, bank=new_bank) as session:
        fitted = reconcile(new_bank, session)
        session.set_aside = list(fitted.set_aside)
        session.save(fitted.record)
    saved = store.load(sid)
    assert saved.bank_hash == "hash-2" and saved.record.values() == {}
    assert [(a.question, a.value, a.type) for a in saved.set_aside] == [("drive_self", 3, "scale")]


def test_answers_set_aside_by_another_bank_come_back_with_the_original_bank(
    store: SessionStore,
) -> None:
    original = make_bank()
    record = make_record(ride=False, travel="far", drive_self=3, weeks=20, own_words="hi")
    with store.create(original, record) as session:
        sid = session.id
    new_bank = make_bank(_changed_questions(), content_hash="hash-2")
    with store.open(sid, bank=new_bank) as session:
        fitted = reconcile(new_bank, session)
        session.set_aside = list(fitted.set_aside)
        fitted.record.answers["travel"] = GivenAnswer("near", "2026-06-01T09:00:00Z")
        session.save(fitted.record)  # a new answer: the file now belongs to the new bank
    saved = store.load(sid)
    assert set(saved.record.values()) == {"ride", "travel"}
    assert {a.question for a in saved.set_aside} == {"travel", "drive_self", "weeks", "own_words"}
    back = reconcile(original, saved)
    # travel keeps the newer answer (it fits both banks); everything else is restored
    assert back.record.values() == {
        "ride": False,
        "travel": "near",
        "drive_self": 3,
        "weeks": 20,
        "own_words": "hi",
    }
    assert back.dropped == 0 and back.set_aside == ()


def test_a_file_with_set_aside_answers_reads_back_and_one_without_reads_as_none(
    store: SessionStore,
) -> None:
    with store.create(make_bank(), make_record(ride=True)) as session:
        sid = session.id
    assert store.load(sid).set_aside == []
    path = store.path_of(sid)
    document = json.loads(path.read_text())
    document["set_aside"] = [{"question": "x", "value": [1], "at": "t", "type": "multi"}]
    path.write_text(json.dumps(document))
    with pytest.raises(SessionError, match="set-aside answer 1 is not an answer"):
        store.load(sid)


def test_a_lock_removed_by_its_holder_is_never_held_twice(store: SessionStore) -> None:
    from decide.system import files as disk

    with store.create(make_bank(), make_record(ride=True)) as session:
        sid = session.id
    path = store.root / f"{sid}.lock"
    first = disk.FileLock.acquire(path)
    assert first is not None and disk.FileLock.acquire(path) is None  # held
    stale = os.open(path, os.O_RDWR)  # another process opened the file before it went
    first.release()
    assert not path.exists()
    second = disk.FileLock.acquire(path)  # a new file, a new lock
    assert second is not None and path.exists()
    # the process with the old file gets its flock, but it is not the lock: it must retry
    with pytest.raises(disk._Removed):
        disk.FileLock._lock(stale, path)  # closes `stale`
    assert disk.FileLock.acquire(path) is None
    second.release()


ORIGINAL_VALUES: dict[str, list[object]] = {
    "ride": [True, False],
    "travel": ["near", "far"],
    "worries": [["time"], ["cost", "time"], ["none"]],
    "drive_self": [0, 3, 4],
    "weeks": [1, 20, 52],
    "own_words": ["hello", "a question"],
}


@settings(max_examples=examples(60), deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.dictionaries(
        st.sampled_from(sorted(ORIGINAL_VALUES)), st.integers(0, 2), min_size=1, max_size=6
    ),
    st.lists(st.booleans(), min_size=1, max_size=4),
)
def test_switching_banks_back_and_forth_never_loses_an_answer(
    tmp_path_factory: pytest.TempPathFactory, picks: dict[str, int], switches: list[bool]
) -> None:
    """Resume with the changed bank or the original, any number of times, saving each time
    (as a new answer would): every original answer comes back with the original bank."""
    values = {q: ORIGINAL_VALUES[q][i % len(ORIGINAL_VALUES[q])] for q, i in picks.items()}
    store = SessionStore(tmp_path_factory.mktemp("store"), clock=ticking_clock())
    original = make_bank()
    changed = make_bank(_changed_questions(), content_hash="hash-2")
    with store.create(original, make_record(**values)) as session:
        sid = session.id
    at_start = reconcile(original, store.load(sid)).record.values()
    for to_changed in switches:
        bank = changed if to_changed else original
        with store.open(sid, bank=bank) as session:
            fitted = reconcile(bank, session)
            session.set_aside = list(fitted.set_aside)
            session.save(fitted.record)
    assert reconcile(original, store.load(sid)).record.values() == at_start
