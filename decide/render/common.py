"""Wording and small helpers every renderer shares, so the formats agree.

Headings and the lines built from the report's fields live here; the report model
(`decide.summary.report`) holds every sentence that depends on the answers.
"""

from __future__ import annotations

from decide.summary.model import FigureView, Report

CRISIS = "If you need help now"
MATTERS = "What matters most to you"
ANYTHING_ELSE = "Anything else you said matters to you:"
COMPARISON = "The options side by side"
POINTS = "Points to raise with your specialist"
READINESS = "Your readiness"
MISSED = "Worth going over again"
QUESTIONS = "Questions to ask your specialist"
NEXT = "Next step"
OTHER = "Other options not covered here"
SOURCES = "Sources"
ABOUT = "About this summary"
NOTES = "Counselor notes (counselor copy only)"
ANSWERS = "Your answers"
NO_QUESTIONS = "No questions yet. You can write your own before the appointment."
NO_READINESS = "There were no questions about feeling ready."

FILLED, EMPTY = "●", "○"  # icon arrays in the terminal and in HTML
ASCII_FILLED, ASCII_EMPTY = "#", "."


def made_line(report: Report) -> str:
    bank = report.bank
    return (
        f"Made on {report.generated_on}. Question bank: {bank.id}, version {bank.version}, "
        f"last reviewed {bank.last_reviewed}."
    )


def counselor_line(report: Report) -> str:
    """Only in a counselor copy: says so, with the client code if there is one."""
    if not report.counselor_copy:
        return ""
    code = f" Client code: {report.client_code}." if report.client_code else ""
    return f"Counselor copy: it includes counselor notes.{code}"


def option_lines(report: Report) -> list[str]:
    """Each option with its one-line summary, in the bank's order."""
    return [f"{option.name}: {option.summary}" for option in report.options]


def option_names(report: Report) -> dict[str, str]:
    return {option.id: option.name for option in report.options}


def sources_line(keys: tuple[str, ...]) -> str:
    return f"Sources: {', '.join(keys)}." if keys else ""


def figure_sources_line(figure: FigureView, cell_sources: tuple[str, ...]) -> str:
    """A figure's sources, unless the cell it sits in lists exactly the same ones."""
    return "" if figure.sources == cell_sources else sources_line(figure.sources)


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


def icon_legend(
    figure: FigureView, per_100: int, *, filled: str = FILLED, empty: str = EMPTY
) -> str:
    return f"{filled} = {figure.event} ({per_100}); {empty} = {figure.no_event} ({100 - per_100})"
