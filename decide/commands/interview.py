"""`decide interview`, `decide resume`, and what `decide` with no command runs.

Only typer is imported here at module level: the interview, Rich and the bank loader are
imported inside the functions, so `decide --version` and `decide --help` stay fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from decide.commands.options import (
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


def interview(
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
    from decide.terminal.interview_run import InterviewOptions, run_interview

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


def start_default() -> None:
    """`decide` with no command: the interview on the bundled bank, with default options;
    in a terminal, first offer to go on with the last unfinished session, if there is one."""
    from decide.terminal.ask import read_line
    from decide.terminal.output import make_console, wants_plain
    from decide.terminal.unfinished import session_to_resume

    waiting = session_to_resume(make_console(wants_plain(False)), read_line)
    if waiting is not None:
        resume(session_id=waiting)
        return
    interview()


def register(app: typer.Typer) -> None:
    app.command()(interview)
    app.command()(resume)
