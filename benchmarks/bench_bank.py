"""How the cost of loading and validating a bank grows with its size.

Generates banks of 100, 1,000 and 10,000 questions (with conditions, preferences and
considerations), then prints for each the median time and the peak memory (tracemalloc) of
- load+validate: parsing and checking the text, what a new or changed bank costs;
- from cache: reading the checked bank back from decide's bank cache, what an unchanged bank
  costs on every later start.
The issue's goal for 10,000 questions is 0.5 s and 100 MiB. Then where a cold `decide validate`
spends its time in this process (the YAML tree, the checks, the cache entry it writes after),
and for each, `decide validate`
as a whole process with a cold cache, alternating run by run with libyaml's bare event parse of
the same file (goal: within 2x), with resident memory (getrusage of the children).
Run: python benchmarks/bench_bank.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from pathlib import Path

from sample import decide_command, load, ratio, run_child

from decide.bank import parse_bank
from decide.bank.cache import read_entry, write_entry
from decide.bank.text_file import paused_gc
from decide.bank.yamlsource import compose
from decide.core.model import CONSIDERATION_KINDS

REPO = Path(__file__).resolve().parent.parent
HEADER = """\
format: 1
meta:
  id: bench
  title: "Benchmark bank"
  version: "1"
  language: en
  last_reviewed: 2026-01-01
  next_review_due: 2027-01-01
  authors: ["the decide project"]
  funding: "None."
  update_policy: "None."
  evidence_note: "Generated."
decision:
  who_for: "Benchmarks."
  choice: "A or B."
  does: "It measures."
  does_not: "It does not recommend."
  time_needed: "none"
options:
  - {id: a, name: "Option A", short_name: "A", summary: "First."}
  - {id: b, name: "Option B", short_name: "B", summary: "Second."}
sections:
  - {id: s, title: "Section"}
sources:
  K: {citation: "A source.", kind: label, date: "2020", url: "https://example.org/source"}
safety:
  message: "Help is available."
  concern_if: {question: q0, is: yes}
  resources:
    - {name: "988", contact: "Call or text 988", region: US, last_checked: 2026-01-01}
specialist_questions: ["What next?"]
other_options: []
sequencing_note: "Ask."
"""


def generate(count: int) -> str:
    """A bank of `count` questions: yes/no, single, scale preferences with conditions."""
    rows = ["rows:"]
    for r in range(max(1, count // 50)):
        rows.append(
            f'  - id: r{r}\n    title: "Row {r}"\n    covers: benefit\n    cells:\n'
            f'      a: {{text: "Cell A {r}.", short: "A {r}.", sources: [K]}}\n'
            f'      b: {{text: "Cell B {r}.", short: "B {r}.", sources: [K]}}'
        )
    questions = ["questions:"]
    considerations = ["considerations:"]
    for i in range(count):
        kind = i % 3
        cond = (
            f"\n    show_if: {{all: [{{question: q{i - 1}, answered: true}}, {{not: {{question: q0, is: yes}}}}]}}"
            if i > 1
            else ""
        )
        if i == 0 or kind == 0:
            questions.append(
                f'  - id: q{i}\n    section: s\n    type: yesno\n    role: {"safety" if i == 0 else "history"}\n    text: "Question {i}?"{cond}'
            )
            if i:
                considerations.append(
                    f"  - id: c{i}\n    kind: {CONSIDERATION_KINDS[i % len(CONSIDERATION_KINDS)]}\n    row: r{(i // 50) % max(1, count // 50)}\n"
                    f'    when: {{question: q{i}, is: yes}}\n    points: {{a: "Point {i}."}}'
                )
        elif kind == 1:
            questions.append(
                f'  - id: q{i}\n    section: s\n    type: single\n    role: history\n    text: "Question {i}?"{cond}\n'
                '    choices:\n      - {id: x, label: "X"}\n      - {id: y, label: "Y"}'
            )
        else:
            questions.append(
                f'  - id: q{i}\n    section: s\n    type: scale\n    role: preference\n    text: "Question {i}?"{cond}\n'
                f"    weighs: [r{(i // 50) % max(1, count // 50)}]\n    min: 0\n    max: 4\n"
                '    labels: {0: "Not at all", 4: "Extremely"}'
            )
    return "\n".join([HEADER, *rows, *questions, *considerations]) + "\n"


def measure(once: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median seconds of `once()` in this process and its peak traced memory in MiB."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        once()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    once()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak / (1024 * 1024)


def split(text: str, entry: Path, repeat: int) -> str:
    """Median milliseconds of each part of a cold check, the collector paused as `validate`
    pauses it: the YAML tree, the checks (the rest of parse_bank), the cache entry."""
    parts: dict[str, list[float]] = {"YAML tree": [], "checks": [], "cache entry": []}
    with paused_gc():
        for _ in range(repeat):
            start = time.perf_counter()
            compose(text, "bench.yaml")
            tree = time.perf_counter()
            bank = parse_bank(text, "bench.yaml")
            checked = time.perf_counter()
            write_entry(entry, "bench", bank)
            written = time.perf_counter()
            parts["YAML tree"].append(tree - start)
            parts["checks"].append(checked - tree - (tree - start))
            parts["cache entry"].append(written - checked)
    return "; ".join(f"{k} {statistics.median(v) * 1000:.0f} ms" for k, v in parts.items())


EVENTS = (
    "import sys, yaml\n"
    "loader = getattr(yaml, 'CSafeLoader', yaml.SafeLoader)\n"
    "with open(sys.argv[1], encoding='utf-8') as f:\n"
    "    for _ in yaml.parse(f, Loader=loader):\n"
    "        pass\n"
)


def whole_processes(path: Path, folder: Path, runs: int) -> None:
    """`decide validate BANK` with a cold cache, alternating with libyaml's bare event parse
    of the same file, each a whole process: pair-by-pair median ratio and resident memory."""
    cache = folder / "cache"
    env = dict(os.environ, DECIDE_HOME=str(folder / "home"), DECIDE_CACHE=str(cache))
    validate = [*decide_command(), "validate", str(path)]
    events = [sys.executable, "-c", EVENTS, str(path)]
    decide_times, event_times, decide_rss, event_rss = [], [], [], []
    for _ in range(runs + 1):  # the first round warms the file cache and is dropped
        shutil.rmtree(cache, ignore_errors=True)  # cold: the bank is parsed and checked
        seconds, rss = run_child(validate, env, REPO)
        decide_times.append(seconds)
        decide_rss.append(rss)
        seconds, rss = run_child(events, env, REPO)
        event_times.append(seconds)
        event_rss.append(rss)
    d, e = decide_times[1:], event_times[1:]
    print(
        f"  whole process, cold cache: decide validate {statistics.median(d) * 1000:.0f} ms, "
        f"{max(decide_rss[1:]):.0f} MiB resident; libyaml events "
        f"{statistics.median(e) * 1000:.0f} ms, {max(event_rss[1:]):.0f} MiB; "
        f"ratio {ratio(d, e):.2f}x ({load()})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="decide-bench-"))
    print(
        f"{'questions':>10} {'size':>9} {'load+validate':>14} {'peak memory':>12} "
        f"{'from cache':>11} {'peak memory':>12}"
    )
    try:
        for count in (100, 1_000, 10_000):
            text = generate(count)
            path = folder / f"bank{count}.yaml"
            path.write_text(text, encoding="utf-8")
            entry = folder / f"{count}.json"
            write_entry(entry, "bench", parse_bank(text, "bench.yaml"))
            seconds, peak = measure(partial(parse_bank, text, "bench.yaml"), args.repeat)
            cached, cached_peak = measure(partial(read_entry, entry, "bench"), args.repeat)
            assert read_entry(entry, "bench") == parse_bank(text, "bench.yaml")
            print(
                f"{count:>10,} {len(text) / 1024:>7.0f} K {seconds * 1000:>11.1f} ms "
                f"{peak:>8.1f} MiB {cached * 1000:>8.1f} ms {cached_peak:>8.1f} MiB"
            )
            print(f"  in this process: {split(text, entry, args.repeat)}")
            whole_processes(path, folder, args.repeat)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
