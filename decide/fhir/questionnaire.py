"""The bank as a FHIR R4 `Questionnaire`: one group per section, one item per question.

Each question's linkId is its id. Help, more help, scale labels and units become `display`
items under their question; a section's intro a `display` item at the top of its group; the
crisis resources a `display` item shown when the bank's safety condition holds. What has no place
in a Questionnaire (the comparison, the sources, facilitator notes, …) is listed in docs/fhir.md.
"""

from __future__ import annotations

from typing import Any

from decide.core.conditions import referenced_questions
from decide.core.model import Bank, Question, Section
from decide.fhir.common import (
    CRISIS_LINK_ID,
    ITEM_CONTROL,
    ITEM_CONTROL_SYSTEM,
    MAX_OCCURS,
    MAX_VALUE,
    MIN_OCCURS,
    MIN_VALUE,
    OPTION_EXCLUSIVE,
    canonical_url,
    group_link_id,
    is_whole,
    item_type,
    typed_value,
)
from decide.fhir.conditions import carry_condition


def questionnaire(bank: Bank) -> dict[str, Any]:
    """The whole bank's questions as a Questionnaire resource (a plain dict, ready for JSON)."""
    meta, decision = bank.meta, bank.decision
    groups = [group for section in bank.sections if (group := _group(bank, section))]
    return {
        "resourceType": "Questionnaire",
        "language": meta.language,
        "url": canonical_url(bank),
        "version": meta.version,
        "title": meta.title,
        "status": "active",
        "subjectType": ["Patient"],
        "date": meta.last_reviewed,
        "publisher": ", ".join(meta.authors),
        "description": "\n\n".join(
            text
            for text in (decision.who_for, decision.choice, decision.does, decision.does_not)
            if text
        ),
        "lastReviewDate": meta.last_reviewed,
        "item": groups,
    }


def _group(bank: Bank, section: Section) -> dict[str, Any] | None:
    items: list[dict[str, Any]] = []
    if section.intro:
        items.append(_display(f"{group_link_id(section.id)}.intro", section.intro))
    crisis_after = _crisis_anchor(bank)
    for question in bank.questions:
        if question.section != section.id:
            continue
        items.append(question_item(bank, question))
        if question.id == crisis_after:
            items.append(_crisis_item(bank))
    if not items:
        return None  # a section with no questions and no intro has nothing to show
    return {
        "linkId": group_link_id(section.id),
        "text": section.title,
        "type": "group",
        "item": items,
    }


def question_item(bank: Bank, question: Question) -> dict[str, Any]:
    """One question as a Questionnaire item (its linkId is the question's id)."""
    item: dict[str, Any] = {
        "linkId": question.id,
        "text": question.text,
        "type": item_type(question),
        "required": question.required,
    }
    extensions: list[dict[str, Any]] = []
    if question.type in ("single", "multi"):
        item["answerOption"] = [_option(question, c.id, c.exclusive) for c in question.choices]
    if question.type == "multi":
        item["repeats"] = True
        extensions += _bound(MIN_OCCURS, question.min, "valueInteger", above=1)
        extensions += _bound(MAX_OCCURS, question.max, "valueInteger", above=1)
    if question.type in ("scale", "number"):
        kind = "valueInteger" if is_whole(question) else "valueDecimal"
        extensions += _bound(MIN_VALUE, question.min, kind)
        extensions += _bound(MAX_VALUE, question.max, kind)
    if question.type == "text":
        item["maxLength"] = question.max_length
    if extensions:
        item["extension"] = extensions
    if question.show_if is not None:
        carry_condition(item, question.show_if, bank)
    children = _texts_under(question)
    if children:
        item["item"] = children
    return item


def _option(question: Question, choice_id: str, exclusive: bool) -> dict[str, Any]:
    option: dict[str, Any] = typed_value(question, choice_id, "value")
    if exclusive:
        option = {"extension": [{"url": OPTION_EXCLUSIVE, "valueBoolean": True}], **option}
    return option


def _bound(url: str, value: float | None, kind: str, above: int = 0) -> list[dict[str, Any]]:
    """A min or max extension, when the bank sets one (`above`: only when greater than it)."""
    if value is None or (above and value <= above):
        return []
    number = int(value) if kind == "valueInteger" else value
    return [{"url": url, kind: number}]


def _texts_under(question: Question) -> list[dict[str, Any]]:
    texts: list[dict[str, Any]] = []
    if question.help:
        texts.append(_display(f"{question.id}.help", question.help))
    if question.labels:
        points = ", ".join(f"{k} = {label}" for k, label in sorted(question.labels.items()))
        texts.append(_display(f"{question.id}.labels", points))
    if question.unit:
        texts.append(_display(f"{question.id}.unit", question.unit, control="unit"))
    if question.more_help:
        texts.append(_display(f"{question.id}.more-help", question.more_help, control="help"))
    return texts


def _display(link_id: str, text: str, control: str = "") -> dict[str, Any]:
    item: dict[str, Any] = {"linkId": link_id, "text": text, "type": "display"}
    if control:
        coding = {"system": ITEM_CONTROL_SYSTEM, "code": control}
        item["extension"] = [{"url": ITEM_CONTROL, "valueCodeableConcept": {"coding": [coding]}}]
    return item


def _crisis_anchor(bank: Bank) -> str:
    """The question after which the crisis text goes: the last one the safety condition reads."""
    read = set(referenced_questions(bank.safety.concern_if))
    last = [q.id for q in bank.questions if q.id in read]
    return last[-1] if last else ""


def _crisis_item(bank: Bank) -> dict[str, Any]:
    """The crisis resources, shown when the answers meet the bank's safety condition."""
    safety = bank.safety
    lines = [safety.message] + [f"{r.name} ({r.region}): {r.contact}" for r in safety.resources]
    item = _display(CRISIS_LINK_ID, "\n".join(lines))
    carry_condition(item, safety.concern_if, bank)
    return item
