"""The summary as one self-contained, printable HTML page.

Inline CSS (with print styles), no scripts, no images, no fonts or styles from elsewhere; the
only links are the sources' own addresses (a URL or a DOI). Every piece of text goes through
`html.escape`, so anything typed in an answer or written in a bank shows as typed.

Every option gets the same column width and the same style: nothing in the page can make one
option stand out. Icon arrays are hidden from screen readers (`aria-hidden`) because the text
beside them says the same thing in words.
"""

from __future__ import annotations

from html import escape

from decide.render import common
from decide.summary.model import CellView, FigureView, Report, RowView

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  line-height: 1.45; color: #111; background: #fff; margin: 0 auto; padding: 1.5em;
  max-width: 68em; font-size: 1.05rem; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { font-size: 1.3em; margin-top: 1.6em; border-bottom: 1px solid #999; }
h3 { font-size: 1.1em; margin-bottom: .3em; }
.meta, .mark, .context, .sources, .note { color: #333; font-size: .92em; }
.mark { font-style: italic; margin: .2em 0; }
p, li { white-space: pre-line; }
.row-title { display: block; font-size: 1.1em; }
.plain-statement { font-weight: bold; }
.crisis { border: 3px solid #111; padding: .6em 1em; margin: 1em 0; }
.crisis .fired { font-weight: bold; }
table.comparison { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.comparison th, table.comparison td { border: 1px solid #777; padding: .5em;
  vertical-align: top; text-align: left; }
table.comparison thead th { background: #eee; }
.opt-name { display: none; font-weight: bold; }
.figure { display: flex; flex-wrap: wrap; gap: .8em; align-items: flex-start; margin: .5em 0; }
.icons { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .75em;
  line-height: 1.15; margin: 0; }
.figure p { margin: 0; }
@media (max-width: 48em) {
  table.comparison, table.comparison thead, table.comparison tbody, table.comparison tr,
  table.comparison th, table.comparison td { display: block; width: auto; }
  table.comparison thead { display: none; }
  .opt-name { display: block; }
}
@media print {
  body { font-size: 10.5pt; padding: 0; max-width: none; }
  @page { margin: 15mm; }
  h2 { break-after: avoid; }
  tr, .figures, .crisis { break-inside: avoid; }
  a { color: #111; }
  a[href]::after { content: " (" attr(href) ")"; font-size: .85em; }
}
"""


def e(text: str) -> str:
    return escape(text, quote=True)


def _p(text: str, cls: str = "") -> str:
    if not text:
        return ""
    attr = f' class="{cls}"' if cls else ""
    return f"<p{attr}>{e(text)}</p>"


def _ul(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>" if items else ""


def render_html(report: Report) -> str:
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(report.bank.language)}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(report.title)}</title>",
        f"<style>{_CSS}</style></head>",
        "<body>",
        f"<header><h1>{e(report.title)}</h1>",
        _p(common.made_line(report), "meta"),
        _p(common.counselor_line(report), "meta"),
        _p(report.no_recommendation, "plain-statement"),
        "</header>",
        _crisis(report),
        _matters(report),
        _comparison(report),
        _points(report),
        _readiness(report),
        f"<section><h2>{e(common.QUESTIONS)}</h2>",
        _ul([e(a.text) for a in report.questions_to_ask]) or _p(common.NO_QUESTIONS),
        "</section>",
        f"<section><h2>{e(common.NEXT)}</h2>{_p(report.closing)}</section>",
        f"<section><h2>{e(common.OTHER)}</h2>",
        _ul([f"<strong>{e(o.name)}</strong>: {e(o.text)}" for o in report.other_options]),
        _p(report.sequencing_note),
        "</section>",
        _sources(report),
        f"<section><h2>{e(common.ABOUT)}</h2>",
        "".join(_p(line) for line in common.about_lines(report)),
        "</section>",
        _notes(report),
        f"<section><h2>{e(common.ANSWERS)}</h2>",
        _ul([f"{e(a.question)}<br><strong>{e(a.label)}</strong>" for a in report.answers]),
        "</section>",
        "</body>",
        "</html>",
    ]
    return "\n".join(part for part in parts if part) + "\n"


def _crisis(report: Report) -> str:
    safety = report.safety
    resources = [
        f"<strong>{e(common.resource_line(r.name, r.region, r.contact))}</strong> "
        f'<span class="meta">(last checked {e(r.last_checked)})</span>'
        for r in safety.resources
    ]
    return (
        f'<section class="crisis"><h2>{e(common.CRISIS)}</h2>'
        f"{_p(safety.fired_text, 'fired')}{_p(safety.message)}{_ul(resources)}</section>"
    )


def _matters(report: Report) -> str:
    items = []
    for item in report.matters_most:
        where = f" In the comparison: {e(', '.join(item.rows))}." if item.rows else ""
        items.append(f"{e(item.question)} <strong>{e(item.label)}</strong>.{where}")
    extra = ""
    if report.anything_else:
        extra = _p(common.ANYTHING_ELSE) + _ul([e(t) for t in report.anything_else])
    body = _ul(items) or _p(report.matters_most_empty)
    return f"<section><h2>{e(common.MATTERS)}</h2>{body}{extra}</section>"


def _comparison(report: Report) -> str:
    share = 80 / max(len(report.options), 1)
    cols = '<col style="width: 20%">' + f'<col style="width: {share:.2f}%">' * len(report.options)
    head = '<th scope="col">Topic</th>' + "".join(
        f'<th scope="col">{e(o.name)}</th>' for o in report.options
    )
    rows = "".join(_row(report, row) for row in report.rows)
    return (
        f"<section><h2>{e(common.COMPARISON)}</h2>{_p(report.comparison_intro)}"
        f"{_ul([e(line) for line in common.option_lines(report)])}"
        f'<table class="comparison"><colgroup>{cols}</colgroup>'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></section>"
    )


def _row(report: Report, row: RowView) -> str:
    names = common.option_names(report)
    marks = "".join(_p(mark, "mark") for mark in row.marks)
    notes = "".join(_p(f"Note: {note}", "note") for note in row.notes)
    cells = "".join(_cell(names[cell.option_id], cell) for cell in row.cells)
    return (
        f'<tr><th scope="row"><span class="row-title">{e(row.title)}</span>'
        f"{marks}{notes}</th>{cells}</tr>"
    )


def _cell(name: str, cell: CellView) -> str:
    figures = "".join(_figure(f, cell.sources) for f in cell.figures)
    sources = _p(common.sources_line(cell.sources), "sources")
    return f'<td><span class="opt-name">{e(name)}</span>{_p(cell.text)}{figures}{sources}</td>'


def _figure(figure: FigureView, cell_sources: tuple[str, ...]) -> str:
    """The treatment's icon array, then the comparator's (same size and style), each with its
    words beside it: the arrays are hidden from screen readers, the words are not."""
    sources = _p(common.figure_sources_line(figure, cell_sources), "sources")
    words = f"{_p(figure.text)}{_p(figure.context, 'context')}"
    words += f"{_p(figure.sureness, 'sureness')}{sources}"
    blocks = _icons_with_words(figure.per_100, words)
    if figure.comparator:
        blocks += _icons_with_words(figure.comparator.per_100, _p(figure.comparator.text))
    return f'<div class="figures">{blocks}</div>'


def _icons_with_words(per_100: int, words: str) -> str:
    icons = e("\n".join(common.icon_rows(per_100)))
    return (
        f'<div class="figure"><pre class="icons" aria-hidden="true">{icons}</pre>'
        f"<div>{words}</div></div>"
    )


def _points(report: Report) -> str:
    blocks = []
    for entry in report.points:
        body = _ul([e(p.text) for p in entry.points]) or _p(entry.nothing)
        blocks.append(f"<h3>{e(entry.heading)}</h3>{body}")
    return f"<section><h2>{e(common.POINTS)}</h2>{''.join(blocks)}</section>"


def _readiness(report: Report) -> str:
    readiness = report.readiness
    items = [
        f"{e(item.text)} Your answer: <strong>{e(common.readiness_answer(item.answer))}</strong>."
        + (f"<br>{e(item.suggestion)}" if item.suggestion else "")
        for item in readiness.items
    ]
    missed = ""
    if readiness.missed:
        missed = f"<h3>{e(common.MISSED)}</h3>" + _ul(
            [
                f"{e(m.text)}<br>{e(common.missed_lines(m.given, m.correct))}<br>{e(m.explanation)}"
                for m in readiness.missed
            ]
        )
    summary = _p(readiness.summary or common.NO_READINESS)
    return f"<section><h2>{e(common.READINESS)}</h2>{summary}{_ul(items)}{missed}</section>"


def _sources(report: Report) -> str:
    items = []
    for s in report.sources:
        link = f' <a href="{e(s.link)}">{e(s.link)}</a>' if s.link else ""
        items.append(f"<strong>{e(s.key)}</strong>: {e(s.citation)} ({e(s.date)}){link}")
    return f"<section><h2>{e(common.SOURCES)}</h2>{_ul(items)}</section>"


def _notes(report: Report) -> str:
    if not report.counselor_copy:
        return ""
    items = [f"<em>{e(n.section)}</em> ({e(n.at)}): {e(n.text)}" for n in report.notes]
    return f"<section><h2>{e(common.NOTES)}</h2>{_ul(items)}</section>"
