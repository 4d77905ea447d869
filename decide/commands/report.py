"""`decide report`: the summary from an answers file or a saved session, without an interview.

A thin adapter: the options in, one call to `decide.flows.report.run_report`. Only typer is
imported here at module level; the run and everything it needs load inside the command.
"""

from __future__ import annotations

import typer

from decide.commands.options import (
    BankOption,
    DetailOption,
    ForceOption,
    OutputOption,
    PlainOption,
    ReportAnswersOption,
    ReportFormat,
    ReportFormatOption,
    ReportSessionOption,
    StoreOption,
    WithClientCodeOption,
    WithNotesOption,
)


def report(
    answers: ReportAnswersOption = None,
    session: ReportSessionOption = None,
    store: StoreOption = None,
    bank: BankOption = None,
    fmt: ReportFormatOption = None,
    output: OutputOption = None,
    detail: DetailOption = None,
    force: ForceOption = False,
    with_notes: WithNotesOption = False,
    plain: PlainOption = False,
    with_client_code: WithClientCodeOption = False,
) -> None:
    """Print or save the summary of an answers file or a saved session. It never recommends."""
    from decide.flows.delivery import Destination
    from decide.flows.report import ReportRequest, run_report

    if with_client_code and fmt is not ReportFormat.fhir:
        raise typer.BadParameter("it goes with --format fhir.", param_hint="'--with-client-code'")
    if with_notes and fmt is ReportFormat.fhir:
        raise typer.BadParameter(
            "counselor notes are not part of a FHIR response; leave out --with-notes.",
            param_hint="'--with-notes'",
        )
    if detail is not None and fmt is ReportFormat.fhir:
        raise typer.BadParameter(
            "a FHIR response holds the answers, not a summary; leave out --detail.",
            param_hint="'--detail'",
        )
    if (answers is None) == (session is None):
        raise typer.BadParameter(
            "give exactly one of --answers FILE or --session ID.",
            param_hint="'--answers' / '--session'",
        )
    destination = Destination(
        fmt=fmt.value if fmt else None,
        output=output,
        detail=detail.value if detail else "full",
        force=force,
        plain_flag=plain,
        with_notes=with_notes,
    )
    run_report(
        ReportRequest(
            answers=answers,
            session=session,
            store=store,
            bank=bank,
            destination=destination,
            with_notes=with_notes,
            with_client_code=with_client_code,
        )
    )


def register(app: typer.Typer) -> None:
    app.command()(report)
