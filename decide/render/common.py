"""Wording and small helpers every renderer shares, so the formats agree.

Headings and the lines built from the report's fields live here; the report model
(`decide.summary.report`) holds every sentence that depends on the answers.
"""

from __future__ import annotations

from decide.summary.model import FigureView, Report

PRIORITIES = "What matters most to you"
GRID = "Your options side by side"
GRID_INTRO = "options always in this order; your topics first"
GLANCE_POINTS = "Points to raise"
GLANCE_SHARED = "For every option"
GLANCE_QUESTIONS = "Questions to ask"
OWN_WORDS = "In your words"
DETAIL = "The detail"
DETAIL_INTRO = "Everything in full: every topic, the numbers, your answers and the sources."
CRISIS = "If you need help now"
MATTERS = "What matters most to you"
ANYTHING_ELSE = "Anything else you said matters to you:"
COMPARISON = "The options side by side"
TOPIC = "Topic"
POINTS = "Points to raise with your specialist"
READINESS = "Your readiness"
MISSED = "Worth going over again"
QUESTIONS = "Questions to ask your specialist"
NEXT = "Next step"
OTHER = "Other options not covered here"
SOURCES = "Sources"
ABOUT = "About this summary"
NOTES = "Counselor notes"
ANSWERS = "Your answers"
NO_QUESTIONS = "No questions yet. You can write your own before the appointment."
NO_READINESS = "There were no questions about feeling ready."

FILLED, EMPTY = "●", "○"  # icon arrays in the terminal and in HTML


def made_line(report: Report) -> str:
    bank = report.bank
    return (
        f"Made on {report.generated_on}. Question bank: {bank.id}, version {bank.version}, "
        f"last reviewed {bank.last_reviewed}."
    )


def short_made_line(report: Report) -> str:
    """The date and bank version, for the one-page summary."""
    return f"Made on {report.generated_on} with {report.bank.id} version {report.bank.version}."


def counselor_line(report: Report) -> str:
    """Only in a counselor copy: says so, with the client code if there is one."""
    if not report.counselor_copy:
        return ""
    code = f" Client code: {report.client_code}." if report.client_code else ""
    notes = "its notes follow the at-a-glance page" if report.notes else "no notes were taken"
    return f"Counselor copy: {notes}.{code}"


def option_lines(report: Report) -> list[str]:
    """Each option with its one-line summary, in the bank's order."""
    return [f"{option.name}: {option.summary}" for option in report.options]


def option_names(report: Report) -> dict[str, str]:
    return {option.id: option.name for option in report.options}


def refs_line(refs: tuple[int, ...]) -> str:
    """A cell's sources, once, by their numbers in the list of sources."""
    if not refs:
        return ""
    return f"Source{'s' if len(refs) > 1 else ''}: {', '.join(f'[{n}]' for n in refs)}."


def source_entry(number: int, citation: str, date: str) -> str:
    return f"[{number}] {citation} ({date})"


def figure_label(figure: FigureView) -> str:
    """What a figure counts, in words: the measure, who, when, which study, how sure we are."""
    return f"{figure.text} {figure.context} {figure.sureness}"


def with_more(text: str, more: str) -> str:
    """ "Questions to ask (3 more in the detail)": a count of what the detail adds, if any."""
    return f"{text} ({more})" if more else text


def glance_points(points: tuple[str, ...], more: str, nothing: str) -> str:
    return with_more(" ".join(points), more) if points else nothing


def priorities_line(report: Report) -> str:
    return " ".join(report.glance.priorities) or report.glance.priorities_empty


def own_words_lines(report: Report) -> list[str]:
    """What they wrote about what matters to them, whole, each in quotes."""
    return [f"{OWN_WORDS}: “{text}”" for text in report.glance.own_words]


def resource_line(name: str, region: str, contact: str) -> str:
    return f"{name} ({region}): {contact}"


def readiness_answer(answer: bool | None) -> str:
    return {True: "yes", False: "no", None: "not answered"}[answer]


def missed_lines(given: str, correct: str) -> str:
    return f"You picked: {given}. The answer is: {correct}."


def about_lines(report: Report) -> list[str]:
    return [
        f"Written by: {', '.join(report.authors)}.",
        f"Funding: {report.funding}",
        f"Updates: {report.update_policy}",
        f"Last reviewed {report.bank.last_reviewed}. "
        f"Next review due {report.bank.next_review_due}.",
        f"How the evidence was chosen: {report.evidence_note}",
    ]


def icon_rows(per_100: int, *, filled: str = FILLED, empty: str = EMPTY) -> list[str]:
    """Ten lines of ten icons: the first `per_100` filled, row by row."""
    icons = [filled] * per_100 + [empty] * (100 - per_100)
    return [" ".join(icons[i : i + 10]) for i in range(0, 100, 10)]


def icon_key(figure: FigureView, per_100: int, *, filled: str = FILLED, empty: str = EMPTY) -> str:
    """The key beside every icon array: a filled dot is always the outcome the figure counts."""
    return (
        f"Key: each dot is 1 person out of 100. {filled} = {figure.event} ({per_100}); "
        f"{empty} = {figure.no_event} ({100 - per_100})."
    )
