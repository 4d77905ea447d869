"""Text from a bank or typed by a person, made safe to show anywhere.

A summary can be printed in a terminal, saved as a file and `cat`-ed later, or opened in a
browser. Text that came from outside (a shared bank, an answers file, a person at the keyboard)
must not be able to move the cursor, change colours or retitle the window there, so every
terminal escape sequence and every other control character is removed before it reaches the
report model. Line breaks are kept; a tab becomes a space. Markup (Rich, Markdown, HTML) is
left alone here: each renderer escapes it for its own format.
"""

from __future__ import annotations

import re

# ESC-led sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), other two-byte
# escapes; then the 8-bit CSI/OSC forms; then any remaining C0/C1 control except \n.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, with or without its terminator
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[ -/]*[0-~]?"  # other escapes (and a lone ESC)
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
    r"|\x9d[^\x07\x9c]*[\x07\x9c]?"  # 8-bit OSC
)
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def find_control(text: str) -> str | None:
    """The first control character in `text` (line breaks and tabs are fine), or None."""
    match = _CONTROLS.search(text.replace("\r\n", "\n"))
    return match.group(0) if match else None


def clean_text(text: str) -> str:
    """`text` without escape sequences or control characters; \\r\\n and \\r become \\n."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _ESCAPES.sub("", text)
    return _CONTROLS.sub("", text)
