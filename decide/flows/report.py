"""The report run: the summary of an answers file or a saved session, with no questions asked.

EDGE module behind `decide report`. One way through: read the answers, apply the crisis rule
once, build the report once, deliver it, and end with the crisis lines when a concern was
raised.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct, field

from decide.flows.delivery import Destination, check, deliver, say_notes
from decide.flows.sources import Answers, from_answers_file, from_session

if TYPE_CHECKING:
    from decide.core.model import Bank


class ReportRequest(Struct, frozen=True):
    """What `decide report` was asked for: exactly one of `answers` or `session`."""

    answers: Path | None = None
    session: str | None = None
    store: str | None = None
    bank: Path | None = None
    destination: Destination = field(default_factory=Destination)
    with_notes: bool = False
    with_client_code: bool = False


def run_report(request: ReportRequest) -> None:
    """Print or save the summary `request` describes (its options already checked together
    by the command)."""
    from datetime import date

    from decide.bank import read_bank
    from decide.core.safety import concern_of
    from decide.summary import build_report
    from decide.system.clock import local_timezone, utc_now
    from decide.terminal.crisis import closing_crisis_lines, show_crisis_on_stderr

    destination = request.destination
    if destination.fmt != "fhir":
        check(destination)  # a counselor copy to a shared screen is refused before anything
    bank = read_bank(request.bank)
    now = utc_now()
    answers = _answers(request, bank, now)
    record = answers.record
    concern = concern_of(bank, record)
    if not answers.panel_shown:  # before anything else, on stderr, whatever stdout is
        show_crisis_on_stderr(
            bank.safety, record, concern, plain_flag=destination.plain_flag, now=now
        )
    say_notes(answers.notes)
    if destination.fmt == "fhir":
        from decide.flows.fhir_export import save_response

        save_response(
            bank, record, from_file=request.answers is not None, output=destination.output,
            force=destination.force, with_client_code=request.with_client_code,
        )  # fmt: skip
    else:
        report = build_report(
            bank, record, generated_on=date.today().isoformat(), with_notes=request.with_notes,
            timezone=local_timezone(),
        )  # fmt: skip
        deliver(report, destination)
    if concern is not None:
        closing_crisis_lines(bank.safety, plain_flag=destination.plain_flag)


def _answers(request: ReportRequest, bank: Bank, now: str) -> Answers:
    if request.answers is not None:
        return from_answers_file(
            request.answers, bank, plain_flag=request.destination.plain_flag, now=now
        )
    assert request.session is not None
    return from_session(bank, request.session, request.store)
