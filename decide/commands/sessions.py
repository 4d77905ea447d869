"""`decide sessions list|show|delete|export`: the saved interviews on this machine.

Thin edge: the store (`decide.sessions.store`) does the files, `decide.sessions.overview` decides what
to say, `decide.terminal.session_views` says it. Only typer is imported at module level.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from decide.commands.options import (
    BankOption,
    FullHelpGroup,
    PlainOption,
    StoreOption,
    WithNotesOption,
)

if TYPE_CHECKING:
    from decide.core.model import Bank
    from decide.sessions import SavedSession, SessionStore

IdArgument = Annotated[str, typer.Argument(metavar="ID", help="The session id, as listed.")]

sessions_app = typer.Typer(cls=FullHelpGroup, rich_markup_mode=None)


@sessions_app.callback(invoke_without_command=True)
def _sessions(ctx: typer.Context) -> None:
    """Saved interviews on this machine: list, show, delete or export them.

    With no command, list them.
    """
    if ctx.invoked_subcommand is None:
        list_sessions()


def _store(store: str | None) -> SessionStore:
    from decide.sessions import SessionStore, default_store_root

    return SessionStore(default_store_root(store))


def _bank(path: Path | None, *, required: bool) -> Bank | None:
    """The bank to read sessions with; without --bank, the bundled one if it can be read."""
    from decide.bank import read_bank
    from decide.core.errors import DecideError

    if path is not None or required:
        return read_bank(path)
    try:
        return read_bank(None)
    except DecideError:
        return None  # still list the sessions, just without progress against the bank


def _session_with_bank(
    store: str | None, session_id: str, bank: Path | None
) -> tuple[SavedSession, Bank]:
    """A saved session, then the bank to read it with (which must load)."""
    saved = _store(store).load(session_id)
    loaded = _bank(bank, required=True)
    assert loaded is not None
    return saved, loaded


@sessions_app.command("list")
def list_sessions(
    store: StoreOption = None,
    bank: BankOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print stable JSON for scripts instead.")
    ] = False,
    plain: PlainOption = False,
) -> None:
    """List saved sessions, last saved first: id, client code, mode, times, progress."""
    with _no_cycle_collection():
        _list(store, bank, as_json=as_json, plain=plain)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector off while listing: a list of 10,000 sessions makes some
    100,000 lists, tuples and dicts and no cycle at all, and the collector walked them over
    and over (a twentieth of the time). Everything is freed by reference counting as usual."""
    import gc

    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _list(store: str | None, bank: Path | None, *, as_json: bool, plain: bool) -> None:
    from decide.sessions.index import indexed_list

    sessions = _store(store)
    loaded = _bank(bank, required=False)
    items, problems = indexed_list(sessions, loaded)
    if as_json:
        document = {
            "format": 1,
            "store": str(sessions.root),
            "sessions": [item.as_json() for item in items],
            "damaged": [
                {"path": str(getattr(p, "path", "")), "problem": p.message} for p in problems
            ],
        }
        import sys

        # not typer.echo: it scans the whole text for colour codes (JSON escapes every one)
        sys.stdout.write(_one_session_a_line(document, "sessions") + "\n")
        sys.stdout.flush()
    else:
        from decide.terminal.output import wants_plain
        from decide.terminal.session_list import print_list

        print_list(items, str(sessions.root), plain=wants_plain(plain))
    if problems:
        from rich.text import Text

        from decide.terminal.output import error_console

        warn = error_console()
        for problem in problems:
            warn.print(Text(f"warning: {problem.message}"), soft_wrap=True)
        warn.print(Text(f"hint: {problems[0].hint}"), soft_wrap=True)


def _one_session_a_line(document: dict[str, Any], rows: str) -> str:
    """`document` as indented JSON, but each item of its `rows` list on one line.

    Readable, and quick: the whole list is encoded in one call of json's C encoder (one call
    per session was most of the time of `sessions list --json` over 10,000), then split into
    lines where one item ends and the next begins. Each item is an object whose first key is
    "id", and `}, {"id": ` occurs nowhere else: inside a string every `"` is escaped.
    """
    import json

    parts = []
    for key, value in document.items():
        if key == rows and value:
            text = json.dumps(value)  # '[{"id": ...}, {"id": ...}]'
            lines = text[1:-1].replace('}, {"id": ', '},\n    {"id": ')
            parts.append(f"  {json.dumps(key)}: [\n    {lines}\n  ]")
        else:
            shown = json.dumps(value, indent=2).replace("\n", "\n  ")
            parts.append(f"  {json.dumps(key)}: {shown}")
    return "{\n" + ",\n".join(parts) + "\n}"


@sessions_app.command("show")
def show(
    session_id: IdArgument,
    store: StoreOption = None,
    bank: BankOption = None,
    plain: PlainOption = False,
    with_notes: WithNotesOption = False,
) -> None:
    """Show a session's answers, with the questions and the choices picked. Counselor notes
    only with --with-notes, and then never on a terminal (to a file or a pipe)."""
    from dataclasses import replace

    from decide.core.safety import concern_of
    from decide.sessions.overview import overview, same_bank, sort_answers
    from decide.system.clock import utc_now
    from decide.terminal.crisis import closing_crisis_lines, show_crisis
    from decide.terminal.output import make_console, wants_plain
    from decide.terminal.session_views import print_session

    if with_notes:  # the rule of every counselor copy: never on a screen a client may see
        from decide.core.errors import OutputError
        from decide.flows.delivery import Destination, check

        try:
            check(Destination(with_notes=True))
        except OutputError as error:
            raise OutputError(
                error.message,
                hint=f"Send it to a file: decide sessions show {session_id} --with-notes > FILE",
            ) from None
    saved, loaded = _session_with_bank(store, session_id, bank)
    answers = sort_answers(loaded, saved) if same_bank(loaded, saved) else None
    is_plain = wants_plain(plain)
    console = make_console(is_plain)
    applies = {a.question.id: a.value for a in answers.applies} if answers else {}
    # A copy with only the answers that apply to this bank: the panel marks it, not the file.
    record = replace(saved.record, answers={q: saved.record.answers[q] for q in applies})
    concern = concern_of(loaded, record)
    show_crisis(console, loaded.safety, record, concern, plain=is_plain, now=utc_now())
    from functools import partial

    from decide.sessions import default_store_root
    from decide.sessions.again import command

    again = partial(command, store_root=default_store_root(store), bank=bank)
    item = overview(saved, loaded)
    print_session(console, saved, item, loaded, answers, with_notes=with_notes, again=again)
    if concern is not None:
        closing_crisis_lines(loaded.safety, plain_flag=plain)


def _confirmed(question: str) -> bool:
    """Ask before deleting. Nothing is deleted when no one can answer: closed input is an
    error that says how to delete without asking, Ctrl-C stops (exit 130)."""
    from decide.core.errors import ExitCode, NotInteractiveError

    try:
        return typer.confirm(question, default=False)
    except typer.Abort as stopped:
        typer.echo()  # end the prompt's line
        if isinstance(stopped.__context__, KeyboardInterrupt):
            typer.echo("Nothing was deleted.")
            raise typer.Exit(int(ExitCode.INTERRUPTED)) from None
        raise NotInteractiveError(
            "Nothing was deleted: the input ended before the question was answered.",
            "Add --yes to delete without being asked.",
        ) from None


@sessions_app.command("delete")
def delete(
    session_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="The session to delete.")
    ] = None,
    all_sessions: Annotated[bool, typer.Option("--all", help="Delete every session.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask to confirm.")] = False,
    store: StoreOption = None,
) -> None:
    """Delete one saved session, or all of them with --all. This cannot be undone."""
    if session_id is not None and all_sessions:
        raise typer.BadParameter("give a session ID or --all, not both")
    if session_id is None and not all_sessions:
        raise typer.BadParameter("give the ID of the session to delete, or --all")
    sessions = _store(store)
    if session_id is not None:
        sid = sessions.resolve(session_id)  # an unknown id fails before anyone is asked
        question = f"Delete session {sid} and all its answers? This cannot be undone."
        if not yes and not _confirmed(question):
            typer.echo("Nothing was deleted.")
            return
        sessions.delete(sid)
        typer.echo(f"Deleted session {sid}.")
        return
    count = len(sessions.ids())
    if count == 0:
        typer.echo(f"There are no saved sessions in {sessions.root}.")
        return
    which = f"all {count} saved sessions" if count != 1 else "the 1 saved session"
    question = f"Delete {which} in {sessions.root}? This cannot be undone."
    if not yes and not _confirmed(question):
        typer.echo("Nothing was deleted.")
        return
    deleted = sessions.delete_all()
    typer.echo(f"Deleted {deleted} session{'s' if deleted != 1 else ''}.")


@sessions_app.command("export")
def export(
    session_id: IdArgument,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The answers file to write (YAML); - or none writes to the screen.",
            show_default=False,
        ),
    ] = Path("-"),
    force: Annotated[bool, typer.Option("--force", help="Replace OUTPUT if it exists.")] = False,
    store: StoreOption = None,
    bank: BankOption = None,
) -> None:
    """Write a session's answers as an answers file, for `decide interview --answers`."""
    from decide.core.errors import SessionError
    from decide.render.output import is_standard_output, write_summary
    from decide.sessions.overview import answers_file_text, same_bank, sort_answers

    saved, loaded = _session_with_bank(store, session_id, bank)
    if not same_bank(loaded, saved):
        raise SessionError(
            f"The session {saved.id} was answered with the bank {saved.bank_id!r}, "
            f"not {loaded.meta.id!r}.",
            "Export it with --bank and that bank's file.",
        )
    answers = sort_answers(loaded, saved)
    text = answers_file_text(loaded, saved, answers).decode("utf-8")
    write_summary(output, text, force=force)  # the same rules as a summary's --output
    count = len(answers.applies)
    where = "the screen" if is_standard_output(output) else output
    typer.echo(f"Wrote {count} answer{'s' if count != 1 else ''} to {where}.", err=True)
    if answers.not_applying or answers.unusable:
        typer.echo(
            f"Left out {len(answers.not_applying)} that no longer apply and "
            f"{len(answers.unusable)} that no longer fit the bank.",
            err=True,
        )
    if saved.record.notes:
        typer.echo(
            "Counselor notes are not part of an answers file; they were not exported.", err=True
        )
    typer.echo("It holds private health answers: keep it where only you can read it.", err=True)


def register(app: typer.Typer) -> None:
    app.add_typer(sessions_app, name="sessions")
