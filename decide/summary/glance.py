"""The at-a-glance page: the one page a person brings to the appointment.

Like an Option Grid: the options as columns in the bank's fixed order, a few rows of short
cells, then the person's points to raise and their questions. It stays personal without
steering: which rows are shown, and in what order, comes only from the person's ratings and
history (`decide.summary.weighing.order_rows`): the first GLANCE_ROWS rows of that order. No
option can change the selection, and every option has a cell in every row shown. The other
rows are named, so nothing looks hidden.

Everything here is bounded (how many priorities, points and questions, how many words each),
so the page fits one printed page and about two terminal screens whatever the answers; the
detail that follows has everything in full.
"""

from __future__ import annotations

import re
from collections import Counter

from decide.core.display_text import clean_text
from decide.summary.model import (
    AskView,
    Glance,
    GlanceCell,
    GlancePoints,
    GlanceRow,
    MattersItem,
    PointsView,
    RowView,
    SafetyView,
)

GLANCE_ROWS = 6  # rows in the grid: what fits one printed page and 60 lines with the rest
PRIORITIES = 5
POINTS_PER_OPTION = 1
QUESTIONS = 3
WORDS = 12  # at most this many words for a point, a question or their own words here
CHARS = 90  # and at most this many characters: a line at 100 columns
# A point to raise is shown as its whole first sentence: cut mid-sentence ("a visit every …") it
# could read as a different fact. Every bundled point's first sentence fits (a test checks it);
# a longer one from another bank is cut at this length, so the page keeps its 600 words.
POINT_WORDS = 16
POINT_CHARS = 110

DISCUSS = "This summary does not recommend a treatment: decide together with your specialist."
NO_PRIORITIES = "You did not rate any topic as very important."
NOT_RATED = "You have not rated the topics yet."

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


def glance_rows(rows: tuple[RowView, ...]) -> tuple[tuple[RowView, ...], tuple[RowView, ...]]:
    """The rows shown in the grid and the rest, from the order the answers give (`rows` is
    already in it). Depends on that order alone: never on an option or a cell."""
    return rows[:GLANCE_ROWS], rows[GLANCE_ROWS:]


def _why(row: RowView, matters: dict[str, str]) -> str:
    if row.raised:
        return "raised by your answers"
    if row.importance is not None and row.importance >= 3 and row.title in matters:
        return f"you said: {matters[row.title]}"
    return ""


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
) -> Glance:
    shown, rest = glance_rows(rows)
    labels = {title: plain_label(item.label) for item in matters_most for title in item.rows}
    priorities = _priorities(matters_most, anything_else)
    yours = [a for a in asks if a.origin == "yours"]
    others = [a for a in asks if a.origin != "yours"]
    picked = (yours + others)[:QUESTIONS]
    left = len(asks) - len(picked)
    glance_points = tuple(_points(entry, short_names[entry.option_id], points) for entry in points)
    # One count for all options, said once: after each option's point it cost every point a
    # second line at 100 columns, and the page its margin under 600 words.
    more = sum(len(entry.points) for entry in points) - sum(len(p.points) for p in glance_points)
    return Glance(
        crisis_line=_crisis_line(safety),
        priorities=priorities,
        priorities_empty=NO_PRIORITIES if rated_any else NOT_RATED,
        rows=tuple(
            GlanceRow(
                id=row.id,
                title=row.title,
                why=_why(row, labels),
                cells=tuple(GlanceCell(c.option_id, c.short, c.refs) for c in row.cells),
            )
            for row in shown
        ),
        also_compared=(
            f"Also compared in the detail: {', '.join(row.title for row in rest)}." if rest else ""
        ),
        points=glance_points,
        points_more=f"{more} more in the detail" if more > 0 else "",
        questions=tuple(shorten(a.text, 16) for a in picked),
        questions_more=f"{left} more in the detail" if left > 0 else "",
        discuss=DISCUSS,
    )


def _priorities(
    matters_most: tuple[MattersItem, ...], anything_else: tuple[str, ...]
) -> tuple[str, ...]:
    """Up to PRIORITIES topics, highest rated first, each once, with how much it matters:
    "Extremely (4 of 4): How soon it may help, Cost"; then what they wrote in their words."""
    by_label: dict[str, list[str]] = {}
    seen: set[str] = set()
    for item in matters_most:
        for topic in item.rows or (shorten(item.question),):
            if topic not in seen and len(seen) < PRIORITIES:
                seen.add(topic)
                by_label.setdefault(item.label, []).append(topic)
    lines = [
        clean_text(f"{plain_label(label)}: {', '.join(topics)}.")
        for label, topics in by_label.items()
    ]
    lines += [f"In your words: “{shorten(text, 10, 70)}”" for text in anything_else[:1]]
    return tuple(lines)


def _points(entry: PointsView, short_name: str, every: tuple[PointsView, ...]) -> GlancePoints:
    """The option's first points, those said about this option alone before those said about
    every option alike (the same rule for each option)."""
    shared = Counter(p.text for other in every for p in other.points)
    ordered = sorted(entry.points, key=lambda p: shared[p.text] > 1)  # stable: bank order
    shown = ordered[:POINTS_PER_OPTION]
    left = len(entry.points) - len(shown)
    return GlancePoints(
        option_id=entry.option_id,
        option_name=entry.option_name,
        short_name=short_name,
        points=tuple(shorten(p.text, POINT_WORDS, POINT_CHARS) for p in shown),
        more=f"{left} more in the detail" if left > 0 else "",
        nothing=entry.nothing,
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
