"""decide's own files beside the sessions are held to the sessions' standard.

A FIFO, a link or a folder in place of the session index, its save log, a bank cache entry or
the cache folder never hangs a command, is never followed, used or replaced: one note says so
and decide goes on from the session files or the bank itself. A store others can write in is
refused with the `chmod` that fixes it; a cache folder like that is not used. Every command
here runs as its own process with a timeout, so a hang fails the test instead of stalling it.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import index_lines
import pytest
from session_helpers import make_record
from small_answers import FULL

from decide.bank import read_bank
from decide.bank.cache import cache_folder, cache_key, code_fingerprint, decide_fingerprint
from decide.sessions import SessionStore
from decide.sessions.files import AsideAnswer
from decide.sessions.index import INDEX_NAME, SAVES_NAME

REPO = Path(__file__).resolve().parent.parent
BANK = REPO / "tests" / "banks" / "small.yaml"

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="uses FIFOs and Linux modes")


def decide(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """`python -m decide ARGS` from this checkout; a hang is a failure after 20 s."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "120", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "decide", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=20,
        check=False,
    )


@pytest.fixture
def store(tmp_path: Path) -> SessionStore:
    """A store with one saved session of the small bank, listed once (so it has an index)."""
    root = tmp_path / "store"
    bank = read_bank(BANK)
    record = make_record(**FULL)
    with SessionStore(root).create(bank, record):
        pass
    listed = decide("sessions", "list", "--store", str(root), "--bank", str(BANK))
    assert listed.returncode == 0 and (root / INDEX_NAME).is_file(), listed.stderr
    return SessionStore(root)


def only_session(store: SessionStore) -> str:
    (sid,) = store.ids()
    return sid


# ---------------------------------------------------------------- the session index


@pytest.mark.parametrize("name", [INDEX_NAME, SAVES_NAME])
def test_a_fifo_as_the_index_or_its_save_log_never_hangs_a_list(
    store: SessionStore, name: str
) -> None:
    place = store.root / name
    place.unlink(missing_ok=True)
    os.mkfifo(place, 0o600)
    result = decide("sessions", "list", "--store", str(store.root))
    assert result.returncode == 0, result.stderr
    assert only_session(store) in result.stdout  # read from the session file instead
    assert f"note: {place} is a link or not a regular file, so it was not used" in result.stderr
    assert result.stderr.count("note:") == 1, result.stderr
    assert stat.S_ISFIFO(os.lstat(place).st_mode)  # never replaced: not decide's file


def test_a_fifo_as_the_save_log_never_hangs_a_run_and_every_answer_is_kept(
    store: SessionStore, tmp_path: Path
) -> None:
    os.mkfifo(store.root / SAVES_NAME, 0o600)
    answers = tmp_path / "answers.yaml"
    answers.write_text("".join(f"{k}: {json.dumps(v)}\n" for k, v in FULL.items()))
    result = decide(
        "interview",
        "--bank",
        str(BANK),
        "--answers",
        str(answers),
        "--no-input",
        "--store",
        str(store.root),
        "--format",
        "text",
        "--output",
        str(tmp_path / "summary.txt"),
    )
    assert result.returncode == 0, result.stderr
    newest = max(store.list()[0], key=lambda s: s.created)
    assert set(newest.record.values()) >= {"self_harm", "tried", "pref_speed"}
    listed = decide("sessions", "list", "--store", str(store.root))
    assert listed.returncode == 0 and listed.stdout.count("answered") == 2, listed.stderr


@pytest.mark.parametrize("name", [INDEX_NAME, SAVES_NAME])
def test_a_linked_index_is_never_read_through_nor_written_through(
    store: SessionStore, tmp_path: Path, name: str
) -> None:
    """A link to a forged index that gives the session a client code and a crisis flag."""
    sid = only_session(store)
    fields = index_lines.rows(store.root / INDEX_NAME)[sid]
    lie = index_lines.forged(fields, client_code="FORGED-7", crisis_fired=True)
    forged = tmp_path / "forged"
    if name == INDEX_NAME:
        forged.write_bytes(index_lines.index_text([lie]))
    else:
        forged.write_bytes(index_lines.line([lie[f] for f in index_lines.FIELDS]) + b"\n")
    before = forged.read_bytes()
    place = store.root / name
    place.unlink(missing_ok=True)
    place.symlink_to(forged)
    result = decide("sessions", "list", "--store", str(store.root), "--json")
    assert result.returncode == 0, result.stderr
    (listed,) = json.loads(result.stdout)["sessions"]
    assert listed["client_code"] is None and listed["crisis_fired"] is False
    assert "is a link or not a regular file" in result.stderr
    assert place.is_symlink() and forged.read_bytes() == before


def test_an_index_line_for_another_file_never_shows_its_client_code(
    store: SessionStore,
) -> None:
    """The line's checksum and types are right, but its file identity is not this file's."""
    sid = only_session(store)
    fields = index_lines.rows(store.root / INDEX_NAME)[sid]
    lie = index_lines.forged(
        fields, client_code="OTHER-1", crisis_fired=True, size=fields["size"] + 1
    )
    (store.root / INDEX_NAME).write_bytes(index_lines.index_text([lie]))
    result = decide("sessions", "list", "--store", str(store.root), "--json")
    (listed,) = json.loads(result.stdout)["sessions"]
    assert listed["client_code"] is None and listed["crisis_fired"] is False


def test_the_list_says_when_answers_were_set_aside(tmp_path: Path) -> None:
    root = tmp_path / "store"
    bank = read_bank(BANK)
    with SessionStore(root).create(bank, make_record(**FULL)) as session:
        session.set_aside = [
            AsideAnswer("gone_a", 3, "2026-05-01T09:00:00Z", "scale"),
            AsideAnswer("gone_b", True, "2026-05-01T09:00:00Z", "yesno"),
        ]
        session.save(session.record)
    for _ in range(2):  # built from the file, then from the index
        result = decide("sessions", "list", "--store", str(root), "--plain")
        assert (
            f"2 answers set aside (they did not fit a bank): decide sessions show {session.id}"
            in result.stdout
        ), result.stdout
    listed = decide("sessions", "list", "--store", str(root), "--json")
    assert json.loads(listed.stdout)["sessions"][0]["set_aside"] == 2


# ---------------------------------------------------------------- a store others can write in


@pytest.mark.parametrize("mode", [0o770, 0o707, 0o777])
def test_a_store_others_can_write_in_is_refused_with_the_chmod(
    store: SessionStore, tmp_path: Path, mode: int
) -> None:
    sid = only_session(store)
    store.root.chmod(mode)
    answers = tmp_path / "answers.yaml"
    answers.write_text("self_harm: no\n")
    for args in (
        ["sessions", "list"],
        ["sessions", "show", sid],
        ["interview", "--bank", str(BANK), "--answers", str(answers), "--no-input"],
    ):
        result = decide(*args, "--store", str(store.root))
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        assert f"decide will not keep or read answers in the folder {store.root}: " in (
            result.stderr
        )
        assert f"\nhint: Make it yours alone with: chmod go-w {store.root}\n" in result.stderr
    assert stat.S_IMODE(store.root.stat().st_mode) == mode  # said, never changed behind a back
    store.root.chmod(0o700)
    assert decide("sessions", "list", "--store", str(store.root)).returncode == 0


def test_a_store_of_an_existing_folder_that_only_its_owner_writes_is_fine(
    tmp_path: Path,
) -> None:
    root = tmp_path / "shared-read"
    root.mkdir(mode=0o755)
    root.chmod(0o755)
    result = decide("sessions", "list", "--store", str(root))
    assert result.returncode == 0 and "No saved sessions" in result.stdout, result.stderr


# ---------------------------------------------------------------- the bank cache


def entry_path() -> Path:
    text = BANK.read_text(encoding="utf-8")
    return cache_folder() / f"{cache_key(text, None)}.json"


def questions_of_the_bank() -> subprocess.CompletedProcess[str]:
    result = decide("questions", "--bank", str(BANK), "--json")
    assert result.returncode == 0, result.stderr
    assert {q["id"] for q in json.loads(result.stdout)} >= {"self_harm", "tried"}
    return result


@pytest.mark.parametrize("kind", ["fifo", "link", "folder"])
def test_a_cache_entry_that_is_not_a_file_never_hangs_and_is_never_used(
    tmp_path: Path, kind: str
) -> None:
    place = entry_path()
    place.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = tmp_path / "target"
    target.write_text("not decide's\n")
    if kind == "fifo":
        os.mkfifo(place, 0o600)
    elif kind == "link":
        place.symlink_to(target)
    else:
        place.mkdir()
    result = questions_of_the_bank()
    assert f"note: the bank cache entry {place} is a link or not a regular file" in (result.stderr)
    assert result.stderr.count("note:") == 1
    assert {"fifo": stat.S_ISFIFO, "link": stat.S_ISLNK, "folder": stat.S_ISDIR}[kind](
        os.lstat(place).st_mode
    )
    assert target.read_text() == "not decide's\n"


def test_a_linked_cache_folder_is_never_written_through(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o755)
    elsewhere.chmod(0o755)
    folder = cache_folder()
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.symlink_to(elsewhere)
    result = questions_of_the_bank()
    assert f"note: the bank cache {folder} was not used: it is a link, not a folder." in (
        result.stderr
    )
    assert list(elsewhere.iterdir()) == [] and stat.S_IMODE(elsewhere.stat().st_mode) == 0o755


@pytest.mark.parametrize("mode", [0o770, 0o703])
def test_a_cache_folder_others_can_write_in_is_not_used(mode: int) -> None:
    """A planted entry, for a bank with words that are not in the bank file, is never used."""
    from decide.bank import parse_bank
    from decide.bank.cache import write_entry

    text = BANK.read_text(encoding="utf-8")
    planted = parse_bank(text.replace("Have you ever", "PLANTED: have you ever"))
    place = entry_path()
    write_entry(place, place.stem, planted)
    place.parent.chmod(mode)
    result = questions_of_the_bank()
    assert "PLANTED" not in result.stdout
    assert f"note: the bank cache {place.parent} was not used: " in result.stderr
    assert f"(make it yours alone with: chmod go-w {place.parent})." in result.stderr
    assert stat.S_IMODE(place.parent.stat().st_mode) == mode


def test_an_edited_decide_never_reads_an_entry_an_older_one_wrote(tmp_path: Path) -> None:
    package = tmp_path / "decide"
    (package / "bank").mkdir(parents=True)
    module = package / "bank" / "load.py"
    module.write_text("A = 1\n")
    (package / "__init__.py").write_text("")
    before = code_fingerprint(package)
    assert code_fingerprint(package) == before  # the same files: the same decide
    os.utime(module, ns=(1, 1))
    assert code_fingerprint(package) == before  # a new time alone: the same code
    module.write_text("A = 2\n")  # the same size, other code
    os.utime(module, ns=(1, 1))
    edited = code_fingerprint(package)
    assert edited != before
    (package / "bank" / "new.py").write_text("")  # a new module: another decide again
    assert code_fingerprint(package) not in (before, edited)


def test_a_cache_entry_names_the_installed_decide() -> None:
    text = BANK.read_text(encoding="utf-8")
    key = cache_key(text, None)
    decide_fingerprint.cache_clear()
    assert cache_key(text, None) == key  # the same code: the same key
    assert cache_key(text + " ", None) != key


# ---------------------------------------------------------------- invisible controls


BIDI = "C\u202e1-\u2067x"


def test_fhir_and_an_exported_answers_file_escape_bidi_controls(tmp_path: Path) -> None:
    root = tmp_path / "store"
    bank = read_bank(BANK)
    record = make_record(**FULL, pref_other=BIDI)
    with SessionStore(root).create(bank, record) as session:
        pass
    exported = decide("sessions", "export", session.id, "--store", str(root), "--bank", str(BANK))
    fhir = decide(
        "report",
        "--bank",
        str(BANK),
        "--session",
        session.id,
        "--store",
        str(root),
        "--format",
        "fhir",
        "--output",
        "-",
    )
    for result in (exported, fhir):
        assert result.returncode == 0, result.stderr
        assert "\u202e" not in result.stdout and "\u2067" not in result.stdout
    assert "\\u202e" in fhir.stdout.lower() and "\\u202e" in exported.stdout.lower()
    response = json.loads(fhir.stdout)
    assert response["resourceType"] == "QuestionnaireResponse"
    assert BIDI in json.dumps(response, ensure_ascii=False)  # the same value, only escaped
    import yaml

    assert yaml.safe_load(exported.stdout)["pref_other"] == BIDI
