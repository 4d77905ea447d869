"""Text without the blanks Rich leaves at the ends of wrapped or padded lines.

Rich pads table cells to their width and keeps the space where it wraps a line. In a pipe, a
file or a screen reader those blanks are noise, so what the interview prints goes through
`Trimmed`. (A prompt keeps its `> `: it is printed without this wrapper.)
"""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment


class Trimmed:
    """A renderable without the spaces that tables pad every line with (no trailing blanks)."""

    def __init__(self, inner: RenderableType) -> None:
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in console.render_lines(self.inner, options, pad=False):
            while line and not line[-1].control and not line[-1].text.strip():
                line.pop()
            if line:
                last = line.pop()
                line.append(Segment(last.text.rstrip(), last.style, last.control))
            yield from line
            yield Segment.line()
