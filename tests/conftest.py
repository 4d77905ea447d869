"""Shared fixtures: every test runs with its own session store and never touches the real one."""

from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).parent
BANKS = TESTS / "banks"
REPO = TESTS.parent


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
