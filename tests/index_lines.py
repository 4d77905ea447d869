"""The session index's lines as a test reads and forges them, from the format alone.

`.sessions-index` is a header line (`decide-session-index 2 ` and the CRC-32 of the rest, as 8
hex digits), then one line per session: the CRC-32 of its JSON array, a space, the array.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

from decide.sessions.index import ROW


def crc(payload: bytes) -> bytes:
    return b"%08x" % zlib.crc32(payload)


def line(row: list[Any]) -> bytes:
    """One line (without its end) for `row`, with its checksum right."""
    payload = json.dumps(row, separators=(",", ":")).encode("ascii")
    return crc(payload) + b" " + payload


def rows(path: Path) -> dict[str, dict[str, Any]]:
    """Each session line of an index or save log, by id, as a dict of its named fields."""
    lines = path.read_bytes().split(b"\n")
    if lines[0].startswith(b"decide-session-index"):
        lines = lines[1:]
    found = {}
    for each in filter(None, lines):
        values = json.loads(each[9:])
        found[values[0]] = dict(zip(ROW, values, strict=True))
    return found


def index_text(fields: list[dict[str, Any]]) -> bytes:
    """A whole index of these lines, its header's checksum right."""
    body = b"".join(line([f[name] for name in ROW]) + b"\n" for f in fields)
    return b"decide-session-index 2 " + crc(body) + b"\n" + body


def forged(fields: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**fields, **changes}
