"""Where a summary goes: the same rules for `report --output`, `interview --output` and the
save prompt at the end of an interview (a folder, `-`, a file type that does not fit)."""

from __future__ import annotations

import contextlib
import io
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from report_bank import SPEED_FIRST, make_bank, record_of
from rich.console import Console
from session_helpers import make_record
from small_answers import FULL
from typer.testing import CliRunner, Result

from decide.bank import read_bank
from decide.cli import app
from decide.render.output import write_summary
from decide.sessions import SessionStore
from decide.summary import build_report
from decide.terminal.finish import offer_to_save
from decide.terminal.output import make_console

SMALL = str(Path(__file__).parent / "banks" / "small.yaml")


def typed(*lines: str) -> Callable[[Console], str]:
    """A person typing `lines`, then closing the input."""
    left = iter(lines)

    def read(console: Console) -> str:
        try:
            return next(left)
        except StopIteration:
            raise EOFError from None

    return read


def save_prompt(folder: Path, *lines: str) -> str:
    """The save offer at the end of an interview, answered with `lines`; what it printed."""
    out = io.StringIO()
    offer_to_save(
        make_console(True, width=400, file=out),
        build_report(make_bank(), record_of(SPEED_FIRST), generated_on="2026-01-20"),
        read=typed(*lines),
        today="2026-01-20",
        folder=folder,
    )
    return out.getvalue()


def decide(folder: Path, *args: str) -> Result:
    answers = folder / "answers.yaml"
    answers.write_text(yaml.safe_dump(FULL), encoding="utf-8")
    return CliRunner().invoke(
        app, [*args, "--answers", str(answers), "--bank", SMALL], env={"COLUMNS": "400"}
    )


def test_a_folder_gets_the_same_sentence_at_the_save_prompt_and_with_output(
    tmp_path: Path,
) -> None:
    (tmp_path / "visits").mkdir()
    sentence = (
        f"{tmp_path}/visits is a folder. Give a file name, for example "
        f"{tmp_path}/visits/decide-summary.md."
    )
    reported = decide(tmp_path, "report", "--format", "md", "--output", str(tmp_path / "visits"))
    assert reported.exit_code == 1 and f"error: {sentence}" in reported.stderr
    interviewed = decide(
        tmp_path, "interview", "--no-input", "--no-save", "--format", "md",
        "--output", str(tmp_path / "visits"),
    )  # fmt: skip
    assert interviewed.exit_code == 1 and f"error: {sentence}" in interviewed.stderr
    said = save_prompt(tmp_path, "1", "visits", "visits/mine.md")
    assert sentence in said and "Try another name, or type skip to leave it." in said
    assert not (tmp_path / "visits.md").exists()  # never written beside the folder
    assert (tmp_path / "visits" / "mine.md").read_text(encoding="utf-8").startswith("# ")


def test_the_save_prompt_refuses_a_file_type_that_is_not_the_chosen_format(
    tmp_path: Path,
) -> None:
    said = save_prompt(tmp_path, "1", "notes.html", "notes.pdf", "notes")
    assert "notes.html is a name for a web page (HTML), but this summary is Markdown" in said
    assert "decide cannot write .pdf files; name it notes.md." in said
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md"]


def test_a_name_with_a_dot_but_no_file_type_gets_the_format_s_type(tmp_path: Path) -> None:
    said = save_prompt(tmp_path, "2", "for Dr. Lee")
    assert f"Saved your summary to {tmp_path}/for Dr. Lee.html." in said
    assert (tmp_path / "for Dr. Lee.html").read_text(encoding="utf-8").startswith("<!DOCTYPE")


def test_a_dash_at_the_save_prompt_is_the_screen_not_a_file(tmp_path: Path) -> None:
    said = save_prompt(tmp_path, "1", "-")
    assert "# Getting ready to talk about TMS and ketamine: your summary" in said
    assert list(tmp_path.iterdir()) == []


def test_interview_output_dash_is_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = decide(
        tmp_path, "interview", "--no-input", "--no-save", "--format", "md", "--output", "-"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Small test bank: your summary")
    assert "saved to" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml"]


def test_interview_refuses_an_output_type_it_cannot_write(tmp_path: Path) -> None:
    target = tmp_path / "summary.pdf"
    result = decide(tmp_path, "interview", "--no-input", "--no-save", "--output", str(target))
    assert result.exit_code == 1
    assert "error: decide cannot write .pdf files" in result.stderr
    assert not target.exists()


def test_write_summary_to_dash_writes_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    write_summary(Path("-"), "the summary\n", force=False)
    assert capsys.readouterr().out == "the summary\n"
    assert list(tmp_path.iterdir()) == []


def test_a_bad_output_for_the_interview_is_said_before_any_question(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["interview", "--no-save", "--output", str(tmp_path / "summary.pdf")], input="1\n"
    )
    assert result.exit_code == 1
    assert "Question 1" not in result.stdout
    assert ".pdf" in result.stderr


def test_report_to_standard_output_says_nothing_about_saving(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("self_harm_thoughts: no\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["report", "--answers", str(answers), "--format", "md", "--output", "-"]
    )
    assert result.exit_code == 0
    assert "Saved the summary" not in result.stderr
    assert result.stdout.startswith("# ")


# ---------------------------------------------------------------- names that are not regular files


def _special_paths(tmp_path: Path) -> dict[str, Path]:
    target = tmp_path / "target.txt"
    target.write_text("someone else's\n")
    target.chmod(0o644)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    broken = tmp_path / "broken.txt"
    broken.symlink_to(tmp_path / "nowhere.txt")
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    device = tmp_path / "full"  # a copy of /dev/full's node: a bug can only harm this copy
    with contextlib.suppress(OSError):
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 7))
    return {"link": link, "broken link": broken, "fifo": fifo, "device": device}


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX links, FIFOs and devices")
@pytest.mark.parametrize("kind", ["link", "broken link", "fifo", "device"])
@pytest.mark.parametrize("command", ["report", "export"])
def test_an_existing_name_that_is_not_a_regular_file_is_refused_even_with_force(
    tmp_path: Path, kind: str, command: str
) -> None:
    path = _special_paths(tmp_path)[kind]
    if not os.path.lexists(path):
        pytest.skip(f"{path} cannot be made here (a device node needs root)")
    before = os.lstat(path)
    if command == "report":
        answers = tmp_path / "answers.yaml"
        answers.write_text(yaml.safe_dump(FULL))
        args = ["report", "--bank", SMALL, "--answers", str(answers), "--output", str(path)]
    else:
        store = SessionStore(tmp_path / "store")
        with store.create(read_bank(Path(SMALL)), make_record(**FULL)) as session:
            sid = session.id
        args = ["sessions", "export", sid, "--store", str(store.root), "--bank", SMALL]
        args += ["--output", str(path)]
    result = CliRunner().invoke(app, [*args, "--force"])
    assert result.exit_code == 1, result.output
    assert f"{path} already exists and is " in result.stderr, result.stderr
    after = os.lstat(path)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert (tmp_path / "target.txt").read_text() == "someone else's\n"
    assert not (tmp_path / "nowhere.txt").exists()


def test_export_without_output_writes_the_answers_file_to_the_screen(tmp_path: Path) -> None:
    store = SessionStore(tmp_path / "store")
    with store.create(read_bank(Path(SMALL)), make_record(**FULL)) as session:
        sid = session.id
    args = ["sessions", "export", sid, "--store", str(store.root), "--bank", SMALL]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert yaml.safe_load(result.stdout)["tried"] == FULL["tried"]
    assert "Wrote" in result.stderr and "to the screen" in result.stderr


def test_default_names_carry_a_client_code_only_in_a_counselor_copy() -> None:
    from decide.render.output import default_summary_name

    assert default_summary_name("2026-12-01T10:00:00Z", "html") == "decide-summary-2026-12-01.html"
    assert (
        default_summary_name("2026-12-01", "html", client_code="C7")
        == "decide-counselor-C7-2026-12-01.html"
    )
    assert default_summary_name("2026-12-01", "md", client_code="C/7") == (
        "decide-counselor-C-7-2026-12-01.md"
    )


def test_the_next_free_name_never_takes_a_name_in_use(tmp_path: Path) -> None:
    from decide.render.output import next_free_name

    wanted = tmp_path / "decide-summary-2026-12-01.html"
    assert next_free_name(wanted) == wanted
    wanted.write_text("someone's summary")
    (tmp_path / "decide-summary-2026-12-01-2.html").symlink_to(tmp_path / "nowhere")
    assert next_free_name(wanted) == tmp_path / "decide-summary-2026-12-01-3.html"
