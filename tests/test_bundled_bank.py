"""Measured quality of the bundled bank (issue 6): plain words, balance, sources, neutrality, safety.

Each test checks one property, so a failure says exactly what broke. The bank is loaded through
the real loader, so it is also checked by the validator (ids, references, steering lint).
"""

from __future__ import annotations

import datetime
import os
import re
import shutil
import statistics
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import textstat

from decide.bank import bundled_bank_path, read_bank
from decide.bank.links import CLINICAL_KINDS, not_primary, same_address
from decide.core.conditions import evaluate, visible_questions
from decide.core.model import (
    CERTAINTIES,
    All,
    AnswerValue,
    Any_,
    Bank,
    Condition,
    Not,
    Question,
    Test,
)
from decide.core.neutrality import find_steering
from decide.core.safety import concern_raised
from decide.summary.parts import answer_label
from decide.summary.weighing import weigh

REPO = Path(__file__).resolve().parent.parent
OPTION_ORDER = ("tms", "esketamine", "iv_ketamine")

# Reading level. Flesch-Kincaid grade means little on a label of one to three words ("Extremely"
# alone scores 20), so the measures use every text of at least this many words.
MIN_WORDS = 4
MEDIAN_GRADE = 7.0
MAX_GRADE = 10.0
# The named medical terms that may lift a text above MAX_GRADE. A text over the limit passes
# only if it is within the limit once these terms are read as a one-syllable word. Keep short.
MEDICAL_TERMS = (
    "antidepressant",
    "antidepressants",
    "esketamine",
    "transcranial",
    "magnetic",
    "stimulation",
    "quetiapine",
    "defibrillator",
)

BALANCE_LIMIT = 1.6  # longest cell / shortest cell, by words, within one row

MARKETING_WORDS = re.compile(
    r"\b(best|safest|breakthrough|miracle|miraculous|revolutionary|cutting[- ]edge|"
    r"state[- ]of[- ]the[- ]art|gold standard|game[- ]changer|life[- ]changing|amazing|"
    r"remarkable|proven|guaranteed?|superior|most effective|leading)\b",
    re.IGNORECASE,
)
VERDICTS = re.compile(
    r"\b(you should|you must not have|you cannot have|is not for you|not safe for you|"
    r"rules? (?:you )?out|do not choose|avoid (?:tms|esketamine|ketamine))\b",
    re.IGNORECASE,
)
# Kinds of source that are not research or regulation: a figure must not rest on them alone.
PAGE_KINDS = {"clinic", "consumer", "news"}


@pytest.fixture(scope="module")
def bank() -> Bank:
    return read_bank()


def patient_texts(bank: Bank) -> Iterator[tuple[str, str]]:
    """Every text a person may read, with where it is (facilitator notes included)."""
    meta, decision = bank.meta, bank.decision
    yield "meta.title", meta.title
    yield "meta.funding", meta.funding
    yield "meta.update_policy", meta.update_policy
    yield "meta.evidence_note", meta.evidence_note
    for key in ("who_for", "choice", "does", "does_not", "time_needed"):
        yield f"decision.{key}", getattr(decision, key)
    for option in bank.options:
        yield f"options.{option.id}.name", option.name
        yield f"options.{option.id}.short_name", option.short_name
        yield f"options.{option.id}.summary", option.summary
    for section in bank.sections:
        yield f"sections.{section.id}.title", section.title
        yield f"sections.{section.id}.intro", section.intro
        yield f"sections.{section.id}.facilitator_note", section.facilitator_note
    for row in bank.rows:
        yield f"rows.{row.id}.title", row.title
        yield f"rows.{row.id}.note", row.note
        yield f"rows.{row.id}.raised_because", row.raised_because
        for option_id, cell in row.cells.items():
            yield f"rows.{row.id}.{option_id}", cell.text
            yield f"rows.{row.id}.{option_id}.short", cell.short
            for n, figure in enumerate(cell.figures):
                where = f"rows.{row.id}.{option_id}.figures[{n}]"
                yield f"{where}.event", figure.event
                yield f"{where}.no_event", figure.no_event
                yield f"{where}.who", figure.who
                yield f"{where}.time_frame", figure.time_frame
                yield f"{where}.study", figure.study
                if figure.comparator is not None:
                    yield f"{where}.comparator", figure.comparator.label
    for q in bank.questions:
        for key in ("text", "help", "more_help", "facilitator_note", "explanation", "if_no", "ask"):
            yield f"questions.{q.id}.{key}", getattr(q, key)
        for choice in q.choices:
            yield f"questions.{q.id}.{choice.id}.label", choice.label
            yield f"questions.{q.id}.{choice.id}.feedback", choice.feedback
        for value, label in q.labels.items():
            yield f"questions.{q.id}.labels.{value}", label
    for c in bank.considerations:
        for option_id, point in c.points.items():
            yield f"considerations.{c.id}.{option_id}", point
        yield f"considerations.{c.id}.ask", c.ask
    yield "safety.message", bank.safety.message
    for n, resource in enumerate(bank.safety.resources):
        yield f"safety.resources[{n}].name", resource.name
        yield f"safety.resources[{n}].contact", resource.contact
    for n, text in enumerate(bank.specialist_questions):
        yield f"specialist_questions[{n}]", text
    for n, other in enumerate(bank.other_options):
        yield f"other_options[{n}].name", other.name
        yield f"other_options[{n}].text", other.text
    yield "sequencing_note", bank.sequencing_note


def measured_texts(bank: Bank) -> list[tuple[str, str]]:
    return [(w, t) for w, t in patient_texts(bank) if len(t.split()) >= MIN_WORDS]


def grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


def without_medical_terms(text: str) -> str:
    pattern = r"\b(" + "|".join(map(re.escape, MEDICAL_TERMS)) + r")\b"
    return re.sub(pattern, "it", text, flags=re.IGNORECASE)


def conditions(bank: Bank) -> Iterator[Condition]:
    for q in bank.questions:
        if q.show_if is not None:
            yield q.show_if
    for row in bank.rows:
        if row.raised_if is not None:
            yield row.raised_if
    for c in bank.considerations:
        yield c.when
    yield bank.safety.concern_if


def parts(condition: Condition) -> Iterator[Condition]:
    yield condition
    if isinstance(condition, All | Any_):
        for item in condition.items:
            yield from parts(item)
    elif isinstance(condition, Not):
        yield from parts(condition.item)


def leaf_tests(condition: Condition) -> list[Test]:
    return [p for p in parts(condition) if isinstance(p, Test)]


def question(bank: Bank, question_id: str) -> Question:
    q = bank.question(question_id)
    assert q is not None, f"no question {question_id!r}"
    return q


# ------------------------------------------------------------------ the bank as a whole


def test_bundled_bank_loads_and_validates(bank: Bank) -> None:
    assert bank.meta.id == "tms-ketamine-trd"
    assert bank.meta.version == "1.1.0"
    assert bank.meta.authors == ("the decide project",)


def test_first_line_points_editors_at_the_schema() -> None:
    first = (REPO / "questions.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=decide/bank/schema.json"
    assert bundled_bank_path().read_bytes() == (REPO / "questions.yaml").read_bytes()


def test_next_review_is_due_twelve_months_after_the_last(bank: Bank) -> None:
    last = datetime.date.fromisoformat(bank.meta.last_reviewed)
    due = datetime.date.fromisoformat(bank.meta.next_review_due)
    assert due == last.replace(year=last.year + 1)


def test_options_are_tms_esketamine_and_iv_ketamine_in_that_order(bank: Bank) -> None:
    assert tuple(o.id for o in bank.options) == OPTION_ORDER


def test_the_tool_says_it_does_not_recommend(bank: Bank) -> None:
    assert "does not recommend" in bank.decision.does_not


# What the evidence brief (second check, 2026-11-26) still marks UNVERIFIED, each with the words
# the evidence note must use to name it. A new unverified fact means a new line here.
LEFT_OUT_AS_UNVERIFIED = {
    "O'Reardon response and remission rates": ("O'Reardon", "response and remission"),
    "THREE-D response and remission rates": ("THREE-D",),
    "deep TMS trial figures": ("deep TMS trial",),
    "ESCAPE-TRD relapse-free rates": ("stayed well in ESCAPE-TRD",),
    "ELEKT-D QIDS-SR remission": ("remission result from ELEKT-D",),
    "current esketamine price": ("today's esketamine price",),
    "esketamine placebo-arm side-effect rates": ("side effect rates on the dummy spray",),
    "Part D coverage of esketamine": ("Part D",),
    "SNT insurance coverage": ("insurers pay for SNT",),
    "CANMAT 2023 and VA/DoD TMS lines": ("CANMAT 2023", "VA/DoD"),
    "ketamine-assisted psychotherapy": ("ketamine with talk therapy",),
    "esketamine and TMS in the same period": ("esketamine and TMS in the same period",),
}


def left_out_comment() -> str:
    """The full list of what the bank leaves out: the comment above `evidence_note`."""
    text = (REPO / "questions.yaml").read_text(encoding="utf-8")
    block = text[text.index("# What we left out") : text.index("evidence_note:")]
    return " ".join(line.strip().lstrip("#").strip() for line in block.splitlines())


@pytest.mark.parametrize("where", ["the bank", "the README"])
def test_the_full_list_of_what_was_left_out_is_kept_in_the_bank_and_the_readme(where: str) -> None:
    if where == "the bank":
        text = left_out_comment()
    else:
        text = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    missing = [
        fact for fact, words in LEFT_OUT_AS_UNVERIFIED.items() if not all(w in text for w in words)
    ]
    assert missing == []
    assert "clinic, maker or cost web pages" in text


def test_the_evidence_note_in_every_summary_is_two_plain_sentences(bank: Bank) -> None:
    note = " ".join(bank.meta.evidence_note.split())
    assert len(re.findall(r"[.!?](?:\s|$)", note)) == 2
    assert len(note.split()) <= 45
    assert "left out" in note
    assert "not yet reviewed" in note  # no review that did not happen is claimed


# ------------------------------------------------------------------ reading level


def test_median_reading_grade_is_at_most_7(bank: Bank) -> None:
    grades = [grade(t) for _, t in measured_texts(bank)]
    assert len(grades) > 200  # the measure covers the whole bank, not a sample
    assert statistics.median(grades) <= MEDIAN_GRADE


def test_no_text_is_above_grade_10_unless_a_named_medical_term_makes_it_so(bank: Bank) -> None:
    too_hard = [
        f"{where} (grade {grade(text):.1f}): {text}"
        for where, text in measured_texts(bank)
        if grade(text) > MAX_GRADE and grade(without_medical_terms(text)) > MAX_GRADE
    ]
    assert too_hard == []


def test_every_named_medical_term_is_needed(bank: Bank) -> None:
    """The exception list stays short and honest: each term excuses at least one text."""
    for term in MEDICAL_TERMS:
        excused = [
            text
            for _, text in measured_texts(bank)
            if grade(text) > MAX_GRADE
            and re.search(rf"\b{term}\b", text, re.IGNORECASE)
            and grade(without_medical_terms(text)) <= MAX_GRADE
        ]
        assert excused, f"{term!r} excuses no text: take it off MEDICAL_TERMS"


# ------------------------------------------------------------------ balance


def test_cells_in_a_row_are_of_similar_length(bank: Bank) -> None:
    for row in bank.rows:
        words = {option_id: len(cell.text.split()) for option_id, cell in row.cells.items()}
        assert max(words.values()) <= BALANCE_LIMIT * min(words.values()), (row.id, words)


def test_short_forms_in_a_row_are_of_similar_length_and_shorter_than_the_text(
    bank: Bank,
) -> None:
    for row in bank.rows:
        words = {option_id: len(cell.short.split()) for option_id, cell in row.cells.items()}
        assert max(words.values()) <= BALANCE_LIMIT * min(words.values()), (row.id, words)
        for option_id, cell in row.cells.items():
            assert len(cell.short.split()) < len(cell.text.split()), (row.id, option_id)


def test_figures_are_given_for_every_option_in_a_row_or_for_none(bank: Bank) -> None:
    for row in bank.rows:
        counts = {option_id: len(cell.figures) for option_id, cell in row.cells.items()}
        assert len(set(counts.values())) == 1, (row.id, counts)


def test_every_option_has_a_benefit_row_and_a_harm_or_burden_row(bank: Bank) -> None:
    for option in bank.options:
        covers = {row.covers for row in bank.rows if row.cells[option.id].text.strip()}
        assert "benefit" in covers, option.id
        assert covers & {"harm", "burden"}, option.id


RATE = re.compile(r"\b\d[\d,]* in (?:every )?\d[\d,]*\b")


def test_rows_whose_cells_give_rates_for_more_than_one_option_say_they_cannot_be_compared(
    bank: Bank,
) -> None:
    for row in bank.rows:
        with_rates = [option_id for option_id, cell in row.cells.items() if RATE.search(cell.text)]
        if len(with_rates) > 1:
            assert "compared" in row.note, (row.id, with_rates)


def test_rows_that_mix_study_numbers_say_the_numbers_cannot_show_which_works_better(
    bank: Bank,
) -> None:
    """The bank's own note, with its definitions, is kept beside the renderer's note on
    different studies: so it must not read as that note (which the summary would drop)."""
    for row in bank.rows:
        if any(cell.figures for cell in row.cells.values()):
            assert "cannot show which" in row.note, row.id
            assert '"Remission" means' in row.note and '"Response" means' in row.note, row.id
            assert "head to head" not in row.note and "different studies" not in row.note


# ------------------------------------------------------------------ sources


def test_every_cell_and_every_figure_cites_a_source(bank: Bank) -> None:
    for row in bank.rows:
        for option_id, cell in row.cells.items():
            assert cell.sources, (row.id, option_id)
            for figure in cell.figures:
                assert figure.sources, (row.id, option_id, figure.event)


def test_every_cited_key_resolves(bank: Bank) -> None:
    cited = {key for row in bank.rows for cell in row.cells.values() for key in cell.sources}
    cited |= {
        key
        for row in bank.rows
        for cell in row.cells.values()
        for figure in cell.figures
        for key in figure.sources
    }
    cited |= {key for c in bank.considerations for key in c.sources}
    cited |= {key for other in bank.other_options for key in other.sources}
    assert cited - set(bank.sources) == set()


def test_every_source_has_a_date_and_a_link_or_says_why_not(bank: Bank) -> None:
    for key, source in bank.sources.items():
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", source.date), key
        assert source.url or source.doi or source.pmid or source.registry or source.no_link, key


def test_no_clinical_source_links_through_a_copy_and_no_two_share_a_url(bank: Bank) -> None:
    seen: dict[str, str] = {}
    for key, source in bank.sources.items():
        if source.url and source.kind in CLINICAL_KINDS:
            assert not_primary(source.url) is None, key
        if source.url:
            assert same_address(source.url) not in seen, (key, seen.get(same_address(source.url)))
            seen[same_address(source.url)] = key


def test_every_figure_names_its_measure_and_how_sure_we_are(bank: Bank) -> None:
    figures = [f for row in bank.rows for cell in row.cells.values() for f in cell.figures]
    assert figures
    for figure in figures:
        assert figure.measure and ":" in figure.measure, figure.study
        assert figure.certainty in CERTAINTIES, figure.study
        assert figure.certainty_reason and len(figure.certainty_reason.split()) <= 16


def test_cost_cells_carry_their_year(bank: Bank) -> None:
    cost_rows = [row for row in bank.rows if row.id == "cost"]
    assert cost_rows
    for option_id, cell in cost_rows[0].cells.items():
        assert re.search(r"\b20\d\d\b", cell.text), option_id


# ------------------------------------------------------------------ figures


def test_every_figure_is_within_0_to_100_and_says_who_when_and_which_study(bank: Bank) -> None:
    for row in bank.rows:
        for option_id, cell in row.cells.items():
            for figure in cell.figures:
                where = (row.id, option_id, figure.study)
                assert 0 <= figure.per_100 <= 100, where
                if figure.comparator is not None:
                    assert 0 <= figure.comparator.per_100 <= 100, where
                    assert figure.comparator.label.strip(), where
                for text in (figure.event, figure.no_event, figure.who, figure.time_frame):
                    assert text.strip(), where
                assert figure.study.strip(), where


def test_figures_rest_on_research_not_on_clinic_or_news_pages(bank: Bank) -> None:
    for row in bank.rows:
        for option_id, cell in row.cells.items():
            for figure in cell.figures:
                kinds = {bank.sources[key].kind for key in figure.sources}
                assert kinds - PAGE_KINDS, (row.id, option_id, figure.study, kinds)


# ------------------------------------------------------------------ neutrality


def test_no_superlatives_or_marketing_words(bank: Bank) -> None:
    found = [
        f"{where}: {match.group(0)!r}"
        for where, text in patient_texts(bank)
        if (match := MARKETING_WORDS.search(text))
    ]
    assert found == []


def test_the_steering_lint_finds_nothing(bank: Bank) -> None:
    found = [
        f"{where}: {hit!r}" for where, text in patient_texts(bank) if (hit := find_steering(text))
    ]
    assert found == []


# The workplace's shared steering scan: $STEERING_SCAN, else ../shared/tools/steering-scan beside
# the repository. .ci/run clones the repository elsewhere, so it passes the path in STEERING_SCAN
# and sets DECIDE_REQUIRE_SCAN=1: there a missing scan fails the test instead of skipping it.
SHARED_SCAN = REPO.parent / "shared" / "tools" / "steering-scan"


def test_the_shared_steering_scan_finds_nothing() -> None:
    scan = Path(os.environ.get("STEERING_SCAN") or SHARED_SCAN)
    if not scan.is_file():
        why = f"the shared steering scan is not at {scan} (set STEERING_SCAN to its path)"
        if os.environ.get("DECIDE_REQUIRE_SCAN") == "1":
            pytest.fail(f"DECIDE_REQUIRE_SCAN=1 but {why}")
        pytest.skip(why)
    python = shutil.which("python3") or sys.executable
    result = subprocess.run(
        [python, str(scan), str(REPO / "questions.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr


def test_no_option_is_named_in_a_preference_question(bank: Bank) -> None:
    names = [o.short_name.lower() for o in bank.options] + ["ketamine", "spray", "magnetic"]
    for q in bank.questions:
        if q.role == "preference":
            assert not any(name in q.text.lower() for name in names), q.id


def test_considerations_raise_points_and_never_give_a_verdict(bank: Bank) -> None:
    for c in bank.considerations:
        for option_id, point in c.points.items():
            assert re.search(r"\b(ask|tell|bring)\b", point, re.IGNORECASE), (c.id, option_id)
            assert not VERDICTS.search(point), (c.id, option_id)


def health_answers(q: Question) -> Iterator[AnswerValue]:
    """Each answer to a health question that reports something (not "none" or "not sure")."""
    if q.type == "yesno":
        yield True
    for choice in q.choices:
        if choice.exclusive or choice.id in ("none", "not_sure"):
            continue
        yield [choice.id] if q.type == "multi" else choice.id


def raised(bank: Bank, answers: dict[str, AnswerValue]) -> tuple[set[str], set[str]]:
    """The rows raised and the considerations shown for these answers."""
    rows = {r.id for r in bank.rows if r.raised_if and evaluate(r.raised_if, answers)}
    points = {c.id for c in bank.considerations if evaluate(c.when, answers)}
    return rows, points


def test_everything_a_person_reports_about_their_health_raises_a_row_and_a_point(
    bank: Bank,
) -> None:
    # Some rows and points show with no answers at all (for example "not easy to get to a
    # clinic" when that is unanswered): only what the health answer adds counts.
    rows_before, points_before = raised(bank, {})
    health = [q for q in bank.questions if q.section == "health"]
    assert health
    for q in health:
        for value in health_answers(q):
            rows, points = raised(bank, {q.id: value})
            assert rows - rows_before, (q.id, value)
            assert points - points_before, (q.id, value)


def test_the_medicines_question_names_every_kind_the_evidence_says_may_matter(
    bank: Bank,
) -> None:
    ids = {c.id for c in question(bank, "medicines").choices}
    kinds = {"benzodiazepines", "lamotrigine", "stimulants", "opioids", "maois", "seizure_risk"}
    assert kinds <= ids


# The points that read the safety questions: each asks how safety would be looked after.
SAFETY_POINTS = {"self_harm_thoughts", "recent_attempt", "recent_hospital", "recent_rather_not"}


def test_considerations_read_only_history_answers_or_the_safety_answers(bank: Bank) -> None:
    for c in bank.considerations:
        for test in leaf_tests(c.when):
            role = question(bank, test.question).role
            assert role == "history" or (role == "safety" and c.id in SAFETY_POINTS), c.id
    for c in bank.considerations:
        if c.id in SAFETY_POINTS:
            assert set(c.points) == set(OPTION_ORDER), c.id
            assert len(set(c.points.values())) == 1, c.id  # the same words for every option
            assert "ask how your safety would be looked after" in next(iter(c.points.values()))


def test_a_number_answer_reads_right_for_one_and_for_many(bank: Bank) -> None:
    for q in bank.questions:
        if q.type == "number":
            one = answer_label(q, 1)
            assert not re.fullmatch(r"1 \w+s", one), (q.id, one)
            assert answer_label(q, 3).startswith("3"), q.id


def test_no_text_says_an_answer_stays_on_this_computer_when_the_summary_shows_it(
    bank: Bank,
) -> None:
    found = [where for where, text in patient_texts(bank) if "stays on this computer" in text]
    assert found == []


# ------------------------------------------------------------------ safety


def test_a_safety_question_comes_before_any_history_question(bank: Bank) -> None:
    roles = [q.role for q in bank.questions]
    assert "safety" in roles
    assert roles.index("safety") < roles.index("history")


def test_the_safety_condition_reads_the_safety_question(bank: Bank) -> None:
    read = {t.question for t in leaf_tests(bank.safety.concern_if)}
    assert read
    assert {question(bank, q).role for q in read} == {"safety"}


def test_yes_to_the_safety_question_is_a_concern_and_no_is_not(bank: Bank) -> None:
    assert concern_raised(bank, {"self_harm_thoughts": True})
    assert not concern_raised(bank, {"self_harm_thoughts": False})
    assert not concern_raised(bank, {})


def test_an_attempt_in_the_past_year_is_a_concern_and_the_other_answers_are_not(
    bank: Bank,
) -> None:
    crisis = question(bank, "recent_crisis")
    assert (crisis.role, crisis.required, crisis.type) == ("safety", False, "multi")
    ids = [q.id for q in bank.questions]
    assert ids.index("recent_crisis") == ids.index("self_harm_thoughts") + 1
    no = {"self_harm_thoughts": False}
    assert concern_raised(bank, {**no, "recent_crisis": ["attempt"]})
    assert concern_raised(bank, {**no, "recent_crisis": ["attempt", "hospital"]})
    for other in (["hospital"], ["none"], ["rather_not"]):
        assert not concern_raised(bank, {**no, "recent_crisis": other}), other


def test_crisis_resources_include_988_by_call_and_text_with_dates(bank: Bank) -> None:
    resources = bank.safety.resources
    lifeline = [r for r in resources if "988" in r.name]
    assert lifeline
    assert re.search(r"\bcall\b", lifeline[0].contact, re.IGNORECASE)
    assert re.search(r"\btext\b", lifeline[0].contact, re.IGNORECASE)
    assert any("911" in r.contact for r in resources)
    assert any(r.region != "US" for r in resources)
    for r in resources:
        datetime.date.fromisoformat(r.last_checked)


def _report(tmp_path: Path, answers: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "answers.yaml"
    path.write_text(answers, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "decide", "report", "--answers", str(path), "--plain"],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )


def test_the_crisis_panel_shows_for_a_yes_answer(tmp_path: Path) -> None:
    result = _report(tmp_path, "self_harm_thoughts: yes\n")
    assert result.returncode == 0, result.stderr
    assert "Help is available now" in result.stderr
    assert "Call or text 988" in result.stderr


def test_the_crisis_panel_does_not_show_for_a_no_answer(tmp_path: Path) -> None:
    result = _report(tmp_path, "self_harm_thoughts: no\n")
    assert result.returncode == 0, result.stderr
    assert "Help is available now" not in result.stderr


# ------------------------------------------------------------------ the bank uses every feature


def test_every_question_type_is_used(bank: Bank) -> None:
    assert {q.type for q in bank.questions} == {
        "single",
        "multi",
        "yesno",
        "scale",
        "number",
        "text",
    }


def test_every_condition_operator_and_combinator_is_used(bank: Bank) -> None:
    used_ops = {t.op for c in conditions(bank) for t in leaf_tests(c)}
    assert used_ops == {"is", "is_not", "in", "includes", "at_least", "at_most", "answered"}
    kinds = {type(p) for c in conditions(bank) for p in parts(c)}
    assert {All, Any_, Not} <= kinds


def test_every_row_is_weighed_by_a_preference(bank: Bank) -> None:
    weighed = {row_id for q in bank.questions for row_id in q.weighs}
    assert weighed == {row.id for row in bank.rows}


def test_preference_scales_run_0_to_4_with_a_label_on_every_point(bank: Bank) -> None:
    scales = [q for q in bank.questions if q.role == "preference" and q.type == "scale"]
    assert 8 <= len(scales) <= 12
    for q in scales:
        assert (q.min, q.max) == (0, 4), q.id
        assert dict(q.labels) == {
            0: "Not at all",
            1: "A little",
            2: "Somewhat",
            3: "A lot",
            4: "Extremely",
        }, q.id
    free = [q for q in bank.questions if q.role == "preference" and q.type == "text"]
    assert len(free) == 1
    assert not free[0].required


def test_readiness_has_four_yes_no_items_each_with_what_to_raise(bank: Bank) -> None:
    items = [q for q in bank.questions if q.role == "readiness"]
    assert len(items) == 4
    for q in items:
        assert q.type == "yesno", q.id
        assert q.if_no.strip() and q.ask.strip(), q.id
    assert "SURE" in items[0].help


def test_knowledge_items_are_true_or_false_with_explanation_and_feedback(bank: Bank) -> None:
    items = [q for q in bank.questions if q.role == "knowledge"]
    assert 3 <= len(items) <= 5
    for q in items:
        assert [(c.id, c.label) for c in q.choices] == [
            ("true", "True"),
            ("false", "False"),
            ("not_sure", "I'm not sure"),
        ]
        assert q.correct in ("true", "false"), q.id
        assert q.explanation.strip(), q.id
        assert all(c.feedback.strip() for c in q.choices), q.id
        # "I'm not sure" is answered with the item's explanation, as a wrong answer is
        assert q.explanation in (q.choice("not_sure") or q.choices[0]).feedback, q.id


def test_not_sure_on_a_knowledge_item_shows_the_fact_and_raises_no_point(bank: Bank) -> None:
    items = [q for q in bank.questions if q.role == "knowledge"]
    unsure = {q.id: "not_sure" for q in items}
    weighing = weigh(bank, unsure)
    assert {m.question.id for m in weighing.missed} == set(unsure)  # each fact is gone over
    assert all(m.explanation == m.question.explanation for m in weighing.missed)
    assert weighing.points == weigh(bank, {}).points  # not one point more for any option
    assert raised(bank, dict(unsure)) == raised(bank, {})


def test_the_persons_own_questions_are_optional_free_text(bank: Bank) -> None:
    mine = [q for q in bank.questions if q.role == "my_questions"]
    assert len(mine) == 1
    assert (mine[0].type, mine[0].required) == ("text", False)


def test_how_it_went_is_asked_only_for_treatments_had_before(bank: Bank) -> None:
    follow_ups = {
        "tms": "past_tms_result",
        "esketamine": "past_esketamine_result",
        "iv_ketamine": "past_ketamine_result",
        "ect": "past_ect_result",
    }
    shown = {q.id for q in visible_questions(bank, {"past_treatments": ["none"]})}
    assert shown.isdisjoint(follow_ups.values())
    for treatment, follow_up in follow_ups.items():
        shown = {q.id for q in visible_questions(bank, {"past_treatments": [treatment]})}
        assert shown & set(follow_ups.values()) == {follow_up}, treatment


def test_history_raises_the_rows_it_makes_relevant(bank: Bank) -> None:
    raised = {row.id: row.raised_if for row in bank.rows if row.raised_if is not None}
    assert {"after_session", "cost", "time_commitment"} <= set(raised)
    read = {row_id: {t.question for t in leaf_tests(c)} for row_id, c in raised.items()}
    assert "has_driver" in read["after_session"]
    assert "insurance" in read["cost"]
    assert "weekday_visits" in read["time_commitment"]


def test_other_options_and_sequencing_are_named(bank: Bank) -> None:
    names = " ".join(o.name for o in bank.other_options)
    assert "ECT" in names
    assert "current treatment" in names
    assert "one after the other" in bank.sequencing_note
    assert "together" in bank.sequencing_note
    assert "specialist" in bank.sequencing_note
    assert 4 <= len(bank.specialist_questions) <= 6


# ---------------------------------------------------------------- a first-time user's reading


def test_a_ride_home_can_be_there_sometimes_and_that_raises_the_same_points_as_no(
    bank: Bank,
) -> None:
    rides = question(bank, "has_driver")
    assert [c.label for c in rides.choices] == ["Yes", "Sometimes", "No"]
    for value in ("sometimes", "no"):
        rows, points = raised(bank, {"has_driver": value})
        assert "after_session" in rows and "no_driver" in points, value
    rows, points = raised(bank, {"has_driver": "yes"})
    assert "no_driver" not in points


def test_pregnancy_takes_every_answer_that_is_true_at_once(bank: Bank) -> None:
    asked = question(bank, "pregnancy")
    assert asked.type == "multi"
    assert [c.id for c in asked.choices if c.exclusive] == ["none", "not_sure"]
    _, points = raised(bank, {"pregnancy": ["planning", "breastfeeding"]})
    assert "pregnancy" in points
    assert "pregnancy" not in raised(bank, {"pregnancy": ["none"]})[1]


def test_no_question_points_at_figures_shown_here_and_the_time_is_said_once(bank: Bank) -> None:
    for asked in bank.questions:
        assert "shown here" not in asked.text, asked.id
    time = bank.decision.time_needed
    assert not [s.id for s in bank.sections if time in (s.intro or "")]


def test_facilitator_notes_can_be_read_aloud_and_match_the_flow(bank: Bank) -> None:
    safety = next(s for s in bank.sections if s.id == "safety")
    note = (safety.facilitator_note or "").casefold()
    assert "stop the interview" not in note and "pause" in note  # the flow offers a pause
    assert "welcome" in note and "blame" in note  # a yes is not discouraged
    for section in bank.sections:
        if "i'm not sure" in (section.facilitator_note or "").casefold():
            for asked in bank.questions:
                if asked.section == section.id:
                    labels = [c.label.casefold() for c in asked.choices]
                    assert "i'm not sure" in labels, (section.id, asked.id)


SAFETY_WORDS = (
    "pregnan",
    "bipolar",
    "mania",
    "very high mood",
    "pacemaker",
    "metal",
    "aneurysm",
    "brain bleed",
    "seizure",
    "allerg",
)


def test_points_about_safety_are_always_a_contraindication_or_a_caution(bank: Bank) -> None:
    """So no such point can be demoted to make the one page fit: pregnancy, bipolar disorder
    or mania, a pacemaker or metal near the head, an aneurysm or brain bleed, seizures, an
    allergy."""
    pinned = 0
    for c in bank.considerations:
        said = " ".join(c.points.values()).lower()
        if any(word in said for word in SAFETY_WORDS):
            pinned += 1
            assert c.kind in ("contraindication", "caution"), (c.id, c.kind)
    assert pinned >= 7
    kinds = {c.id: c.kind for c in bank.considerations}
    for cid in ("pregnancy", "bipolar", "pacemaker", "metal_in_head", "aneurysm_or_bleed"):
        assert kinds.get(cid) in ("contraindication", "caution"), cid


def test_every_point_names_a_row_of_the_comparison(bank: Bank) -> None:
    rows = {row.id for row in bank.rows}
    assert all(c.row in rows for c in bank.considerations)
