"""`decide validate`, `decide questions`, `decide schema` and `decide --version` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from decide import __version__
from decide.cli import app

runner = CliRunner()
BANKS = Path(__file__).parent / "banks"


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"decide {__version__}\n"


def test_python_dash_m_decide_works_too() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "decide", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and done.stdout.strip() == f"decide {__version__}"


def test_validate_the_bundled_bank() -> None:
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("bundled bank: valid.")
    assert result.stdout.count("\n") == 1


def test_validate_a_bank_with_problems_lists_each_on_its_own_line(tmp_path: Path) -> None:
    text = (BANKS / "small.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        text.replace("weighs: [chance]", "weighs: [chanse]").replace(
            "section: ready\n", "section: redy\n", 1
        )
    )
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert all(line.startswith(f"{bad}:") for line in lines)
    assert "'weighs' names no row 'chanse' (did you mean 'chance'?)" in lines[0]
    assert "unknown section 'redy' (did you mean 'ready'?)" in lines[1]
    assert result.stderr == "2 problems found.\n"


def test_validate_a_file_that_is_not_there(tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 1
    assert (
        result.stdout == f"{tmp_path / 'nope.yaml'}: there is no bank file here; check the path\n"
    )
    assert "Traceback" not in result.output


def test_a_bad_bank_elsewhere_is_one_clear_error_without_a_traceback(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_bytes(b"\x00\x01binary")
    result = runner.invoke(app, ["questions", "--bank", str(bank)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {bank}:1:1: this is a binary file, not a bank file\n")
    assert "Traceback" not in result.output


def test_questions_json_is_a_stable_documented_list() -> None:
    result = runner.invoke(app, ["questions", "--bank", str(BANKS / "small.yaml"), "--json"])
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    assert [i["id"] for i in items][:3] == ["self_harm", "tried", "past"]
    keys = {
        "id",
        "section",
        "type",
        "role",
        "text",
        "help",
        "required",
        "choices",
        "min",
        "max",
        "labels",
        "unit",
        "max_length",
        "show_if",
    }
    assert all(set(item) == keys for item in items)
    past = next(i for i in items if i["id"] == "past_alpha")
    assert past["show_if"] == {"question": "past", "includes": "alpha"}
    assert past["choices"] == [
        {"id": "helped", "label": "It helped", "exclusive": False},
        {"id": "no_help", "label": "It did not help", "exclusive": False},
    ]
    past_choices = next(i for i in items if i["id"] == "past")["choices"]
    assert [c["exclusive"] for c in past_choices] == [False, False, True]  # "None of these"
    seizures = next(i for i in items if i["id"] == "seizures")
    assert seizures["show_if"]["all"][2]["any"][0] == {
        "question": "past_alpha",
        "in": ["helped", "no_help"],
    }
    scale = next(i for i in items if i["id"] == "pref_speed")
    assert (scale["min"], scale["max"], scale["labels"]["0"]) == (0, 4, "Not at all")


def test_questions_plain_listing() -> None:
    result = runner.invoke(app, ["questions", "--bank", str(BANKS / "small.yaml")])
    assert result.exit_code == 0
    assert "past_alpha (single, history): How did Alpha go?" in result.stdout
    assert "    helped: It helped" in result.stdout


def test_schema_prints_the_shipped_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "decide question bank"
    shipped = Path(__file__).parent.parent / "decide" / "bank" / "schema.json"
    assert schema == json.loads(shipped.read_text(encoding="utf-8"))


def run_decide(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "decide", *args], capture_output=True, text=True, check=False
    )


def test_validate_started_before_typer_says_exactly_what_the_command_says(tmp_path: Path) -> None:
    """`decide validate [BANK]` runs without Typer (decide.__main__); every outcome is the
    same as through the Typer command."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 2\nmeta: {}\n", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    for args in (
        ["validate"],
        ["validate", str(BANKS / "small.yaml")],
        ["validate", str(bad)],
        ["validate", str(tmp_path / "nope.yaml")],
        ["validate", str(folder)],
    ):
        typer_run = runner.invoke(app, args)
        early = run_decide(*args)
        assert (early.stdout, early.stderr, early.returncode) == (
            typer_run.stdout,
            typer_run.stderr,
            typer_run.exit_code,
        ), args
    assert "problems found." in run_decide("validate", str(bad)).stderr


def test_validate_is_answered_without_importing_typer_or_rich() -> None:
    probe = (
        "import sys\n"
        "sys.argv = ['decide', 'validate', sys.argv[1]]\n"
        "from decide.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit as done:\n    code = done.code\n"
        "print(code, sorted(m for m in ('typer', 'rich', 'click') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(BANKS / "small.yaml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stdout.splitlines()[-1] == "0 []", done.stderr


def test_other_spellings_of_validate_go_through_typer() -> None:
    assert run_decide("validate", "--help").stdout.startswith("Usage: ")
    two = run_decide("validate", "a.yaml", "b.yaml")
    assert two.returncode == 2 and "unexpected extra argument" in two.stderr


def test_a_count_of_one_is_said_in_the_singular(tmp_path: Path) -> None:
    small = (BANKS / "small.yaml").read_text(encoding="utf-8")
    second = small.index("  - id: ride_point\n")
    one = tmp_path / "one.yaml"
    one.write_text(small[:second] + small[small.index("\nsafety:\n", second) :], encoding="utf-8")
    result = runner.invoke(app, ["validate", str(one)])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(", 14 questions, 1 consideration, 2 sources.\n")


def test_an_escape_in_a_bank_file_name_never_reaches_the_terminal(tmp_path: Path) -> None:
    named = tmp_path / "\x1b[31mred.yaml"
    for result in (
        runner.invoke(app, ["validate", str(named)]),
        run_decide("validate", str(named)),
    ):
        assert "\x1b" not in result.stdout
        assert "\\x1b[31mred.yaml: there is no bank file here; check the path" in result.stdout
