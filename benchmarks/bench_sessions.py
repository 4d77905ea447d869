"""How `decide sessions list` grows with a counselor's store: 10, 1,000 and 10,000 sessions.

Fills a throwaway store with copies of one realistic session (every question of the bundled
bank answered, each copy with its own id and time), then runs `decide sessions list`, `decide
sessions list --json` and a bare Typer command (the yardstick: one command printing a word)
one after the other, round after round, and prints the median of the pair-by-pair ratios
(the goal: at most 5x the bare Typer command at 10,000 sessions). "first list" is one run with
no session index, the cost a store pays once after an upgrade or when the index is damaged.
`decide --version` is paired with the bare Typer command too (goal: at most 1.2x).
Run: python benchmarks/bench_sessions.py [--runs N] [--counts 10,1000,10000].
A measuring tool, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
from pathlib import Path

from sample import (
    bare_typer_command,
    decide_command,
    load,
    paired,
    ratio,
    run_child,
    sample_answers,
)

from decide.bank import read_bank
from decide.core.record import GivenAnswer, InterviewRecord
from decide.sessions import SessionStore
from decide.sessions.files import ID_ALPHABET, ID_LENGTH

REPO = Path(__file__).resolve().parent.parent


def session_id(number: int) -> str:
    digits = []
    for _ in range(ID_LENGTH):
        number, digit = divmod(number, len(ID_ALPHABET))
        digits.append(ID_ALPHABET[digit])
    return "".join(reversed(digits))


def fill(root: Path, count: int) -> None:
    """`count` sessions in `root`, copies of one real session with their own id and times."""
    bank = read_bank()
    stamp = "2026-03-01T09:00:00Z"
    record = InterviewRecord(
        mode="counselor",
        client_code="C-001",
        answers={qid: GivenAnswer(v, stamp) for qid, v in sample_answers(bank).items()},
    )
    with SessionStore(root).create(bank, record) as first:
        template = json.loads(first.path.read_bytes()) if first.path else {}
        first.path.unlink() if first.path else None
    for lock in root.glob("*.lock"):
        lock.unlink()
    for number in range(count):
        document = dict(template)
        document["id"] = session_id(number * 7919 + 1)
        document["client_code"] = f"C-{number:05d}"
        minute = number % (60 * 24 * 28)
        day, rest = divmod(minute, 60 * 24)
        document["updated"] = f"2026-03-{day + 1:02d}T{rest // 60:02d}:{rest % 60:02d}:00Z"
        document["finished"] = number % 3 == 0
        path = root / f"{document['id']}.json"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write((json.dumps(document, indent=1) + "\n").encode("ascii"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--counts", default="10,1000,10000")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="decide-bench-"))
    env = dict(os.environ, DECIDE_HOME=str(work / "home"))
    decide = decide_command()

    try:
        bare = bare_typer_command(work)
        version, typer_times = paired(args.runs, env, REPO, [*decide, "--version"], bare)
        print(
            f"decide --version: {statistics.median(version) * 1000:.0f} ms, "
            f"{ratio(version, typer_times):.2f}x a bare Typer command "
            f"({statistics.median(typer_times) * 1000:.0f} ms); {load()}\n"
        )
        print(
            f"{'sessions':>9} {'list':>8} {'ratio':>6} {'--json':>8} {'ratio':>6} "
            f"{'first list':>11} {'peak memory':>12}"
        )
        for count in (int(c) for c in args.counts.split(",")):
            store = work / f"store{count}"
            fill(store, count)
            listing = [*decide, "sessions", "list", "--store", str(store)]
            for index in store.glob(".sessions-index*"):
                index.unlink()
            first, _ = run_child(listing, env, REPO)
            plain, as_json, yardstick = paired(
                args.runs, env, REPO, listing, [*listing, "--json"], bare
            )
            _, peak = run_child(listing, env, REPO)
            print(
                f"{count:>9,} {statistics.median(plain) * 1000:>6.0f}ms "
                f"{ratio(plain, yardstick):>5.1f}x "
                f"{statistics.median(as_json) * 1000:>6.0f}ms {ratio(as_json, yardstick):>5.1f}x "
                f"{first * 1000:>9.0f}ms {peak:>8.1f} MiB"
            )
        print(f"\n{load()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
