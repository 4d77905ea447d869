"""The at-a-glance page: the one page a person brings to the appointment.

Like an Option Grid: the options as columns in the bank's fixed order, rows of short cells,
then the person's points to raise and their questions. What goes on it is chosen by clinical
weight, the same rule for every option, and the page is filled until it is full
(`decide.summary.room`), the least important left out first:

1. Always: every raised contraindication and caution, for every option (an option with none
   says so in its column); a point said alike about every option, once, above the columns; the
   rows those points belong to (they come first in `order_rows`); the crisis line.
2. The person's own words, whole: their "anything else" text, and each question they typed
   for their specialist, up to YOURS questions ("N more in the detail").
3. The rows they rated or their answers raised, in the order of `order_rows`.
4. The practical points, then the background points: each kind for every option or for none.
5. The other rows, in the same order (the page's rows are always the first rows of the
   detail's order), then the questions the answers suggest.

One line says what was left out, for the whole page, never a count per option. No option can
change the selection: the room a row takes is its tallest cell, whichever option it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from msgspec import Struct

from decide.core.display_text import clean_text
from decide.core.model import CONSIDERATION_KINDS, SAFETY_KINDS
from decide.summary import room
from decide.summary.model import (
    AskView,
    Glance,
    GlanceCell,
    GlancePoints,
    GlanceRow,
    MattersItem,
    PointsView,
    PointView,
    RowView,
    SafetyView,
)

YOURS = 8  # the questions a person typed shown whole on the page; the rest in the detail
OTHERS = 3  # questions the answers suggest, when there is room
WORDS = 12  # for a topic's name in "what matters most" when it weighs no row
CHARS = 90

DISCUSS = "This summary does not recommend a treatment: decide together with your specialist."
NO_PRIORITIES = "You did not rate any topic as very important."
NOT_RATED = "You have not rated the topics yet."
KIND_WORDS = {
    "contraindication": "contraindication",
    "caution": "caution",
    "practical": "practical point",
    "background": "background point",
}

_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def shorten(text: str, words: int = WORDS, chars: int = CHARS) -> str:
    """The first sentence of `text` if it is short enough, else as many of its first `words`
    words as fit in `chars` characters, and …"""
    first = _SENTENCE.split(text.strip(), maxsplit=1)[0]
    split = first.split()
    if len(split) <= words and len(first) <= chars:
        return first
    kept: list[str] = []
    for word in split[:words]:
        if len(" ".join([*kept, word])) > chars - 2:
            break
        kept.append(word)
    if not kept:  # one very long word
        return first[: chars - 2] + " …"
    return " ".join(kept).rstrip(",;:") + " …"


def _why(row: RowView, matters: dict[str, str]) -> str:
    if row.raised:
        return "raised by your answers"
    if row.importance is not None and row.importance >= 3 and row.title in matters:
        return f"you said: {matters[row.title]}"
    return ""


class PageText(Struct, frozen=True):
    """The sentences of the page that do not depend on what fits."""

    title: str
    made: str  # the date and the bank
    counselor: str
    incomplete: str
    history: str
    footer: str


def build_glance(
    *,
    safety: SafetyView,
    matters_most: tuple[MattersItem, ...],
    anything_else: tuple[str, ...],
    rated_any: bool,
    rows: tuple[RowView, ...],
    points: tuple[PointsView, ...],
    asks: tuple[AskView, ...],
    short_names: dict[str, str],
    text: PageText,
) -> Glance:
    labels = {title: plain_label(item.label) for item in matters_most for title in item.rows}
    priorities = _priorities(matters_most)
    options = max(len(points), 1)
    shared = _shared(points)
    space = room.Room()
    crisis = _crisis_line(safety)
    fixed = [text.title, text.made, text.counselor, text.incomplete, text.history, DISCUSS]
    fixed += [text.footer, *priorities, *(f"In your words: “{t}”" for t in anything_else)]
    space.take(
        # the headings, and the line that names the topics left for the detail
        sum(room.paragraph(t) for t in fixed) + room.paragraph(crisis) + 12.0,
        sum(room.words(t) for t in [*fixed, crisis]) + 150,  # headings, names, "also compared"
    )
    for point in shared:
        space.take(room.paragraph(point), room.words(point))

    # 1. contraindications and cautions, and their rows: never left out
    kinds: list[str] = [k for k in CONSIDERATION_KINDS if k in SAFETY_KINDS]
    chosen: list[RowView] = []
    for row in rows:
        if not row.raised_by_safety:
            break
        _place_row(space, row, options, labels, force=True)
        chosen.append(row)
    points_lines = _points_lines(points, shared, kinds, options)
    space.take(points_lines + 0.6, _points_words(points, shared, kinds))

    # 2. their own questions, whole
    yours = [a.text for a in asks if a.origin == "yours"]
    questions: list[str] = []
    for question in yours[:YOURS]:
        space.take(room.paragraph(question), room.words(question))
        questions.append(question)

    # 3. rows they rated or their answers raised; 4. practical and background points;
    # 5. the other rows, then suggested questions
    rest = list(rows[len(chosen) :])
    while (
        rest
        and (rest[0].importance or rest[0].raised)
        and _place_row(space, rest[0], options, labels)
    ):
        chosen.append(rest.pop(0))
    stopped = bool(rest) and bool(rest[0].importance or rest[0].raised)
    for kind in ("practical", "background"):
        if not _has(points, shared, kind):  # none raised: nothing to leave out
            kinds.append(kind)
            continue
        wider = [*kinds, kind]
        more = _points_lines(points, shared, wider, options) - points_lines
        more_words = _points_words(points, shared, wider) - _points_words(points, shared, kinds)
        if not space.try_take(more, more_words):
            break
        kinds, points_lines = wider, points_lines + more
    if not stopped:
        while rest and _place_row(space, rest[0], options, labels):
            chosen.append(rest.pop(0))
    for ask in [a.text for a in asks if a.origin != "yours"][:OTHERS]:
        if len(questions) >= len(yours) and space.try_take(room.paragraph(ask), room.words(ask)):
            questions.append(ask)

    glance_points = tuple(
        _points(entry, short_names[entry.option_id], shared, kinds) for entry in points
    )
    every = sum(len(entry.points) for entry in points)
    left_points = every - sum(len(p.points) for p in glance_points) - _shared_count(points, shared)
    left_yours = max(len(yours) - YOURS, 0)
    return Glance(
        crisis_line=crisis,
        history=text.history,
        priorities=priorities,
        priorities_empty=NO_PRIORITIES if rated_any else NOT_RATED,
        own_words=anything_else,
        shared_points=shared,
        rows=tuple(
            GlanceRow(
                id=row.id,
                title=row.title,
                why=_why(row, labels),
                cells=tuple(GlanceCell(c.option_id, c.short, c.refs) for c in row.cells),
            )
            for row in chosen
        ),
        also_compared=(
            f"Also compared in the detail: {', '.join(row.title for row in rest)}." if rest else ""
        ),
        points=glance_points,
        points_more=f"{left_points} more in the detail" if left_points > 0 else "",
        questions=tuple(questions),
        questions_more=f"{left_yours} more in the detail" if left_yours > 0 else "",
        left_out=_left_out(kinds, points, shared, len(rest)),
        discuss=DISCUSS,
        footer=text.footer,
    )


def _place_row(
    space: room.Room, row: RowView, options: int, labels: dict[str, str], *, force: bool = False
) -> bool:
    title = f"{row.title} {_why(row, labels)}"
    cells = [c.short for c in row.cells]
    lines = room.grid_row(title, cells, options)
    words = room.words(title) + sum(room.words(c) + 3 for c in cells)  # a bullet, the name
    if force:
        space.take(lines, words)
        return True
    return space.try_take(lines, words)


def _shared(points: tuple[PointsView, ...]) -> tuple[str, ...]:
    """Points said in the same words about every option: shown once, above the columns."""
    if len(points) < 2:
        return ()
    first, *others = points
    texts = {p.text for other in others for p in other.points}
    return tuple(
        p.text
        for p in first.points
        if p.text in texts and all(p.text in {q.text for q in o.points} for o in others)
    )


def _shared_count(points: tuple[PointsView, ...], shared: tuple[str, ...]) -> int:
    return sum(1 for entry in points for p in entry.points if p.text in shared)


def _shown(entry: PointsView, shared: Sequence[str], kinds: Sequence[str]) -> list[PointView]:
    """The option's points of these kinds, heaviest kind first, then the bank's order."""
    mine = [p for p in entry.points if p.text not in shared and p.kind in kinds]
    return sorted(mine, key=lambda p: CONSIDERATION_KINDS.index(p.kind))


def _has(points: tuple[PointsView, ...], shared: Sequence[str], kind: str) -> bool:
    return any(p.kind == kind and p.text not in shared for e in points for p in e.points)


def _points_lines(
    points: tuple[PointsView, ...], shared: Sequence[str], kinds: Sequence[str], options: int
) -> float:
    """The points row: as tall as its tallest column."""
    columns = [[p.text for p in _shown(e, shared, kinds)] for e in points]
    return max([room.column_of_points(c, options) for c in columns] or [0.0]) + 0.4


def _points_words(
    points: tuple[PointsView, ...], shared: Sequence[str], kinds: Sequence[str]
) -> int:
    return sum(room.words(p.text) for e in points for p in _shown(e, shared, kinds))


def _points(
    entry: PointsView, short_name: str, shared: Sequence[str], kinds: Sequence[str]
) -> GlancePoints:
    """The option's points on the page; an option with none shown says so, in the same words
    for every option (naming the kinds the page shows when some were left out)."""
    shown = _shown(entry, shared, kinds)
    nothing = f"Nothing from your answers to raise for {short_name}."
    if len(kinds) < len(CONSIDERATION_KINDS):  # kinds left out for room: said alike for all
        names = [KIND_WORDS[k] for k in kinds]
        said = ", ".join(names[:-1]) + (" or " if len(names) > 1 else "") + names[-1]
        nothing = f"No {said} from your answers for {short_name}."
    return GlancePoints(
        option_id=entry.option_id,
        option_name=entry.option_name,
        short_name=short_name,
        points=tuple(p.text for p in shown),
        more="",
        nothing=nothing,
    )


def _left_out(
    kinds: Sequence[str], points: tuple[PointsView, ...], shared: Sequence[str], rows: int
) -> str:
    """One sentence for the whole page, only when something was left out to fit it."""
    missing = [
        KIND_WORDS[k] + "s"
        for k in ("practical", "background")
        if k not in kinds and _has(points, shared, k)
    ]
    parts = []
    if missing:
        parts.append(" and ".join(missing))
    if rows:
        parts.append(f"{rows} topic{'s' if rows != 1 else ''}")
    if not parts:
        return ""
    return (
        f"To keep this to one page, {' and '.join(parts)} are left out, the least important "
        "first. Everything is in the detail."
    )


def _priorities(matters_most: tuple[MattersItem, ...]) -> tuple[str, ...]:
    """Every topic rated very or extremely, highest rated first, each once, with how much it
    matters: "Extremely: How soon it may help, Cost."."""
    by_label: dict[str, list[str]] = {}
    seen: set[str] = set()
    for item in matters_most:
        for topic in item.rows or (shorten(item.question),):
            if topic not in seen:
                seen.add(topic)
                by_label.setdefault(item.label, []).append(topic)
    return tuple(
        clean_text(f"{plain_label(label)}: {', '.join(topics)}.")
        for label, topics in by_label.items()
    )


def _crisis_line(safety: SafetyView) -> str:
    """One line with every crisis contact: each resource's name, region and first sentence."""
    contacts = "; ".join(
        f"{r.name} ({r.region}): {_SENTENCE.split(r.contact.strip(), maxsplit=1)[0].rstrip('.')}"
        for r in safety.resources
    )
    start = "Your answers raised a safety concern. " if safety.fired else ""
    return f"{start}If you need help now: {contacts}."


def plain_label(label: str) -> str:
    """ "Extremely (4 of 4)" -> "Extremely": the words alone, for the one-page grid."""
    return re.sub(r"\s*\(\d+(?:\.\d+)? of \d+(?:\.\d+)?\)$", "", label) or label
