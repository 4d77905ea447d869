"""`decide report`: the summary from an answers file or a saved session, without an interview.

Only typer (and the standard library's typing helpers) is imported here at module level; the
bank loader, the report model and the renderers are imported inside the command.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from decide.commands.options import (
    BankOption,
    DetailOption,
    ForceOption,
    OutputOption,
    PlainOption,
    ReportFormat,
    ReportFormatOption,
    StoreOption,
)

if TYPE_CHECKING:
    from decide.core.model import Bank
    from decide.core.record import InterviewRecord


def report(
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            help="Build the summary from this answers file (YAML or JSON).",
            show_default=False,
        ),
    ] = None,
    session: Annotated[
        str | None,
        typer.Option(
            "--session", help="Build the summary from this saved session.", show_default=False
        ),
    ] = None,
    store: StoreOption = None,
    bank: BankOption = None,
    fmt: ReportFormatOption = None,
    output: OutputOption = None,
    detail: DetailOption = None,
    force: ForceOption = False,
    with_notes: Annotated[
        bool, typer.Option("--with-notes", help="Counselor copy: include counselor notes.")
    ] = False,
    plain: PlainOption = False,
    with_client_code: Annotated[
        bool,
        typer.Option(
            "--with-client-code",
            help="With --format fhir: put the counselor's client code in the response.",
        ),
    ] = False,
) -> None:
    """Print or save the summary of an answers file or a saved session. It never recommends."""
    import shutil
    from datetime import date

    from rich.text import Text

    from decide.bank import read_bank
    from decide.core.safety import concern_raised
    from decide.render import render
    from decide.render.output import write_summary
    from decide.summary import build_report
    from decide.terminal.output import error_console, make_console, wants_plain

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
    loaded = read_bank(bank)
    from decide.system.clock import local_timezone, utc_now

    now = utc_now()
    notes: list[str] = []
    if answers is not None:
        # Reading the file shows the crisis panel itself, even when the file has mistakes.
        record = _record_from_answers(loaded, answers, now, notes, plain=plain)
    else:
        assert session is not None
        record = _record_from_session(loaded, session, store, notes)

    if session is not None and (record.crisis_fired or concern_raised(loaded, record.values())):
        from decide.terminal.crisis import print_crisis_on_stderr

        # Before anything else, on stderr, so it shows whatever happens to stdout.
        print_crisis_on_stderr(loaded.safety, plain=plain)
        if not record.crisis_fired:
            record.crisis_fired, record.crisis_at = True, now
    errors = error_console()
    for note in notes:
        errors.print(Text(f"note: {note}"), soft_wrap=True)
    if fmt is ReportFormat.fhir:
        from decide.commands.fhir_export import save_response

        save_response(
            loaded,
            record,
            from_file=answers is not None,
            output=output,
            force=force,
            with_client_code=with_client_code,
        )
        return

    from decide.render.output import is_standard_output, summary_format

    chosen = summary_format(fmt.value if fmt else None, output)
    summary = build_report(
        loaded,
        record,
        generated_on=date.today().isoformat(),
        with_notes=with_notes,
        timezone=local_timezone(),
    )
    level = detail.value if detail else "full"
    if output is not None and not is_standard_output(output):
        write_summary(output, render(summary, chosen, detail=level), force=force)
        errors.print(Text(f"Saved the summary to {output}."), soft_wrap=True)
        return
    if chosen == "text" and not wants_plain(plain):
        from decide.render.terminal import print_report

        print_report(make_console(False), summary, plain=False, detail=level)
        return
    # Plain text on the screen or in a pipe: as wide as the window, up to 100 columns.
    width = min(max(shutil.get_terminal_size((80, 24)).columns, 40), 100)
    text = render(summary, chosen, detail=level, width=width)
    if output is not None:
        write_summary(output, text, force=force)
        return
    typer.echo(text, nl=False)


def _record_from_answers(
    bank: Bank, path: Path, now: str, notes: list[str], *, plain: bool
) -> InterviewRecord:
    from decide.bank.answers_file import missing_required
    from decide.core.record import GivenAnswer, InterviewRecord
    from decide.core.safety import concern_raised
    from decide.terminal.crisis import read_answers_file_crisis_first

    given = read_answers_file_crisis_first(path, bank, plain=plain)
    notes.extend(str(problem) for problem in given.notes)
    missing = len(missing_required(bank, given.values))
    if missing:
        notes.append(
            f"{missing} required question{'s have' if missing != 1 else ' has'} no answer in "
            "the file; the summary leaves them out."
        )
    concern = concern_raised(bank, given.values)  # the panel is already on stderr
    return InterviewRecord(
        answers={qid: GivenAnswer(value, now) for qid, value in given.values.items()},
        crisis_fired=concern,
        crisis_at=now if concern else None,
    )


def _record_from_session(
    bank: Bank, session_id: str, store: str | None, notes: list[str]
) -> InterviewRecord:
    from decide.sessions import SessionStore, default_store_root, reconcile

    saved = SessionStore(default_store_root(store)).load(session_id)
    fitted = reconcile(bank, saved)
    if fitted.dropped:
        notes.append(
            f"{fitted.dropped} saved answer{'s' if fitted.dropped != 1 else ''} no longer fit "
            "this bank and are left out of the summary."
        )
    return fitted.record


def register(app: typer.Typer) -> None:
    app.command()(report)
