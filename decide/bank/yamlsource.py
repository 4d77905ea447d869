"""Reading untrusted YAML (banks, answers files) safely, with a location for every value.

- The tree is built straight from the parser's events (libyaml's when it is there, PyYAML's own
  otherwise): no node tree is made, and no Python object is ever constructed from a tag: any
  tag outside YAML's plain types is a problem.
- Anchors and aliases are refused: no bank needs them, and refusing them rules out alias bombs.
- A repeated mapping key is a problem, not a silent overwrite.
- Each mapping and list remembers where its items stand (`decide.bank.located`), so later
  checks can say `file:line:column` for the exact value they complain about.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from sys import intern
from typing import Any

import yaml

from decide.bank.lean_events import EventKinds, lean_events
from decide.bank.located import Marked, MDict, MList, Positions
from decide.bank.text_file import YamlError
from decide.core.answers import finite
from decide.core.errors import Problem
from decide.core.model import Location

MAX_DEPTH = 64  # lists and mappings inside each other; a bank needs about 6
_TOO_LARGE = (
    "this number is too large for decide, or is not a number (.inf, .nan); write an ordinary number"
)
_REUSED = (
    "this value is reused with an anchor and alias (& and *), which a bank may not use; "
    "write it out each time"
)

LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # its parser gives the events

_STANDARD = "tag:yaml.org,2002:"
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MERGE = "tag:yaml.org,2002:merge"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_KEY_TAGS = (_INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP)  # keys kept as written: 0: "Not at all"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BOM = "\ufeff"

__all__ = ["MAX_DEPTH", "MDict", "MList", "Marked", "compose", "composed_problems"]


def compose(text: str, source: str) -> Any:
    """Parse YAML text into plain values in MDict/MList containers, or raise YamlError.

    Problems that do not stop parsing (a repeated key, a refused tag or alias) are collected in
    `problems`, so that every problem of a file is reported in one run.
    """
    text = text.removeprefix(_BOM)  # libyaml skips it too; offsets count from after it
    loader = None
    with lean_events(LOADER) as kinds:
        try:
            loader = LOADER(text)  # the pure-Python reader checks the characters here
            return _Tree(source, text, kinds).build(loader.get_event)
        except yaml.YAMLError as error:
            raise YamlError(yaml_problem(error, text, source)) from None
        finally:
            if loader is not None:
                loader.dispose()


def yaml_problem(error: yaml.YAMLError, text: str, source: str) -> Problem:
    """PyYAML's error as one located problem: a syntax error at its mark, a character YAML
    does not allow at its place in `text`."""
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        at = Location(source, mark.line + 1, mark.column + 1) if mark else Location(source, 1, 1)
        reason = (error.problem or error.context or "this is not valid YAML").strip()
        return Problem(at, f"YAML syntax error: {reason}")
    if isinstance(error, yaml.reader.ReaderError):
        line = text.count("\n", 0, error.position) + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        return Problem(
            Location(source, line, column),
            f"the character #x{error.character:04x} is not allowed in YAML; remove it",
        )
    return Problem(Location(source, 1, 1), f"YAML error: {error}")  # pragma: no cover


def too_deep() -> str:
    return (
        f"lists and mappings are nested more than {MAX_DEPTH} levels deep here; "
        "no bank or answers file needs that many"
    )


def composed_problems(value: Any) -> list[Problem]:
    """The problems found while composing (stored on the top container)."""
    return list(getattr(value, "problems", []))


_RESOLVED: dict[str, str] = {}
_RESOLVERS: dict[Any, list[tuple[str, re.Pattern[str]]]] = yaml.SafeLoader.yaml_implicit_resolvers


def resolve_plain(value: str) -> str:
    """The type of a plain (unquoted) scalar, by YAML 1.1's rules: `yes` is true, `1.5` a
    number, `~` nothing, everything else text."""
    tag = _RESOLVED.get(value)
    if tag is None:
        tag = _STR
        for candidate, regexp in _RESOLVERS.get(value[:1], ()):
            if regexp.match(value):
                tag = str(candidate)
                break
        if len(value) < 40 and len(_RESOLVED) < 50_000:
            _RESOLVED[value] = tag  # keys and short values repeat thousands of times
    return tag


def refused_tag(tag: str) -> str:
    """The problem with a tag outside YAML's plain types, named as it was written."""
    return f"the tag '{_shown(tag)}' is not allowed; use plain YAML values"


def _shown(tag: str) -> str:
    """A tag as it was written (`!!python/object`, not its long form)."""
    return "!!" + tag.removeprefix(_STANDARD) if tag.startswith(_STANDARD) else tag


_NUMBERS = yaml.constructor.SafeConstructor()  # only for YAML 1.1 number spellings


def _offset(event: Any) -> int:
    return int(event.start_mark.index)


_EXPECT_KEY: Any = object()  # a mapping's state: its next event is a key
_SKIP: Any = object()  # a mapping's state: its next value is not kept (its key was refused)


class _Tree:
    """The containers of one document, built from the parser's events without recursion.

    Every value's and key's place is kept as the parser's offset of its start event.
    """

    def __init__(self, source: str, text: str, kinds: EventKinds) -> None:
        self.kinds = kinds  # the classes of the parser's events (decide.bank.lean_events)
        self.starts = (kinds.mapping_start, kinds.sequence_start)
        self.ends = (kinds.mapping_end, kinds.sequence_end)
        self.positions = Positions(source, text)
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

    def build(self, get: Callable[[], Any]) -> Any:
        get()  # the stream's start
        event = get()
        if type(event) is yaml.StreamEndEvent:
            raise YamlError(
                Problem(Location(self.positions.source, 1, 1), "the file holds no YAML document")
            )
        value = self.document(get)
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
        return value

    def document(self, get: Callable[[], Any]) -> Any:
        scalar_event, alias_event = self.kinds.scalar, yaml.AliasEvent
        mapping_start, sequence_start = self.starts
        ends = self.ends
        positions, offsets = self.positions, self.positions.offsets
        anchors_possible = self.anchors_possible
        resolved, resolve = _RESOLVED.get, resolve_plain
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
                    tag = (resolved(raw) or resolve(raw)) if event.implicit[0] else _STR
                if in_map:
                    if state is _EXPECT_KEY:
                        # one string per distinct key: a 10,000-question bank has 230,000 keys
                        key = intern(raw) if tag == _STR else self.key(tag, raw, at)
                        if key is None or order is not None or key in container:
                            state, order = self.entry(container, places, order, key, at)
                        else:
                            state = key
                        if state is not _SKIP:
                            places.append(at)
                    elif state is _SKIP:
                        state = _EXPECT_KEY
                    else:
                        container[state] = raw if tag == _STR else self.scalar(tag, raw, at)
                        places.append(at)
                        state = _EXPECT_KEY
                    continue
                value = raw if tag == _STR else self.scalar(tag, raw, at)
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
                    places, state, order = [at], _EXPECT_KEY, None
                    continue
            elif kind in ends:
                value = container
                value._positions = positions
                value._at = len(offsets)
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
        plain = _MAP if type(event) is self.kinds.mapping_start else _SEQ
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
        if tag == _MERGE:
            self.refuse(at, "merge keys (<<) are not allowed")
            return None
        if tag not in _KEY_TAGS:
            self.scalar(tag, raw, at)  # reports the refused tag
            self.problem(at, "a key must be plain text")
            return None
        return raw  # 0: "Not at all" keeps its key as written

    def scalar(self, tag: str, raw: str, at: int) -> Any:
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return raw.lower() in ("yes", "true", "on", "y")
        if tag == _TIMESTAMP:
            return raw if _DATE.match(raw) else raw.replace(" ", "T")
        if tag in (_INT, _FLOAT):
            node = yaml.ScalarNode(tag, raw)
            try:
                number = (
                    _NUMBERS.construct_yaml_int(node)
                    if tag == _INT
                    else _NUMBERS.construct_yaml_float(node)
                )
            except ValueError:  # more than 4,300 digits
                number = math.inf
            if not finite(number):
                self.refuse(at, _TOO_LARGE)
                return raw
            return number
        self.refuse(at, refused_tag(tag))
        return raw  # reported; kept as text so that no second, confusing problem follows
