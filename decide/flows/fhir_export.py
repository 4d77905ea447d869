"""The FHIR exports behind `decide questions --format fhir` and `decide report --format fhir`.

The only place that imports `decide.fhir`, and only when one of those is asked for, so no other
command (and not the first question) pays for it.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from decide.core.model import Bank
from decide.core.record import InterviewRecord
from decide.flows.delivery import say, say_notes


def as_json(resource: dict[str, Any]) -> str:
    """The resource as JSON, with bidi and other invisible controls escaped (`\\u202e`)."""
    from decide.core.json_text import visible_json

    return visible_json(resource) + "\n"


def questionnaire_text(bank: Bank) -> str:
    from decide.fhir.questionnaire import questionnaire

    return as_json(questionnaire(bank))


def last_answer_time(record: InterviewRecord) -> str | None:
    """When the last answer was given (ISO 8601, UTC), or None when no answer has a readable time."""
    times: list[datetime] = []
    for given in record.answers.values():
        try:
            at = datetime.fromisoformat(given.at)
        except (TypeError, ValueError):
            continue  # a time decide cannot read is left out rather than guessed
        times.append(at if at.tzinfo else at.replace(tzinfo=UTC))
    if not times:
        return None
    from decide.system.clock import stamp

    return stamp(max(times))


def save_response(
    bank: Bank,
    record: InterviewRecord,
    *,
    from_file: bool,
    output: Path | None,
    force: bool,
    with_client_code: bool,
) -> None:
    """Write the answers as a QuestionnaireResponse to `output` (None or `-`: the screen).

    An answers file holds no times and no "finished" mark: its response has no `authored`, and
    it counts as completed when every required question that applies is answered.
    """
    from decide.fhir.response import questionnaire_response, response_status
    from decide.render.output import is_standard_output, summary_format, write_summary

    if output is not None:
        summary_format("fhir", output)  # a bad name is refused before anything is built
    values = record.values()
    client_code = record.client_code if with_client_code else None
    if with_client_code and not client_code:
        source = "An answers file" if from_file else "This session"
        say_notes([f"{source} has no client code, so the response has none."])
    resource = questionnaire_response(
        bank,
        values,
        status=response_status(bank, values, finished=from_file or record.finished),
        authored=None if from_file else last_answer_time(record),
        client_code=client_code,
    )
    text = as_json(resource)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_summary(output, text, force=force)
    if not is_standard_output(output):
        say(f"Saved the answers as a FHIR QuestionnaireResponse to {output}.")
