"""The short forms in a row say the same kind of thing for every option (issue 21): a cost in
one unit, a frequency beside a frequency. What `decide validate` refuses, where, and why."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from decide.bank import parse_bank
from decide.bank.short_kinds import money_unit, says_how_often
from decide.cli import app
from decide.core.errors import BankError

SMALL = (Path(__file__).parent / "banks" / "small.yaml").read_text(encoding="utf-8")
ALPHA = '      alpha: {text: "Headache and scalp pain.", short: "Headache and scalp pain.",'
BETA = (
    '      beta: {text: "Feeling spaced out and sleepy.", short: "Feeling spaced out and sleepy.",'
)


def with_shorts(alpha: str, beta: str) -> str:
    """The small bank with these short forms in its 'side_effects' row."""
    assert SMALL.count(ALPHA) == 1 and SMALL.count(BETA) == 1
    return SMALL.replace(ALPHA, f'      alpha: {{text: "{alpha} More.", short: "{alpha}",').replace(
        BETA, f'      beta: {{text: "{beta} More.", short: "{beta}",'
    )


def problems(text: str) -> list[str]:
    with pytest.raises(BankError) as caught:
        parse_bank(text, "bank.yaml")
    return [str(p) for p in caught.value.problems]


def spot(text: str, needle: str) -> tuple[int, int]:
    """Line and column of the short form that starts with `needle`."""
    index = text.index(f"short: {needle}") + len("short: ")
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


@pytest.mark.parametrize(
    ("short", "unit"),
    [
        ("About $400 to $800 a drip (2020 to 2026).", "a drip"),
        ("$2,400-$7,200 for a first course of 6 drips (2020-2026).", "for a first course"),
        ("About $4,700 to $6,800 the first month (2019), plus fees.", "the first month"),
        ("About $6,000 cash.", "cash"),
        ("Costs $300.", ""),
        ("No price was found.", None),
    ],
)
def test_the_unit_of_a_cost_is_the_words_after_its_amount(short: str, unit: str | None) -> None:
    assert money_unit(short) == unit


@pytest.mark.parametrize(
    ("short", "how_often"),
    [
        ("Seizures are rare, about 7 out of 10,000 people.", True),
        ("Large rises in 8 to 19 out of 100.", True),
        ("Slowed breathing in 1 in 20,000 sessions.", True),
        ("Misuse and blood pressure rises; no figure for how often.", True),
        ("Half relapsed within 18 days.", True),
        ("Boxed warning: deep sleepiness, misuse. Large blood pressure rises.", False),
    ],
)
def test_a_frequency_or_a_plain_word_for_how_often_counts(short: str, how_often: bool) -> None:
    assert says_how_often(short) is how_often


def test_costs_in_different_units_are_refused_at_the_short_form() -> None:
    text = with_shorts("About $400 to $800 a drip.", "About $4,700 the first month.")
    line, column = spot(text, '"About $4,700')
    assert problems(text) == [
        f"bank.yaml:{line}:{column}: row 'side_effects' cell 'beta' short gives a cost 'the first "
        "month' while 'alpha' gives it 'a drip'; use one unit for every option (for example "
        '"for a first course of ...")'
    ]


def test_a_cost_for_one_option_alone_is_refused() -> None:
    text = with_shorts("About $400 for a first course.", "Insurance usually pays for it.")
    line, column = spot(text, '"Insurance usually')
    assert problems(text) == [
        f"bank.yaml:{line}:{column}: row 'side_effects' cell 'beta' short gives no cost while 'alpha' "
        "does; give every option's cost in the same unit, or none"
    ]


def test_the_same_unit_with_different_lengths_is_accepted() -> None:
    text = with_shorts(
        "$6,000-$15,000 for a first course of 6 weeks.",
        "$2,400 to $7,200 for a first course of 6 drips.",
    )
    assert parse_bank(text, "bank.yaml").rows


def test_a_risk_without_a_frequency_beside_one_with_a_frequency_is_refused() -> None:
    text = with_shorts("Seizures in about 7 out of 10,000.", "Large rises in blood pressure.")
    line, column = spot(text, '"Large rises')
    assert problems(text) == [
        f"bank.yaml:{line}:{column}: row 'side_effects' cell 'beta' short does not say how often, "
        "while 'alpha' gives a frequency; give one (\"about 1 out of 20,000 sessions\") or say "
        "there is no figure"
    ]


def test_saying_there_is_no_figure_is_enough() -> None:
    text = with_shorts(
        "Seizures in about 7 out of 10,000 people.", "Rises happen; no figure for how often."
    )
    assert parse_bank(text, "bank.yaml").rows


def test_rows_with_neither_kind_are_not_touched() -> None:
    assert parse_bank(SMALL, "bank.yaml").rows


def test_decide_validate_reports_the_kind_of_statement_with_a_non_zero_exit(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "bank.yaml"
    bad.write_text(with_shorts("About $400 a drip.", "About $4,700 a month."), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert "use one unit for every option" in result.stdout
    assert result.stdout.startswith(f"{bad}:")


# ---------------------------------------------------------------- the sequencing note's sources

SEQUENCING = (
    'sequencing_note: "You can sometimes try one and then the other. Ask your specialist."\n'
)


def test_the_sequencing_note_may_name_its_sources_and_each_must_be_defined() -> None:
    assert SMALL.count(SEQUENCING) == 1
    good = SMALL.replace(SEQUENCING, SEQUENCING + "sequencing_sources: [SRC-A]\n")
    assert parse_bank(good, "bank.yaml").sequencing_sources == ("SRC-A",)
    assert parse_bank(SMALL, "bank.yaml").sequencing_sources == ()
    bad = SMALL.replace(SEQUENCING, SEQUENCING + "sequencing_sources: [SRC-Z]\n")
    line, _ = spot_line(bad, "sequencing_sources:")
    assert problems(bad) == [
        f"bank.yaml:{line}:22: the source 'SRC-Z' is not defined in 'sources' (did you mean "
        "'SRC-B'?)"
    ]


def spot_line(text: str, needle: str) -> tuple[int, int]:
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, 1
