"""Answers files are checked like typed answers, with file:line:column for every problem."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from decide.bank import read_bank
from decide.bank.answers_file import missing_required, read_answers_file
from decide.core.errors import AnswersFileError
from decide.core.model import Bank


@cache
def bank() -> Bank:
    """The small test bank, read when a test first needs it: never at import."""
    return read_bank(Path(__file__).parent / "banks" / "small.yaml")


def write(tmp_path: Path, text: str, name: str = "answers.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_file_in_yaml(tmp_path: Path) -> None:
    path = write(
        tmp_path, "self_harm: no\ntried: 3\npast: [alpha]\npast_alpha: helped\nknow_beta: false\n"
    )
    answers = read_answers_file(path, bank())
    assert answers.values == {
        "self_harm": False,
        "tried": 3,
        "past": ["alpha"],
        "past_alpha": "helped",
        "know_beta": "false",
    }
    assert answers.notes == []


def test_the_same_file_in_json(tmp_path: Path) -> None:
    path = write(
        tmp_path, '{"self_harm": false, "past": ["beta"], "pref_speed": 4}', "answers.json"
    )
    assert read_answers_file(path, bank()).values == {
        "self_harm": False,
        "past": ["beta"],
        "pref_speed": 4,
    }


def test_unknown_ids_and_bad_values_are_errors_with_their_place(tmp_path: Path) -> None:
    path = write(tmp_path, "self_harm: no\nsezures: yes\npref_speed: 9\n")
    with pytest.raises(AnswersFileError) as caught:
        read_answers_file(path, bank())
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:2:1: there is no question 'sezures' in this bank (did you mean 'seizures'?)",
        f"{path}:3:13: 'pref_speed': Please answer with a number from 0 to 4.",
    ]


def test_an_answer_to_a_hidden_question_is_a_note_and_not_used(tmp_path: Path) -> None:
    path = write(tmp_path, "past: [none]\npast_alpha: helped\n")
    answers = read_answers_file(path, bank())
    assert [str(n) for n in answers.notes] == [
        f"{path}:2:1: the answer to 'past_alpha' is not used: that question does not apply with the other answers given"
    ]


def test_missing_required_questions_are_listed_in_order(tmp_path: Path) -> None:
    values = read_answers_file(write(tmp_path, "self_harm: no\npast: [none]\n"), bank()).values
    assert [q.id for q in missing_required(bank(), values)] == [
        "tried",
        "driver",
        "pref_speed",
        "pref_effects",
        "sure",
        "know_beta",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a\n- b\n", "an answers file is a mapping from question id to answer, not a list"),
        ("a: [\n", "YAML syntax error"),
        (
            "tried: !!python/object/apply:os.system [ls]\n",
            "the tag '!!python/object/apply:os.system' is not allowed",
        ),
    ],
)
def test_files_that_are_not_answers(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(AnswersFileError) as caught:
        read_answers_file(write(tmp_path, text), bank())
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("y", True),
        ("Y", True),
        ("'yes'", True),
        ('"YES"', True),
        ("'true'", True),
        ("'True'", True),
        ("n", False),
        ("N", False),
        ("'no'", False),
        ("'false'", False),
        ("' No '", False),
        ("yes", True),  # YAML's own booleans still work
        ("off", False),
    ],
)
def test_yes_no_is_read_as_the_prompt_reads_it(tmp_path: Path, written: str, meant: bool) -> None:
    path = write(tmp_path, f"self_harm: {written}\nseizures: {written}\n")
    assert read_answers_file(path, bank()).values == {"self_harm": meant, "seizures": meant}


def test_yes_no_as_words_in_json(tmp_path: Path) -> None:
    path = write(tmp_path, '{"self_harm": "yes", "seizures": "N"}', "answers.json")
    assert read_answers_file(path, bank()).values == {"self_harm": True, "seizures": False}


def test_a_yes_no_answer_that_is_neither_says_what_works(tmp_path: Path) -> None:
    path = write(tmp_path, "self_harm: maybe\n")
    with pytest.raises(AnswersFileError) as caught:
        read_answers_file(path, bank())
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:1:12: 'self_harm': Please answer yes or no (y, n, true or false work too)."
    ]


def test_an_unusable_file_still_carries_its_valid_answers(tmp_path: Path) -> None:
    path = write(tmp_path, "self_harm: y\npref_speed: 9\nsezures: yes\ntried: 3\n")
    with pytest.raises(AnswersFileError) as caught:
        read_answers_file(path, bank())
    assert caught.value.values == {"self_harm": True, "tried": 3}
    assert len(caught.value.problems) == 2


@pytest.mark.parametrize("blank", ["''", '""', "null", "~", "'   '"])
def test_a_blank_answer_is_no_answer(tmp_path: Path, blank: str) -> None:
    path = write(tmp_path, f"self_harm: false\npref_other: {blank}\ntried: {blank}\n")
    answers = read_answers_file(path, bank())
    assert answers.values == {"self_harm": False}
    assert "tried" in [q.id for q in missing_required(bank(), answers.values)]


def test_yes_and_no_in_yaml_pick_choices_named_yes_and_no(tmp_path: Path) -> None:
    bundled = read_bank()
    path = write(tmp_path, "has_driver: yes\n")
    assert read_answers_file(path, bundled).values == {"has_driver": "yes"}
    path = write(tmp_path, "has_driver: no\n")
    assert read_answers_file(path, bundled).values == {"has_driver": "no"}
