"""One route from answers to a summary: the same words on the same streams from every command,
the crisis rule applied once, and the crisis lines as the last lines of every run that raised
a concern (issue 17)."""

from __future__ import annotations

import ast
import json
import os
import re
from pathlib import Path

import pytest
from terminal_helpers import spawn_decide
from typer.testing import CliRunner

from decide.bank import read_bank
from decide.bank.export import question_list
from decide.cli import app
from decide.core.record import InterviewRecord
from decide.core.safety import concern_of

PACKAGE = Path(__file__).resolve().parent.parent / "decide"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def bundled_answers(tmp_path: Path, *, self_harm: bool) -> Path:
    """Answers to every question of the bundled bank that is always asked: the
    first choice, the lowest number, "no" to yes/no, except the self-harm question."""
    answers: dict[str, object] = {}
    for item in question_list(read_bank()):
        if item["show_if"] is not None:
            continue
        kind = item["type"]
        if item["role"] == "safety" and kind == "yesno":
            answers[item["id"]] = self_harm
        elif kind == "yesno":
            answers[item["id"]] = False
        elif kind == "single":
            answers[item["id"]] = item["choices"][0]["id"]
        elif kind == "multi":
            answers[item["id"]] = [item["choices"][-1]["id"]]
        elif kind in ("scale", "number"):
            answers[item["id"]] = item["min"] if item["min"] is not None else 0
        else:
            answers[item["id"]] = "Could I keep working during treatment?"
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    return path


def test_both_commands_confirm_a_saved_summary_with_the_same_words_on_stderr(
    tmp_path: Path,
) -> None:
    answers = bundled_answers(tmp_path, self_harm=False)
    runner = CliRunner()
    report = runner.invoke(
        app, ["report", "--answers", str(answers), "--output", str(tmp_path / "f.md")]
    )
    interview = runner.invoke(
        app,
        ["interview", "--answers", str(answers), "--no-input", "--no-save",
         "--output", str(tmp_path / "g.md")],
    )  # fmt: skip
    assert report.exit_code == 0 and interview.exit_code == 0, (report.output, interview.output)
    assert report.stdout == "" and interview.stdout == ""
    assert f"Saved your summary to {tmp_path / 'f.md'}." in report.stderr
    assert f"Saved your summary to {tmp_path / 'g.md'}." in interview.stderr
    said = [line.replace("f.md", "X") for line in report.stderr.splitlines()]
    assert said == [line.replace("g.md", "X") for line in interview.stderr.splitlines()]


def test_an_html_file_says_how_to_print_it(tmp_path: Path) -> None:
    answers = bundled_answers(tmp_path, self_harm=False)
    target = tmp_path / "s.html"
    result = CliRunner().invoke(app, ["report", "--answers", str(answers), "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert "open it in a web browser, then print" in result.stderr


def test_notes_are_one_line_each_on_stderr_whatever_the_width(tmp_path: Path) -> None:
    answers = bundled_answers(tmp_path, self_harm=False)
    data = json.loads(answers.read_text())
    data["past_tms_result"] = "helped"  # a question its condition hides: a note
    answers.write_text(json.dumps(data))
    for command in (
        ["report", "--answers", str(answers), "--format", "md"],
        ["interview", "--answers", str(answers), "--no-input", "--no-save", "--format", "md"],
    ):
        result = CliRunner().invoke(app, command, env={"COLUMNS": "40"})
        assert result.exit_code == 0, result.output
        notes = [line for line in result.stderr.splitlines() if "past_tms_result" in line]
        assert len(notes) == 1 and notes[0].startswith("note: ")
        assert "past_tms_result" not in result.stdout


def last_lines(command: list[str], *, columns: int, plain: bool, count: int = 15) -> list[str]:
    """The last `count` non-blank lines a person sees in a terminal of `columns` columns."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    child = spawn_decide(
        [*command, *(["--plain"] if plain else [])],
        env=env, dimensions=(20, columns), timeout=60, encoding="utf-8",
    )  # fmt: skip
    output = child.read()
    child.close()
    assert child.exitstatus == 0, output[-2000:]
    lines = [ANSI.sub("", line).strip() for line in output.splitlines()]
    return [line for line in lines if line][-count:]


@pytest.mark.parametrize("plain", [False, True], ids=["rich", "plain"])
@pytest.mark.parametrize("columns", [100, 40])
@pytest.mark.parametrize("command", ["interview", "report"])
def test_the_last_screen_of_a_run_that_raised_a_concern_has_the_crisis_lines(
    tmp_path: Path, command: str, columns: int, plain: bool
) -> None:
    answers = str(bundled_answers(tmp_path, self_harm=True))
    args = (
        ["interview", "--answers", answers, "--no-input", "--no-save"]
        if command == "interview"
        else ["report", "--answers", answers, "--format", "text", "--output", "-"]
    )
    seen = " ".join(last_lines(args, columns=columns, plain=plain))
    assert "988" in seen and "911" in seen and "Outside the US" in seen


def test_a_run_with_no_concern_does_not_end_on_the_crisis_lines(tmp_path: Path) -> None:
    answers = str(bundled_answers(tmp_path, self_harm=False))
    args = ["report", "--answers", answers, "--format", "text", "--output", "-"]
    assert "911" not in " ".join(last_lines(args, columns=100, plain=True, count=6))


def test_the_crisis_lines_never_go_into_a_format_on_standard_output(tmp_path: Path) -> None:
    answers = str(bundled_answers(tmp_path, self_harm=True))
    result = CliRunner().invoke(app, ["report", "--answers", answers, "--format", "json"])
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)  # still valid JSON: the closing lines are on stderr
    closing = " ".join(result.stderr.strip().splitlines()[-6:])
    assert "988" in closing and "911" in closing and "Outside the US" in closing


def test_the_rule_says_why_a_concern_was_raised() -> None:
    bank = read_bank()
    safety_id = next(q.id for q in bank.questions if q.role == "safety")
    assert concern_of(bank, InterviewRecord()) is None
    shown = concern_of(bank, InterviewRecord(crisis_fired=True))
    assert shown is not None and "shown earlier" in shown.reasons[0]
    unreadable = concern_of(bank, InterviewRecord(), unreadable=[safety_id])
    assert unreadable is not None and "could not be read" in unreadable.reasons[0]


def test_only_the_crisis_edge_marks_a_record() -> None:
    marking = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else []
            for target in targets:
                names = target.elts if isinstance(target, ast.Tuple) else [target]
                if any(isinstance(n, ast.Attribute) and n.attr == "crisis_fired" for n in names):
                    marking.add(path.relative_to(PACKAGE).as_posix())
    assert marking == {"terminal/crisis.py"}


def test_invisible_controls_in_typed_words_never_reach_the_json_summary_raw(
    tmp_path: Path,
) -> None:
    answers = bundled_answers(tmp_path, self_harm=False)
    data = json.loads(answers.read_text())
    data["my_questions"] = "Is it safe\u202e?"
    answers.write_text(json.dumps(data))
    result = CliRunner().invoke(app, ["report", "--answers", str(answers), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "\u202e" not in result.stdout  # never raw: the summary's text drops it, and the
    assert "Is it safe?" in result.stdout  # JSON writer escapes any that reach it
