"""Small, located checks on values from YAML, collecting every problem instead of stopping.

`Checker` is what the bank and answers-file loaders use to read a field: it returns a usable
value (or None) and records a `Problem` at the exact line and column when the value is wrong,
so one run reports everything.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from decide.bank.naming import did_you_mean, type_name
from decide.bank.yamlsource import Marked, MDict, MList
from decide.core.display_text import find_control
from decide.core.errors import Problem
from decide.core.model import Location
from decide.core.neutrality import find_steering

ID = re.compile(r"^[a-z][a-z0-9_]*$")
KEY_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
# Where a problem is: a Location, or (container, key) resolved only when a problem is reported,
# because a valid bank of thousands of questions would otherwise build one for every value
# (and a file read on the quick path is read again to find any: decide.bank.yamlsource).
# (container, None) is the container itself.
At = Location | tuple[Marked, Any]
T = TypeVar("T")
PER_OPTION_SCORE_KEYS = {"score", "scores", "rank", "ranking", "weight", "weights", "match", "fit"}


class Checker:
    def __init__(self, source: str, language: str = "en", requested: str | None = None) -> None:
        self.source = source
        self.language = language  # the bank's own language: every text must have it
        self.requested = requested  # the language to show, when a text has it
        self.problems: list[Problem] = []

    def problem(self, at: At, message: str) -> None:
        if not isinstance(at, Location):
            container, key = at
            at = container.where(key)
        self.problems.append(Problem(at, message))

    # ------------------------------------------------------------------ containers

    def mapping(self, value: Any, at: At, what: str) -> MDict | None:
        if isinstance(value, MDict):
            return value
        self.problem(at, f"{what} must be a mapping of keys to values, not {type_name(value)}")
        return None

    def sequence(self, value: Any, at: At, what: str) -> MList | None:
        if isinstance(value, MList):
            return value
        self.problem(at, f"{what} must be a list, not {type_name(value)}")
        return None

    def keys(self, d: MDict, required: Iterable[str], optional: Iterable[str], what: str) -> None:
        """Report missing required keys and unknown keys (with a did-you-mean)."""
        required, optional = tuple(required), tuple(optional)
        allowed = _ALLOWED.get((required, optional))
        if allowed is None:
            allowed = _ALLOWED[(required, optional)] = set(required) | set(optional)
        if d.keys() <= allowed:  # the common case: nothing unknown
            for key in required:
                if key not in d:
                    self.problem(d.at, f"{what} is missing '{key}'")
            return
        for key in d:
            if key in allowed:
                continue
            if key.lower() in PER_OPTION_SCORE_KEYS:
                self.problem(
                    d.where_key(key),
                    f"{what} cannot have '{key}': a bank has no place for a score, rank or "
                    "weight, because decide never recommends an option",
                )
            else:
                self.problem(
                    d.where_key(key),
                    f"{what} has an unknown key '{key}'{did_you_mean(key, allowed)}",
                )
        for key in required:
            if key not in d:
                self.problem(d.at, f"{what} is missing '{key}'")

    def list_in(self, root: MDict, key: str) -> MList:
        """The list under `key` (empty when absent or not a list, which is reported)."""
        if key not in root:
            return MList()
        items = self.sequence(root[key], (root, key), f"'{key}'")
        return items if items is not None else MList()

    def entries(
        self,
        root: MDict,
        key: str,
        what: str,
        required: Iterable[str],
        optional: Iterable[str],
    ) -> Iterator[tuple[MDict, str]]:
        """Each mapping in the list under `key` with its keys checked, and its `id`.

        `what` names one entry ("an option"); an entry that is not a mapping, or whose id was
        already used, is reported and skipped.
        """
        noun = what.split(" ", 1)[-1]
        items = self.list_in(root, key)
        seen: set[str] = set()
        for index, raw in enumerate(items):
            d = self.mapping(raw, (items, index), what)
            if d is None:
                continue
            self.keys(d, required, optional, what)
            ident = self.ident(d, "id", what)
            if ident in seen:
                self.problem(d.where("id"), f"the {noun} id '{ident}' is used twice")
                continue
            seen.add(ident)
            yield d, ident

    def field_list(self, d: MDict, key: str, what: str, missing: str = "") -> MList | None:
        """The list under `key` of `d`, or None when it is not a list (reported) or absent
        (reported as `missing`, when given)."""
        return self._field(d, key, what, missing, self.sequence)

    def field_mapping(self, d: MDict, key: str, what: str, missing: str = "") -> MDict | None:
        """The mapping under `key` of `d`, or None when it is not a mapping (reported) or absent
        (reported as `missing`, when given)."""
        return self._field(d, key, what, missing, self.mapping)

    def _field(
        self, d: MDict, key: str, what: str, missing: str, read: Callable[[Any, At, str], T]
    ) -> T | None:
        if key not in d:
            if missing:
                self.problem(d.at, missing)
            return None
        return read(d[key], (d, key), f"{what}: '{key}'")

    def mapping_in(self, root: MDict, key: str) -> MDict | None:
        """The mapping under `key`, or None when absent or not a mapping (reported)."""
        if key not in root:
            return None
        return self.mapping(root[key], (root, key), f"'{key}'")

    def items(self, d: MDict, key: str, what: str) -> list[tuple[Any, At]]:
        """Each item of the list under `key`, with where it stands."""
        items = self.field_list(d, key, what)
        return [(item, (items, i)) for i, item in enumerate(items)] if items is not None else []

    # ------------------------------------------------------------------ scalars

    def text(self, d: MDict, key: str, what: str) -> str:
        """A patient-facing text under `key` ("" when the key is absent)."""
        if key not in d:
            return ""
        value = d[key]
        if type(value) is str and value.strip():  # the common case, kept fast
            if find_steering(value) or find_control(value):
                self.lint(value, (d, key), f"{what} '{key}'")
            return value.strip()
        return self.text_value(value, (d, key), f"{what} '{key}'")

    def text_value(self, value: Any, at: At, what: str) -> str:
        """A string, or a mapping from language code to string (resolved to one language)."""
        if isinstance(value, MDict):
            if self.language not in value:
                self.problem(at, f"{what} has no text in the bank's language '{self.language}'")
                return ""
            for lang, item in value.items():
                if not isinstance(item, str) or not item.strip():
                    self.problem(value.where(lang), f"{what} in '{lang}' must be non-empty text")
                else:
                    self.lint(item, value.where(lang), what)
            chosen = value.get(self.requested or self.language, value[self.language])
            return chosen.strip() if isinstance(chosen, str) else ""
        if not isinstance(value, str) or not value.strip():
            self.problem(at, f"{what} must be non-empty text, not {type_name(value)}")
            return ""
        self.lint(value, at, what)
        return value.strip()

    def lint(self, text: str, at: At, what: str) -> None:
        control = find_control(text)
        if control is not None:
            self.problem(
                at,
                f"{what} contains the control character {control!a}, which could drive the "
                "terminal; remove it",
            )
        phrase = find_steering(text)
        if phrase:
            self.problem(
                at,
                f"{what}: '{phrase}' steers toward an option; a decision aid informs and never "
                "recommends, so reword it",
            )

    def string(self, d: MDict, key: str, what: str, pattern: re.Pattern[str] | None = None) -> str:
        """A plain (non-translated) string such as an id, a date or a URL."""
        if key not in d:
            return ""
        value = d[key]
        if type(value) is not str and isinstance(value, int | float) and type(value) is not bool:
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.problem(d.where(key), f"{what} '{key}' must be text, not {type_name(value)}")
            return ""
        if pattern is not None and not pattern.match(value):
            self.problem(d.where(key), f"{what} '{key}' '{value}' {_pattern_hint(pattern)}")
            return ""
        if pattern is None and find_control(value):
            self.lint(value, (d, key), f"{what} '{key}'")
            return ""
        return value.strip()

    def ident(self, d: MDict, key: str, what: str) -> str:
        return self.string(d, key, what, ID)

    def date(self, d: MDict, key: str, what: str) -> str:
        return self.string(d, key, what, DATE)

    def boolean(self, d: MDict, key: str, what: str, default: bool) -> bool:
        if key not in d:
            return default
        value = d[key]
        if not isinstance(value, bool):
            self.problem(
                d.where(key), f"{what} '{key}' must be true or false, not {type_name(value)}"
            )
            return default
        return value

    def number(self, d: MDict, key: str, what: str, *, whole: bool = False) -> float | None:
        if key not in d:
            return None
        value = d[key]
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if not ok or (whole and not float(value).is_integer()):
            kind = "a whole number" if whole else "a number"
            self.problem(d.where(key), f"{what} '{key}' must be {kind}, not {type_name(value)}")
            return None
        return int(value) if whole else float(value)

    def id_list(
        self, d: MDict, key: str, what: str, pattern: re.Pattern[str] = ID
    ) -> list[tuple[str, At]]:
        """A list of ids with the location of each."""
        if key not in d:
            return []
        items = self.sequence(d[key], (d, key), f"{what} '{key}'")
        if items is None:
            return []
        out: list[tuple[str, At]] = []
        for index, item in enumerate(items):
            at: At = (items, index)
            if isinstance(item, str) and pattern.match(item):
                out.append((item, at))
            else:
                self.problem(at, f"{what} '{key}' must list ids, not {type_name(item)}")
        return out


_ALLOWED: dict[tuple[tuple[str, ...], tuple[str, ...]], set[str]] = {}  # never changed


def source_keys(d: MDict) -> tuple[str, ...]:
    """The source keys listed under `sources` (checked separately by the bank loader)."""
    value = d.get("sources")
    return tuple(k for k in value if isinstance(k, str)) if isinstance(value, MList) else ()


def _pattern_hint(pattern: re.Pattern[str]) -> str:
    if pattern is ID:
        return "is not a valid id: use lowercase letters, digits and _ (starting with a letter)"
    if pattern is DATE:
        return "is not a date: write it as YYYY-MM-DD"
    if pattern is KEY_ID:
        return "is not a valid key: use letters, digits, -, _ and ."
    return "is not valid"  # pragma: no cover
