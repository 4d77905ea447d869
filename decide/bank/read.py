"""Reading a bank file: the bundled one or `--bank FILE`, through the bank cache.

EDGE module (files). Kept apart from `decide.bank.load` so that a bank found in the cache is
used without importing the checker: the first question comes sooner.
"""

from __future__ import annotations

from pathlib import Path

from decide.bank.cache import cached_bank
from decide.bank.text_file import YamlError, read_text
from decide.core.errors import BankError
from decide.core.model import Bank


def bundled_bank_path() -> Path:
    """The bank that ships with decide (inside the wheel), or the repository's copy in a checkout."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "questions.yaml"
    return packaged if packaged.is_file() else package.parent / "questions.yaml"


def read_bank(path: Path | None = None, language: str | None = None, *, keep: bool = True) -> Bank:
    """Read and check a bank file (the bundled bank when `path` is None).

    A bank whose exact text was checked before by this decide comes from the cache; any other
    is parsed and checked, and then kept there, unless `keep` is False (private mode, which
    writes nothing on the computer).
    """
    path = path if path is not None else bundled_bank_path()
    try:
        text = read_text(path, "bank")
    except YamlError as error:
        raise BankError(error.problems) from None

    def build() -> Bank:
        from decide.bank.load import parse_bank

        return parse_bank(text, str(path), language)

    return cached_bank(text, str(path), language, build, keep=keep)
