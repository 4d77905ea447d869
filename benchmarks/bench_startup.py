"""How fast decide starts: `--version`, `--help`, and the time until the first question.

Run it from the repository: `python benchmarks/bench_startup.py [--runs N] [--bank PATH]`.
Each command runs N times (after one warm-up run) in a fresh process; the script prints the
median, the fastest and the slowest, and each median as a ratio to `python -c "import typer"`
(the floor any Typer CLI pays). The first question is timed from process start until the first
answer prompt (`> `) appears on its standard output, read through a pipe (plain mode), with
`--no-save` and a throwaway DECIDE_HOME so nothing is written.

This is a measuring tool for people, not a test: nothing here asserts a time. The machine's
load changes the numbers by 20 % or more; compare ratios, and rerun before drawing conclusions.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROMPT = b"\n> "


def decide_command() -> list[str]:
    """The installed `decide` script next to this Python, else `python -m decide`."""
    script = Path(sys.executable).with_name("decide")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "decide"]


def timed_run(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def timed_first_question(command: list[str], env: dict[str, str]) -> float:
    """Seconds from start until the first question's prompt is on stdout; then quit."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=REPO, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert process.stdout is not None and process.stdin is not None
    seen = b""
    while PROMPT not in seen:
        chunk = os.read(process.stdout.fileno(), 65536)
        if not chunk:
            process.wait()
            raise RuntimeError(f"no prompt before the end of output: {seen[-400:]!r}")
        seen += chunk
    elapsed = time.perf_counter() - start
    process.stdin.write(b"quit\n")
    process.stdin.close()
    process.stdout.read()
    process.wait()
    return elapsed


def measure(runs: int, once: Callable[[], float]) -> list[float]:
    once()  # warm-up: byte-code caches, file cache
    return [once() for _ in range(runs)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="runs per command (default 10)")
    parser.add_argument("--bank", help="bank for the first question (default: the bundled one)")
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="decide-bench-")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS")}
    env["DECIDE_HOME"] = home
    decide = decide_command()
    bank = ["--bank", args.bank] if args.bank else []
    interview = [*decide, "interview", "--no-save", *bank]
    cases: list[tuple[str, Callable[[], float]]] = [
        (
            'python -c "import typer"',
            lambda: timed_run([sys.executable, "-c", "import typer"], env),
        ),
        ("decide --version", lambda: timed_run([*decide, "--version"], env)),
        ("decide --help", lambda: timed_run([*decide, "--help"], env)),
        ("first question on screen", lambda: timed_first_question(interview, env)),
    ]
    try:
        import typer

        typer_version = typer.__version__
    except ImportError:  # pragma: no cover - typer is a dependency
        typer_version = "?"
    print(f"Python {sys.version.split()[0]}, typer {typer_version}, {os.cpu_count()} CPUs")
    print(f"decide runs as: {' '.join(decide)}; {args.runs} runs each after one warm-up")
    print()
    print(f"{'command':<28} {'median':>8} {'fastest':>8} {'slowest':>8} {'vs typer':>9}")
    baseline = 0.0
    try:
        for name, once in cases:
            times = measure(args.runs, once)
            median = statistics.median(times)
            baseline = baseline or median
            print(
                f"{name:<28} {median * 1000:>6.0f}ms {min(times) * 1000:>6.0f}ms "
                f"{max(times) * 1000:>6.0f}ms {median / baseline:>8.2f}x"
            )
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
