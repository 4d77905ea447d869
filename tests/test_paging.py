"""The one page on a screen: a screenful at a time, so its top never scrolls away unseen, and
never a wait where no one can press Enter (issue 18)."""

from __future__ import annotations

import os
from pathlib import Path

import pexpect
import pytest
from terminal_helpers import spawn_decide
from test_one_route import ANSI, bundled_answers
from typer.testing import CliRunner

from decide.cli import app


def spawn(args: list[str], rows: int, columns: int) -> pexpect.spawn:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env["TERM"] = "xterm-256color"
    return spawn_decide(args, env=env, dimensions=(rows, columns), timeout=60, encoding="utf-8")


@pytest.mark.parametrize("plain", [False, True], ids=["rich", "plain"])
def test_the_page_waits_for_enter_after_its_first_screenful(tmp_path: Path, plain: bool) -> None:
    answers = str(bundled_answers(tmp_path, self_harm=True))
    child = spawn(
        ["report", "--answers", answers, "--detail", "brief", *(["--plain"] if plain else [])],
        rows=30, columns=100,
    )  # fmt: skip
    child.expect("Press Enter for more, or type q to stop")
    first = ANSI.sub("", str(child.before))
    # The crisis panel came first, on stderr; the page then fills one screenful at most, so
    # its title is still the top line on the screen when decide waits.
    page = first[first.index("your summary") :].splitlines()
    assert len(page) <= 30 - 1, page
    assert "988" in "\n".join(page)  # and so is the page's own crisis line
    child.sendline("q")
    child.expect(pexpect.EOF)
    rest = ANSI.sub("", str(child.before))
    child.close()
    assert child.exitstatus == 0
    assert "911" in rest  # stopping early still ends on the crisis lines


def test_enter_shows_the_rest_of_the_page(tmp_path: Path) -> None:
    answers = str(bundled_answers(tmp_path, self_harm=False))
    child = spawn(["report", "--answers", answers, "--detail", "brief", "--plain"], 30, 100)
    seen = ""
    while True:
        found = child.expect(["Press Enter for more", pexpect.EOF])
        seen += ANSI.sub("", str(child.before))
        if found == 1:
            break
        child.sendline("")
    child.close()
    assert child.exitstatus == 0
    assert "decide report --detail full" in seen  # the page's footer, its last line


def test_a_pipe_or_no_input_never_waits(tmp_path: Path) -> None:
    answers = str(bundled_answers(tmp_path, self_harm=False))
    for args in (
        ["report", "--answers", answers, "--detail", "brief"],
        ["interview", "--answers", answers, "--no-input", "--no-save"],
    ):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        assert "Press Enter for more" not in result.output
