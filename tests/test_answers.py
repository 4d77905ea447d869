"""One answer checked against its question: the same rules for typed, filed and saved answers."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from decide.bank import read_bank
from decide.core.answers import check_answer
from decide.core.errors import AnswerError
from decide.core.model import Bank


@cache
def bank() -> Bank:
    """The small test bank, read when a test first needs it: never at import."""
    return read_bank(Path(__file__).parent / "banks" / "small.yaml")


def q(qid: str):  # type: ignore[no-untyped-def]
    question = bank().question(qid)
    assert question is not None
    return question


@pytest.mark.parametrize(
    ("qid", "value", "expected"),
    [
        ("self_harm", True, True),
        ("past_alpha", "helped", "helped"),
        ("past", ["beta", "alpha", "beta"], ["alpha", "beta"]),  # bank order, no repeats
        ("past", "alpha", ["alpha"]),
        ("pref_speed", 4, 4),
        ("pref_speed", 3.0, 3),
        ("tried", 2, 2),
        ("pref_other", "  being able to work  ", "being able to work"),
    ],
)
def test_valid_answers_in_canonical_form(qid: str, value: object, expected: object) -> None:
    assert check_answer(q(qid), value) == expected


@pytest.mark.parametrize(
    ("qid", "value", "message"),
    [
        ("self_harm", "maybe", "Please answer yes or no."),
        ("past_alpha", "great", "Please pick one of: helped, no_help."),
        (
            "past",
            ["alpha", "none"],
            "'None of these' cannot be picked together with other choices.",
        ),
        ("past", ["gamma"], "Not a choice here: gamma. Choices: alpha, beta, none."),
        ("pref_speed", 5, "Please answer with a number from 0 to 4."),
        ("pref_speed", 2.5, "Please answer with a whole number."),
        ("pref_speed", True, "Please answer with a number."),
        ("tried", -1, "Please answer with a number from 0 to 30."),
        ("pref_other", "x" * 201, "Please keep this to 200 characters (this is 201)."),
        ("pref_other", "   ", "This question needs an answer."),
        ("self_harm", None, "This question needs an answer."),
    ],
)
def test_invalid_answers_say_what_would_fit(qid: str, value: object, message: str) -> None:
    with pytest.raises(AnswerError) as caught:
        check_answer(q(qid), value)
    assert caught.value.message == message


anything = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30)),
    lambda inner: st.lists(inner, max_size=4),
    max_leaves=6,
)


@given(st.deferred(lambda: st.sampled_from(bank().questions)), anything)
def test_any_value_is_either_accepted_stably_or_refused_with_a_sentence(question, value) -> None:  # type: ignore[no-untyped-def]
    try:
        accepted = check_answer(question, value)
    except AnswerError as error:
        assert error.message.endswith(".")
        return
    assert check_answer(question, accepted) == accepted
