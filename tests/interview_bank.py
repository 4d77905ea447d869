"""A small bank for the interview tests, built straight from the dataclasses (no YAML).

It has one question of every type, a condition, an exclusive choice, a knowledge check with
feedback, a safety question, an optional text question, and sections with intros and
facilitator notes. `tests/banks/interview_small.yaml` is the same bank as YAML, for the
command-line tests.
"""

from __future__ import annotations

from decide.core.model import (
    Bank,
    Cell,
    Choice,
    CrisisResource,
    Decision,
    Meta,
    Option,
    Question,
    Row,
    Safety,
    Section,
    Source,
    Test,
)


def question(qid: str, section: str, kind: str, role: str, text: str, **extra: object) -> Question:
    return Question(id=qid, section=section, type=kind, role=role, text=text, **extra)  # type: ignore[arg-type]


QUESTIONS = (
    question(
        "who",
        "start",
        "single",
        "about",
        "Who is answering these questions?",
        choices=(Choice("me", "Myself"), Choice("helper", "Someone helping me")),
        help="Either is fine.",
        facilitator_note="Check the client is comfortable before you start.",
    ),
    question(
        "self_harm",
        "start",
        "yesno",
        "safety",
        "In the past two weeks, have you had thoughts of hurting yourself?",
        more_help="If the answer is yes, help is shown straight away.",
    ),
    question(
        "tried",
        "history",
        "number",
        "history",
        "How many antidepressants have you tried?",
        min=0,
        max=30,
        unit="medicines",
    ),
    question(
        "conditions",
        "history",
        "multi",
        "history",
        "Do any of these apply to you?",
        choices=(
            Choice("seizures", "Seizures or epilepsy"),
            Choice("bp", "High blood pressure"),
            Choice("none", "None of these", exclusive=True),
        ),
    ),
    question(
        "seizure_control",
        "history",
        "single",
        "history",
        "Are your seizures well controlled?",
        show_if=Test("conditions", "includes", "seizures"),
        choices=(
            Choice("yes", "Yes, well controlled"),
            Choice("no", "No"),
            Choice("unsure", "Not sure"),
        ),
    ),
    question(
        "driver",
        "history",
        "yesno",
        "history",
        "Could someone drive you home after a visit?",
    ),
    question(
        "speed",
        "values",
        "scale",
        "preference",
        "How much does it matter to you to feel better quickly?",
        min=0,
        max=4,
        labels={0: "Not at all", 2: "Somewhat", 4: "Extremely"},
        weighs=("speed",),
    ),
    question(
        "anesthesia",
        "values",
        "single",
        "knowledge",
        "Does TMS need anesthesia?",
        choices=(
            Choice("yes", "Yes", feedback="Not quite: TMS is done awake, without anesthesia."),
            Choice("no", "No", feedback="That's right: TMS is done awake."),
        ),
        correct="no",
        explanation="TMS is done while you are awake.",
    ),
    question(
        "ready",
        "values",
        "yesno",
        "readiness",
        "Do you know enough about each option to talk about it?",
        if_no="Ask the specialist to go through each option with you.",
    ),
    question(
        "own_questions",
        "values",
        "text",
        "my_questions",
        "Is there anything you want to ask the specialist?",
        required=False,
        max_length=200,
    ),
)

SECTIONS = (
    Section("start", "Getting started", intro="A few questions first."),
    Section("history", "Your history", facilitator_note="Go slowly here."),
    Section("values", "What matters to you", intro="There are no right answers."),
)


def _cells(text: str) -> dict[str, Cell]:
    return {o: Cell(f"{text} ({o})", text, ("SRC",)) for o in ("tms", "esketamine")}


def make_bank() -> Bank:
    return Bank(
        meta=Meta(
            id="interview-test",
            title="Interview test bank",
            version="1.0.0",
            language="en",
            last_reviewed="2026-01-01",
            next_review_due="2027-01-01",
            authors=("tests",),
            funding="None.",
            update_policy="Never.",
            evidence_note="Made up for tests.",
        ),
        decision=Decision(
            who_for="Adults in a test.",
            choice="TMS or esketamine.",
            does="It helps you get ready to talk with a specialist.",
            does_not="It does not recommend a treatment.",
            time_needed="about 5 minutes",
        ),
        options=(
            Option("tms", "TMS", "TMS", "Magnetic pulses."),
            Option("esketamine", "Esketamine", "Esk", "A nasal spray."),
        ),
        rows=(Row("speed", "How fast it works", "benefit", _cells("fast")),),
        sections=SECTIONS,
        questions=QUESTIONS,
        considerations=(),
        safety=Safety(
            message="If you are thinking about hurting yourself, please reach out now.",
            resources=(
                CrisisResource("988 Lifeline", "Call or text 988", "US", "2026-01-01"),
                CrisisResource("Emergency", "Your local emergency number", "any", "2026-01-01"),
            ),
            concern_if=Test("self_harm", "is", True),
        ),
        specialist_questions=("What is the wait?",),
        other_options=(),
        sequencing_note="Ask about doing one after the other.",
        sources={"SRC": Source("SRC", "A source.", "other", "2026", url="https://example.org")},
        content_hash="0" * 64,
    )


# Answers that complete the bank without raising the safety concern, in question order
# (seizure_control is hidden because conditions is "none").
CALM_ANSWERS: list[object] = [
    "me",
    False,
    3,
    ["none"],
    True,
    4,
    "no",
    True,
    "What is the wait?",
]
