"""The values section of the bundled bank: pick up to 4 topics, then rate only those; older
answers (every topic rated, nothing picked) keep working; and every count agrees."""

from __future__ import annotations

from pathlib import Path

import pytest

from decide.bank import read_bank
from decide.core.answers import check_answer
from decide.core.conditions import effective_answers, visible_questions
from decide.core.errors import AnswerError
from decide.core.interview import Interview
from decide.core.model import AnswerValue, Bank
from decide.core.record import GivenAnswer, InterviewRecord
from decide.core.tally import question_numbers, tally
from decide.sessions import SessionStore, reconcile
from decide.sessions.overview import overview
from decide.summary import build_report
from decide.summary.weighing import order_rows
from decide.terminal.review import review_numbers

RATINGS = [
    "pref_speed", "pref_no_drug_effects", "pref_no_needles", "pref_drive_self", "pref_less_time",
    "pref_cost", "pref_evidence", "pref_lasting", "pref_serious_risk", "pref_medicine_or_device",
    "pref_current_medicines",
]  # fmt: skip
# Answers saved with the bank before "pick up to 4": every topic rated, nothing picked.
OLD = {"self_harm_thoughts": False, **dict.fromkeys(RATINGS, 1), "pref_cost": 4}


@pytest.fixture(scope="module")
def bank() -> Bank:
    return read_bank(None)


def shown(bank: Bank, answers: dict[str, AnswerValue]) -> set[str]:
    return {q.id for q in visible_questions(bank, answers)}


def test_only_the_picked_topics_are_rated_and_their_rows_come_first(bank: Bank) -> None:
    answers: dict[str, AnswerValue] = {
        "pref_topics": ["speed", "drive_self"],
        "pref_speed": 4,
        "pref_drive_self": 3,
    }
    asked = shown(bank, answers) & {*RATINGS, "pref_other"}
    assert asked == {"pref_speed", "pref_drive_self"}  # 2 ratings, not 11; no "anything else"
    rows = order_rows(bank, effective_answers(bank, answers))
    assert [w.row.id for w in rows[:2]] == ["how_soon", "after_session"]
    assert all(w.importance is None for w in rows[2:])  # a topic not picked is not rated


def test_something_else_asks_what(bank: Bank) -> None:
    assert "pref_other" in shown(bank, {"pref_topics": ["cost", "something_else"]})
    assert "pref_other" not in shown(bank, {"pref_topics": ["none"]})


def test_at_most_4_topics_can_be_picked(bank: Bank) -> None:
    pick = next(q for q in bank.questions if q.id == "pref_topics")
    five = ["speed", "cost", "evidence", "lasting", "serious_risk"]
    with pytest.raises(AnswerError, match=r"Please pick at most 4\."):
        check_answer(pick, five)
    with pytest.raises(AnswerError, match="cannot be picked together"):
        check_answer(pick, ["none", "cost"])


def test_older_answers_with_every_topic_rated_keep_ordering_the_rows(bank: Bank) -> None:
    used = effective_answers(bank, OLD)
    assert set(RATINGS) <= set(used)  # every rating still applies and is used
    assert order_rows(bank, used)[0].row.id == "cost"


def test_an_older_saved_session_keeps_every_answer_and_goes_on(tmp_path: Path) -> None:
    bank = read_bank(None)
    store = SessionStore(tmp_path)
    record = InterviewRecord()
    for qid, value in OLD.items():
        record.answers[qid] = GivenAnswer(value, "2026-11-01T09:00:00Z")
    with store.create(bank, record) as session:
        sid = session.id
    fitted = reconcile(bank, store.load(sid))
    assert (fitted.kept, fitted.dropped, fitted.set_aside) == (len(OLD), 0, ())
    state = Interview.resume(bank, fitted.record.values())
    assert "pref_topics" in state.skipped  # passed over last time: the ratings stand
    current = state.current()
    assert current is not None and current.id == "decision_stage"


def test_the_count_at_the_start_does_not_include_the_fallback_ratings(bank: Bank) -> None:
    start = Interview.begin(bank)
    assert start.progress().about == len(start.visible()) - len(RATINGS) - 1  # and pref_other


def test_numbers_asked_with_are_the_review_sessions_and_report_numbers(tmp_path: Path) -> None:
    bank = read_bank(None)
    state, asked_as = Interview.begin(bank), dict[str, int]()
    typical: dict[str, AnswerValue] = {
        "antidepressants_tried": 3,
        "past_treatments": ["tms"],
        "past_tms_result": "helped_some",
        "pref_topics": ["speed"],
    }
    while (question := state.current()) is not None and len(asked_as) < 30:
        asked_as[question.id] = state.progress().number
        if question.id in typical:
            state = state.answer(typical[question.id])
        elif not question.required:
            state = state.skip()
        elif question.type in ("single", "multi"):
            choice = next((c.id for c in question.choices if c.id in ("none", "all")), None)
            first = choice or question.choices[0].id
            state = state.answer([first] if question.type == "multi" else first)
        elif question.type == "yesno":
            state = state.answer(False)
        else:
            state = state.answer(int(question.min or 0))
    numbers = {q.id: n for n, q in review_numbers(state).items()}
    assert {qid: numbers[qid] for qid in asked_as} == asked_as  # the review: same numbers
    assert question_numbers(bank, state.answers) == numbers
    # a session stopped part way: sessions list, sessions show and the report say one N of M
    part = dict(list(state.answers.items())[:6])
    record = InterviewRecord()
    for qid, value in part.items():
        record.answers[qid] = GivenAnswer(value, "2026-11-01T09:00:00Z")
    store = SessionStore(tmp_path)
    with store.create(bank, record) as session:
        sid = session.id
    counted = tally(bank, part)
    listed = overview(store.load(sid), bank)
    assert (listed.answered, listed.visible) == (counted.answered, counted.applies)
    report = build_report(bank, record, generated_on="2026-12-01")
    said = f"You answered {counted.answered} of {counted.applies} questions"
    assert said in report.completeness.text


def test_sessions_show_numbers_the_answers_as_they_were_asked() -> None:
    import os

    from typer.testing import CliRunner

    from decide.cli import app

    bank = read_bank(None)
    answers: dict[str, AnswerValue] = {
        "decision_stage": "thinking",
        "self_harm_thoughts": False,
        # recent_crisis, age_band and antidepressants_tried passed over: they keep their
        # numbers, 3, 4 and 5
        "past_treatments": ["none"],
        "seizures": False,
    }
    record = InterviewRecord()
    for qid, value in answers.items():
        record.answers[qid] = GivenAnswer(value, "2026-11-01T09:00:00Z")
    with SessionStore(Path(os.environ["DECIDE_HOME"])).create(bank, record) as session:
        sid = session.id
    result = CliRunner().invoke(app, ["sessions", "show", sid], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    numbers = question_numbers(bank, answers)
    assert numbers["seizures"] == 7  # its place among the questions asked, not 4 or 13
    for question in bank.questions:
        if question.id in answers:
            assert f"{numbers[question.id]:>3}. {question.text}" in result.stdout, question.id
