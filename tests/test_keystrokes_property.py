"""Whatever a person types, at any prompt, the interview never crashes.

Random lines (any characters: control characters, escape sequences, huge numbers, other
scripts), mixed with plausible answers and commands so that runs reach every kind of prompt:
each question type, the review, the crisis choice, counselor pauses and notes, the save offer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from counts import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from interview_bank import make_bank
from test_cli_interview import BANK
from typer.testing import CliRunner

from decide.cli import app
from decide.core.errors import AnswerError
from decide.core.interview import Interview
from decide.core.typed import parse_typed

PLAUSIBLE = ["", "1", "2", "3", "4", "y", "n", "1,2", "3", "back", "b", "?", "skip", "note",
             "Myself", "not", "12", "-1", "2.5", "999999999999999999999", "q"]  # fmt: skip
line = st.one_of(
    st.sampled_from(PLAUSIBLE),
    st.text(max_size=40).map(lambda s: s.replace("\n", " ")),
    st.text(alphabet="\x1b[]0123456789;?,.-mqby \x07\x7f\x00\u202e", max_size=20),
)
BANK_MODEL = make_bank()


# A whole run (answers, Enter at the review, "no" to saving), with the counselor pauses; random
# lines are woven in before each step, so every kind of prompt gets its share of them.
SCRIPT = ["1", "n", "", "3", "3", "y", "", "4", "2", "y", "hi", "", "4"]


@settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(noise=st.lists(st.lists(line, max_size=3), min_size=len(SCRIPT), max_size=len(SCRIPT)),
       counselor=st.booleans())  # fmt: skip
def test_random_keystrokes_never_crash_the_interview(
    noise: list[list[str]], counselor: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a summary saved at the end lands here
    args = ["interview", "--bank", BANK, "--no-save"] + (["--counselor"] if counselor else [])
    lines = [typed for extra, step in zip(noise, SCRIPT, strict=True) for typed in [*extra, step]]
    text = "".join(f"{item}\n" for item in lines)
    result = CliRunner().invoke(app, args, input=text)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    if result.exit_code == 1:
        assert "The input ended before the interview was finished." in result.stdout


@settings(max_examples=examples(300), deadline=None)
@given(steps=st.lists(st.tuples(st.sampled_from(["type", "back", "skip", "goto"]), line)))
def test_random_steps_keep_the_engine_consistent(steps: list[tuple[str, str]]) -> None:
    state = Interview.begin(BANK_MODEL)
    for action, typed in steps:
        try:
            if action == "back":
                state = state.back()
            elif action == "skip":
                state = state.skip()
            elif action == "goto":
                shown = state.visible()
                state = state.goto(shown[len(typed) % len(shown)].id)
            else:
                question = state.current()
                if question is None:
                    continue
                value = parse_typed(question, typed)
                if isinstance(value, str | bool | int | float | list):
                    state = state.answer(value)
        except AnswerError:
            pass
        visible = {q.id for q in state.visible()}
        current = state.current()
        assert current is None or current.id in visible
        assert set(state.effective()) <= visible
        assert {q.id for q in state.stale()}.isdisjoint(visible)
        progress = state.progress()
        assert 1 <= progress.number <= progress.about
