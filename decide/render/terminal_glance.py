"""The at-a-glance page in the terminal, with Rich: the first thing a person sees at the end.

The grid is a table (options as columns, in the bank's order, every column the same width and
style) from GRID_MIN columns; below that each topic is a short heading with every option under
it. Built from `rich.text.Text` only, so nothing typed in an answer is read as markup.
"""

from __future__ import annotations

from rich import box
from rich.console import Console, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from decide.render import common
from decide.summary.model import Report

GRID_MIN = 60  # columns from which the options sit side by side
QUIET = "dim"


def glance_pieces(console: Console, report: Report) -> list[RenderableType]:
    """The at-a-glance page as pieces in reading order, for a pager to show a screenful at a
    time (`decide.terminal.pager.show_paged`); printing them in order prints the page."""
    page = report.glance
    out: list[RenderableType] = [Text(report.title, style="bold")]
    out.append(Text(common.short_made_line(report), style=QUIET))
    if report.counselor_copy:
        out.append(Text(common.counselor_line(report), style=QUIET))
    if report.completeness.text:
        out.append(Text(report.completeness.text, style="bold"))
    out.append(Panel(Text(page.crisis_line, style="bold"), box=box.HEAVY, padding=(0, 1)))
    if page.history:
        out.append(Text(page.history))
    out.append(Text.assemble((common.PRIORITIES + ": ", "bold"), common.priorities_line(report)))
    out += [Text(line) for line in common.own_words_lines(report)]
    out.append(Text())
    out.append(Text.assemble((common.GRID, "bold"), f" ({common.GRID_INTRO})"))
    if page.shared_points:
        out.append(Text(common.GLANCE_SHARED + ":", style="bold"))
        out += [Text("- " + point) for point in page.shared_points]
    names = [o.short_name or o.name for o in report.options]
    points_title = common.with_more(common.GLANCE_POINTS, page.points_more)
    if console.width >= GRID_MIN:
        table = Table(box=box.SIMPLE_HEAD, expand=True, show_lines=False, pad_edge=False)
        table.add_column("Topic", ratio=2, style="bold")
        for name in names:
            table.add_column(name, ratio=3)
        for row in page.rows:
            topic = Text(row.title)
            if row.why:
                topic.append(f"\n({row.why})", style="italic not bold")
            table.add_row(topic, *(Text(cell.short) for cell in row.cells))
        table.add_row(
            Text(points_title),
            *(Text("\n".join(f"- {p}" for p in e.points) or e.nothing) for e in page.points),
        )
        out.append(table)
    else:
        for row in page.rows:
            title = Text(row.title, style="bold")
            if row.why:
                title.append(f" ({row.why})", style="italic not bold")
            out += [Text(), title]
            for name, cell in zip(names, row.cells, strict=True):
                out.append(Text.assemble("- ", (name, "bold"), ": ", cell.short))
        out += [Text(), Text(points_title + ":", style="bold")]
        for entry in page.points:
            if not entry.points:
                out.append(Text.assemble("- ", (entry.short_name, "bold"), ": ", entry.nothing))
                continue
            out.append(Text.assemble("- ", (entry.short_name, "bold"), ":"))
            out += [Text("  - " + point) for point in entry.points]
    if page.also_compared:
        out.append(Text(page.also_compared, style=QUIET))
    out.append(Text())
    questions = common.with_more(common.GLANCE_QUESTIONS, page.questions_more)
    out.append(Text(questions + ":", style="bold"))
    out += [Text("- " + question) for question in page.questions]
    out.append(Text())
    if page.left_out:
        out.append(Text(page.left_out, style="italic"))
    out.append(Text(page.discuss, style="bold"))
    out.append(Text(page.footer, style=QUIET))
    return out


def print_glance(console: Console, report: Report) -> None:
    for piece in glance_pieces(console, report):
        console.print(piece)


def print_notes(console: Console, report: Report) -> None:
    """Counselor copy: the notes, right after the at-a-glance page."""
    if not report.counselor_copy:
        return
    console.print()
    console.print(Text(common.NOTES, style="bold underline"))
    if not report.notes:
        console.print(Text(report.notes_empty))
    for note in report.notes:
        console.print(
            Text.assemble("- ", (f"{note.section} ({note.at})", "italic"), ": ", note.text)
        )
