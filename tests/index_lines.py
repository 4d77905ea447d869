"""The session index's lines as a test reads and forges them, from the format alone.

`.sessions-index` is a header line (`decide-session-index 2 ` and the CRC-32 of the rest, as 8
hex digits), then one line per session: a JSON array whose first field is the CRC-32 (8 hex
digits) of the line's text after that field.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

from decide.sessions.index import ROW


def crc(payload: bytes) -> bytes:
    return b"%08x" % zlib.crc32(payload)


FIELDS = ROW[1:]  # what a line holds after its checksum


def line(values: Any) -> bytes:
    """One line (without its end) holding `values` after its checksum, which is right."""
    payload = json.dumps(values, separators=(",", ":")).encode("ascii")
    if payload.startswith(b"["):
        return b'["' + crc(payload[1:]) + b'",' + payload[1:]
    return payload  # not an array: no checksum to put in it


def rows(path: Path) -> dict[str, dict[str, Any]]:
    """Each session line of an index or save log, by id, as a dict of its named fields."""
    lines = path.read_bytes().split(b"\n")
    if lines[0].startswith(b"decide-session-index"):
        lines = lines[1:]
    found = {}
    for each in filter(None, lines):
        values = json.loads(each)
        found[values[1]] = dict(zip(ROW, values, strict=True))
    return found


def index_text(fields: list[dict[str, Any]]) -> bytes:
    """A whole index of these lines, its header's checksum right."""
    body = b"".join(line([f[name] for name in FIELDS]) + b"\n" for f in fields)
    return b"decide-session-index 2 " + crc(body) + b"\n" + body


def forged(fields: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**fields, **changes}
