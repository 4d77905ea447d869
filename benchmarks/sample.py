"""Shared by the benchmarks: one person's answers to a bank, and a child process's cost.

Not a benchmark itself; `python benchmarks/bench_….py` finds it next to the script.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from decide.core.conditions import visible_questions
from decide.core.model import AnswerValue, Bank, Question
from decide.core.safety import concern_raised

# Where the bank's first choice is not the ordinary person's: decide is for adults.
ORDINARY: dict[str, AnswerValue] = {"age_band": "adult"}


def _candidates(question: Question) -> list[AnswerValue]:
    """Answers a person might give, the most ordinary first."""
    if question.id in ORDINARY:
        return [ORDINARY[question.id]]
    if question.type == "yesno":
        return [False, True]
    if question.type == "single":
        return [c.id for c in question.choices]
    if question.type == "multi":  # one pick, then "none of these": the first that is safe
        ordinary = [c for c in question.choices if not c.exclusive]
        alone = [c for c in question.choices if c.exclusive]
        return [[c.id] for c in [*ordinary[:1], *alone, *ordinary[1:]]]
    if question.type == "scale":
        return [int(question.max if question.max is not None else 4)]
    if question.type == "number":
        low = int(question.min) if question.min is not None else 0
        high = int(question.max) if question.max is not None else low + 3
        return [min(high, max(low, 3))]
    return ["Will I be able to drive home afterwards?"]


def sample_answers(bank: Bank) -> dict[str, AnswerValue]:
    """An answer to every question the person would see, raising no safety concern."""
    values: dict[str, AnswerValue] = {}
    while True:
        new = [q for q in visible_questions(bank, values) if q.id not in values]
        if not new:  # only answers to the questions the person would have seen
            shown = {q.id for q in visible_questions(bank, values)}
            return {qid: value for qid, value in values.items() if qid in shown}
        for question in new:
            for value in _candidates(question):
                values[question.id] = value
                if not concern_raised(bank, values):
                    break


RUNNER = """import os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
print(time.perf_counter() - start, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def as_installed(env: dict[str, str]) -> dict[str, str]:
    """`env` as on a person's machine, where Python keeps the byte code it compiles: without
    PYTHONDONTWRITEBYTECODE (set on some development machines), every run of a checkout
    compiled the modules that never had a `__pycache__` from source (`decide report` to HTML
    measured 262 ms that way, 227 ms with byte code)."""
    return {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run_child(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Seconds and peak memory (MiB of resident set) of one run of `command`, with the
    environment `as_installed`.

    Started from a small runner process, not from this one: on Linux a child's peak resident
    memory starts at its parent's (the forked copy counts until exec), so a benchmark that has
    built a big bank would otherwise report its own size for every child.
    """
    import sys

    done = subprocess.run(
        [sys.executable, "-S", "-c", RUNNER, *command],
        cwd=cwd,
        env=as_installed(env),
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed, peak, code = done.stdout.split()
    if int(code):
        raise RuntimeError(f"{' '.join(command)} exited with {code}")
    return float(elapsed), int(peak) / 1024  # Linux reports kibibytes


def decide_command() -> list[str]:
    """The installed `decide` script next to this Python, else `python -m decide`."""
    import sys

    script = Path(sys.executable).with_name("decide")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "decide"]


BARE_TYPER = """import typer

app = typer.Typer(add_completion=False)


@app.command()
def hello() -> None:
    typer.echo("hello")


app()
"""


def bare_typer_command(folder: Path) -> list[str]:
    """A bare Typer command (one command printing a word): the yardstick for decide's own."""
    import sys

    script = folder / "bare_typer.py"
    script.write_text(BARE_TYPER)
    return [sys.executable, str(script)]


def paired(runs: int, env: dict[str, str], cwd: Path, *commands: list[str]) -> list[list[float]]:
    """Each command's seconds, run one after the other in every round (never in blocks), so
    a busy spell on a shared machine falls on both sides of a ratio. One warm-up round."""
    for command in commands:
        run_child(command, env, cwd)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for column, command in zip(times, commands, strict=True):
            column.append(run_child(command, env, cwd)[0])
    return times


def ratio(numerator: list[float], denominator: list[float]) -> float:
    """The median of the pair-by-pair ratios (run i of one over run i of the other)."""
    import statistics

    return statistics.median(a / b for a, b in zip(numerator, denominator, strict=True))


def load() -> str:
    """The machine's load average (1, 5, 15 minutes), to print beside every result."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"
