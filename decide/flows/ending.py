"""The end of an interview: the one report, built once, and where it goes.

EDGE module. With `--format` / `--output`, the summary goes where they say, through the one
delivery of `decide report` too (`decide.flows.delivery`). Otherwise, on screen: where the answers are saved, then the one-page
at-a-glance view, then (with someone to answer) the offer to save the summary and the offer
to see the detail; without anyone to answer, the one page and how to get
the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.console import Console

from decide.core.model import Bank
from decide.core.record import InterviewRecord
from decide.summary.model import Report
from decide.terminal import finish, notices, screens


def build(bank: Bank, record: InterviewRecord, today: str) -> Report:
    from decide.summary import build_report
    from decide.system.clock import local_timezone

    return build_report(bank, record, generated_on=today, timezone=local_timezone())


def on_screen(
    console: Console,
    report: Report,
    record: InterviewRecord,
    *,
    session_id: str | None,
    plain: bool,
    detail: str | None,
    asked: bool,
    read: Callable[[Console], str],
    today: str,
    again: Callable[..., str],
) -> None:
    """The end of the interview on screen (see the module's docstring)."""
    from decide.flows.delivery import at_a_terminal, show_on_screen

    reader = read

    def answer(prompt: str) -> str:
        screens.said(console, prompt.rstrip(": "))
        return reader(console)

    finish.where_answers_are(console, session_id, again)
    show_on_screen(
        console, report, plain=plain, detail=detail or "brief", read=answer,
        interactive=asked and at_a_terminal(stdin=True),
    )  # fmt: skip
    if asked:  # after the page, so the person sees their summary as soon as they can
        finish.offer_to_save(console, report, read=reader, today=today, folder=Path.cwd())
    if record.mode == "counselor":
        command = None
        if session_id is not None:
            command = again(
                "report", "--session", session_id, "--with-notes", "--output",
                str(counselor_copy_name(record, today, Path.cwd())),
            )  # fmt: skip
        notices.counselor_copy(console, session_id, len(record.notes), command=command)
    if asked and detail != "full":
        finish.offer_detail(console, report, plain=plain, read=reader)
    elif detail != "full":
        finish.how_to_see_detail(console, session_id, again)
    if asked:
        notices.closing(console, session_id)


def counselor_copy_name(record: InterviewRecord, today: str, folder: Path) -> Path:
    """A free name in `folder` for the counselor copy, with the client code (if any)."""
    from decide.render.output import default_summary_name, next_free_name

    name = default_summary_name(today, "html", record.client_code or "client")
    return next_free_name(folder / name)
