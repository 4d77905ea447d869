"""The bundled bank after the independent clinical reviews (issue 11, and the third review in
issue 21): each point a review found, checked where a reader of the summary would see it, by
the words that matter rather than whole sentences."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from report_bank import record_of

from decide.bank import read_bank
from decide.core.conditions import evaluate
from decide.core.model import AnswerValue, Bank, Cell, Figure
from decide.render import render
from decide.summary import build_report
from decide.terminal.crisis import crisis_line

OPTIONS = ("tms", "esketamine", "iv_ketamine")


@pytest.fixture(scope="module")
def bank() -> Bank:
    return read_bank()


def cell(bank: Bank, row_id: str, option: str) -> Cell:
    return next(r for r in bank.rows if r.id == row_id).cells[option]


def words(text: str) -> str:
    return " ".join(text.split())


def figures(bank: Bank) -> list[tuple[str, Figure]]:
    return [(o, f) for r in bank.rows for o, c in r.cells.items() for f in c.figures]


def points_for(bank: Bank, answers: dict[str, AnswerValue]) -> dict[str, dict[str, str]]:
    """The points each consideration raises for these answers, by consideration id."""
    return {c.id: dict(c.points) for c in bank.considerations if evaluate(c.when, answers)}


# ---------------------------------------------------------------- framing and accuracy


def test_the_sustain_1_figure_says_who_kept_using_the_spray_and_how_many(bank: Bank) -> None:
    figure = cell(bank, "how_long", "esketamine").figures[0]
    assert "kept using the spray" in figure.who and "90" in figure.who
    assert figure.comparator is not None and "86" in figure.comparator.label
    assert "176" in figure.study


def test_how_long_snt_lasts_beyond_a_month_is_said_to_be_unknown(bank: Bank) -> None:
    text = words(cell(bank, "how_long", "tms").text)
    assert "SNT lasts beyond about a month is not yet known" in text
    assert "no comparison group" in text
    assert "Medicare" not in text  # the repeat-course rule belongs to the history point


def test_the_sequencing_note_is_judgment_not_a_tested_rule_and_cites_its_support(
    bank: Bank,
) -> None:
    note = words(bank.sequencing_note)
    assert "their judgment" in note
    assert "We found no study that tested which order works better" in note
    # Issue 21: its support is a sources list, cited by number, never a raw key in the text.
    assert "MCINTYRE-2021" not in note
    assert set(bank.sequencing_sources) == {"MCINTYRE-2021", "ICER-2019", "COMBO-REVIEW-2024"}
    report = build_report(bank, record_of({}), generated_on="2026-12-01")
    numbers = {s.key: s.number for s in report.sources}
    cited = ", ".join(f"[{n}]" for n in sorted(numbers[k] for k in bank.sequencing_sources))
    for fmt in ("text", "md", "html"):
        out = " ".join(render(report, fmt).split())
        assert f"Sources: {cited}." in out.replace("\\[", "[").replace("\\]", "]"), fmt
        assert "MCINTYRE-2021" not in out or fmt == "json", fmt


def test_every_figure_names_its_scale_and_cells_say_out_of_100(bank: Bank) -> None:
    for _, figure in figures(bank):
        assert re.search(r"MADRS|HAMD|QIDS-SR16|IDS-SR|as the trial defined it", figure.measure)
    for row in bank.rows:
        for option, c in row.cells.items():
            assert not re.search(r"\d in 100\b", c.text), (row.id, option)


def test_the_boxed_warning_is_called_the_label_s_strongest(bank: Bank) -> None:
    text = words(cell(bank, "serious_risks", "esketamine").text)
    assert text.startswith("The label's strongest (boxed) warning covers")
    assert "no bladder damage was seen in long trials" in text
    assert "passing out (under 1 in 100)" not in text


def test_theta_burst_is_still_a_weekday_visit(bank: Bank) -> None:
    visits = next(c for c in bank.considerations if c.id == "visits_hard")
    assert "theta-burst TMS both mean a visit every weekday" in visits.points["tms"]
    assert "shorter theta-burst sessions" not in visits.points["tms"]


def test_the_40_minute_peak_of_blood_pressure_is_given(bank: Bank) -> None:
    assert "about 40 minutes after a dose" in words(
        cell(bank, "common_side_effects", "esketamine").text
    )


def test_midazolam_is_not_called_a_dummy(bank: Bank) -> None:
    text = words(cell(bank, "chance_of_improvement", "iv_ketamine").text)
    assert "midazolam, a sedative used for comparison" in text
    assert "dummy drug" not in text


def test_contraindications_are_not_sourced_to_device_labels_via_a_clinic_form(bank: Bank) -> None:
    c = cell(bank, "who_may_not", "tms")
    assert "Device labels say" not in c.text
    assert "Clinic safety checklists" in words(c.text)


# ---------------------------------------------------------------- balance


def test_open_label_is_said_once_for_each_open_label_trial(bank: Bank) -> None:
    for _, figure in figures(bank):
        assert "knew which treatment" not in figure.study
    open_label = {
        f.study.split(" trial")[0] for _, f in figures(bank) if "open-label" in f.certainty_reason
    }
    assert {"ESCAPE-TRD", "ELEKT-D", "KetECT"} <= open_label
    assert "knew which treatment" in cell(bank, "chance_of_improvement", "esketamine").text
    assert "knew which treatment" in words(cell(bank, "chance_of_improvement", "iv_ketamine").text)
    assert "did not know" in words(cell(bank, "chance_of_improvement", "tms").text)


def test_mania_is_framed_the_same_way_for_every_option(bank: Bank) -> None:
    tms = words(cell(bank, "serious_risks", "tms").text)
    assert "about as often with sham TMS" in tms
    for option in ("esketamine", "iv_ketamine"):
        assert "bipolar disorder" in words(cell(bank, "who_may_not", option).text)


def test_iv_ketamine_says_it_has_no_label_and_no_required_program(bank: Bank) -> None:
    text = words(cell(bank, "serious_risks", "iv_ketamine").text)
    assert "no FDA label for depression and no required safety program" in text


def test_ketect_memory_effects_are_given_alongside_dropouts(bank: Bank) -> None:
    text = words(cell(bank, "common_side_effects", "iv_ketamine").text)
    assert "lasting memory problems were more common with ECT" in text


def test_ect_is_not_described_by_its_harms_only(bank: Bank) -> None:
    ect = next(o for o in bank.other_options if "ECT" in o.name)
    assert "led to remission more often than IV ketamine" in words(ect.text)


def test_medicare_is_worded_the_same_way_for_tms_and_esketamine(bank: Bank) -> None:
    medicare = next(c for c in bank.considerations if c.id == "medicare")
    ending = "Ask what your plan needs and what your share would be."
    assert medicare.points["tms"].endswith(ending)
    assert medicare.points["esketamine"].endswith(ending)


# docs/certainty.md: the words a reason line uses for each step that lowers a rating.
OPEN_LABEL = ("open-label",)
SMALL = ("small", "fewer than 100")
NO_SECOND = ("no second",)
INCONSISTENT = ("missed their goal", "found no difference", "did better")
INDIRECT = ("hospital patients", "off antidepressants", "already in remission")


def test_certainty_follows_one_rule_for_every_option(bank: Bank) -> None:
    """Open-label, small (under 100), no second trial of the same comparison, inconsistent
    results and an indirect (or enriched) group each lower a level, for every option alike."""
    levels = ("high", "moderate", "low", "very low")
    for option, figure in figures(bank):
        reason = figure.certainty_reason
        start = 2 if "no comparison group" in reason or "follow-up" in reason else 0
        steps = (OPEN_LABEL, SMALL, NO_SECOND, INCONSISTENT, INDIRECT)
        lowered = sum(any(w in reason for w in words_) for words_ in steps)
        assert not (any(w in reason for w in NO_SECOND) and any(w in reason for w in INCONSISTENT))
        expected = levels[min(start + lowered, 3)]
        assert figure.certainty == expected, (option, figure.study, reason)
        assert not reason.startswith("one "), reason  # "single study" said what it means


def test_inconsistent_results_and_an_enriched_group_lower_the_rating_evenly(bank: Bank) -> None:
    by_study = {f.study.split(" (")[0]: f for _, f in figures(bank)}
    assert "missed their goal" in by_study["TRANSFORM-2 trial"].certainty_reason
    assert "found no difference" in by_study["OPT-TMS trial"].certainty_reason
    assert "did better" in by_study["ELEKT-D trial"].certainty_reason
    sustain = by_study["SUSTAIN-1 trial"]
    assert "already in remission" in sustain.certainty_reason and sustain.certainty == "low"
    for key in ("VA-TMS-2018", "FEDGCHIN-2019", "OCHS-ROSS-2020"):  # the trials that missed
        assert any(key in f.sources for _, f in figures(bank)), key


# ---------------------------------------------------------------- missing


def test_new_history_question_on_brain_conditions_has_an_im_not_sure_choice(bank: Bank) -> None:
    q = next(q for q in bank.questions if q.id == "brain_conditions")
    labels = [c.label for c in q.choices]
    assert "I'm not sure" in labels
    assert any("stroke" in label for label in labels)
    assert any("epilepsy" in label for label in labels)
    assert any("tumor" in label for label in labels)
    assert any("head injury" in label for label in labels)


def test_a_stroke_raises_a_point_for_every_option(bank: Bank) -> None:
    raised = points_for(bank, {"brain_conditions": ["stroke"]})
    assert set(raised["stroke"]) == set(OPTIONS)
    assert "extra care" in raised["stroke"]["esketamine"]


def test_the_2020_approval_for_recent_suicidal_thoughts_is_given_with_its_limits(
    bank: Bank,
) -> None:
    """Fix 1 (issue 21): wherever the 2020 approval is said, its limitation is said with it."""
    few = next(c for c in bank.considerations if c.id == "few_antidepressants")
    for text in (words(cell(bank, "approval", "esketamine").text), few.points["esketamine"]):
        assert "recent suicidal thoughts or actions" in text
        assert "not been shown to prevent suicide or reduce suicidal thoughts" in text
        assert "does not replace a hospital stay" in text
    # The one-page short form has no room for the limitation, so it does not name 2020.
    short = cell(bank, "approval", "esketamine").short
    assert "2020" not in short and "suicid" not in short


def test_a_yes_to_the_self_harm_question_adds_a_point_in_the_summary(bank: Bank) -> None:
    answers: dict[str, AnswerValue] = {"self_harm_thoughts": True}
    report = build_report(bank, record_of(answers), generated_on="2026-12-01")
    for entry in report.points:
        assert any(p.id == "self_harm_thoughts" for p in entry.points), entry.option_id
    assert "How will my safety be looked after" in render(report, "md")


def test_bipolar_asks_how_mood_would_be_watched_for_every_option(bank: Bank) -> None:
    raised = points_for(bank, {"mood_conditions": ["bipolar"]})["bipolar"]
    for option in OPTIONS:
        assert "Ask how your mood would be watched." in raised[option], option


# ---------------------------------------------------------------- safety details and sources


def test_the_welcome_screen_crisis_list_says_988_and_911_are_for_the_us(bank: Bank) -> None:
    lines = crisis_line(bank.safety).splitlines()
    us = [line for line in lines if "988" in line or "911" in line]
    assert len(us) == 2
    assert all("(US)" in line for line in us)


def test_988_is_cited_to_the_lifeline_itself(bank: Bank) -> None:
    source = bank.sources["988-LIFELINE"]
    assert source.url == "https://988lifeline.org/"


def test_dosing_interactions_and_breastfeeding_rest_on_the_label_not_consumer_pages(
    bank: Bank,
) -> None:
    consumer = {k for k, s in bank.sources.items() if s.kind == "consumer"}
    for row_id in ("time_commitment", "with_other_treatments", "who_may_not"):
        assert not set(cell(bank, row_id, "esketamine").sources) & consumer, row_id
    for c in bank.considerations:
        if c.id in ("benzodiazepines", "stimulants", "opioids", "maois", "pregnancy"):
            assert not set(c.sources) & consumer, c.id


PRIMARY_HOSTS = ("jamanetwork.com", "psychiatrist.com", "academic.oup.com", "pmc.ncbi.nlm.nih.gov")


def test_every_trial_and_review_links_its_primary_record_or_says_why_not(bank: Bank) -> None:
    """A DOI, PubMed id or registry id; else the publisher's or PubMed Central's own page
    (where no identifier could be confirmed); else a note saying why there is no link."""
    for key, s in bank.sources.items():
        if s.kind in ("trial", "review"):
            on_primary_page = s.url is not None and any(h in s.url for h in PRIMARY_HOSTS)
            assert s.doi or s.pmid or s.registry or on_primary_page or s.no_link, key


# ---------------------------------------------------------------- the docs say the same


DOCS = Path(__file__).resolve().parent.parent / "docs"
TABLE_NAMES = {
    "GEORGE-2010": "OPT-TMS",
    "SNT-2026": "SNT remission",
    "DUNNER-2014": "Dunner 2014",
    "ESCAPE-TRD": "ESCAPE-TRD",
    "TRANSFORM-2": "TRANSFORM-2",
    "SUSTAIN-1": "SUSTAIN-1",
    "ELEKT-D": "ELEKT-D",
    "KETECT-2022": "KetECT",
}


def test_the_certainty_table_in_the_docs_matches_every_figure_in_the_bank(bank: Bank) -> None:
    rows = [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in (DOCS / "certainty.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| ") and not line.startswith("| Option")
    ]
    for option, figure in figures(bank):
        name = TABLE_NAMES[figure.sources[0]]
        kind = figure.measure.split(":")[0]
        found = [r for r in rows if name in r[1] and (name != "KetECT" or kind in r[1])]
        assert len(found) == 1, (name, kind)
        assert found[0][0].lower().replace(" ", "_") == option
        assert found[0][-1] == figure.certainty, (name, found[0])


def test_the_docs_say_no_patient_or_clinician_review_has_happened() -> None:
    review = " ".join((DOCS / "review.md").read_text(encoding="utf-8").split())
    assert "It has not had:** any review by patients" in review
    assert "by clinicians who treat depression" in review
    assert "QD3–QD4" in review and "QD5–QD6" in review


# ---------------------------------------------------------------- third review (issue 21)


def first_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0]


def test_fix_2_pregnancy_rests_on_the_same_animal_evidence_for_both_ketamine_options(
    bank: Bank,
) -> None:
    raised = points_for(bank, {"pregnancy": ["pregnant"]})["pregnancy"]
    assert "animal studies of ketamine" in raised["esketamine"]
    assert "Animal studies found ketamine itself can harm unborn young" in raised["iv_ketamine"]
    assert "less is known" not in raised["iv_ketamine"]
    assert "animal studies of ketamine itself" in words(
        cell(bank, "who_may_not", "iv_ketamine").text
    )
    for option in OPTIONS:  # the one-page grid flags pregnancy for every option
        assert "pregnancy" in cell(bank, "who_may_not", option).short, option


def test_fix_3_slowed_breathing_is_rare_and_not_said_to_be_in_the_boxed_warning(
    bank: Bank,
) -> None:
    text = words(cell(bank, "serious_risks", "esketamine").text)
    assert "breathing" not in first_sentence(text)  # the boxed warning sentence
    assert "slowed breathing, which is rare: about 1 out of every 20,000 sessions" in text
    assert "CHEPKE-2024" in cell(bank, "serious_risks", "esketamine").sources


def test_fix_4_iv_ketamine_s_label_contraindication_has_the_same_weight_as_esketamine_s(
    bank: Bank,
) -> None:
    raised = points_for(bank, {"heart_vessels": ["aneurysm"]})["aneurysm_or_bleed"]
    assert "label says not to use it" in raised["esketamine"]
    assert (
        "label says not to use it if a big blood pressure rise is dangerous"
        in raised["iv_ketamine"]
    )
    stroke = points_for(bank, {"brain_conditions": ["stroke"]})["stroke"]
    assert "label says not to use it" in stroke["iv_ketamine"]
    assert "big rise in blood pressure would be dangerous" in words(
        cell(bank, "who_may_not", "iv_ketamine").text
    )
    assert bank.sources["KETALAR-LABEL"].kind == "label"


def test_what_the_rewrite_lost_is_back(bank: Bank) -> None:
    esk = words(cell(bank, "common_side_effects", "esketamine").text)
    assert "sleepiness mostly pass within about 2 hours" in esk
    assert "can stay up for about 4 hours" in esk
    iv = words(cell(bank, "serious_risks", "iv_ketamine").text)
    assert "bladder damage and to problems with memory and thinking" in iv
    gap = words(cell(bank, "chance_of_improvement", "iv_ketamine").text)
    assert "no large trial that compared a series of drips with a placebo" in gap
    assert "No large placebo trial" in cell(bank, "chance_of_improvement", "iv_ketamine").short


def test_approval_shorts_give_each_fact_and_name_each_critic(bank: Bank) -> None:
    assert "nonprofit's article argued" in cell(bank, "approval", "tms").short
    assert "journal article argued" in cell(bank, "approval", "esketamine").short
    assert "expert statement urged caution" in cell(bank, "approval", "iv_ketamine").short
    for option in OPTIONS:
        assert " found " not in cell(bank, "approval", option).short, option
    esk = words(cell(bank, "approval", "esketamine").text)
    assert "March 2019" in esk and "January 2025" in esk


def test_clinic_page_claims_stay_labelled_in_the_short_forms(bank: Bank) -> None:
    for row_id, option in (
        ("how_soon", "tms"),
        ("after_session", "tms"),
        ("after_session", "iv_ketamine"),
        ("time_commitment", "iv_ketamine"),
    ):
        assert "clinic pages" in cell(bank, row_id, option).short.lower(), (row_id, option)


def test_both_ketamine_options_say_when_effects_pass_and_share_the_same_risk_words(
    bank: Bank,
) -> None:
    for option in ("esketamine", "iv_ketamine"):
        assert "mostly gone" in cell(bank, "common_side_effects", option).short, option
        short = cell(bank, "serious_risks", option).short.lower()
        for word in ("sleepiness", "detachment", "misuse", "blood pressure"):
            assert word in short, (option, word)
    assert "8 to 19 out of 100" in cell(bank, "serious_risks", "esketamine").short
    assert "no figure for how often" in cell(bank, "serious_risks", "iv_ketamine").short


def test_boosters_and_both_sides_of_durability_are_on_the_page(bank: Bank) -> None:
    assert "boosters" in cell(bank, "time_commitment", "iv_ketamine").short
    for option in OPTIONS:
        numbers = re.findall(r"\b\d+\b", cell(bank, "how_long", option).short)
        assert len(numbers) >= 3, (option, numbers)  # a good and a bad figure, not one side


def test_cost_has_one_unit_for_every_option_and_says_what_medicaid_does(bank: Bank) -> None:
    for option, length in (
        ("tms", "6 weeks"),
        ("esketamine", "8 weeks"),
        ("iv_ketamine", "6 drips"),
    ):
        c = cell(bank, "cost", option)
        assert f"for a first course of {length}" in c.short, option
        assert re.search(r"\(20\d\d", c.short), option
        assert "Medicaid" in c.text, option
        assert " a drip" not in c.short
    for option in ("tms", "esketamine"):
        assert "Medicare covers it for people who meet its rules" in words(
            cell(bank, "cost", option).text
        )
        assert "Medicare if rules met" in cell(bank, "cost", option).short


def test_esketamine_s_misuse_check_is_said_as_iv_s_clinic_check_is(bank: Bank) -> None:
    assert "check the risk of misuse before and during treatment" in words(
        cell(bank, "serious_risks", "esketamine").text
    )
    raised = points_for(bank, {"substance_use": True})["substance_history"]
    assert "check this risk before and during treatment" in raised["esketamine"]
    assert "clinics check" in raised["iv_ketamine"]


def test_no_option_gets_a_guideline_line_of_its_own(bank: Bank) -> None:
    for c in bank.considerations:
        for option, point in c.points.items():
            assert "VA" not in point.split() and "guideline" not in point, (c.id, option)
    assert "USMED-VADOD-2022" not in bank.sources


def test_what_it_is_ends_with_the_same_kind_of_phrase(bank: Bank) -> None:
    ends = [cell(bank, "what_it_is", o).short.split(". ")[-1] for o in OPTIONS]
    assert ends == ["A medical device.", "A controlled medicine.", "A controlled medicine."]


def test_the_clarifications_are_in_the_bank(bank: Bank) -> None:
    assert "fewer than 5 out of 100" not in cell(bank, "common_side_effects", "tms").text
    assert words(cell(bank, "time_commitment", "tms").text).startswith(
        "Standard and theta-burst TMS: one visit a day"
    )
    assert "at least 2 hours" in cell(bank, "after_session", "esketamine").short
    given = words(cell(bank, "how_given", "esketamine").text)
    assert "eat nothing for 2 hours" in given and "at least 1 hour before" in given


def test_sources_the_review_named_are_fixed(bank: Bank) -> None:
    loo = bank.sources["LOO-2008"]
    assert (loo.doi, loo.pmid) == ("10.1017/S1461145707007717", "17880752")
    assert "as a clinical treatment for depression" in loo.citation
    assert "McFarquhar TF, Mitchell PB" in loo.citation
    assert "sponsor" in bank.sources["TURKOZ-2021"].citation
    assert bank.sources["DIAZGRANADOS-2010"].citation.startswith("Diazgranados N, Ibrahim L")
    assert "PMC3000408" in (bank.sources["DIAZGRANADOS-2010"].url or "")
    assert "letter" in bank.sources["TENDLER-2023"].citation
    assert "scholars.duke.edu" not in (bank.sources["ROSSI-2021"].url or "")
    assert "MCDONALD-2011" not in bank.sources
    assert "8-19%" in bank.sources["USMED-ISI-BP"].citation
    assert "8-19%" not in bank.sources["FDA-SPRAVATO-PI-2019"].citation


def test_the_new_history_items_have_neutral_points_for_every_option_they_concern(
    bank: Bank,
) -> None:
    for qid in ("implants", "heart_vessels", "mood_conditions", "pregnancy", "other_health"):
        q = next(q for q in bank.questions if q.id == qid)
        unsure = next(c for c in q.choices if c.id == "not_sure")
        assert unsure.exclusive and unsure.label == "I'm not sure", qid
        before = points_for(bank, {})
        added = {k: v for k, v in points_for(bank, {qid: ["not_sure"]}).items() if k not in before}
        raised = [p for c in added.values() for p in c.values()]
        assert raised and all("Ask your specialist to check" in p for p in raised), qid
    allergy = points_for(bank, {"other_health": ["anaesthetic_reaction"]})["anaesthetic_reaction"]
    assert set(allergy) == {"esketamine", "iv_ketamine"}
    assert all("label says not to use it" in p for p in allergy.values())
    assert set(points_for(bank, {"other_health": ["bladder"]})["bladder"]) == {
        "esketamine",
        "iv_ketamine",
    }
    now = points_for(bank, {"medicines": ["antidepressant"]})["antidepressant_now"]
    assert set(now) == set(OPTIONS)


def test_the_age_band_is_asked_first_in_the_history_and_said_evenly(bank: Bank) -> None:
    history = [q.id for q in bank.questions if q.section == "history"]
    assert history[0] == "age_band"
    young = points_for(bank, {"age_band": "under_18"})["under_18"]
    assert set(young) == set(OPTIONS) and len(set(young.values())) == 1
    assert "are for adults" in young["tms"]
    assert points_for(bank, {"age_band": "adult"}) == points_for(bank, {})
    older = points_for(bank, {"age_band": "older"})["older_adult"]
    assert "did not reach its main goal" in older["esketamine"]


def test_a_recent_attempt_shows_the_crisis_resources(tmp_path: Path) -> None:
    import subprocess
    import sys

    answers = tmp_path / "answers.yaml"
    answers.write_text("self_harm_thoughts: no\nrecent_crisis: [attempt]\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "decide", "report", "--answers", str(answers), "--plain"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Call or text 988" in result.stderr
    assert "tried to end your life in the past year" in result.stdout


def test_the_summary_keeps_the_bank_s_definitions_and_says_no_study_compared_them(
    bank: Bank,
) -> None:
    report = build_report(bank, record_of({}), generated_on="2026-12-01")
    text = " ".join(render(report, "md").split())
    assert '"Remission" means few or no symptoms were left' in text.replace("“", '"').replace(
        "”", '"'
    )
    assert "The numbers cannot show which treatment works better" in text
    assert "We found no study that compared them directly" in text
    assert "never compared head to head" not in text
