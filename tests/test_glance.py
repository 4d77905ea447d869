"""The summary a person brings to the appointment: the at-a-glance page first, the detail after.

What a person can see: the one-page view is at most about 750 words whatever the answers, with
no side-by-side columns in plain text, every typed question whole, the history line and the
review footer; an unfinished interview says so at the top, the
counselor's notes follow the first page, every source and address is listed once, and every
icon array has its key and the different-studies note beside it.
"""

from __future__ import annotations

import html
import io
import re
from datetime import timedelta, timezone
from functools import cache
from pathlib import Path

from counts import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from people import RISK
from report_bank import SPEED_FIRST, make_bank, record_of
from rich.console import Console
from test_no_recommendation import answer_sets
from typer.testing import CliRunner, Result

from decide.bank import read_bank
from decide.cli import app
from decide.core.model import AnswerValue, Bank
from decide.core.record import CounselorNote, GivenAnswer, InterviewRecord
from decide.render import render
from decide.render.terminal import print_report
from decide.sessions import SessionStore
from decide.summary import build_report

DAY = "2026-01-20"
WORDS = 750  # read aloud in under four minutes
LONG = " ".join(["averyverylongword"] * 60)


@cache
def bundled() -> Bank:
    return read_bank(None)


NAMES = ("TMS", "Esketamine spray", "IV ketamine")


def brief_at_100(report_answers: dict[str, AnswerValue], **fields: object) -> str:
    report = build_report(bundled(), record_of(report_answers, **fields), generated_on=DAY)
    return render(report, "text", detail="brief", width=100)


def never_left_out(report_answers: dict[str, AnswerValue], **fields: object) -> int:
    """Words the page shows whatever the room: every contraindication and caution, and the
    person's own words (their typed questions up to the limit and their "anything else")."""
    report = build_report(bundled(), record_of(report_answers, **fields), generated_on=DAY)
    page = report.glance
    safety = [
        p.text
        for entry in report.points
        for p in entry.points
        if p.kind in ("contraindication", "caution") and p.text not in page.shared_points
    ]
    mine = [a.text for a in report.questions_to_ask if a.origin == "yours"][:8]
    texts = [*safety, *page.shared_points, *page.own_words, *mine]
    return sum(len(t.split()) for t in texts)


def everything(bank: Bank, typed: str = "\n".join([LONG] * 6)) -> dict[str, AnswerValue]:
    """A full interview with as much as possible raised, and `typed` (by default long text)
    in every text answer."""
    answers: dict[str, AnswerValue] = {}
    for q in bank.questions:
        if q.type == "yesno":
            answers[q.id] = q.role != "safety" and q.role != "readiness"
        elif q.type == "single":
            answers[q.id] = q.choices[0].id
        elif q.type == "multi":
            picks = [c.id for c in q.choices if not c.exclusive]
            answers[q.id] = picks[: int(q.max)] if q.max is not None else picks
        elif q.type in ("scale", "number"):
            answers[q.id] = int(q.max if q.max is not None else 3)
        else:
            answers[q.id] = typed[: q.max_length]
    return answers


def fits(text: str, forced: int = 0) -> None:
    """At most about 750 words besides what is never left out (`forced`), lines of at most 100
    characters, and linear."""
    lines = text.rstrip("\n").split("\n")
    assert len(text.split()) <= WORDS + forced, f"{len(text.split())} words:\n{text}"
    assert max(len(line) for line in lines) <= 100
    linear(text)


def linear(text: str) -> None:
    """No side-by-side columns: no run of three spaces inside a line, and no line that holds
    words from two options' cells (checked by the option names a cell line starts with)."""
    for line in text.split("\n"):
        assert not re.search(r"\S {3,}\S", line), line
        starts = [name for name in NAMES if f"{name}:" in line]
        assert len(starts) <= 1, line


def run(*args: str) -> Result:
    return CliRunner().invoke(app, ["report", *args], env={"COLUMNS": "100"})


# ---------------------------------------------------------------- one page, about 750 words


def test_the_brief_text_summary_is_short_and_linear_from_the_command_line(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    import yaml

    answers.write_text(yaml.safe_dump(everything(bundled())), encoding="utf-8")
    result = run("--answers", str(answers), "--detail", "brief", "--format", "text")
    assert result.exit_code == 0, result.output
    fits(result.stdout, never_left_out(everything(bundled())))
    assert "Your options side by side" in result.stdout
    assert "The detail" not in result.stdout


def test_the_brief_summary_fits_for_a_full_and_an_empty_interview() -> None:
    fits(brief_at_100(everything(bundled())), never_left_out(everything(bundled())))
    fits(brief_at_100({}, crisis_fired=True), never_left_out({}))
    fits(brief_at_100(RISK, crisis_fired=True), never_left_out(RISK))


@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers=st.deferred(lambda: answer_sets(bundled())), crisis=st.booleans())
def test_the_brief_summary_fits_whatever_the_answers(
    answers: dict[str, AnswerValue], crisis: bool
) -> None:
    fits(brief_at_100(answers, crisis_fired=crisis), never_left_out(answers))


def test_plain_text_is_linear_at_every_width() -> None:
    report = build_report(bundled(), record_of(everything(bundled())), generated_on=DAY)
    for width in (40, 60, 80, 100, 160):
        linear(render(report, "text", width=width))


def test_each_topic_has_one_line_per_option_in_the_bank_order() -> None:
    text = brief_at_100(SPEED_FIRST)
    block = re.split(r"^How soon it may help.*$", text, flags=re.M)[1].split("\n\n")[0]
    lines = [line for line in block.split("\n") if line.startswith("- ")]
    assert [line[2:].split(":")[0] for line in lines] == list(NAMES)


def test_at_40_columns_the_grid_is_stacked_and_still_in_the_bank_order() -> None:
    report = build_report(bundled(), record_of(SPEED_FIRST), generated_on=DAY)
    console = Console(width=40, record=True, color_system=None)
    print_report(console, report, plain=False, detail="brief")
    text = console.export_text()
    positions = [text.index(f"- {name}:") for name in NAMES]
    assert positions == sorted(positions)


def test_every_format_starts_with_the_at_a_glance_page() -> None:
    report = build_report(bundled(), record_of(SPEED_FIRST), generated_on=DAY)
    for fmt in ("text", "md", "html"):
        full = render(report, fmt)
        assert full.index("If you need help now:") < full.index("Your options side by side")
        assert full.index("Your options side by side") < full.index("The detail")
        brief = render(report, fmt, detail="brief")
        assert "The detail" not in brief and "Your answers" not in brief


# ---------------------------------------------------------------- an unfinished interview


def _session(store: Path, bank: Bank, answers: dict[str, AnswerValue], **fields: object) -> str:
    record = InterviewRecord(
        answers={q: GivenAnswer(v, "2026-11-30T23:00:00Z") for q, v in answers.items()},
        **fields,  # type: ignore[arg-type]
    )
    session = SessionStore(store).create(bank, record)
    session.close()
    return session.id


def test_a_report_on_a_two_answer_session_says_it_is_incomplete(tmp_path: Path) -> None:
    sid = _session(tmp_path, bundled(), {"self_harm_thoughts": False, "pref_speed": 4})
    result = run("--session", sid, "--store", str(tmp_path), "--format", "text")
    assert result.exit_code == 0, result.output
    top = result.stdout.split("If you need help now")[0]
    assert re.search(r"You answered 2 of \d+ questions, so this summary is incomplete\.", top)
    # Nothing concludes from what is missing.
    assert "You did not rate any topic" not in result.stdout
    assert "You answered yes to 0 of" not in result.stdout
    assert "You have not answered the questions about feeling ready to decide yet." in (
        " ".join(result.stdout.split())
    )


def test_no_topic_is_raised_by_an_answer_that_was_not_given() -> None:
    report = build_report(bundled(), record_of({"pref_speed": 4}), generated_on=DAY)
    assert not [row.id for row in report.rows if row.raised]
    assert "raised by your answers" not in render(report, "text", detail="brief")


def test_a_report_with_no_answers_says_nothing_was_rated() -> None:
    text = " ".join(brief_at_100({}).split())
    assert "You answered 0 of" in text
    assert "You have not rated the topics yet." in text


def test_a_complete_interview_has_no_incomplete_warning() -> None:
    assert "incomplete" not in brief_at_100(everything(bundled()))


# ---------------------------------------------------------------- counselor copy


def test_counselor_notes_follow_the_first_page_with_local_times(tmp_path: Path) -> None:
    note = CounselorNote("values", "Client unsure about cost.", "2026-11-30T23:11:07Z")
    bank = make_bank()
    eastern = timezone(timedelta(hours=-5), "EST")
    report = build_report(
        bank, record_of(SPEED_FIRST), generated_on=DAY, with_notes=True, timezone=eastern
    )
    report = build_report(
        bank,
        InterviewRecord(answers=record_of(SPEED_FIRST).answers, notes=[note], mode="counselor"),
        generated_on=DAY,
        with_notes=True,
        timezone=eastern,
    )
    for fmt in ("text", "md", "html"):
        out = render(report, fmt)
        assert "30 Nov 2026, 18:11 EST" in out
        assert "2026-11-30T23:11:07Z" not in out
        notes = out.index("Counselor notes")
        assert out.index("Your options side by side") < notes < out.index("The detail")


def test_with_notes_and_no_notes_says_so(tmp_path: Path) -> None:
    sid = _session(tmp_path, bundled(), {"self_harm_thoughts": False}, mode="counselor")
    result = run("--session", sid, "--store", str(tmp_path), "--format", "md", "--with-notes")
    assert result.exit_code == 0, result.output
    assert "No counselor notes were taken." in result.stdout
    assert "it includes counselor notes" not in result.stdout


# ---------------------------------------------------------------- sources, figures, markdown


def test_every_address_appears_once_in_the_full_html_and_no_cell_says_sources_twice() -> None:
    report = build_report(bundled(), record_of(SPEED_FIRST), generated_on=DAY)
    page = render(report, "html")
    for source in report.sources:
        if source.link:
            link = html.escape(source.link)
            assert page.count(link) == 2, link  # the href and its visible text
            assert page.count(f">{link}<") == 1
    for cell in page.split("<td>")[1:]:
        assert cell.split("</td>")[0].count("Source") <= 1
    for fmt in ("text", "md"):
        out = render(report, fmt)
        for source in report.sources:
            if source.link:
                assert out.count(source.link) == 1, (fmt, source.link)


def test_cells_refer_to_the_numbered_sources() -> None:
    report = build_report(bundled(), record_of(SPEED_FIRST), generated_on=DAY)
    numbers = {s.key: s.number for s in report.sources}
    cell = report.rows[0].cells[0]
    assert set(cell.refs) >= {numbers[k] for k in cell.sources}
    text = render(report, "text")
    assert "Sources: " + ", ".join(f"[{n}]" for n in cell.refs) in " ".join(text.split()) or (
        "Source: " + f"[{cell.refs[0]}]" in text
    )


def test_every_icon_array_has_its_key_and_the_studies_note_at_every_width() -> None:
    report = build_report(make_bank(), record_of(SPEED_FIRST), generated_on=DAY)
    page = render(report, "html")
    assert page.count('<pre class="icons"') == page.count('<p class="key">Key: each dot')
    for width in (100, 40):
        out = io.StringIO()
        console = Console(file=out, width=width, color_system=None, force_terminal=False)
        print_report(console, report, plain=False)
        shown = out.getvalue()
        arrays = shown.count("● ● ● ● ●") + shown.count("○ ○ ○ ○ ○ ○ ○ ○ ○ ○\n")
        assert arrays and shown.count("Key: each dot is 1 person out of 100.") == 4, width
        pictures = shown.split("The numbers as pictures")[-1] if width >= 100 else shown
        assert "no study that compared them directly" in " ".join(pictures.split()), width


def test_markdown_has_no_stray_backslashes_in_a_text_editor() -> None:
    report = build_report(bundled(), record_of(everything(bundled())), generated_on=DAY)
    text = render(report, "md")
    assert "\\&" not in text
    assert not [line for line in text.split("\n") if line.endswith("\\")]


def test_how_many_points_the_detail_adds_is_said_once_for_all_options() -> None:
    """One count in the heading, the same for every option, instead of one after each point."""
    text = brief_at_100(everything(bundled()))
    heading = re.search(r"^Points to raise \((\d+) more in the detail\):$", text, flags=re.M)
    assert heading, text
    points = text.split(heading.group(0))[1].split("\n\n")[0]
    assert "more in the detail" not in points


# ---------------------------------------------------------------- the person most at risk

RISK_POINTS = ("pregnan", "bipolar", "pacemaker", "aneurysm", "Lamotrigine")


def test_the_page_names_every_safety_point_for_the_person_most_at_risk_in_every_format() -> None:
    report = build_report(bundled(), record_of(RISK, crisis_fired=True), generated_on=DAY)
    for fmt in ("text", "md", "html"):
        page = render(report, fmt, detail="brief")
        if fmt == "html":
            page = html.unescape(re.sub(r"<[^>]+>", " ", page))
        for word in RISK_POINTS:
            assert word in page, (fmt, word)
        assert "Who may not be able to have it" in page, fmt
    console = Console(width=100, record=True, color_system=None)
    print_report(console, report, plain=False, detail="brief")
    shown = " ".join(console.export_text().split())
    for word in (*RISK_POINTS, "Who may"):  # the table wraps the topic in its column
        assert word in shown, word
    assert "who_may_not" in [row.id for row in report.glance.rows]


def test_every_question_and_the_anything_else_text_appear_whole() -> None:
    text = " ".join(brief_at_100(RISK).split())
    assert "- Could I keep working during treatment? - Will my benzo be a problem?" in text
    assert f"“{RISK['pref_other']}”" in text


def test_a_long_list_of_typed_questions_says_how_many_more_are_in_the_detail() -> None:
    typed = " ".join(f"Question number {n}?" for n in range(1, 13))
    text = brief_at_100({**RISK, "my_questions": typed})
    assert "Questions to ask (4 more in the detail):" in text
    assert "Question number 8?" in text and "Question number 9?" not in text


def test_the_page_has_the_history_line_and_the_review_footer() -> None:
    text = " ".join(brief_at_100(RISK).split())
    assert "Your history: How many different antidepressants have you tried" in text
    assert "? 4." in text
    meta = bundled().meta
    assert f"version {meta.version}, last reviewed {meta.last_reviewed}, written by" in text
    assert "Numbered sources: see the detail, or decide report --detail full." in text


def test_what_was_left_out_is_said_once_for_the_whole_page() -> None:
    text = brief_at_100(everything(bundled()))
    assert text.count("To keep this to one page") == 1
    assert text.count("more in the detail") <= 2  # points and questions, never per option
