"""schema.json and the checker stay in step: every invalid bank the tests build is refused by both.

The bank tests (BANK_MODULES) run once in a child pytest with decide's checker wrapped, so every
bank text it refuses is recorded with the test that built it. Each must then be refused by the
JSON Schema that editors use as well, unless every problem the checker found is one a JSON
schema cannot express (CANNOT_EXPRESS says which, and why). A file that a YAML loader refuses
by itself (a syntax error, an unsafe tag, a 5,000-digit number, nesting deeper than the loader
goes) is refused before any schema sees it. A file with anchors and aliases is not loaded at
all: loading expands them (the alias bomb would take all memory), and the checker refuses them.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from test_schema import SCHEMA, as_json
from typer.testing import CliRunner

from decide.cli import app

TESTS = Path(__file__).resolve().parent
LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # for the quick look at events
# The tests that build invalid banks from fixed text (whole modules, or one test of a module
# that is mostly about something else). Their invalid banks are recorded.
BANK_TESTS = (
    "test_bank_errors.py",
    "test_bank_sources.py",
    "test_cli_bank.py",
    "test_bank_cache.py",
    "test_bank_short_kinds.py",
    "test_faults.py::test_huge_numbers_and_deep_nesting_in_a_bank_are_located",
    "test_quick_path.py::test_a_bank_with_a_problem_names_its_line",
)
BANK_MODULES = tuple(name.split("::")[0] for name in BANK_TESTS)
# Property tests whose invalid banks are random: they check located problems, not the schema.
RANDOM_MODULES = ("test_bank_property.py", "test_fuzz_files.py")

# Problems a JSON schema cannot express, as the checker words them, and why.
CANNOT_EXPRESS = {
    r"unknown question|has no choice|refers to a later question|does not work on the \w+ question"
    r"|names no row|unknown section|is not defined in 'sources'|: no option '": (
        "a reference to another part of the bank (a question, choice, row, section, source or"
        " option id, or a question asked later): a schema checks each value on its own"
    ),
    r"is used twice|has the same url as source": (
        "one field unique across a list: uniqueItems compares whole items"
    ),
    r"has no text in the bank's language": "depends on the value of meta.language",
    r"must come after 'last_reviewed'": "compares two dates",
    r"is repeated \(first at line": (
        "a repeated key: a YAML loader keeps the last value, so a schema never sees the first"
    ),
    r"steers toward an option": (
        "decide's own wording rules (decide/core/neutrality.py), kept in one place"
    ),
    r"points at a .*, not the primary record": (
        "decide's own list of sites that are not primary records (decide/bank/links.py)"
    ),
    r"short gives a cost|short gives no cost|short does not say how often": (
        "comparing what the short forms of one row say (a cost's unit, a frequency): a schema"
        " checks each cell on its own"
    ),
    r"short has \d+ (?:words|sentences)|short has a sentence of|short forms are out of balance": (
        "counting words and sentences as decide does, and comparing a row's cells"
    ),
}

# Runs in the child: wrap the checker, run the bank tests, write what it refused.
RECORD = """
import json, os, sys
import pytest
import decide.bank.load as load
from decide.core.errors import BankError

refused = {}
check = load.parse_bank

def recording(text, source="<bank>", language=None):
    try:
        return check(text, source, language)
    except BankError as error:
        if isinstance(text, str):
            test = os.environ.get("PYTEST_CURRENT_TEST", "?").rsplit(" ", 1)[0]
            refused.setdefault(text, (test, [p.message for p in error.problems]))
        raise

load.parse_bank = recording  # before any test module imports it

class Write:
    def pytest_sessionfinish(self, session):
        with open(sys.argv[1], "w", encoding="utf-8") as out:
            json.dump([[t, test, found] for t, (test, found) in refused.items()], out)

sys.exit(int(pytest.main(["-q", "-p", "no:cacheprovider", *sys.argv[2:]], plugins=[Write()])))
"""


@cache
def recorded() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(bank text, the test that built it, the checker's problems) for every refused bank."""
    out = Path(os.environ["DECIDE_CACHE"]) / "refused-banks.json"
    modules = [str(TESTS / name) for name in BANK_TESTS]
    result = subprocess.run(
        [sys.executable, "-c", RECORD, str(out), *modules],
        cwd=TESTS.parent,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    items = json.loads(out.read_text(encoding="utf-8"))
    return tuple((text, test, tuple(found)) for text, test, found in items)


@cache
def validator() -> Any:
    return jsonschema.Draft202012Validator(SCHEMA)


def schema_refuses(text: str) -> bool | None:
    """Whether schema.json (or the YAML loader before it) refuses the text; None when the text
    uses anchors and aliases, which are not loaded here."""
    try:
        if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, LOADER)):
            return None
        data: Any = yaml.safe_load(text)  # in Python: its depth limit is part of the verdict
    except (yaml.YAMLError, ValueError, RecursionError):
        return True
    return next(validator().iter_errors(as_json(data)), None) is not None


def expressible(problem: str) -> bool:
    return not any(re.search(pattern, problem) for pattern in CANNOT_EXPRESS)


def test_every_module_that_builds_invalid_banks_is_recorded() -> None:
    builds = {
        p.name
        for p in TESTS.glob("test_*.py")
        if p.name != Path(__file__).name
        and re.search(r"BankError|\"validate\"", p.read_text(encoding="utf-8"))
    }
    assert builds <= set(BANK_MODULES) | set(RANDOM_MODULES), "add them to BANK_TESTS"
    found_in = {test.split("::")[0].rsplit("/", 1)[-1] for _, test, _ in recorded()}
    assert set(BANK_MODULES) <= found_in, "a bank module built no invalid bank any more"


def test_every_invalid_test_bank_is_refused_by_the_schema_too() -> None:
    let_through = [
        f"{test}: schema.json accepts a bank the checker refuses for: {'; '.join(found)}"
        for text, test, found in recorded()
        if any(expressible(p) for p in found) and schema_refuses(text) is False
    ]
    assert let_through == []


def test_every_exception_is_still_needed() -> None:
    """Each CANNOT_EXPRESS entry is what some recorded bank is refused for (no stale excuses)."""
    problems = [p for _, _, found in recorded() for p in found]
    unused = [
        pattern for pattern in CANNOT_EXPRESS if not any(re.search(pattern, p) for p in problems)
    ]
    assert unused == []


@pytest.mark.parametrize("path", sorted((TESTS / "banks").glob("*.yaml")), ids=lambda p: p.name)
def test_each_bank_in_tests_banks_gets_one_verdict_from_both(path: Path) -> None:
    checked = CliRunner().invoke(app, ["validate", str(path)])
    assert checked.exit_code in (0, 1), checked.output
    refused = schema_refuses(path.read_text(encoding="utf-8"))
    assert refused is not None
    assert refused == (checked.exit_code == 1), checked.output
