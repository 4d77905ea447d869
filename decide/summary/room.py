"""Room on the one printed page: how much a piece of the at-a-glance page takes.

The page is chosen by clinical weight (`decide.summary.glance`); this only says when it is
full, so that the least important pieces are left out first and the page says so. The measure
is the printed page at 10 pt on Letter and A4 (the narrower width and the shorter height of
the two), counted in lines: a full-width line, or a line in one column of the grid. Every
option's column is measured the same way and a row takes the height of its tallest cell, so
no option's place in the bank can change what fits. At most PAGE_WORDS words (read aloud in
under four minutes).
"""

from __future__ import annotations

from dataclasses import dataclass, field

FULL = 104  # characters in a line across the page at 10 pt
TOPIC = 16  # in the grid's topic column
CELL = 28  # in one option's column of the grid, at three options
PAGE_LINES = 58.0  # lines of 10 pt type on the page, less the headings' extra space
PAGE_WORDS = 750


def _lines(text: str, width: int) -> float:
    """Lines `text` takes wrapped at `width` characters (a word never splits)."""
    if not text.strip():
        return 0.0
    count, used = 1, 0
    for word in text.split():
        need = len(word) + (1 if used else 0)
        if used and used + need > width:
            count, used = count + 1, len(word)
        else:
            used += need
    return float(count)


def cell_width(options: int) -> int:
    """Characters in one option's column: the same for every option."""
    return max(12, CELL * 3 // max(options, 1))


def paragraph(text: str) -> float:
    """A paragraph across the page, with a little space after it."""
    return _lines(text, FULL) + 0.3 if text else 0.0


def grid_row(title: str, cells: list[str], options: int) -> float:
    """A row of the grid: as tall as its tallest cell (or its topic), with its padding."""
    width = cell_width(options)
    tallest = max([_lines(c, width) for c in cells] or [1.0])
    return max(_lines(title, TOPIC), tallest) + 0.4


def column_of_points(points: list[str], options: int) -> float:
    """One option's points, each a bullet of its own, in its column."""
    width = cell_width(options) - 3
    return sum(_lines(p, width) + 0.1 for p in points)


def words(text: str) -> int:
    return len(text.split())


@dataclass
class Room:
    """What is left on the page as pieces are placed, in lines and in words."""

    lines: float = PAGE_LINES
    words: int = PAGE_WORDS
    taken: list[tuple[float, int]] = field(default_factory=list)

    def fits(self, lines: float, word_count: int) -> bool:
        return lines <= self.lines and word_count <= self.words

    def take(self, lines: float, word_count: int) -> None:
        """Place a piece that must be on the page, whatever room is left."""
        self.lines -= lines
        self.words -= word_count
        self.taken.append((lines, word_count))

    def try_take(self, lines: float, word_count: int) -> bool:
        """Place a piece if it fits; say whether it did."""
        if not self.fits(lines, word_count):
            return False
        self.take(lines, word_count)
        return True
