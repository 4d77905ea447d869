"""A small bank built straight from the model, for the weighing and report tests.

Built in Python (not YAML) so these tests need no loader and the golden files do not churn
when the bundled bank's content is edited. It has three options, rows of every kind, figures
from two different studies, a row raised by history, two preferences weighing the same row,
a conditional question, readiness and knowledge items and the person's own questions.
"""

from __future__ import annotations

from decide.core.model import (
    All,
    AnswerValue,
    Bank,
    Cell,
    Choice,
    Comparator,
    Consideration,
    CrisisResource,
    Decision,
    Figure,
    Meta,
    Not,
    Option,
    OtherOption,
    Question,
    Row,
    Safety,
    Section,
    Source,
    Test,
)
from decide.core.record import GivenAnswer, InterviewRecord

OPTIONS = ("tms", "esketamine", "iv_ketamine")
IMPORTANCE = {0: "Not at all", 1: "A little", 2: "Somewhat", 3: "Very", 4: "Extremely"}


def _cells(texts: tuple[str, str, str], source: str = "SRC-A") -> dict[str, Cell]:
    return {
        option: Cell(text, text, (source,)) for option, text in zip(OPTIONS, texts, strict=True)
    }


def _figure(per_100: int, study: str, source: str, comparator: int | None = None) -> Figure:
    return Figure(
        per_100=per_100,
        event="were in remission",
        no_event="were not in remission",
        who="adults whose depression had not improved after two or more medicines",
        time_frame="after 4 to 6 weeks",
        study=study,
        sources=(source,),
        measure="remission: a MADRS score of 10 or lower",
        certainty="low",
        certainty_reason="one open-label trial of 400 people",
        comparator=Comparator("a sham (pretend) treatment", comparator) if comparator else None,
    )


ROWS = (
    Row("what_it_is", "What it is", "about", _cells(("Magnets.", "A nasal spray.", "A drip."))),
    Row(
        "how_well",
        "How well it works",
        "benefit",
        {
            "tms": Cell(
                "Some people get better.",
                "Some get better.",
                ("SRC-A",),
                (_figure(14, "Trial A", "SRC-A", 5),),
            ),
            "esketamine": Cell(
                "Some people get better.",
                "Some get better.",
                ("SRC-B",),
                (_figure(36, "Trial B", "SRC-B"),),
            ),
            "iv_ketamine": Cell(
                "Some people get better.",
                "Some get better.",
                ("SRC-C",),
                (_figure(27, "Trial C", "SRC-C"),),
            ),
        },
    ),
    Row(
        "speed",
        "How fast it works",
        "benefit",
        _cells(("Weeks.", "Days to weeks.", "Hours to days.")),
    ),
    Row(
        "side_effects",
        "Side effects",
        "harm",
        _cells(("Scalp discomfort.", "Dizziness, feeling detached.", "Feeling detached.")),
    ),
    Row(
        "after_session",
        "After a session",
        "practical",
        _cells(("You can drive.", "No driving until the next day.", "No driving that day.")),
        raised_if=Test("has_ride", "is", False),
        raised_because="You said you may not have a ride home.",
    ),
    Row("visits", "Visits", "burden", _cells(("Daily.", "Twice a week.", "A few times."))),
    Row(
        "cost",
        "Cost and coverage",
        "practical",
        _cells(("Often covered.", "Often covered.", "Often not covered.")),
        raised_if=Test("insurance", "is", "none"),
        raised_because="You said you have no insurance.",
    ),
)


def _pref(qid: str, text: str, weighs: tuple[str, ...]) -> Question:
    return Question(
        qid, "values", "scale", "preference", text, min=0, max=4, labels=IMPORTANCE, weighs=weighs
    )


def _ready(qid: str, text: str, if_no: str, ask: str) -> Question:
    return Question(qid, "ready", "yesno", "readiness", text, if_no=if_no, ask=ask)


QUESTIONS = (
    Question("self_harm", "safety", "yesno", "safety", "Thoughts of hurting yourself lately?"),
    Question("has_ride", "history", "yesno", "history", "Do you have a ride home?"),
    Question(
        "insurance",
        "history",
        "single",
        "history",
        "Your insurance?",
        choices=(Choice("private", "Private"), Choice("public", "Public"), Choice("none", "None")),
    ),
    Question("seizures", "history", "yesno", "history", "Have you ever had a seizure?"),
    Question("past_ketamine", "history", "yesno", "history", "Have you had ketamine before?"),
    Question(
        "ketamine_outcome",
        "history",
        "single",
        "history",
        "How did it go?",
        show_if=Test("past_ketamine", "is", True),
        choices=(Choice("helped", "It helped"), Choice("not_helped", "It did not help")),
    ),
    Question(
        "substances",
        "history",
        "multi",
        "history",
        "Do you use any of these?",
        required=False,
        choices=(
            Choice("alcohol", "Alcohol"),
            Choice("cannabis", "Cannabis"),
            Choice("none", "None of these", exclusive=True),
        ),
    ),
    Question(
        "tried",
        "history",
        "number",
        "history",
        "How many medicines have you tried?",
        unit="medicines",
    ),
    _pref("pref_speed", "How much does it matter that it works fast?", ("speed",)),
    _pref("pref_works", "How much does it matter how well it works?", ("how_well",)),
    _pref(
        "pref_drug_effects",
        "How much does it matter to avoid drug effects and driving limits?",
        ("side_effects", "after_session"),
    ),
    _pref("pref_drive", "How much does it matter to drive yourself?", ("after_session",)),
    _pref("pref_visits", "How much does it matter to have few visits?", ("visits",)),
    _pref("pref_cost", "How much does cost matter?", ("cost",)),
    Question(
        "anything_else",
        "values",
        "text",
        "preference",
        "Anything else that matters?",
        required=False,
    ),
    _ready("sure", "Do you feel sure about what to choose?", "Say you are unsure.", ""),
    _ready(
        "understand",
        "Do you know the benefits and risks of each option?",
        "Ask for the facts again.",
        "Can you go over the risks with me again?",
    ),
    _ready(
        "values_clear",
        "Are you clear about which benefits and risks matter most?",
        "Talk about what matters.",
        "",
    ),
    _ready(
        "support",
        "Do you have enough support and advice to make a choice?",
        "Bring someone you trust.",
        "Can someone I trust come to the visit?",
    ),
    Question(
        "know_driving",
        "check",
        "single",
        "knowledge",
        "After esketamine, when can you drive?",
        choices=(Choice("same_day", "The same day"), Choice("next_day", "The next day")),
        correct="next_day",
        explanation="You cannot drive until the next day after a dose.",
    ),
    Question(
        "my_questions",
        "check",
        "text",
        "my_questions",
        "Questions for your specialist?",
        required=False,
    ),
)

CONSIDERATIONS = (
    Consideration(
        "seizures",
        Test("seizures", "is", True),
        {"tms": "You have had a seizure. Ask how this affects the seizure risk of TMS."},
        kind="caution",
        row="side_effects",
        ask="Does my seizure history change which treatments are safe for me?",
        sources=("SRC-A",),
    ),
    Consideration(
        "substances",
        All((Test("substances", "answered", True), Not(Test("substances", "includes", "none")))),
        {
            "esketamine": "You use alcohol or cannabis. Tell your specialist before esketamine.",
            "iv_ketamine": "You use alcohol or cannabis. Tell your specialist before IV ketamine.",
        },
        kind="caution",
        row="side_effects",
        ask="How do alcohol or cannabis affect these treatments?",
    ),
    Consideration(
        "ketamine_not_helped",
        Test("ketamine_outcome", "is", "not_helped"),
        {
            "esketamine": "Ketamine did not help you before. Ask what that means for esketamine.",
            "iv_ketamine": "Ketamine did not help you before. Ask what it means for a new course.",
        },
        kind="background",
        row="how_well",
        ask="Does my past ketamine treatment change anything?",
    ),
)

SOURCES = {
    "SRC-A": Source("SRC-A", "Author A. Trial A. Journal. 2010.", "trial", "2010", doi="10.1000/a"),
    "SRC-B": Source(
        "SRC-B", "Author B. Trial B. Journal. 2019.", "trial", "2019", url="https://example.org/b"
    ),
    "SRC-C": Source(
        "SRC-C",
        "Author C. Trial C. Journal. 2021.",
        "trial",
        "2021-03",
        url="https://example.org/c",
    ),
}


def make_bank() -> Bank:
    return Bank(
        meta=Meta(
            id="report-test",
            title="Getting ready to talk about TMS and ketamine",
            version="0.3.0",
            language="en",
            last_reviewed="2026-01-15",
            next_review_due="2027-01-15",
            authors=("the decide project",),
            funding="No outside funding.",
            update_policy="Reviewed once a year.",
            evidence_note="Trials and labels only.",
        ),
        decision=Decision(
            "Adults.",
            "TMS or ketamine.",
            "Prepares a talk.",
            "It does not recommend.",
            "15 minutes",
        ),
        options=(
            Option("tms", "TMS (magnetic stimulation)", "TMS", "Magnetic pulses."),
            Option("esketamine", "Esketamine nasal spray", "Esketamine", "A nasal spray."),
            Option("iv_ketamine", "IV ketamine", "IV ketamine", "A drip."),
        ),
        rows=ROWS,
        sections=(
            Section("safety", "Safety first"),
            Section("history", "Your history"),
            Section("values", "What matters to you"),
            Section("ready", "Ready to decide?"),
            Section("check", "A quick check"),
        ),
        questions=QUESTIONS,
        considerations=CONSIDERATIONS,
        safety=Safety(
            message="If you are thinking about hurting yourself, please reach out now.",
            resources=(
                CrisisResource(
                    "988 Suicide & Crisis Lifeline", "Call or text 988", "US", "2026-01-15"
                ),
                CrisisResource("Emergency services", "Call 911", "US", "2026-01-15"),
            ),
            concern_if=Test("self_harm", "is", True),
        ),
        specialist_questions=(
            "Which of these treatments are offered near me, and how long is the wait?",
            "What happens if the first treatment does not help?",
        ),
        other_options=(
            OtherOption(
                "ECT (electroconvulsive therapy)",
                "Another option for hard-to-treat depression.",
                ("SRC-A",),
            ),
            OtherOption(
                "Staying with your current care", "You can keep your current treatment.", ()
            ),
        ),
        sequencing_note="Ask your specialist about trying one after the other.",
        sources=SOURCES,
        content_hash="0" * 64,
    )


def record_at(answers: dict[str, AnswerValue], at: str) -> InterviewRecord:
    """An interview record holding `answers`, each given at the fixed time `at`."""
    return InterviewRecord(answers={qid: GivenAnswer(value, at) for qid, value in answers.items()})


def record_of(answers: dict[str, AnswerValue], **fields: object) -> InterviewRecord:
    """An interview record holding `answers`, each given at a fixed time."""
    record = record_at(answers, "2026-01-20T10:00:00Z")
    for name, value in fields.items():
        setattr(record, name, value)
    return record


# Two contrasting people for the golden files: the same history, different priorities.
_HISTORY: dict[str, AnswerValue] = {
    "self_harm": False,
    "has_ride": True,
    "insurance": "private",
    "seizures": False,
    "past_ketamine": False,
    "substances": ["none"],
    "tried": 3,
    "sure": True,
    "understand": True,
    "values_clear": False,
    "support": True,
    "know_driving": "next_day",
}
SPEED_FIRST: dict[str, AnswerValue] = {
    **_HISTORY,
    "pref_speed": 4,
    "pref_works": 3,
    "pref_drug_effects": 1,
    "pref_drive": 0,
    "pref_visits": 2,
    "pref_cost": 2,
    "my_questions": "How soon could I start?",
}
AVOID_DRUG_EFFECTS: dict[str, AnswerValue] = {
    **_HISTORY,
    "has_ride": False,
    "seizures": True,
    "substances": ["alcohol"],
    "pref_speed": 0,
    "pref_works": 3,
    "pref_drug_effects": 4,
    "pref_drive": 4,
    "pref_visits": 2,
    "pref_cost": 1,
    "my_questions": "Can I keep working during treatment?",
}
