"""Shared set-up: hypothesis profiles, and folders of its own for every session and test.

Nothing here or in any test reads or writes a person's sessions or bank cache: before a test
module is imported, `pytest_configure` points DECIDE_HOME and DECIDE_CACHE at a throw-away
folder for the whole session (collecting the tests touches no real folder:
tests/test_collection.py checks it), and every test then gets fresh ones of its own.

Profiles, chosen by HYPOTHESIS_PROFILE: `default` (a plain `pytest`) tries 20 examples where the
`ci` profile (`.ci/run`) tries hypothesis's usual 100; tests with counts of their own scale them
from the loaded profile (tests/counts.py).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

TESTS = Path(__file__).parent
BANKS = TESTS / "banks"
REPO = TESTS.parent
PROFILE_VARIABLE = "HYPOTHESIS_PROFILE"
SESSION_FOLDERS = ("DECIDE_HOME", "DECIDE_CACHE")

_HYPOTHESIS = settings.get_profile("default")  # its own defaults, whatever else it loaded
settings.register_profile("default", _HYPOTHESIS, max_examples=20)
settings.register_profile("ci", _HYPOTHESIS, max_examples=100)
settings.load_profile(os.environ.get(PROFILE_VARIABLE) or "default")


def pytest_configure(config: pytest.Config) -> None:
    """Point the session and cache folders away from the person's before any test module is
    imported (a module that read a bank at import would otherwise fill the real cache)."""
    root = Path(tempfile.mkdtemp(prefix="decide-tests-"))
    before = {name: os.environ.get(name) for name in SESSION_FOLDERS}
    for name in SESSION_FOLDERS:
        folder = root / name.lower()
        folder.mkdir(mode=0o700)
        os.environ[name] = str(folder)

    def restore() -> None:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(root, ignore_errors=True)

    config.add_cleanup(restore)


def pytest_report_header(config: pytest.Config) -> str:
    name = settings.get_current_profile_name()
    hint = "" if name == "ci" else f" ({PROFILE_VARIABLE}=ci runs the full counts)"
    return f"hypothesis profile: {name}{hint}"


@pytest.fixture(autouse=True)
def _private_store(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point DECIDE_HOME (and DECIDE_CACHE) at fresh folders: no test reads or writes a real
    person's sessions or cache."""
    home = tmp_path_factory.mktemp("decide-home")
    monkeypatch.setenv("DECIDE_HOME", str(home))
    # The bank cache too: never the person's, and never inside a test's session store.
    monkeypatch.setenv("DECIDE_CACHE", str(tmp_path_factory.mktemp("decide-cache")))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def small_bank_path() -> Path:
    """A small bank that uses every feature of the format."""
    return BANKS / "small.yaml"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources the bank checker has parsed since the test began (a bank read from its
    checked copy or the cache is not parsed)."""
    import decide.bank.load

    seen: list[str] = []
    real = decide.bank.load.parse_bank

    def counting(text: str | bytes, source: str = "<bank>", language: str | None = None) -> Any:
        seen.append(source)
        return real(text, source, language)

    monkeypatch.setattr(decide.bank.load, "parse_bank", counting)
    return seen
