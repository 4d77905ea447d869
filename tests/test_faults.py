"""Faults a person can run into: each ends in one located sentence, never a traceback.

Huge numbers and deep nesting in answers files and banks, devices with no end, a session file
with a number of hundreds of digits, and a store that really cannot be written (a read-only
mount made in a private mount namespace, and an immutable lock file): file modes alone do not
stop root, so these use what does, and are skipped, with the reason, where it cannot be set up.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest
from session_helpers import make_record
from small_answers import FULL
from typer.testing import CliRunner

from decide.bank import read_bank
from decide.cli import app
from decide.core.record import GivenAnswer, InterviewRecord
from decide.sessions import SessionStore

REPO = Path(__file__).resolve().parent.parent
BANK = REPO / "tests" / "banks" / "small.yaml"

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="uses Linux mounts and devices")


def decide(
    *args: str, prefix: tuple[str, ...] = (), cap: bool = False
) -> subprocess.CompletedProcess[str]:
    """`python -m decide ARGS` from this checkout, with at most 1 GB of memory when `cap`."""

    def limit() -> None:
        if cap:
            resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200"}
    return subprocess.run(
        [*prefix, sys.executable, "-m", "decide", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
        preexec_fn=limit,
        check=False,
    )


def one_sentence(result: subprocess.CompletedProcess[str] | object, needle: str) -> None:
    err = getattr(result, "stderr", "")
    assert getattr(result, "returncode", getattr(result, "exit_code", None)) == 1, err
    assert "Traceback" not in err and needle in err, err


# ---------------------------------------------------------------- numbers, nesting, devices

HUGE = {
    "1.0e+400": "this number is too large",
    "9" * 400: "this number is too large",
    "9" * 5000: "this number is too large",
    "[" * 600 + "]" * 600: "nested more than",
    "{a: " * 990 + "1" + "}" * 990: "nested more than",
}


@pytest.mark.parametrize(
    "value", HUGE, ids=["1e400", "400 digits", "5000 digits", "600 [", "990 {"]
)
def test_huge_numbers_and_deep_nesting_in_an_answers_file_are_located(
    tmp_path: Path, value: str
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(f"self_harm: false\ntried: {value}\n")
    result = CliRunner().invoke(app, ["report", "--bank", str(BANK), "--answers", str(answers)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert f"{answers}:2:" in result.stderr and HUGE[value] in result.stderr, result.stderr


@pytest.mark.parametrize(
    "value", HUGE, ids=["1e400", "400 digits", "5000 digits", "600 [", "990 {"]
)
def test_huge_numbers_and_deep_nesting_in_a_bank_are_located(tmp_path: Path, value: str) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(BANK.read_text().replace("    max: 30\n", f"    max: {value}\n"))
    result = CliRunner().invoke(app, ["validate", str(bank)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    line = BANK.read_text().splitlines().index("    max: 30") + 1
    assert f"{bank}:{line}:" in result.stdout and HUGE[value] in result.stdout, result.stdout


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
@pytest.mark.parametrize(
    "args",
    [("validate", "/dev/zero"), ("report", "--bank", str(BANK), "--answers", "/dev/zero")],
    ids=["validate", "answers"],
)
def test_a_device_without_end_is_read_only_up_to_the_size_limit(args: tuple[str, ...]) -> None:
    result = decide(*args, cap=True)
    said = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in said, said
    assert "/dev/zero: an answers file is at most 16 MB" in said or (
        "/dev/zero: a bank file is at most 16 MB" in said
    ), said
    assert "and this file is longer than that, so it is probably not one" in said, said


# ---------------------------------------------------------------- session files


def _with_number(store: SessionStore, digits: int) -> tuple[str, str]:
    bank = read_bank(BANK)
    with store.create(bank, make_record(tried=3)) as session:
        bad = session.id
    path = store.path_of(bad)
    path.write_text(path.read_text().replace('"value": 3', '"value": ' + "9" * digits))
    record = InterviewRecord(answers={"tried": GivenAnswer(3, "2026-05-01T09:00:00Z")})
    with store.create(bank, record) as session:
        return bad, session.id


@pytest.mark.parametrize("digits", [400, 5000])
def test_a_session_file_with_a_huge_number_is_named_and_the_others_are_listed(
    tmp_path: Path, digits: int
) -> None:
    store = SessionStore(tmp_path / "store")
    bad, good = _with_number(store, digits)
    base = ["sessions", "list", "--store", str(store.root), "--bank", str(BANK)]
    listed = CliRunner().invoke(app, base)
    assert listed.exit_code == 0, listed.output
    assert good in listed.stdout and f"{store.path_of(bad)} cannot be read" in listed.stderr
    as_json = CliRunner().invoke(app, [*base, "--json"])
    assert as_json.exit_code == 0, as_json.output
    assert [s["id"] for s in json.loads(as_json.stdout)["sessions"]] == [good]
    assert str(store.path_of(bad)) in as_json.stderr


# ---------------------------------------------------------------- stores that cannot be written


def _read_only_prefix(folder: Path) -> tuple[str, ...]:
    """A command prefix that runs the rest in a private mount namespace where `folder` is a
    read-only bind mount of itself; skips the test when this machine cannot do that."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("unshare is not installed, so no read-only mount can be made")
    mount = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" && exec "$@"'
    flags = "-m" if os.geteuid() == 0 else "-rm"
    prefix = (unshare, flags, "sh", "-c", mount, str(folder))
    probe = subprocess.run(
        [*prefix, "sh", "-c", f'! touch "{folder}/.probe" 2>/dev/null'], check=False
    )
    if probe.returncode != 0:
        pytest.skip("a read-only bind mount cannot be made here (no mount namespace rights)")
    return prefix


# the commands that must lock a session to change it
CHANGING_COMMANDS = pytest.mark.parametrize(
    "args",
    [("resume", "{sid}", "--bank", str(BANK)), ("sessions", "delete", "{sid}", "--yes"),
     ("sessions", "delete", "--all", "--yes")],
    ids=["resume", "delete", "delete --all"],
)  # fmt: skip


@pytest.fixture
def saved_store(tmp_path: Path) -> Iterator[tuple[SessionStore, str]]:
    store = SessionStore(tmp_path / "store")
    with store.create(read_bank(BANK), make_record(**FULL)) as session:
        sid = session.id
    yield store, sid


@CHANGING_COMMANDS
def test_a_read_only_store_is_one_sentence(
    saved_store: tuple[SessionStore, str], args: tuple[str, ...]
) -> None:
    store, sid = saved_store
    before = store.path_of(sid).read_bytes()
    command = [a.format(sid=sid) for a in args]
    result = decide(*command, "--store", str(store.root), prefix=_read_only_prefix(store.root))
    one_sentence(result, "is on a read-only disk")
    assert store.path_of(sid).read_bytes() == before


@pytest.fixture
def immutable_lock(saved_store: tuple[SessionStore, str]) -> Iterator[tuple[SessionStore, str]]:
    """The session's lock file made unwritable even for root (chattr +i), or skip."""
    store, sid = saved_store
    lock = store.root / f"{sid}.lock"
    lock.touch()
    if os.geteuid() != 0:
        lock.chmod(0o400)
    elif (
        shutil.which("chattr") is None
        or subprocess.run(["chattr", "+i", str(lock)], capture_output=True, check=False).returncode
    ):
        pytest.skip("chattr +i cannot be set on this file system")
    yield store, sid
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(lock)], check=False)


@CHANGING_COMMANDS
def test_an_unwritable_lock_file_is_one_sentence(
    immutable_lock: tuple[SessionStore, str], args: tuple[str, ...]
) -> None:
    store, sid = immutable_lock
    command = [a.format(sid=sid) for a in args]
    result = CliRunner().invoke(app, [*command, "--store", str(store.root)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
    assert "is not allowed to write" in result.stderr, result.stderr
    assert store.path_of(sid).exists()


def test_one_problem_is_said_as_one(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("tried: 1.0e+400\n")
    result = CliRunner().invoke(app, ["report", "--bank", str(BANK), "--answers", str(answers)])
    assert "1 problem found; fix it and try again." in result.stderr, result.stderr


# ---------------------------------------------------------------- not regular files in the store


def test_a_fifo_named_like_a_session_is_skipped_by_list(
    saved_store: tuple[SessionStore, str],
) -> None:
    store, sid = saved_store
    os.mkfifo(store.root / "bcdfgh.json")
    result = decide("sessions", "list", "--store", str(store.root), "--bank", str(BANK))
    assert result.returncode == 0 and sid in result.stdout, result.stderr
    assert "bcdfgh" not in result.stdout + result.stderr


def test_a_symlinked_lock_file_is_never_followed(
    saved_store: tuple[SessionStore, str], tmp_path: Path
) -> None:
    store, sid = saved_store
    target = tmp_path / "elsewhere.txt"
    target.write_text("not decide's\n")
    target.chmod(0o644)
    lock = store.root / f"{sid}.lock"
    lock.unlink(missing_ok=True)
    lock.symlink_to(target)
    for args in (["resume", sid, "--bank", str(BANK)], ["sessions", "delete", sid, "--yes"]):
        result = CliRunner().invoke(app, [*args, "--store", str(store.root)])
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.exception
        assert "is a link or not a regular file" in result.stderr, result.stderr
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)
    assert target.read_text() == "not decide's\n" and store.path_of(sid).exists()


# ---------------------------------------------------------------- many problems at once


def test_thousands_of_unknown_ids_give_twenty_lines_and_a_count(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("".join(f"x{i}: 1\n" for i in range(5000)))
    result = CliRunner().invoke(app, ["report", "--bank", str(BANK), "--answers", str(answers)])
    lines = result.stderr.splitlines()
    assert result.exit_code == 1 and len(lines) == 21, lines[:3]  # 19, "and N more", the hint
    assert all("there is no question 'x" in line for line in lines[:19]), lines[:19]
    assert lines[19].endswith(
        ":20:1: and 4,981 more ids from here on that are not questions in this bank"
    ), lines[19]
    assert lines[20].startswith("hint: ")


def test_a_million_unknown_ids_are_counted_without_a_message_each(tmp_path: Path) -> None:
    from decide.bank import read_bank
    from decide.bank.answers_file import parse_answers
    from decide.core.errors import AnswersFileError

    bank = read_bank(BANK)
    text = "".join(f"x{i}: 1\n" for i in range(200_000))
    with pytest.raises(AnswersFileError) as raised:
        parse_answers(text, "answers.yaml", bank)
    assert len(raised.value.problems) == 20  # 19 said, one count: no message per id kept
    assert "and 199,981 more ids" in raised.value.problems[-1].message


def test_an_alias_bomb_is_one_line(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{c}: &{c} [*{p}, *{p}]" for p, c in zip("abcdefghi", "bcdefghij", strict=True)]
    bomb.write_text("\n".join(lines) + "\n")
    result = CliRunner().invoke(app, ["validate", str(bomb)])
    assert result.exit_code == 1
    assert result.stdout.count("\n") == 1 and "(and 17 more like it)" in result.stdout


# ---------------------------------------------------------------- small things in the store


def test_format_true_is_not_format_1_and_a_byte_order_mark_is_read(
    saved_store: tuple[SessionStore, str],
) -> None:
    store, sid = saved_store
    path = store.path_of(sid)
    text = path.read_text()
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert store.load(sid).record.values() == FULL
    path.write_text(text.replace('"format": 1', '"format": true'))
    result = CliRunner().invoke(app, ["sessions", "show", sid, "--store", str(store.root)])
    assert result.exit_code == 1 and "its format is True, not 1" in result.stderr


def test_an_unreadable_store_says_it_cannot_be_read(
    saved_store: tuple[SessionStore, str],
) -> None:
    store, _ = saved_store
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:  # root reads any folder: run as nobody, in a user namespace
        unshare = shutil.which("unshare")
        if unshare is None or subprocess.run([unshare, "-U", "true"], check=False).returncode:
            pytest.skip("no user namespace here, and root reads every folder")
        prefix = (unshare, "-U")
    store.root.chmod(0o000)
    try:
        result = decide("sessions", "list", "--store", str(store.root), prefix=prefix)
    finally:
        store.root.chmod(0o700)
    assert result.returncode == 1, result.stderr
    assert "not allowed to read" in result.stderr and "write" not in result.stderr


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 2 MB disk (tmpfs) mounted for this test, or skip where mounting is not allowed."""
    folder = tmp_path / "small-disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip("a small tmpfs cannot be mounted here (needs root and mount rights)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_mid_interview_says_how_to_resume(small_disk: Path) -> None:
    from terminal_helpers import spawn_decide

    store = small_disk / "store"
    env = {**os.environ, "PYTHONPATH": str(REPO), "TERM": "dumb", "COLUMNS": "200"}
    child = spawn_decide(
        ["interview", "--plain", "--bank", str(BANK), "--store", str(store)],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(50, 100),  # tall enough that question 1 follows the welcome at once
    )
    child.expect("> ")
    child.sendline("n")
    child.expect("> ")  # the first answer is saved
    filler = small_disk / "filler"
    with contextlib.suppress(OSError), filler.open("wb") as handle:
        while True:
            handle.write(b"\0" * 65536)
    child.sendline("3")
    child.expect(pexpect.EOF)
    said = " ".join((child.before or "").split())
    child.close()
    assert child.exitstatus == 1 and "Traceback" not in said, said
    assert "the disk holding" in said and "is full" in said
    found = re.search(r"decide resume ([a-z0-9]{6})", said)
    assert found, said
    filler.unlink()
    assert SessionStore(store).load(found.group(1)).record.values() == {"self_harm": False}
