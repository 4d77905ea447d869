"""The people every design is tried on: the person most at risk, and a typical person.

The person most at risk is pregnant, has bipolar disorder, a pacemaker and an aneurysm, takes
lamotrigine, said yes to the self-harm question, and typed two questions and an "anything
else" of their own. One definition, so every test of the page meets the same person.
"""

from __future__ import annotations

from decide.core.model import AnswerValue

RISK: dict[str, AnswerValue] = {
    "self_harm_thoughts": True,
    "antidepressants_tried": 4,
    "adequate_trials": "all",
    "past_treatments": ["none"],
    "seizures": False,
    "implants": ["pacemaker"],
    "heart_vessels": ["aneurysm"],
    "mood_conditions": ["bipolar"],
    "pregnancy": ["pregnant"],
    "medicines": ["lamotrigine"],
    "weekday_visits": "hard",
    "has_driver": "no",
    "pref_speed": 4,
    "pref_less_time": 4,
    "pref_cost": 3,
    "pref_other": "I can't keep taking more time off work, and I worry about my baby and my heart.",
    "my_questions": "Could I keep working during treatment? Will my benzo be a problem?",
}


TYPICAL: dict[str, AnswerValue] = {
    "self_harm_thoughts": False,
    "antidepressants_tried": 3,
    "adequate_trials": "all",
    "past_treatments": ["tms"],
    "past_tms_result": "helped_some",
    "has_driver": "yes",
    "my_questions": "How soon would I know if it is working?",
}
