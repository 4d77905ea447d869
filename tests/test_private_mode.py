"""`--no-save`: nothing about the session touches the disk; the summary goes only where asked."""

from __future__ import annotations

from pathlib import Path

import yaml
from guarded_run import guarded_decide, tree
from typer.testing import CliRunner

from decide.bank import read_bank
from decide.cli import app
from decide.core.record import GivenAnswer, InterviewRecord
from decide.sessions import SessionStore

BANK = Path(__file__).parent / "banks" / "small.yaml"


def _store_with_one_session(root: Path) -> SessionStore:
    store = SessionStore(root)
    record = InterviewRecord(answers={"self_harm": GivenAnswer(False, "2026-05-01T09:00:00Z")})
    store.create(read_bank(BANK), record).close()
    return store


def test_no_save_typed_answers_leave_the_store_exactly_as_it_was(tmp_path: Path) -> None:
    store = _store_with_one_session(tmp_path / "store")
    before = tree(store.root)
    result = CliRunner().invoke(
        app,
        ["interview", "--no-save", "--store", str(store.root), "--bank", str(BANK), "--plain"],
        input="n\n3\n1\nquit\ny\n",
    )
    assert result.exit_code == 0, result.output
    assert "Private mode" in result.stdout
    assert "decide resume" not in result.stdout
    assert tree(store.root) == before


def test_no_save_never_creates_a_store(tmp_path: Path) -> None:
    root = tmp_path / "never"
    result = CliRunner().invoke(
        app,
        ["interview", "--no-save", "--store", str(root), "--bank", str(BANK), "--plain"],
        input="n\n",
    )  # end of input after one answer
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit | None)
    assert "nothing was saved" in result.stdout.lower()
    assert not root.exists()


def test_no_save_from_an_answers_file_writes_only_the_summary_asked_for(tmp_path: Path) -> None:
    """Audited in a child process: no write anywhere but the one output file."""
    home = tmp_path / "home"
    (home / "tmp").mkdir(parents=True)
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump({"self_harm": False, "tried": 1, "past": ["none"]}))
    partial = guarded_decide(
        ["interview", "--answers", str(answers), "--bank", str(BANK), "--no-save", "--no-input"],
        home=home,
        allowed=[],
    )
    assert partial.returncode == 1  # required answers missing, and nothing to resume
    assert "decide resume" not in partial.stderr
    assert partial.violations == []

    full = {
        "self_harm": False,
        "tried": 1,
        "past": ["none"],
        "driver": True,
        "pref_speed": 1,
        "pref_effects": 3,
        "sure": True,
        "know_beta": "false",
    }
    answers.write_text(yaml.safe_dump(full))
    summary = home / "summary.md"
    before = tree(home)
    run = guarded_decide(
        [
            *("interview", "--answers", str(answers), "--bank", str(BANK), "--no-save"),
            *("--no-input", "--format", "md", "--output", str(summary)),
        ],
        home=home,
        allowed=[summary],
    )
    assert run.returncode == 0, run.stderr
    assert run.violations == []
    after = tree(home)
    assert {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)} == {
        "summary.md"
    }


def test_a_store_that_cannot_be_written_offers_private_mode(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "store"
    not_a_folder.write_text("a file where the store should be")
    base = ["interview", "--store", str(not_a_folder), "--bank", str(BANK), "--plain"]
    declined = CliRunner().invoke(app, base, input="n\n")
    assert declined.exit_code == 1
    assert "is not a folder" in " ".join(declined.output.split())
    accepted = CliRunner().invoke(app, base, input="y\nn\nquit\ny\n")
    assert accepted.exit_code == 0, accepted.output
    said = " ".join(accepted.stdout.split())
    assert f"Answers cannot be saved: {not_a_folder} is not a folder." in said
    assert "Private mode: nothing was saved." in said
    assert not_a_folder.read_text() == "a file where the store should be"


def test_quit_in_private_mode_asks_first_because_every_answer_would_be_lost() -> None:
    base = ["interview", "--no-save", "--bank", str(BANK), "--plain"]
    kept = CliRunner().invoke(app, base, input="n\n3\nquit\nn\nquit\ny\n")
    said = " ".join(kept.stdout.split())
    assert "if you quit now, your answers are gone. Quit anyway?" in said
    assert said.count("Quit anyway?") == 2 and "Going on." in said
    assert kept.exit_code == 0 and "You stopped the interview." in said
    nothing_yet = CliRunner().invoke(app, base, input="quit\n")
    assert "Quit anyway?" not in nothing_yet.stdout  # nothing to lose: no question
