"""Answers as a FHIR R4 `QuestionnaireResponse` to the bank's `Questionnaire`.

Only the answers that apply go in (`effective_answers`: an answer to a question that ended up
hidden stays out), grouped like the Questionnaire. Nothing names or identifies the person; a
counselor's client code goes in only when the caller passes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from decide.bank.answers_file import missing_required
from decide.core.conditions import effective_answers
from decide.core.model import AnswerValue, Bank
from decide.fhir.common import answer_values, canonical_reference, group_link_id


def response_status(bank: Bank, answers: Mapping[str, AnswerValue], *, finished: bool) -> str:
    """`completed` when the interview was finished and every required question that applies
    has an answer; `in-progress` otherwise (FHIR's word for "saved, to be resumed")."""
    missing = missing_required(bank, dict(answers))
    return "completed" if finished and not missing else "in-progress"


def questionnaire_response(
    bank: Bank,
    answers: Mapping[str, AnswerValue],
    *,
    status: str,
    authored: str | None = None,
    client_code: str | None = None,
) -> dict[str, Any]:
    """The QuestionnaireResponse (a plain dict, ready for JSON).

    `authored`: when the last answer was given (ISO 8601), or None to leave it out.
    `client_code`: the counselor's code for the client, only when they asked for it.
    """
    given = effective_answers(bank, answers)
    groups: list[dict[str, Any]] = []
    for section in bank.sections:
        items = [
            {"linkId": q.id, "text": q.text, "answer": answer_values(q, given[q.id])}
            for q in bank.questions
            if q.section == section.id and q.id in given
        ]
        if items:
            groups.append(
                {"linkId": group_link_id(section.id), "text": section.title, "item": items}
            )
    resource: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "language": bank.meta.language,
        "questionnaire": canonical_reference(bank),
        "status": status,
    }
    if client_code:
        resource["subject"] = {"identifier": {"value": client_code}}
    if authored:
        resource["authored"] = authored
    resource["item"] = groups
    return resource
