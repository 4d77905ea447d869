"""A JSON answers file read without the YAML parser, when that cannot change what it means.

Most answers files are JSON that a script wrote, and JSON is YAML: every file is meant the way
YAML reads it. Loading PyYAML costs more than reading such a file, so a file in the part of
JSON that YAML reads exactly the same way is read with the standard library's JSON decoder
into the same containers (`decide.bank.located`), but without positions. That part is: a
mapping at the top; ASCII only, with no tab, no control character and no backslash escape;
numbers without an exponent and of ordinary size; no key twice; not nested deeper than the
YAML reader allows. Anything else returns None and is read as YAML.

The containers know no line or column: the first time a check asks where a value is (to
report a problem, or a note about an answer not used), `NeedsPositions` is raised, and the
caller reads the file again as YAML, which gives the same values and every position. So a
file read here and one read as YAML can never differ in what decide says about them.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from decide.bank.located import MDict, MList, Positions
from decide.core.model import Location

MAX_DEPTH = 64  # as the YAML reader: lists and mappings inside each other
# What YAML and JSON may read differently: a tab (no separator in PyYAML), a control character
# (refused by YAML's reader), a backslash escape (surrogate pairs, `\/`), and a key whose colon
# is on the next line (YAML's keys are on one line with it).
_UNSAFE = re.compile(r'[\x00-\x09\x0b\x0c\x0e-\x1f\x7f\\]|"[ \r\n]*\n[ \r\n]*:')


class NeedsPositions(Exception):
    """A check asked where a value is: read the file as YAML instead."""


class _NoPositions(Positions):
    """The positions of a file read as JSON: none, asked for only when a check reports."""

    def __init__(self, source: str) -> None:
        super().__init__(source, "")

    def item(self, number: int, slot: int) -> Location:
        raise NeedsPositions


def json_tree(text: str, source: str) -> MDict | None:
    """The file's mapping, read as JSON, when YAML would read it the same way; else None."""
    body = text.removeprefix("\ufeff").strip(" \n\r")
    if not body.startswith("{") or not body.isascii() or _UNSAFE.search(body):
        return None
    if body.count("{") + body.count("[") > MAX_DEPTH:
        return None  # might be nested deeper than YAML allows: let the YAML reader say so
    positions = _NoPositions(source)
    try:
        tree = json.loads(
            body,
            object_pairs_hook=lambda pairs: _mapping(pairs, positions),
            parse_float=_plain_float,
            parse_constant=_refuse,
            parse_int=_plain_int,
        )
    except (ValueError, RecursionError, _NotPlain):
        return None
    if not isinstance(tree, MDict):
        return None  # pragma: no cover - the text starts with '{'
    _lists(tree, positions)
    return tree


class _NotPlain(Exception):
    """A value YAML might read otherwise (a repeated key, an exponent, a huge number)."""


def _mapping(pairs: list[tuple[str, Any]], positions: Positions) -> MDict:
    out = MDict(pairs)
    if len(out) != len(pairs):
        raise _NotPlain  # a key twice: YAML reports it
    out._positions, out._at, out.problems = positions, 0, []
    return out


def _lists(value: Any, positions: Positions) -> Any:
    """JSON's lists as located lists (the decoder has no hook for them)."""
    if isinstance(value, MDict):
        for key, item in value.items():
            if isinstance(item, list | MDict):
                value[key] = _lists(item, positions)
        return value
    if isinstance(value, list):
        out = MList(_lists(item, positions) for item in value)
        out._positions, out._at, out.problems = positions, 0, []
        return out
    return value


def _plain_float(literal: str) -> float:
    if "e" in literal or "E" in literal:
        raise _NotPlain  # YAML 1.1 reads 1e3 as text
    number = float(literal)
    if not math.isfinite(number):
        raise _NotPlain  # too large: YAML's reader refuses it with its position
    return number


def _plain_int(literal: str) -> int:
    if len(literal) > 4000:
        raise _NotPlain  # past Python's digit limit: YAML's reader refuses it
    return int(literal)


def _refuse(literal: str) -> Any:
    raise _NotPlain  # NaN, Infinity: not JSON a script should write, and not YAML's numbers
