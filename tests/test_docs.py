"""The README stays true: its commands, its examples and its command table match decide."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from typer.testing import CliRunner

from decide.bank import parse_bank, read_bank
from decide.bank.answers_file import parse_answers
from decide.cli import app

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
INSTALL_AND_RUN = "python3 -m venv .venv && . .venv/bin/activate && pip install . && decide"
INSTALL_AND_TEST = (
    "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && pytest"
)


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def test_the_readme_starts_with_the_two_commands_and_ci_runs_them() -> None:
    first_two = blocks("sh")[:2]
    assert [b.strip() for b in first_two] == [INSTALL_AND_RUN, INSTALL_AND_TEST]
    assert README.index(INSTALL_AND_RUN) < README.index("## ")
    assert "README.md" in CI and "sh" in CI  # .ci/run reads both commands from this README


def test_every_command_is_in_the_readme_table() -> None:
    result = CliRunner().invoke(app, ["--help"])
    listed = set(re.findall(r"^\| `decide ([a-z]+)", README, flags=re.M))
    registered = {
        line.split()[0]
        for line in result.stdout.split("Commands:")[1].splitlines()
        if line.startswith("  ") and not line.startswith("   ")  # not a wrapped description
    }
    assert registered <= listed


def test_the_question_examples_are_a_valid_bank_part() -> None:
    example = README.split("<!-- bank-example: questions -->")[1]
    questions = yaml.safe_load(re.search(r"```yaml\n(.*?)```", example, flags=re.S).group(1))  # type: ignore[union-attr]
    small = yaml.safe_load((ROOT / "tests" / "banks" / "small.yaml").read_text(encoding="utf-8"))
    small["questions"] = questions
    small["sections"] += [{"id": "safety", "title": "Safety"}]
    small["sections"].sort(
        key=lambda s: ["start", "safety", "history", "values", "ready"].index(s["id"])
    )
    small["rows"][2].pop("raised_if")
    small["rows"][2].pop("raised_because")
    small["considerations"] = []
    small["safety"]["concern_if"] = {"question": "thoughts_of_harm", "is": True}
    bank = parse_bank(yaml.safe_dump(small, sort_keys=False), "README example")
    assert {q.type for q in bank.questions} == {
        "single",
        "multi",
        "yesno",
        "scale",
        "number",
        "text",
    }


def test_the_answers_file_example_fits_the_bundled_bank() -> None:
    example = next(b for b in blocks("yaml") if "self_harm_thoughts" in b)
    answers = parse_answers(example, "README", read_bank())
    assert set(answers.values) == {
        "self_harm_thoughts",
        "antidepressants_tried",
        "past_treatments",
        "past_tms_result",
    }


def test_the_readme_names_every_folder_of_the_package() -> None:
    folders = {p.parent.name for p in (ROOT / "decide").glob("*/__init__.py")}
    named = set(re.findall(r"^\| `decide/([a-z]+)/`", README, flags=re.M))
    assert named == folders


def test_the_readme_names_every_key_of_questions_json() -> None:
    from decide.bank.export import question_list

    listed = CliRunner().invoke(app, ["questions", "--json"])
    assert listed.exit_code == 0, listed.output
    paragraph = README.split("`decide questions --format json` (or `--json`) lists", 1)[1].split(
        "\n\n", 1
    )[0]
    item = question_list(read_bank())[0]
    for key in item:
        assert f"`{key}`" in paragraph, key
    choice = next(c for q in question_list(read_bank()) for c in q["choices"])
    assert "{" + ", ".join(choice) + "}" in paragraph


def test_help_gives_every_command_its_whole_first_sentence() -> None:
    for args in ([], ["sessions"]):
        shown = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": "80"})
        assert shown.exit_code == 0, shown.output
        commands = shown.stdout.split("Commands:")[1]
        assert "..." not in commands, commands
    listed = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "80"}).stdout
    assert "get a summary to bring to a specialist." in " ".join(listed.split())
