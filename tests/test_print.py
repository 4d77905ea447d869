"""The printed summary, as a person gets it from a browser: Chromium's print to PDF.

The at-a-glance page prints on exactly one page at 10 pt or more with the three options side
by side, on Letter and on A4, for a typical person, the person most at risk and the fullest
answers on top of that history; the full summary meets its minimum type sizes (9 pt), its
sources do not print over each other, and a counselor's notes start on a page of their own. These tests need
/usr/bin/chromium and pdftotext (poppler-utils); where they are absent they are skipped with
the reason (CI installs both: see .ci/run). The person printed has a full interview with as
much raised as the bank allows.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
from people import RISK, TYPICAL
from report_bank import record_of
from test_glance import everything

from decide.bank import read_bank
from decide.core.model import AnswerValue, Bank
from decide.render import render
from decide.summary import build_report

CHROMIUM = Path("/usr/bin/chromium")
# .ci/run sets DECIDE_REQUIRE_PRINT=1 after installing both, so in CI a missing tool fails these
# tests instead of skipping them quietly.
REQUIRED = os.environ.get("DECIDE_REQUIRE_PRINT") == "1"
pytestmark = pytest.mark.skipif(
    not REQUIRED and (not CHROMIUM.exists() or shutil.which("pdftotext") is None),
    reason="printing needs /usr/bin/chromium and pdftotext (apt-get install chromium poppler-utils)",
)
DAY = "2026-01-20"


@cache
def bundled() -> Bank:
    return read_bank(None)


def print_to_pdf(tmp_path: Path, page: str, name: str) -> Path:
    html = tmp_path / f"{name}.html"
    html.write_text(page, encoding="utf-8")
    pdf = tmp_path / f"{name}.pdf"
    subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return pdf


def pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.rstrip("\f\n").split("\f")


def boxes(pdf: Path, first: int = 1, last: int = 0) -> list[tuple[float, float, float, float, str]]:
    """Every printed word with its box (x0, y0, x1, y1) on pages `first` to `last`."""
    args = ["pdftotext", "-bbox", "-f", str(first)] + (["-l", str(last)] if last else [])
    xml = subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        xml,
    )
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in found]


# A word's box is its font's ascent and descent: 1.164 times the type size (DejaVu Sans,
# Chromium's sans-serif here), measured on this page.
BOX = 1.164


def smallest_type(pdf: Path, first: int = 1, last: int = 0) -> float:
    return min(y1 - y0 for _, y0, _, y1, _ in boxes(pdf, first, last)) / BOX


def fullest(base: dict[str, AnswerValue]) -> dict[str, AnswerValue]:
    """Every question the person could answer, answered, every rating at the top, every text
    typed at its longest, on top of `base`'s history (its safety, history and health answers:
    with every condition at once, see the test after this one)."""
    every = everything(bundled(), "Can I keep working during treatment? " * 20)
    history = {
        q.id
        for q in bundled().questions
        if q.section == "health" or q.role in ("safety", "history")
    }
    return {**{k: v for k, v in every.items() if k not in history}, **base}


@cache
def summaries(person: str = "everything") -> dict[str, str]:
    answers = {
        "everything": everything(
            bundled(), "Can I keep working during treatment?\nWho would I see, and how often?"
        ),
        "risk": RISK,
        "typical": TYPICAL,
        "fullest": fullest(RISK),
    }[person]
    client = build_report(bundled(), record_of(answers), generated_on=DAY)
    counselor = build_report(bundled(), record_of(answers), generated_on=DAY, with_notes=True)
    return {
        "brief": render(client, "html", detail="brief"),  # the client's copy
        "counselor brief": render(counselor, "html", detail="brief"),
        "full": render(counselor, "html"),  # the counselor's copy, with the detail
    }


@pytest.mark.parametrize("person", ["typical", "risk", "fullest"])
@pytest.mark.parametrize("paper", ["Letter", "A4"])
def test_the_at_a_glance_page_prints_on_one_page_at_10_pt_with_the_options_side_by_side(
    tmp_path: Path, paper: str, person: str
) -> None:
    page = summaries(person)["brief"].replace("</style>", f"@page {{ size: {paper}; }}</style>", 1)
    pdf = print_to_pdf(tmp_path, page, f"brief-{paper}")
    printed = pages(pdf)
    assert len(printed) == 1, f"{len(printed)} pages on {paper}"
    names = [o.short_name for o in bundled().options]
    assert any(all(name in line for name in names) for line in printed[0].split("\n")), printed[0]
    assert "If you need help now" in printed[0]
    assert smallest_type(pdf) >= 9.95
    # The counselor's copy: the same one page, then the notes on a page of their own.
    counselor = summaries(person)["counselor brief"]
    counselor = counselor.replace("</style>", f"@page {{ size: {paper}; }}</style>", 1)
    with_notes = pages(print_to_pdf(tmp_path, counselor, f"counselor-{paper}"))
    assert len(with_notes) == 2 and "Counselor notes" in with_notes[1], with_notes
    assert "Counselor notes" not in with_notes[0]


def test_with_every_condition_at_once_no_contraindication_or_caution_is_left_out(
    tmp_path: Path,
) -> None:
    """The page never drops a safety point to fit: with every health condition at once (32
    of them) it needs more than one page, and says what else it left out."""
    page = summaries()["brief"]
    pdf = print_to_pdf(tmp_path, page, "every")
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    report = build_report(bundled(), record_of(everything(bundled())), generated_on=DAY)
    for entry in report.points:
        for point in entry.points:
            if point.kind in ("contraindication", "caution"):
                assert point.text in text, point.text
    assert "To keep this to one page" in text
    assert len(pages(pdf)) <= 3


def test_the_full_summary_meets_every_minimum_type_size_and_its_sources_do_not_overlap(
    tmp_path: Path,
) -> None:
    pdf = print_to_pdf(tmp_path, summaries("risk")["full"], "full")
    printed = pages(pdf)
    assert len(printed) <= 20, f"{len(printed)} pages"
    assert "Your options side by side" in printed[0] and "Counselor notes" not in printed[0]
    assert "Counselor notes" in printed[1]  # the counselor's copy: notes on a page of their own
    assert smallest_type(pdf, 2) >= 8.95  # the detail, the sources and the answers: 9 pt
    heading = re.compile(r"^\s*Sources\s*$", re.M)
    start = next(i for i, p in enumerate(printed, 1) if heading.search(p))
    end = next(i for i, p in enumerate(printed, 1) if "About this summary" in p)
    words = [w for w in boxes(pdf, start, end) if w[4] not in ("●", "○")]
    for i, (x0, y0, x1, y1, word) in enumerate(words):
        for a0, b0, a1, b1, other in words[i + 1 : i + 40]:
            overlap = min(x1, a1) - max(x0, a0) > 0.5 and min(y1, b1) - max(y0, b0) > 0.5
            assert not overlap, (word, other)


def test_the_crisis_numbers_are_links_to_call() -> None:
    page = summaries("risk")["brief"]
    assert '<a href="tel:988">988</a>' in page and '<a href="tel:911">911</a>' in page
    assert '<a href="https://988lifeline.org">988lifeline.org</a>' in page
