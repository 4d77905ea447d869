"""The end of an interview, on screen: where the answers are, the offer to save the summary,
and the offer to see the detail.

EDGE module: the screens and menus only. The order, and the one report they all show, are the
interview run's (`decide.flows.ending`). Nothing here prints 1,000 lines unasked.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from rich.console import Console
from rich.text import Text

from decide.core.errors import OutputError
from decide.core.typed import clean_text
from decide.sessions.again import command
from decide.summary.model import Report
from decide.terminal import screens

T = TypeVar("T")
SAVE_CHOICES: dict[str, tuple[str, ...]] = {
    "1": ("md",),
    "2": ("html",),
    "3": ("md", "html"),
    "4": (),
}


def where_answers_are(
    console: Console, session_id: str | None, again: Callable[..., str] = command
) -> None:
    """Where the answers are kept (or that nothing was), before anything else at the end."""
    console.print()
    if session_id is None:
        screens.said(console, "Private mode: your answers were not saved on this computer.")
        return
    screens.said(console, f"Your answers are saved on this computer as session {session_id}.")
    screens.command(
        console, "To see this summary again later:", again("report", "--session", session_id)
    )


def how_to_see_detail(
    console: Console, session_id: str | None, again: Callable[..., str] = command
) -> None:
    """No one to ask: say how to get the full summary instead of printing it all."""
    console.print()
    if session_id is None:
        screens.said(
            console, "For the full summary, run again with --detail full or --output FILE."
        )
        return
    screens.command(
        console,
        "For the full summary:",
        again("report", "--session", session_id, "--detail", "full"),
    )


DETAIL_CHOICES = {"1": "paged", "2": "all", "3": "no"}


def offer_detail(
    console: Console, report: Report, *, plain: bool, read: Callable[[Console], str]
) -> None:
    """Ask whether to see the detail: one topic at a time, all at once, or not now."""
    from decide.render.terminal import detail_topics, print_detail

    try:
        picked = _menu(
            console,
            read,
            "Would you like to see the detail (every topic in full, numbers, sources)?",
            ["Yes, one topic at a time", "Yes, all at once", "No, thank you"],
            DETAIL_CHOICES,
        )
        if picked == "no":
            return
        if picked == "all":
            print_detail(console, report, plain=plain)
            return
        topics = detail_topics(console, report, plain=plain)
        for number, (_title, show) in enumerate(topics, start=1):
            show()
            if number == len(topics):
                break
            console.print()
            screens.said(
                console,
                f"Topic {number} of {len(topics)}. Press Enter for the next "
                f"({topics[number][0]}), or type q to stop.",
            )
            if clean_text(read(console)).strip().casefold() in ("q", "quit", "stop", "n", "no"):
                return
    except EOFError:
        return


def _menu(
    console: Console,
    read: Callable[[Console], str],
    question: str,
    labels: list[str],
    choices: dict[str, T],
) -> T:
    """A numbered question; Enter picks the last choice (the "no"). End of input: EOFError."""
    console.print()
    screens.said(console, question)
    for number, label in enumerate(labels, start=1):
        screens.said(console, f"  {number}  {label}")
    while True:
        picked = choices.get(clean_text(read(console)).strip() or str(len(labels)))
        if picked is not None:
            return picked
        screens.problem(console, f"Please type a number from 1 to {len(labels)}.")


def offer_to_save(
    console: Console,
    report: Report,
    *,
    read: Callable[[Console], str],
    today: str,
    folder: Path,
) -> None:
    """Ask whether to save the summary as Markdown and/or HTML, and where. End of input = no."""
    from decide.render import render
    from decide.render.output import default_summary_name, next_free_name

    try:
        picked = _menu(
            console,
            read,
            "Would you like to save this summary to a file?",
            ["Markdown (a text file)", "A web page to print (HTML)", "Both", "No, thank you"],
            SAVE_CHOICES,
        )
        for fmt in picked:
            # A client's copy: a dated name, never the client code, never one already taken.
            default = next_free_name(folder / default_summary_name(today, fmt)).name
            _save_one(console, render(report, fmt), fmt, default, read, folder)
    except EOFError:
        return


def _save_one(
    console: Console,
    text: str,
    fmt: str,
    default: str,
    read: Callable[[Console], str],
    folder: Path,
) -> None:
    """Ask for a file name and save `text` there. The same path rules as `--output`: a name
    with no type gets the format's, `-` is the screen, a folder or a mismatched type is said."""
    from decide.render.output import (
        is_standard_output,
        saved_line,
        summary_format,
        type_suffix,
        write_summary,
    )

    while True:
        screens.said(console, f"File name (press Enter for {default}, or type skip):")
        typed = clean_text(read(console)).strip()
        if typed.casefold() in ("skip", "no", "n", "quit", "q"):
            screens.said(console, "Not saved.")
            return
        path = Path(typed).expanduser() if typed else folder / default
        if is_standard_output(path):
            console.file.write(text)
            console.file.flush()
            return
        if not path.is_absolute():
            path = folder / path
        if not type_suffix(path) and not path.is_dir():
            path = path.with_name(path.name + Path(default).suffix)
        try:
            summary_format(fmt, path)
        except OutputError as error:
            screens.problem(console, error.message)
            screens.said(console, "Try another name, or type skip to leave it.")
            continue
        force = False
        if typed and path.exists():  # only a name typed here is offered for replacing
            screens.said(console, f"{path} already exists. Replace it? Type y or n.")
            if clean_text(read(console)).strip().casefold() not in ("y", "yes"):
                continue
            force = True
        try:
            write_summary(path, text, force=force)
        except OutputError as error:
            screens.problem(console, error.message)
            screens.said(console, "Try another name, or type skip to leave it.")
            continue
        screens.show(console, Text(saved_line(path, fmt), style="bold"))
        return
