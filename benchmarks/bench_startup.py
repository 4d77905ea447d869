"""How fast decide starts, side by side with copier's first prompt, in a pseudo-terminal.

Run it from the repository: `python benchmarks/bench_startup.py [--runs N] [--bank PATH]`.

It runs, each in a fresh process and one of each per round (never in blocks, so a busy spell
on this shared machine falls on every side of a ratio), N rounds after one warm-up:
- decide's first question on screen: from process start, pressing Enter at the welcome, until
  the first question's text is written to a pseudo-terminal (the way a person sees it), in
  private mode (`--no-save`, which never writes a cache), on a fresh machine (decide installed
  from a wheel built from this checkout into a throwaway virtual environment, and an empty
  cache each run) and from this checkout with a warm cache;
- a bare Typer command and `decide --version`;
- copier's first prompt on the same terminal: `copier copy` of a one-question template, until
  the question's text is on screen. copier (a YAML-driven terminal questionnaire, decide's
  nearest peer) is installed into this benchmark's own virtual environment under the user's
  cache folder (`~/.cache/decide-bench`, or $XDG_CACHE_HOME), never into decide's.

It prints the median, fastest and slowest of each, and the medians of the pair-by-pair ratios
(round i of one over round i of the other): the first question over copier's first prompt
(goal 0.40x or less) and `decide --version` over the bare Typer command (goal 1.2x or less). This is a measuring tool for people, not a
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
FRESH = "first question, fresh machine"
WARM = "first question, checkout, warm"


def decide_command() -> list[str]:
    """The installed `decide` script next to this Python, else `python -m decide`."""
    script = Path(sys.executable).with_name("decide")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "decide"]


def installed_wheel(folder: Path) -> list[str]:
    """decide as a fresh machine has it: a wheel built from this checkout (with the checked
    copy of the bundled bank its build hook makes), installed with pip into a new venv."""
    print("building a wheel of this checkout and installing it into a throwaway venv ...")
    venv = folder / "wheel-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(folder), str(REPO)], check=True)
    (wheel,) = folder.glob("decide-*.whl")
    subprocess.run([*pip, "install", str(wheel)], check=True)
    return [str(venv / "bin" / "decide")]


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


def timed_in_terminal(
    command: list[str], env: dict[str, str], marker: bytes, enter_at: bytes | None = None
) -> float:
    """Seconds from start until `marker` is written to a 100x30 pseudo-terminal; then stop.
    With `enter_at`, Enter is pressed once that text is on screen (decide's welcome)."""
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
            if enter_at is not None and enter_at in seen:
                os.write(leader, b"\r")
                enter_at, seen = None, b""
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


def first_question_words(bank_path: str | None) -> bytes:
    """The start of the first question's text (a few words: a line break cannot split them)."""
    from decide.bank import read_bank
    from decide.core.conditions import visible_questions

    bank = read_bank(Path(bank_path) if bank_path else None, keep=False)
    first = visible_questions(bank, {})[0]
    return " ".join(first.text.split()[:3]).encode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="rounds (default 10)")
    parser.add_argument("--bank", help="bank for the first question (default: the bundled one)")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).parent))
    from sample import as_installed, bare_typer_command, load, ratio

    work = Path(tempfile.mkdtemp(prefix="decide-bench-"))
    env = {
        k: v
        for k, v in as_installed(dict(os.environ)).items()
        if k not in ("NO_COLOR", "COLUMNS", "LINES")
    }
    env.update(DECIDE_HOME=str(work / "home"), TERM="xterm-256color")
    warm_env = dict(env, DECIDE_CACHE=str(work / "warm-cache"))
    decide = decide_command()
    wheel = installed_wheel(work)
    copier = copier_command()
    template = copier_template(work)
    bank = ["--bank", args.bank] if args.bank else []
    words = first_question_words(args.bank)
    welcome = b"Press Enter"
    bare = bare_typer_command(work)
    counter = iter(range(10**9))

    def fresh_machine() -> float:
        empty = dict(env, DECIDE_CACHE=str(work / f"cold-cache{next(counter)}"))
        return timed_in_terminal([*wheel, "--no-save", *bank], empty, words, welcome)

    # This checkout's first use that may write builds its checked copy (or a cache entry).
    subprocess.run([*decide, "questions", *bank], env=warm_env, capture_output=True, check=True)
    cases: dict[str, Callable[[], float]] = {
        "copier first prompt": lambda: timed_in_terminal(
            [*copier, "copy", str(template), str(work / f"out{next(counter)}")],
            env,
            QUESTION.encode(),
        ),
        FRESH: fresh_machine,
        WARM: lambda: timed_in_terminal([*decide, "--no-save", *bank], warm_env, words, welcome),
        "bare Typer command": lambda: timed_run(bare, env),
        "decide --version": lambda: timed_run([*decide, "--version"], env),
    }
    copier_version = subprocess.run(
        [*copier, "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    print(f"Python {sys.version.split()[0]}, {copier_version}; {load()}")
    print(f"decide runs as: {' '.join(wheel)} (fresh machine), {' '.join(decide)} (checkout)")
    print(f"{args.runs} alternating rounds after a warm-up")
    times: dict[str, list[float]] = {name: [] for name in cases}
    try:
        for once in cases.values():
            once()  # warm-up round: byte-code caches, the file cache
        for _ in range(args.runs):
            for name, once in cases.items():  # one of each per round: never in blocks
                times[name].append(once())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print()
    print(f"{'command':<36} {'median':>8} {'fastest':>8} {'slowest':>8}")
    for name, seen in times.items():
        print(
            f"{name:<36} {statistics.median(seen) * 1000:>6.0f}ms "
            f"{min(seen) * 1000:>6.0f}ms {max(seen) * 1000:>6.0f}ms"
        )
    print()
    copier_times = times["copier first prompt"]
    for name in (FRESH, WARM):
        print(f"{name} / copier: {ratio(times[name], copier_times):.2f}x (goal <= 0.40x)")
    version = ratio(times["decide --version"], times["bare Typer command"])
    print(f"decide --version / bare Typer command: {version:.2f}x (goal <= 1.2x)")
    print(load())
    return 0


if __name__ == "__main__":
    sys.exit(main())
