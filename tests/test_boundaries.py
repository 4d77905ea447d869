"""The folders tell the architecture: the core is free of the terminal, and imports only go down.

    core, system  <-  bank, summary, sessions  <-  render, fhir  <-  terminal  <-  flows
                  <-  commands  <-  cli

A module may import from its own part and from parts below it, never from a part above it or
from a sibling on its own floor (bank, summary and sessions know nothing of each other). The
core, the summary and the FHIR export never touch files or the clock, so they never import
`decide.system`; and only `decide.system` calls the primitives of file safety.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "decide"

FLOOR = {
    "decide": 0,  # the package's face: the version only
    "core": 0,
    "system": 0,  # file safety and the clock: the standard library only
    "bank": 1,
    "summary": 1,
    "sessions": 1,
    "render": 2,
    "fhir": 2,  # the FHIR export: pure functions beside the renderers
    "terminal": 3,
    "flows": 4,  # each run once: a source, the crisis rule, the report, a destination
    "commands": 5,
    "cli": 6,
    "__main__": 7,
}
PURE = [
    "decide.core",
    "decide.system",
    "decide.bank",
    "decide.summary",
    "decide.sessions",
    "decide.fhir",
]
NO_FILES_OR_CLOCK = ("core", "summary", "fhir")
# fhir.resources and fhirpathpy are test-only: decide writes FHIR as plain data.
TERMINAL_LIBRARIES = {"rich", "typer", "pydantic", "jsonschema", "fhir", "fhirpathpy"}


def part_of(module: str) -> str:
    """`decide.bank.load` -> `bank`; `decide.cli` -> `cli`; `decide` -> `decide`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def decide_imports(path: Path) -> set[str]:
    """Every `decide…` module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m == "decide" or m.startswith("decide.")}


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = [p for p in relative.parts if p != "__init__"]
    return ".".join(parts)


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_only_go_down(path: Path) -> None:
    here = part_of(module_name(path))
    assert here in FLOOR, f"{path}: a new part of decide needs a floor in this test"
    upward = sorted(
        target
        for target in decide_imports(path)
        if part_of(target) != here and FLOOR[part_of(target)] >= FLOOR[here]
    )
    assert not upward, f"{module_name(path)} imports {upward}, on its own floor or above it"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_the_pure_core_touches_no_files_or_clock(path: Path) -> None:
    if part_of(module_name(path)) in NO_FILES_OR_CLOCK:
        assert not {m for m in decide_imports(path) if part_of(m) == "system"}


# The primitives of file safety and of "now": only decide.system may use them, so a fix to
# how decide writes, reads or stamps a file is made once.
FILE_PRIMITIVES = {"replace", "fsync", "O_NOFOLLOW", "mkstemp", "now", "utcnow", "flock"}


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_file_safety_helper_writes_files_atomically(path: Path) -> None:
    if part_of(module_name(path)) == "system":
        return
    used = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id in ("os", "tempfile", "datetime", "fcntl"):
                used.add(f"{node.value.id}.{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module in ("os", "tempfile", "fcntl"):
            used.update(f"{node.module}.{alias.name}" for alias in node.names)
    assert not {u for u in used if u.split(".")[1] in FILE_PRIMITIVES}


def test_every_part_is_a_folder_with_a_docstring() -> None:
    parts = ("core", "system", "bank", "summary", "sessions", "render", "fhir", "terminal", "flows")
    for name in (*parts, "commands"):
        init = PACKAGE / name / "__init__.py"
        tree = ast.parse(init.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{init} should say what the part is and what it may import"


def test_the_top_of_the_package_stays_small() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert top == ["__init__.py", "__main__.py", "cli.py"]
    too_long = [
        f"{p.relative_to(PACKAGE)}: {n} lines"
        for p in modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400
    ]
    assert not too_long


def modules_after(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys; print(' '.join(sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(done.stdout.split())


@pytest.mark.parametrize("part", PURE)
def test_the_pure_parts_import_no_terminal_or_cli_library(part: str) -> None:
    submodules = [module_name(p) for p in sorted((PACKAGE / part.split(".")[1]).glob("*.py"))]
    loaded = modules_after("; ".join(f"import {m}" for m in submodules))
    assert not {m for m in loaded if m.split(".")[0] in TERMINAL_LIBRARIES}


def test_decide_version_does_not_load_the_bank_rich_or_pydantic() -> None:
    loaded = modules_after(
        "import sys; sys.argv = ['decide', '--version']\n"
        "from decide.cli import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass"
    )
    assert "decide.bank" not in loaded and "yaml" not in loaded
    assert "pydantic" not in loaded
    assert not {m for m in loaded if m.startswith("rich")}


def test_only_the_fhir_exports_load_the_fhir_code() -> None:
    """`decide --version` and the interview (up to its first question) never pay for FHIR."""
    version = modules_after(
        "import sys; sys.argv = ['decide', '--version']\n"
        "from decide.cli import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass"
    )
    interview = modules_after(
        "import decide.cli, decide.commands.interview, decide.commands.report, "
        "decide.commands.bank, decide.flows.interview, decide.terminal.ask"
    )
    for loaded in (version, interview):
        assert not {m for m in loaded if m.split(".")[0] in ("fhir", "fhirpathpy")}
        assert not {m for m in loaded if m.startswith(("decide.fhir", "decide.commands.fhir"))}


def test_the_first_question_from_a_cached_bank_does_not_load_the_checker() -> None:
    """A bank checked before comes from the cache: the YAML parser, the checker and the
    answers-file reader stay out of the first screen's path (they cost 25-35 ms of every start)."""
    run = (
        "import io, sys; sys.stdin = io.StringIO('quit\\n')\n"
        "sys.argv = ['decide', 'interview', '--no-save', '--plain']\n"
        "from decide.cli import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass"
    )
    modules_after("from decide.bank import read_bank; read_bank()")  # checked once, cached
    loaded = modules_after(run)
    assert "decide.flows.interview" in loaded  # the interview did start
    heavy = {"decide.bank.load", "decide.bank.checker", "decide.bank.answers_file", "yaml"}
    assert not heavy & loaded


@pytest.mark.parametrize("concern", [False, True])
def test_a_report_from_a_session_loads_rich_only_for_the_crisis_panel(
    tmp_path: Path, concern: bool
) -> None:
    """Writing a saved session's summary to a file needs no terminal library: Rich (about 20
    ms of every run) loads only when the crisis panel is shown, and the YAML parser never."""
    from people import TYPICAL

    from decide.bank import read_bank
    from decide.core.record import GivenAnswer, InterviewRecord
    from decide.sessions import SessionStore, default_store_root

    bank = read_bank()
    answers = {**TYPICAL, "self_harm_thoughts": concern}
    record = InterviewRecord(
        mode="patient",
        answers={q: GivenAnswer(v, "2026-03-01T09:00:00Z") for q, v in answers.items()},
    )
    with SessionStore(default_store_root(None)).create(bank, record) as session:
        session.save(record)
        sid = session.id
    out = tmp_path / "summary.html"
    loaded = modules_after(
        f"import sys; sys.argv = ['decide', 'report', '--session', '{sid}', '-o', {str(out)!r}]\n"
        "from decide.cli import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass"
    )
    assert out.is_file() and "decide.render.html" in loaded  # the summary was written
    assert ("rich" in loaded) is concern
    assert "yaml" not in loaded


def test_a_report_from_a_json_answers_file_loads_no_yaml_or_rich(tmp_path: Path) -> None:
    """JSON that YAML reads the same way is read without the YAML parser (about 10 ms)."""
    import json

    from people import TYPICAL

    from decide.bank import read_bank

    read_bank()  # the bundled bank checked once (its checked copy, or the cache)

    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(TYPICAL, indent=2), encoding="utf-8")
    out = tmp_path / "summary.html"
    loaded = modules_after(
        "import sys; sys.argv = ['decide', 'report', '--answers', "
        f"{str(answers)!r}, '-o', {str(out)!r}]\n"
        "from decide.cli import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass"
    )
    assert out.is_file() and "decide.bank.answers_file" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("yaml", "rich")}


def test_no_module_imports_itself_round_a_circle() -> None:
    """No cycle between modules, counting imports inside functions and TYPE_CHECKING blocks."""
    names = {module_name(p): p for p in modules()}

    def targets(path: Path) -> set[str]:
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:  # `from decide.render import common` is a module
                    sub = f"{node.module}.{alias.name}"
                    found.add(sub if sub in names else node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
        return found

    graph = {
        name: {m for m in targets(path) if m in names and m != name} for name, path in names.items()
    }
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(name: str, path: list[str]) -> list[str] | None:
        state[name] = 1
        for target in sorted(graph[name]):
            if state.get(target) == 1:
                return [*path, name, target]
            if target not in state and (found := visit(target, [*path, name])):
                return found
        state[name] = 2
        return None

    for name in sorted(graph):
        if name not in state:
            circle = visit(name, [])
            assert circle is None, " -> ".join(circle or [])


def test_decide_version_alone_is_answered_before_typer_and_rich_load() -> None:
    loaded = modules_after(
        "import sys; sys.argv = ['decide', '--version']\nfrom decide.__main__ import main\nmain()"
    )
    assert not {m for m in loaded if m.split(".")[0] in ("typer", "rich", "click", "yaml")}
    done = subprocess.run(
        [sys.executable, "-m", "decide", "--version"], capture_output=True, text=True, check=True
    )
    from decide import __version__

    assert done.stdout == f"decide {__version__}\n"
