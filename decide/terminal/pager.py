"""Showing a long page a screenful at a time, so its top never scrolls away unseen.

One mechanism for the at-a-glance page and the detail, in rich and plain mode alike:

- `show_paged(console, pieces, read=..., interactive=...)` prints `pieces` (Rich renderables or
  plain text) a screenful at a time: after each screenful that is not the last it asks
  "Press Enter for more, or type q to stop" through `read`. With `interactive=False` (the run
  has `--no-input`, or the output is not a terminal) it prints everything straight through and
  never waits. In a terminal too short to page (fewer than MIN_HEIGHT lines) it hands the text
  to the console's pager (`less`, or the system pager) instead.
- `show_topics(console, topics, read=..., interactive=...)` shows the detail one topic at a
  time: each topic (title, pieces) starts on a fresh screenful and is paged the same way; after
  each topic but the last it asks "Press Enter for <the next title>, or type q to stop".

Both return True when the person read to the end, False when they stopped with q (or the input
ended). Nothing here decides what is shown: `decide.render.terminal` gives the pieces.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.console import Console, RenderableType
from rich.text import Text

MIN_HEIGHT = 8  # lines: below this a screenful is too short to page through
MORE = "Press Enter for more, or type q to stop: "
NEXT = "Press Enter for {title}, or type q to stop: "
STOP = ("q", "quit", "stop")

# What to show: Rich renderables in order, plain text, or a function that prints to the console.
Pieces = Sequence[RenderableType] | str | Callable[[], None]


def _lines(console: Console, pieces: Pieces) -> list[str]:
    """The pieces as the console would print them, line by line (styles kept)."""
    with console.capture() as captured:
        if callable(pieces):
            pieces()
        elif isinstance(pieces, str):
            console.print(Text(pieces), soft_wrap=True)
        else:
            for piece in pieces:
                console.print(piece)
    text = captured.get()
    return text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")


def _ask(read: Callable[[str], str], prompt: str) -> bool:
    """True to go on; False when they type q or the input ends."""
    try:
        answer = read(prompt)
    except (EOFError, KeyboardInterrupt):
        return False
    return answer.strip().lower() not in STOP


def _write(console: Console, lines: list[str]) -> None:
    for line in lines:
        console.file.write(line + "\n")
    console.file.flush()


def show_paged(
    console: Console,
    pieces: Pieces,
    *,
    read: Callable[[str], str],
    interactive: bool,
    height: int | None = None,
) -> bool:
    """Print `pieces` a screenful at a time (see the module docstring)."""
    lines = _lines(console, pieces)
    # The prompt takes a line, and the Enter typed at it moves the page down one more.
    screen = (height if height is not None else console.height) - 2
    if not interactive or len(lines) <= screen + 1:
        _write(console, lines)
        return True
    if screen + 2 < MIN_HEIGHT:
        with console.pager(styles=True):
            console.print(Text.from_ansi("\n".join(lines)))
        return True
    for start in range(0, len(lines), screen):
        _write(console, lines[start : start + screen])
        if start + screen < len(lines) and not _ask(read, MORE):
            return False
    return True


def show_topics(
    console: Console,
    topics: Sequence[tuple[str, Pieces]],
    *,
    read: Callable[[str], str],
    interactive: bool,
    height: int | None = None,
) -> bool:
    """Show each topic in turn, paged, with a stop between topics (see the module docstring)."""
    for number, (_title, pieces) in enumerate(topics):
        if not show_paged(console, pieces, read=read, interactive=interactive, height=height):
            return False
        if interactive and number + 1 < len(topics):
            following = topics[number + 1][0]
            if not _ask(read, NEXT.format(title=f"the next topic: {following}")):
                return False
    return True
