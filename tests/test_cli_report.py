"""`decide report`: the summary from an answers file or a saved session, as a person runs it."""

from __future__ import annotations

import json
import re
import stat
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner, Result

from decide.bank import read_bank
from decide.cli import app
from decide.core.model import AnswerValue, Bank, Question
from decide.core.neutrality import find_steering
from decide.core.record import CounselorNote, GivenAnswer, InterviewRecord
from decide.render import FORMATS
from decide.sessions import SessionStore

BANKS = Path(__file__).parent / "banks"
SMALL = str(BANKS / "small.yaml")
BOX_DRAWING = {chr(c) for c in range(0x2500, 0x2580)}
CALM: dict[str, AnswerValue] = {
    "self_harm": False,
    "tried": 3,
    "past": ["none"],
    "seizures": True,
    "driver": True,
    "pref_speed": 4,
    "pref_effects": 1,
    "sure": True,
    "know_beta": "false",
    "low_mood": 2,
    "goal": "learn",
}


def run(*args: str) -> Result:
    return CliRunner().invoke(app, ["report", *args])


def answers_file(tmp_path: Path, answers: dict[str, AnswerValue], name: str = "a.yaml") -> str:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(answers), encoding="utf-8")
    return str(path)


def error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_prints_the_summary(tmp_path: Path, fmt: str) -> None:
    result = run("--answers", answers_file(tmp_path, CALM), "--bank", SMALL, "--format", fmt)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "This summary does not recommend a treatment." in out
    assert out.index("Alpha treatment") < out.index("Beta treatment")
    assert "Help is available now" not in result.stderr
    if fmt == "json":
        data = json.loads(out)
        assert [o["id"] for o in data["options"]] == ["alpha", "beta"]
        assert data["safety"]["fired"] is False
    if fmt == "html":
        assert out.startswith("<!DOCTYPE html>") and "<script" not in out
    if fmt == "text":  # not a terminal here: plain text, no boxes
        assert not BOX_DRAWING & set(out)


@pytest.mark.parametrize(("columns", "table"), [("120", True), ("80", False)])
def test_on_a_terminal_text_is_laid_out_for_its_width(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columns: str, table: bool
) -> None:
    monkeypatch.setattr("decide.terminal.output.wants_plain", lambda *a, **k: False)
    monkeypatch.setenv("COLUMNS", columns)
    result = run("--answers", answers_file(tmp_path, CALM), "--bank", SMALL)
    assert result.exit_code == 0, result.output
    assert ("┬" in result.stdout) is table  # the comparison table, or the stacked layout
    assert "Points to raise with your specialist" in result.stdout


def test_plain_asks_for_plain_text_even_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def on_a_terminal(flag: bool = False, stream: object = None) -> bool:
        return flag  # as if stdout were a terminal: only --plain makes it plain

    monkeypatch.setattr("decide.terminal.output.wants_plain", on_a_terminal)
    monkeypatch.setenv("COLUMNS", "120")
    path = answers_file(tmp_path, CALM)
    assert "┬" in run("--answers", path, "--bank", SMALL).stdout
    result = run("--answers", path, "--bank", SMALL, "--plain")
    assert result.exit_code == 0, result.output
    assert not BOX_DRAWING & set(result.stdout)
    assert "\nThe options side by side\n\n" in result.stdout  # a heading with no underline
    assert "\n------" not in result.stdout


def test_output_saves_an_owner_only_file_and_says_where(tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    result = run(
        "--answers",
        answers_file(tmp_path, CALM),
        "--bank",
        SMALL,
        "--format",
        "md",
        "--output",
        str(target),
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"Saved your summary to {target}." in result.stderr
    assert target.read_text(encoding="utf-8").startswith("# Small test bank: your summary")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("name", "start"),
    [
        ("s.html", "<!DOCTYPE html>"),
        ("S.HTM", "<!DOCTYPE html>"),
        ("s.txt", "Small"),
        ("s.text", "Small"),
        ("s.markdown", "# Small"),
        ("s.json", "{"),
        ("for Dr. Lee", "Small"),  # no file type: plain text
    ],
)
def test_the_output_file_name_gives_the_format(tmp_path: Path, name: str, start: str) -> None:
    target = tmp_path / name
    result = run("--answers", answers_file(tmp_path, CALM), "--bank", SMALL, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").startswith(start)


def test_output_is_never_overwritten_without_force(tmp_path: Path) -> None:
    target = tmp_path / "summary.html"
    target.write_text("my own notes", encoding="utf-8")
    args = (
        "--answers",
        answers_file(tmp_path, CALM),
        "--bank",
        SMALL,
        "--format",
        "html",
        "--output",
        str(target),
    )
    refused = run(*args)
    assert refused.exit_code == 1
    assert error_lines(refused) == [f"error: {target} already exists."]
    assert "hint: add --force to replace it." in refused.stderr
    assert target.read_text(encoding="utf-8") == "my own notes"
    replaced = run(*args, "--force")
    assert replaced.exit_code == 0, replaced.output
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("where", "sentence"),
    [
        (
            "missing/summary.md",
            "The folder {tmp}/missing does not exist. Create it first or pick another.",
        ),
        ("", "{tmp} is a folder. Give a file name, for example {tmp}/decide-summary.txt."),
    ],
)
def test_a_bad_output_path_gives_one_sentence(tmp_path: Path, where: str, sentence: str) -> None:
    result = run(
        "--answers",
        answers_file(tmp_path, CALM),
        "--bank",
        SMALL,
        "--output",
        str(tmp_path / where) if where else str(tmp_path),
    )
    assert result.exit_code == 1
    assert error_lines(result) == ["error: " + sentence.format(tmp=tmp_path)]
    assert "Traceback" not in result.output


def test_a_folder_as_output_names_a_file_of_the_chosen_format(tmp_path: Path) -> None:
    path = answers_file(tmp_path, CALM)
    result = run("--answers", path, "--bank", SMALL, "--format", "html", "-o", str(tmp_path))
    assert result.exit_code == 1
    assert error_lines(result) == [
        f"error: {tmp_path} is a folder. Give a file name, for example "
        f"{tmp_path}/decide-summary.html."
    ]


@pytest.mark.parametrize(("fmt", "start"), [(None, "Small"), ("json", "{")])
def test_output_dash_is_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str | None, start: str
) -> None:
    monkeypatch.chdir(tmp_path)
    path = answers_file(tmp_path, CALM)
    result = run(
        "--answers", path, "--bank", SMALL, "--output", "-", *(["--format", fmt] if fmt else [])
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(start)
    assert "Alpha treatment" in result.stdout
    assert not (tmp_path / "-").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]


@pytest.mark.parametrize(
    ("name", "fmt", "sentence"),
    [
        (
            "x.html",
            "md",
            "x.html is a name for a web page (HTML), but this summary is Markdown; name it x.md.",
        ),
        (
            "x.md",
            "text",
            "x.md is a name for Markdown, but this summary is plain text; name it x.txt.",
        ),
        (
            "x.json",
            "html",
            "x.json is a name for JSON, but this summary is a web page (HTML); name it x.html.",
        ),
        (
            "x.pdf",
            None,
            "decide cannot write .pdf files; name it .txt, .md, .html or .json. To get a PDF, "
            "save a web page (.html) and print it from a browser.",
        ),
        ("x.docx", None, "decide cannot write .docx files; name it .txt, .md, .html or .json."),
        ("x.docx", "md", "decide cannot write .docx files; name it x.md."),
    ],
)
def test_a_file_type_decide_cannot_write_or_that_contradicts_the_format_is_refused(
    tmp_path: Path, name: str, fmt: str | None, sentence: str
) -> None:
    target = tmp_path / name
    result = run(
        "--answers",
        answers_file(tmp_path, CALM),
        "--bank",
        SMALL,
        *(["--format", fmt] if fmt else []),
        "--output",
        str(target),
    )
    assert result.exit_code == 1
    assert error_lines(result) == ["error: " + sentence]
    assert not target.exists()
    assert "Traceback" not in result.output


def test_a_crisis_answer_shows_the_resources_on_stderr_and_flags_the_summary(
    tmp_path: Path,
) -> None:
    result = run(
        "--answers",
        answers_file(tmp_path, {**CALM, "self_harm": True}),
        "--bank",
        SMALL,
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    assert "Help is available now" in result.stderr
    assert "Call or text 988" in result.stderr
    data = json.loads(result.stdout)  # stdout stays clean JSON
    assert data["safety"]["fired"] is True
    assert "raised a safety concern" in data["safety"]["fired_text"]


def test_the_crisis_panel_comes_before_any_note(tmp_path: Path) -> None:
    hidden = {**CALM, "self_harm": True, "past_alpha": "helped"}  # past_alpha is hidden here
    result = run("--answers", answers_file(tmp_path, hidden), "--bank", SMALL)
    assert result.exit_code == 0, result.output
    assert "past_alpha" in result.stderr
    assert result.stderr.index("Help is available now") < result.stderr.index("note:")
    assert result.stderr.count("Help is available now") == 1


def test_exactly_one_of_answers_or_session(tmp_path: Path) -> None:
    assert run("--bank", SMALL).exit_code == 2
    both = run("--answers", answers_file(tmp_path, CALM), "--session", "abc", "--bank", SMALL)
    assert both.exit_code == 2
    assert "exactly one of --answers FILE or --session ID" in both.output


def test_a_bad_answers_file_is_reported_with_its_line(tmp_path: Path) -> None:
    result = run("--answers", answers_file(tmp_path, {**CALM, "pref_speed": 9}), "--bank", SMALL)
    assert result.exit_code == 1
    assert f"{tmp_path / 'a.yaml'}:" in result.stderr
    assert "Traceback" not in result.output


def _saved_session(store: Path, bank: Bank) -> str:
    record = InterviewRecord(
        mode="counselor",
        client_code="C-17",
        answers={qid: GivenAnswer(v, "2026-01-20T10:00:00Z") for qid, v in CALM.items()},
        notes=[CounselorNote("values", "Client worried about <cost> [bold]", "2026-01-20T10:05Z")],
        finished=True,
    )
    session = SessionStore(store).create(bank, record)
    session.close()
    return session.id


def test_with_notes_gives_the_counselor_copy_of_a_saved_session(tmp_path: Path) -> None:
    sid = _saved_session(tmp_path / "store", read_bank(Path(SMALL)))
    base = ("--session", sid, "--store", str(tmp_path / "store"), "--bank", SMALL)
    patient = run(*base, "--format", "md")
    counselor = run(*base, "--format", "md", "--with-notes")
    assert patient.exit_code == counselor.exit_code == 0, patient.output + counselor.output
    assert "Client worried" not in patient.stdout and "C-17" not in patient.stdout
    assert "Client worried about \\<cost\\> \\[bold\\]" in counselor.stdout
    assert "Client code: C-17." in counselor.stdout


def test_an_unknown_session_is_one_clear_error(tmp_path: Path) -> None:
    result = run("--session", "nothere", "--store", str(tmp_path), "--bank", SMALL)
    assert result.exit_code == 1
    assert len(error_lines(result)) == 1
    assert "Traceback" not in result.output


# ---------------------------------------------------------------- the bundled bank, end to end


def _an_answer(question: Question) -> AnswerValue:
    if question.type == "yesno":
        return question.role != "safety"  # yes to everything but the safety question
    if question.type == "single":
        return question.choices[-1].id
    if question.type == "multi":
        return [c.id for c in question.choices if not c.exclusive][:2]
    if question.type in ("scale", "number"):
        return int(question.max if question.max is not None else 2)
    return "Can I keep working? <b>*really*</b>"


def test_the_bundled_bank_gives_a_neutral_summary_in_every_format(tmp_path: Path) -> None:
    bank = read_bank(None)
    answers = {q.id: _an_answer(q) for q in bank.questions if not q.show_if}
    path = answers_file(tmp_path, answers)
    names = [o.name for o in bank.options]
    for fmt in FORMATS:
        result = run("--answers", path, "--format", fmt)
        assert result.exit_code == 0, result.output
        out = result.stdout
        assert find_steering(out) is None, find_steering(out)
        if fmt != "json":
            # The history line repeats the person's own answers (a past treatment by name).
            out = re.sub(r"Your history:.*?(\n\n|</p>)", "", out, flags=re.S)
            first = [out.index(name) for name in names]
            assert first == sorted(first)
        else:
            data = json.loads(out)
            assert [o["id"] for o in data["options"]] == [o.id for o in bank.options]
            assert len(data["rows"]) == len(bank.rows)


def report_on(tmp_path: Path, answers: str) -> tuple[Path, Result]:
    """`decide report` on the small bank with an answers file holding `answers`."""
    path = tmp_path / "a.yaml"
    path.write_text(answers, encoding="utf-8")
    return path, run("--answers", str(path), "--bank", SMALL)


@pytest.mark.parametrize("said", ["true", "'y'"])
def test_the_crisis_panel_comes_before_the_mistakes_of_an_unusable_file(
    tmp_path: Path, said: str
) -> None:
    path, result = report_on(tmp_path, f"self_harm: {said}\npref_speed: 9\n")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "Help is available now" in result.stderr
    assert "Call or text 988" in result.stderr
    assert result.stderr.index("Help is available now") < result.stderr.index("error:")
    assert f"error: {path}:2:13: 'pref_speed'" in result.stderr
    assert result.stderr.count("Help is available now") == 1


@pytest.mark.parametrize("said", ["maybe", "sometimes", "[1, 2]"])
def test_an_unreadable_answer_to_the_safety_question_shows_the_crisis_panel(
    tmp_path: Path, said: str
) -> None:
    _, result = report_on(tmp_path, f"self_harm: {said}\n")
    assert result.exit_code == 1
    assert "Help is available now" in result.stderr
    assert result.stderr.index("Help is available now") < result.stderr.index("error:")


def test_an_unreadable_answer_elsewhere_does_not(tmp_path: Path) -> None:
    _, result = report_on(tmp_path, "self_harm: no\npref_speed: lots\n")
    assert result.exit_code == 1
    assert "Help is available now" not in result.stderr


def test_a_file_name_with_a_terminal_escape_is_said_with_the_escape_shown(tmp_path: Path) -> None:
    """The "Saved" line names the file as given; an escape sequence in the name (a pasted
    name can hold one) is shown as `\\x1b`, never sent to the terminal as a command."""
    output = tmp_path / "summary\x1b[2J.html"
    result = run("--answers", answers_file(tmp_path, CALM), "--bank", SMALL, "-o", str(output))
    assert result.exit_code == 0, result.output
    assert output.is_file()
    assert "\x1b" not in result.stderr
    assert f"Saved your summary to {tmp_path}/summary\\x1b[2J.html." in result.stderr
