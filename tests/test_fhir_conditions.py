"""The exported conditions say what decide's own conditions say, on random answers.

For random answer sets (answers to hidden questions included), the QuestionnaireResponse holds
the answers that apply; a FHIR form filler reading the exported Questionnaire must then enable
exactly the questions decide shows, and show the crisis text exactly when decide would. The
enableWhen rows are read as FHIR R4 defines them, the FHIRPath with fhirpathpy.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, cast

import pytest
from counts import examples
from fhir_helpers import (
    answer_for,
    answers_for,
    enable_when_holds,
    fhirpath_holds,
    item_by_link_id,
    item_enabled,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from decide.bank import read_bank
from decide.bank.conditions import OPERATOR_TYPES
from decide.core.conditions import OPERATORS, effective_answers, evaluate, visible_questions
from decide.core.model import All, AnswerValue, Any_, Bank, Condition, Not, Scalar, Test
from decide.core.safety import concern_raised
from decide.fhir.common import CRISIS_LINK_ID
from decide.fhir.conditions import enable_when, fhirpath, literal
from decide.fhir.questionnaire import questionnaire
from decide.fhir.response import questionnaire_response

BANKS = Path(__file__).parent / "banks"
BANK_FILES = {"bundled": None, **{p.stem: p for p in sorted(BANKS.glob("*.yaml"))}}


@cache
def loaded(name: str) -> Bank:
    """A test bank, read when a test first needs it: never at import."""
    return read_bank(BANK_FILES[name])


@cache
def questionnaire_of(name: str) -> dict[str, Any]:
    return questionnaire(loaded(name))


SLOW_OK = settings(
    max_examples=examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def response_to(bank: Bank, answers: dict[str, AnswerValue]) -> dict[str, object]:
    return questionnaire_response(bank, answers, status="in-progress")


@pytest.mark.parametrize("name", list(BANK_FILES))
@SLOW_OK
@given(data=st.data())
def test_a_form_filler_enables_what_decide_shows(name: str, data: st.DataObject) -> None:
    bank, exported = loaded(name), item_by_link_id(questionnaire_of(name))
    answers = data.draw(answers_for(bank))
    response = response_to(bank, answers)
    shown = {q.id for q in visible_questions(bank, answers)}
    for question in bank.questions:
        assert item_enabled(exported[question.id], response) == (question.id in shown), question.id
    crisis = exported[CRISIS_LINK_ID]
    assert item_enabled(crisis, response) == concern_raised(bank, answers)


@pytest.mark.parametrize("name", list(BANK_FILES))
@SLOW_OK
@given(data=st.data())
def test_every_condition_as_fhirpath_agrees_with_decide(name: str, data: st.DataObject) -> None:
    """Also the conditions that the Questionnaire carries as enableWhen."""
    bank = loaded(name)
    answers = data.draw(answers_for(bank))
    effective = effective_answers(bank, answers)
    response = response_to(bank, answers)
    conditions = [q.show_if for q in bank.questions if q.show_if is not None]
    for condition in [*conditions, bank.safety.concern_if]:
        assert fhirpath_holds(fhirpath(condition, bank), response) == evaluate(condition, effective)


# ---------------------------------------------------------------- random conditions


@cache
def small() -> Bank:
    return loaded("small")  # every feature of the format


@st.composite
def leaf_tests(draw: st.DrawFn, bank: Bank) -> Test:
    question = draw(st.sampled_from(bank.questions))
    op: Any = draw(st.sampled_from([o for o in OPERATORS if question.type in OPERATOR_TYPES[o]]))
    if op == "answered":
        return Test(question.id, op, draw(st.booleans()))
    one: st.SearchStrategy[Scalar] = (
        cast("st.SearchStrategy[Scalar]", answer_for(question))  # one value: not a multi's list
        if question.type != "multi"
        else st.sampled_from([c.id for c in question.choices])
    )
    if op in ("at_least", "at_most"):
        one = st.one_of(one, st.floats(-2, 12, allow_nan=False).map(lambda x: round(x, 1)))
    if op == "in":
        return Test(question.id, op, tuple(draw(st.lists(one, min_size=1, max_size=3))))
    return Test(question.id, op, draw(one))


def conditions(bank: Bank) -> st.SearchStrategy[Condition]:
    return st.recursive(
        leaf_tests(bank),
        lambda inner: st.one_of(
            st.lists(inner, min_size=1, max_size=3).map(lambda xs: All(tuple(xs))),
            st.lists(inner, min_size=1, max_size=3).map(lambda xs: Any_(tuple(xs))),
            inner.map(Not),
        ),
        max_leaves=5,
    )


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    condition=st.deferred(lambda: conditions(small())),
    answers=st.deferred(lambda: answers_for(small())),
)
def test_any_condition_says_the_same_in_fhir(
    condition: Condition, answers: dict[str, AnswerValue]
) -> None:
    """Conditions a bank could hold, not only the ones the test banks hold."""
    effective = effective_answers(small(), answers)
    response = response_to(small(), answers)
    expected = evaluate(condition, effective)
    assert fhirpath_holds(fhirpath(condition, small()), response) == expected
    rows = enable_when(condition, small())
    if rows is not None:
        assert enable_when_holds(rows[0], rows[1], response) == expected


def test_flat_conditions_become_enable_when_and_the_rest_an_expression() -> None:
    tried = Test("tried", "at_least", 2)
    picked_beta = Test("past", "includes", "beta")
    assert enable_when(All((tried, picked_beta)), small()) == (
        [
            {"question": "tried", "operator": ">=", "answerInteger": 2},
            {
                "question": "past",
                "operator": "=",
                "answerCoding": {"code": "beta", "display": "Beta"},
            },
        ],
        "all",
    )
    assert enable_when(Test("past_alpha", "in", ("helped", "no_help")), small()) is not None
    assert (
        enable_when(All((Test("past_alpha", "in", ("helped", "no_help")), tried)), small()) is None
    )
    assert enable_when(Any_((Test("driver", "is_not", True), tried)), small()) is None
    assert enable_when(Not(picked_beta), small()) is None
    assert enable_when(Test("tried", "at_least", 2.5), small()) is None  # 'tried' is whole numbers


def test_literals_are_escaped() -> None:
    assert literal("it's a \\ test") == "'it\\'s a \\\\ test'"
    assert literal(True) == "true"
    assert literal(0.00001) == "0.00001"
    assert literal(-3) == "-3"
    assert literal(2.0) == "2.0"
