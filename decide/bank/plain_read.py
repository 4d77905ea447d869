"""Reading a plain YAML document fast: its values without positions, or its positions alone.

`decide.bank.yamlsource` reads every file with `plain_values` first. Nearly every bank and
answers file is plain (no tags, anchors, aliases, repeated or non-text keys, refused values or
deep nesting), and checking a valid one never asks where a value is, so recording a position
for every value (about a fifth of a 10,000-question bank's reading) is left out. Anything
unusual raises NotPlain, and the file is read by the recording reader, which reports every
problem with its place. When a check reports a problem in a plain file, `plain_positions`
reads its events again for their positions alone.

Both number the containers in the order they start, as the recording reader does, so that a
container's number finds its run of positions (`decide.bank.located`).
"""

from __future__ import annotations

from collections.abc import Callable
from sys import intern
from typing import Any

from decide.bank.lean_events import EventKinds
from decide.bank.located import MDict, MList, Positions
from decide.bank.yaml_plain import MAX_DEPTH, RESOLVED, STR, plain_scalar, resolve_plain


class NotPlain(Exception):
    """The document holds something only the recording reader reads."""


def plain_values(get: Callable[[], Any], kinds: EventKinds, positions: Positions) -> Any:
    """The document, if it is plain, without positions; else NotPlain.

    It makes the same containers, in the same order, as the recording reader does for a plain
    document, so a container's number finds its positions once they are recorded. A value the
    recording reader would refuse or report, and anything but a plain scalar, list or mapping,
    is left to it: then every problem is reported with its place.
    """
    scalar_event, mapping_start, sequence_start = kinds[:3]
    ends = (kinds.mapping_end, kinds.sequence_end)
    resolved, resolve = RESOLVED.get, resolve_plain
    stack: list[tuple[Any, bool, Any]] = []  # the containers around the innermost open one
    container: Any = None  # the innermost open container, and for a mapping the key read
    in_map = False
    key: Any = None
    number = 0
    while True:
        event = get()
        kind = type(event)
        if kind is scalar_event:
            raw, tag = event.value, event.tag
            if event.anchor is not None or (tag is not None and tag != "!"):
                raise NotPlain
            if in_map and key is None:
                # `<<` is a merge and `=` a value key; both are refused, with their place
                if raw in container or raw == "<<" or raw == "=":
                    raise NotPlain
                key = intern(raw)  # a plain or quoted key is kept as written
                continue
            if event.implicit[0]:  # plain, untagged or tagged `!`: resolved as written
                tag = resolved(raw) or resolve(raw)
                if tag != STR:
                    raw, refusal = plain_scalar(tag, raw)
                    if refusal is not None:
                        raise NotPlain
            value = raw
        elif kind is mapping_start or kind is sequence_start:
            if event.anchor is not None or event.tag is not None or len(stack) >= MAX_DEPTH:
                raise NotPlain
            if in_map and key is None:
                raise NotPlain  # a list or mapping as a key
            stack.append((container, in_map, key))
            in_map = kind is mapping_start
            container = MDict() if in_map else MList()
            container._positions, container._at = positions, number
            number += 1
            key = None
            continue
        elif kind in ends:
            value = container
            container, in_map, key = stack.pop()
        else:  # an alias
            raise NotPlain
        if container is None:
            positions.count = number
            return value
        if in_map:
            container[key] = value
            key = None
        else:
            container.append(value)


def plain_positions(get: Callable[[], Any], kinds: EventKinds, positions: Positions) -> None:
    """The positions of a document the quick path read, without its values: the same
    containers, numbered in the same order, and the same runs of offsets as the recording
    reader records, for a check that reports a problem in it."""
    scalar_event, mapping_start, sequence_start = kinds[:3]
    ends = (kinds.mapping_end, kinds.sequence_end)
    offsets, first = positions.offsets, positions.first
    stack: list[tuple[list[int], int]] = []
    places: list[int] = []  # the open container's positions (at the top: the document's)
    number = -1
    while True:
        event = get()
        kind = type(event)
        if kind is scalar_event:
            places.append(event.start_mark.index)
        elif kind is mapping_start or kind is sequence_start:
            at = event.start_mark.index
            places.append(at)  # its place in the container around it
            stack.append((places, number))
            number = len(first)
            first.append(0)
            places = [at]
        elif kind in ends:
            first[number] = len(offsets)
            offsets.fromlist(places)
            places, number = stack.pop()
        else:  # pragma: no cover - the quick path read this document: it is plain
            raise NotPlain
        if not stack:
            return
