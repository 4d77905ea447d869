"""`decide interview`, `decide resume`, and what `decide` with no command runs.

Only typer is imported here at module level: the interview, Rich and the bank loader are
imported inside the functions, so `decide --version` and `decide --help` stay fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from decide.commands.options import (
    STARTED_BARE,
    BankOption,
    DetailOption,
    ForceOption,
    FormatOption,
    OutputOption,
    PlainOption,
    StoreOption,
)

NoInputOption = Annotated[
    bool,
    typer.Option(
        "--no-input",
        help="Ask nothing: use the answers file or saved session, print the summary, and fail "
        "listing any required question without an answer.",
    ),
]


def _started_bare(ctx: typer.Context) -> bool:
    """True when the person typed `decide` alone or with the interview's options: then a
    waiting unfinished session is offered first. `decide interview` always starts afresh."""
    return bool(ctx.meta.get(STARTED_BARE))


def interview(
    ctx: typer.Context,
    bank: BankOption = None,
    plain: PlainOption = False,
    counselor: Annotated[
        bool,
        typer.Option(
            "--counselor",
            help="Counselor mode: show facilitator notes, pause between parts, allow notes.",
        ),
    ] = False,
    client: Annotated[
        str | None,
        typer.Option(
            "--client",
            metavar="CODE",
            help="A pseudonym for the client in counselor mode, such as C-014. Never a name.",
            show_default=False,
        ),
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help="Take answers from a YAML or JSON file (question id: answer) instead of asking.",
            show_default=False,
        ),
    ] = None,
    no_input: NoInputOption = False,
    no_save: Annotated[
        bool,
        typer.Option("--no-save", help="Private mode: nothing is saved on this computer."),
    ] = False,
    store: StoreOption = None,
    resume: Annotated[
        str | None,
        typer.Option(
            "--resume", metavar="ID", help="Continue a saved session.", show_default=False
        ),
    ] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    detail: DetailOption = None,
    force: ForceOption = False,
) -> None:
    """Answer questions about what matters to you and your history, then get a summary to
    bring to a specialist. It never recommends a treatment."""
    from decide.flows.interview import InterviewOptions, run_interview

    if resume is None and answers is None and not (no_input or no_save) and _started_bare(ctx):
        from decide.flows.interview import CLIENT_CODE
        from decide.terminal.output import make_console, wants_plain
        from decide.terminal.reading import read_line
        from decide.terminal.unfinished import ask_client_code, session_to_resume

        mode = "counselor" if counselor else "patient"
        console = make_console(wants_plain(plain))
        if counselor and client is None:  # that client's session only: ask who first
            client = ask_client_code(console, read_line, lambda c: bool(CLIENT_CODE.fullmatch(c)))
        resume = session_to_resume(console, read_line, bank, store, mode, client)
    options = InterviewOptions(
        bank=bank,
        plain=plain,
        counselor=counselor,
        client=client,
        answers=answers,
        no_input=no_input,
        no_save=no_save,
        store=store,
        resume=resume,
        fmt=fmt,
        output=output,
        force=force,
        detail=detail.value if detail else None,
    )
    code = run_interview(options)
    if code:
        raise typer.Exit(code)


def resume(
    ctx: typer.Context,
    session_id: Annotated[str, typer.Argument(metavar="ID", help="The session to continue.")],
    bank: BankOption = None,
    plain: PlainOption = False,
    no_input: NoInputOption = False,
    store: StoreOption = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    detail: DetailOption = None,
    force: ForceOption = False,
) -> None:
    """Continue a saved interview where you left off (the same as interview --resume ID)."""
    interview(
        ctx,
        bank=bank,
        plain=plain,
        no_input=no_input,
        store=store,
        resume=session_id,
        fmt=fmt,
        output=output,
        detail=detail,
        force=force,
    )


def register(app: typer.Typer) -> None:
    app.command()(interview)
    app.command()(resume)
