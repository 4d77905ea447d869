"""Reading the conditions of a bank (`show_if`, `raised_if`, `when`, `concern_if`) and checking
every question and choice they name."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from decide.bank.checker import At, Checker
from decide.bank.naming import did_you_mean, type_name
from decide.bank.yamlsource import MDict, MList
from decide.core.conditions import OPERATORS
from decide.core.model import QUESTION_TYPES, All, Any_, Condition, Not, Test

# Which tests make sense on which question types.
OPERATOR_TYPES: dict[str, tuple[str, ...]] = {
    "is": ("single", "yesno", "scale", "number"),
    "is_not": ("single", "yesno", "scale", "number"),
    "in": ("single", "scale", "number"),
    "includes": ("multi",),
    "at_least": ("scale", "number"),
    "at_most": ("scale", "number"),
    "answered": QUESTION_TYPES,
}
_OPERATORS = frozenset(OPERATORS)


@dataclass
class Skeleton:
    """What conditions need to know about a question before the whole bank is read."""

    id: str
    type: str
    index: int
    choices: tuple[str, ...]
    node: MDict


def read_skeletons(c: Checker, items: MList) -> dict[str, Skeleton]:
    """First pass: ids, types and choice ids, so conditions anywhere can be checked."""
    found: dict[str, Skeleton] = {}
    for index, raw in enumerate(items):
        if not isinstance(raw, MDict):
            continue  # reported by read_question
        qid = raw.get("id")
        kind = raw.get("type")
        if not isinstance(qid, str):
            continue
        if qid in found:
            first = found[qid].node.where("id")
            c.problem(
                raw.where("id"),
                f"the question id '{qid}' is used twice (first at line {first.line})",
            )
            continue
        choices: tuple[str, ...] = ()
        if isinstance(raw.get("choices"), MList):
            choices = tuple(
                ch["id"]
                for ch in raw["choices"]
                if isinstance(ch, MDict) and isinstance(ch.get("id"), str)
            )
        found[qid] = Skeleton(qid, kind if isinstance(kind, str) else "", index, choices, raw)
    return found


class ConditionReader:
    """Turns condition data into `Condition` values, checking every reference."""

    def __init__(self, c: Checker, questions: Mapping[str, Skeleton]) -> None:
        self.c = c
        self.questions = questions

    def read(self, value: Any, at: At, what: str, before: int | None = None) -> Condition | None:
        """`before`: the index of the question this condition belongs to (only earlier ones may be read)."""
        if not isinstance(value, MDict):
            self.c.mapping(value, at, f"{what}: a condition")  # reports what it is instead
            return None
        d = value
        if "all" in d or "any" in d or "not" in d:
            combinators = [k for k in ("all", "any", "not") if k in d]
            if len(d) != 1:
                self.c.problem(d.at, f"{what}: '{combinators[0]}' must stand alone in its mapping")
                return None
            key = combinators[0]
            if key == "not":
                inner = self.read(d["not"], (d, "not"), what, before)
                return Not(inner) if inner is not None else None
            items = d[key]
            if not isinstance(items, MList):
                self.c.sequence(items, (d, key), f"{what}: '{key}'")  # reports what it is instead
                return None
            if not items:
                self.c.problem(d.where(key), f"{what}: '{key}' needs at least one condition")
                return None
            read = self.read
            parts = [read(item, (items, i), what, before) for i, item in enumerate(items)]
            for part in parts:
                if part is None:
                    return None
            kept = tuple(parts)
            return All(kept) if key == "all" else Any_(kept)  # type: ignore[arg-type]
        return self.leaf(d, what, before)

    def leaf(self, d: MDict, what: str, before: int | None) -> Test | None:
        ops: list[str] = []
        unknown: list[str] = []
        for key in d:
            if key in _OPERATORS:
                ops.append(key)
            elif key != "question":
                unknown.append(key)
        for key in unknown:
            hint = did_you_mean(key, (*OPERATORS, "question", "all", "any", "not"))
            self.c.problem(d.where_key(key), f"{what}: unknown test '{key}'{hint}")
        if "question" not in d:
            self.c.problem(d.at, f"{what}: a test needs 'question' (or use all / any / not)")
            return None
        if len(ops) != 1:
            if not unknown:
                self.c.problem(d.at, f"{what}: a test needs exactly one of {', '.join(OPERATORS)}")
            return None
        qid, op = d["question"], ops[0]
        q_at: At = (d, "question")
        if not isinstance(qid, str):
            self.c.problem(q_at, f"{what}: 'question' must be a question id, not {type_name(qid)}")
            return None
        target = self.questions.get(qid)
        if target is None:
            self.c.problem(
                q_at, f"{what}: unknown question '{qid}'{did_you_mean(qid, self.questions)}"
            )
            return None
        if before is not None and target.index >= before:
            where = "itself" if target.index == before else "a later question"
            self.c.problem(
                q_at,
                f"{what}: refers to {where} '{qid}'; a condition may only use questions asked before",
            )
            return None
        value = self.value(d, op, target, what)
        if value is _BAD:
            return None
        return Test(question=qid, op=op, value=value)  # type: ignore[arg-type]

    def value(self, d: MDict, op: str, target: Skeleton, what: str) -> object:
        at: At = (d, op)
        value = d[op]
        if target.type not in OPERATOR_TYPES[op]:
            self.c.problem(
                at, f"{what}: '{op}' does not work on the {target.type} question '{target.id}'"
            )
            return _BAD
        if op == "answered":
            if not isinstance(value, bool):
                self.c.problem(at, f"{what}: 'answered' takes true or false")
                return _BAD
            return value
        if op == "in":
            if not isinstance(value, MList) or not value:
                self.c.problem(at, f"{what}: 'in' takes a list of values")
                return _BAD
            ok = [self.one(item, (value, i), target, what) for i, item in enumerate(value)]
            return _BAD if _BAD in ok else tuple(value)
        return (
            self.one(value, at, target, what)
            if op != "includes"
            else self.choice(value, at, target, what)
        )

    def one(self, value: Any, at: At, target: Skeleton, what: str) -> object:
        if target.type == "single" or target.type == "multi":
            return self.choice(value, at, target, what)
        if target.type == "yesno":
            if isinstance(value, bool):
                return value
            self.c.problem(
                at, f"{what}: '{target.id}' is a yes/no question; compare it with yes or no"
            )
            return _BAD
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
        self.c.problem(at, f"{what}: '{target.id}' takes numbers; {value!r} is not one")
        return _BAD

    def choice(self, value: Any, at: At, target: Skeleton, what: str) -> object:
        if isinstance(value, str) and value in target.choices:
            return value
        shown = value if isinstance(value, str) else repr(value)
        self.c.problem(
            at,
            f"{what}: '{target.id}' has no choice '{shown}'{did_you_mean(str(value), target.choices)}",
        )
        return _BAD


_BAD = object()
