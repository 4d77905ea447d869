"""How fast decide starts, side by side with copier's first prompt, in a pseudo-terminal.

Run it from the repository: `python benchmarks/bench_startup.py [--runs N] [--bank PATH]`.

It times, each in a fresh process, N runs after one warm-up:
- `python -c "import typer"` (the floor any Typer CLI pays), `decide --version`, `decide --help`;
- decide's first question on screen: from process start until the first answer prompt is
  written to a pseudo-terminal (the way a person sees it), in the default mode and `--plain`,
  with `--no-save` and a throwaway DECIDE_HOME so nothing is written;
- copier's first prompt on the same terminal: `copier copy` of a one-question template, until
  the question's text is on screen. copier (a YAML-driven terminal questionnaire, decide's
  nearest peer) is installed into this benchmark's own virtual environment under the user's
  cache folder (`~/.cache/decide-bench`, or $XDG_CACHE_HOME), never into decide's.

It prints the median, fastest and slowest of each, and the first question's ratio to copier's
first prompt (the issue's goal is 0.40x or less). This is a measuring tool for people, not a
test: nothing here asserts a time. The machine's load changes the numbers by 20 % or more;
compare ratios within one run, and rerun before drawing conclusions.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
QUESTION = "What should we call this project?"
COPIER_SPEC = "copier>=9,<10"


def decide_command() -> list[str]:
    """The installed `decide` script next to this Python, else `python -m decide`."""
    script = Path(sys.executable).with_name("decide")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "decide"]


def copier_command() -> list[str]:
    """copier in the benchmark's own virtual environment, made (once) with pip from PyPI."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    venv = cache / "decide-bench" / "copier-venv"
    copier = venv / "bin" / "copier"
    if not copier.is_file():
        print(f"installing {COPIER_SPEC} into {venv} (once) ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", COPIER_SPEC], check=True
        )
    return [str(copier)]


def copier_template(folder: Path) -> Path:
    """A one-question copier template, the smallest questionnaire copier can ask."""
    template = folder / "template"
    template.mkdir()
    (template / "copier.yml").write_text(f"name:\n  type: str\n  help: {QUESTION}\n")
    (template / "README.md.jinja").write_text("{{ name }}\n")
    return template


def timed_run(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def timed_in_terminal(command: list[str], env: dict[str, str], marker: bytes) -> float:
    """Seconds from start until `marker` is written to a 100x30 pseudo-terminal; then stop."""
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=REPO,
        env=env,
        stdin=follower,
        stdout=follower,
        stderr=follower,
        start_new_session=True,
    )
    os.close(follower)
    seen = b""
    try:
        while marker not in seen:
            ready, _, _ = select.select([leader], [], [], 30)
            chunk = os.read(leader, 65536) if ready else b""
            if not chunk:
                raise RuntimeError(f"{command[0]}: no {marker!r} on screen: {seen[-400:]!r}")
            seen += chunk
        return time.perf_counter() - start
    finally:
        process.kill()
        process.wait()
        os.close(leader)


def measure(runs: int, once: Callable[[], float]) -> list[float]:
    once()  # warm-up: byte-code caches, file cache, decide's bank cache
    return [once() for _ in range(runs)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="runs per command (default 10)")
    parser.add_argument("--bank", help="bank for the first question (default: the bundled one)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="decide-bench-"))
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env.update(DECIDE_HOME=str(work / "home"), TERM="xterm-256color")
    decide = decide_command()
    copier = copier_command()
    template = copier_template(work)
    bank = ["--bank", args.bank] if args.bank else []
    interview = [*decide, "interview", "--no-save", *bank]
    counter = iter(range(10**9))
    cases: list[tuple[str, Callable[[], float]]] = [
        (
            'python -c "import typer"',
            lambda: timed_run([sys.executable, "-c", "import typer"], env),
        ),
        ("decide --version", lambda: timed_run([*decide, "--version"], env)),
        ("decide --help", lambda: timed_run([*decide, "--help"], env)),
        ("decide first question", lambda: timed_in_terminal(interview, env, b"> ")),
        (
            "decide --plain first question",
            lambda: timed_in_terminal([*interview, "--plain"], env, b"> "),
        ),
        (
            "copier first prompt",
            lambda: timed_in_terminal(
                [*copier, "copy", str(template), str(work / f"out{next(counter)}")],
                env,
                QUESTION.encode(),
            ),
        ),
    ]
    try:
        import typer

        typer_version = typer.__version__
    except ImportError:  # pragma: no cover - typer is a dependency
        typer_version = "?"
    copier_version = subprocess.run(
        [*copier, "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    print(f"Python {sys.version.split()[0]}, typer {typer_version}, {copier_version}")
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
    print(f"decide runs as: {' '.join(decide)}; {args.runs} runs each after one warm-up")
    print()
    print(f"{'command':<30} {'median':>8} {'fastest':>8} {'slowest':>8}")
    medians: dict[str, float] = {}
    try:
        for name, once in cases:
            times = measure(args.runs, once)
            medians[name] = statistics.median(times)
            print(
                f"{name:<30} {medians[name] * 1000:>6.0f}ms {min(times) * 1000:>6.0f}ms "
                f"{max(times) * 1000:>6.0f}ms"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    copier_time = medians["copier first prompt"]
    print()
    for name in ("decide first question", "decide --plain first question"):
        print(f"{name} / copier first prompt: {medians[name] / copier_time:.2f}x (goal <= 0.40x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
