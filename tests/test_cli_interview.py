"""`decide interview` and `decide resume` driven through Typer's CliRunner, like a person typing.

CliRunner's stdout is not a terminal, so these runs are in plain mode and read typed lines from
`input=`. The real-terminal run is in test_pty_interview.py.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import BANKS
from typer.testing import CliRunner, Result

from decide.cli import app
from decide.core.interview import Interview
from decide.core.model import Question
from decide.core.typed import parse_typed
from decide.sessions import SessionStore

BANK = str(BANKS / "interview_small.yaml")
# One answer per question of the interview bank, then Enter at the review, then "no" to saving.
CALM = ["1", "n", "3", "3", "y", "4", "2", "y", "When could I start?"]
FINISH = ["", "4"]
ANSI = re.compile(r"\x1b\[")
BOXES = re.compile("[\u2500-\u257f\u2580-\u259f]")


def run(args: list[str], lines: list[str] | None = None, **env: str) -> Result:
    text = "".join(f"{line}\n" for line in lines) if lines is not None else ""
    env = {"COLUMNS": "200", **env}  # wide, so that sentences stay on one line to match
    return CliRunner().invoke(app, ["interview", "--bank", BANK, *args], input=text, env=env)


def store() -> SessionStore:
    return SessionStore(Path(os.environ["DECIDE_HOME"]))


def session_id(output: str) -> str:
    found = re.search(r"(?:decide resume |\(session )(\w+)", output)
    assert found, output
    return found.group(1)


def prompts(output: str) -> int:
    """Prompt lines: in a pipe, each prompt is a line of its own ending with '> '."""
    return sum(1 for line in output.splitlines() if line.endswith("> ") or line == ">")


# ---------------------------------------------------------------- a whole interview


def test_a_whole_interview_ends_in_the_summary() -> None:
    result = run(["--no-save"], [*CALM, *FINISH])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "It does not recommend a treatment." in out
    assert "It takes about 5 minutes." in out
    assert "988 Lifeline (US): Call or text 988" in out  # the crisis line on the welcome screen
    assert "Private mode: nothing you answer is saved" in out
    assert "Part 1 of 3: Getting started" in out and "A few questions first." in out
    assert "Question 1 of about 9" in out and "Question 9 of 9" in out
    assert "  1  Myself" in out
    assert "That's right: TMS is done awake." in out  # knowledge-check feedback
    assert "Check your answers" in out
    assert "Interview test bank: your summary" in out
    assert "When could I start?" in out.split("Interview test bank: your summary")[1]
    # The one page comes first, then the offer to save it, and the detail only when asked for.
    assert out.index("your summary\nMade on") < out.index("Would you like to save this summary")
    assert "Private mode: your answers were not saved" in out
    assert "Would you like to see the detail" in out
    assert "The detail" not in out.split("Would you like to see the detail")[1]
    assert "For the counselor" not in out  # patient mode never shows facilitator notes


@pytest.mark.parametrize(
    ("before", "typo", "message"),
    [
        ([], "3", "Please type a number from 1 to 2."),
        ([], "Mysterious", "'Mysterious' is not one of the choices."),
        ([], "", "This question needs an answer."),
        (CALM[:1], "maybe", "Please type y for yes or n for no."),
        (CALM[:2], "three", "Please type a number using digits"),
        (CALM[:2], "31", "Please answer with a number from 0 to 30."),
        (CALM[:3], "1,3", "'None of these' cannot be picked together with other choices."),
        (CALM[:3], "9", "Please type a number from 1 to 3."),
        (CALM[:4], "perhaps", "Please type y for yes or n for no."),
        (CALM[:5], "7", "Please answer with a number from 0 to 4."),
        (CALM[:5], "2.5", "Please type a whole number from 0 to 4."),
        (CALM[:8], "x" * 201, "Please keep this to 200 characters (this is 201)."),
    ],
)
def test_a_mistake_gets_a_clear_message_and_the_same_question(
    before: list[str], typo: str, message: str
) -> None:
    after = CALM[len(before) :]
    result = run(["--no-save"], [*before, typo, *after, *FINISH])
    assert result.exit_code == 0, result.output
    assert message in result.stdout
    assert "Traceback" not in result.output
    assert "your summary" in result.stdout  # nothing was lost: the interview still ends


def test_choices_by_label_prefix_and_lists() -> None:
    lines = ["some", "no", "4 medicines", "high, seiz", "not sure", "yes", "extremely", "no",
             "Y", ""]  # fmt: skip
    result = run(["--no-save"], [*lines, "list", *FINISH])
    assert result.exit_code == 0, result.output
    review = result.stdout.split("Check your answers")[-1]  # every question in full
    assert "Someone helping me" in review
    assert "Seizures or epilepsy, High blood pressure" in review
    assert "Not sure" in review and "4 (Extremely)" in review
    assert "That's right: TMS is done awake." in result.stdout


def test_help_shows_more_help_and_the_same_question() -> None:
    result = run(["--no-save"], ["1", "?", *CALM[1:], *FINISH])
    assert "If the answer is yes, help is shown straight away." in result.stdout
    assert result.exit_code == 0


def test_an_optional_question_can_be_skipped_and_answered_from_the_review() -> None:
    result = run(["--no-save"], [*CALM[:-1], "", "9", "Added later.", "list", *FINISH])
    assert result.exit_code == 0
    first, last, listed = result.stdout.split("Check your answers")[1:]
    assert "9. Skipped" in first
    assert "Question 9 of 9" in result.stdout  # the number it was asked with
    assert "Added later." in last
    assert "9.  Is there anything you want to ask the specialist? — Added later." in listed


# ---------------------------------------------------------------- back, review, change


def test_back_returns_to_the_previous_question_with_its_answer() -> None:
    result = run(["--no-save"], ["1", "back", "", *CALM[1:], *FINISH])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.count("Question 1 of about 9") == 2
    assert "Your answer now: Myself. Press Enter to keep it." in out
    assert "Question 2 of about 9" in out


def test_back_at_the_first_question_says_so() -> None:
    result = run(["--no-save"], ["b", *CALM, *FINISH])
    assert "This is the first question." in result.stdout
    assert result.exit_code == 0


def test_change_an_answer_from_the_review_and_reevaluate() -> None:
    # At the review, change answer 4 (conditions) to seizures: a new question appears.
    lines = [*CALM, "4", "1", "3", ""]
    result = run(["--no-save"], [*lines, "4"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Are your seizures well controlled?" in out
    last_review = out.split("Check your answers")[-1]
    assert "Seizures or epilepsy" in last_review and "Not sure" in last_review


def test_answers_that_no_longer_apply_are_marked_in_the_review() -> None:
    lines = ["1", "n", "3", "1", "2", *CALM[4:], "4", "3", ""]  # seizures, then none
    result = run(["--no-save"], [*lines, "4"])
    assert result.exit_code == 0, result.output
    last_review = result.stdout.split("Check your answers")[-1]
    assert "These answers no longer apply, so they are not used:" in last_review
    assert "Are your seizures well controlled? No" in last_review


def test_a_wrong_number_at_the_review_is_explained() -> None:
    result = run(["--no-save"], [*CALM, "12", "10", *FINISH])  # there are 9 questions
    said = "Please type one of the numbers shown, or press Enter if they are right."
    assert result.stdout.count(said) == 2
    assert result.exit_code == 0


# ---------------------------------------------------------------- stopping and resuming


def test_quit_keeps_the_answers_and_says_how_to_resume() -> None:
    result = run([], ["1", "n", "q"])
    assert result.exit_code == 0, result.output
    sid = session_id(result.stdout)
    assert "Your answers so far are saved." in result.stdout
    saved = store().load(sid)
    assert saved.record.values() == {"who": "me", "self_harm": False}
    assert not saved.record.finished


def test_resume_continues_where_the_person_stopped() -> None:
    sid = session_id(run([], ["1", "n", "3", "quit"]).stdout)
    result = CliRunner().invoke(
        app,
        ["resume", sid, "--bank", BANK],
        input="\n".join([*CALM[3:], *FINISH]) + "\n",
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    assert "Welcome back." in result.stdout
    assert "You have answered 3 of 9 questions. You are at question 4 in part 2" in result.stdout
    assert "Who is answering" not in result.stdout.split("Welcome back.")[1].split("Check")[0]
    saved = store().load(sid)
    assert saved.record.finished and saved.record.values()["own_questions"] == "When could I start?"


def test_resume_after_the_bank_changed_keeps_what_still_fits(tmp_path: Path) -> None:
    sid = session_id(run([], ["1", "n", "3", "quit"]).stdout)
    changed = tmp_path / "changed.yaml"
    changed.write_text(Path(BANK).read_text().replace("max: 30", "max: 2"))
    result = CliRunner().invoke(
        app, ["resume", sid, "--bank", str(changed)], input="q\n", env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert (
        "The questions changed since last time: 2 answers kept, and 1 question to answer again."
        in out
    )
    assert "How many antidepressants have you tried?" in out.split("Welcome back.")[1]
    # quitting at once changes nothing: the answer that no longer fits is still in the file
    assert store().load(sid).record.values() == {"who": "me", "self_harm": False, "tried": 3}


def test_interview_resume_option_is_the_same_as_resume() -> None:
    sid = session_id(run([], ["1", "q"]).stdout)
    result = run(["--resume", sid], ["q"])
    assert "Welcome back." in result.stdout
    assert result.exit_code == 0


def test_quit_in_private_mode_says_nothing_was_saved() -> None:
    before = sorted(Path(os.environ["DECIDE_HOME"]).rglob("*"))
    result = run(["--no-save"], ["1", "quit", "y"])
    assert result.exit_code == 0
    assert "Private mode: nothing was saved." in result.stdout
    assert sorted(Path(os.environ["DECIDE_HOME"]).rglob("*")) == before


def test_end_of_input_stops_with_the_answers_kept() -> None:
    result = run([], ["1", "n"])
    assert result.exit_code == 1
    assert "The input ended before the interview was finished." in result.stdout
    assert store().load(session_id(result.stdout)).record.values()["self_harm"] is False


def test_an_unwritable_store_offers_private_mode(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    result = run(["--store", str(blocked)], ["y", "1", "q", "y"])
    assert "Answers cannot be saved" in result.stdout
    assert "Private mode: nothing was saved." in result.stdout
    assert result.exit_code == 0
    refused = run(["--store", str(blocked)], ["n"])
    assert refused.exit_code == 1
    assert "error: Answers cannot be saved" in refused.stderr


# ---------------------------------------------------------------- counselor mode


def test_counselor_mode_shows_notes_pauses_and_takes_notes() -> None:
    lines = ["note", "Client arrived early.", "1", "n", "", "note", "", "3", "3", "y",
             "", "4", "2", "y", "", *FINISH]  # fmt: skip
    result = run(["--counselor", "--client", "C-014"], lines)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "For the counselor: Check the client is comfortable before you start." in out
    assert "For the counselor: Go slowly here." in out  # the section's note
    assert out.count("Press Enter when the client is ready.") == 2  # before parts 2 and 3
    assert "Note saved, only in the counselor copy." in out and "No note was added." in out
    assert out.count("Client arrived early.") == 0  # a piped note is not echoed back
    assert "Client code: C-014" in out
    summary = out.split("Interview test bank: your summary")[1]
    assert "Client arrived early." not in summary  # never in the client's summary
    sid = session_id(out)
    assert "1 counselor note is not in this summary. To save a counselor copy" in summary
    hint = f"  decide report --session {sid} --with-notes --output "  # a file, never the screen
    assert hint in summary
    assert f"decide-counselor-C-014-{date.today().isoformat()}.html" in summary.split(hint)[1]
    saved = store().load(sid)
    assert saved.record.mode == "counselor" and saved.record.client_code == "C-014"
    assert [(n.section, n.text) for n in saved.record.notes] == [("start", "Client arrived early.")]


def test_note_is_not_a_command_for_patients() -> None:
    result = run(["--no-save"], ["note", *CALM, *FINISH])
    assert "'note' is not one of the choices." in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--client", "C-1"], "--client is for counselor mode."),
        (["--counselor", "--client", "Jane Doe"], "A client code is a short pseudonym"),
    ],
)
def test_client_codes_are_pseudonyms_in_counselor_mode(args: list[str], message: str) -> None:
    result = run(["--no-save", *args], [])
    assert result.exit_code == 1
    assert message in result.stderr


# ---------------------------------------------------------------- the crisis layer


def test_crisis_panel_comes_first_and_the_person_can_go_on() -> None:
    result = run(["--no-save"], ["1", "y", "1", *CALM[2:], *FINISH])
    assert result.exit_code == 0, result.output
    out = result.stdout
    after_answer = out.split("thoughts of hurting yourself?")[1]
    assert after_answer.index("Help is available now") < after_answer.index("What would you like")
    assert "988 Lifeline (US): Call or text 988" in after_answer
    assert "your summary" in out


@pytest.mark.parametrize(("choice", "said"), [("2", "Paused."), ("3", "You stopped")])
def test_crisis_panel_pause_or_stop_keeps_the_answers(choice: str, said: str) -> None:
    result = run([], ["1", "yes", choice])
    assert result.exit_code == 0, result.output
    assert said in result.stdout
    saved = store().load(session_id(result.stdout))
    assert saved.record.crisis_fired and saved.record.crisis_at
    assert saved.record.values()["self_harm"] is True


def test_crisis_panel_shows_again_when_a_paused_session_resumes() -> None:
    sid = session_id(run([], ["1", "yes", "2"]).stdout)
    result = CliRunner().invoke(app, ["resume", sid, "--bank", BANK], input="q\n")
    assert result.exit_code == 0, result.output
    resumed = result.stdout.split("Welcome back.")[1]
    assert resumed.index("Help is available now") < resumed.index("Question 3 of about 9")


def test_crisis_panel_in_counselor_mode() -> None:
    result = run(["--no-save", "--counselor"], ["1", "y", "2"])
    assert "Help is available now" in result.stdout


def test_crisis_panel_again_after_going_back_and_answering_yes_again() -> None:
    result = run(["--no-save"], ["1", "y", "1", "back", "y", "3"])
    assert result.stdout.count("Help is available now") == 2


def test_crisis_panel_from_an_answers_file_goes_to_stderr(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "who: me\nself_harm: yes\ntried: 2\nconditions: [none]\ndriver: true\nspeed: 1\n"
        "anesthesia: 'no'\nready: false\n"
    )
    result = run(["--no-save", "--answers", str(answers), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "Help is available now" in result.stderr
    assert "Help is available now" not in result.stdout
    report = json.loads(result.stdout)
    assert report["safety"]["fired"] is True


# ---------------------------------------------------------------- plain mode


def test_plain_output_has_no_escapes_no_boxes_and_prompts_end_with_the_marker() -> None:
    lines = ["1", "y", "1", *CALM[2:], "", "4", "3"]
    result = run(["--no-save", "--plain"], lines, COLUMNS="40")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert not ANSI.search(out) and not BOXES.search(out)
    assert "Help is available now" in out  # the crisis panel, without its box
    assert prompts(out) == len(lines)
    long = [line for line in out.splitlines() if len(line) > 40 and "http" not in line]
    assert long == []
    # headings stand between blank lines, with no line of dashes a screen reader reads aloud
    assert not [
        line for line in out.splitlines() if line.strip() and set(line.strip()) <= set("-─")
    ]


def test_no_color_turns_on_plain_mode() -> None:
    result = run(["--no-save"], ["q"], NO_COLOR="1")
    assert not ANSI.search(result.stdout) and not BOXES.search(result.stdout)


# ---------------------------------------------------------------- answers files


def write_answers(folder: Path, text: str) -> str:
    path = folder / "answers.yaml"
    path.write_text(text)
    return str(path)


COMPLETE = (
    "who: me\nself_harm: no\ntried: 3\nconditions: [none]\ndriver: yes\nspeed: 4\n"
    "anesthesia: 'no'\nready: yes\n"
)


def test_a_complete_answers_file_asks_nothing_and_prints_the_summary(tmp_path: Path) -> None:
    result = run(["--no-save", "--answers", write_answers(tmp_path, COMPLETE)])
    assert result.exit_code == 0, result.output
    assert prompts(result.stdout) == 0
    assert "Interview test bank: your summary" in result.stdout


def test_missing_required_answers_without_input_fail_with_a_list(tmp_path: Path) -> None:
    path = write_answers(tmp_path, "who: me\nself_harm: no\n")
    result = run(["--no-save", "--no-input", "--answers", path])
    assert result.exit_code == 1
    assert "6 required questions have no answer" in result.stderr
    assert "tried: How many antidepressants have you tried?" in result.stderr
    assert "ready: Do you know enough about each option to talk about it?" in result.stderr


def test_no_input_without_answers_lists_what_is_missing() -> None:
    result = run(["--no-save", "--no-input"])
    assert result.exit_code == 1
    assert "who: Who is answering these questions?" in result.stderr


def test_in_a_terminal_only_the_missing_answers_are_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("decide.flows.interview._stdin_is_tty", lambda: True)
    path = write_answers(tmp_path, COMPLETE.replace("tried: 3\n", "").replace("ready: yes\n", ""))
    result = run(["--no-save", "--answers", path], ["5", "n", *FINISH])
    assert result.exit_code == 0, result.output
    asked = re.findall(r"Question \d+ of (?:about )?\d+\n(.+)", result.stdout)
    assert asked == [
        "How many antidepressants have you tried?",
        "Do you know enough about each option to talk about it?",
    ]
    assert "your summary" in result.stdout


def test_an_answer_to_a_hidden_question_is_a_note(tmp_path: Path) -> None:
    path = write_answers(tmp_path, COMPLETE + "seizure_control: unsure\n")
    result = run(["--no-save", "--answers", path])
    assert result.exit_code == 0, result.output
    assert "note: " in result.stderr and "seizure_control" in result.stderr


def test_an_unknown_question_in_an_answers_file_names_file_and_line(tmp_path: Path) -> None:
    path = write_answers(tmp_path, COMPLETE + "favourite_colour: blue\n")
    result = run(["--no-save", "--answers", path])
    assert result.exit_code == 1
    assert f"error: {path}:9:1:" in result.stderr


def test_summary_to_a_file_never_overwrites_without_force(tmp_path: Path) -> None:
    answers = write_answers(tmp_path, COMPLETE)
    out = tmp_path / "summary.md"
    first = run(["--no-save", "--answers", answers, "--output", str(out)])
    assert first.exit_code == 0, first.output
    assert out.read_text().startswith("#")
    again = run(["--no-save", "--answers", answers, "--output", str(out)])
    assert again.exit_code == 1 and "error:" in again.stderr
    forced = run(["--no-save", "--answers", answers, "--output", str(out), "--force"])
    assert forced.exit_code == 0


def test_an_unknown_format_is_a_usage_error() -> None:
    result = run(["--no-save", "--format", "pdf"])
    assert result.exit_code == 2


def test_the_detail_is_shown_one_topic_at_a_time_when_asked() -> None:
    result = run(["--no-save"], [*CALM, "", "4", "1", "", "", "q"])
    assert result.exit_code == 0, result.output
    out = result.stdout.split("Would you like to see the detail")[1]
    assert "Topic 1 of" in out and "Topic 2 of" in out and "Topic 3 of" in out
    assert "Topic 4 of" not in out  # stopped with q
    assert "If you need help now" in out  # the first topic


def test_the_detail_all_at_once_when_asked() -> None:
    result = run(["--no-save"], [*CALM, "", "4", "2"])
    assert result.exit_code == 0, result.output
    out = result.stdout.split("Would you like to see the detail")[1]
    assert "Topic 1 of" not in out
    assert "Your answers" in out and "Sources" in out


def test_saving_the_summary_at_the_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(["--no-save"], [*CALM, "", "3", "", "mine.html"])
    assert result.exit_code == 0, result.output
    markdown = list(tmp_path.glob("*.md"))
    assert len(markdown) == 1 and (tmp_path / "mine.html").is_file()
    before = markdown[0].read_text()
    markdown[0].write_text("my own edits")
    # Enter takes the next free name: another person's summary is never offered for replacing.
    again = run(["--no-save"], [*CALM, "", "1", ""])
    assert again.exit_code == 0, again.output
    second = markdown[0].with_name(f"{markdown[0].stem}-2.md")
    assert f"press Enter for {second.name}" in again.stdout
    assert "Replace it?" not in again.stdout
    assert markdown[0].read_text() == "my own edits" and second.read_text() == before
    # A name typed at the prompt may be replaced, after a yes.
    kept = run(["--no-save"], [*CALM, "", "1", markdown[0].name, "n", "skip"])
    assert "already exists. Replace it?" in kept.stdout
    assert markdown[0].read_text() == "my own edits"
    replaced = run(["--no-save"], [*CALM, "", "1", markdown[0].name, "y"])
    assert replaced.exit_code == 0
    assert markdown[0].read_text() == before


# ---------------------------------------------------------------- the bundled bank


def test_decide_with_no_command_starts_the_interview_on_the_bundled_bank() -> None:
    from decide.bank import read_bank

    result = CliRunner().invoke(app, [], input="quit\n", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert read_bank(None).meta.title in result.stdout
    assert "Question 1 of about" in result.stdout
    # quit before any answer: one line, and no session is left behind
    assert "You stopped before the first question. Nothing was saved." in result.stdout
    assert "decide resume " not in result.stdout
    assert store().ids() == []


def typed_for(question: Question) -> str:
    """What a person might type: a plain, valid answer for any question of the bank (for a
    safety question with choices, the first one that stands alone: "Neither")."""
    if question.role == "safety" and question.choices:
        return str(next(n for n, c in enumerate(question.choices, 1) if c.exclusive))
    if question.type in ("single", "multi"):
        return "1"
    if question.type == "yesno":
        return "n"
    if question.type in ("scale", "number"):
        return str(int(question.min or 0))
    return "Who would I see, and how often?"


def test_the_bundled_bank_can_be_completed_with_the_keyboard() -> None:
    from decide.bank import read_bank

    bank = read_bank(None)
    state, lines = Interview.begin(bank), []
    while (question := state.current()) is not None:
        lines.append(typed_for(question))
        state = state.answer(parse_typed(question, lines[-1]))
    assert len(lines) >= 10
    result = CliRunner().invoke(
        app, ["interview", "--no-save"], input="\n".join([*lines, *FINISH]) + "\n"
    )
    assert result.exit_code == 0, result.output
    assert "Check your answers" in result.stdout
    assert "does not recommend" in result.stdout.split("Check your answers")[1]
    assert "988" in result.stdout.split("Question 1 of")[0]


def test_the_bundled_bank_completes_from_an_answers_file(tmp_path: Path) -> None:
    from decide.bank import read_bank

    state = Interview.begin(read_bank(None))
    while (question := state.current()) is not None:
        state = state.answer(parse_typed(question, typed_for(question)))
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(dict(state.answers)))
    args = ["interview", "--no-save", "--no-input", "--answers", str(path), "--format", "json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["safety"]["fired"] is False
    assert len(report["answers"]) == len(state.answers)


# ---------------------------------------------------------------- review fixes


@pytest.mark.parametrize("no_input", [[], ["--no-input"]])
def test_a_mistake_in_an_answers_file_never_hides_the_crisis_panel(
    tmp_path: Path, no_input: list[str]
) -> None:
    path = write_answers(tmp_path, "self_harm: y\nspeed: 9\n")
    result = run(["--no-save", *no_input, "--answers", path])
    assert result.exit_code == 1
    assert "Help is available now" in result.stderr and "Call or text 988" in result.stderr
    assert result.stderr.index("Help is available now") < result.stderr.index("error:")
    assert f"error: {path}:2:8: 'speed'" in result.stderr


@pytest.mark.parametrize(("choice", "said"), [("2", "Paused."), ("3", "You stopped")])
def test_crisis_from_an_answers_file_in_a_terminal_asks_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, choice: str, said: str
) -> None:
    monkeypatch.setattr("decide.flows.interview._stdin_is_tty", lambda: True)
    path = write_answers(tmp_path, "who: me\nself_harm: yes\n")
    result = run(["--answers", path], [choice])
    assert result.exit_code == 0, result.output
    seen = result.output
    assert seen.index("Help is available now") < seen.index("What would you like to do now?")
    assert seen.index("What would you like to do now?") < seen.index(said)
    assert "Question 3" not in seen  # nothing scrolls the panel away before the choice
    saved = store().load(session_id(result.stdout))
    assert saved.record.crisis_fired and saved.record.values()["self_harm"] is True


def test_crisis_from_an_answers_file_in_a_terminal_can_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("decide.flows.interview._stdin_is_tty", lambda: True)
    path = write_answers(tmp_path, "who: me\nself_harm: yes\n")
    result = run(["--no-save", "--answers", path], ["1", *CALM[2:], *FINISH])
    assert result.exit_code == 0, result.output
    seen = result.output
    assert seen.index("What would you like to do now?") < seen.index("Question 3 of about 9")
    assert "your summary" in seen


@pytest.mark.parametrize(
    "args",
    [["--plain"], ["--counselor", "--client", "C-1"], ["--no-save"], ["--bank=" + BANK]],
)
def test_decide_alone_takes_the_interview_options(args: list[str]) -> None:
    bank = [] if args[0].startswith("--bank") else ["--bank", BANK]
    result = CliRunner().invoke(app, [*args, *bank], input="q\n", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Question 1 of about 9" in result.stdout
    if "--client" in args:
        assert "Client code: C-1" in result.stdout
        assert "For the counselor:" in result.stdout


def test_decide_version_and_help_keep_their_meaning() -> None:
    version = CliRunner().invoke(app, ["--version"])
    assert version.exit_code == 0 and version.stdout.startswith("decide ")
    root_help = CliRunner().invoke(app, ["--help"])
    assert root_help.exit_code == 0 and "Commands" in root_help.stdout
    unknown = CliRunner().invoke(app, ["--no-such-option"])
    assert unknown.exit_code == 2


def test_missing_answers_without_a_terminal_say_so(tmp_path: Path) -> None:
    path = write_answers(tmp_path, "who: me\nself_harm: no\n")
    result = run(["--no-save", "--answers", path])
    assert result.exit_code == 1
    assert (
        f"error: 6 required questions have no answer in {path}, and there is no terminal to "
        "ask them:" in result.stderr
    )
    assert "no one to ask" not in result.stderr


def test_resuming_a_finished_session_without_a_terminal_prints_the_summary(
    tmp_path: Path,
) -> None:
    path = write_answers(tmp_path, COMPLETE + "own_questions: When could I start?\n")
    assert run(["--answers", path]).exit_code == 0
    [sid] = store().ids()
    assert store().load(sid).record.finished
    result = CliRunner().invoke(app, ["resume", sid, "--bank", BANK], input="")
    assert result.exit_code == 0, result.output
    assert "Interview test bank: your summary" in result.stdout
    assert "The input ended" not in result.output
    assert prompts(result.stdout) == 0


def test_after_a_note_the_question_is_shown_again() -> None:
    result = run(["--no-save", "--counselor"], ["note", "Arrived early.", "q"])
    assert result.exit_code == 0, result.output
    after_note = result.stdout.split("Note saved, only in the counselor copy.")[1]
    assert "Who is answering these questions?" in after_note
    assert after_note.index("Who is answering") < after_note.index("> ")


def test_after_a_note_at_the_review_what_to_type_is_shown_again() -> None:
    lines = [*CALM[:2], "", *CALM[2:5], "", *CALM[5:], "note", "All done.", "q", "y"]
    result = run(["--no-save", "--counselor"], lines)
    assert result.exit_code == 0, result.output
    after_note = result.stdout.split("Note saved, only in the counselor copy.")[1]
    assert "To change an answer, type its number." in after_note


def test_a_crisis_session_resumed_without_questions_shows_the_panel_first() -> None:
    sid = session_id(run([], ["1", "yes", "2"]).stdout)
    result = CliRunner().invoke(app, ["resume", sid, "--bank", BANK, "--no-input"])
    assert result.exit_code == 1
    assert result.stderr.index("Help is available now") < result.stderr.index("error:")
    assert "nothing is asked with --no-input" in result.stderr


def test_an_answers_file_with_mistakes_leaves_no_session_behind(tmp_path: Path) -> None:
    store = tmp_path / "store"
    answers = tmp_path / "a.yaml"
    answers.write_text("tried: -5\n", encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "interview",
            "--bank",
            BANK,
            "--store",
            str(store),
            "--answers",
            str(answers),
            "--no-input",
        ],
    )
    assert result.exit_code == 1
    assert not store.exists() or not any(store.iterdir())


def test_help_says_something_the_screen_did_not_already_say() -> None:
    # who (single), self_harm, tried, conditions (multi), driver, speed (scale)
    result = run(["--no-save"], ["?", "1", "n", "3", "?", "3", "y", "?", "quit", "y"])
    out = result.stdout
    assert "There is no more help" not in out
    first = out.split("Who is answering these questions?")[1].split("> ")[1]
    assert "or the first words of it" in first  # not the hint again
    assert '"None of these" goes on its own.' in out
    scale = out.split("How much does it matter to you to feel better quickly?")[1]
    assert "Type a number from 0 (" in scale and "Every number is a fair answer" in scale


def test_a_counselor_can_add_a_note_at_the_crisis_prompt() -> None:
    result = run(["--counselor"], ["1", "y", "note", "Talked it through together.", "2"])
    assert result.exit_code == 0, result.output
    after_panel = result.stdout.split("What would you like to do now?")[1]
    assert (
        "Note saved, only in the counselor copy." in after_panel
        and "Type 1 to go on, 2 to pause or 3 to stop." in after_panel
    )
    assert "Paused." in after_panel
    [saved] = store().list()[0]
    assert [n.text for n in saved.record.notes] == ["Talked it through together."]


def test_a_choice_typed_as_words_is_echoed_and_a_number_is_not() -> None:
    result = run(["--no-save"], ["some", "quit", "y"])
    assert "You chose: Someone helping me." in result.stdout
    by_number = run(["--no-save"], ["2", "quit", "y"])
    assert "You chose" not in by_number.stdout


def test_the_interview_ends_with_closing_words_after_the_summary() -> None:
    result = run([], [*CALM, *FINISH])
    assert result.exit_code == 0, result.output
    after_summary = result.stdout.split("Would you like to save this summary to a file?")[1]
    after_detail = after_summary.split("Would you like to see the detail")[-1]
    assert "Thank you for taking this time." in after_detail
    assert "decide sessions delete" in after_detail


def test_the_review_numbers_are_the_numbers_asked_with_and_a_change_shows_what_it_did() -> None:
    # change answer 4 (conditions) to seizures: the follow-up is asked as question 5, and
    # the questions after it move down one, on screen and in the review alike
    result = run(["--no-save"], [*CALM, "4", "1", "3", "4", "", "list", *FINISH])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Question 5 of about 9\nCould someone drive you home" in out
    first, moved, unchanged, listed = out.split("Check your answers")[1:]
    assert "5. Yes" in first and "9. When could I start?" in first
    assert len(first.split("> ")[0].splitlines()) <= 12  # one screen, a few words each
    assert "Question 5 of about 10\nAre your seizures well controlled?" in out
    assert "5. Not sure" in moved and "6. Yes" in moved and "10. When could I start?" in moved
    assert "This changed:" not in moved  # numbers moved, so every answer is shown again
    assert "Nothing changed." in unchanged  # Enter kept question 4: only what changed is shown
    assert " 6.  Could someone drive you home after a visit? — Yes" in listed
    assert " 5.  Are your seizures well controlled? — Not sure" in listed


def test_at_40_columns_the_compact_review_never_parts_a_number_from_its_answer() -> None:
    result = run(["--no-save"], [*CALM, *FINISH], COLUMNS="40")
    assert result.exit_code == 0, result.output
    review = result.stdout.split("Check your answers")[1].split("To see a question")[0]
    lines = [line for line in review.splitlines() if line.strip()]
    assert not [line for line in lines if re.search(r"\d+\.$", line.strip())], review
    assert "  5. Yes" in review and "  9. When could I start?" in review
