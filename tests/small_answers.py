"""Answers for `tests/banks/small.yaml` that several command-line tests start from."""

from __future__ import annotations

from decide.core.model import AnswerValue

# A whole set of answers for the small bank: every required visible question, plus one answer
# (goal) to a question that the other answers hide.
FULL: dict[str, AnswerValue] = {
    "self_harm": False,
    "tried": 3,
    "past": ["alpha"],
    "past_alpha": "helped",
    "seizures": False,
    "driver": True,
    "pref_speed": 4,
    "pref_effects": 1,
    "sure": False,
    "know_beta": "false",
    "low_mood": 4,
}
