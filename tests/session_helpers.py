"""Tiny banks and records for the session tests, built straight from the dataclasses (no YAML)."""

from __future__ import annotations

from collections.abc import Iterable

from report_bank import record_at

from decide.core.model import (
    Bank,
    Choice,
    CrisisResource,
    Decision,
    Meta,
    Question,
    Safety,
    Section,
    Test,
)
from decide.core.record import InterviewRecord


def question_set() -> tuple[Question, ...]:
    """One question of each type, the last shown only when `ride` is no."""
    return (
        Question(
            id="ride",
            section="s1",
            type="yesno",
            role="history",
            text="Do you have someone who can drive you home?",
        ),
        Question(
            id="travel",
            section="s1",
            type="single",
            role="history",
            text="How far is the nearest clinic?",
            choices=(Choice("near", "Under 30 minutes"), Choice("far", "More than 30 minutes")),
        ),
        Question(
            id="worries",
            section="s2",
            type="multi",
            role="history",
            text="What worries you?",
            choices=(
                Choice("time", "Time"),
                Choice("cost", "Cost"),
                Choice("none", "None of these", exclusive=True),
            ),
        ),
        Question(
            id="drive_self",
            section="s2",
            type="scale",
            role="preference",
            text="How much does driving yourself matter?",
            min=0,
            max=4,
            labels={0: "Not at all", 4: "Extremely"},
        ),
        Question(
            id="weeks",
            section="s2",
            type="number",
            role="history",
            text="How many weeks can you set aside?",
            min=0,
            max=52,
        ),
        Question(
            id="own_words",
            section="s2",
            type="text",
            role="my_questions",
            text="Anything you want to ask?",
            required=False,
        ),
        Question(
            id="transport",
            section="s2",
            type="single",
            role="history",
            text="How would you get home?",
            show_if=Test("ride", "is", False),
            choices=(Choice("taxi", "Taxi"), Choice("bus", "Bus")),
        ),
    )


def make_bank(questions: Iterable[Question] | None = None, *, content_hash: str = "hash-1") -> Bank:
    qs = tuple(question_set() if questions is None else questions)
    return Bank(
        meta=Meta(
            id="test-bank",
            title="Test bank",
            version="1.0.0",
            language="en",
            last_reviewed="2026-01-01",
            next_review_due="2027-01-01",
            authors=("tests",),
            funding="none",
            update_policy="none",
            evidence_note="none",
        ),
        decision=Decision("adults", "a or b", "prepares", "does not recommend", "5 minutes"),
        options=(),
        rows=(),
        sections=(Section("s1", "First"), Section("s2", "Second")),
        questions=qs,
        considerations=(),
        safety=Safety(
            message="Help is available.",
            resources=(CrisisResource("988 Lifeline", "Call or text 988", "US", "2026-01-01"),),
            concern_if=Test("ride", "is", "never"),
        ),
        specialist_questions=(),
        other_options=(),
        sequencing_note="",
        sources={},
        content_hash=content_hash,
    )


def make_record(**values: object) -> InterviewRecord:
    """A record with the given answers, each stamped with a fixed time."""
    return record_at(values, "2026-05-01T09:00:00Z")  # type: ignore[arg-type]
