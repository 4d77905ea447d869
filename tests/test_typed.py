"""What a person types, read into commands and answers."""

from __future__ import annotations

import pytest
from interview_bank import make_bank

from decide.core.errors import AnswerError
from decide.core.model import Question
from decide.core.typed import Command, Empty, clean_text, parse_answer, parse_typed

BANK = make_bank()


def q(qid: str) -> Question:
    question = BANK.question(qid)
    assert question is not None
    return question


@pytest.mark.parametrize(
    ("typed", "name"),
    [("back", "back"), ("b", "back"), (" BACK ", "back"), ("quit", "quit"), ("q", "quit"),
     ("Q", "quit"), ("?", "help"), ("help", "help"), ("skip", "skip")],
)  # fmt: skip
def test_commands_work_at_any_prompt(typed: str, name: str) -> None:
    for qid in ("who", "conditions", "self_harm", "speed", "tried", "own_questions"):
        assert parse_typed(q(qid), typed) == Command(name)  # type: ignore[arg-type]


def test_note_is_a_command_only_in_counselor_mode() -> None:
    assert parse_typed(q("own_questions"), "note", counselor=True) == Command("note")
    assert parse_typed(q("own_questions"), "note") == "note"
    with pytest.raises(AnswerError):
        parse_typed(q("who"), "note")


def test_an_empty_line_is_empty() -> None:
    assert parse_typed(q("who"), "   ") == Empty()
    assert parse_typed(q("own_questions"), "\x1b[A") == Empty()


@pytest.mark.parametrize(
    ("typed", "choice"),
    [("1", "me"), ("2", "helper"), ("myself", "me"), ("MYSELF", "me"), ("my", "me"),
     ("some", "helper"), ("Someone helping me", "helper"), ("helper", "helper"), (" 2 ", "helper")],
)  # fmt: skip
def test_single_choice_by_number_label_or_prefix(typed: str, choice: str) -> None:
    assert parse_typed(q("who"), typed) == choice


@pytest.mark.parametrize(
    ("typed", "message"),
    [("3", "from 1 to 2"), ("0", "from 1 to 2"), ("xyz", "not one of the choices"),
     ("99999999999999999999", "from 1 to 2")],
)  # fmt: skip
def test_single_choice_mistakes_say_what_works(typed: str, message: str) -> None:
    with pytest.raises(AnswerError, match=message):
        parse_typed(q("who"), typed)


def test_an_ambiguous_prefix_lists_the_candidates() -> None:
    with pytest.raises(AnswerError, match="more than one choice") as caught:
        parse_answer(q("seizure_control"), "n")  # "No" and "Not sure"
    assert "2 No" in caught.value.message and "3 Not sure" in caught.value.message
    assert parse_answer(q("seizure_control"), "no") == "no"  # exact label wins
    assert parse_answer(q("seizure_control"), "not") == "unsure"


@pytest.mark.parametrize(
    ("typed", "picks"),
    [("1,2", ["seizures", "bp"]), ("1, 2", ["seizures", "bp"]), ("1 2", ["seizures", "bp"]),
     ("seiz, high", ["seizures", "bp"]), ("2,2", ["bp"]), ("None of these", ["none"]),
     ("2,", ["bp"])],
)  # fmt: skip
def test_multi_choice_by_numbers_or_labels(typed: str, picks: list[str]) -> None:
    assert parse_typed(q("conditions"), typed) == picks


def test_multi_choice_mistakes() -> None:
    with pytest.raises(AnswerError, match="from 1 to 3"):
        parse_typed(q("conditions"), "1,7")
    with pytest.raises(AnswerError, match="at least one"):
        parse_typed(q("conditions"), ",,")


@pytest.mark.parametrize(
    ("typed", "value"), [("y", True), ("Yes", True), ("n", False), ("NO", False)]
)
def test_yes_no(typed: str, value: bool) -> None:
    assert parse_typed(q("self_harm"), typed) is value


def test_yes_no_refuses_anything_else() -> None:
    with pytest.raises(AnswerError, match="y for yes or n for no"):
        parse_typed(q("self_harm"), "maybe")


def test_scale_by_digits_or_label() -> None:
    assert parse_typed(q("speed"), "3") == 3
    assert parse_typed(q("speed"), "extremely") == 4
    assert parse_typed(q("speed"), "not") == 0
    with pytest.raises(AnswerError, match="whole number from 0 to 4"):
        parse_typed(q("speed"), "lots")
    with pytest.raises(AnswerError, match="whole number"):
        parse_typed(q("speed"), "2.5")


def test_number_digits_with_or_without_the_unit() -> None:
    assert parse_typed(q("tried"), "4") == 4
    assert parse_typed(q("tried"), "4 medicines") == 4
    assert parse_typed(q("tried"), "4.0") == 4
    for bad in ("four", "4.5", "1e3", "--4", "1" * 40):
        with pytest.raises(AnswerError):
            parse_typed(q("tried"), bad)


def test_text_is_cleaned_of_escapes_and_controls() -> None:
    typed = "ask \x1b[31mabout\x1b[0m cost\x07 \x1b]0;title\x07now\u202e"
    assert parse_typed(q("own_questions"), typed) == "ask about cost now"


def test_clean_text_keeps_ordinary_unicode() -> None:
    assert clean_text("café – naïve ✓") == "café – naïve ✓"
    assert clean_text("a\tb\nc") == "a b c"


def test_a_label_with_a_comma_is_tried_whole_before_splitting() -> None:
    from decide.core.model import Choice

    question = Question(
        id="implants",
        section="s",
        type="multi",
        role="history",
        text="Do you have any of these?",
        choices=(
            Choice("metal", "Metal in or near the head, such as clips or plates"),
            Choice("pacer", "A pacemaker"),
            Choice("none", "None of these", exclusive=True),
        ),
    )
    typed = "metal in or near the head, such as clips or plates"
    assert parse_answer(question, typed) == ["metal"]
    assert parse_answer(question, "Metal in or near the head, such") == ["metal"]
    assert parse_answer(question, "1,2") == ["metal", "pacer"]
    assert parse_answer(question, "a pacemaker, metal") == ["pacer", "metal"]
