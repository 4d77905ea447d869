"""Weighing: answers order the rows and raise points; they never touch the options."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from report_bank import OPTIONS, make_bank
from test_no_recommendation import answer_sets, banks

from decide.core.conditions import effective_answers, evaluate, referenced_questions
from decide.core.model import AnswerValue, Bank
from decide.summary.weighing import order_rows, weigh

BANK = make_bank()
BANK_ORDER = [row.id for row in BANK.rows]


def row_ids(answers: dict[str, AnswerValue]) -> list[str]:
    return [w.row.id for w in weigh(BANK, answers).rows]


def test_no_answers_keep_the_banks_row_order() -> None:
    assert row_ids({}) == BANK_ORDER


def test_rows_rated_higher_come_first_and_rated_rows_before_unrated_ones() -> None:
    answers: dict[str, AnswerValue] = {"pref_visits": 4, "pref_cost": 3, "pref_speed": 1}
    order = row_ids(answers)
    assert order[:3] == ["visits", "cost", "speed"]
    assert order[3:] == [r for r in BANK_ORDER if r not in ("visits", "cost", "speed")]


def test_ties_keep_the_banks_order() -> None:
    answers: dict[str, AnswerValue] = {"pref_cost": 4, "pref_visits": 4, "pref_speed": 4}
    assert row_ids(answers)[:3] == ["speed", "visits", "cost"]


def test_rows_rated_not_at_all_are_marked_still_shown_and_above_unrated_ones() -> None:
    answers: dict[str, AnswerValue] = {"pref_speed": 0, "pref_works": 0, "pref_visits": 1}
    weights = weigh(BANK, answers).rows
    assert [w.row.id for w in weights][:3] == ["visits", "how_well", "speed"]
    assert sorted(w.row.id for w in weights) == sorted(BANK_ORDER)
    assert {w.row.id for w in weights if w.less_important} == {"how_well", "speed"}


def test_unrated_rows_come_after_every_rated_one_unmarked() -> None:
    # Rated 4, 3, 1 and 0; "what_it_is" has no preference at all; "side_effects" and
    # "after_session" are weighed by questions left unanswered.
    answers: dict[str, AnswerValue] = {
        "pref_speed": 4,
        "pref_works": 3,
        "pref_visits": 1,
        "pref_cost": 0,
    }
    weights = weigh(BANK, answers).rows
    assert [w.row.id for w in weights] == [
        "speed",
        "how_well",
        "visits",
        "cost",
        "what_it_is",
        "side_effects",
        "after_session",
    ]
    unrated = [w for w in weights if w.importance is None]
    assert [w.row.id for w in unrated] == ["what_it_is", "side_effects", "after_session"]
    assert not any(w.less_important or w.raised for w in unrated)


def test_the_highest_of_several_preferences_counts() -> None:
    answers: dict[str, AnswerValue] = {"pref_drug_effects": 1, "pref_drive": 3}
    after = next(w for w in weigh(BANK, answers).rows if w.row.id == "after_session")
    assert after.importance == 3
    assert after.rated_by is not None and after.rated_by.id == "pref_drive"


def test_a_history_answer_never_lifts_a_row_over_a_higher_rating() -> None:
    """Raised by the answers, rated "somewhat": it stays below the row rated "a lot", and
    before the other rows rated the same."""
    answers: dict[str, AnswerValue] = {
        "has_ride": False,
        "pref_speed": 4,
        "pref_visits": 2,
        "pref_drive": 2,
        "pref_drug_effects": 0,
    }
    weights = weigh(BANK, answers).rows
    assert [w.row.id for w in weights][:3] == ["speed", "after_session", "visits"]
    after = weights[1]
    assert after.raised and after.raised_because == "You said you may not have a ride home."
    assert after.importance == 2 and not after.less_important


def test_a_raised_row_rated_higher_keeps_its_rating() -> None:
    answers: dict[str, AnswerValue] = {"insurance": "none", "pref_cost": 4, "pref_speed": 3}
    assert row_ids(answers)[:2] == ["cost", "speed"]


def test_a_row_with_a_caution_point_comes_first_whatever_the_ratings() -> None:
    answers: dict[str, AnswerValue] = {"seizures": True, "pref_speed": 4, "pref_cost": 4}
    weights = weigh(BANK, answers).rows
    assert [w.row.id for w in weights][:3] == ["side_effects", "speed", "cost"]
    assert weights[0].by_safety and weights[0].raised


def test_a_background_point_raises_its_row_but_not_over_a_rating() -> None:
    answers: dict[str, AnswerValue] = {
        "past_ketamine": True,
        "ketamine_outcome": "not_helped",
        "pref_speed": 1,
    }
    weights = weigh(BANK, answers).rows
    assert [w.row.id for w in weights][:2] == ["speed", "how_well"]
    assert weights[1].raised and not weights[1].by_safety


def _reference_order(bank: Bank, answers: dict[str, AnswerValue]) -> list[str]:
    """The rule as the README says it, written the slow way: every row, every question."""
    given = effective_answers(bank, answers)
    keyed = []
    for index, row in enumerate(bank.rows):
        ratings = [
            int(given[q.id])  # type: ignore[arg-type]
            for q in bank.questions
            if q.role == "preference"
            and q.type == "scale"
            and row.id in q.weighs
            and isinstance(given.get(q.id), int)
            and not isinstance(given.get(q.id), bool)
        ]
        points = [
            c
            for c in bank.considerations
            if c.row == row.id
            and all(q in given for q in referenced_questions(c.when))
            and evaluate(c.when, given)
        ]
        safety = any(c.kind in ("contraindication", "caution") for c in points)
        raised = bool(points) or (
            row.raised_if is not None
            and all(q in given for q in referenced_questions(row.raised_if))
            and evaluate(row.raised_if, given)
        )
        rating = max(ratings) if ratings else None
        tier = 0 if safety else (1 if rating is not None else 2)
        keyed.append(((tier, -(rating or 0), not raised, index), row.id))
    return [row_id for _, row_id in sorted(keyed)]


@pytest.mark.parametrize("name", ["report_bank", "bundled"])
def test_the_one_pass_order_is_the_rule_as_written(name: str) -> None:
    bank = banks()[name]

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(answers=answer_sets(bank))
    def prop(answers: dict[str, AnswerValue]) -> None:
        weights = order_rows(bank, effective_answers(bank, answers))
        assert [w.row.id for w in weights] == _reference_order(bank, answers)

    prop()


def test_points_to_raise_are_grouped_by_option_in_bank_order() -> None:
    points = weigh(BANK, {"seizures": True}).points
    assert [entry.option.id for entry in points] == list(OPTIONS)
    assert [p.text for p in points[0].points] == [
        "You have had a seizure. Ask how this affects the seizure risk of TMS."
    ]
    assert points[1].points == () and points[2].points == ()


def test_a_consideration_for_several_options_gives_each_its_own_point() -> None:
    points = weigh(BANK, {"substances": ["alcohol"]}).points
    assert [len(entry.points) for entry in points] == [0, 1, 1]
    assert weigh(BANK, {"substances": ["none"]}).points[1].points == ()


def test_answers_to_hidden_questions_are_never_used() -> None:
    hidden: dict[str, AnswerValue] = {"past_ketamine": False, "ketamine_outcome": "not_helped"}
    weighing = weigh(BANK, hidden)
    assert all(entry.points == () for entry in weighing.points)
    assert "Does my past ketamine treatment change anything?" not in [
        a.text for a in weighing.questions_to_ask
    ]
    shown = weigh(BANK, {**hidden, "past_ketamine": True})
    assert [len(entry.points) for entry in shown.points] == [0, 1, 1]


def test_readiness_counts_yes_out_of_every_item_and_brings_each_no_forward() -> None:
    readiness = weigh(BANK, {"sure": True, "understand": False, "values_clear": True}).readiness
    assert (readiness.yes, readiness.total) == (2, 4)
    assert [item.question.id for item in readiness.gaps] == ["understand"]
    assert readiness.gaps[0].question.if_no == "Ask for the facts again."
    assert [item.answer for item in readiness.items] == [True, False, True, None]


def test_a_missed_knowledge_item_brings_its_explanation() -> None:
    missed = weigh(BANK, {"know_driving": "same_day"}).missed
    assert [(m.given, m.correct) for m in missed] == [("The same day", "The next day")]
    assert missed[0].explanation == "You cannot drive until the next day after a dose."
    assert weigh(BANK, {"know_driving": "next_day"}).missed == ()


def test_questions_to_ask_come_from_every_source_without_duplicates() -> None:
    answers: dict[str, AnswerValue] = {
        "my_questions": "Can I drive home?\n\nwhat happens if the first treatment does not help",
        "seizures": True,
        "understand": False,
        "support": False,
    }
    asks = weigh(BANK, answers).questions_to_ask
    assert [(a.origin, a.text) for a in asks] == [
        ("yours", "Can I drive home?"),
        ("yours", "what happens if the first treatment does not help"),
        ("history", "Does my seizure history change which treatments are safe for me?"),
        ("readiness", "Can you go over the risks with me again?"),
        ("readiness", "Can someone I trust come to the visit?"),
        ("standard", "Which of these treatments are offered near me, and how long is the wait?"),
    ]


def test_free_text_loses_terminal_escape_sequences() -> None:
    answers: dict[str, AnswerValue] = {
        "my_questions": "\x1b[31mIs it safe?\x1b[0m\x1b]0;owned\x07",
        "anything_else": "My \x1b[2Jjob\x07",
    }
    weighing = weigh(BANK, answers)
    assert weighing.questions_to_ask[0].text == "Is it safe?"
    assert weighing.anything_else == ("My job",)


def test_ratings_for_what_matters_most_are_highest_first() -> None:
    answers: dict[str, AnswerValue] = {"pref_cost": 2, "pref_speed": 4, "pref_visits": 4}
    ratings = weigh(BANK, answers).ratings
    assert [(r.question.id, r.value) for r in ratings] == [
        ("pref_speed", 4),
        ("pref_visits", 4),
        ("pref_cost", 2),
    ]
