"""Renderers over the one report model: plain text, Markdown, HTML and JSON (and the terminal).

Each format lives in its own module and is imported only when asked for, so choosing a format
costs nothing for the others. The terminal rendering (Rich) is `decide.render.terminal`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from decide.core.errors import OutputError

if TYPE_CHECKING:
    from decide.summary.model import Report

FORMATS = ("text", "md", "html", "json")


def render(report: Report, fmt: str, *, detail: str = "full", width: int = 80) -> str:
    """The summary in `fmt` (one of FORMATS), ending with a newline: the at-a-glance page, then
    with `detail="full"` the detail. `width` is for plain text only."""
    if fmt == "text":
        from decide.render.text import render_text

        return render_text(report, width=width, detail=detail)
    if fmt == "md":
        from decide.render.markdown import render_markdown

        return render_markdown(report, detail=detail)
    if fmt == "html":
        from decide.render.html import render_html

        return render_html(report, detail=detail)
    if fmt == "json":
        from decide.render.json import render_json

        return render_json(report, detail=detail)
    raise OutputError(
        f"There is no summary format called {fmt!r}: use one of {', '.join(FORMATS)}."
    )
