"""Reading and checking the questions of a bank, and the conditions that refer to them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from decide.checker import At, Checker, did_you_mean, type_name
from decide.conditions import OPERATORS
from decide.model import (
    QUESTION_ROLES,
    QUESTION_TYPES,
    All,
    Any_,
    Choice,
    Condition,
    Location,
    Not,
    Question,
    QuestionRole,
    QuestionType,
    Test,
)
from decide.yamlsource import MDict, MList

COMMON_KEYS = ("help", "more_help", "required", "show_if", "facilitator_note")
TYPE_KEYS: dict[str, tuple[str, ...]] = {
    "single": ("choices",),
    "multi": ("choices", "min", "max"),
    "yesno": (),
    "scale": ("min", "max", "labels"),
    "number": ("min", "max", "unit", "integer"),
    "text": ("max_length",),
}
ROLE_KEYS: dict[str, tuple[str, ...]] = {
    "preference": ("weighs",),
    "knowledge": ("correct", "explanation"),
    "readiness": ("if_no", "ask"),
}
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
        d = self.c.mapping(value, at, f"{what}: a condition")
        if d is None:
            return None
        combinators = [k for k in ("all", "any", "not") if k in d]
        if combinators:
            if len(d) != 1:
                self.c.problem(d.at, f"{what}: '{combinators[0]}' must stand alone in its mapping")
                return None
            key = combinators[0]
            if key == "not":
                inner = self.read(d["not"], (d, "not"), what, before)
                return Not(inner) if inner is not None else None
            items = self.c.sequence(d[key], (d, key), f"{what}: '{key}'")
            if items is None:
                return None
            if not items:
                self.c.problem(d.where(key), f"{what}: '{key}' needs at least one condition")
                return None
            parts = [self.read(item, (items, i), what, before) for i, item in enumerate(items)]
            if any(p is None for p in parts):
                return None
            kept = tuple(p for p in parts if p is not None)
            return All(kept) if key == "all" else Any_(kept)
        return self.leaf(d, what, before)

    def leaf(self, d: MDict, what: str, before: int | None) -> Test | None:
        ops = [k for k in d if k in OPERATORS]
        unknown = [k for k in d if k not in OPERATORS and k != "question"]
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


def read_question(
    c: Checker,
    raw: Any,
    at: At,
    index: int,
    sections: Mapping[str, int],
    rows: Mapping[str, Location],
    conditions: ConditionReader,
) -> Question | None:
    d = c.mapping(raw, at, "a question")
    if d is None:
        return None
    qid = c.ident(d, "id", "a question") if "id" in d else ""
    what = f"question '{qid}'" if qid else "a question"
    kind, role = d.get("type"), d.get("role")
    if kind not in QUESTION_TYPES:
        c.problem(
            d.where("type") if "type" in d else d.at,
            f"{what}: 'type' must be one of {', '.join(QUESTION_TYPES)}{did_you_mean(str(kind), QUESTION_TYPES)}",
        )
        return None
    if role not in QUESTION_ROLES:
        c.problem(
            d.where("role") if "role" in d else d.at,
            f"{what}: 'role' must be one of {', '.join(QUESTION_ROLES)}{did_you_mean(str(role), QUESTION_ROLES)}",
        )
        return None
    c.keys(
        d,
        ("id", "section", "type", "role", "text"),
        (*COMMON_KEYS, *TYPE_KEYS[kind], *ROLE_KEYS.get(role, ())),
        what,
    )
    section = c.ident(d, "section", what)
    if section and section not in sections:
        c.problem(
            d.where("section"),
            f"{what}: unknown section '{section}'{did_you_mean(section, sections)}",
        )
    fields: dict[str, Any] = {
        "id": qid,
        "section": section,
        "type": kind,
        "role": role,
        "text": c.text(d, "text", what),
        "help": c.text(d, "help", what),
        "more_help": c.text(d, "more_help", what),
        "facilitator_note": c.text(d, "facilitator_note", what),
        "required": c.boolean(d, "required", what, True),
    }
    if "show_if" in d:
        fields["show_if"] = conditions.read(d["show_if"], (d, "show_if"), f"{what} show_if", index)
    _type_fields(c, d, kind, what, fields)
    _role_fields(c, d, kind, role, what, fields, rows)
    if not qid:
        return None
    return Question(at=d.at, **fields)


def _type_fields(
    c: Checker, d: MDict, kind: QuestionType, what: str, fields: dict[str, Any]
) -> None:
    if kind in ("single", "multi"):
        fields["choices"] = _choices(c, d, kind, what)
    if kind in ("multi", "scale", "number"):
        whole = kind != "number"
        low, high = c.number(d, "min", what, whole=whole), c.number(d, "max", what, whole=whole)
        if kind == "scale" and (low is None or high is None):
            c.problem(d.at, f"{what}: a scale needs 'min' and 'max'")
        if low is not None and high is not None and low >= high:
            c.problem(d.where("max"), f"{what}: 'max' must be more than 'min'")
        if kind == "multi" and high is not None and high > len(fields.get("choices", ())):
            c.problem(d.where("max"), f"{what}: 'max' is more than the number of choices")
        if kind == "scale" and low is not None and high is not None and high - low > 20:
            c.problem(d.where("max"), f"{what}: a scale has at most 21 points")
        fields["min"], fields["max"] = low, high
    if kind == "scale":
        fields["labels"] = _labels(c, d, what, fields["min"], fields["max"])
    if kind == "number":
        fields["unit"] = c.text(d, "unit", what)
        fields["integer"] = c.boolean(d, "integer", what, True)
    if kind == "text":
        length = c.number(d, "max_length", what, whole=True)
        if length is not None and not 1 <= length <= 10_000:
            c.problem(d.where("max_length"), f"{what}: 'max_length' must be from 1 to 10000")
        fields["max_length"] = int(length) if length else 500


def _choices(c: Checker, d: MDict, kind: str, what: str) -> tuple[Choice, ...]:
    items = (
        c.sequence(d.get("choices"), d.where("choices"), f"{what}: 'choices'")
        if "choices" in d
        else None
    )
    if items is None:
        if "choices" not in d:
            c.problem(d.at, f"{what}: a {kind} question needs 'choices'")
        return ()
    if len(items) < 2:
        c.problem(d.where("choices"), f"{what}: give at least two choices")
    out: list[Choice] = []
    seen: set[str] = set()
    for index, raw in enumerate(items):
        ch = c.mapping(raw, items.where(index), f"{what}: a choice")
        if ch is None:
            continue
        c.keys(
            ch,
            ("id", "label"),
            ("feedback", *(("exclusive",) if kind == "multi" else ())),
            f"{what} choice",
        )
        cid = c.ident(ch, "id", f"{what} choice")
        if cid in seen:
            c.problem(ch.where("id"), f"{what}: the choice id '{cid}' is used twice")
        seen.add(cid)
        out.append(
            Choice(
                id=cid,
                label=c.text(ch, "label", f"{what} choice '{cid}'"),
                feedback=c.text(ch, "feedback", f"{what} choice '{cid}'"),
                exclusive=c.boolean(ch, "exclusive", f"{what} choice '{cid}'", False),
            )
        )
    return tuple(out)


def _labels(
    c: Checker, d: MDict, what: str, low: float | None, high: float | None
) -> dict[int, str]:
    raw = (
        c.mapping(d.get("labels"), d.where("labels"), f"{what}: 'labels'")
        if "labels" in d
        else None
    )
    if raw is None:
        if "labels" not in d:
            c.problem(d.at, f"{what}: a scale needs 'labels' for at least both ends")
        return {}
    labels: dict[int, str] = {}
    for key in raw:
        try:
            point = int(key)
        except ValueError:
            c.problem(
                raw.where_key(key), f"{what}: a label key must be a point on the scale, not '{key}'"
            )
            continue
        if low is not None and high is not None and not low <= point <= high:
            c.problem(
                raw.where_key(key),
                f"{what}: the label for {point} is outside {int(low)} to {int(high)}",
            )
        labels[point] = c.text(raw, key, f"{what} label")
    if low is not None and high is not None and not {int(low), int(high)} <= labels.keys():
        c.problem(
            raw.at, f"{what}: 'labels' must name at least both ends ({int(low)} and {int(high)})"
        )
    return labels


def _role_fields(
    c: Checker,
    d: MDict,
    kind: str,
    role: QuestionRole,
    what: str,
    fields: dict[str, Any],
    rows: Mapping[str, Location],
) -> None:
    if role == "preference":
        weighs = c.id_list(d, "weighs", what)
        for row_id, at in weighs:
            if row_id not in rows:
                c.problem(
                    at, f"{what}: 'weighs' names no row '{row_id}'{did_you_mean(row_id, rows)}"
                )
        if kind == "scale" and not weighs:
            c.problem(d.at, f"{what}: a preference scale must name the rows it 'weighs'")
        if kind not in ("scale", "text"):
            c.problem(
                d.where("type"), f"{what}: a preference is a scale (or a text for 'anything else')"
            )
        fields["weighs"] = tuple(row_id for row_id, _ in weighs)
    if role == "knowledge":
        correct = c.ident(d, "correct", what)
        if kind != "single":
            c.problem(d.where("type"), f"{what}: a knowledge check is a single-choice question")
        elif not correct:
            c.problem(d.at, f"{what}: a knowledge check needs 'correct'")
        elif correct not in {ch.id for ch in fields.get("choices", ())}:
            c.problem(d.where("correct"), f"{what}: 'correct' names no choice '{correct}'")
        fields["correct"] = correct or None
        fields["explanation"] = c.text(d, "explanation", what)
        if not fields["explanation"]:
            c.problem(d.at, f"{what}: a knowledge check needs an 'explanation'")
    if role == "readiness":
        if kind != "yesno":
            c.problem(d.where("type"), f"{what}: a readiness item is a yes/no question")
        fields["if_no"] = c.text(d, "if_no", what)
        fields["ask"] = c.text(d, "ask", what)
        if not fields["if_no"]:
            c.problem(d.at, f"{what}: a readiness item needs 'if_no'")
    if role == "my_questions" and kind != "text":
        c.problem(d.where("type"), f"{what}: 'my_questions' is a text question")
