"""The FHIR exports: `decide questions --format fhir` and `decide report --format fhir`.

Both resources are validated with fhir.resources (the FHIR R4B models), which knows nothing of
decide; the tests then check what the models cannot: one item per question under its section's
group, unique linkIds, and every answer that applies (and only those) with the right type.
"""

from __future__ import annotations

import json
import stat
from functools import cache
from pathlib import Path

import pytest
import yaml
from counts import examples
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from fhir_helpers import answers_for, fhirpath_holds, item_by_link_id, the_value, walk
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from small_answers import FULL
from typer.testing import CliRunner, Result

from decide.bank import read_bank
from decide.cli import app
from decide.core.conditions import effective_answers
from decide.core.model import AnswerValue, Bank, Question
from decide.core.record import GivenAnswer, InterviewRecord
from decide.fhir.common import ENABLE_WHEN_EXPRESSION, group_link_id
from decide.fhir.questionnaire import questionnaire
from decide.fhir.response import questionnaire_response
from decide.sessions import SessionStore

BANKS = Path(__file__).parent / "banks"
BANK_FILES = {"bundled": None, **{p.stem: p for p in sorted(BANKS.glob("*.yaml"))}}


@cache
def loaded(name: str) -> Bank:
    """A test bank, read when a test first needs it: never at import."""
    return read_bank(BANK_FILES[name])


SMALL = str(BANKS / "small.yaml")
VALUE_TYPE = {"single": "Coding", "multi": "Coding", "yesno": "Boolean", "text": "String"}


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def bank_args(name: str) -> list[str]:
    path = BANK_FILES[name]
    return ["--bank", str(path)] if path is not None else []


def value_type(question: Question) -> str:
    if question.type in ("scale", "number"):
        return "Integer" if question.type == "scale" or question.integer else "Decimal"
    return VALUE_TYPE[question.type]


# ---------------------------------------------------------------- the Questionnaire


@pytest.mark.parametrize("name", list(BANK_FILES))
def test_questions_format_fhir_prints_a_valid_questionnaire(name: str) -> None:
    result = run("questions", "--format", "fhir", *bank_args(name))
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    Questionnaire.model_validate(printed)  # raises on anything the R4B model refuses
    bank = loaded(name)
    assert printed["url"].endswith(bank.meta.id) and printed["version"] == bank.meta.version
    assert printed["title"] == bank.meta.title and printed["status"] == "active"
    # que-2, evaluated by a FHIRPath engine rather than by our own walk
    assert fhirpath_holds("%resource.descendants().linkId.isDistinct()", printed)


@pytest.mark.parametrize("name", list(BANK_FILES))
def test_every_question_is_an_item_in_its_sections_group(name: str) -> None:
    bank = loaded(name)
    exported = questionnaire(bank)
    groups = {group["linkId"]: group for group in exported["item"]}
    assert all(group["type"] == "group" and group["item"] for group in groups.values())
    for question in bank.questions:
        group = groups[group_link_id(question.section)]
        items = [i for i in group["item"] if i["linkId"] == question.id]
        assert len(items) == 1, question.id
        item = items[0]
        assert item["text"] == question.text and item["required"] == question.required
        expected_type = {"Coding": "choice", "Boolean": "boolean", "String": "text"}
        assert item["type"] == expected_type.get(value_type(question), value_type(question).lower())
        assert item.get("repeats", False) == (question.type == "multi")
        codes = [the_value(o, "value")[1]["code"] for o in item.get("answerOption", [])]
        assert codes == [c.id for c in question.choices]
        texts = [child["text"] for child in item.get("item", [])]
        assert all(child["type"] == "display" for child in item.get("item", []))
        for said in (question.help, question.more_help, question.unit):
            assert not said or said in texts
        conditioned = "enableWhen" in item or any(
            e["url"] == ENABLE_WHEN_EXPRESSION for e in item.get("extension", [])
        )
        assert conditioned == (question.show_if is not None)


# The FHIR R4 invariants on Questionnaire items, which fhir.resources does not check, as FHIRPath
# (que-12 says "more than one", which is what is checked here).
ITEM_INVARIANTS = {
    "que-1": "(type = 'group' implies item.empty().not()) and (type = 'display' implies item.empty())",
    "que-3": "type != 'display' or code.empty()",
    "que-4": "answerOption.empty() or answerValueSet.empty()",
    "que-5": "(type = 'choice' or type = 'open-choice' or type = 'decimal' or type = 'integer' "
    "or type = 'date' or type = 'dateTime' or type = 'time' or type = 'string' "
    "or type = 'quantity') or (answerValueSet.empty() and answerOption.empty())",
    "que-6": "type != 'display' or (required.empty() and repeats.empty())",
    "que-8": "(type != 'group' and type != 'display') or initial.empty()",
    "que-9": "type != 'display' or readOnly.empty()",
    "que-10": "(type in ('boolean' | 'decimal' | 'integer' | 'string' | 'text' | 'url' "
    "| 'open-choice')) or maxLength.empty()",
    "que-11": "answerOption.empty() or initial.empty()",
    "que-12": "enableWhen.count() > 1 implies enableBehavior.exists()",
    "que-13": "repeats = true or initial.count() <= 1",
    "que-7": "enableWhen.all(operator = 'exists' implies (answer is boolean))",
}


@pytest.mark.parametrize("name", list(BANK_FILES))
@pytest.mark.parametrize("rule", list(ITEM_INVARIANTS))
def test_every_item_keeps_the_fhir_invariants(name: str, rule: str) -> None:
    exported = questionnaire(loaded(name))
    assert fhirpath_holds(f"%resource.repeat(item).all({ITEM_INVARIANTS[rule]})", exported), rule


def test_bounds_labels_and_exclusive_choices_carry_over() -> None:
    items = item_by_link_id(questionnaire(loaded("small")))
    bounds = {
        e["url"].rsplit("/", 1)[1]: the_value(e, "value")[1] for e in items["tried"]["extension"]
    }
    assert bounds == {"minValue": 0, "maxValue": 30}
    assert items["tried"]["item"][0]["text"] == "medicines"
    none = items["past"]["answerOption"][-1]
    assert none["valueCoding"]["code"] == "none" and none["extension"][0]["valueBoolean"] is True
    scale = next(q for q in loaded("small").questions if q.type == "scale")
    labels = " ".join(child["text"] for child in items[scale.id].get("item", []))
    assert all(label in labels for label in scale.labels.values())


def test_json_and_format_json_and_text_still_work() -> None:
    as_json = run("questions", "--bank", SMALL, "--json")
    assert as_json.exit_code == 0
    assert as_json.stdout == run("questions", "--bank", SMALL, "--format", "json").stdout
    assert json.loads(as_json.stdout)[0]["id"] == "self_harm"
    assert run("questions", "--bank", SMALL).stdout.startswith("self_harm (yesno, start): ")
    both = run("questions", "--bank", SMALL, "--json", "--format", "fhir")
    assert both.exit_code == 2 and "give one of them" in both.output


# ---------------------------------------------------------------- the QuestionnaireResponse


@pytest.mark.parametrize("name", list(BANK_FILES))
@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_answer_that_applies_is_in_the_response(name: str, data: st.DataObject) -> None:
    bank = loaded(name)
    answers = data.draw(answers_for(bank))
    response = questionnaire_response(bank, answers, status="completed")
    QuestionnaireResponse.model_validate(response)
    # qrs-1, which the model library does not check: an item has answers or items, not both
    assert fhirpath_holds(
        "%resource.repeat(item).all((answer.exists() and item.exists()).not())", response
    )
    given_ = effective_answers(bank, answers)
    found = {
        item["linkId"]: [the_value(a, "value") for a in item["answer"]]
        for item in walk(response["item"])
        if "answer" in item
    }
    assert set(found) == set(given_)  # nothing hidden, nothing missing
    for qid, value in given_.items():
        question = bank.question(qid)
        assert question is not None
        assert {kind for kind, _ in found[qid]} == {value_type(question)}
        values = [v["code"] if kind == "Coding" else v for kind, v in found[qid]]
        assert values == (value if isinstance(value, list) else [value])
    for group in response["item"]:
        assert {bank.question(i["linkId"]).section for i in group["item"]} == {  # type: ignore[union-attr]
            group["linkId"].removeprefix("section:")
        }


def answers_file(tmp_path: Path, answers: dict[str, AnswerValue]) -> str:
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(answers), encoding="utf-8")
    return str(path)


def test_report_format_fhir_from_an_answers_file(tmp_path: Path) -> None:
    result = run(
        "report", "--answers", answers_file(tmp_path, FULL), "--bank", SMALL, "--format", "fhir"
    )
    assert result.exit_code == 0, result.output
    response = json.loads(result.stdout)
    QuestionnaireResponse.model_validate(response)
    bank = loaded("small")
    assert (
        response["questionnaire"] == f"urn:decide:questionnaire:{bank.meta.id}|{bank.meta.version}"
    )
    assert response["status"] == "completed"
    assert "authored" not in response and "subject" not in response  # a file has no times
    link_ids = {i["linkId"] for i in walk(response["item"])}
    assert set(effective_answers(bank, FULL)) <= link_ids
    hidden = {**FULL, "past": ["beta"]}  # past_alpha is asked only after Alpha
    result = run(
        "report", "--answers", answers_file(tmp_path, hidden), "--bank", SMALL, "--format", "fhir"
    )
    assert "past_alpha" in hidden and "past_alpha" not in result.stdout


def test_a_partial_answers_file_is_in_progress(tmp_path: Path) -> None:
    partial: dict[str, AnswerValue] = {"self_harm": False, "tried": 1}
    result = run(
        "report", "--answers", answers_file(tmp_path, partial), "--bank", SMALL, "--format", "fhir"
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["status"] == "in-progress"


def saved_session(store: Path, bank: Bank, *, finished: bool) -> str:
    record = InterviewRecord(
        mode="counselor",
        client_code="C-17",
        answers={
            qid: GivenAnswer(value, f"2026-11-2{i % 9}T10:0{i % 6}:00Z")
            for i, (qid, value) in enumerate(FULL.items())
        },
        finished=finished,
    )
    session = SessionStore(store).create(bank, record)
    session.close()
    return session.id


@pytest.mark.parametrize("finished", [True, False])
def test_report_format_fhir_from_a_session(tmp_path: Path, finished: bool) -> None:
    store = tmp_path / "store"
    sid = saved_session(store, loaded("small"), finished=finished)
    base = ["report", "--session", sid, "--store", str(store), "--bank", SMALL, "--format", "fhir"]
    plain = run(*base)
    assert plain.exit_code == 0, plain.output
    response = json.loads(plain.stdout)
    QuestionnaireResponse.model_validate(response)
    assert response["status"] == ("completed" if finished else "in-progress")
    latest = max(f"2026-11-2{i % 9}T10:0{i % 6}:00Z" for i in range(len(FULL)))
    assert response["authored"] == latest
    assert "C-17" not in plain.stdout and "subject" not in response
    with_code = json.loads(run(*base, "--with-client-code").stdout)
    assert with_code["subject"] == {"identifier": {"value": "C-17"}}


def test_with_client_code_goes_only_with_fhir(tmp_path: Path) -> None:
    result = run(
        "report", "--answers", answers_file(tmp_path, FULL), "--bank", SMALL, "--with-client-code"
    )
    assert result.exit_code == 2 and "--format fhir" in result.output
    from_file = run(
        "report",
        "--answers",
        answers_file(tmp_path, FULL),
        "--bank",
        SMALL,
        "--format",
        "fhir",
        "--with-client-code",
    )
    assert from_file.exit_code == 0 and "no client code" in from_file.stderr
    notes = run(
        *("report", "--answers", answers_file(tmp_path, FULL), "--bank", SMALL),
        *("--format", "fhir", "--with-notes"),
    )
    assert (
        notes.exit_code == 2 and "counselor notes are not part of a FHIR response" in notes.output
    )
    detail = run(
        *("report", "--answers", answers_file(tmp_path, FULL), "--bank", SMALL),
        *("--format", "fhir", "--detail", "brief"),
    )
    assert detail.exit_code == 2 and "leave out --detail" in detail.output


def test_the_response_file_follows_the_output_rules(tmp_path: Path) -> None:
    answers = answers_file(tmp_path, FULL)
    target = tmp_path / "response.json"
    args = [
        "report",
        "--answers",
        answers,
        "--bank",
        SMALL,
        "--format",
        "fhir",
        "--output",
        str(target),
    ]
    first = run(*args)
    assert first.exit_code == 0, first.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    QuestionnaireResponse.model_validate(json.loads(target.read_text(encoding="utf-8")))
    again = run(*args)
    assert again.exit_code == 1 and "already exists" in again.stderr
    assert run(*args, "--force").exit_code == 0
    wrong = run(*args[:-1], str(tmp_path / "response.md"))
    assert wrong.exit_code == 1 and "name it response.json" in wrong.stderr
    to_screen = run(*args[:-1], "-")
    assert json.loads(to_screen.stdout)["resourceType"] == "QuestionnaireResponse"


def test_a_crisis_answer_still_shows_the_resources_first(tmp_path: Path) -> None:
    crisis = {**FULL, "self_harm": True}
    result = run(
        "report", "--answers", answers_file(tmp_path, crisis), "--bank", SMALL, "--format", "fhir"
    )
    assert result.exit_code == 0
    assert "988" in result.stderr
    assert json.loads(result.stdout)["resourceType"] == "QuestionnaireResponse"


def test_authored_is_the_last_readable_answer_time_in_utc() -> None:
    from decide.flows.fhir_export import last_answer_time

    record = InterviewRecord(
        answers={
            "a": GivenAnswer(True, "2026-11-20T09:00:00+02:00"),
            "b": GivenAnswer(True, "2026-11-20T08:30:00Z"),
            "c": GivenAnswer(True, "not a time"),
        }
    )
    assert last_answer_time(record) == "2026-11-20T08:30:00Z"
    assert last_answer_time(InterviewRecord()) is None
