"""Small pieces of the report model: figures, sources and answers, each put into words once.

Figures always read "about N out of 100 <event>; about 100-N out of 100 <no event>", with who
they apply to, the time frame and the study, so both sides of the frame are always there.
"""

from __future__ import annotations

from collections.abc import Mapping

from decide.core.display_text import clean_text
from decide.core.model import AnswerValue, Bank, Figure, Question, Source
from decide.summary.model import AnswerView, ComparatorView, FigureView, SourceView


def out_of_100(per_100: int, event: str, no_event: str) -> str:
    return f"about {per_100} out of 100 {event}; about {100 - per_100} out of 100 {no_event}"


def figure_view(figure: Figure) -> FigureView:
    event, no_event = clean_text(figure.event), clean_text(figure.no_event)
    comparator = None
    if figure.comparator is not None:
        label = clean_text(figure.comparator.label)
        per_100 = figure.comparator.per_100
        comparator = ComparatorView(
            label, per_100, f"For comparison, with {label}: {out_of_100(per_100, event, no_event)}."
        )
    who, time_frame, study = (clean_text(t) for t in (figure.who, figure.time_frame, figure.study))
    measure, reason = clean_text(figure.measure), clean_text(figure.certainty_reason)
    return FigureView(
        per_100=figure.per_100,
        event=event,
        no_event=no_event,
        who=who,
        time_frame=time_frame,
        study=study,
        sources=figure.sources,
        measure=measure,
        certainty=figure.certainty,
        certainty_reason=reason,
        text=_capital(out_of_100(figure.per_100, event, no_event)) + ".",
        context=f"{_capital(measure)}. Who: {who}. Time: {time_frame}. Study: {study}.",
        sureness=sureness(figure.certainty, reason),
        comparator=comparator,
    )


OUR_RATING = "This is our rating, not a formal GRADE assessment."


def sureness(certainty: str, reason: str) -> str:
    """How sure we are of a figure, in words, said the same way for every figure."""
    return f"How sure we are: {certainty} ({reason}). {OUR_RATING}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _web_address(address: str | None) -> str | None:
    if address and address.lower().startswith(("https://", "http://")):
        return clean_text(address)
    return None


def primary_link(source: Source) -> str | None:
    """The one address to follow for a source: its DOI, else its PubMed record, else its
    ClinicalTrials.gov record, else its url; None when it has none of these."""
    if source.doi and " " not in source.doi.strip():
        return _web_address(f"https://doi.org/{clean_text(source.doi.strip())}")
    if source.pmid and source.pmid.strip().isdigit():
        return f"https://pubmed.ncbi.nlm.nih.gov/{source.pmid.strip()}/"
    if source.registry and source.registry.strip().upper().startswith("NCT"):
        return f"https://clinicaltrials.gov/study/{clean_text(source.registry.strip())}"
    return _web_address(source.url)


def source_views(bank: Bank) -> tuple[SourceView, ...]:
    views = []
    for number, (key, source) in enumerate(bank.sources.items(), start=1):
        citation = clean_text(source.citation)
        if source.no_link:
            citation += f" No primary link: {clean_text(source.no_link)}"
        views.append(
            SourceView(
                key=key,
                citation=citation,
                kind=source.kind,
                date=source.date,
                url=clean_text(source.url) if source.url else None,
                doi=clean_text(source.doi) if source.doi else None,
                pmid=clean_text(source.pmid) if source.pmid else None,
                registry=clean_text(source.registry) if source.registry else None,
                link=primary_link(source),
                number=number,
            )
        )
    return tuple(views)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def scale_label(question: Question, value: int) -> str:
    """ "Extremely (4 of 4)", or "3 of 4" when the bank has no label for that point."""
    top = f" of {_number(question.max)}" if question.max is not None else ""
    label = question.labels.get(value, "")
    return f"{label} ({value}{top})" if label else f"{value}{top}"


def answer_label(question: Question, value: AnswerValue) -> str:
    """An answer as a person reads it: choice labels, yes/no, numbers with their unit."""
    if question.type == "yesno" and isinstance(value, bool):
        return "Yes" if value else "No"
    if question.type == "single" and isinstance(value, str):
        choice = question.choice(value)
        return choice.label if choice else value
    if question.type == "multi" and isinstance(value, list):
        return "; ".join((c.label if (c := question.choice(v)) else v) for v in value)
    if question.type == "scale" and isinstance(value, int) and not isinstance(value, bool):
        return scale_label(question, value)
    if question.type == "number" and isinstance(value, int | float) and not isinstance(value, bool):
        return f"{_number(value)} {question.unit}".strip()
    return str(value)


def _clean_value(value: AnswerValue) -> AnswerValue:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_text(v) for v in value]
    return value


def answer_views(bank: Bank, answers: Mapping[str, AnswerValue]) -> tuple[AnswerView, ...]:
    """The answers that apply, in bank order. `answers` must be effective answers."""
    return tuple(
        AnswerView(
            id=question.id,
            question=clean_text(question.text),
            value=_clean_value(answers[question.id]),
            label=clean_text(answer_label(question, answers[question.id])),
        )
        for question in bank.questions
        if question.id in answers
    )
