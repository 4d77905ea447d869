"""The pure interview engine, driven with plain lists of answers."""

from __future__ import annotations

import pytest
from interview_bank import CALM_ANSWERS, make_bank
from msgspec.structs import replace

from decide.core.errors import AnswerError
from decide.core.interview import Interview
from decide.core.model import AnswerValue, Bank


@pytest.fixture
def bank() -> Bank:
    return make_bank()


def run_answers(bank: Bank, answers: list[object]) -> Interview:
    """Answer question after question with `answers` (None passes over an optional one)."""
    state = Interview.begin(bank)
    for value in answers:
        state = state.skip() if value is None else state.answer(value)
    return state


def ids(questions: tuple[object, ...]) -> list[str]:
    return [q.id for q in questions]  # type: ignore[attr-defined]


def current_id(state: Interview) -> str | None:
    question = state.current()
    return question.id if question else None


# ---------------------------------------------------------------- order and visibility


def test_first_question_is_the_first_in_the_bank(bank: Bank) -> None:
    state = Interview.begin(bank)
    assert current_id(state) == "who"
    assert not state.done


def test_a_complete_run_ends_with_no_current_question(bank: Bank) -> None:
    state = run_answers(bank, CALM_ANSWERS)
    assert state.done
    assert current_id(state) is None
    assert state.open_required() == ()


def test_a_hidden_question_is_not_asked(bank: Bank) -> None:
    state = run_answers(bank, ["me", False, 3, ["bp"]])
    assert current_id(state) == "driver"
    assert "seizure_control" not in ids(state.visible())


def test_a_question_shown_by_an_answer_is_asked_next(bank: Bank) -> None:
    state = run_answers(bank, ["me", False, 3, ["seizures", "bp"]])
    assert current_id(state) == "seizure_control"


def test_optional_question_can_be_passed_over_but_required_cannot(bank: Bank) -> None:
    state = run_answers(bank, CALM_ANSWERS[:-1])
    assert current_id(state) == "own_questions"
    assert state.skip().done
    with pytest.raises(AnswerError, match="needs an answer"):
        Interview.begin(bank).skip()


# ---------------------------------------------------------------- progress


def test_progress_counts_visible_questions_and_sections(bank: Bank) -> None:
    state = Interview.begin(bank)
    progress = state.progress()
    # seizure_control is hidden until "seizures" is picked: 9 of the 10 questions show.
    assert (progress.number, progress.about) == (1, 9)
    assert (progress.section_number, progress.section_count) == (1, 3)
    assert progress.section is not None and progress.section.id == "start"
    state = run_answers(bank, ["me", False, 3, ["seizures"]])
    progress = state.progress()
    assert (progress.number, progress.about) == (5, 10)
    assert progress.section_number == 2


def test_progress_at_the_end_is_the_last_question(bank: Bank) -> None:
    progress = run_answers(bank, CALM_ANSWERS).progress()
    assert (progress.number, progress.about, progress.is_estimate) == (9, 9, False)


# ---------------------------------------------------------------- back


def test_back_goes_to_the_previous_visible_question(bank: Bank) -> None:
    state = run_answers(bank, ["me", False, 3, ["bp"]])  # at driver; seizure_control hidden
    assert current_id(state.back()) == "conditions"


def test_back_at_the_first_question_stays_there(bank: Bank) -> None:
    state = Interview.begin(bank)
    assert state.back() is state
    assert state.previous() is None


def test_back_from_the_end_goes_to_the_last_question(bank: Bank) -> None:
    state = run_answers(bank, CALM_ANSWERS).back()
    assert current_id(state) == "own_questions"


def test_after_back_answering_steps_through_the_answers_given(bank: Bank) -> None:
    state = run_answers(bank, ["me", False, 3, ["bp"]]).back().back()
    assert current_id(state) == "tried"
    state = state.answer(5)
    assert current_id(state) == "conditions"  # answered before: offered again
    state = state.answer(["bp"])
    assert current_id(state) == "driver"  # the first open question
    assert state.answers["tried"] == 5


def test_back_keeps_the_answer_until_it_is_changed(bank: Bank) -> None:
    state = run_answers(bank, ["me", False, 3]).back()
    assert state.answers["tried"] == 3


# ---------------------------------------------------------------- change and re-evaluate


def test_changing_an_answer_hides_what_no_longer_applies(bank: Bank) -> None:
    state = run_answers(bank, ["me", False, 3, ["seizures"], "no", True])
    assert "seizure_control" in ids(state.visible())
    state = state.goto("conditions").answer(["bp"])
    assert "seizure_control" not in ids(state.visible())
    # kept but marked, and never used
    assert state.answers["seizure_control"] == "no"
    assert ids(state.stale()) == ["seizure_control"]
    assert "seizure_control" not in state.effective()
    assert current_id(state) == "speed"  # straight on to the first open question


def test_changing_it_back_restores_the_kept_answer(bank: Bank) -> None:
    state = run_answers(bank, ["me", False, 3, ["seizures"], "no", True])
    state = state.goto("conditions").answer(["bp"]).goto("conditions").answer(["seizures"])
    assert state.effective()["seizure_control"] == "no"
    assert state.stale() == ()


def test_a_change_that_shows_a_new_question_asks_it_next(bank: Bank) -> None:
    state = run_answers(bank, CALM_ANSWERS)
    state = state.goto("conditions").answer(["seizures"])
    assert current_id(state) == "seizure_control"
    state = state.answer("unsure")
    assert state.done


def test_goto_from_the_review_returns_to_the_end(bank: Bank) -> None:
    state = run_answers(bank, CALM_ANSWERS).goto("speed").answer(1)
    assert state.done
    assert state.answers["speed"] == 1


def test_goto_a_hidden_question_is_refused(bank: Bank) -> None:
    with pytest.raises(AnswerError, match="seizure_control"):
        run_answers(bank, CALM_ANSWERS).goto("seizure_control")


def test_answered_lists_visible_answers_in_order(bank: Bank) -> None:
    state = run_answers(bank, CALM_ANSWERS)
    assert ids(state.answered())[:3] == ["who", "self_harm", "tried"]
    assert "seizure_control" not in ids(state.answered())


# ---------------------------------------------------------------- validation of every type


@pytest.mark.parametrize(
    ("prefix", "bad", "message"),
    [
        ([], "maybe", "pick one of"),  # single: unknown choice
        (["me"], "yes", "yes or no"),  # yesno given text
        (["me", False], 31, "from 0 to 30"),  # number above bounds
        (["me", False], 2.5, "whole number"),  # number that must be whole
        (["me", False, 3], ["seizures", "none"], "cannot be picked together"),  # exclusive
        (["me", False, 3], ["nope"], "Not a choice"),  # multi: unknown
        (["me", False, 3, ["none"], True], 5, "from 0 to 4"),  # scale out of range
        (["me", False, 3, ["none"], True], None, "needs an answer"),  # required
        (CALM_ANSWERS[:-1], "x" * 201, "200 characters"),  # text too long
    ],
)
def test_invalid_answers_are_refused_and_nothing_is_lost(
    bank: Bank, prefix: list[object], bad: object, message: str
) -> None:
    state = run_answers(bank, prefix)
    with pytest.raises(AnswerError, match=message):
        state.answer(bad)
    assert dict(state.answers) == dict(run_answers(bank, prefix).answers)


def test_answers_are_stored_in_canonical_form(bank: Bank) -> None:
    state = run_answers(bank, ["me", False, 3.0, ["none", "none"], True, 4, "no", True, " hi "])
    assert state.answers["tried"] == 3 and isinstance(state.answers["tried"], int)
    assert state.answers["conditions"] == ["none"]
    assert state.answers["own_questions"] == "hi"


# ---------------------------------------------------------------- resume and answers files


def test_resume_continues_from_the_first_open_question(bank: Bank) -> None:
    saved = dict(run_answers(bank, ["me", False, 3]).answers)
    assert current_id(Interview.resume(bank, saved)) == "conditions"


def test_resume_does_not_ask_again_an_optional_question_passed_over(bank: Bank) -> None:
    optional_driver = tuple(
        replace(q, required=False) if q.id == "driver" else q for q in bank.questions
    )
    bank = replace(bank, questions=optional_driver)
    saved: dict[str, AnswerValue] = {
        "who": "me",
        "self_harm": False,
        "tried": 3,
        "conditions": ["none"],
        "speed": 2,
    }
    # driver was passed over before speed was answered: go on after speed
    assert current_id(Interview.resume(bank, saved)) == "anesthesia"
    del saved["speed"]
    # nothing answered after driver: it is still open
    assert current_id(Interview.resume(bank, saved)) == "driver"


def test_from_answers_checks_every_value_like_typed(bank: Bank) -> None:
    with pytest.raises(AnswerError, match=r"tried: .*from 0 to 30"):
        Interview.from_answers(bank, {"who": "me", "tried": 99})
    with pytest.raises(AnswerError, match="No such question in this bank: nope"):
        Interview.from_answers(bank, {"nope": 1})


def test_from_answers_lists_the_required_questions_still_open(bank: Bank) -> None:
    state = Interview.from_answers(bank, {"who": "me", "self_harm": False})
    assert ids(state.open_required()) == [
        "tried",
        "conditions",
        "driver",
        "speed",
        "anesthesia",
        "ready",
    ]
    assert current_id(state) == "tried"
    assert "own_questions" in state.skipped


def test_from_answers_keeps_a_hidden_answer_without_using_it(bank: Bank) -> None:
    values = dict(run_answers(bank, CALM_ANSWERS).answers)
    values["seizure_control"] = "yes"
    state = Interview.from_answers(bank, values)
    assert state.done
    assert ids(state.stale()) == ["seizure_control"]
    assert "seizure_control" not in state.effective()
