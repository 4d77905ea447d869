"""Reading and checking the questions of a bank."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from decide.bank.checker import At, Checker
from decide.bank.conditions import ConditionReader
from decide.bank.naming import did_you_mean
from decide.bank.yamlsource import MDict, MList
from decide.core.model import (
    QUESTION_ROLES,
    QUESTION_TYPES,
    Choice,
    Question,
    QuestionRole,
    QuestionType,
)

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
_OPTIONAL: dict[tuple[str, str], tuple[str, ...]] = {}  # by type and role, made once


def read_question(
    c: Checker,
    raw: Any,
    at: At,
    index: int,
    sections: Mapping[str, int],
    rows: Collection[str],
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
    optional = _OPTIONAL.get((kind, role))
    if optional is None:
        optional = _OPTIONAL[(kind, role)] = (
            *COMMON_KEYS,
            *TYPE_KEYS[kind],
            *ROLE_KEYS.get(role, ()),
        )
    c.keys(d, ("id", "section", "type", "role", "text"), optional, what)
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
    return Question(**fields)


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
    items = c.field_list(d, "choices", what, f"{what}: a {kind} question needs 'choices'")
    if items is None:
        return ()
    if len(items) < 2:
        c.problem(d.where("choices"), f"{what}: give at least two choices")
    out: list[Choice] = []
    seen: set[str] = set()
    optional = ("feedback", "exclusive") if kind == "multi" else ("feedback",)
    a_choice = f"{what} choice"
    for index, raw in enumerate(items):
        if not isinstance(raw, MDict):
            c.mapping(raw, (items, index), f"{what}: a choice")  # reports what it is instead
            continue
        ch = raw
        c.keys(ch, ("id", "label"), optional, a_choice)
        cid = c.ident(ch, "id", a_choice)
        if cid in seen:
            c.problem(ch.where("id"), f"{what}: the choice id '{cid}' is used twice")
        seen.add(cid)
        this = f"{what} choice '{cid}'"
        out.append(
            Choice(
                id=cid,
                label=c.text(ch, "label", this),
                feedback=c.text(ch, "feedback", this),
                exclusive=c.boolean(ch, "exclusive", this, False),
            )
        )
    return tuple(out)


def _labels(
    c: Checker, d: MDict, what: str, low: float | None, high: float | None
) -> dict[int, str]:
    raw = c.field_mapping(
        d, "labels", what, f"{what}: a scale needs 'labels' for at least both ends"
    )
    if raw is None:
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
    rows: Collection[str],
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


def read_questions(
    c: Checker,
    items: MList,
    sections: dict[str, int],
    rows: Collection[str],
    conditions: ConditionReader,
) -> list[Question]:
    out: list[Question] = []
    last_section = -1
    for index, raw in enumerate(items):
        question = read_question(c, raw, (items, index), index, sections, rows, conditions)
        if question is None:
            continue
        position = sections.get(question.section, last_section)
        if position < last_section:
            c.problem(
                items.where(index),
                f"question '{question.id}': its section '{question.section}' comes earlier; "
                "keep the questions in the order of 'sections'",
            )
        last_section = max(last_section, position)
        out.append(question)
    return out
