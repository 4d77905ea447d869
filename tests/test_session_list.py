"""`sessions list` as a person sees it: times in their own zone exactly as `datetime` shows
them (across changes to and from summer time), stable JSON with one session a line, and a
list path that loads neither the bank checker, YAML nor Rich's tables."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from counts import examples
from hypothesis import given, settings
from hypothesis import strategies as st
from session_helpers import make_record
from small_answers import FULL

from decide.bank import read_bank
from decide.commands.sessions import _one_session_a_line
from decide.core.typed import clean_text
from decide.sessions import SessionStore
from decide.sessions.files import moment
from decide.sessions.overview import Overview
from decide.terminal.session_list import clean, list_text, local_time

REPO = Path(__file__).resolve().parent.parent
BANK = REPO / "tests" / "banks" / "small.yaml"

# Named zones, and POSIX rules that need no zone files: summer time in both hemispheres, an
# offset of half an hour and of 45 minutes, Lord Howe's half-hour summer time, and a made-up
# zone that changes twice within an hour.
ZONES = [
    "UTC",
    "America/New_York",
    "Europe/London",
    "Australia/Lord_Howe",
    "Asia/Kathmandu",
    "America/St_Johns",
    "EST5EDT,M3.2.0,M11.1.0",
    "ACST-9:30ACDT,M10.1.0,M4.1.0/3",
    "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0",
    "NPT-5:45",
    "AAA0BBB,J1/0:10,J1/1:50",  # summer time for 40 minutes: two changes within one hour
]


@contextmanager
def in_zone(name: str) -> Iterator[None]:
    """The process's time zone (TZ) set to `name`, and put back after."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


@pytest.fixture
def zone() -> Iterator[Any]:
    """Set the process's time zone for a test (`zone(name)`), put back after."""
    with ExitStack() as stack:
        yield lambda name: stack.enter_context(in_zone(name))


def by_datetime(stamp: str) -> str:
    """What `local_time` showed before it had a quicker way: datetime's own conversion."""
    try:
        t = datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return clean_text(stamp)
    return f"{t.year:04d}-{t.month:02d}-{t.day:02d} {t.hour:02d}:{t.minute:02d}"


def stamp_of(moment_: datetime) -> str:
    return moment_.strftime("%Y-%m-%dT%H:%M:%SZ")


def every_minute_around(when: datetime, hours: int = 3) -> list[str]:
    start = when - timedelta(hours=hours)
    return [
        stamp_of(start + timedelta(minutes=m, seconds=s))
        for m in range(hours * 120)
        for s in (0, 59)
    ]


# The changes of 2026 in each hemisphere (UTC): New York, London, Lord Howe, Adelaide, and
# the made-up zone's.
CHANGES = [
    datetime(2026, 3, 8, 7, tzinfo=UTC),
    datetime(2026, 11, 1, 6, tzinfo=UTC),
    datetime(2026, 3, 29, 1, tzinfo=UTC),
    datetime(2026, 10, 25, 1, tzinfo=UTC),
    datetime(2026, 4, 4, 15, tzinfo=UTC),
    datetime(2026, 10, 3, 15, 30, tzinfo=UTC),
    datetime(2026, 4, 4, 16, 30, tzinfo=UTC),
    datetime(2026, 10, 3, 16, 30, tzinfo=UTC),
    datetime(2026, 1, 1, 0, 30, tzinfo=UTC),
]


@pytest.mark.parametrize("name", ZONES)
def test_local_times_are_those_datetime_shows_across_every_change_of_offset(
    zone: Any, name: str
) -> None:
    zone(name)
    stamps = [s for change in CHANGES for s in every_minute_around(change)]
    assert [local_time(s) for s in stamps] == [by_datetime(s) for s in stamps]
    assert [moment(s) for s in stamps] == [datetime.fromisoformat(s).timestamp() for s in stamps]


@settings(max_examples=examples(300), deadline=None)
@given(
    name=st.sampled_from(ZONES),
    seconds=st.integers(-(10**9), 33_000_000_000),
    form=st.sampled_from(["Z", "+05:30", "", "-00:00", ".5Z"]),
)
def test_any_time_in_any_zone_is_shown_as_datetime_shows_it(
    name: str, seconds: int, form: str
) -> None:
    with in_zone(name):
        when = datetime(1970, 1, 1) + timedelta(seconds=seconds)
        stamp = when.strftime("%Y-%m-%dT%H:%M:%S") + form
        try:
            expected = by_datetime(stamp)
        except OverflowError:  # beyond year 9999 in this zone: no quicker way is tried
            return
        assert local_time(stamp) == expected
        expected_moment = datetime.fromisoformat(stamp)
        if expected_moment.tzinfo is None:
            expected_moment = expected_moment.replace(tzinfo=UTC)
        assert moment(stamp) == expected_moment.timestamp()


@pytest.mark.parametrize(
    "stamp",
    [
        "2026-02-30T10:00:00Z",
        "2026-13-01T10:00:00Z",
        "2026-03-01T24:00:00Z",
        "2026-03-01T10:60:00Z",
        "2026-03-01T10:00:60Z",
        "2026-03-01T10:00:0aZ",
        "２０２６-03-01T10:00:00Z",
        "1970-01-01T00:00:00Z",
        "3000-01-01T00:00:00Z",
        "2026-03-01T10:00:00z",
        "2026-03-01 10:00:00Z",
        "not a time\x1b[31m",
        "",
    ],
)
def test_a_time_not_as_decide_writes_it_is_shown_as_before(zone: Any, stamp: str) -> None:
    zone("EST5EDT,M3.2.0,M11.1.0")
    assert local_time(stamp) == (by_datetime(stamp) if stamp else "never")


def item(number: int, client_code: str | None = None, **fields: Any) -> Overview:
    values: dict[str, Any] = {
        "id": f"b{number:05d}",
        "client_code": client_code,
        "mode": "counselor",
        "started": "2026-05-01T10:00:00Z",
        "updated": f"2026-05-01T11:{number % 60:02d}:00Z",
        "last_answer": None,
        "answered": number,
        "visible": 30,
        "finished": False,
        "crisis_fired": False,
        "crisis_at": None,
        "bank_id": "b",
        "bank_version": "1",
        "bank_changed": False,
    }
    return Overview(**{**values, **fields})


def one_call_a_session(document: dict[str, Any]) -> str:
    """The --json text as it was first written: one json.dumps per session."""
    parts = []
    for key, value in document.items():
        if key == "sessions" and value:
            lines = ",\n".join(f"    {json.dumps(each)}" for each in value)
            parts.append(f"  {json.dumps(key)}: [\n{lines}\n  ]")
        else:
            shown = json.dumps(value, indent=2).replace("\n", "\n  ")
            parts.append(f"  {json.dumps(key)}: {shown}")
    return "{\n" + ",\n".join(parts) + "\n}"


@settings(max_examples=examples(200), deadline=None)
@given(
    codes=st.lists(
        st.one_of(
            st.none(),
            st.text(max_size=12),
            st.sampled_from(['}, {"id": ', '"}, {"id": "x', "\\", '"', "}\n{"]),
        ),
        max_size=6,
    )
)
def test_json_has_one_session_a_line_whatever_the_client_codes(
    codes: list[str | None],
) -> None:
    items = [item(n, code).as_json() for n, code in enumerate(codes)]
    document = {"format": 1, "store": "/s", "sessions": items, "damaged": []}
    text = _one_session_a_line(document, "sessions")
    assert text == one_call_a_session(document)
    assert json.loads(text) == document


def test_the_list_says_each_session_in_plain_lines(zone: Any) -> None:
    zone("UTC")
    items = [
        item(1, "C-1\x1b[2J", crisis_fired=True, crisis_at="2026-05-01T10:30:00Z"),
        item(2, None, mode="patient", visible=None, finished=True, set_aside=2),
    ]
    text = list_text(items, "/s", bold=False)
    assert text.splitlines()[:10] == [
        "2 saved sessions in /s, last saved first:",
        "",
        "b00001  counselor mode, client C-1",
        "  Crisis resources were shown on 2026-05-01 10:30.",
        "  started 2026-05-01 10:00, last saved 2026-05-01 11:01",
        "  1 of 30 answered, not finished",
        "",
        "b00002  patient mode",
        "  started 2026-05-01 10:00, last saved 2026-05-01 11:02",
        "  2 answered, finished",
    ]
    assert "2 answers set aside (they did not fit a bank): decide sessions show b00002" in text
    assert "\x1b" not in text
    assert "\x1b[1mb00001\x1b[0m" in list_text(items, "/s", bold=True)


def loaded_by(*args: str) -> set[str]:
    code = (
        f"import sys; sys.argv = ['decide', *{list(args)!r}]\n"
        "from decide.cli import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sys.modules), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=60,
    )
    return set(done.stderr.split())


@pytest.mark.parametrize("form", [[], ["--json"], ["--plain"]])
def test_listing_loads_no_checker_yaml_or_rich_tables(tmp_path: Path, form: list[str]) -> None:
    root = tmp_path / "store"
    bank = read_bank(BANK)
    for _ in range(2):
        with SessionStore(root).create(bank, make_record(**FULL)):
            pass
    args = ["sessions", "list", "--store", str(root), "--bank", str(BANK), *form]
    loaded_by(*args)  # the first list makes the index (the bank is in the cache already)
    loaded = loaded_by(*args)
    assert "decide.sessions.index" in loaded  # it did list
    assert not {"decide.bank.load", "decide.bank.checker", "yaml", "rich.table"} & loaded


def as_printed_before(items: list[Overview], root: str) -> str:
    """The plain list as `print_list` wrote it before: a line at a time, datetime's times."""

    def who(item: Overview) -> str:
        parts = [f"{item.mode} mode"]
        if item.client_code:
            parts.append(f"client {clean_text(item.client_code)}")
        return ", ".join(parts)

    def shown(stamp: str | None) -> str:
        return by_datetime(stamp) if stamp else "never"

    count = len(items)
    lines = [
        f"{count} saved session{'s' if count != 1 else ''} in {clean_text(root)}, last saved first:"
    ]
    for item in items:
        lines.append("")
        lines.append(f"{item.id}  {who(item)}")
        if item.crisis_fired:
            when = f" on {shown(item.crisis_at)}" if item.crisis_at else ""
            lines.append(f"  Crisis resources were shown{when}.")
        lines.append(f"  started {shown(item.started)}, last saved {shown(item.updated)}")
        state = "finished" if item.finished else "not finished"
        progress = (
            f"{item.answered} answered"
            if item.visible is None
            else (f"{item.answered} of {item.visible} answered")
        )
        lines.append(f"  {progress}, {state}")
        if item.set_aside:
            kept = f"{item.set_aside} answer{'s' if item.set_aside != 1 else ''}"
            lines.append(
                f"  {kept} set aside (they did not fit a bank): decide sessions show {item.id}"
            )
    lines += ["", "Continue one with:", "  decide resume ID"]
    return "\n".join(lines) + "\n"


stamps = st.one_of(
    st.integers(0, 2_000_000_000).map(
        lambda s: stamp_of(datetime(1970, 1, 1) + timedelta(seconds=s))
    ),
    st.sampled_from(["2026-03-08T02:30:00", "2026-11-01T01:30:00-04:00", "garbage\x1b[2J"]),
)


@settings(max_examples=examples(200), deadline=None)
@given(
    sessions=st.lists(
        st.fixed_dictionaries(
            {
                "client_code": st.one_of(st.none(), st.text(max_size=8)),
                "mode": st.sampled_from(["patient", "counselor"]),
                "started": stamps,
                "updated": stamps,
                "visible": st.one_of(st.none(), st.integers(0, 99)),
                "finished": st.booleans(),
                "crisis_fired": st.booleans(),
                "crisis_at": st.one_of(st.none(), stamps),
                "set_aside": st.integers(0, 3),
            }
        ),
        max_size=5,
    ),
    root=st.text(max_size=12),
)
def test_the_plain_list_is_what_it_was_line_for_line(
    sessions: list[dict[str, Any]], root: str
) -> None:
    items = [item(n, **fields) for n, fields in enumerate(sessions)]
    with in_zone("EST5EDT,M3.2.0,M11.1.0"):
        if items:
            assert list_text(items, root, bold=False) == as_printed_before(items, root)


def test_on_a_terminal_the_ids_are_bold_and_the_lines_the_same(tmp_path: Path) -> None:
    """In a real terminal (colour on): bold ids, otherwise the very lines of --plain."""
    import pexpect
    from terminal_helpers import spawn_decide

    root = tmp_path / "store"
    bank = read_bank(BANK)
    with SessionStore(root).create(bank, make_record(**FULL)) as session:
        sid = session.id
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    args = ["sessions", "list", "--store", str(root), "--bank", str(BANK)]
    shown = []
    for extra in ([], ["--plain"]):
        child = spawn_decide(
            [*args, *extra],
            cwd=str(REPO),
            env={**env, "TERM": "xterm-256color"},
            encoding="utf-8",
            timeout=30,
            dimensions=(24, 100),
        )
        child.expect(pexpect.EOF)
        shown.append((child.before or "").replace("\r", ""))
    colour, plain = shown
    assert f"\n\x1b[1m{sid}\x1b[0m  " in colour
    assert f"\n{sid}  " in plain and "\x1b" not in plain
    assert colour.replace("\x1b[1m", "").replace("\x1b[0m", "") == plain


@given(text=st.text())
def test_a_code_or_path_is_cleaned_as_everywhere_else(text: str) -> None:
    assert clean(text) == clean_text(text)
