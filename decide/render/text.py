"""The summary as plain text: linear at every width, for screen readers and for print.

No tables, no side-by-side columns, no box drawing and no decorative lines: each topic is a
line with one line (or block) per option under it, "TMS: …", in the bank's order, so a screen
reader reads every option's cell whole before the next. The same layout serves plain mode in
the terminal (pipes, `NO_COLOR`, `TERM=dumb`).
"""

from __future__ import annotations

import itertools
import textwrap

from decide.render import common
from decide.summary.model import FigureView, Report, RowView


class _Lines:
    def __init__(self, width: int) -> None:
        self.width = max(width, 20)
        self.lines: list[str] = []
        self.headings: list[int] = []  # where each heading of the detail starts

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    def para(self, text: str, *, indent: int = 0, bullet: str = "") -> None:
        """Wrap `text`, keeping the person's own line breaks; a bullet hangs."""
        if not text:
            return
        first = " " * indent + bullet
        rest = " " * (indent + len(bullet))
        for number, chunk in enumerate(text.split("\n")):
            self.lines.extend(
                textwrap.wrap(
                    chunk,
                    width=self.width,
                    initial_indent=first if number == 0 else rest,
                    subsequent_indent=rest,
                    break_long_words=True,
                    break_on_hyphens=False,
                )
                or [rest.rstrip()]
            )

    def heading(self, text: str) -> None:
        """A heading: a line of its own with a blank line before and after, no underline."""
        self.blank()
        self.headings.append(len(self.lines))
        self.para(text)
        self.lines.append("")

    def text(self) -> str:
        while self.lines and self.lines[-1] == "":
            self.lines.pop()
        return "\n".join(line.rstrip() for line in self.lines) + "\n"


def render_text(report: Report, *, width: int = 80, detail: str = "full") -> str:
    """The at-a-glance page, then (with `detail="full"`) the counselor's notes and the detail."""
    out = _Lines(width)
    glance(out, report)
    notes(out, report)  # a counselor copy's notes follow the page at every detail level
    if detail == "full":
        details(out, report)
    return out.text()


def glance_text(report: Report, *, width: int = 80) -> str:
    """The at-a-glance page alone."""
    out = _Lines(width)
    glance(out, report)
    return out.text()


def detail_sections(report: Report, *, width: int = 80) -> list[tuple[str, str]]:
    """The counselor's notes and the detail as (heading, text) pieces, to show one at a time:
    one topic each, every one under its own title (each row of the comparison is one)."""
    out = _Lines(width)
    notes(out, report)
    details(out, report)
    lines = [line.rstrip() for line in out.lines]
    starts = [*out.headings, len(lines)]
    sections = []
    for start, end in itertools.pairwise(starts):
        body = "\n".join(lines[start:end]).strip("\n")
        sections.append((lines[start], body + "\n"))
    return sections


def glance(out: _Lines, report: Report) -> None:
    page = report.glance
    out.para(report.title)
    out.para(common.short_made_line(report))
    out.para(common.counselor_line(report))
    out.para(report.completeness.text)
    out.blank()
    out.para(page.crisis_line)
    out.blank()
    out.para(page.history)
    out.blank()
    out.para(f"{common.PRIORITIES}: {common.priorities_line(report)}")
    for line in common.own_words_lines(report):
        out.para(line)
    out.blank()
    out.para(f"{common.GRID} ({common.GRID_INTRO}):")
    if page.shared_points:
        out.blank()
        out.para(f"{common.GLANCE_SHARED}:")
        for point in page.shared_points:
            out.para(point, bullet="- ")
    names = [o.short_name or o.name for o in report.options]
    for row in page.rows:
        out.blank()
        out.para(f"{row.title}{f' ({row.why})' if row.why else ''}")
        for name, cell in zip(names, row.cells, strict=True):
            out.para(f"{name}: {cell.short}", bullet="- ")
    out.blank()
    out.para(page.also_compared)
    out.blank()
    out.para(common.with_more(common.GLANCE_POINTS, page.points_more) + ":")
    for entry in page.points:
        if not entry.points:
            out.para(f"{entry.short_name}: {entry.nothing}", bullet="- ")
            continue
        out.para(f"{entry.short_name}:", bullet="- ")
        for point in entry.points:
            out.para(point, indent=2, bullet="- ")
    out.blank()
    out.para(common.with_more(common.GLANCE_QUESTIONS, page.questions_more) + ":")
    for question in page.questions:
        out.para(question, bullet="- ")
    out.blank()
    out.para(page.left_out)
    out.para(page.discuss)
    out.blank()
    out.para(page.footer)


def notes(out: _Lines, report: Report) -> None:
    """The counselor's notes, right after the at-a-glance page (counselor copy only)."""
    if not report.counselor_copy:
        return
    out.heading(common.NOTES)
    if not report.notes:
        out.para(report.notes_empty)
    for note in report.notes:
        out.para(f"{note.section} ({note.at}): {note.text}", bullet="- ")


def details(out: _Lines, report: Report) -> None:
    out.heading(common.DETAIL)
    out.para(common.DETAIL_INTRO)
    out.blank()
    out.para(report.no_recommendation)

    out.heading(common.CRISIS)
    out.para(report.safety.fired_text)
    out.blank()
    out.para(report.safety.message)
    for r in report.safety.resources:
        out.para(common.resource_line(r.name, r.region, r.contact), bullet="- ")
        out.para(f"(last checked {r.last_checked})", indent=2)

    out.heading(common.MATTERS)
    if not report.matters_most:
        out.para(report.matters_most_empty)
    for item in report.matters_most:
        out.para(f"{item.question} {item.label}.", bullet="- ")
        if item.rows:
            out.para(f"In the comparison: {', '.join(item.rows)}.", indent=2)
    if report.anything_else:
        out.blank()
        out.para(common.ANYTHING_ELSE)
        for text in report.anything_else:
            out.para(text, bullet="- ")

    out.heading(common.COMPARISON)
    out.para(report.comparison_intro)
    out.blank()
    for line in common.option_lines(report):
        out.para(line, bullet="- ")
    for row in report.rows:
        _row(out, report, row)

    out.heading(common.POINTS)
    for entry in report.points:
        out.para(entry.heading + ":")
        if not entry.points:
            out.para(entry.nothing, indent=2)
        for point in entry.points:
            out.para(point.text, bullet="- ")
        out.blank()

    _readiness(out, report)

    out.heading(common.QUESTIONS)
    if not report.questions_to_ask:
        out.para(common.NO_QUESTIONS)
    for ask in report.questions_to_ask:
        out.para(ask.text, bullet="- ")

    out.heading(common.NEXT)
    out.para(report.closing)

    out.heading(common.OTHER)
    for other in report.other_options:
        out.para(f"{other.name}: {other.text}", bullet="- ")
    out.blank()
    out.para(report.sequencing_note)

    out.heading(common.SOURCES)
    for source in report.sources:
        out.para(common.source_entry(source.number, source.citation, source.date))
        if source.link:  # whole, on a line of its own, so it can be copied
            out.lines.append(f"    {source.link}")

    out.heading(common.ABOUT)
    for line in common.about_lines(report):
        out.para(line)

    out.heading(common.ANSWERS)
    for answer in report.answers:
        out.para(answer.question, bullet="- ")
        out.para(answer.label, indent=4)


def _row(out: _Lines, report: Report, row: RowView) -> None:
    names = common.option_names(report)
    out.heading(f"{common.TOPIC}: {row.title}")
    for mark in row.marks:
        out.para(mark)
    for cell in row.cells:
        out.blank()
        out.para(names[cell.option_id] + ":")
        out.para(cell.text, indent=2)
        for figure in cell.figures:
            _figure(out, figure)
        out.para(common.refs_line(cell.refs), indent=2)
    if row.figure_note:
        out.blank()
        out.para(f"Note: {row.figure_note}")
    for note in row.notes:
        out.blank()
        out.para(f"Note: {note}")


def _figure(out: _Lines, figure: FigureView) -> None:
    out.para(common.figure_label(figure), indent=2, bullet="* ")
    if figure.comparator:
        out.para(figure.comparator.text, indent=4)


def _readiness(out: _Lines, report: Report) -> None:
    readiness = report.readiness
    out.heading(common.READINESS)
    out.para(readiness.summary or common.NO_READINESS)
    for item in readiness.items:
        out.para(f"{item.text} Your answer: {common.readiness_answer(item.answer)}.", bullet="- ")
        out.para(item.suggestion, indent=2)
    if readiness.missed:
        out.blank()
        out.para(common.MISSED + ":")
        for missed in readiness.missed:
            out.para(missed.text, bullet="- ")
            out.para(common.missed_lines(missed.given, missed.correct), indent=2)
            out.para(missed.explanation, indent=2)
