"""Reading untrusted YAML (banks, answers files) safely, with a location for every value.

- Only PyYAML's safe composer runs (the C one when libyaml is there); no Python object is ever
  constructed from a tag: any tag outside YAML's plain types is a problem.
- Anchors and aliases are refused: no bank needs them, and refusing them rules out alias bombs.
- A repeated mapping key is a problem, not a silent overwrite.
- Each mapping and list remembers where its items stand, so later checks can say
  `file:line:column` for the exact value they complain about.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from decide.errors import Problem
from decide.model import Location

MAX_BYTES = 16 * 1024 * 1024  # far above any real bank (10,000 questions is about 3 MiB)

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Marked:
    """A mixin for the containers below: where the container and each of its items stand."""

    at: Location
    item_at: dict[Any, Location]
    key_at: dict[Any, Location]

    def where(self, key: Any) -> Location:
        """The location of the value under `key` (or of the container when there is none)."""
        return self.item_at.get(key, self.at)

    def where_key(self, key: Any) -> Location:
        return self.key_at.get(key, self.where(key))


class MDict(dict[str, Any], Marked):
    """A mapping from YAML, with locations."""


class MList(list[Any], Marked):
    """A sequence from YAML, with locations."""


class YamlError(Exception):
    """The file cannot be read as YAML at all; `problem` says where and why."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read_text(path: Path, what: str) -> str:
    """The text of a file, or YamlError with a sentence for each way reading can fail."""
    start = Location(str(path), 1, 1)
    try:
        if path.is_dir():
            raise YamlError(Problem(start, f"this is a folder, not a {what} file"))
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise YamlError(
                Problem(
                    start,
                    f"the file is {size // (1024 * 1024)} MB; a {what} file is at "
                    f"most {MAX_BYTES // (1024 * 1024)} MB, so this is probably not one",
                )
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise YamlError(Problem(start, f"there is no {what} file here; check the path")) from None
    except PermissionError:
        raise YamlError(
            Problem(start, f"the {what} file cannot be read (permission denied)")
        ) from None
    except OSError as error:
        raise YamlError(
            Problem(start, f"the {what} file cannot be read ({error.strerror})")
        ) from None
    return decode(data, str(path), what)


def decode(data: bytes, source: str, what: str) -> str:
    start = Location(source, 1, 1)
    if b"\x00" in data[:8192]:
        raise YamlError(Problem(start, f"this is a binary file, not a {what} file"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise YamlError(
            Problem(
                Location(source, line, column),
                f"the {what} file is not UTF-8 text; save it as UTF-8",
            )
        ) from None
    if not text.strip():
        raise YamlError(Problem(start, f"the {what} file is empty"))
    return text


def compose(text: str, source: str) -> Any:
    """Parse YAML text into plain values in MDict/MList containers, or raise YamlError.

    Problems that do not stop parsing (a repeated key, a refused tag or alias) are collected in
    `problems`, so that every problem of a file is reported in one run.
    """
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        at = Location(source, mark.line + 1, mark.column + 1) if mark else Location(source, 1, 1)
        reason = (error.problem or error.context or "this is not valid YAML").strip()
        raise YamlError(Problem(at, f"YAML syntax error: {reason}")) from None
    except yaml.YAMLError as error:
        raise YamlError(Problem(Location(source, 1, 1), f"YAML error: {error}")) from None
    if node is None:
        raise YamlError(Problem(Location(source, 1, 1), "the file holds no YAML document"))
    return _Builder(source).build(node)


def composed_problems(value: Any) -> list[Problem]:
    """The problems found while composing (stored on the top container)."""
    return list(getattr(value, "problems", []))


class _Builder:
    def __init__(self, source: str) -> None:
        self.source = source
        self.seen: set[int] = set()
        self.problems: list[Problem] = []
        self.constructor = yaml.SafeLoader("")  # only for YAML 1.1 number spellings

    def at(self, node: yaml.Node) -> Location:
        return Location(self.source, node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: yaml.Node) -> Any:
        value = self.value(node)
        if isinstance(value, MDict | MList):
            value.problems = self.problems  # type: ignore[attr-defined]
        elif self.problems:
            raise YamlError(self.problems[0])
        return value

    def value(self, node: yaml.Node) -> Any:
        if id(node) in self.seen:
            self.problems.append(
                Problem(
                    self.at(node),
                    "anchors and aliases (& and *) are not allowed; write the value out",
                )
            )
            return None
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        self.seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            return self.sequence(node)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node)
        raise YamlError(Problem(self.at(node), "unexpected YAML node"))  # pragma: no cover

    def refuse_tag(self, node: yaml.Node) -> None:
        self.problems.append(
            Problem(self.at(node), f"the tag {node.tag!r} is not allowed; use plain YAML values")
        )

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag, raw = node.tag, node.value
        if tag == _STR:
            return raw
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return raw.lower() in ("yes", "true", "on", "y")
        if tag == _TIMESTAMP:
            return raw if _DATE.match(raw) else raw.replace(" ", "T")
        if tag == _INT:
            return self.constructor.construct_yaml_int(node)
        if tag == _FLOAT:
            return self.constructor.construct_yaml_float(node)
        self.refuse_tag(node)
        return None

    def sequence(self, node: yaml.SequenceNode) -> MList:
        if node.tag != _SEQ:
            self.refuse_tag(node)
        out = MList()
        out.at = self.at(node)
        out.item_at = {}
        out.key_at = {}
        for index, child in enumerate(node.value):
            out.item_at[index] = self.at(child)
            out.append(self.value(child))
        return out

    def mapping(self, node: yaml.MappingNode) -> MDict:
        if node.tag != _MAP:
            self.refuse_tag(node)
        out = MDict()
        out.at = self.at(node)
        out.item_at = {}
        out.key_at = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(Problem(self.at(key_node), "merge keys (<<) are not allowed"))
                continue
            key = self.value(key_node)
            if isinstance(key, bool | int | float) or key is None:
                key = key_node.value if key is not None else "null"
            if not isinstance(key, str):
                self.problems.append(Problem(self.at(key_node), "a key must be plain text"))
                continue
            if key in out:
                first = out.key_at[key]
                self.problems.append(
                    Problem(
                        self.at(key_node),
                        f"the key '{key}' is repeated (first at line {first.line})",
                    )
                )
                continue
            out.key_at[key] = self.at(key_node)
            out.item_at[key] = self.at(value_node)
            out[key] = self.value(value_node)
        return out
