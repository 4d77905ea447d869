"""The welcome and narrow screens in a real pseudo-terminal: stopping before the first answer
keeps nothing, a welcome taller than the screen is shown a screenful at a time, and at 40
columns a command or a web address is never broken inside."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pexpect
import pytest
from conftest import BANKS, REPO
from terminal_helpers import spawn_decide

from decide.sessions import SessionStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
SMALL = str(BANKS / "interview_small.yaml")


def spawn(args: list[str], rows: int, columns: int) -> pexpect.spawn:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    return spawn_decide(
        args, cwd=str(REPO), env=env, encoding="utf-8", timeout=30, dimensions=(rows, columns)
    )


def sessions() -> list[str]:
    return SessionStore(Path(os.environ["DECIDE_HOME"])).ids()


@pytest.mark.parametrize(("typed", "code"), [("quit", 0), ("q", 0), ("ctrl-c", 130)])
def test_stopping_at_the_welcome_says_one_line_and_keeps_no_session(typed: str, code: int) -> None:
    child = spawn(["--plain"], rows=24, columns=80)  # too short for the welcome and question 1
    child.expect("Press Enter to start, or type quit to stop.")
    child.expect("> ")
    if typed == "ctrl-c":
        child.sendintr()
    else:
        child.sendline(typed)
    child.expect(pexpect.EOF)
    child.close()
    after = (child.before or "").replace("\r", "")
    assert "You stopped before the first question. Nothing was saved." in after
    assert "Question 1 of" not in after and "Traceback" not in after
    assert child.exitstatus == code
    assert sessions() == []


@pytest.mark.parametrize("mode", [[], ["--plain"]])
def test_on_a_small_screen_the_welcome_is_read_from_its_top(mode: list[str]) -> None:
    """At 40x20 the welcome is about 30 lines: shown a screenful at a time, its title is still
    on the screen at the first stop, and the crisis lines are all seen before question 1."""
    rows = 20
    child = spawn([*mode, "--no-save"], rows=rows, columns=40)
    child.expect(r"Press Enter for more, or type q to\s+stop")
    first = (child.before or "").replace("\r", "")
    assert first[first.index("Getting ready to talk") :].count("\n") <= rows - 3
    assert "does not recommend a treatment" in re.sub(r"\x1b\[[0-9;]*m", "", first)
    child.expect("> ")
    child.sendline("")
    child.expect(r"Press Enter to start, or type quit to\s+stop\.")
    second = (child.before or "").replace("\r", "")
    seen = re.sub(r"\s+", " ", re.sub(r"\x1b\[[0-9;]*m", "", first + second))
    for line in ("Call or text 988", "call 911", "Call your local crisis line"):
        assert line in seen
    child.expect("> ")
    child.sendline("")
    child.expect("Question 1 of")
    child.sendline("quit")
    child.expect(pexpect.EOF)


def test_stopping_while_the_welcome_is_paged_keeps_nothing() -> None:
    child = spawn(["--plain"], rows=20, columns=40)
    child.expect(r"Press Enter for more, or type q to\s+stop")
    child.expect("> ")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    after = re.sub(r"\s+", " ", child.before or "")
    assert "You stopped before the first question. Nothing was saved." in after
    assert "Question 1 of" not in after and child.exitstatus == 0
    assert sessions() == []


def test_at_40_columns_commands_and_addresses_stay_whole() -> None:
    child = spawn(["--plain"], rows=60, columns=40)
    child.expect("Question 1 of")
    welcome = (child.before or "").replace("\r", "")
    assert "988lifeline.org." in welcome  # the web address is never broken
    lines = welcome.splitlines()
    local = next(i for i, line in enumerate(lines) if line.startswith("- Your local crisis"))
    assert lines[local + 1].startswith("  ") and lines[local + 1].strip()  # a hanging indent
    child.expect("> ")
    child.sendline("1")
    child.expect("> ")
    child.sendline("quit")
    child.expect(pexpect.EOF)
    out = (child.before or "").replace("\r", "")
    (sid,) = sessions()
    # its own line, not broken (with the --store a new terminal needs, as the tests use one)
    assert re.search(rf"\n  decide resume {sid}( --store \S+)?\n", out), out


def test_at_40_columns_the_last_screen_keeps_the_delete_command_whole() -> None:
    answers = ["1", "n", "3", "3", "y", "4", "2", "y", "When could I start?", "", "4", "3"]
    child = spawn(["interview", "--bank", SMALL, "--plain"], rows=60, columns=40)
    for line in answers:
        child.expect("> ")
        child.sendline(line)
    child.expect(pexpect.EOF)
    out = (child.before or "").replace("\r", "")
    (sid,) = sessions()
    assert f"\n  decide sessions delete {sid}\n" in out, out
