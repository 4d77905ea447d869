"""Mappings and lists read from YAML that know where each of their items stands.

A container's positions are a run of one array per file (the parser's character offsets), so a
bank of 10,000 questions keeps no parser object per value; a `Location` (line and column) is
worked out from an offset only when a check reports a problem there.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate
from typing import Any

from decide.core.errors import Problem
from decide.core.model import Location

# A position is the parser's offset of a value in the text (in characters). Reading each
# mark's line and column made the bare parse of a 10,000-question bank about a third slower;
# they are worked out from the offset, with the parser's own line breaks, only for a problem.
_TYPECODE = "I" if array("I").itemsize >= 4 else "L"  # a file is at most 16 MiB


class Positions:
    """Where the containers of one file and their items stand: the file's name, its text, one
    array of offsets into it, and where each container's run of offsets starts.

    Containers are numbered in the order they start in the file. A file read on the quick path
    (`decide.bank.yamlsource`) has no offsets yet: `locate` reads it again, recording them, the
    first time a location is asked for, which only a problem does.
    """

    __slots__ = ("_locate", "_starts", "count", "first", "offsets", "source", "text")
    _starts: list[int]  # where each line starts, once a location is asked for

    def __init__(
        self, source: str, text: str, locate: Callable[[], Positions] | None = None
    ) -> None:
        self.source = source
        self.text = text
        self.offsets = array(_TYPECODE)
        self.first: list[int] = []  # container number -> where its run starts in `offsets`
        self.count = 0  # containers numbered (on the quick path, before any is located)
        self._locate = locate

    def item(self, number: int, slot: int) -> Location:
        """The location of slot `slot` of container `number` (0: the container itself)."""
        if self._locate is not None:
            self._located(self._locate())
        if number >= len(self.first):  # never: both readings number containers alike
            return Location(self.source, 1, 1)
        return self.at_offset(self.offsets[self.first[number] + slot])

    def _located(self, recorded: Positions) -> None:
        self._locate = None
        if len(recorded.first) == self.count:
            self.offsets, self.first = recorded.offsets, recorded.first

    def at_offset(self, offset: int) -> Location:
        """The line and column (from 1) of a character offset, as the parser counts them."""
        try:
            starts = self._starts
        except AttributeError:  # worked out on the first problem only
            # str.splitlines breaks where the parser does (and at \v, \f and \x1c-\x1e,
            # which no parsed text holds: the parser refuses them)
            lengths = map(len, self.text.splitlines(keepends=True))
            starts = self._starts = [0, *accumulate(lengths)]
        line = bisect_right(starts, offset) - 1
        return Location(self.source, line + 1, offset - starts[line] + 1)


class Marked:
    """A mixin for the containers below: where the container and each of its items stand.

    A container's positions are a run of the file's array: its own start first, then one
    position per list item, or a key's and its value's per mapping entry. `_at` is the
    container's number in its file.
    """

    __slots__ = ()
    _positions: Positions
    _at: int
    problems: list[Problem]  # on the top container: problems found while composing

    @property
    def source(self) -> str:
        return self._positions.source

    @property
    def at(self) -> Location:
        return self._positions.item(self._at, 0)

    def _slot(self, key: Any) -> int | None:  # pragma: no cover - each container has its own
        raise NotImplementedError

    def where(self, key: Any) -> Location:
        """The location of the value under `key` (or of the container when there is none)."""
        slot = self._slot(key)
        return self._positions.item(self._at, slot + 1) if slot is not None else self.at

    def where_key(self, key: Any) -> Location:
        slot = self._slot(key)
        return self._positions.item(self._at, slot) if slot is not None else self.at


class MDict(dict[str, Any], Marked):
    """A mapping from YAML, with locations."""

    __slots__ = ("_at", "_order", "_positions", "problems")
    _order: dict[str, int]  # each key's place, once a location is asked for or a key repeats

    def _slot(self, key: Any) -> int | None:
        try:
            order = self._order
        except AttributeError:  # made on the first problem only
            order = self._order = {k: i for i, k in enumerate(self)}
        index = order.get(key)
        return None if index is None else 1 + 2 * index


class MList(list[Any], Marked):
    """A sequence from YAML, with locations."""

    __slots__ = ("_at", "_positions", "problems")

    def _slot(self, key: Any) -> int | None:
        if isinstance(key, int) and 0 <= key < len(self):
            return 1 + key
        return None

    def where(self, key: Any) -> Location:
        slot = self._slot(key)
        return self._positions.item(self._at, slot) if slot is not None else self.at

    where_key = where  # an item's place is its value's
