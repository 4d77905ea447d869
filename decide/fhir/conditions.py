"""decide's conditions in FHIR: `enableWhen` where it can say them, else a FHIRPath expression.

`enableWhen` (with `enableBehavior`) says a flat `all` or `any` of simple tests. Anything else
(a `not`, an `all` inside an `any`, `is_not` inside an `any`, `in` inside an `all`) becomes the
SDC `enableWhenExpression` extension, whose FHIRPath expression reads the answers in the
QuestionnaireResponse. Both say exactly what decide's own rule says (tests compare them on
random answers):

- a test on an unanswered question is false (`answered: false` tests for absence);
- a question that is not shown has no answer: decide ignores an answer to a hidden question,
  FHIR does the same ("as though the item is not valued").
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from decide.core.model import All, Any_, Bank, Condition, Not, Question, Test
from decide.fhir.common import ENABLE_WHEN_EXPRESSION, fits, typed_value

_COMPARE = {"is": "=", "includes": "=", "at_least": ">=", "at_most": "<="}


def carry_condition(item: dict[str, Any], condition: Condition, bank: Bank) -> None:
    """Put `condition` on a Questionnaire item, as enableWhen or as the SDC expression."""
    found = enable_when(condition, bank)
    if found is not None:
        rows, behavior = found
        item["enableWhen"] = rows
        if len(rows) > 1:
            item["enableBehavior"] = behavior
        return
    item.setdefault("extension", []).append(
        {
            "url": ENABLE_WHEN_EXPRESSION,
            "valueExpression": {
                "language": "text/fhirpath",
                "expression": fhirpath(condition, bank),
            },
        }
    )


def enable_when(condition: Condition, bank: Bank) -> tuple[list[dict[str, Any]], str] | None:
    """The enableWhen rows and enableBehavior that say `condition`, or None when they cannot."""
    if isinstance(condition, All | Any_):
        parts, behavior = condition.items, ("all" if isinstance(condition, All) else "any")
    else:
        parts, behavior = (condition,), ""
    rows: list[dict[str, Any]] = []
    for part in parts:
        found = _rows(part, bank)
        if found is None:
            return None
        part_rows, needs = found
        if needs and behavior and needs != behavior:
            return None
        behavior = behavior or needs
        rows.extend(part_rows)
    return rows, behavior or "all"


def _rows(condition: Condition, bank: Bank) -> tuple[list[dict[str, Any]], str] | None:
    """One test as enableWhen rows, and the enableBehavior those rows need ('' for any)."""
    if isinstance(condition, Not):
        inner = condition.item
        if isinstance(inner, Test) and inner.op == "answered":
            return [_exists(inner.question, not inner.value)], ""
        return None
    if not isinstance(condition, Test):
        return None
    question = bank.question(condition.question)
    assert question is not None  # the loader checked every reference
    op, value = condition.op, condition.value
    if op == "answered":
        return [_exists(question.id, bool(value))], ""
    values = list(value) if op == "in" and isinstance(value, list | tuple) else [value]
    if not all(fits(question, v) for v in values):
        return None
    if op == "in":
        return [_compare(question, "=", v) for v in values], ("any" if len(values) > 1 else "")
    if op == "is_not":
        # FHIR's != is true when no answer equals the value, even with no answer at all;
        # decide's is_not needs an answer, so it is "answered, and not equal".
        return [_exists(question.id, True), _compare(question, "!=", value)], "all"
    return [_compare(question, _COMPARE[op], value)], ""


def _exists(question_id: str, answered: bool) -> dict[str, Any]:
    return {"question": question_id, "operator": "exists", "answerBoolean": answered}


def _compare(question: Question, operator: str, value: object) -> dict[str, Any]:
    return {"question": question.id, "operator": operator, **typed_value(question, value, "answer")}


# ---------------------------------------------------------------- FHIRPath


def fhirpath(condition: Condition, bank: Bank) -> str:
    """A FHIRPath expression over the QuestionnaireResponse (`%resource`) that is true exactly
    when `condition` holds. It always gives true or false, never an empty result."""
    if isinstance(condition, Test):
        return _leaf(condition, bank)
    if isinstance(condition, All | Any_):
        joiner = " and " if isinstance(condition, All) else " or "
        parts = [fhirpath(item, bank) for item in condition.items]
        return parts[0] if len(parts) == 1 else joiner.join(f"({p})" for p in parts)
    assert isinstance(condition, Not)
    return f"({fhirpath(condition.item, bank)}).not()"


def answers_path(question_id: str) -> str:
    return f"%resource.repeat(item).where(linkId = {literal(question_id)}).answer.value"


def _leaf(test: Test, bank: Bank) -> str:
    question = bank.question(test.question)
    assert question is not None
    given = answers_path(question.id)
    if test.op == "answered":
        return f"{given}.exists()" if test.value else f"{given}.empty()"
    if test.op in ("at_least", "at_most"):
        sign = ">=" if test.op == "at_least" else "<="
        return f"{given}.where($this {sign} {literal(test.value)}).exists()"
    values = (
        list(test.value)
        if test.op == "in" and isinstance(test.value, list | tuple)
        else [test.value]
    )
    match = " or ".join(_equals(question, v) for v in values)
    if test.op == "is_not":
        return f"{given}.exists() and {given}.where({match}).empty()"
    return f"{given}.where({match}).exists()"


def _equals(question: Question, value: object) -> str:
    if question.type in ("single", "multi"):
        return f"code = {literal(value)}"
    return f"$this = {literal(value)}"


def literal(value: object) -> str:
    """A FHIRPath literal: 'text' (escaped), true/false, or a number without an exponent."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = format(Decimal(repr(value)), "f")
        return text if "." in text else f"{text}.0"
    text = str(value).replace("\\", "\\\\").replace("'", "\\'")
    return f"'{text}'"
