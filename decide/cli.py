"""The command line: argv in, exit code out.

This module only builds the Typer app, registers the command modules and turns every
`DecideError` into one sentence on stderr with its exit code. The commands themselves live in
`decide/commands/`, and they import what they need inside the function that needs it, so that
`decide --version` and the first question stay fast.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from decide import __version__
from decide.commands.options import STARTED_BARE, FullHelpGroup
from decide.core.errors import DecideError, ExitCode


def print_error(error: DecideError) -> None:
    """One clear message on stderr (no traceback), then the hint if there is one."""
    from decide.terminal.output import error_console

    console = error_console()
    for line in str(error).splitlines() or [error.__class__.__name__]:
        console.print(f"error: {line}", markup=False, highlight=False, soft_wrap=True)
    if error.hint:
        console.print(f"hint: {error.hint}", markup=False, highlight=False, soft_wrap=True)


class DecideGroup(FullHelpGroup):
    """A Typer group that is the one place where errors become exit codes.

    `decide` alone is the interview, so the interview's options work without the command name
    too: `decide --plain --counselor` runs `decide interview --plain --counselor`. The root's own
    options (`--version`, `--help`) keep their meaning.
    """

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and _is_option_of(self.commands.get("interview"), args[0]):
            args = ["interview", *args]
            ctx.meta[STARTED_BARE] = True
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except DecideError as error:
            print_error(error)
            raise typer.Exit(int(error.exit_code)) from None
        except KeyboardInterrupt:
            # The interview saves as it goes and says how to resume before this point.
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


def _is_option_of(command: Any, token: str) -> bool:
    """True when `token` (`--plain`, `--store=DIR`, `-o`) names one of `command`'s options."""
    if command is None or not token.startswith("-") or token in ("--help", "--version"):
        return False
    name = token.split("=", 1)[0] if token.startswith("--") else token
    return any(name in (*param.opts, *param.secondary_opts) for param in command.params)


app = typer.Typer(
    cls=DecideGroup,
    name="decide",
    help=(
        "Get ready to talk with a specialist about TMS and ketamine treatments for depression. "
        "decide asks what matters to you and about your history, then prints a side-by-side "
        "comparison to bring to your appointment. It never recommends a treatment. With no "
        "command it starts the interview, and takes the interview's options (decide --plain)."
    ),
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"decide {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """With no command, decide starts the interview on the bundled question bank; the
    interview's options work here too (decide --plain is decide interview --plain)."""
    if ctx.invoked_subcommand is None:
        from decide.commands.interview import interview

        ctx.meta[STARTED_BARE] = True
        interview(ctx)


def _register() -> None:
    from decide.commands import bank, interview, report, sessions

    bank.register(app)
    interview.register(app)
    report.register(app)
    sessions.register(app)


_register()


def main() -> None:
    """The console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:  # pragma: no cover - Ctrl-C outside any command
        sys.exit(int(ExitCode.INTERRUPTED))
