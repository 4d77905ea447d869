"""The one line of history a specialist reads first, and the page's footer.

The history line is built from the answers to the bank's first history section (what was
tried, how long, and past treatments with how each went), in the bank's own words: every
question is said with its answer, so nothing is paraphrased into a claim the person did not
make. A choice's follow-up question (one shown when that choice is picked) is said beside it.
"""

from __future__ import annotations

from collections.abc import Mapping

from decide.core.display_text import clean_text
from decide.core.model import AnswerValue, Bank, Question, Test
from decide.summary.parts import answer_label

SOURCES_NOTE = "Numbered sources: see the detail, or decide report --detail full."


def _follow_ups(bank: Bank, questions: list[Question]) -> dict[tuple[str, str], Question]:
    """(multi question id, choice id) -> the question shown when that choice is picked."""
    multis = {q.id for q in questions if q.type == "multi"}
    found: dict[tuple[str, str], Question] = {}
    for q in questions:
        cond = q.show_if
        if isinstance(cond, Test) and cond.op == "includes" and cond.question in multis:
            found[(cond.question, str(cond.value))] = q
    return found


def history_line(bank: Bank, answers: Mapping[str, AnswerValue]) -> str:
    """ "Your history: <question> <answer>. …", or "" when none was answered.
    `answers` must be effective answers."""
    section = next((q.section for q in bank.questions if q.role == "history"), None)
    questions = [q for q in bank.questions if q.section == section and q.role == "history"]
    follow = _follow_ups(bank, questions)
    inline = {q.id for q in follow.values()}
    said: list[str] = []
    for q in questions:
        if q.id in inline or q.id not in answers:
            continue
        value = answers[q.id]
        if q.type == "multi" and isinstance(value, list):
            picks = []
            for choice_id in value:
                choice = q.choice(choice_id)
                label = choice.label if choice else choice_id
                then = follow.get((q.id, choice_id))
                if then is not None and then.id in answers:
                    label += f" ({answer_label(then, answers[then.id]).lower()})"
                picks.append(label)
            said.append(f"{q.text} {'; '.join(picks)}.")
        else:
            said.append(f"{q.text} {answer_label(q, value)}.")
    return clean_text("Your history: " + " ".join(said)) if said else ""


def footer_line(bank: Bank) -> str:
    """Whose content this is and how current: title, version, review date, authors, sources."""
    meta = bank.meta
    return clean_text(
        f"{meta.title}, version {meta.version}, last reviewed {meta.last_reviewed}, written by "
        f"{', '.join(meta.authors)}. {SOURCES_NOTE}"
    )
