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
    """Point DECIDE_HOME at a fresh folder so no test reads or writes a real person's sessions."""
    home = tmp_path_factory.mktemp("decide-home")
    monkeypatch.setenv("DECIDE_HOME", str(home))
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def small_bank_path() -> Path:
    """A small bank that uses every feature of the format."""
    return BANKS / "small.yaml"
