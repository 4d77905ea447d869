"""The summary as Markdown, for people who keep notes in Markdown or convert it to print.

Every piece of text is escaped, so a `*`, a `[link](…)` or an HTML tag typed in an answer or
written in a bank shows as typed: Markdown viewers that pass HTML through get nothing to run.
The comparison is stacked (each row a heading with every option under it, in bank order)
because long cells with figures do not fit a Markdown table.
"""

from __future__ import annotations

import re

from decide.render import common
from decide.summary.model import Report, RowView

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~]|&(?=#?[A-Za-z0-9]+;))")
# What would start a heading, a list or a rule at the start of a line. CommonMark escapes only
# punctuation (a backslash before a digit is shown), so `1. x` becomes `1\. x`, not `\1. x`.
_BLOCK_MARK = re.compile(r"^(\s*)([#+=-])")
_LIST_NUMBER = re.compile(r"^(\s*\d+)([.)])")
_NOT_IN_AUTOLINK = re.compile(r"[\s<>]")


def _sublist(lines: list[str], indent: int) -> list[str]:
    """Escaped lines as a nested list: readable as typed in a text editor, no hard breaks."""
    return [f"{' ' * indent}- {md(line, indent + 2)}" for line in lines if line]


def md(text: str, indent: int = 0) -> str:
    """Escape `text` for Markdown; its own line breaks become hard breaks at `indent`."""
    lines = [_line(line) for line in text.split("\n")]
    return ("\\\n" + " " * indent).join(lines)


def _line(line: str) -> str:
    escaped = _SPECIAL.sub(r"\\\1", line)
    return _LIST_NUMBER.sub(r"\1\\\2", _BLOCK_MARK.sub(r"\1\\\2", escaped))


def render_markdown(report: Report, *, detail: str = "full") -> str:
    out = _glance(report) + _notes(report)  # a counselor copy's notes, at every detail level
    if detail == "full":
        out += _detail(report)
    return "\n".join(out) + "\n"


def _glance(report: Report) -> list[str]:
    page = report.glance
    out = [f"# {md(report.title)}", "", md(common.short_made_line(report))]
    if report.counselor_copy:
        out += ["", md(common.counselor_line(report))]
    if report.completeness.text:
        out += ["", f"**{md(report.completeness.text)}**"]
    out += ["", f"**{md(page.crisis_line)}**", ""]
    if page.history:
        out += [md(page.history), ""]
    out += [f"**{md(common.PRIORITIES)}:** {md(common.priorities_line(report))}", ""]
    out += [md(line) + "\n" for line in common.own_words_lines(report)]
    out += [
        f"## {md(common.GRID)}",
        "",
        md(common.GRID_INTRO[:1].upper() + common.GRID_INTRO[1:]) + ".",
        "",
    ]
    if page.shared_points:
        out += [f"**{md(common.GLANCE_SHARED)}:**", ""]
        out += [f"- {md(p, 2)}" for p in page.shared_points] + [""]
    names = [o.short_name or o.name for o in report.options]
    out += ["| Topic | " + " | ".join(md(n) for n in names) + " |"]
    out += ["| --- " * (len(names) + 1) + "|"]
    for row in page.rows:
        why = f" *({md(row.why)})*" if row.why else ""
        cells = " | ".join(md(cell.short) for cell in row.cells)
        out.append(f"| **{md(row.title)}**{why} | {cells} |")
    points = common.with_more(common.GLANCE_POINTS, page.points_more)
    columns = " | ".join(
        "<br>".join(f"• {md(p)}" for p in entry.points) or md(entry.nothing)
        for entry in page.points
    )
    out.append(f"| **{md(points)}** | {columns} |")
    if page.also_compared:
        out += ["", md(page.also_compared)]
    questions = common.with_more(common.GLANCE_QUESTIONS, page.questions_more)
    out += ["", f"**{md(questions)}:**", ""]
    out += [f"- {md(q, 2)}" for q in page.questions]
    if page.left_out:
        out += ["", f"*{md(page.left_out)}*"]
    out += ["", f"**{md(page.discuss)}**", "", md(page.footer)]
    return out


def _notes(report: Report) -> list[str]:
    """Counselor copy: the notes, right after the at-a-glance page."""
    if not report.counselor_copy:
        return []
    notes = [f"- *{md(n.section)}* ({md(n.at)}): {md(n.text, 2)}" for n in report.notes]
    return ["", f"## {common.NOTES}", "", *(notes or [md(report.notes_empty)])]


def _detail(report: Report) -> list[str]:
    out: list[str] = ["", f"# {common.DETAIL}", "", md(common.DETAIL_INTRO)]
    out += ["", md(common.made_line(report)), "", f"**{md(report.no_recommendation)}**"]

    out += ["", f"## {common.CRISIS}", ""]
    if report.safety.fired:
        out += [f"**{md(report.safety.fired_text)}**", ""]
    out += [md(report.safety.message), ""]
    for r in report.safety.resources:
        line = md(common.resource_line(r.name, r.region, r.contact))
        out.append(f"- **{line}** (last checked {md(r.last_checked)})")

    out += ["", f"## {common.MATTERS}", ""]
    if not report.matters_most:
        out.append(md(report.matters_most_empty))
    for item in report.matters_most:
        where = f" In the comparison: {', '.join(item.rows)}." if item.rows else ""
        out.append(f"- {md(item.question, 2)} **{md(item.label)}**.{md(where)}")
    if report.anything_else:
        out += ["", md(common.ANYTHING_ELSE), ""]
        out += [f"- {md(text, 2)}" for text in report.anything_else]

    out += ["", f"## {common.COMPARISON}", "", md(report.comparison_intro), ""]
    out += [f"- {md(line, 2)}" for line in common.option_lines(report)]
    for row in report.rows:
        out += _row(report, row)

    out += ["", f"## {common.POINTS}"]
    for entry in report.points:
        out += ["", f"### {md(entry.heading)}", ""]
        out += [f"- {md(p.text, 2)}" for p in entry.points] or [md(entry.nothing)]

    out += _readiness(report)

    out += ["", f"## {common.QUESTIONS}", ""]
    out += [f"- {md(a.text, 2)}" for a in report.questions_to_ask] or [md(common.NO_QUESTIONS)]

    out += ["", f"## {common.NEXT}", "", md(report.closing)]

    out += ["", f"## {common.OTHER}", ""]
    out += [f"- **{md(o.name)}**: {md(o.text, 2)}" for o in report.other_options]
    out += ["", md(report.sequencing_note)]

    out += ["", f"## {common.SOURCES}", ""]
    for s in report.sources:
        link = ""
        if s.link:  # an autolink shows its address literally; it cannot hold spaces or <>
            link = f" {md(s.link)}" if _NOT_IN_AUTOLINK.search(s.link) else f" <{s.link}>"
        out.append(f"{s.number}. {md(s.citation)} ({md(s.date)}){link}")

    out += ["", f"## {common.ABOUT}", ""]
    out += [f"- {md(line, 2)}" for line in common.about_lines(report)]

    out += ["", f"## {common.ANSWERS}", ""]
    out += [f"- {md(a.question, 2)} **{md(a.label, 2)}**" for a in report.answers]
    return out


def _row(report: Report, row: RowView) -> list[str]:
    names = common.option_names(report)
    out = ["", f"### {md(row.title)}", ""]
    out += [f"*{md(mark)}*" for mark in row.marks] + ([""] if row.marks else [])
    for cell in row.cells:
        sources = common.refs_line(cell.refs)
        out.append(f"- **{md(names[cell.option_id])}**: {md(cell.text, 2)} {md(sources)}".rstrip())
        for f in cell.figures:
            comparator = f.comparator.text if f.comparator else ""
            out += _sublist([common.figure_label(f), comparator], 2)
    if row.figure_note:
        out += ["", f"> Note: {md(row.figure_note, 2)}"]
    for note in row.notes:
        out += ["", f"> Note: {md(note, 2)}"]
    return out


def _readiness(report: Report) -> list[str]:
    readiness = report.readiness
    out = ["", f"## {common.READINESS}", "", md(readiness.summary or common.NO_READINESS), ""]
    for item in readiness.items:
        answer = common.readiness_answer(item.answer)
        out.append(f"- {md(item.text, 2)} Your answer: **{answer}**.")
        if item.suggestion:
            out.append(f"  {md(item.suggestion, 2)}")
    if readiness.missed:
        out += ["", f"### {common.MISSED}", ""]
        for m in readiness.missed:
            out.append(f"- {md(m.text, 2)}")
            out += _sublist([common.missed_lines(m.given, m.correct), m.explanation], 2)
    return out
