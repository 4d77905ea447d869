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

from datetime import UTC, datetime, tzinfo

from decide.core.conditions import effective_answers, visible_questions
from decide.core.display_text import clean_text
from decide.core.model import AnswerValue, Bank, CrisisResource
from decide.core.record import InterviewRecord
from decide.core.safety import concern_of
from decide.core.tally import tally
from decide.summary.glance import NOT_RATED, PageText, build_glance
from decide.summary.history import footer_line, history_line
from decide.summary.model import (
    AskView,
    BankInfo,
    CellView,
    Completeness,
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
    "These numbers come from different studies, with different people and different "
    "measures. We found no study that compared them directly."
)
INCOMPLETE = "You answered {answered} of {applies} questions, so this summary is incomplete."
NO_NOTES = "No counselor notes were taken."
NOTHING_RATED = "You did not rate any topic as very important. Every topic is in the comparison."
CLOSING = (
    "Bring this summary to your appointment. Go through it with your specialist and decide "
    "together. You do not have to decide in one visit, and you can change your mind."
)


def build_report(
    bank: Bank,
    record: InterviewRecord,
    *,
    generated_on: str,
    with_notes: bool = False,
    timezone: tzinfo = UTC,
) -> Report:
    """The summary of `record` over `bank`. `generated_on` is the date shown and `timezone`
    the one note times are shown in (both from the edge)."""
    values = record.values()
    weighing = weigh(bank, values)
    meta = bank.meta
    fired = concern_of(bank, record) is not None  # the one crisis rule
    completeness = _completeness(bank, values)
    sources = source_views(bank)
    numbers = {s.key: s.number for s in sources}
    rows = tuple(_row_view(bank, weight, numbers) for weight in weighing.rows)
    matters = _matters_most(bank, weighing.ratings)
    points = _points_views(weighing, complete=completeness.complete)
    safety = SafetyView(
        fired=fired,
        fired_text=FIRED if fired else "",
        message=clean_text(bank.safety.message),
        resources=tuple(
            CrisisResource(
                clean_text(r.name), clean_text(r.contact), clean_text(r.region), r.last_checked
            )
            for r in bank.safety.resources
        ),
    )
    asks = tuple(AskView(clean_text(a.text), a.origin) for a in weighing.questions_to_ask)
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
        completeness=completeness,
        safety=safety,
        glance=build_glance(
            safety=safety,
            matters_most=matters,
            anything_else=weighing.anything_else,
            rated_any=bool(weighing.ratings),
            rows=rows,
            points=points,
            asks=asks,
            short_names={o.id: clean_text(o.short_name or o.name) for o in bank.options},
            text=PageText(
                title=clean_text(f"{meta.title}: your summary"),
                made=clean_text(f"Made on {generated_on}."),
                counselor="Counselor copy." if with_notes else "",
                incomplete=completeness.text,
                history=history_line(bank, effective_answers(bank, values)),
                footer=footer_line(bank),
            ),
        ),
        matters_most=matters,
        matters_most_empty=NOTHING_RATED if weighing.ratings else NOT_RATED,
        anything_else=weighing.anything_else,
        options=tuple(
            OptionInfo(o.id, clean_text(o.name), clean_text(o.short_name), clean_text(o.summary))
            for o in bank.options
        ),
        comparison_intro=COMPARISON_INTRO,
        rows=rows,
        points=points,
        readiness=_readiness_view(weighing),
        questions_to_ask=asks,
        closing=CLOSING,
        other_options=tuple(
            OtherOptionView(clean_text(o.name), clean_text(o.text), o.sources)
            for o in bank.other_options
        ),
        sequencing_note=_cited(clean_text(bank.sequencing_note), bank.sequencing_sources, numbers),
        sources=sources,
        authors=tuple(clean_text(a) for a in meta.authors),
        funding=clean_text(meta.funding),
        update_policy=clean_text(meta.update_policy),
        evidence_note=clean_text(meta.evidence_note),
        answers=answer_views(bank, effective_answers(bank, values)),
        counselor_copy=with_notes,
        client_code=clean_text(record.client_code) if with_notes and record.client_code else None,
        notes=tuple(_note_views(bank, record, timezone)) if with_notes else (),
        notes_empty=NO_NOTES,
    )


def _completeness(bank: Bank, values: dict[str, AnswerValue]) -> Completeness:
    """Required questions that apply, and how many have an answer (hidden ones count for no one)."""
    given = effective_answers(bank, values)
    required = [q for q in visible_questions(bank, given) if q.required]
    answered = sum(1 for q in required if q.id in given)
    text = ""
    if answered < len(required):
        counted = tally(bank, values)  # the same "N of M" as the interview and sessions list
        text = INCOMPLETE.format(answered=counted.answered, applies=counted.applies)
    return Completeness(answered, len(required), text)


def _points_views(weighing: Weighing, *, complete: bool) -> tuple[PointsView, ...]:
    """Every option's points, the same shape for each; with answers missing, "nothing to raise"
    says it is about the answers given so far."""
    so_far = "" if complete else " so far"
    return tuple(
        PointsView(
            option_id=entry.option.id,
            option_name=clean_text(entry.option.name),
            heading=clean_text(f"For {entry.option.name}"),
            points=tuple(
                PointView(p.consideration, clean_text(p.text), p.sources, p.kind, p.row)
                for p in entry.points
            ),
            nothing=clean_text(
                f"Nothing from your answers{so_far} to raise for {entry.option.name}."
            ),
        )
        for entry in weighing.points
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


def _cited(text: str, keys: tuple[str, ...], numbers: dict[str, int]) -> str:
    """A text with the numbers of the sources it rests on, as every cell cites them."""
    refs = _refs(keys, numbers)
    if not refs:
        return text
    return f"{text} Source{'s' if len(refs) > 1 else ''}: {', '.join(f'[{n}]' for n in refs)}."


def _refs(keys: tuple[str, ...], numbers: dict[str, int]) -> tuple[int, ...]:
    return tuple(sorted({numbers[k] for k in keys if k in numbers}))


def _row_view(bank: Bank, weight: RowWeight, numbers: dict[str, int]) -> RowView:
    row = weight.row
    cells = []
    for option in bank.options:
        cell = row.cells[option.id]
        keys = cell.sources + tuple(k for f in cell.figures for k in f.sources)
        cells.append(
            CellView(
                option_id=option.id,
                text=clean_text(cell.text),
                short=clean_text(cell.short),
                sources=cell.sources,
                figures=tuple(figure_view(f) for f in cell.figures),
                refs=_refs(keys, numbers),
            )
        )
    notes = [clean_text(row.note)] if row.note.strip() else []
    figure_note = ""
    if sum(1 for cell in cells if cell.figures) > 1:
        # Said beside the figures themselves, so it is not repeated among the notes.
        notes = [n for n in notes if not _about_studies(n)]
        figure_note = DIFFERENT_STUDIES
    return RowView(
        id=row.id,
        title=clean_text(row.title),
        covers=row.covers,
        importance=weight.importance,
        raised=weight.raised,
        raised_by_safety=weight.by_safety,
        raised_because=clean_text(weight.raised_because),
        less_important=weight.less_important,
        marks=_marks(weight),
        cells=tuple(cells),
        notes=tuple(notes),
        figure_note=figure_note,
    )


def _about_studies(note: str) -> bool:
    return "head to head" in note.lower() or "different studies" in note.lower()


def _readiness_view(weighing: Weighing) -> ReadinessView:
    readiness = weighing.readiness
    summary = ""
    answered = sum(1 for item in readiness.items if item.answer is not None)
    if readiness.total and not answered:
        summary = "You have not answered the questions about feeling ready to decide yet."
    elif readiness.total:
        some = "" if answered == readiness.total else " you answered"
        summary = (
            f"You answered yes to {readiness.yes} of the {answered} questions{some} about "
            "feeling ready to decide."
        )
        if readiness.yes < answered:
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


def _note_views(bank: Bank, record: InterviewRecord, timezone: tzinfo) -> list[NoteView]:
    views = []
    for note in record.notes:
        section = bank.section(note.section)
        views.append(
            NoteView(
                clean_text(section.title if section else note.section),
                clean_text(note.text),
                local_time(note.at, timezone),
            )
        )
    return views


def local_time(stamp: str, timezone: tzinfo) -> str:
    """`2026-11-30T23:11:07Z` as a person reads it in `timezone`: `30 Nov 2026, 18:11 EST`."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return clean_text(stamp)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(timezone)
    return f"{local.day} {local:%b %Y, %H:%M} {local.tzname() or ''}".strip()
