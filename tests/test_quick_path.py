"""The quick path of the YAML reader (decide.bank.yamlsource): a plain file is read once,
without positions, and read again for them only when a location is asked for."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from decide.bank import yamlsource
from decide.bank.load import parse_bank  # as the schema-parity recorder wraps it
from decide.bank.located import Positions
from decide.bank.text_file import YamlError
from decide.bank.yamlsource import MDict, compose, composed_problems
from decide.core.errors import BankError
from decide.core.model import Location

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def readings(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Each reading of a file: quick, document (recording) or positions."""
    seen: list[str] = []
    real = yamlsource._read

    def counted(text: str, source: str, how: str) -> object:
        seen.append(how)
        return real(text, source, how)

    monkeypatch.setattr(yamlsource, "_read", counted)
    yield seen


def test_a_plain_file_is_read_again_only_when_a_location_is_asked_for(
    readings: list[str],
) -> None:
    tree = compose("a: 1\nb:\n  - x\n  - {c: yes}\n", "f.yaml")
    assert readings == ["quick"]
    assert tree["b"].where(1) == Location("f.yaml", 4, 5)
    assert tree.where_key("b") == Location("f.yaml", 2, 1)
    assert tree["b"][1].where("c") == Location("f.yaml", 4, 9)
    assert readings == ["quick", "positions"]  # one more reading, for all of them


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x 1\nb: *x\n", "f.yaml:1:4: this value is reused with an anchor and alias"),
        ("a: 1\na: 2\n", "f.yaml:2:1: the key 'a' is repeated (first at line 1)"),
        ("a: !!python/object:os.system 1\n", "f.yaml:1:4: the tag '!!python/object:os.system'"),
        ("<<: {a: 1}\n", "f.yaml:1:1: merge keys (<<) are not allowed"),
        ("a: .inf\n", "f.yaml:1:4: this number is too large for decide"),
        ("? [a]\n: 1\n", "f.yaml:1:3: a key must be plain text"),
    ],
)
def test_a_file_that_is_not_plain_is_read_recording_and_its_problem_has_its_place(
    readings: list[str], text: str, expected: str
) -> None:
    try:
        problems = composed_problems(compose(text, "f.yaml"))
    except YamlError as error:
        problems = error.problems
    assert [str(p)[: len(expected)] for p in problems] == [expected]
    assert readings == ["quick", "document"]  # the quick reading stopped; one recording one


def test_a_valid_bank_is_checked_from_one_reading(readings: list[str]) -> None:
    """No check of a valid bank asks for a location: the bundled bank and the benchmark's
    10,000-question bank are each read once."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from bench_bank import generate
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    parse_bank((REPO / "questions.yaml").read_text(encoding="utf-8"), "questions.yaml")
    parse_bank(generate(1_000), "bench.yaml")
    assert readings == ["quick", "quick"]


def test_a_bank_with_a_problem_names_its_line(readings: list[str]) -> None:
    text = (REPO / "tests" / "banks" / "small.yaml").read_text(encoding="utf-8")
    broken = text.replace("weighs: [chance]", "weighs: [chances]")
    line = broken[: broken.index("weighs: [chances]")].count("\n") + 1
    with pytest.raises(BankError) as caught:
        parse_bank(broken, "small.yaml")
    (problem,) = caught.value.problems
    assert (problem.at.line, problem.at.column) == (line, 14)
    assert readings == ["quick", "positions"]


def test_positions_recorded_for_other_containers_are_never_used() -> None:
    """Both readings number containers alike (the tests above and tests/test_yaml_events.py
    check every location); if they ever did not, a location falls back to the file's start
    rather than pointing at the wrong value."""
    other = Positions("f.yaml", "a: 1\n")
    other.first.append(0)
    other.offsets.append(3)
    positions = Positions("f.yaml", "a: 1\n", locate=lambda: other)
    positions.count = 2  # the quick reading numbered two containers; the other reading one
    tree = MDict(a=1)
    tree._positions, tree._at = positions, 0
    assert tree.where("a") == Location("f.yaml", 1, 1)
