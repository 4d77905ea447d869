"""Views of a bank for other programs: the question list (`decide questions --json`) and the schema."""

from __future__ import annotations

from importlib import resources
from typing import Any

from decide.core.model import All, Any_, Bank, Condition, Not, Question, Test


def condition_data(condition: Condition) -> dict[str, Any]:
    """A condition back in the form a bank writes it."""
    if isinstance(condition, Test):
        value = (
            list(condition.value) if isinstance(condition.value, tuple | list) else condition.value
        )
        return {"question": condition.question, condition.op: value}
    if isinstance(condition, All):
        return {"all": [condition_data(item) for item in condition.items]}
    if isinstance(condition, Any_):
        return {"any": [condition_data(item) for item in condition.items]}
    assert isinstance(condition, Not)
    return {"not": condition_data(condition.item)}


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def question_item(question: Question) -> dict[str, Any]:
    """One question as documented in the README (stable keys, always present)."""
    return {
        "id": question.id,
        "section": question.section,
        "type": question.type,
        "role": question.role,
        "text": question.text,
        "help": question.help,
        "required": question.required,
        "choices": [
            {"id": c.id, "label": c.label, "exclusive": c.exclusive} for c in question.choices
        ],
        "min": _number(question.min),
        "max": _number(question.max),
        "labels": {str(k): v for k, v in sorted(question.labels.items())},
        "unit": question.unit,
        "max_length": question.max_length if question.type == "text" else None,
        "show_if": condition_data(question.show_if) if question.show_if else None,
    }


def question_list(bank: Bank) -> list[dict[str, Any]]:
    return [question_item(q) for q in bank.questions]


def schema_text() -> str:
    """The JSON Schema of a bank, as shipped in the package."""
    return resources.files("decide.bank").joinpath("schema.json").read_text(encoding="utf-8")
