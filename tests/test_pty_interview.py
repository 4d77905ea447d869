"""A whole interview in a real pseudo-terminal, typed like a person: one typo, one `back`.

It runs `python -m decide` (the installed package in CI) with the same Python as the tests,
so nothing extra is installed. In a terminal decide is in its full mode: color and rules.
"""

from __future__ import annotations

import os
import re
import signal
import sys
from pathlib import Path

import pexpect
import pytest
from conftest import BANKS, REPO
from terminal_helpers import spawn_decide

from decide.sessions import SessionStore

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


def spawn(*args: str) -> pexpect.spawn:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    return spawn_decide(
        list(args),
        cwd=str(REPO),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    )


def test_a_person_completes_the_interview_in_a_terminal() -> None:
    child = spawn("interview", "--bank", str(BANKS / "interview_small.yaml"))
    child.expect("It does not recommend a treatment.")
    child.expect("988")  # the crisis line is on the welcome screen
    child.expect(r"session (\w+)\)")
    session = child.match.group(1)
    child.expect("Who is answering these questions?")
    child.expect("> ")
    child.sendline("1")
    child.expect("Question 2 of about 9")
    child.sendline("n")
    child.expect("How many antidepressants have you tried?")
    child.expect("> ")
    child.sendline("three")  # the typo
    child.expect("Please type a number using digits")
    child.sendline("3")
    child.expect("Do any of these apply to you?")
    child.expect("> ")
    child.sendline("back")  # one step back, and keep the answer
    child.expect("Question 3 of about 9")
    child.expect("Your answer now: 3 medicines")
    child.expect("> ")
    child.sendline("")
    child.expect("Do any of these apply to you?")
    child.expect("> ")
    child.sendline("3")
    for question, typed in [
        ("drive you home", "y"),
        ("feel better quickly", "4"),
        ("need anesthesia", "2"),
        ("know enough", "y"),
        ("want to ask", "Is there a waiting list?"),
    ]:
        child.expect(question)
        child.expect("> ")
        child.sendline(typed)
    child.expect("Check your answers")
    child.expect("Is there a waiting list")
    child.expect("> ")
    child.sendline("")
    # Where the answers are, the one-page summary, then the offer to save it.
    child.expect(f"saved on this computer as session {session}")
    child.expect("your summary")
    child.expect("Your options side by side")
    child.expect("Would you like to save this summary to a file")
    child.expect("> ")
    child.sendline("4")
    child.expect("Would you like to see the detail")
    child.expect("> ")
    child.sendline("3")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    saved = SessionStore(Path(os.environ["DECIDE_HOME"])).load(session)
    assert saved.record.finished
    assert saved.record.values()["tried"] == 3
    assert saved.record.values()["own_questions"] == "Is there a waiting list?"


def test_ctrl_c_stops_with_status_130_and_keeps_the_answers() -> None:
    child = spawn("interview", "--bank", str(BANKS / "interview_small.yaml"))
    child.expect(r"session (\w+)\)")
    session = child.match.group(1)
    child.expect("> ")
    child.sendline("2")
    child.expect("Question 2 of about 9")
    child.expect("> ")
    child.sendintr()
    child.expect(f"decide resume {session}")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    saved = SessionStore(Path(os.environ["DECIDE_HOME"])).load(session)
    assert saved.record.values() == {"who": "helper"}


def test_a_closed_terminal_keeps_the_answers_and_leaves_the_session_free() -> None:
    child = spawn("interview", "--bank", str(BANKS / "interview_small.yaml"))
    child.expect(r"session (\w+)\)")
    session = child.match.group(1)
    child.expect("> ")
    child.sendline("1")
    child.expect("Question 2 of about 9")
    child.expect("> ")
    child.kill(signal.SIGHUP)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 128 + signal.SIGHUP
    again = spawn("resume", session, "--bank", str(BANKS / "interview_small.yaml"))
    again.expect("Welcome back.")
    again.expect("Question 2 of about 9")
    again.expect("> ")
    again.sendline("quit")
    again.expect(pexpect.EOF)
    again.close()
    assert again.exitstatus == 0


def test_a_line_with_a_nul_character_gets_a_reply_at_once() -> None:
    child = spawn(
        "interview", "--no-save", "--plain", "--bank", str(BANKS / "interview_small.yaml")
    )
    child.expect("> ")
    child.send("ab\x00c\r")
    child.expect("> ", timeout=5)  # no second Enter needed
    assert "'abc' is not one of the choices" in (child.before or "")
    child.sendline("q")
    child.expect(pexpect.EOF)


def _bare_decide() -> pexpect.spawn:
    """`decide` alone, on the bundled bank, in plain mode (the store is the test's own)."""
    child = spawn()
    child.delaybeforesend = None
    return child


def test_decide_again_offers_the_unfinished_session_with_its_date_and_progress() -> None:
    first = _bare_decide()
    first.expect("> ")
    found = re.search(r"session ([a-z0-9]{6})\)", first.before or "")
    assert found, first.before
    sid = found.group(1)
    first.sendline("2")  # one answer: a session worth going on with
    first.expect("> ")
    first.sendline("quit")
    first.expect(pexpect.EOF)

    again = _bare_decide()
    again.expect(r"You have an unfinished session \(" + sid + r"\), last saved \d{4}-\d\d-\d\d")
    again.expect("1 of ")
    again.expect("answered")
    again.expect("Type y to go on, or n to start a new one")
    again.expect("> ")
    again.sendline("y")
    again.expect("Welcome back")
    again.expect("> ")
    again.sendline("quit")
    again.expect(pexpect.EOF)

    fresh = _bare_decide()
    fresh.expect("Type y to go on")
    fresh.expect("> ")
    fresh.sendline("n")
    fresh.expect(r"session ([a-z0-9]{6})\)")
    assert fresh.match.group(1) != sid
    fresh.sendline("quit")
    fresh.expect(pexpect.EOF)


@pytest.mark.parametrize(("rows", "waits"), [(24, True), (60, False)])
def test_the_welcome_is_not_scrolled_away_before_question_1(rows: int, waits: bool) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    child = spawn_decide(
        ["--plain"], cwd=str(REPO), env=env, encoding="utf-8", timeout=30, dimensions=(rows, 80)
    )
    child.expect("> ")
    before = child.before or ""
    if waits:
        assert "Question 1 of" not in before and "Press Enter to start" in before
        title = before.index("Getting ready to talk")
        assert before[title:].count("\n") <= rows - 1  # the title is still on the screen
        child.sendline("")
        child.expect("> ")
        assert "Question 1 of" in (child.before or "")
    else:
        assert "Press Enter to start" not in before and "Question 1 of" in before
    child.sendline("quit")
    child.expect(pexpect.EOF)


def _counselor(client: str) -> pexpect.spawn:
    """`decide --counselor --client CODE`: the interview's options, without the command name."""
    child = spawn("--plain", "--counselor", "--client", client)
    child.delaybeforesend = None
    return child


def test_decide_with_options_offers_only_the_same_clients_unfinished_session() -> None:
    first = _counselor("C-1")
    first.expect(r"session ([a-z0-9]{6})\)")
    sid = first.match.group(1)
    first.expect("> ")
    first.sendline("2")  # one answer
    first.expect("Press Enter when the client is ready")
    first.expect("> ")
    first.sendline("")
    first.expect("> ")
    first.sendline("quit")
    first.expect(pexpect.EOF)

    other = _counselor("C-2")  # another client: never offered C-1's answers
    other.expect("> ")
    assert "unfinished session" not in (other.before or "")
    other.sendline("quit")
    other.expect(pexpect.EOF)

    same = _counselor("C-1")
    same.expect(r"You have an unfinished session \(" + sid + r"\)")
    same.expect("> ")
    same.sendline("y")
    same.expect("Welcome back")
    same.expect("> ")
    same.sendline("quit")
    same.expect(pexpect.EOF)

    explicit = spawn("interview", "--plain", "--counselor", "--client", "C-1")
    explicit.expect("> ")  # `decide interview` always starts afresh, as scripts expect
    assert "unfinished session" not in (explicit.before or "")
    explicit.sendline("quit")
    explicit.expect(pexpect.EOF)
