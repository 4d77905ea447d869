"""The summary: what every renderer shows, in the order it is shown.

`build_report` turns a bank and an interview record into a `Report` (plain data, defined in
`decide.summary.model`). Renderers (`decide.render`) only lay it out; every sentence a person
reads is decided here, once, so the terminal, text, Markdown, HTML and JSON summaries say the
same thing.

The no-recommendation rule is structural: the model has no field for a total, score, rank,
percentage, colour or mark per option. Options appear in the bank's order with one cell in
every row, and every option gets the same fields (a cell with text, sources and figures; a list
of points to raise, empty or not).

All text passes through `clean_text` here (no escape sequences, no control characters), so no
renderer can forget it; each renderer still escapes its own markup.
"""

from __future__ import annotations

from decide.core.conditions import effective_answers
from decide.core.display_text import clean_text
from decide.core.model import Bank, CrisisResource
from decide.core.record import InterviewRecord
from decide.core.safety import concern_raised
from decide.summary.model import (
    AskView,
    BankInfo,
    CellView,
    KnowledgeView,
    MattersItem,
    NoteView,
    OptionInfo,
    OtherOptionView,
    PointsView,
    PointView,
    ReadinessItemView,
    ReadinessView,
    Report,
    RowView,
    SafetyView,
)
from decide.summary.parts import answer_views, figure_view, scale_label, source_views
from decide.summary.weighing import IMPORTANT, Rating, RowWeight, Weighing, weigh

__all__ = ["Report", "build_report"]

NO_RECOMMENDATION = (
    "This summary does not recommend a treatment. It shows what you said matters to you and "
    "what the studies found, so that you and your specialist can decide together."
)
COMPARISON_INTRO = (
    "The options are always listed in the same order. The topics that matter most to you "
    "come first."
)
FIRED = (
    "Your answers raised a safety concern. If you are thinking about hurting yourself, please "
    "reach out now to one of the contacts below. Please tell your specialist about it too."
)
LESS_IMPORTANT = "You said this matters less to you. It is still shown, so nothing is hidden."
DIFFERENT_STUDIES = (
    "These numbers come from different studies, with different people. They were never "
    "compared head to head."
)
NOTHING_RATED = "You did not rate any topic as very important. Every topic is in the comparison."
CLOSING = (
    "Bring this summary to your appointment. Go through it with your specialist and decide "
    "together. You do not have to decide in one visit, and you can change your mind."
)


def build_report(
    bank: Bank, record: InterviewRecord, *, generated_on: str, with_notes: bool = False
) -> Report:
    """The summary of `record` over `bank`. `generated_on` is the date shown (from the edge)."""
    values = record.values()
    weighing = weigh(bank, values)
    meta = bank.meta
    fired = record.crisis_fired or concern_raised(bank, values)
    return Report(
        title=clean_text(f"{meta.title}: your summary"),
        generated_on=clean_text(generated_on),
        bank=BankInfo(
            id=meta.id,
            title=clean_text(meta.title),
            version=meta.version,
            last_reviewed=meta.last_reviewed,
            next_review_due=meta.next_review_due,
            language=meta.language,
        ),
        no_recommendation=NO_RECOMMENDATION,
        safety=SafetyView(
            fired=fired,
            fired_text=FIRED if fired else "",
            message=clean_text(bank.safety.message),
            resources=tuple(
                CrisisResource(
                    clean_text(r.name), clean_text(r.contact), clean_text(r.region), r.last_checked
                )
                for r in bank.safety.resources
            ),
        ),
        matters_most=_matters_most(bank, weighing.ratings),
        matters_most_empty=NOTHING_RATED,
        anything_else=weighing.anything_else,
        options=tuple(
            OptionInfo(o.id, clean_text(o.name), clean_text(o.short_name), clean_text(o.summary))
            for o in bank.options
        ),
        comparison_intro=COMPARISON_INTRO,
        rows=tuple(_row_view(bank, weight) for weight in weighing.rows),
        points=tuple(
            PointsView(
                option_id=entry.option.id,
                option_name=clean_text(entry.option.name),
                heading=clean_text(f"For {entry.option.name}"),
                points=tuple(
                    PointView(p.consideration, clean_text(p.text), p.sources) for p in entry.points
                ),
                nothing=clean_text(f"Nothing from your answers to raise for {entry.option.name}."),
            )
            for entry in weighing.points
        ),
        readiness=_readiness_view(weighing),
        questions_to_ask=tuple(
            AskView(clean_text(a.text), a.origin) for a in weighing.questions_to_ask
        ),
        closing=CLOSING,
        other_options=tuple(
            OtherOptionView(clean_text(o.name), clean_text(o.text), o.sources)
            for o in bank.other_options
        ),
        sequencing_note=clean_text(bank.sequencing_note),
        sources=source_views(bank),
        authors=tuple(clean_text(a) for a in meta.authors),
        funding=clean_text(meta.funding),
        update_policy=clean_text(meta.update_policy),
        evidence_note=clean_text(meta.evidence_note),
        answers=answer_views(bank, effective_answers(bank, values)),
        counselor_copy=with_notes,
        client_code=clean_text(record.client_code) if with_notes and record.client_code else None,
        notes=tuple(_note_views(bank, record)) if with_notes else (),
    )


def _matters_most(bank: Bank, ratings: tuple[Rating, ...]) -> tuple[MattersItem, ...]:
    """Preferences rated very or extremely; if none, the highest rated above "not at all"."""
    top = [r for r in ratings if r.value >= IMPORTANT]
    if not top and ratings and ratings[0].value > 0:
        top = [r for r in ratings if r.value == ratings[0].value]
    titles = {row.id: row.title for row in bank.rows}
    return tuple(
        MattersItem(
            question=clean_text(r.question.text),
            rating=r.value,
            label=clean_text(scale_label(r.question, r.value)),
            rows=tuple(clean_text(titles[w]) for w in r.question.weighs if w in titles),
        )
        for r in top
    )


def _marks(weight: RowWeight) -> tuple[str, ...]:
    marks: list[str] = []
    if weight.importance is not None and weight.rated_by is not None:
        label = scale_label(weight.rated_by, weight.importance)
        marks.append(f"How much this matters to you: {label}.")
    if weight.raised:
        marks.append(f"Raised by your answers: {weight.raised_because}")
    if weight.less_important:
        marks.append(LESS_IMPORTANT)
    return tuple(clean_text(m) for m in marks)


def _row_view(bank: Bank, weight: RowWeight) -> RowView:
    row = weight.row
    cells = tuple(
        CellView(
            option_id=option.id,
            text=clean_text(row.cells[option.id].text),
            sources=row.cells[option.id].sources,
            figures=tuple(figure_view(f) for f in row.cells[option.id].figures),
        )
        for option in bank.options
    )
    notes = [clean_text(row.note)] if row.note.strip() else []
    studies = {f.study for cell in cells for f in cell.figures}
    said_already = any(
        "head to head" in n.lower() or "different studies" in n.lower() for n in notes
    )
    if len(studies) > 1 and not said_already:
        notes.append(DIFFERENT_STUDIES)
    return RowView(
        id=row.id,
        title=clean_text(row.title),
        covers=row.covers,
        importance=weight.importance,
        raised=weight.raised,
        raised_because=clean_text(weight.raised_because),
        less_important=weight.less_important,
        marks=_marks(weight),
        cells=cells,
        notes=tuple(notes),
    )


def _readiness_view(weighing: Weighing) -> ReadinessView:
    readiness = weighing.readiness
    summary = ""
    if readiness.total:
        summary = (
            f"You answered yes to {readiness.yes} of {readiness.total} questions about "
            "feeling ready to decide."
        )
        if readiness.yes < readiness.total:
            summary += " A “no” is common: it shows what to talk through with your specialist."
    return ReadinessView(
        yes=readiness.yes,
        total=readiness.total,
        summary=summary,
        items=tuple(
            ReadinessItemView(
                id=item.question.id,
                text=clean_text(item.question.text),
                answer=item.answer,
                suggestion=clean_text(item.question.if_no) if item.answer is False else "",
                ask=clean_text(item.question.ask) if item.answer is False else "",
            )
            for item in readiness.items
        ),
        missed=tuple(
            KnowledgeView(
                m.question.id,
                clean_text(m.question.text),
                clean_text(m.given),
                clean_text(m.correct),
                clean_text(m.explanation),
            )
            for m in weighing.missed
        ),
    )


def _note_views(bank: Bank, record: InterviewRecord) -> list[NoteView]:
    views = []
    for note in record.notes:
        section = bank.section(note.section)
        views.append(
            NoteView(
                clean_text(section.title if section else note.section),
                clean_text(note.text),
                note.at,
            )
        )
    return views
