"""What a plain YAML value means, and how a problem with one is said.

Shared by the tree builders of `decide.bank.yamlsource` (and the tests' reference loader):
- a plain (unquoted) scalar's type, by YAML 1.1's rules, with a cache, since keys and short
  values repeat thousands of times in a bank;
- a scalar's value for its type, or the sentence that refuses it (a tag outside YAML's plain
  types, a number too large);
- PyYAML's errors and the nesting limit as located problems.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

from decide.core.answers import finite
from decide.core.errors import Problem
from decide.core.model import Location

MAX_DEPTH = 64  # lists and mappings inside each other; a bank needs about 6
TOO_LARGE = (
    "this number is too large for decide, or is not a number (.inf, .nan); write an ordinary number"
)

STANDARD = "tag:yaml.org,2002:"
STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
MERGE = "tag:yaml.org,2002:merge"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"
KEY_TAGS = (INT, FLOAT, BOOL, NULL, TIMESTAMP)  # keys kept as written: 0: "Not at all"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

RESOLVED: dict[str, str] = {}  # a plain scalar's text -> its type, for short texts
_RESOLVERS: dict[Any, list[tuple[str, re.Pattern[str]]]] = yaml.SafeLoader.yaml_implicit_resolvers
_NUMBERS = yaml.constructor.SafeConstructor()  # only for YAML 1.1 number spellings


def resolve_plain(value: str) -> str:
    """The type of a plain (unquoted) scalar, by YAML 1.1's rules: `yes` is true, `1.5` a
    number, `~` nothing, everything else text."""
    tag = RESOLVED.get(value)
    if tag is None:
        tag = STR
        for candidate, regexp in _RESOLVERS.get(value[:1], ()):
            if regexp.match(value):
                tag = str(candidate)
                break
        if len(value) < 40 and len(RESOLVED) < 50_000:
            RESOLVED[value] = tag
    return tag


def plain_scalar(tag: str, raw: str) -> tuple[Any, str | None]:
    """A scalar's value for its (resolved or written) tag, and the sentence refusing it, if
    any; a refused value is kept as its text, so that no second, confusing problem follows."""
    if tag == STR:
        return raw, None
    if tag == NULL:
        return None, None
    if tag == BOOL:
        return raw.lower() in ("yes", "true", "on", "y"), None
    if tag == TIMESTAMP:
        return (raw if _DATE.match(raw) else raw.replace(" ", "T")), None
    if tag in (INT, FLOAT):
        node = yaml.ScalarNode(tag, raw)
        try:
            number = (
                _NUMBERS.construct_yaml_int(node)
                if tag == INT
                else _NUMBERS.construct_yaml_float(node)
            )
        except ValueError:  # more than 4,300 digits
            number = math.inf
        return (number, None) if finite(number) else (raw, TOO_LARGE)
    return raw, refused_tag(tag)


def refused_tag(tag: str) -> str:
    """The problem with a tag outside YAML's plain types, named as it was written."""
    return f"the tag '{_shown(tag)}' is not allowed; use plain YAML values"


def _shown(tag: str) -> str:
    """A tag as it was written (`!!python/object`, not its long form)."""
    return "!!" + tag.removeprefix(STANDARD) if tag.startswith(STANDARD) else tag


def too_deep() -> str:
    return (
        f"lists and mappings are nested more than {MAX_DEPTH} levels deep here; "
        "no bank or answers file needs that many"
    )


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
