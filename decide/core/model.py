"""The question bank as plain, frozen data.

Everything `decide` shows comes from a bank. The loader (`decide.bank.load`) builds these objects
from YAML after validating it; nothing else creates them except tests. There is deliberately
no field anywhere for a score, rank or weight per option: a bank cannot express a
recommendation.

Texts are plain strings already resolved to one language by the loader (a bank text may be a
mapping from language code to string; see `decide.bank.load.parse_bank`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, NamedTuple, TypeAlias

from msgspec import Struct, field

# An answer as stored and compared: a choice id (single), a list of choice ids (multi),
# a bool (yesno), an int (scale), an int or float (number) or a str (text).
AnswerValue: TypeAlias = str | bool | int | float | list[str]

QuestionType = Literal["single", "multi", "yesno", "scale", "number", "text"]
QUESTION_TYPES: tuple[QuestionType, ...] = ("single", "multi", "yesno", "scale", "number", "text")

# What a question is for. Only `preference` questions weigh rows; `safety` questions feed the
# crisis layer; `readiness` and `knowledge` feed the readiness part of the summary;
# `my_questions` is the person's own questions for the specialist.
QuestionRole = Literal[
    "about", "safety", "history", "preference", "readiness", "knowledge", "my_questions"
]
QUESTION_ROLES: tuple[QuestionRole, ...] = (
    "about",
    "safety",
    "history",
    "preference",
    "readiness",
    "knowledge",
    "my_questions",
)

# What a comparison row is about (used by the balance checks: every option needs at least
# one benefit row and one harm or burden row).
RowCovers = Literal["about", "benefit", "harm", "burden", "practical"]
ROW_COVERS: tuple[RowCovers, ...] = ("about", "benefit", "harm", "burden", "practical")


class Location(NamedTuple):
    """Where something stands in a bank or answers file (1-based line and column).

    A named tuple: a large bank makes one for many of its values.
    """

    source: str
    line: int  # 0: the file as a whole (it is missing, unreadable or too large)
    column: int

    def __str__(self) -> str:
        if self.line == 0:
            return self.source
        return f"{self.source}:{self.line}:{self.column}"


class Record(Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """What every part of a bank is: a frozen record, made in C (msgspec), compared and hashed
    by its fields. Read back from JSON (`decide.bank.plain`), a field it does not have is
    refused, not ignored."""


# ---------------------------------------------------------------- conditions (closed language)


# What a test compares an answer with: a choice id, a yes/no, a number, or (for `in`) several.
Scalar: TypeAlias = str | bool | int | float
TestValue: TypeAlias = Scalar | tuple[Scalar, ...]


class Test(Record, frozen=True, tag=True):
    """A leaf test on one earlier answer. `op` is one of OPERATORS."""

    __test__ = False  # not a pytest test class, despite its name

    question: str
    op: Literal["is", "is_not", "in", "includes", "at_least", "at_most", "answered"]
    value: TestValue  # a tuple for `in`, a bool for `answered`, one value for the others


class All(Record, frozen=True, tag=True):
    items: tuple[Condition, ...]


class Any_(Record, frozen=True, tag=True):
    items: tuple[Condition, ...]


class Not(Record, frozen=True, tag=True):
    item: Condition


Condition: TypeAlias = Test | All | Any_ | Not


# ---------------------------------------------------------------- bank parts


class Meta(Record, frozen=True):
    id: str
    title: str
    version: str
    language: str
    last_reviewed: str  # ISO date
    next_review_due: str  # ISO date
    authors: tuple[str, ...]
    funding: str
    update_policy: str
    evidence_note: str


class Decision(Record, frozen=True):
    """The decision, in plain words: who the bank is for and what the tool does and does not do."""

    who_for: str
    choice: str
    does: str
    does_not: str
    time_needed: str


class Option(Record, frozen=True):
    id: str
    name: str
    short_name: str
    summary: str


class OtherOption(Record, frozen=True):
    """An option that exists but is not compared in this bank (ECT, staying with current care)."""

    name: str
    text: str
    sources: tuple[str, ...]


class Source(Record, frozen=True):
    key: str
    citation: str
    kind: str  # trial, review, label, regulator, guideline, clinic, consumer, news, other
    date: str
    url: str | None = None
    doi: str | None = None
    pmid: str | None = None  # a PubMed id, digits only
    registry: str | None = None  # a trial registry id, e.g. an NCT number
    no_link: str = ""  # why no primary record could be linked (a source with no address)


# How sure we are of a figure, from surest to least sure (our rating, not a formal GRADE one).
Certainty = Literal["high", "moderate", "low", "very low"]
CERTAINTIES: tuple[Certainty, ...] = ("high", "moderate", "low", "very low")


class Comparator(Record, frozen=True):
    label: str
    per_100: int


class Figure(Record, frozen=True):
    """A probability, always "about N out of 100", with who, when, what and where from."""

    per_100: int
    event: str  # "were in remission"
    no_event: str  # "were not in remission"
    who: str
    time_frame: str
    study: str
    sources: tuple[str, ...]
    measure: str  # the measure and scale with its cut-off: "remission: MADRS score of 10 or lower"
    certainty: Certainty  # how sure we are: our rating (see docs/certainty.md), not formal GRADE
    certainty_reason: str  # one plain line: "one open-label trial of 400 people"
    comparator: Comparator | None = None


class Cell(Record, frozen=True):
    text: str
    short: str  # the same facts in one or two plain sentences (about 25 words at most)
    sources: tuple[str, ...]
    figures: tuple[Figure, ...] = ()


class Row(Record, frozen=True):
    """One line of the comparison: the same topic, one cell per option, in the bank's option order."""

    id: str
    title: str
    covers: RowCovers
    cells: Mapping[str, Cell]  # option id -> cell; every option has one (validated)
    note: str = ""  # shown under the row, e.g. "these figures come from different studies"
    raised_if: Condition | None = None  # a history answer that makes this row matter
    raised_because: str = ""  # one plain sentence shown when raised_if holds


class Section(Record, frozen=True):
    id: str
    title: str
    intro: str = ""
    facilitator_note: str = ""


class Choice(Record, frozen=True):
    id: str
    label: str
    feedback: str = ""  # shown right after the choice is picked (knowledge check)
    exclusive: bool = False  # multi only: "none of these" cannot be combined


class Question(Record, frozen=True):
    id: str
    section: str
    type: QuestionType
    role: QuestionRole
    text: str
    help: str = ""
    more_help: str = ""  # shown when the person types `?`
    required: bool = True
    show_if: Condition | None = None
    facilitator_note: str = ""
    choices: tuple[Choice, ...] = ()
    min: int | float | None = None  # scale/number bounds; multi: fewest picks (ints stay ints)
    max: int | float | None = None  # scale/number bounds; multi: most picks
    labels: Mapping[int, str] = field(default_factory=dict)  # scale point -> label
    unit: str = ""  # number
    integer: bool = True  # number: whole numbers only
    max_length: int = 500  # text
    weighs: tuple[str, ...] = ()  # preference: the row ids this importance applies to
    correct: str | None = None  # knowledge: the choice id that is right
    explanation: str = ""  # knowledge: why; shown in the summary when missed
    if_no: str = ""  # readiness: what to bring up when the answer is "no"
    ask: str = ""  # readiness: a question for the specialist when the answer is "no"

    def choice(self, choice_id: str) -> Choice | None:
        for c in self.choices:
            if c.id == choice_id:
                return c
        return None


# How much a point to raise weighs for the one-page summary, heaviest first: a contraindication
# (the option may not be possible), a caution (it may need extra care or checks), a practical
# point (visits, travel, cost), background (history the specialist should hear). Never a verdict:
# the kind orders what the page keeps, the same for every option.
ConsiderationKind = Literal["contraindication", "caution", "practical", "background"]
CONSIDERATION_KINDS: tuple[ConsiderationKind, ...] = (
    "contraindication",
    "caution",
    "practical",
    "background",
)
SAFETY_KINDS: tuple[ConsiderationKind, ...] = ("contraindication", "caution")


class Consideration(Record, frozen=True):
    """A point from the person's history to raise with the specialist, for one or more options.

    Information for the conversation, never a verdict.
    """

    id: str
    when: Condition
    points: Mapping[str, str]  # option id -> the point to raise (only the options it concerns)
    kind: ConsiderationKind = "background"
    row: str = ""  # the id of the comparison row the point belongs to (required in a bank)
    ask: str = ""  # a question for the specialist that this point suggests
    sources: tuple[str, ...] = ()


class CrisisResource(Record, frozen=True):
    name: str
    contact: str
    region: str
    last_checked: str


class Safety(Record, frozen=True):
    message: str  # the short text shown on the crisis panel, above the resources
    resources: tuple[CrisisResource, ...]
    concern_if: Condition  # answers that count as a safety concern


class Bank(Record, frozen=True, dict=True):  # dict: the question index, made once
    meta: Meta
    decision: Decision
    options: tuple[Option, ...]
    rows: tuple[Row, ...]
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    considerations: tuple[Consideration, ...]
    safety: Safety
    specialist_questions: tuple[str, ...]
    other_options: tuple[OtherOption, ...]
    sequencing_note: str  # using the options one after the other or together: ask the specialist
    sources: Mapping[str, Source]
    content_hash: str  # sha256 of the bank file's bytes, for sessions and reports
    sequencing_sources: tuple[str, ...] = ()  # what the sequencing note rests on

    def question(self, question_id: str) -> Question | None:
        return self._questions_by_id.get(question_id)

    def option(self, option_id: str) -> Option | None:
        for o in self.options:
            if o.id == option_id:
                return o
        return None

    def section(self, section_id: str) -> Section | None:
        for s in self.sections:
            if s.id == section_id:
                return s
        return None

    @property
    def _questions_by_id(self) -> dict[str, Question]:
        cached: dict[str, Question] | None = self.__dict__.get("_qindex")
        if cached is None:
            cached = self.__dict__["_qindex"] = {q.id: q for q in self.questions}
        return cached
