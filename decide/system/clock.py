"""The one "now" of decide: UTC, to the second, as saved in sessions and summaries."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo


def utc_now() -> str:
    """Now, as `2026-12-01T21:19:48Z`."""
    return stamp(datetime.now(UTC))


def stamp(moment: datetime) -> str:
    """`moment` in UTC as `2026-12-01T21:19:48Z` (a naive time is taken to be UTC already)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def local_timezone() -> tzinfo:
    """The person's own time zone, for the times a summary shows them."""
    return datetime.now().astimezone().tzinfo or UTC
