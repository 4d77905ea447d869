"""The benchmark's generated banks are banks decide accepts, so the benchmark cannot rot.

`benchmarks/bench_bank.py` times `decide validate` on banks it writes itself; a generator that
falls behind the bank's rules makes the whole-process timing fail instead of measuring.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from decide.bank import parse_bank

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def generate() -> Iterator[Callable[[int], str]]:
    sys.path.insert(0, str(BENCHMARKS))
    try:
        from bench_bank import generate

        yield generate
    finally:
        sys.path.remove(str(BENCHMARKS))


def test_generated_bank_is_accepted(generate: Callable[[int], str]) -> None:
    bank = parse_bank(generate(100), "bench.yaml")
    assert len(bank.questions) == 100
    assert len(bank.rows) == 2
    # every third question from the third on has a point to raise, each with a kind and a row
    assert len(bank.considerations) == 33
    assert {c.row for c in bank.considerations} <= {r.id for r in bank.rows}
    assert len({c.kind for c in bank.considerations}) > 1
