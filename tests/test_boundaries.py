"""The core stays free of the terminal, and the first screen imports only what it needs."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "decide.core.model",
    "decide.core.errors",
    "decide.core.conditions",
    "decide.core.answers",
    "decide.core.typed",
    "decide.bank.answers_file",
    "decide.bank.load",
    "decide.core.record",
    "decide.core.safety",
    "decide.core.interview",
    "decide.summary.weighing",
    "decide.summary.report",
]


def modules_after(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(done.stdout.split())


def test_the_core_imports_no_terminal_or_cli_library() -> None:
    loaded = modules_after("; ".join(f"import {m}" for m in CORE))
    assert not {m for m in loaded if m.split(".")[0] in {"rich", "typer", "pydantic", "jsonschema"}}


def test_decide_version_does_not_load_the_bank_rich_or_pydantic() -> None:
    loaded = modules_after(
        "import sys; sys.argv = ['decide', '--version']\n"
        "from decide.cli import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass"
    )
    assert "decide.bank" not in loaded and "yaml" not in loaded
    assert "pydantic" not in loaded
    assert not {m for m in loaded if m.startswith("rich")}
