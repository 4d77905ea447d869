"""How long `decide report` takes to write the HTML summary, beside a bare Typer command.

Builds one person's answers to the bundled bank (every question they would see, raising no
safety concern), keeps them as an answers file and as a saved session, then runs, one after
the other in every round (never in blocks), `decide report --answers FILE --format html -o
OUT`, `decide report --session ID --format html -o OUT` (a counselor printing a session) and a
bare Typer command printing one word (the yardstick of any Typer program), and prints each
one's median and the median of the pair-by-pair ratios (goal: the HTML report at most 2x the
bare Typer command), with the largest resident set and the machine's load.
Run: python benchmarks/bench_report.py [--runs N]. A measuring tool, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
from pathlib import Path

from sample import bare_typer_command, decide_command, load, ratio, run_child, sample_answers

from decide.bank import read_bank
from decide.core.record import GivenAnswer, InterviewRecord
from decide.sessions import SessionStore

REPO = Path(__file__).resolve().parent.parent
ANSWERS = "report to HTML, answers file"
SESSION = "report to HTML, saved session"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="decide-bench-"))
    env = dict(os.environ, DECIDE_HOME=str(work / "home"), DECIDE_CACHE=str(work / "cache"))
    answers = work / "answers.json"
    bank = read_bank(keep=False)
    values = sample_answers(bank)
    answers.write_text(json.dumps(values), encoding="utf-8")
    stamp = "2026-03-01T09:00:00Z"
    record = InterviewRecord(
        mode="counselor", answers={q: GivenAnswer(v, stamp) for q, v in values.items()}
    )
    with SessionStore(work / "home").create(bank, record) as session:
        session.save(record)
        session_id = session.id
    decide = decide_command()
    html = ("--format", "html", "--output", str(work / "summary.html"), "--force")
    cases = {
        "bare Typer command": bare_typer_command(work),
        ANSWERS: [*decide, "report", "--answers", str(answers), *html],
        SESSION: [*decide, "report", "--session", session_id, *html],
    }
    print(f"{load()}; {args.runs} alternating rounds after a warm-up")
    times: dict[str, list[float]] = {name: [] for name in cases}
    peaks: dict[str, float] = dict.fromkeys(cases, 0.0)
    try:
        for command in cases.values():
            run_child(command, env, REPO)  # warm-up: byte-code and file caches
        for _ in range(args.runs):
            for name, command in cases.items():
                seconds, memory = run_child(command, env, REPO)
                times[name].append(seconds)
                peaks[name] = max(peaks[name], memory)
        size = (work / "summary.html").stat().st_size / 1024
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{'command':<32} {'median':>8} {'fastest':>8} {'peak memory':>12}")
    for name, seen in times.items():
        print(
            f"{name:<32} {statistics.median(seen) * 1000:>6.0f}ms "
            f"{min(seen) * 1000:>6.0f}ms {peaks[name]:>8.1f} MiB"
        )
    print(f"\nHTML summary: {size:.0f} KiB")
    for name in (ANSWERS, SESSION):
        pair = ratio(times[name], times["bare Typer command"])
        print(f"{name} / bare Typer command: {pair:.2f}x (goal <= 2x)")
    print(load())


if __name__ == "__main__":
    main()
