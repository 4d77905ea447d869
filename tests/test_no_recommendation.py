"""The rule that decide never recommends, as properties over random answer sets.

Whatever a person answers: the options keep the bank's order; every row is shown with a cell
for every option, and that cell is the same whatever the answers; every option has the same
fields; nothing carries a score, rank, total or match per option; and no rendered format
contains wording that steers (decide.core.neutrality).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from counts import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msgspec.structs import replace
from report_bank import make_bank, record_of

from decide.bank import read_bank
from decide.core.answers import check_answer
from decide.core.errors import AnswerError
from decide.core.model import AnswerValue, Bank, Question
from decide.core.neutrality import find_steering
from decide.render import FORMATS, render
from decide.render.json import report_data
from decide.summary import build_report

DAY = "2026-01-20"
# Typed text mixes words with the characters that markup languages and terminals care about.
TYPED = st.lists(
    st.sampled_from([*"abc xyz?!.,'\"<>[]*_#&/\\\n", "\x1b[31m", "[bold]", "<script>", "é"]),
    max_size=30,
).map("".join)
# Keys that would mean a per-option verdict if they appeared anywhere in the JSON summary.
VERDICT_KEYS = {
    "score",
    "scores",
    "rank",
    "ranking",
    "total",
    "match",
    "percent",
    "percentage",
    "best",
    "winner",
    "recommended",
    "recommendation",
    "fit",
}


def _value(question: Question) -> st.SearchStrategy[Any]:
    if question.type == "yesno":
        return st.booleans()
    ids = [c.id for c in question.choices]
    if question.type == "single":
        return st.sampled_from(ids)
    if question.type == "multi":
        return st.lists(st.sampled_from(ids), min_size=1, unique=True)
    if question.type in ("scale", "number"):
        low = int(question.min) if question.min is not None else 0
        return st.integers(low, int(question.max) if question.max is not None else low + 50)
    return TYPED


def _valid(question: Question, value: Any) -> bool:
    try:
        check_answer(question, value)
    except AnswerError:
        return False
    return True


@st.composite
def answer_sets(draw: st.DrawFn, bank: Bank) -> dict[str, AnswerValue]:
    """Any subset of questions answered with valid values, hidden questions included."""
    answers: dict[str, AnswerValue] = {}
    for question in bank.questions:
        if draw(st.booleans()):
            value = draw(_value(question))
            if _valid(question, value):
                answers[question.id] = check_answer(question, value)
    return answers


@cache
def banks() -> dict[str, Bank]:
    return {
        "report_bank": make_bank(),
        "small.yaml": read_bank(Path(__file__).parent / "banks" / "small.yaml"),
        "bundled": read_bank(None),
    }


@cache
def unanswered(name: str) -> dict[str, Any]:
    bank = banks()[name]
    data = report_data(build_report(bank, record_of({}), generated_on=DAY))
    return {row["id"]: row["cells"] for row in data["rows"]}


def _keys(data: object) -> set[str]:
    if isinstance(data, dict):
        return set(data) | {k for v in data.values() for k in _keys(v)}
    if isinstance(data, list):
        return {k for v in data for k in _keys(v)}
    return set()


def check_never_recommends(name: str, answers: dict[str, AnswerValue], crisis: bool) -> None:
    bank = banks()[name]
    option_ids = [o.id for o in bank.options]
    report = build_report(
        bank, record_of(answers, crisis_fired=crisis), generated_on=DAY, with_notes=crisis
    )
    assert [o.id for o in report.options] == option_ids
    assert sorted(r.id for r in report.rows) == sorted(r.id for r in bank.rows)  # none hidden
    assert [p.option_id for p in report.points] == option_ids
    for row in report.rows:
        assert [c.option_id for c in row.cells] == option_ids
    # The at-a-glance page: its rows are the first rows of the order the answers give, each
    # with every option's short form in bank order; every option has its points.
    glance = report.glance
    assert [r.id for r in glance.rows] == [r.id for r in report.rows][: len(glance.rows)]
    # Every raised contraindication and caution is on the page, with its row, for every option.
    on_page = {p for entry in glance.points for p in entry.points} | set(glance.shared_points)
    for entry in report.points:
        for point in entry.points:
            if point.kind in ("contraindication", "caution"):
                assert point.text in on_page, point
                assert point.row in {r.id for r in glance.rows}, point
    shorts = {r.id: [c.short for c in r.cells] for r in report.rows}
    for shown in glance.rows:
        assert [c.option_id for c in shown.cells] == option_ids
        assert [c.short for c in shown.cells] == shorts[shown.id]
    assert [p.option_id for p in glance.points] == option_ids

    data = report_data(report)
    assert [o["id"] for o in data["options"]] == option_ids
    assert list(data["considerations"]) == option_ids
    for row in data["rows"]:
        assert list(row["cells"]) == option_ids
        assert row["cells"] == unanswered(name)[row["id"]]  # answers never change a cell
        assert len({tuple(cell) for cell in row["cells"].values()}) == 1  # same fields each
    assert not VERDICT_KEYS & _keys(data)

    for fmt in FORMATS:
        for unit in _units(fmt, render(report, fmt)) - _CHECKED:
            assert find_steering(unit) is None, (fmt, find_steering(unit), unit)
            _CHECKED.add(unit)


_CHECKED: set[str] = set()  # pieces of text already found free of steering wording


def _units(fmt: str, text: str) -> set[str]:
    """The output cut where wording cannot run on (paragraphs, JSON lines, between HTML tags),
    whitespace collapsed so wrapped lines read as one. Most pieces repeat from one answer set
    to the next, so each is scanned once: the scan is what makes this test slow otherwise."""
    if fmt == "html":
        text = re.sub(r"<[^>]*>", "\n\n", text)
    pieces = text.split("\n") if fmt == "json" else re.split(r"\n\s*\n", text)
    return {" ".join(piece.split()) for piece in pieces}


SETTINGS = settings(
    max_examples=examples(500), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@pytest.mark.parametrize("name", ["report_bank", "small.yaml", "bundled"])
def test_no_answer_set_makes_the_summary_recommend(name: str) -> None:
    @SETTINGS
    @given(answers=answer_sets(banks()[name]), crisis=st.booleans())
    def prop(answers: dict[str, AnswerValue], crisis: bool) -> None:
        check_never_recommends(name, answers, crisis)

    prop()


def _options_swapped(bank: Bank) -> Bank:
    """The same bank with its options in reverse order and every row's cells rotated between
    options: anything that depended on an option would change."""
    from msgspec.structs import replace

    ids = [o.id for o in bank.options]
    rotated = ids[1:] + ids[:1]
    rows = tuple(
        replace(row, cells={new: row.cells[old] for new, old in zip(ids, rotated, strict=True)})
        for row in bank.rows
    )
    return replace(bank, options=tuple(reversed(bank.options)), rows=rows)


@pytest.mark.parametrize("name", ["report_bank", "bundled"])
def test_the_glance_rows_depend_only_on_ratings_and_history(name: str) -> None:
    bank = banks()[name]
    swapped = _options_swapped(bank)

    @settings(
        max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(answers=answer_sets(bank))
    def prop(answers: dict[str, AnswerValue]) -> None:
        shown = build_report(bank, record_of(answers), generated_on=DAY).glance
        other = build_report(swapped, record_of(answers), generated_on=DAY).glance
        assert [r.id for r in shown.rows] == [r.id for r in other.rows]
        assert shown.also_compared == other.also_compared
        assert shown.priorities == other.priorities
        for row in other.rows:  # every option keeps a cell in every shown row
            assert [c.option_id for c in row.cells] == [o.id for o in swapped.options]

    prop()


def _rotated(bank: Bank) -> Bank:
    """The options rotated together with their cells and their points: the same content,
    each option in another place."""
    ids = [o.id for o in bank.options]
    moved = dict(zip(ids, ids[1:] + ids[:1], strict=True))  # old id -> new place's id
    options = tuple(replace(o, id=moved[o.id]) for o in bank.options)
    order = {oid: i for i, oid in enumerate(ids)}
    options = tuple(sorted(options, key=lambda o: order[o.id]))
    rows = tuple(
        replace(row, cells={moved[old]: cell for old, cell in row.cells.items()})
        for row in bank.rows
    )
    considerations = tuple(
        replace(c, points={moved[old]: text for old, text in c.points.items()})
        for c in bank.considerations
    )
    return replace(bank, options=options, rows=rows, considerations=considerations)


@pytest.mark.parametrize("name", ["report_bank", "bundled"])
def test_rotating_the_options_with_their_points_rotates_the_selection_and_nothing_else(
    name: str,
) -> None:
    bank = banks()[name]
    rotated = _rotated(bank)
    ids = [o.id for o in bank.options]
    moved = dict(zip(ids, ids[1:] + ids[:1], strict=True))

    @settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(answers=answer_sets(bank))
    def prop(answers: dict[str, AnswerValue]) -> None:
        shown = build_report(bank, record_of(answers), generated_on=DAY).glance
        other = build_report(rotated, record_of(answers), generated_on=DAY).glance
        assert [r.id for r in shown.rows] == [r.id for r in other.rows]
        assert shown.left_out == other.left_out and shown.points_more == other.points_more
        assert shown.shared_points == other.shared_points
        assert shown.questions == other.questions
        mine = {p.option_id: p.points for p in shown.points}
        theirs = {p.option_id: p.points for p in other.points}
        assert {moved[k]: v for k, v in mine.items()} == theirs

    prop()


def test_the_check_catches_steering_wording() -> None:
    """The property above would fail if a summary said which option is best."""
    from msgspec.structs import replace

    bank = make_bank()
    steering = replace(bank, sequencing_note="TMS is the best option for most people.")
    text = render(build_report(steering, record_of({}), generated_on=DAY), "md")
    assert find_steering(text) == "is the best option"


_PHRASE_PARTS = st.sampled_from(
    [
        "We Recommend",
        "you SHOULD try",
        "is the best option",
        "best fit for you",
        "50% match",
        "Suits You",
        "safest",
        "miracle",
        "ranking of each treatment",
        "superior",
        "guaranteed",
    ]
)


@settings(max_examples=examples(300), suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            _PHRASE_PARTS, st.text(alphabet="abcdeflmnorstuy% 0123456789.,-_\n", max_size=12)
        ),
        max_size=8,
    ).map("".join)
)
def test_the_fast_steering_search_finds_what_the_case_blind_pattern_finds(text: str) -> None:
    """ASCII text is searched in lower case (decide.core.neutrality): the same phrase at the
    same place as the case-insensitive pattern, as written in the text."""
    from decide.core.neutrality import STEERING

    match = STEERING.search(text)
    assert find_steering(text) == (match.group(0) if match else None)
    assert find_steering("Café. We recommend " + text) == "We recommend"  # not ASCII
