"""The summary as one self-contained, printable HTML page.

Inline CSS (with print styles), no scripts, no images, no fonts or styles from elsewhere; the
only links are the sources' own addresses (a URL or a DOI). Every piece of text goes through
`html.escape`, so anything typed in an answer or written in a bank shows as typed.

Every option gets the same column width and the same style: nothing in the page can make one
option stand out. Icon arrays are hidden from screen readers (`aria-hidden`) because the text
beside them says the same thing in words.
"""

from __future__ import annotations

import re
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
.warning { font-weight: bold; border-left: 4px solid #111; padding-left: .6em; }
.crisis-line { border: 2px solid #111; padding: .3em .6em; font-weight: bold; }
table.glance { width: 100%; border-collapse: collapse; table-layout: fixed; margin: .4em 0; }
table.glance th, table.glance td { border: 1px solid #777; padding: .25em .4em;
  vertical-align: top; text-align: left; font-size: .9em; }
table.glance thead th { background: #eee; }
table.glance .why { display: block; font-weight: normal; font-style: italic; font-size: .9em; }
.glance ul { margin: .2em 0; padding-left: 1.2em; }
.glance h2 .intro { font-weight: normal; font-size: .96em; }
.glance p { margin: .3em 0; }
.key { font-size: .85em; color: #333; margin: 0; }
ol.sources { padding-left: 2.6em; list-style-position: outside; }
table.topic thead th.topic-title { background: #ddd; font-size: 1.05em; }
.footer { color: #333; font-size: .92em; border-top: 1px solid #999; margin-top: .4em; }
ol.sources li { margin: .15em 0; overflow-wrap: anywhere; }
ul.answers { columns: 2; column-gap: 2em; }
ul.answers li { break-inside: avoid; }
.figure { display: flex; flex-wrap: wrap; gap: .8em; align-items: flex-start; margin: .5em 0; }
.icons { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .75em;
  line-height: 1.15; margin: 0; }
.figure p { margin: 0; }
@media screen and (max-width: 48em) {
  table.comparison, table.comparison thead, table.comparison tbody, table.comparison tr,
  table.comparison th, table.comparison td { display: block; width: auto; }
  table.comparison thead tr + tr { display: none; }
  .opt-name { display: block; }
}
@media print {
  body { font-size: 10pt; line-height: 1.25; padding: 0; max-width: none; }
  @page { margin: 8mm 10mm; }
  h1 { font-size: 1.3em; margin: 0; }
  h2 { font-size: 1.12em; margin-top: .9em; break-after: avoid; }
  h3 { break-after: avoid; }
  .glance { font-size: 10pt; line-height: 1.12; }
  .glance p { margin: .2em 0; }
  .glance h2 { margin: .35em 0 .15em; font-size: 1.05em; }
  .glance .meta, .glance .footer, .glance .note { font-size: 10pt; }
  .glance .crisis-line { padding: .15em .4em; margin: .25em 0; }
  table.glance th, table.glance td { padding: .1em .25em; font-size: 10pt; }
  table.glance .why { font-size: 10pt; }
  .glance ul { margin: .1em 0; padding-left: 1em; }
  .notes, .detail { break-before: page; }
  tr, .figures, .figure, .crisis, .crisis-line, li { break-inside: avoid; }
  table.topic tr.cells, table.topic td { break-inside: auto; }
  .points { columns: 3; column-gap: 1.4em; }
  .option-points { break-inside: avoid-column; }
  .option-points h3 { margin-top: 0; }
  .detail { font-size: 9pt; line-height: 1.25; }
  .detail p { margin: .25em 0; }
  .detail ul { margin: .25em 0; }
  table.comparison th, table.comparison td { padding: .25em .35em; }
  table.topic { margin: .4em 0; }
  .figure { gap: .4em; margin: .3em 0; }
  .icons { font-size: 9pt; line-height: 1.0; }
  .detail .meta, .detail .mark, .detail .context, .detail .sources, .detail .note,
  .detail .key, .detail .sureness, .detail h3, .detail td, .detail th { font-size: 9pt; }
  ul.asks { columns: 2; column-gap: 2em; }
  ol.sources { font-size: 8pt; line-height: 1.25; padding-left: 2.6em; }
  ol.sources li { margin: 0 0 .2em; }
  ul.answers { columns: 2; font-size: 9pt; line-height: 1.2; }
  ul.answers li { margin: 0 0 .15em; }
  .detail h2 { margin-top: .7em; margin-bottom: .3em; }
  .detail .crisis { padding: .2em .6em; margin: .5em 0; }
  a { color: #111; text-decoration: none; }
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


def render_html(report: Report, *, detail: str = "full") -> str:
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(report.bank.language)}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(report.title)}</title>",
        f"<style>{_CSS}</style></head>",
        "<body>",
        _glance(report),
        _notes(report),  # a counselor copy's notes, on a new page, at every detail level
    ]
    if detail == "full":
        parts.append(_detail(report))
    parts += ["</body>", "</html>"]
    return "\n".join(part for part in parts if part) + "\n"


_CONTACT = re.compile(r"\b(988lifeline\.org|988|911)\b")


def linked(text: str) -> str:
    """Escaped `text` with the crisis numbers as `tel:` links and 988lifeline.org as a link."""

    def link(match: re.Match[str]) -> str:
        found = match.group(1)
        href = f"https://{found}" if "." in found else f"tel:{found}"
        return f'<a href="{href}">{found}</a>'

    return _CONTACT.sub(link, e(text))


def _glance(report: Report) -> str:
    """The one printed page: options as columns in the bank's order, short cells."""
    page = report.glance
    names = [o.short_name or o.name for o in report.options]
    share = 85 / max(len(names), 1)
    cols = '<col style="width: 15%">' + f'<col style="width: {share:.2f}%">' * len(names)
    head = '<th scope="col">Topic</th>' + "".join(f'<th scope="col">{e(n)}</th>' for n in names)
    rows = "".join(
        f'<tr><th scope="row">{e(row.title)}'
        + (f'<span class="why">{e(row.why)}</span>' if row.why else "")
        + "</th>"
        + "".join(f"<td>{e(cell.short)}</td>" for cell in row.cells)
        + "</tr>"
        for row in page.rows
    )
    points = "".join(
        "<td>" + (_ul([e(p) for p in entry.points]) or _p(entry.nothing)) + "</td>"
        for entry in page.points
    )
    points_title = common.with_more(common.GLANCE_POINTS, page.points_more)
    rows += f'<tr><th scope="row">{e(points_title)}</th>{points}</tr>'
    questions = _ul([e(q) for q in page.questions])
    shared = ""
    if page.shared_points:
        shared = "".join(
            f"<p><strong>{e(common.GLANCE_SHARED)}:</strong> {e(p)}</p>" for p in page.shared_points
        )
    words = "".join(_p(line) for line in common.own_words_lines(report))
    return (
        f'<section class="glance"><header><h1>{e(report.title)}</h1>'
        f'<p class="meta">{e(common.short_made_line(report))} {e(common.counselor_line(report))}'
        f" <strong>{e(report.completeness.text)}</strong></p></header>"
        f'<p class="crisis-line">{linked(page.crisis_line)}</p>'
        f"{_p(page.history)}"
        f"<p><strong>{e(common.PRIORITIES)}:</strong> {e(common.priorities_line(report))}</p>"
        f'{words}<h2>{e(common.GRID)} <span class="intro">({e(common.GRID_INTRO)})</span></h2>'
        f"{shared}"
        f'<table class="glance"><colgroup>{cols}</colgroup>'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        f"{_p(page.also_compared)}"
        f"<p><strong>{e(common.with_more(common.GLANCE_QUESTIONS, page.questions_more))}:"
        f"</strong></p>{questions}"
        f"<p>{e(page.left_out)} <strong>{e(page.discuss)}</strong></p>"
        f"{_p(page.footer, 'footer')}</section>"
    )


def _detail(report: Report) -> str:
    answers = _ul([f"{e(a.question)}<br><strong>{e(a.label)}</strong>" for a in report.answers])
    parts = (
        f'<section class="detail"><h1>{e(common.DETAIL)}</h1>',
        _p(common.DETAIL_INTRO),
        _p(common.made_line(report), "meta"),
        _p(report.no_recommendation, "plain-statement"),
        _crisis(report),
        _matters(report),
        _comparison(report),
        _points(report),
        _readiness(report),
        f"<section><h2>{e(common.QUESTIONS)}</h2>",
        _ul([e(a.text) for a in report.questions_to_ask]).replace("<ul>", '<ul class="asks">', 1)
        or _p(common.NO_QUESTIONS),
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
        f"<section><h2>{e(common.ANSWERS)}</h2>",
        answers.replace("<ul>", '<ul class="answers">', 1),
        "</section></section>",
    )
    return "\n".join(part for part in parts if part)


def _crisis(report: Report) -> str:
    safety = report.safety
    resources = [
        f"<strong>{linked(common.resource_line(r.name, r.region, r.contact))}</strong> "
        f'<span class="meta">(last checked {e(r.last_checked)})</span>'
        for r in safety.resources
    ]
    return (
        f'<section class="crisis"><h2>{e(common.CRISIS)}</h2>'
        f"{_p(safety.fired_text, 'fired')}<p>{linked(safety.message)}</p>{_ul(resources)}</section>"
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
    return f'<section class="matters"><h2>{e(common.MATTERS)}</h2>{body}{extra}</section>'


def _comparison(report: Report) -> str:
    """One table per topic: its title and the option names in the table's header, which a
    printed page repeats when the topic breaks across pages, so no part is without its label."""
    tables = "".join(_row(report, row) for row in report.rows)
    return (
        f"<section><h2>{e(common.COMPARISON)}</h2>{_p(report.comparison_intro)}"
        f"{_ul([e(line) for line in common.option_lines(report)])}{tables}</section>"
    )


def _row(report: Report, row: RowView) -> str:
    names = common.option_names(report)
    count = max(len(report.options), 1)
    cols = f'<col style="width: {100 / count:.2f}%">' * len(report.options)
    marks = "".join(_p(mark, "mark") for mark in row.marks)
    notes = "".join(_p(f"Note: {note}", "note") for note in row.notes)  # figure_note: by them
    cells = "".join(_cell(names[cell.option_id], cell, row.figure_note) for cell in row.cells)
    head = "".join(f'<th scope="col">{e(o.name)}</th>' for o in report.options)
    extra = f'<tr><td colspan="{count}">{marks}{notes}</td></tr>' if marks or notes else ""
    return (
        f'<table class="comparison topic"><colgroup>{cols}</colgroup><thead>'
        f'<tr><th class="topic-title" colspan="{count}" scope="colgroup">'
        f'<span class="row-title">{e(row.title)}</span></th></tr><tr>{head}</tr></thead>'
        f'<tbody>{extra}<tr class="cells">{cells}</tr></tbody></table>'
    )


def _cell(name: str, cell: CellView, figure_note: str) -> str:
    figures = "".join(_figure(f) for f in cell.figures)
    if figures and figure_note:  # beside every figure set, at every width
        figures += _p(f"Note: {figure_note}", "note")
    sources = _p(common.refs_line(cell.refs), "sources")
    return f'<td><span class="opt-name">{e(name)}</span>{_p(cell.text)}{figures}{sources}</td>'


def _figure(figure: FigureView) -> str:
    """The treatment's icon array, then the comparator's (same size and style), each with its
    key and its words beside it: the arrays are hidden from screen readers, the words are not."""
    words = f"{_p(figure.text)}{_p(figure.context, 'context')}{_p(figure.sureness, 'sureness')}"
    blocks = _icons_with_words(figure.per_100, words, common.icon_key(figure, figure.per_100))
    if figure.comparator:
        key = common.icon_key(figure, figure.comparator.per_100)
        blocks += _icons_with_words(figure.comparator.per_100, _p(figure.comparator.text), key)
    return f'<div class="figures">{blocks}</div>'


def _icons_with_words(per_100: int, words: str, key: str) -> str:
    icons = e("\n".join(common.icon_rows(per_100)))
    return (
        f'<div class="figure"><div><pre class="icons" aria-hidden="true">{icons}</pre>'
        f"{_p(key, 'key')}</div><div>{words}</div></div>"
    )


def _points(report: Report) -> str:
    blocks = []
    for entry in report.points:
        body = _ul([e(p.text) for p in entry.points]) or _p(entry.nothing)
        blocks.append(f"<h3>{e(entry.heading)}</h3>{body}")
    body = "".join(f'<div class="option-points">{b}</div>' for b in blocks)
    return f'<section><h2>{e(common.POINTS)}</h2><div class="points">{body}</div></section>'


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
    """One numbered list: each source once, each address once (as the link's own text)."""
    items = []
    for s in report.sources:
        link = f' <a href="{e(s.link)}">{e(s.link)}</a>' if s.link else ""
        items.append(f'<li value="{s.number}">{e(s.citation)} ({e(s.date)}){link}</li>')
    return (
        f'<section><h2>{e(common.SOURCES)}</h2><ol class="sources">{"".join(items)}</ol></section>'
    )


def _notes(report: Report) -> str:
    """Counselor copy: the notes, right after the at-a-glance page."""
    if not report.counselor_copy:
        return ""
    items = [f"<em>{e(n.section)}</em> ({e(n.at)}): {e(n.text)}" for n in report.notes]
    body = _ul(items) or _p(report.notes_empty)
    return f'<section class="notes"><h2>{e(common.NOTES)}</h2>{body}</section>'
