"""Options that several commands share, declared once so they read and behave the same everywhere.

Only typer and the standard library are imported here (this module is on the path to every
command, the first question included).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

# Set in the context when the person typed `decide` (alone or with the interview's options), not
# `decide interview`: that start offers to go on with an unfinished session first.
STARTED_BARE = "decide.started_bare"


class SummaryFormat(StrEnum):
    text = "text"
    md = "md"
    html = "html"
    json = "json"


class ReportFormat(StrEnum):
    """`decide report --format`: the summary's formats, and the answers as FHIR."""

    text = "text"
    md = "md"
    html = "html"
    json = "json"
    fhir = "fhir"


class SummaryDetail(StrEnum):
    brief = "brief"
    full = "full"


DetailOption = Annotated[
    SummaryDetail | None,
    typer.Option(
        "--detail",
        help="brief: the one-page at-a-glance summary alone; full: it and the detail after it. "
        "Default: full in a file or pipe; on screen, the interview shows the brief page and "
        "asks before the detail.",
        show_default=False,
    ),
]


BankOption = Annotated[
    Path | None,
    typer.Option(
        "--bank", help="Use this bank file instead of the bundled one.", show_default=False
    ),
]
PlainOption = Annotated[
    bool,
    typer.Option(
        "--plain",
        help="Plain text for screen readers and simple terminals: no color, no boxes. Also on "
        "with NO_COLOR, TERM=dumb, or when the output is not a terminal.",
    ),
]
StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        metavar="DIR",
        help="The folder of saved sessions (default: $DECIDE_HOME, else your user data folder).",
        show_default=False,
    ),
]
FormatOption = Annotated[
    SummaryFormat | None,
    typer.Option(
        "--format",
        help="The summary's format: text (laid out on a terminal, plain text otherwise), md, "
        "html or json. Default: from the --output file's name, else text.",
        show_default=False,
    ),
]
ReportFormatOption = Annotated[
    ReportFormat | None,
    typer.Option(
        "--format",
        help="The summary's format: text (laid out on a terminal, plain text otherwise), md, "
        "html or json; or fhir for the answers as a FHIR QuestionnaireResponse (JSON). "
        "Default: from the --output file's name, else text.",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Save the summary to this file (never replaced without --force); - for the screen.",
        show_default=False,
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Replace the --output file if it already exists.")
]


class FullHelpGroup(TyperGroup):
    """A command group whose --help gives each command's first sentence whole (Click cuts it
    at about 45 characters with "...", which left descriptions meaning nothing)."""

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


ReportAnswersOption = Annotated[
    Path | None,
    typer.Option(
        "--answers",
        help="Build the summary from this answers file (YAML or JSON).",
        show_default=False,
    ),
]
ReportSessionOption = Annotated[
    str | None,
    typer.Option(
        "--session", help="Build the summary from this saved session.", show_default=False
    ),
]
WithNotesOption = Annotated[
    bool, typer.Option("--with-notes", help="Counselor copy: include counselor notes.")
]
WithClientCodeOption = Annotated[
    bool,
    typer.Option(
        "--with-client-code",
        help="With --format fhir: put the counselor's client code in the response.",
    ),
]
