"""The summary as JSON, for scripts and records. The layout is documented in docs/report-json.md.

Keys come in a fixed order (the order below), so two reports of the same answers are equal
byte for byte. `format` changes only when a key is removed or changes meaning.
"""

from __future__ import annotations

from typing import Any

from decide.core.json_text import visible_json
from decide.summary.model import CellView, FigureView, Report, RowView

FORMAT = 1


def report_data(report: Report, *, detail: str = "full") -> dict[str, Any]:
    """The report as plain JSON-ready data, keys in documented order. With `detail="brief"`,
    only the keys up to and including `glance` (and, in a counselor copy, its notes)."""
    data = {
        "format": FORMAT,
        "title": report.title,
        "generated_on": report.generated_on,
        "bank": {
            "id": report.bank.id,
            "title": report.bank.title,
            "version": report.bank.version,
            "last_reviewed": report.bank.last_reviewed,
            "next_review_due": report.bank.next_review_due,
            "language": report.bank.language,
        },
        "counselor_copy": report.counselor_copy,
        "no_recommendation": report.no_recommendation,
        "completeness": {
            "answered": report.completeness.answered,
            "required": report.completeness.required,
            "complete": report.completeness.complete,
            "text": report.completeness.text,
        },
        "safety": {
            "fired": report.safety.fired,
            "fired_text": report.safety.fired_text,
            "message": report.safety.message,
            "resources": [
                {
                    "name": r.name,
                    "contact": r.contact,
                    "region": r.region,
                    "last_checked": r.last_checked,
                }
                for r in report.safety.resources
            ],
        },
        "glance": _glance(report),
        "matters_most": [
            {"question": m.question, "rating": m.rating, "label": m.label, "rows": list(m.rows)}
            for m in report.matters_most
        ],
        "anything_else": list(report.anything_else),
        "options": [
            {"id": o.id, "name": o.name, "short_name": o.short_name, "summary": o.summary}
            for o in report.options
        ],
        "rows": [_row(row) for row in report.rows],
        "considerations": {
            entry.option_id: [
                {
                    "id": p.id,
                    "kind": p.kind,
                    "row": p.row,
                    "text": p.text,
                    "sources": list(p.sources),
                }
                for p in entry.points
            ]
            for entry in report.points
        },
        "readiness": {
            "yes": report.readiness.yes,
            "out_of": report.readiness.total,
            "summary": report.readiness.summary,
            "items": [
                {
                    "id": item.id,
                    "text": item.text,
                    "answer": item.answer,
                    "suggestion": item.suggestion,
                    "ask": item.ask,
                }
                for item in report.readiness.items
            ],
            "knowledge_missed": [
                {
                    "id": m.id,
                    "text": m.text,
                    "given": m.given,
                    "correct": m.correct,
                    "explanation": m.explanation,
                }
                for m in report.readiness.missed
            ],
        },
        "questions_to_ask": [{"text": a.text, "from": a.origin} for a in report.questions_to_ask],
        "closing": report.closing,
        "other_options": [
            {"name": o.name, "text": o.text, "sources": list(o.sources)}
            for o in report.other_options
        ],
        "sequencing_note": report.sequencing_note,
        "sources": [
            {
                "key": s.key,
                "citation": s.citation,
                "kind": s.kind,
                "date": s.date,
                "url": s.url,
                "doi": s.doi,
                "number": s.number,
                "pmid": s.pmid,
                "registry": s.registry,
                "link": s.link,
            }
            for s in report.sources
        ],
        "about": {
            "authors": list(report.authors),
            "funding": report.funding,
            "update_policy": report.update_policy,
            "evidence_note": report.evidence_note,
            "next_review_due": report.bank.next_review_due,
        },
        "answers": [
            {"id": a.id, "question": a.question, "value": a.value, "label": a.label}
            for a in report.answers
        ],
        **(_counselor(report) if report.counselor_copy else {}),
    }
    if detail == "brief":
        keys = list(data)
        brief = keys[: keys.index("glance") + 1]
        if report.counselor_copy:  # the notes follow the page at every detail level
            brief += [key for key in _counselor(report) if key not in brief]
        return {key: data[key] for key in brief}
    return data


def _glance(report: Report) -> dict[str, Any]:
    page = report.glance
    return {
        "crisis_line": page.crisis_line,
        "history": page.history,
        "priorities": list(page.priorities) or [page.priorities_empty],
        "own_words": list(page.own_words),
        "shared_points": list(page.shared_points),
        "rows": [
            {
                "id": row.id,
                "title": row.title,
                "why": row.why,
                "cells": {c.option_id: {"short": c.short, "refs": list(c.refs)} for c in row.cells},
            }
            for row in page.rows
        ],
        "also_compared": page.also_compared,
        "points": {
            entry.option_id: {"points": list(entry.points), "nothing": entry.nothing}
            for entry in page.points
        },
        "points_more": page.points_more,
        "questions": list(page.questions),
        "questions_more": page.questions_more,
        "left_out": page.left_out,
        "discuss": page.discuss,
        "footer": page.footer,
    }


def _counselor(report: Report) -> dict[str, Any]:
    return {
        "client_code": report.client_code,
        "counselor_notes": [
            {"section": n.section, "text": n.text, "at": n.at} for n in report.notes
        ],
        "counselor_notes_empty": "" if report.notes else report.notes_empty,
    }


def _row(row: RowView) -> dict[str, Any]:
    return {
        "id": row.id,
        "title": row.title,
        "covers": row.covers,
        "importance": row.importance,
        "raised": row.raised,
        "raised_by_safety": row.raised_by_safety,
        "raised_because": row.raised_because,
        "less_important": row.less_important,
        "marks": list(row.marks),
        "cells": {cell.option_id: _cell(cell) for cell in row.cells},
        "notes": list(row.notes),
        "figure_note": row.figure_note,
    }


def _cell(cell: CellView) -> dict[str, Any]:
    return {
        "text": cell.text,
        "short": cell.short,
        "sources": list(cell.sources),
        "refs": list(cell.refs),
        "figures": [_figure(f) for f in cell.figures],
    }


def _figure(figure: FigureView) -> dict[str, Any]:
    comparator = figure.comparator
    return {
        "per_100": figure.per_100,
        "event": figure.event,
        "no_event": figure.no_event,
        "who": figure.who,
        "time_frame": figure.time_frame,
        "study": figure.study,
        "measure": figure.measure,
        "certainty": figure.certainty,
        "certainty_reason": figure.certainty_reason,
        "text": figure.text,
        "sureness": figure.sureness,
        "comparator": (
            {"label": comparator.label, "per_100": comparator.per_100, "text": comparator.text}
            if comparator
            else None
        ),
        "sources": list(figure.sources),
    }


def render_json(report: Report, *, detail: str = "full") -> str:
    # Bidi and other invisible controls typed into an answer are escaped (\u202e), so the
    # file shows what it holds; every other character stays readable.
    return visible_json(report_data(report, detail=detail)) + "\n"
