"""What the Questionnaire and the QuestionnaireResponse share: canonical names, linkIds, values."""

from __future__ import annotations

from typing import Any

from decide.core.model import AnswerValue, Bank, Question

# Extensions from the FHIR core extension registry and the Structured Data Capture guide.
ENABLE_WHEN_EXPRESSION = (
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression"
)
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
MIN_OCCURS = "http://hl7.org/fhir/StructureDefinition/questionnaire-minOccurs"
MAX_OCCURS = "http://hl7.org/fhir/StructureDefinition/questionnaire-maxOccurs"
OPTION_EXCLUSIVE = "http://hl7.org/fhir/StructureDefinition/questionnaire-optionExclusive"
ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
ITEM_CONTROL_SYSTEM = "http://hl7.org/fhir/questionnaire-item-control"

# linkIds: a question's is its id ([a-z][a-z0-9_]*). Everything decide adds has a '.' or a ':'
# in it, so it can never be the id of a question: groups and section texts start with
# 'section:', texts under a question are '<question id>.<what>', the crisis text is 'crisis:…'.
CRISIS_LINK_ID = "crisis:resources"


def canonical_url(bank: Bank) -> str:
    """The Questionnaire's canonical url: a name, not an address (decide has no server)."""
    return f"urn:decide:questionnaire:{bank.meta.id}"


def canonical_reference(bank: Bank) -> str:
    """`url|version`, how a QuestionnaireResponse names the exact Questionnaire it answers."""
    return f"{canonical_url(bank)}|{bank.meta.version}"


def group_link_id(section_id: str) -> str:
    return f"section:{section_id}"


def is_whole(question: Question) -> bool:
    """Scales and whole-number questions are FHIR `integer`; other numbers are `decimal`."""
    return question.type == "scale" or (question.type == "number" and question.integer)


def item_type(question: Question) -> str:
    if question.type in ("single", "multi"):
        return "choice"
    if question.type == "yesno":
        return "boolean"
    if question.type in ("scale", "number"):
        return "integer" if is_whole(question) else "decimal"
    return "text"


def fits(question: Question, value: object) -> bool:
    """True when `value` can be written as a value of `question`'s FHIR type."""
    if question.type in ("single", "multi"):
        return isinstance(value, str) and question.choice(value) is not None
    if question.type == "yesno":
        return isinstance(value, bool)
    if question.type in ("scale", "number"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        return not is_whole(question) or float(value).is_integer()
    return isinstance(value, str)


def typed_value(question: Question, value: object, prefix: str) -> dict[str, Any]:
    """One value as FHIR writes it: `{prefix + type: value}`, e.g. `{"valueCoding": {...}}`.

    `prefix` is `value` for an answer, `answer` for an enableWhen. Check `fits` first.
    """
    if question.type in ("single", "multi"):
        choice = question.choice(str(value))
        assert choice is not None
        return {f"{prefix}Coding": {"code": choice.id, "display": choice.label}}
    if question.type == "yesno":
        return {f"{prefix}Boolean": bool(value)}
    if question.type in ("scale", "number"):
        assert isinstance(value, int | float)
        if is_whole(question):
            return {f"{prefix}Integer": int(value)}
        return {f"{prefix}Decimal": value}
    return {f"{prefix}String": str(value)}


def answer_values(question: Question, value: AnswerValue) -> list[dict[str, Any]]:
    """The `answer` list of a QuestionnaireResponse item: one entry per picked choice."""
    values = value if isinstance(value, list) else [value]
    return [typed_value(question, v, "value") for v in values]
