"""The four formats of a summary say the same thing in the same order.

Whatever the format, a person or a specialist must find the same options in the bank's order,
the same rows in the person's order, the same points to raise and the same questions.
"""

from __future__ import annotations

import html
import json
import re

import pytest
from report_bank import AVOID_DRUG_EFFECTS, SPEED_FIRST, make_bank, record_of

from decide.bank import read_bank
from decide.core.model import AnswerValue, Bank
from decide.core.record import GivenAnswer, InterviewRecord
from decide.render import render
from decide.summary import build_report

DAY = "2026-01-20"
BUNDLED_ANSWERS: dict[str, AnswerValue] = {
    "self_harm_thoughts": False,
    "heart_vessels": ["high_bp"],
    "has_driver": "no",
    "pref_speed": 4,
    "pref_no_drug_effects": 0,
    "pref_cost": 3,
    "ready_support": False,
}


def positions(text: str, needles: list[str]) -> list[int]:
    """Where each needle first appears after the previous one (-1 when it does not)."""
    found, start = [], 0
    for needle in needles:
        index = text.find(needle, start)
        found.append(index)
        start = index + 1 if index >= 0 else start
    return found


def case(name: str) -> tuple[Bank, InterviewRecord]:
    if name == "bundled":
        given = {k: GivenAnswer(v, f"{DAY}T10:00:00+00:00") for k, v in BUNDLED_ANSWERS.items()}
        return read_bank(), InterviewRecord(answers=given)
    return make_bank(), record_of(SPEED_FIRST if name == "speed-first" else AVOID_DRUG_EFFECTS)


@pytest.mark.parametrize("name", ["speed-first", "avoid-drug-effects", "bundled"])
def test_every_format_has_the_same_rows_options_points_and_questions_in_order(name: str) -> None:
    bank, record = case(name)
    report = build_report(bank, record, generated_on=DAY)
    data = json.loads(render(report, "json"))
    rows = [row["title"] for row in data["rows"]]
    options = [option["name"] for option in data["options"]]
    assert [o["id"] for o in data["options"]] == [o.id for o in bank.options]
    points = [p["text"] for oid in data["considerations"] for p in data["considerations"][oid]]
    questions = [q["text"] for q in data["questions_to_ask"]]
    for fmt in ("text", "md", "html"):
        text = render(report, fmt)
        if fmt == "html":
            text = html.unescape(re.sub(r"<[^>]+>", " ", text))
            text = re.sub(r"\s+", " ", text)
        else:
            text = re.sub(r"\s+", " ", text.replace("\\", ""))
        for label, needles in (
            ("rows", rows),
            ("options", options),
            ("points", points),
            ("questions", questions),
        ):
            flat = [re.sub(r"\s+", " ", n) for n in needles]
            where = positions(text, flat)
            missing = [n for n, i in zip(flat, where, strict=True) if i < 0]
            assert not missing, f"{fmt} lacks {label}: {missing[:3]}"
            assert where == sorted(where), f"{fmt} shows {label} in another order"
