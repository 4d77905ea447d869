"""How long the interview takes a person, before the one-page summary appears.

Run it from the repository: `python benchmarks/bench_burden.py [PROFILE.yaml ...]`.

It drives the real interview (`python -m decide --plain`, this repository's code and bundled
bank) in a pseudo-terminal of 100 columns by 30 rows, with a throwaway DECIDE_HOME, and answers
as one fixed person would (benchmarks/profiles/*.yaml: a typical person, a person with much
history, and one who says "I'm not sure" wherever that is offered). It counts every input
(each Enter: the welcome, every answer, the crisis choice, the review, the offer to save) and
every word shown on screen before the one-page summary (a word has a letter in it: a choice's
number is looked at, not read), and prints the minutes by one plain
model: 200 words a minute read, plus 6 seconds per input. The targets (issue 19): the typical
person within 12 minutes and 30 inputs, the person with much history within 15 minutes.

This is a measuring tool, not a test: the minutes come from counts, not from a clock, so the
same code gives the same figures on any machine. A profile names answers by choice id, so one
profile works on banks whose choices are numbered differently; a question a profile does not
name gets a plain default (no, "None of these", or passed over when optional), and an answer
for a question the bank does not have is never used.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pexpect
import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from decide.bank import read_bank  # noqa: E402  (this repository's code, not an installed one)
from decide.core.model import Bank, Question  # noqa: E402

PROFILES = Path(__file__).resolve().parent / "profiles"
WORDS_PER_MINUTE = 200
SECONDS_PER_INPUT = 6
WORD = re.compile(r"\S*[A-Za-z]\S*")  # a word has a letter: "3", "1,3" and "--" are not read
PROMPT = re.compile(r"\r?\n> ")


@dataclass
class Tally:
    name: str
    inputs: int = 0
    words: int = 0
    asked: list[str] = field(default_factory=list)
    words_by_step: dict[str, int] = field(default_factory=dict)

    @property
    def minutes(self) -> float:
        return self.words / WORDS_PER_MINUTE + self.inputs * SECONDS_PER_INPUT / 60


def words(text: str) -> int:
    return len(WORD.findall(text))


def squash(text: str) -> str:
    return " ".join(text.split())


def load_profile(path: Path) -> dict[str, Any]:
    profile: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    base = profile.get("base")
    if base:
        below = load_profile(path.parent / base)
        below["answers"].update(profile.get("answers") or {})
        below["name"] = profile.get("name", below["name"])
        below["prefer"] = profile.get("prefer")
        return below
    profile["answers"] = profile.get("answers") or {}
    return profile


def typed_for(question: Question, profile: dict[str, Any]) -> str:
    """What this person types for `question`: choice ids become the numbers on screen."""
    numbers = {c.id: str(n) for n, c in enumerate(question.choices, 1)}
    if profile.get("prefer") and profile["prefer"] in numbers:
        return numbers[profile["prefer"]]
    value = profile["answers"].get(question.id)
    if question.type == "single" and value is not None and str(value) in numbers:
        return numbers[str(value)]
    if question.type == "multi" and isinstance(value, list):
        picks = [numbers[str(v)] for v in value if str(v) in numbers]
        if question.max is not None:
            picks = picks[: int(question.max)]
        if picks:
            return ",".join(picks)
    if question.type == "yesno" and value is not None:
        return "y" if str(value).casefold() in ("yes", "true", "y") else "n"
    if question.type in ("scale", "number", "text") and value is not None:
        return str(value)
    return default_for(question, numbers)


def default_for(question: Question, numbers: dict[str, str]) -> str:
    if not question.required:
        return ""
    if question.type in ("single", "multi"):
        return numbers.get("none") or numbers.get("not_needed") or "1"
    if question.type == "yesno":
        return "n"
    if question.type == "scale":
        return "2"
    if question.type == "number":
        return str(int(question.min or 0))
    return "none"


def on_screen(bank: Bank, screen: str) -> Question | None:
    """The question asked last on this screen (its text, however it was wrapped)."""
    flat = squash(screen)
    found: tuple[int, Question] | None = None
    for question in bank.questions:
        at = flat.rfind(squash(question.text))
        if at >= 0 and (found is None or at > found[0]):
            found = (at, question)
    return found[1] if found else None


def drive(profile: dict[str, Any], bank: Bank) -> Tally:
    tally = Tally(profile["name"])
    with tempfile.TemporaryDirectory(prefix="decide-burden-") as home:
        env = {
            **os.environ,
            "DECIDE_HOME": home,
            "DECIDE_CACHE": str(Path(home) / ".cache"),
            "PYTHONPATH": str(REPO),
            "TERM": "xterm",
        }
        env.pop("NO_COLOR", None)
        child = pexpect.spawn(
            sys.executable,
            ["-m", "decide", "--plain"],
            cwd=str(REPO),
            env=env,
            dimensions=(30, 100),
            encoding="utf-8",
            timeout=90,
        )
        typed_before = ""
        same, last = 0, ""
        try:
            while True:
                child.expect(PROMPT)
                screen = str(child.before).replace("\r", "")
                shown = max(0, words(screen) - words(typed_before))  # the echo is not read
                step, typed, done = respond(bank, profile, screen)
                tally.words += shown
                tally.words_by_step[step] = tally.words_by_step.get(step, 0) + shown
                tally.inputs += 1
                if step.startswith("question"):  # one question, or the readiness list
                    tally.asked.extend(step.split(" ", 1)[1].split(","))
                same = same + 1 if step == last else 0
                if same > 3:
                    raise RuntimeError(f"{step} asked again and again; last screen:\n{screen}")
                last = step
                child.sendline(typed)
                typed_before = typed
                if done:
                    break
        finally:
            child.close(force=True)
    return tally


def respond(bank: Bank, profile: dict[str, Any], screen: str) -> tuple[str, str, bool]:
    """(what this screen is, what the person types, whether the summary comes next)."""
    if "save your summary to a file" in screen:  # before the page (decide up to 2026-12-01)
        return "offer to save", "4", True
    if "What would you like to do now?" in screen:
        return "crisis panel", "1", False
    if "Press Enter to start" in screen:
        return "welcome", "", False
    if "Check your answers" in screen or "To change an answer" in screen:
        return "review", "", True  # Enter: the one-page summary comes next
    if "Which of these can you answer yes to?" in screen:  # the readiness yes/no questions
        listed = [
            q for q in bank.questions if q.type == "yesno" and squash(q.text) in squash(screen)
        ]
        yes = [str(n) for n, q in enumerate(listed, 1) if typed_for(q, profile) == "y"]
        return f"questions {','.join(q.id for q in listed)}", ",".join(yes) or "0", False
    question = on_screen(bank, screen)
    if question is None:
        raise RuntimeError(f"no question found on this screen:\n{screen}")
    return f"question {question.id}", typed_for(question, profile), False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profiles", nargs="*", type=Path)
    parser.add_argument("--steps", action="store_true", help="words shown at each step")
    args = parser.parse_args()
    paths = args.profiles or sorted(PROFILES.glob("*.yaml"))
    bank = read_bank(keep=False)
    print(f"bank {bank.meta.id} {bank.meta.version}, plain mode, 100x30 pseudo-terminal")
    print(f"model: {WORDS_PER_MINUTE} words a minute + {SECONDS_PER_INPUT} s per input\n")
    print(f"{'profile':<14}{'questions':>10}{'inputs':>8}{'words':>8}{'minutes':>9}")
    for path in paths:
        tally = drive(load_profile(path), bank)
        print(
            f"{tally.name:<14}{len(tally.asked):>10}{tally.inputs:>8}{tally.words:>8}"
            f"{tally.minutes:>9.1f}"
        )
        if args.steps:
            for step, count in tally.words_by_step.items():
                print(f"    {count:>5}  {step}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
