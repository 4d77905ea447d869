"""Reading untrusted YAML (banks, answers files) safely, with a location for every value.

- The tree is built straight from the parser's events (libyaml's when it is there, PyYAML's own
  otherwise): no node tree is made, and no Python object is ever constructed from a tag: any
  tag outside YAML's plain types is a problem.
- Anchors and aliases are refused: no bank needs them, and refusing them rules out alias bombs.
- A repeated mapping key is a problem, not a silent overwrite.
- Each mapping and list remembers where its items stand (`decide.bank.located`), so later
  checks can say `file:line:column` for the exact value they complain about. A plain file is
  read without recording them, and read again for them only if a check reports a problem.
- What a plain value means, and how a problem with one is said: `decide.bank.yaml_plain`.
"""

from __future__ import annotations

from collections.abc import Callable
from sys import intern
from typing import Any

import yaml

from decide.bank.lean_events import EventKinds, lean_events
from decide.bank.located import Marked, MDict, MList, Positions
from decide.bank.plain_read import NotPlain, plain_positions, plain_values
from decide.bank.text_file import YamlError
from decide.bank.yaml_plain import (
    KEY_TAGS,
    MAP,
    MAX_DEPTH,
    MERGE,
    RESOLVED,
    SEQ,
    STR,
    plain_scalar,
    refused_tag,
    resolve_plain,
    too_deep,
    yaml_problem,
)
from decide.core.errors import Problem
from decide.core.model import Location

_REUSED = (
    "this value is reused with an anchor and alias (& and *), which a bank may not use; "
    "write it out each time"
)

LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # its parser gives the events
_BOM = "\ufeff"

__all__ = ["MAX_DEPTH", "MDict", "MList", "Marked", "compose", "composed_problems"]


def compose(text: str, source: str) -> Any:
    """Parse YAML text into plain values in MDict/MList containers, or raise YamlError.

    Problems that do not stop parsing (a repeated key, a refused tag or alias) are collected in
    `problems`, so that every problem of a file is reported in one run.

    A file is first read on the quick path, which records no positions and stops at anything
    unusual (a tag, an anchor or alias, a repeated or non-text key, a refused value, deep
    nesting). Nearly every bank and answers file is plain, and a valid one never asks for a
    location; when a check does ask, the file's events are read again for their positions
    alone, once. A file that is not plain is read once, recording, and every problem is
    collected.
    """
    text = text.removeprefix(_BOM)  # libyaml skips it too; offsets count from after it
    try:
        return _read(text, source, "quick").value
    except NotPlain:
        return _read(text, source, "document").value


def _recorded(text: str, source: str) -> Positions:
    """The positions of a file read on the quick path, without building its values again."""
    return _read(text, source, "positions").positions


def _read(text: str, source: str, how: str) -> _Tree:
    """One reading of the text: `quick` (decide.bank.plain_read), `document` (recording, with
    every check) or `positions` (of a file the quick reading read)."""
    loader = None
    with lean_events(LOADER) as kinds:
        try:
            loader = LOADER(text)  # the pure-Python reader checks the characters here
            tree = _Tree(source, text, kinds, quick=how == "quick")
            positions = tree.positions
            document: Callable[[Callable[[], Any]], Any] = {
                "quick": lambda get: plain_values(get, kinds, positions),
                "positions": lambda get: plain_positions(get, kinds, positions),
                "document": tree.document,
            }[how]
            tree.build(loader.get_event, document)
            return tree
        except yaml.YAMLError as error:
            raise YamlError(yaml_problem(error, text, source)) from None
        finally:
            if loader is not None:
                loader.dispose()


def composed_problems(value: Any) -> list[Problem]:
    """The problems found while composing (stored on the top container)."""
    return list(getattr(value, "problems", []))


def _offset(event: Any) -> int:
    return int(event.start_mark.index)


_EXPECT_KEY: Any = object()  # a mapping's state: its next event is a key
_SKIP: Any = object()  # a mapping's state: its next value is not kept (its key was refused)


class _Tree:
    """The containers of one document, built from the parser's events without recursion.

    Every value's and key's place is kept as the parser's offset of its start event.
    """

    def __init__(self, source: str, text: str, kinds: EventKinds, *, quick: bool) -> None:
        self.kinds = kinds  # the classes of the parser's events (decide.bank.lean_events)
        self.starts = (kinds.mapping_start, kinds.sequence_start)
        self.ends = (kinds.mapping_end, kinds.sequence_end)
        locate = (lambda: _recorded(text, source)) if quick else None
        self.positions = Positions(source, text, locate)
        self.value: Any = None  # the document's value, once read
        # Without an '&' in the text there is no anchor: skip looking for them.
        self.anchors_possible = "&" in text
        self.anchors: dict[str, int] = {}  # anchor -> where its value starts
        self.problems: list[Problem] = []
        self.refused: list[Problem] = []  # tags, aliases, merge keys: the values mean nothing

    def problem(self, offset: int, message: str) -> None:
        self.problems.append(Problem(self.positions.at_offset(offset), message))

    def refuse(self, offset: int, message: str) -> None:
        self.refused.append(Problem(self.positions.at_offset(offset), message))

    def syntax(self, offset: int, reason: str) -> YamlError:
        return YamlError(Problem(self.positions.at_offset(offset), f"YAML syntax error: {reason}"))

    def build(self, get: Callable[[], Any], document: Callable[[Callable[[], Any]], Any]) -> Any:
        """The one document of the stream, read by `document` (quick or recording)."""
        get()  # the stream's start
        event = get()
        if type(event) is yaml.StreamEndEvent:
            raise YamlError(
                Problem(Location(self.positions.source, 1, 1), "the file holds no YAML document")
            )
        value = document(get)
        get()  # the document's end
        event = get()
        if type(event) is not yaml.StreamEndEvent:
            raise self.syntax(_offset(event), "but found another document")
        if self.refused:
            raise YamlError(*sorted(self.refused + self.problems, key=lambda p: p.at))
        if isinstance(value, MDict | MList):
            value.problems = self.problems
        elif self.problems:
            raise YamlError(self.problems[0])
        self.value = value
        return value

    def document(self, get: Callable[[], Any]) -> Any:
        scalar_event, alias_event = self.kinds.scalar, yaml.AliasEvent
        mapping_start, sequence_start = self.starts
        ends = self.ends
        positions, offsets, first = self.positions, self.positions.offsets, self.positions.first
        anchors_possible = self.anchors_possible
        resolved, resolve = RESOLVED.get, resolve_plain
        stack: list[tuple[Any, ...]] = []  # the containers around the innermost open one
        # The innermost open container: its values, positions (its start, then a value's, or
        # a key's and its value's), whether it is a mapping, and for a mapping its state
        # (_EXPECT_KEY, _SKIP or the key whose value comes next) and, once a key is repeated,
        # each key's place in order.
        container: Any = None
        places: list[int] = []
        in_map = False
        state: Any = None
        order: dict[str, int] | None = None
        while True:
            event = get()
            kind = type(event)
            if kind is scalar_event:
                at = event.start_mark.index
                if anchors_possible and event.anchor is not None:
                    self.anchor(event.anchor, at)
                raw = event.value
                tag = event.tag
                if tag is None or tag == "!":
                    tag = (resolved(raw) or resolve(raw)) if event.implicit[0] else STR
                if in_map:
                    if state is _EXPECT_KEY:
                        # one string per distinct key: a 10,000-question bank has 230,000 keys
                        key = intern(raw) if tag == STR else self.key(tag, raw, at)
                        if key is None or order is not None or key in container:
                            state, order = self.entry(container, places, order, key, at)
                        else:
                            state = key
                        if state is not _SKIP:
                            places.append(at)
                    elif state is _SKIP:
                        state = _EXPECT_KEY
                    else:
                        container[state] = raw if tag == STR else self.scalar(tag, raw, at)
                        places.append(at)
                        state = _EXPECT_KEY
                    continue
                value = raw if tag == STR else self.scalar(tag, raw, at)
                if container is None:
                    return value
                container.append(value)
                places.append(at)
                continue
            if kind is mapping_start or kind is sequence_start:
                at = event.start_mark.index
                if anchors_possible and event.anchor is not None:
                    self.anchor(event.anchor, at)
                if in_map and state is _SKIP:  # the value of a refused key
                    self.skip(get)
                    state = _EXPECT_KEY
                    continue
                if len(stack) >= MAX_DEPTH:
                    self.refuse(at, too_deep())
                    self.skip(get)
                    value = None
                else:
                    if event.tag is not None:
                        self.container_tag(event, at)
                    stack.append((container, places, in_map, state, order))
                    in_map = kind is mapping_start
                    container = MDict() if in_map else MList()
                    container._at = len(first)  # its number: containers in order of start
                    first.append(0)
                    places, state, order = [at], _EXPECT_KEY, None
                    continue
            elif kind in ends:
                value = container
                value._positions = positions
                first[value._at] = len(offsets)
                at = places[0]
                offsets.fromlist(places)
                if order is not None:
                    value._order = order
                container, places, in_map, state, order = stack.pop()
            elif kind is alias_event:
                at = self.alias(event.anchor, event.start_mark.index)
                if in_map and state is _SKIP:
                    state = _EXPECT_KEY
                    continue
                self.refuse(at, _REUSED)
                value = None
            else:  # pragma: no cover - a document holds nodes only
                raise self.syntax(event.start_mark.index, f"unexpected {kind.__name__}")
            # A list, a mapping or an alias is read: its place is that of its start.
            if container is None:
                return value
            if not in_map:
                container.append(value)
                places.append(at)
            elif state is _EXPECT_KEY:
                self.problem(at, "a key must be plain text")
                state = _SKIP
            elif state is _SKIP:
                state = _EXPECT_KEY
            else:
                container[state] = value
                places.append(at)
                state = _EXPECT_KEY

    def container_tag(self, event: Any, at: int) -> None:
        """A list or mapping may carry only its plain tag (`!!seq`, `!!map`) or `!`."""
        tag = event.tag
        plain = MAP if type(event) is self.kinds.mapping_start else SEQ
        if tag != "!" and tag != plain:
            self.refuse(at, refused_tag(tag))

    def skip(self, get: Callable[[], Any]) -> None:
        """Read past a list or mapping whose start was just read, keeping nothing of it (its
        anchors and aliases are still checked, as the rest of the file's are)."""
        depth = 1
        starts, ends = self.starts, self.ends
        while depth:
            event = get()
            kind = type(event)
            if kind in ends:
                depth -= 1
            elif kind is yaml.AliasEvent:
                self.alias(event.anchor, _offset(event))
            else:
                if event.anchor is not None:
                    self.anchor(event.anchor, _offset(event))
                if kind in starts:
                    depth += 1

    def anchor(self, name: str, at: int) -> None:
        if name in self.anchors:
            raise self.syntax(at, "second occurrence")
        self.anchors[name] = at

    def alias(self, name: str, at: int) -> int:
        """Where the value an alias names starts (a problem is reported there)."""
        if name not in self.anchors:
            raise self.syntax(at, "found undefined alias")
        return self.anchors[name]

    def entry(
        self, out: MDict, places: list[int], order: dict[str, int] | None, key: str | None, at: int
    ) -> tuple[Any, dict[str, int] | None]:
        """A mapping's state after reading a key (the key, or _SKIP for a refused one), and its
        keys' places in order: kept from the first repeated key on, so that a file of many
        repeats costs no more than one of many keys."""
        if key is None:
            return _SKIP, order
        if key in out:
            if order is None:
                order = {k: i for i, k in enumerate(out)}
            first = self.positions.at_offset(places[1 + 2 * order[key]]).line
            self.problem(at, f"the key '{key}' is repeated (first at line {first})")
            return _SKIP, order
        if order is not None:
            order[key] = len(out)
        return key, order

    def key(self, tag: str, raw: str, at: int) -> str | None:
        if tag == MERGE:
            self.refuse(at, "merge keys (<<) are not allowed")
            return None
        if tag not in KEY_TAGS:
            self.scalar(tag, raw, at)  # reports the refused tag
            self.problem(at, "a key must be plain text")
            return None
        return raw  # 0: "Not at all" keeps its key as written

    def scalar(self, tag: str, raw: str, at: int) -> Any:
        value, refusal = plain_scalar(tag, raw)
        if refusal is not None:
            self.refuse(at, refusal)
        return value
