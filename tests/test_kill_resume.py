"""Kill `decide` with SIGKILL at random moments, many times, and lose nothing acknowledged.

A real pseudo-terminal drives `python -m decide` from this checkout (nothing is installed). An
answer counts as acknowledged once the next screen (the next question, or the review) has
appeared: that is when a person would believe it was taken. After each kill the session file
must read cleanly and hold every acknowledged answer, and `decide resume` must continue at the
first unanswered visible question. Seeded, so a failure can be replayed with the same seed:
DECIDE_KILL_SEED and DECIDE_KILLS override the defaults (55 kills in the ci profile, scaled
down in the default one: tests/counts.py).
"""

from __future__ import annotations

import os
import random
import re
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pexpect
import pytest
from counts import repeats
from terminal_helpers import spawn_decide

from decide.bank import read_bank
from decide.core.interview import Interview
from decide.core.model import AnswerValue, Bank, Question
from decide.sessions import SessionStore

REPO = Path(__file__).resolve().parent.parent
BANK_PATH = REPO / "tests" / "banks" / "small.yaml"
SEED = int(os.environ.get("DECIDE_KILL_SEED", "20261126"))
KILLS = int(os.environ.get("DECIDE_KILLS") or repeats(55))
PROMPT = "> "
QUESTION = re.compile(r"Question \d+ of (?:about )?\d+\r\n(.+?)\r\n")
SESSION = re.compile(r"session ([a-z0-9]{6})\)")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


@pytest.fixture(scope="module")
def bank() -> Bank:
    return read_bank(BANK_PATH)


def spawn(store: Path, *args: str) -> pexpect.spawn:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "TERM": "dumb",
        "DECIDE_HOME": str(store),
        "COLUMNS": "100",
    }
    env.pop("NO_COLOR", None)
    command = [*args, "--store", str(store), "--bank", str(BANK_PATH), "--plain"]
    child = spawn_decide(
        command,
        cwd=str(store.parent),
        env=env,
        encoding="utf-8",
        timeout=15,
        dimensions=(50, 100),
    )
    child.delaybeforesend = None  # type like a fast person; keeps 50+ kills quick
    return child


@dataclass
class Typed:
    keys: str
    value: AnswerValue


def some_answer(question: Question, rng: random.Random) -> Typed:
    """A random valid answer as a person would type it, and the value it must be saved as."""
    if question.type == "yesno":
        if question.role == "safety":
            return Typed("n", False)  # the crisis panel has its own tests
        yes = rng.random() < 0.5
        return Typed("y" if yes else "n", yes)
    if question.type == "single":
        number = rng.randrange(len(question.choices))
        return Typed(str(number + 1), question.choices[number].id)
    if question.type == "multi":
        plain = [n for n, c in enumerate(question.choices) if not c.exclusive]
        if rng.random() < 0.2 or not plain:
            only = next(n for n, c in enumerate(question.choices) if c.exclusive)
            picks = [only]
        else:
            picks = sorted(rng.sample(plain, rng.randint(1, len(plain))))
        return Typed(",".join(str(n + 1) for n in picks), [question.choices[n].id for n in picks])
    if question.type in ("scale", "number"):
        low, high = int(question.min or 0), int(question.max if question.max is not None else 9)
        number = rng.randint(low, high)
        return Typed(str(number), number)
    words = f"note {rng.randint(1, 999)} from the kill test"
    return Typed(words, words)


def current_question(child: pexpect.spawn, bank: Bank) -> Question | None:
    """The question on screen at the prompt just reached, or None at the review screen."""
    shown = QUESTION.findall(child.before or "")
    if not shown:
        assert "Check your answers" in (child.before or ""), child.before
        return None
    found = [q for q in bank.questions if q.text == shown[-1]]
    assert found, shown[-1]
    return found[0]


def check_saved(store: SessionStore, sid: str, acknowledged: dict[str, AnswerValue]) -> None:
    values = store.load(sid).record.values()  # raises if the file were damaged
    missing = {k: v for k, v in acknowledged.items() if values.get(k) != v}
    assert not missing, f"acknowledged answers lost or changed: {missing} (saved: {values})"


def test_sigkill_at_random_moments_never_loses_an_acknowledged_answer(
    tmp_path: Path, bank: Bank
) -> None:
    rng = random.Random(SEED)
    root = tmp_path / "store"
    store = SessionStore(root)
    sid: str | None = None
    acknowledged: dict[str, AnswerValue] = {}
    kills = resumes = sessions = checked = 0
    while kills < KILLS:
        if sid is None:
            child = spawn(root, "interview")
            child.expect(PROMPT)
            found = SESSION.search(child.before or "")
            assert found, child.before
            sid, acknowledged = found.group(1), {}
            sessions += 1
        else:
            child = spawn(root, "resume", sid)
            child.expect(PROMPT)
            assert "Welcome back" in (child.before or ""), child.before
            check_saved(store, sid, acknowledged)
            values = store.load(sid).record.values()
            expected = Interview.resume(bank, values).current()
            assert current_question(child, bank) == expected
            acknowledged = values  # what was saved is what the person now sees
            resumes += 1

        asked = current_question(child, bank)
        for _ in range(rng.randint(0, 4)):
            if asked is None:
                break
            typed = some_answer(asked, rng)
            child.sendline(typed.keys)
            child.expect(PROMPT)  # the next screen: the answer is acknowledged
            acknowledged[asked.id] = typed.value
            asked = current_question(child, bank)

        moment = rng.choice(["at the prompt", "just after Enter", "mid-typing", "soon after"])
        if asked is not None and moment != "at the prompt":
            typed = some_answer(asked, rng)
            if moment == "mid-typing":
                child.send(typed.keys[: max(1, len(typed.keys) // 2)])
            else:
                child.sendline(typed.keys)
                if moment == "soon after":
                    time.sleep(rng.random() * 0.02)
        child.kill(signal.SIGKILL)
        child.wait()
        child.close()
        assert child.signalstatus == signal.SIGKILL
        kills += 1
        check_saved(store, sid, acknowledged)
        checked += len(acknowledged)
        if asked is None:  # reached the review: start a fresh session next time
            sid = None

    listed, damaged = store.list()
    assert damaged == [] and len(listed) == sessions
    assert resumes >= KILLS // 2
    leftovers = [p.name for p in root.iterdir() if p.suffix not in (".json", ".lock")]
    # a kill between writing a save's temporary file and renaming it leaves that file
    # behind until the session is opened again; nothing else is ever left
    assert all(name.startswith(".") and name.endswith(".tmp") for name in leftovers)
    print(f"{kills} kills, {resumes} resumes, {sessions} sessions: {checked} acknowledged")


def test_ctrl_c_keeps_the_answers_says_how_to_resume_and_exits_130(
    tmp_path: Path, bank: Bank
) -> None:
    root = tmp_path / "store"
    child = spawn(root, "interview")
    child.expect(PROMPT)
    found = SESSION.search(child.before or "")
    assert found
    child.sendline("n")
    child.expect(PROMPT)
    child.sendline("4")
    child.expect(PROMPT)
    child.sendintr()
    child.expect(f"decide resume {found.group(1)}")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    saved = SessionStore(root).load(found.group(1)).record.values()
    assert saved == {"self_harm": False, "tried": 4}


def test_a_closed_terminal_keeps_the_answers(tmp_path: Path) -> None:
    root = tmp_path / "store"
    child = spawn(root, "interview")
    child.expect(PROMPT)
    found = SESSION.search(child.before or "")
    assert found
    child.sendline("n")
    child.expect(PROMPT)
    child.kill(signal.SIGHUP)
    child.close(force=True)
    assert SessionStore(root).load(found.group(1)).record.values() == {"self_harm": False}
    again = spawn(root, "resume", found.group(1))  # and it is not left locked
    again.expect("Welcome back")
    again.expect(PROMPT)
    assert "How many antidepressants have you tried?" in (again.before or "")
    again.sendline("quit")
    again.expect(pexpect.EOF)
    again.close()


def test_a_second_decide_on_the_same_session_is_told_it_is_open_elsewhere(
    tmp_path: Path,
) -> None:
    root = tmp_path / "store"
    first = spawn(root, "interview")
    first.expect(PROMPT)
    found = SESSION.search(first.before or "")
    assert found
    sid = found.group(1)
    second = spawn(root, "resume", sid)
    second.expect("open in another decide window")
    second.expect(pexpect.EOF)
    second.close()
    assert second.exitstatus == 1
    first.sendline("n")  # the first window goes on saving as before
    first.expect(PROMPT)
    first.sendline("quit")
    first.expect(pexpect.EOF)
    first.close()
    assert SessionStore(root).load(sid).record.values() == {"self_harm": False}
