"""The condition language: what a bank author can rely on."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from decide.bank import read_bank
from decide.core.conditions import (
    effective_answers,
    evaluate,
    referenced_questions,
    visible_questions,
)
from decide.core.model import All, AnswerValue, Any_, Bank, Condition, Not, Test


@cache
def bank() -> Bank:
    """The small test bank, read when a test first needs it: never at import."""
    return read_bank(Path(__file__).parent / "banks" / "small.yaml")


def ids(answers: dict[str, AnswerValue]) -> list[str]:
    return [q.id for q in visible_questions(bank(), answers)]


def test_a_test_on_an_unanswered_question_is_false_even_is_not() -> None:
    for op, value in [
        ("is", True),
        ("is_not", True),
        ("in", ("a",)),
        ("includes", "a"),
        ("at_least", 0),
        ("at_most", 99),
    ]:
        assert evaluate(Test("q", op, value), {}) is False  # type: ignore[arg-type]
    assert evaluate(Test("q", "answered", False), {}) is True
    assert evaluate(Not(Test("q", "is", True)), {}) is True


def test_each_operator() -> None:
    answers: dict[str, AnswerValue] = {"yn": True, "one": "a", "many": ["a", "b"], "n": 3}
    assert evaluate(Test("yn", "is", True), answers)
    assert not evaluate(Test("yn", "is_not", True), answers)
    assert evaluate(Test("one", "in", ("b", "a")), answers)
    assert evaluate(Test("many", "includes", "b"), answers)
    assert not evaluate(Test("many", "includes", "c"), answers)
    assert evaluate(Test("n", "at_least", 3), answers) and not evaluate(
        Test("n", "at_least", 4), answers
    )
    assert evaluate(Test("n", "at_most", 3), answers) and not evaluate(
        Test("n", "at_most", 2), answers
    )
    assert evaluate(Test("n", "answered", True), answers)


def test_yes_no_answers_are_not_the_numbers_one_and_zero() -> None:
    assert not evaluate(Test("n", "is", True), {"n": 1})
    assert not evaluate(Test("yn", "is", 1), {"yn": True})
    assert not evaluate(Test("yn", "at_least", 0), {"yn": False})


def test_questions_appear_as_their_conditions_are_met() -> None:
    assert "past_alpha" not in ids({"past": ["beta"]})
    assert "past_alpha" in ids({"past": ["alpha"]})
    base: dict[str, AnswerValue] = {"tried": 3, "past": ["alpha"], "past_alpha": "helped"}
    assert "seizures" in ids(base)
    assert "seizures" not in ids({**base, "tried": 1})


def test_an_answer_to_a_hidden_question_is_kept_but_never_used() -> None:
    answers: dict[str, AnswerValue] = {
        "tried": 3,
        "past": ["alpha"],
        "past_alpha": "helped",
        "seizures": True,
    }
    assert effective_answers(bank(), answers)["seizures"] is True
    answers["past"] = ["none"]  # the person changed an earlier answer
    effective = effective_answers(bank(), answers)
    assert "past_alpha" not in effective and "seizures" not in effective
    assert answers["seizures"] is True  # still there, should they change it back


def test_a_hidden_answer_cannot_switch_on_a_later_question() -> None:
    # goal only shows when low_mood is not 4; my_questions only when goal is answered.
    answers: dict[str, AnswerValue] = {"tried": 2, "low_mood": 4, "goal": "learn"}
    assert "goal" not in ids(answers)
    assert "my_questions" not in ids(answers)


def test_referenced_questions_in_order() -> None:
    condition = All(
        (Test("a", "is", True), Any_((Test("b", "is", 1), Not(Test("a", "is", False)))))
    )
    assert referenced_questions(condition) == ("a", "b")


answer_values = st.one_of(
    st.booleans(),
    st.integers(-5, 40),
    st.floats(allow_nan=False),
    st.sampled_from(["a", "b", "none", "alpha", "helped"]),
    st.lists(st.sampled_from(["alpha", "beta", "none"]), max_size=3),
    st.text(max_size=5),
)
leaves = st.builds(
    Test,
    st.sampled_from(["q1", "q2", "q3"]),
    st.sampled_from(["is", "is_not", "in", "includes", "at_least", "at_most", "answered"]),
    st.one_of(
        st.booleans(),
        st.integers(-5, 40),
        st.sampled_from(["a", "alpha"]),
        st.tuples(st.sampled_from(["a", "b"])),
    ),
)
conditions: st.SearchStrategy[Condition] = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.builds(All, st.lists(inner, min_size=1, max_size=3).map(tuple)),
        st.builds(Any_, st.lists(inner, min_size=1, max_size=3).map(tuple)),
        st.builds(Not, inner),
    ),
    max_leaves=8,
)


@given(conditions, st.dictionaries(st.sampled_from(["q1", "q2", "q3"]), answer_values))
def test_any_condition_over_any_answers_gives_a_plain_bool(
    condition: Condition, answers: dict[str, AnswerValue]
) -> None:
    result = evaluate(condition, answers)
    assert isinstance(result, bool)
    assert evaluate(Not(condition), answers) is (not result)
    assert evaluate(All((condition, condition)), answers) is result


@given(
    st.dictionaries(
        st.deferred(lambda: st.sampled_from([q.id for q in bank().questions])), answer_values
    )
)
def test_visibility_never_depends_on_hidden_answers(answers: dict[str, AnswerValue]) -> None:
    shown = visible_questions(bank(), answers)
    assert visible_questions(bank(), effective_answers(bank(), answers)) == shown
    assert [q.id for q in shown] == [q.id for q in bank().questions if q in shown]  # bank order
