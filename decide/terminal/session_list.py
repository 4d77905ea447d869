"""How `decide sessions list` looks on screen: plain lines, and times in the person's own zone.

One short block per session rather than a wide table, so the list reads well at 40 columns and
through a screen reader. The lines are written straight to standard output, never laid out by
Rich: Rich's layout of 40,000 lines was most of the time of listing a counselor's 10,000
sessions, and this module imports no Rich at all unless the list is empty or in colour.
Everything from a session file goes through `clean` (in `who`, `local_time`), so a
hand-edited file cannot move the cursor; ids are checked names.
"""

from __future__ import annotations

import sys
import time
from datetime import date, datetime

from decide.sessions.again import command as typed_command
from decide.sessions.files import utc_seconds
from decide.sessions.overview import Overview

_EPOCH_DAY = date(1970, 1, 1).toordinal()
_prefixes: dict[int, str] = {}  # a local hour's start -> it as shown ("2026-12-01 22:")


def clean(text: str) -> str:
    """`text` as `decide.core.typed.clean_text` shows it: printable ASCII holds nothing it takes
    out (no escape, control or line break), so 10,000 client codes need not each go through
    its patterns (nor a list import them)."""
    if text.isascii() and text.isprintable():
        return text
    from decide.core.typed import clean_text

    return clean_text(text)


def local_time(stamp: str | None) -> str:
    """An ISO time as the person's local date and time, to the minute.

    A time as decide writes it is worked out without building a datetime, by the same
    arithmetic as `datetime.astimezone()`: the UTC time plus the zone's offset at that very
    second, from the same C `localtime`, so a change to or from summer time is shown the same.
    """
    if not stamp:
        return "never"
    utc = utc_seconds(stamp)
    if utc is None:  # any other form of time
        try:
            t = datetime.fromisoformat(stamp).astimezone()
            # by hand: strftime was a tenth of listing 10,000 sessions
            return f"{t.year:04d}-{t.month:02d}-{t.day:02d} {t.hour:02d}:{t.minute:02d}"
        except ValueError:
            return clean(stamp)
    offset = time.localtime(utc).tm_gmtoff  # at this second: exact across any change
    if offset % 3600:
        return _shown(utc + offset)
    hour = utc - utc % 3600 + offset  # whole hours: the minute is the UTC minute
    prefix = _prefixes.get(hour)
    if prefix is None:
        prefix = _prefixes[hour] = _shown(hour)[:-2]
    return prefix + stamp[14:16]


def _shown(local: int) -> str:
    """Seconds since 1970 on the local clock, as `YYYY-MM-DD HH:MM`."""
    day, second = divmod(local, 86400)
    when = date.fromordinal(day + _EPOCH_DAY)
    return (
        f"{when.year:04d}-{when.month:02d}-{when.day:02d} "
        f"{second // 3600:02d}:{second % 3600 // 60:02d}"
    )


def progress(item: Overview) -> str:
    if item.visible is None:
        return f"{item.answered} answered"
    return f"{item.answered} of {item.visible} answered"


def who(item: Overview) -> str:
    parts = [f"{item.mode} mode"]
    if item.client_code:
        parts.append(f"client {clean(item.client_code)}")
    return ", ".join(parts)


def crisis_words(item: Overview) -> str:
    """Said in words, not by colour alone, so a counselor scanning the list sees it."""
    when = f" on {local_time(item.crisis_at)}" if item.crisis_at else ""
    return f"Crisis resources were shown{when}."


def print_list(items: list[Overview], root: str, *, plain: bool) -> None:
    """The list on standard output; bold ids only on a terminal that shows colour."""
    if not items or not plain:
        from decide.terminal.output import make_console

        console = make_console(plain)  # colour, or the one sentence, as every message
        if not items:
            from rich.text import Text

            console.print(Text(f"No saved sessions in {root}."), soft_wrap=True)
            return
        out, bold = console.file, console.color_system is not None
    else:
        out, bold = sys.stdout, False
    out.write(list_text(items, root, bold=bold))
    out.flush()


def list_text(items: list[Overview], root: str, *, bold: bool) -> str:
    """The lines of a list of one or more sessions."""
    on, off = ("\x1b[1m", "\x1b[0m") if bold else ("", "")
    count = len(items)
    sessions = f"{count} saved session{'s' if count != 1 else ''}"
    lines = [f"{sessions} in {clean(root)}, last saved first:"]
    for item in items:  # one block of lines per session, after an empty line
        crisis = f"\n  {on}{crisis_words(item)}{off}" if item.crisis_fired else ""
        state = "finished" if item.finished else "not finished"
        kept = ""
        if item.set_aside:
            answers = f"{item.set_aside} answer{'s' if item.set_aside != 1 else ''}"
            kept = (
                f"\n  {answers} set aside (they did not fit a bank): decide sessions show {item.id}"
            )
        lines.append(
            f"\n{on}{item.id}{off}  {who(item)}{crisis}\n"
            f"  started {local_time(item.started)}, last saved {local_time(item.updated)}\n"
            f"  {progress(item)}, {state}{kept}"
        )
    lines.append("")
    lines.append("Continue one with:")
    lines.append(f"  {typed_command('resume', 'ID')}")  # a line of its own, never broken
    return "\n".join(lines) + "\n"
