"""How much the slow tests do, scaled from the one hypothesis profile that conftest.py loads.

`HYPOTHESIS_PROFILE=ci` (what `.ci/run` sets) runs every test at its full count: the numbers
written in the tests. The default profile, for a plain `pytest`, runs the same tests with a
fifth of the examples and repeats, never fewer than a few: every test still runs.
"""

from __future__ import annotations

from hypothesis import settings

FULL_EXAMPLES = 100  # max_examples in the ci profile: hypothesis's own default
FEWEST = 5


def scale() -> float:
    """The loaded profile's examples against the ci profile's: 1.0 in ci, less by default."""
    return settings().max_examples / FULL_EXAMPLES


def examples(full: int) -> int:
    """`max_examples` for a property test that tries `full` examples in the ci profile."""
    return max(FEWEST, round(full * scale()))


def repeats(full: int) -> int:
    """How many times a slow loop (kills, rounds) runs when the ci profile runs it `full` times."""
    return max(min(full, FEWEST), round(full * scale()))
