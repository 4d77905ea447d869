"""The summary's data model: plain frozen records (msgspec Structs), no rendering, no logic.

`decide.summary.report.build_report` fills it; every renderer in `decide.render` reads it. There is
deliberately no field anywhere for a total, score, rank, percentage, colour or mark per
option: a `Report` cannot express a recommendation. Options come in the bank's order, every
row has a `CellView` for every option, and every option has a `PointsView`, empty or not.
"""

from __future__ import annotations

from msgspec import Struct

from decide.core.model import AnswerValue, CrisisResource


class ComparatorView(Struct, frozen=True):
    label: str
    per_100: int
    text: str  # "For comparison, with <label>: about N out of 100 …; about 100-N out of 100 …"


class FigureView(Struct, frozen=True):
    per_100: int
    event: str
    no_event: str
    who: str
    time_frame: str
    study: str
    sources: tuple[str, ...]
    measure: str  # "remission: MADRS score of 10 or lower"
    certainty: str  # high | moderate | low | very low (our rating, not a formal GRADE one)
    certainty_reason: str  # "one open-label trial of 400 people"
    text: str  # both sides of the frame, out of the same 100
    context: str  # "Remission: a MADRS score of 10 or lower. Who: …. Time: …. Study: …."
    sureness: str  # "How sure we are: moderate (…). This is our rating, not a formal GRADE …"
    comparator: ComparatorView | None


class SourceView(Struct, frozen=True):
    key: str
    citation: str
    kind: str
    date: str
    url: str | None
    doi: str | None
    pmid: str | None
    registry: str | None
    # The one primary address to follow: the DOI's, else PubMed's, else ClinicalTrials.gov's,
    # else the url; None when there is none (the citation then says why).
    link: str | None
    number: int  # its place in the numbered list of sources; cells refer to it


class AnswerView(Struct, frozen=True):
    id: str
    question: str
    value: AnswerValue  # as stored (choice ids, numbers, booleans, text)
    label: str  # as a person reads it


class BankInfo(Struct, frozen=True):
    id: str
    title: str
    version: str
    last_reviewed: str
    next_review_due: str
    language: str  # the language of the bank's text (e.g. "en")


class SafetyView(Struct, frozen=True):
    fired: bool  # the crisis layer fired during the interview or for these answers
    fired_text: str  # "" when it did not fire
    message: str
    resources: tuple[CrisisResource, ...]


class MattersItem(Struct, frozen=True):
    question: str
    rating: int
    label: str  # "Extremely (4 of 4)"
    rows: tuple[str, ...]  # titles of the comparison rows it weighs


class OptionInfo(Struct, frozen=True):
    id: str
    name: str
    short_name: str
    summary: str


class CellView(Struct, frozen=True):
    """One option's cell in one row; every option has one in every row, with these fields."""

    option_id: str
    text: str
    short: str  # the same facts in one or two plain sentences (the at-a-glance grid)
    sources: tuple[str, ...]
    figures: tuple[FigureView, ...]
    refs: tuple[int, ...]  # the numbers of the cell's and its figures' sources, once each


class RowView(Struct, frozen=True):
    id: str
    title: str
    covers: str
    importance: int | None  # None: no answer rated this row
    raised: bool
    raised_by_safety: bool  # a contraindication or caution point of this row holds
    raised_because: str
    less_important: bool
    marks: tuple[str, ...]  # what to show under the title, in order
    cells: tuple[CellView, ...]  # bank option order, always all of them
    notes: tuple[str, ...]
    figure_note: str  # beside every set of figures: different studies, never head to head


class PointView(Struct, frozen=True):
    id: str
    text: str
    sources: tuple[str, ...]
    kind: str  # contraindication | caution | practical | background
    row: str  # the id of the comparison row it belongs to


class PointsView(Struct, frozen=True):
    """Points to raise about one option; every option has one, in bank order."""

    option_id: str
    option_name: str
    heading: str  # "For <option>"
    points: tuple[PointView, ...]
    nothing: str  # shown when `points` is empty, same pattern for every option


class ReadinessItemView(Struct, frozen=True):
    id: str
    text: str
    answer: bool | None
    suggestion: str  # the bank's `if_no`, when the answer is no
    ask: str


class KnowledgeView(Struct, frozen=True):
    id: str
    text: str
    given: str
    correct: str
    explanation: str


class ReadinessView(Struct, frozen=True):
    yes: int
    total: int
    summary: str
    items: tuple[ReadinessItemView, ...]
    missed: tuple[KnowledgeView, ...]


class AskView(Struct, frozen=True):
    text: str
    origin: str  # yours | history | readiness | standard


class OtherOptionView(Struct, frozen=True):
    name: str
    text: str
    sources: tuple[str, ...]


class NoteView(Struct, frozen=True):
    section: str
    text: str
    at: str


class Completeness(Struct, frozen=True):
    """How much of the interview the summary rests on."""

    answered: int  # required questions (that apply) with an answer
    required: int  # required questions that apply
    text: str  # "" when complete; else "You answered 2 of 38 questions, so …"

    @property
    def complete(self) -> bool:
        return self.answered >= self.required


class GlanceCell(Struct, frozen=True):
    option_id: str
    short: str
    refs: tuple[int, ...]


class GlanceRow(Struct, frozen=True):
    """A row of the at-a-glance grid: every option has a cell, in the bank's order."""

    id: str
    title: str
    why: str  # "Matters to you: Extremely (4 of 4)", "Raised by your answers", or ""
    cells: tuple[GlanceCell, ...]


class GlancePoints(Struct, frozen=True):
    """One option's points to raise, in short form; every option has one, in bank order."""

    option_id: str
    option_name: str
    short_name: str
    points: tuple[str, ...]
    more: str  # "2 more in the detail", or ""
    nothing: str


class Glance(Struct, frozen=True):
    """The at-a-glance page: one printed page, chosen by clinical weight.

    Its rows are the first rows of the comparison in the order the person's ratings and
    history give (never anything about an option); the rest are named in `also_compared`.
    What was left out to fit the page is said once, in `left_out`.
    """

    crisis_line: str
    history: str  # "Your history: …" for the specialist, or ""
    priorities: tuple[str, ...]
    priorities_empty: str
    own_words: tuple[str, ...]  # what they wrote about what matters, whole
    shared_points: tuple[str, ...]  # said alike about every option: once, above the columns
    rows: tuple[GlanceRow, ...]
    also_compared: str  # "Also compared in the detail: …." or ""
    points: tuple[GlancePoints, ...]
    points_more: str  # "5 more in the detail" for all options together, or ""
    questions: tuple[str, ...]  # their own questions first, whole
    questions_more: str
    left_out: str  # what was left out to fit one page, for the whole page, or ""
    discuss: str
    footer: str  # the bank's title, version, review date and authors; where the sources are


class Report(Struct, frozen=True):
    title: str
    generated_on: str
    bank: BankInfo
    no_recommendation: str
    completeness: Completeness
    safety: SafetyView
    glance: Glance
    matters_most: tuple[MattersItem, ...]
    matters_most_empty: str  # shown when matters_most is empty
    anything_else: tuple[str, ...]
    options: tuple[OptionInfo, ...]
    comparison_intro: str
    rows: tuple[RowView, ...]
    points: tuple[PointsView, ...]
    readiness: ReadinessView
    questions_to_ask: tuple[AskView, ...]
    closing: str
    other_options: tuple[OtherOptionView, ...]
    sequencing_note: str
    sources: tuple[SourceView, ...]
    authors: tuple[str, ...]
    funding: str
    update_policy: str
    evidence_note: str
    answers: tuple[AnswerView, ...]
    counselor_copy: bool
    client_code: str | None  # counselor copy only
    notes: tuple[NoteView, ...]  # counselor copy only
    notes_empty: str  # counselor copy: shown when no notes were taken
