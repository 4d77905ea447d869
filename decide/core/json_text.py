"""JSON and YAML text in which no character is invisible. Pure.

A FHIR resource or an exported answers file is read by people in editors, terminals and code
review, not only by programs. A right-to-left override (U+202E), an isolate (U+2066-U+2069), a
zero-width space or another format character from an answers file could make a value read
differently from what it is, so each one is written as its escape (`\\u202e`): the data is the
same for any JSON or YAML reader, and what a person sees is what is there.
"""

from __future__ import annotations

import json
import re
from typing import Any

# C1 controls, the soft hyphen, Arabic and Syriac format marks, zero-width and joiner
# characters, direction marks, embeddings, overrides and isolates, line and paragraph
# separators, invisible operators, the byte order mark, interlinear annotation marks and tags.
INVISIBLE = re.compile(
    "[\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f\u2028-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000e0001\U000e0020-\U000e007f]"
)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # a JSON escape outside the first plane is a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def visible_json(value: Any, *, indent: int | None = 2) -> str:
    """`value` as JSON (UTF-8 text kept readable) with every invisible character escaped."""
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    # json.dumps writes such characters only inside strings, where an escape means the same
    return INVISIBLE.sub(_escaped, text)


def has_invisible(text: str) -> bool:
    """True when `text` holds a character `visible_json` would escape."""
    return INVISIBLE.search(text) is not None
