"""Answers files and banks with huge numbers, deep nesting and odd values: located problems only.

Each example writes a value as text (a number of 400 or 5,000 digits, `1.0e+400`, lists nested
up to 999 levels, tags, aliases, control characters…) into an answers file or over a value of
a valid bank, and reads it the way `decide` does. Whatever comes in, the result is a value or
problems that each read `file:line:column: message`; any other exception is a traceback a
person would see.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from counts import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decide.bank import parse_bank, read_bank
from decide.bank.answers_file import parse_answers
from decide.core.errors import AnswersFileError, BankError, ProblemsError
from decide.core.model import Bank

BANK_PATH = Path(__file__).parent / "banks" / "small.yaml"


@cache
def bank() -> Bank:
    """The small test bank, read when a test first needs it: never at import."""
    return read_bank(BANK_PATH)


BANK_LINES = BANK_PATH.read_text(encoding="utf-8").splitlines()
VALUE_LINES = [i for i, line in enumerate(BANK_LINES) if re.match(r"^\s*[\w-]+: \S", line)]
LINE = re.compile(r"^(answers|bank)\.yaml:\d+:\d+: \S.*$")


def _nested(depth: int, opening: str, leaf: str, closing: str) -> str:
    return opening * depth + leaf + closing * depth


numbers = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.integers(300, 6000).map(lambda digits: "9" * digits),
    st.integers(300, 6000).map(lambda digits: "-1" + "0" * digits),
    st.sampled_from(
        [
            "1.0e+400",
            "-1.0e+400",
            "1e400",
            ".inf",
            "-.inf",
            ".nan",
            "0x1F",
            "0o17",
            "1_000",
            "1e-400",
            "4.9e-324",
            "1.7976931348623157e+308",
            "0b101",
            "190:20:30",
        ]
    ),
)
nesting = st.builds(
    _nested,
    st.integers(1, 999),
    st.sampled_from(["[", "{a: ", '{"a": [']),
    st.sampled_from(["1", "", "x", "null"]),
    st.sampled_from(["]", "}", "]}"]),
)
odd = st.one_of(
    st.sampled_from(
        [
            "~",
            "null",
            "''",
            '""',
            "true",
            "no",
            "2026-01-01",
            "2026-01-01 10:00:00",
            "[]",
            "{}",
            "!!python/object:os.system x",
            "!!binary aGk=",
            "&a [1]",
            "*a",
            "<<: {a: 1}",
            "[1, [2, [3]]]",
            "{a: [1, {b: 2}]}",
            "'\\x00'",
            '"\\u0000"',
            '"\\x1b[2J"',
            "- a",
        ]
    ),
    st.text(max_size=20).map(lambda text: '"' + text.replace("\\", "").replace('"', "") + '"'),
)
fragments = st.one_of(numbers, nesting, odd)


def _check(error: ProblemsError) -> None:
    assert error.problems, "a problems error always names at least one problem"
    for problem in error.problems:
        assert LINE.match(str(problem)), str(problem)


@settings(max_examples=examples(2000), deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.tuples(
            st.deferred(lambda: st.sampled_from([q.id for q in bank().questions] + ["nope", "1"])),
            fragments,
        ),
        min_size=1,
        max_size=4,
    )
)
def test_an_answers_file_of_odd_values_gives_an_answer_set_or_located_problems(
    entries: list[tuple[str, str]],
) -> None:
    text = "".join(f"{qid}: {fragment}\n" for qid, fragment in entries)
    try:
        parse_answers(text, "answers.yaml", bank())
    except AnswersFileError as error:
        _check(error)


@settings(max_examples=examples(2000), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(VALUE_LINES), fragments)
def test_a_bank_with_an_odd_value_gives_a_bank_or_located_problems(
    index: int, fragment: str
) -> None:
    lines = list(BANK_LINES)
    key = lines[index].split(":", 1)[0]
    lines[index] = f"{key}: {fragment}"
    try:
        parse_bank("\n".join(lines) + "\n", "bank.yaml")
    except BankError as error:
        _check(error)
