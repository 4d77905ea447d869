"""Counselor mode on a shared screen: notes never reach it, file names never clash, and the
way back works the next day in a new terminal.

CliRunner for the commands (its stdout is not a terminal, like a pipe), pexpect for what a
terminal shows, and the installed entry point for "to go on later" from a bare shell.
"""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import subprocess
import sys
from datetime import date
from pathlib import Path

import pexpect
import pytest
from conftest import BANKS
from terminal_helpers import decide_command, spawn_decide
from typer.testing import CliRunner, Result

from decide.cli import app
from decide.core.record import CounselorNote
from decide.sessions import SessionStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

BANK = str(BANKS / "interview_small.yaml")
NOTES = ("Possible trauma history, keep out of the client copy.", "Asked about driving.")
# A whole counselor interview without notes: the pauses between parts are the empty lines.
COUNSELOR = ["1", "n", "", "3", "3", "y", "", "4", "2", "y", "", "When could I start?", ""]


def interview(args: list[str], lines: list[str]) -> Result:
    text = "".join(f"{line}\n" for line in lines)
    return CliRunner().invoke(
        app, ["interview", "--bank", BANK, *args], input=text, env={"COLUMNS": "200"}
    )


def store() -> SessionStore:
    return SessionStore(Path(os.environ["DECIDE_HOME"]))


def session_id(output: str) -> str:
    found = re.search(r"\(session (\w+)\)", output)
    assert found, output
    return found.group(1)


@pytest.fixture
def counselor_session() -> str:
    """A finished counselor session for client C7 with two notes."""
    result = interview(["--counselor", "--client", "C7"], [*COUNSELOR, "4"])
    assert result.exit_code == 0, result.output
    sid = session_id(result.stdout)
    record = store().load(sid).record
    record.notes += [CounselorNote("start", NOTES[0], "2026-12-01T10:00:00Z")]
    record.notes += [CounselorNote("history", NOTES[1], "2026-12-01T10:05:00Z")]
    with store().open(sid) as session:
        session.save(record)
    return sid


def spawn(*args: str, cwd: Path | None = None, **env: str) -> pexpect.spawn:
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS")}
    environment.update(TERM="xterm-256color", **env)
    return spawn_decide(
        list(args), env=environment, encoding="utf-8", timeout=30, dimensions=(40, 100),
        cwd=str(cwd) if cwd else None,
    )  # fmt: skip


def finished(child: pexpect.spawn) -> tuple[str, int]:
    child.expect(pexpect.EOF)
    child.close()
    return child.before, child.exitstatus


# ------------------------------------------------- notes never go to a terminal


@pytest.mark.parametrize("extra", [[], ["--format", "md"], ["--format", "html"], ["--output", "-"]])
@pytest.mark.parametrize("detail", ["brief", "full"])
def test_a_counselor_copy_is_refused_on_a_terminal(
    counselor_session: str, extra: list[str], detail: str
) -> None:
    child = spawn("report", "--session", counselor_session, "--with-notes", "--detail", detail,
                  *extra)  # fmt: skip
    shown, status = finished(child)
    assert status == 1
    assert not any(note in shown for note in NOTES)
    errors = [line for line in shown.splitlines() if line.startswith("error:")]
    assert errors == [
        "error: A counselor copy holds notes the client must not see, so decide does not show "
        "it on the screen."
    ]
    assert "--output FILE" in shown


@pytest.mark.parametrize("fmt", ["html", "json"])
def test_html_and_json_are_files_not_screens(counselor_session: str, fmt: str) -> None:
    shown, status = finished(spawn("report", "--session", counselor_session, "--format", fmt))
    assert status == 1
    assert "a file, not something to read on the screen" in shown and "<html" not in shown


def test_sessions_show_with_notes_is_refused_on_a_terminal(counselor_session: str) -> None:
    shown, status = finished(spawn("sessions", "show", counselor_session, "--with-notes"))
    assert status == 1 and not any(note in shown for note in NOTES)
    plain, status = finished(spawn("sessions", "show", counselor_session))
    assert status == 0 and not any(note in plain for note in NOTES)
    assert "2 counselor notes are not shown here." in plain


def saved_copy(session: str, path: Path, detail: str, *extra: str) -> Path:
    """`decide report --session ID` saved to `path` (a counselor copy with --with-notes)."""
    result = CliRunner().invoke(app, [
        "report", "--session", session, "--bank", BANK, "--detail", detail, *extra,
        "--output", str(path),
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    return path


@pytest.mark.parametrize("ext", ["txt", "md", "html", "json"])
@pytest.mark.parametrize("detail", ["brief", "full"])
def test_the_counselor_copy_file_has_every_note(
    counselor_session: str, tmp_path: Path, ext: str, detail: str
) -> None:
    path = saved_copy(counselor_session, tmp_path / f"copy.{ext}", detail, "--with-notes")
    text = " ".join(path.read_text().split())  # plain text wraps its lines
    if ext == "json":
        data = json.loads(path.read_text())
        assert [n["text"] for n in data["counselor_notes"]] == list(NOTES)
        assert data["client_code"] == "C7"
        assert ("rows" in data) == (detail == "full")  # brief: the page and the notes only
        return
    for note in NOTES:
        assert note in text
    assert "Counselor notes" in text
    if detail == "brief":
        assert "Sources" not in text.split("Counselor notes")[1]  # no detail after the notes
    if ext == "html":  # on a new printed page after the one page
        assert '<section class="notes">' in text
        assert ".notes, .detail { break-before: page; }" in text


@pytest.mark.parametrize("ext", ["txt", "md", "html", "json"])
@pytest.mark.parametrize("detail", ["brief", "full"])
def test_the_client_copy_never_has_notes_code_or_counselor_prompts(
    counselor_session: str, tmp_path: Path, ext: str, detail: str
) -> None:
    path = saved_copy(counselor_session, tmp_path / f"client.{ext}", detail)
    text = path.read_text()
    assert not any(note in text for note in NOTES)
    assert "C7" not in text and "Counselor notes" not in text
    assert "Go slowly here." not in text and "Check the client is comfortable" not in text


# ------------------------------------------------- a note leaves the shared screen


@pytest.mark.parametrize("mode", [[], ["--plain"]], ids=["rich", "plain"])
def test_a_typed_note_is_never_on_the_screen(mode: list[str]) -> None:
    """While a note is typed the terminal shows nothing of it, in every mode (the client may
    be reading the screen), and the echo is back for the next answer."""
    child = spawn("interview", "--bank", BANK, "--counselor", "--no-save", *mode)
    screen = io.StringIO()
    child.logfile_read = screen  # everything the terminal was given to show
    child.expect("Who is answering")
    child.expect("> ")
    child.sendline("note")
    child.expect("It is not shown as you type")
    child.expect("> ")
    child.sendline(NOTES[0])
    child.expect("Note saved, only in the counselor copy.")
    child.expect("> ")
    child.sendline("quit")
    child.expect("quit")  # the terminal echoes again
    finished(child)
    assert "Note saved" in screen.getvalue() and NOTES[0] not in screen.getvalue()


# ------------------------------------------------- file names that cannot clash


def test_two_counselor_sessions_the_same_day_save_two_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for client in ("C7", "C8"):
        result = interview(["--counselor", "--client", client], [*COUNSELOR, "2", ""])
        assert result.exit_code == 0, result.output
    day = date.today().isoformat()
    names = sorted(p.name for p in tmp_path.glob("*.html"))
    assert names == [f"decide-summary-{day}-2.html", f"decide-summary-{day}.html"]
    for path in tmp_path.glob("*.html"):  # the client's copies: no code in the name or text
        assert "C7" not in path.read_text() and "C8" not in path.read_text()


def test_the_counselor_hint_names_a_free_client_coded_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    day = date.today().isoformat()
    (tmp_path / f"decide-counselor-C7-{day}.html").write_text("another day's copy")
    lines = ["note", NOTES[0], *COUNSELOR, "4"]
    result = interview(["--counselor", "--client", "C7"], lines)
    assert result.exit_code == 0, result.output
    hint = re.search(r"--with-notes --output (\S+)", result.stdout)
    assert hint, result.stdout
    assert Path(hint.group(1)) == tmp_path / f"decide-counselor-C7-{day}-2.html"
    line = next(line for line in result.stdout.splitlines() if "--with-notes --output" in line)
    words = shlex.split(line)
    assert words[:2] == ["decide", "report"]
    made = CliRunner().invoke(app, words[1:])  # the hint, typed as printed
    assert made.exit_code == 0, made.output
    assert NOTES[0] in Path(hint.group(1)).read_text()


# ------------------------------------------------- going on


def unfinished(args: list[str]) -> str:
    result = interview(args, ["1", "quit"])
    assert result.exit_code == 0, result.output
    return session_id(result.stdout)


def test_counselor_mode_asks_the_code_then_offers_only_that_clients_session() -> None:
    c7, c8, patient = (
        unfinished(["--counselor", "--client", "C7"]),
        unfinished(["--counselor", "--client", "C8"]),
        unfinished([]),
    )
    child = spawn("--counselor", "--bank", BANK)
    child.expect("What is the client code")
    asked = child.before
    child.expect("> ")
    child.sendline("C7")
    child.expect(rf"You have an unfinished session \({c7}\)")
    child.expect("Type y to go on")
    child.sendline("y")
    child.expect("Welcome back.")
    child.expect("> ")
    child.sendline("quit")
    shown, _status = finished(child)
    everything = asked + shown
    assert c8 not in everything and "C8" not in everything and patient not in everything


def test_a_patient_start_never_mentions_counselor_sessions() -> None:
    c7 = unfinished(["--counselor", "--client", "C7"])
    child = spawn("--bank", BANK)
    child.expect("Who is answering")
    shown = child.before
    child.sendline("quit")
    finished(child)
    assert c7 not in shown and "C7" not in shown and "unfinished" not in shown
    patient = unfinished([])
    child = spawn("--bank", BANK)
    child.expect(rf"You have an unfinished session \({patient}\)")
    child.sendline("n")
    child.expect("Who is answering")
    offered = child.before
    child.sendline("quit")
    finished(child)
    assert c7 not in offered and "C7" not in offered and "ounselor" not in offered


# ------------------------------------------------- the way back from a new shell


def test_the_resume_line_works_from_a_bare_shell(tmp_path: Path) -> None:
    program, prefix = decide_command()
    if prefix:
        pytest.skip("needs the installed entry point (pip install .)")
    bare = {"PATH": "/usr/bin:/bin", "DECIDE_CACHE": str(tmp_path / "cache")}
    sessions = tmp_path / "clinic store"  # a space: the line must quote it
    first = subprocess.run(
        ["env", "-i", *(f"{k}={v}" for k, v in bare.items()), program, "interview",
         "--bank", BANK, "--store", str(sessions)],
        input="1\nquit\n", capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    said = first.stdout.split("To go on later, type:")[1].strip().splitlines()[0]
    assert said.startswith(shlex.quote(program) + " resume ")  # not on PATH: the full path
    assert "--store" in said and "--bank" in said
    again = subprocess.run(
        ["env", "-i", *(f"{k}={v}" for k, v in bare.items()), "sh", "-c", said],
        input="quit\n", capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert "Welcome back." in again.stdout
    on_path = {**bare, "PATH": f"{Path(program).parent}:/usr/bin:/bin"}
    third = subprocess.run(
        ["env", "-i", *(f"{k}={v}" for k, v in on_path.items()), "sh", "-c",
         f"decide interview --bank {shlex.quote(BANK)} --store {shlex.quote(str(sessions))}"],
        input="1\nquit\n", capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )  # fmt: skip
    said = third.stdout.split("To go on later, type:")[1].strip().splitlines()[0]
    assert said.startswith("decide resume ")  # PATH finds this very program


@pytest.mark.parametrize("ending", ["enter", "ctrl-c"])
def test_the_echo_comes_back_however_a_note_ends(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], ending: str
) -> None:
    import os
    import termios

    from decide.terminal.reading import unechoed

    leader, follower = os.openpty()
    with os.fdopen(follower, "r", closefd=False) as terminal:
        monkeypatch.setattr("sys.stdin", terminal)
        try:
            with unechoed():
                assert not termios.tcgetattr(follower)[3] & termios.ECHO  # typing unseen
                if ending == "ctrl-c":
                    raise KeyboardInterrupt
        except KeyboardInterrupt:
            pass
        assert termios.tcgetattr(follower)[3] & termios.ECHO  # seen again
    os.close(follower)
    os.close(leader)
    assert capsys.readouterr().out == "\n"  # the line break the unechoed Enter did not make
