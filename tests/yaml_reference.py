"""The reference for `decide.bank.yamlsource`: decide's earlier loader, kept only for tests.

It composed PyYAML's node tree and then walked it, keeping the parser's marks for every value.
`decide.bank.yamlsource` now builds the same containers straight from the parser's events; the
property tests in test_yaml_events.py check that both give the same values, problems and
locations. Not used by decide itself.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

from decide.bank.text_file import YamlError
from decide.bank.yaml_plain import (
    BOOL,
    FLOAT,
    INT,
    MAP,
    MAX_DEPTH,
    NULL,
    SEQ,
    STR,
    TIMESTAMP,
    TOO_LARGE,
    refused_tag,
    resolve_plain,
    too_deep,
    yaml_problem,
)
from decide.core.answers import finite
from decide.core.errors import Problem
from decide.core.model import Location

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _location(source: str, mark: Any) -> Location:
    return Location(source, mark.line + 1, mark.column + 1)


class Marked:
    """A mixin for the containers below: where the container and each of its items stand.

    Locations are made only when asked for (almost never, in a valid file): the containers
    keep the parser's marks (not the nodes, which can then be freed as soon as they are read).
    """

    source: str
    mark: Any  # where the container starts
    marks: dict[Any, tuple[Any, Any]]  # key or index -> (key mark, value mark)
    problems: list[Problem]  # on the top container: problems found while composing

    @property
    def at(self) -> Location:
        return _location(self.source, self.mark)

    def where(self, key: Any) -> Location:
        """The location of the value under `key` (or of the container when there is none)."""
        pair = self.marks.get(key)
        return _location(self.source, pair[1]) if pair else self.at

    def where_key(self, key: Any) -> Location:
        pair = self.marks.get(key)
        return _location(self.source, pair[0]) if pair else self.at


class MDict(dict[str, Any], Marked):
    """A mapping from YAML, with locations."""


class MList(list[Any], Marked):
    """A sequence from YAML, with locations."""


def compose(text: str, source: str, base: Any = None) -> Any:
    """Parse YAML text into plain values in MDict/MList containers, or raise YamlError.

    Problems that do not stop parsing (a repeated key, a refused tag or alias) are collected in
    `problems`, so that every problem of a file is reported in one run.
    """
    try:
        loader = _LOADERS[base or getattr(yaml, "CSafeLoader", yaml.SafeLoader)]
        node = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as error:
        raise YamlError(yaml_problem(error, text, source)) from None
    except RecursionError:  # only the pure-Python composer recurses; the C one does not
        raise YamlError(Problem(Location(source, 1, 1), too_deep())) from None
    if node is None:
        raise YamlError(Problem(Location(source, 1, 1), "the file holds no YAML document"))
    return _Builder(source, anchors_possible="&" in text).build(node)


class _Resolving:
    """The safe loader with a lean resolver: plain YAML types only, no path resolvers."""

    yaml_implicit_resolvers: dict[Any, list[tuple[str, Any]]]

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is not yaml.ScalarNode:
            return SEQ if kind is yaml.SequenceNode else MAP
        if not implicit[0]:
            return STR  # quoted: always text
        return resolve_plain(value)  # the resolver is not what this reference checks


_LOADERS: dict[Any, Any] = {
    base: type("Reference" + base.__name__, (_Resolving, base), {})
    for base in {yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)}
}


class _Builder:
    def __init__(self, source: str, anchors_possible: bool = True) -> None:
        self.source = source
        # Without an '&' in the text there is no anchor, so no alias: skip tracking scalars.
        self.anchors_possible = anchors_possible
        self.seen: set[int] = set()
        self.problems: list[Problem] = []
        self.refused: list[Problem] = []  # tags, aliases, merge keys: the values mean nothing
        self.constructor = yaml.SafeLoader("")  # only for YAML 1.1 number spellings
        self.depth = 0  # lists and mappings open around the node being built

    def problem(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(_location(self.source, node.start_mark), message))

    def refuse(self, node: yaml.Node, message: str) -> None:
        self.refused.append(Problem(_location(self.source, node.start_mark), message))

    def build(self, node: yaml.Node) -> Any:
        value = self.value(node)
        if self.refused:
            raise YamlError(*sorted(self.refused + self.problems, key=lambda p: p.at))
        if isinstance(value, MDict | MList):
            value.problems = self.problems
        elif self.problems:
            raise YamlError(self.problems[0])
        return value

    def value(self, node: yaml.Node) -> Any:
        kind = type(node)
        if kind is yaml.ScalarNode and not self.anchors_possible:
            return node.value if node.tag == STR else self.scalar(node)
        if id(node) in self.seen:
            self.refuse(
                node,
                "this value is reused with an anchor and alias (& and *), which a bank may not use; write it out each time",
            )
            return None
        self.seen.add(id(node))
        if kind is yaml.ScalarNode:
            return node.value if node.tag == STR else self.scalar(node)
        if self.depth >= MAX_DEPTH:
            self.refuse(node, too_deep())
            return None
        self.depth += 1
        try:
            return self.mapping(node) if kind is yaml.MappingNode else self.sequence(node)
        finally:
            self.depth -= 1

    def scalar(self, node: Any) -> Any:
        tag, raw = node.tag, node.value
        if tag == NULL:
            return None
        if tag == BOOL:
            return raw.lower() in ("yes", "true", "on", "y")
        if tag == TIMESTAMP:
            return raw if _DATE.match(raw) else raw.replace(" ", "T")
        if tag in (INT, FLOAT):
            try:
                number = (
                    self.constructor.construct_yaml_int(node)
                    if tag == INT
                    else self.constructor.construct_yaml_float(node)
                )
            except ValueError:  # more than 4,300 digits
                number = math.inf
            if not finite(number):
                self.refuse(node, TOO_LARGE)
                return raw
            return number
        self.refuse(node, refused_tag(tag))
        return raw  # reported; kept as text so that no second, confusing problem follows

    def sequence(self, node: yaml.Node) -> MList:
        if node.tag != SEQ:
            self.refuse(node, refused_tag(node.tag))
        out = MList()
        out.source, out.mark = self.source, node.start_mark
        marks = out.marks = {}
        value = self.value
        for index, child in enumerate(node.value):
            mark = child.start_mark
            marks[index] = (mark, mark)
            out.append(value(child))
        return out

    def mapping(self, node: yaml.Node) -> MDict:
        if node.tag != MAP:
            self.refuse(node, refused_tag(node.tag))
        out = MDict()
        out.source, out.mark = self.source, node.start_mark
        marks = out.marks = {}
        value = self.value
        for key_node, value_node in node.value:
            key = key_node.value if key_node.tag == STR else self.key(key_node)
            if not isinstance(key, str):
                continue
            if key in marks:
                first = marks[key][0].line + 1
                self.problem(key_node, f"the key '{key}' is repeated (first at line {first})")
                continue
            marks[key] = (key_node.start_mark, value_node.start_mark)
            out[key] = value(value_node)
        return out

    def key(self, node: yaml.Node) -> str | None:
        if node.tag == "tag:yaml.org,2002:merge":
            self.refuse(node, "merge keys (<<) are not allowed")
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag not in (
            INT,
            FLOAT,
            BOOL,
            NULL,
            TIMESTAMP,
        ):
            self.value(node)  # reports refused tags and aliases
            self.problem(node, "a key must be plain text")
            return None
        return str(node.value)  # 0: "Not at all" keeps its key as written
