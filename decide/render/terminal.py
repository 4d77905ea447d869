"""The summary in the terminal, with Rich.

At 100 columns or more the comparison is a table (one column per option, all the same width
and style); below that it is stacked: one row at a time, with every option under it, instead
of squeezed columns. Plain mode (screen readers, pipes, `TERM=dumb`) prints the plain-text
summary: no colour, no box drawing.

Everything is built from `rich.text.Text`, never from markup strings, and the consoles have
markup off, so a `[bold]` typed in an answer is printed as typed.
"""

from __future__ import annotations

from collections.abc import Callable

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from decide.render import common, terminal_glance
from decide.render.terminal_glance import print_glance, print_notes
from decide.summary.model import CellView, FigureView, Report, RowView

WIDE = 100  # columns from which the comparison is a table
ICONS_BESIDE = 60  # columns from which a figure's words sit beside its icon array
HEADING = "bold underline"
MARK = "italic"
QUIET = "dim"


def print_report(console: Console, report: Report, *, plain: bool, detail: str = "full") -> None:
    """Print the summary to `console`: the at-a-glance page, then with "full" the detail."""
    if plain:
        from decide.render.text import render_text

        width = min(console.width, 100)
        console.print(Text(render_text(report, width=width, detail=detail)), soft_wrap=True)
        return
    print_glance(console, report)
    if detail == "full":
        print_detail(console, report, plain=False)


def glance_pieces(console: Console, report: Report, *, plain: bool) -> str | list[RenderableType]:
    """The at-a-glance page as pieces for `decide.terminal.pager.show_paged`: plain text in
    plain mode (linear, at most 100 columns), else Rich renderables in reading order."""
    if plain:
        from decide.render.text import glance_text

        return glance_text(report, width=min(console.width, 100))
    return terminal_glance.glance_pieces(console, report)


def print_detail(console: Console, report: Report, *, plain: bool) -> None:
    """The counselor's notes (counselor copy) and the detail, after the at-a-glance page."""
    for _title, show in detail_topics(console, report, plain=plain):
        show()


def detail_topics(
    console: Console, report: Report, *, plain: bool = False
) -> list[tuple[str, Callable[[], None]]]:
    """The detail, one topic at a time (for paging with `decide.terminal.pager.show_topics`):
    each title, once, with what prints it; every row of the comparison is a topic of its own."""
    if plain:
        from decide.render.text import detail_sections

        width = min(console.width, 100)
        return [
            (title, _plain_printer(console, text))
            for title, text in detail_sections(report, width=width)
        ]
    topics: list[tuple[str, Callable[[], None]]] = []
    if report.counselor_copy:
        topics.append((common.NOTES, lambda: print_notes(console, report)))
    topics += [
        (common.CRISIS, lambda: _crisis(console, report)),
        (common.MATTERS, lambda: _matters(console, report)),
        (common.COMPARISON, lambda: _comparison_intro(console, report)),
    ]
    if console.width >= WIDE:
        topics += [(row.title, _table_printer(console, report, row)) for row in report.rows]
        if any(cell.figures for row in report.rows for cell in row.cells):
            topics.append((PICTURES, lambda: _pictures(console, report)))
    else:
        topics += [(row.title, _stacked_printer(console, report, row)) for row in report.rows]
    topics += [
        (common.POINTS, lambda: _points(console, report)),
        (common.READINESS, lambda: _readiness(console, report)),
        (common.QUESTIONS, lambda: _questions(console, report)),
        (common.SOURCES, lambda: _sources(console, report)),
        (common.ANSWERS, lambda: _answers(console, report)),
    ]
    return topics


def _plain_printer(console: Console, text: str) -> Callable[[], None]:
    return lambda: console.print(Text(text), soft_wrap=True)


def _stacked_printer(console: Console, report: Report, row: RowView) -> Callable[[], None]:
    return lambda: _stacked_row(console, report, row)


def _comparison_intro(console: Console, report: Report) -> None:
    _heading(console, common.COMPARISON)
    console.print(Text(report.comparison_intro))
    _bullets(console, common.option_lines(report))


def _heading(console: Console, text: str) -> None:
    console.print()
    console.print(Text(text, style=HEADING))
    console.print()


def _bullets(console: Console, items: list[str], *, indent: int = 0) -> None:
    for item in items:
        console.print(Padding(Text.assemble("- ", item), (0, 0, 0, indent)))


def _crisis(console: Console, report: Report) -> None:
    """The start of the detail: its heading, the date and bank, then the crisis panel."""
    _heading(console, common.DETAIL)
    console.print(Text(common.made_line(report), style=QUIET))
    console.print(Text(report.no_recommendation, style="bold"))
    safety = report.safety
    body = Text()
    if safety.fired_text:
        body.append(safety.fired_text + "\n\n", style="bold")
    body.append(safety.message)
    for r in safety.resources:
        body.append("\n- ")
        body.append(common.resource_line(r.name, r.region, r.contact), style="bold")
        body.append(f" (last checked {r.last_checked})", style=QUIET)
    console.print()
    console.print(Panel(body, title=Text(common.CRISIS, style="bold"), box=box.HEAVY))


def _matters(console: Console, report: Report) -> None:
    _heading(console, common.MATTERS)
    if not report.matters_most:
        console.print(Text(report.matters_most_empty))
    for item in report.matters_most:
        line = Text.assemble("- ", item.question, " ", (item.label, "bold"), ".")
        if item.rows:
            line.append(f" In the comparison: {', '.join(item.rows)}.", style=QUIET)
        console.print(line)
    if report.anything_else:
        console.print()
        console.print(Text(common.ANYTHING_ELSE))
        _bullets(console, list(report.anything_else))


def _figure_block(figure: FigureView, *, beside: bool = True) -> RenderableType:
    """The icon arrays, each with its text equivalent beside it (below it in a narrow window):
    the treatment's, then the comparator's, the same size and style, a line apart."""
    words = Text()
    words.append(figure.text + "\n", style="bold")
    words.append(figure.context + "\n")
    words.append(figure.sureness + "\n")
    words.append(common.icon_key(figure, figure.per_100), style=QUIET)
    blocks = [_icons_with_words(figure.per_100, words, beside=beside)]
    if figure.comparator:
        other = Text(figure.comparator.text + "\n")
        other.append(common.icon_key(figure, figure.comparator.per_100), style=QUIET)
        blocks += [Text(), _icons_with_words(figure.comparator.per_100, other, beside=beside)]
    return Group(*blocks)


def _icons_with_words(per_100: int, words: Text, *, beside: bool) -> RenderableType:
    words.rstrip()
    icons = Text("\n".join(common.icon_rows(per_100)))
    if not beside:
        return Group(icons, words)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(icons, words)
    return grid


def _cell(cell: CellView, *, with_icons: bool, beside: bool = True) -> RenderableType:
    parts: list[RenderableType] = [Text(cell.text)]
    for figure in cell.figures:
        if with_icons:
            parts.append(_figure_block(figure, beside=beside))
        else:
            parts.append(Text.assemble((figure.text, "bold"), "\n", figure.context))
            parts.append(Text(figure.sureness))
            if figure.comparator:
                parts.append(Text(figure.comparator.text))
    parts.append(Text(common.refs_line(cell.refs), style=QUIET))
    return Group(*parts)


def _topic(row: RowView) -> Text:
    text = Text(row.title, style="bold")
    for mark in row.marks:
        text.append("\n" + mark, style=MARK)
    for note in (row.figure_note, *row.notes):
        if note:
            text.append("\nNote: " + note, style=QUIET)
    return text


PICTURES = "The numbers as pictures (out of 100 people)"


def _table_printer(console: Console, report: Report, row: RowView) -> Callable[[], None]:
    return lambda: _table(console, report, (row,))


def _table(console: Console, report: Report, rows: tuple[RowView, ...]) -> None:
    table = Table(box=box.SQUARE, show_lines=True, expand=True)
    table.add_column("Topic", ratio=2)
    for option in report.options:
        table.add_column(option.name, ratio=3)
    for row in rows:
        table.add_row(_topic(row), *(_cell(cell, with_icons=False) for cell in row.cells))
    console.print(table)


def _pictures(console: Console, report: Report) -> None:
    pictured = [row for row in report.rows if any(cell.figures for cell in row.cells)]
    _heading(console, PICTURES)
    names = common.option_names(report)
    for row in pictured:
        console.print(Text(row.title, style="bold"))
        if row.figure_note:  # beside the pictures too, not only in the table above
            console.print(Text("Note: " + row.figure_note, style="italic"))
        for cell in row.cells:
            for figure in cell.figures:
                console.print(Text(names[cell.option_id], style="bold"))
                console.print(Padding(_figure_block(figure), (0, 0, 1, 2)))


def _stacked_row(console: Console, report: Report, row: RowView) -> None:
    names = common.option_names(report)
    beside = console.width >= ICONS_BESIDE
    console.print()
    console.print(Text(row.title, style=HEADING))
    for mark in row.marks:
        console.print(Text(mark, style=MARK))
    if row.figure_note:
        console.print(Text("Note: " + row.figure_note, style="italic"))
    for cell in row.cells:
        console.print()
        console.print(Text(names[cell.option_id], style="bold"))
        cell_view = _cell(cell, with_icons=True, beside=beside)
        console.print(Padding(cell_view, (0, 0, 0, 2)))
    for note in row.notes:
        console.print()
        console.print(Text("Note: " + note, style=QUIET))


def _points(console: Console, report: Report) -> None:
    _heading(console, common.POINTS)
    for entry in report.points:
        console.print(Text(entry.heading, style="bold"))
        if entry.points:
            _bullets(console, [p.text for p in entry.points])
        else:
            console.print(Text(entry.nothing))
        console.print()


def _readiness(console: Console, report: Report) -> None:
    readiness = report.readiness
    _heading(console, common.READINESS)
    console.print(Text(readiness.summary or common.NO_READINESS))
    for item in readiness.items:
        answer = common.readiness_answer(item.answer)
        console.print(Text.assemble("- ", item.text, " Your answer: ", (answer, "bold"), "."))
        if item.suggestion:
            console.print(Padding(Text(item.suggestion), (0, 0, 0, 2)))
    if readiness.missed:
        console.print()
        console.print(Text(common.MISSED + ":", style="bold"))
        for m in readiness.missed:
            console.print(Text("- " + m.text))
            missed = f"{common.missed_lines(m.given, m.correct)}\n{m.explanation}"
            console.print(Padding(Text(missed), (0, 0, 0, 2)))


def _questions(console: Console, report: Report) -> None:
    _heading(console, common.QUESTIONS)
    if not report.questions_to_ask:
        console.print(Text(common.NO_QUESTIONS))
    _bullets(console, [a.text for a in report.questions_to_ask])
    _heading(console, common.NEXT)
    console.print(Text(report.closing, style="bold"))
    _heading(console, common.OTHER)
    _bullets(console, [f"{o.name}: {o.text}" for o in report.other_options])
    console.print()
    console.print(Text(report.sequencing_note))


def _sources(console: Console, report: Report) -> None:
    _heading(console, common.SOURCES)
    for s in report.sources:
        where = f" {s.link}" if s.link else ""
        console.print(Text(common.source_entry(s.number, s.citation, s.date) + where))
    _heading(console, common.ABOUT)
    for line in common.about_lines(report):
        console.print(Text(line))


def _answers(console: Console, report: Report) -> None:
    _heading(console, common.ANSWERS)
    for given in report.answers:
        console.print(Text("- " + given.question))
        console.print(Padding(Text(given.label, style="bold"), (0, 0, 0, 2)))
