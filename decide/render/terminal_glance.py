"""The at-a-glance page in the terminal, with Rich: the first thing a person sees at the end.

The grid is a table (options as columns, in the bank's order, every column the same width and
style) from GRID_MIN columns; below that each topic is a short heading with every option under
it. Built from `rich.text.Text` only, so nothing typed in an answer is read as markup.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from decide.render import common
from decide.summary.model import Report

GRID_MIN = 60  # columns from which the options sit side by side
QUIET = "dim"


def print_glance(console: Console, report: Report) -> None:
    page = report.glance
    console.print(Text(report.title, style="bold"))
    console.print(Text(common.short_made_line(report), style=QUIET))
    if report.counselor_copy:
        console.print(Text(common.counselor_line(report), style=QUIET))
    if report.completeness.text:
        console.print(Text(report.completeness.text, style="bold"))
    console.print(Panel(Text(page.crisis_line, style="bold"), box=box.HEAVY, padding=(0, 1)))
    console.print(Text.assemble((common.PRIORITIES + ": ", "bold"), common.priorities_line(report)))
    console.print()
    console.print(Text.assemble((common.GRID, "bold"), f" ({common.GRID_INTRO})"))
    names = [o.short_name or o.name for o in report.options]
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
        console.print(table)
    else:
        for row in page.rows:
            console.print()
            title = Text(row.title, style="bold")
            if row.why:
                title.append(f" ({row.why})", style="italic not bold")
            console.print(title)
            for name, cell in zip(names, row.cells, strict=True):
                console.print(Text.assemble("- ", (name, "bold"), ": ", cell.short))
        console.print()
    if page.also_compared:
        console.print(Text(page.also_compared, style=QUIET))
    console.print()
    points = common.with_more(common.GLANCE_POINTS, page.points_more)
    console.print(Text(points + ":", style="bold"))
    for entry in page.points:
        said = common.glance_points(entry.points, "", entry.nothing)
        console.print(Text.assemble("- ", (entry.short_name, "bold"), ": ", said))
    console.print()
    questions = common.with_more(common.GLANCE_QUESTIONS, page.questions_more)
    console.print(Text(questions + ":", style="bold"))
    for question in page.questions:
        console.print(Text("- " + question))
    console.print()
    console.print(Text(page.discuss, style="bold"))


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
