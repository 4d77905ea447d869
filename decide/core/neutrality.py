"""Wording that steers a person toward one option.

A decision aid informs and never recommends. The bank validator refuses these phrases in any
bank text, and the report tests check every rendered summary against them. The patterns follow
the project's steering scan (shared/tools/steering-scan) and add the marketing words the bank
must not use.
"""

from __future__ import annotations

import re

STEERING_PATTERNS: tuple[str, ...] = (
    r"\bwe (?:recommend|suggest|advise)\b",
    r"\b(?:i|we) would (?:choose|pick|go with)\b",
    r"\byou should (?:choose|pick|try|go with|consider|start|get|have)\b",
    r"\b(?:is|are) (?:the )?(?:best|better|ideal|right|preferred) (?:option|choice|treatment|fit)\b",
    r"\bbest (?:option|choice|treatment|fit|match) for you\b",
    r"\b(?:better|best|good|strong|poor|weak) (?:match|fit) for you\b",
    r"\brecommended (?:option|treatment|choice)\b",
    r"\bmatch(?:es)? (?:score|percentage)\b",
    r"\b\d{1,3}\s?% (?:match|fit)\b",
    r"\bsuits you\b",
    r"\bthe winner\b",
    r"\bclearly (?:better|superior|worse)\b",
    r"\bsuperior to\b",
    r"\bmiracle\b",
    r"\bbreakthrough\b",
    r"\bguarantee[sd]?\b",
    r"\b(?:top|first) choice\b",
    r"\bsafest\b",
    r"\bmost effective\b",
    r"\b(?:score|rank|ranking) (?:for|of) (?:each )?(?:option|treatment)\b",
)

STEERING = re.compile("|".join(STEERING_PATTERNS), re.IGNORECASE)
# The same patterns for text already in lower case. On ASCII text, lower() keeps every position
# and case, for these patterns, is all that IGNORECASE changes, so it finds exactly what
# STEERING finds. With the leading \b said once, it is about 3x faster; this search was most of
# the time it takes to check a bank of long texts.
_SHARED = r"\b"
_LOWERED = re.compile(
    _SHARED + "(?:" + "|".join(p.removeprefix(_SHARED) for p in STEERING_PATTERNS) + ")"
    if all(p.startswith(_SHARED) for p in STEERING_PATTERNS)
    else "|".join(STEERING_PATTERNS)
)


def find_steering(text: str) -> str | None:
    """The first steering phrase in `text`, as written there, or None when there is none."""
    match = _LOWERED.search(text.lower()) if text.isascii() else STEERING.search(text)
    return text[match.start() : match.end()] if match else None
