"""How long `decide report` takes to write the HTML summary, and its peak memory.

Builds one person's answers to the bundled bank (every question they would see), writes them
to an answers file, then runs `decide report --answers FILE --format html -o OUT` N times in
fresh processes and prints the median time and the largest resident set (the issue's goal is
0.25 s and 60 MiB). `decide --version` runs alongside as the floor of any decide command.
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

from sample import decide_command, run_child, sample_answers

from decide.bank import read_bank

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="decide-bench-"))
    env = dict(os.environ, DECIDE_HOME=str(work / "home"))
    answers = work / "answers.json"
    answers.write_text(json.dumps(sample_answers(read_bank())), encoding="utf-8")
    decide = decide_command()
    cases = {
        "decide --version": [*decide, "--version"],
        "decide report to HTML": [
            *decide,
            *("report", "--answers", str(answers), "--format", "html"),
            *("--output", str(work / "summary.html"), "--force"),
        ],
    }
    print(f"{'command':<24} {'median':>8} {'fastest':>8} {'peak memory':>12}")
    try:
        for name, command in cases.items():
            run_child(command, env, REPO)  # warm-up, and the bank cache
            runs = [run_child(command, env, REPO) for _ in range(args.runs)]
            times = [seconds for seconds, _ in runs]
            peak = max(memory for _, memory in runs)
            print(
                f"{name:<24} {statistics.median(times) * 1000:>6.0f}ms "
                f"{min(times) * 1000:>6.0f}ms {peak:>8.1f} MiB"
            )
        print(f"HTML summary: {(work / 'summary.html').stat().st_size / 1024:.0f} KiB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
