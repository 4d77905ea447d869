"""Reading a bank file: the bundled one or `--bank FILE`, through the bank cache.

EDGE module (files). Kept apart from `decide.bank.load` so that a bank found in the cache is
used without importing the checker: the first question comes sooner.

The bundled bank comes with its checked copy (`questions.checked.json`, next to it in the
package): the wheel ships one, made and checked when the wheel is built (`hatch_build.py`),
so a first start on a fresh machine, and private mode, which never writes a cache, start
warm. A checkout (an editable install) has none until its first use that may write, which
builds it there.
"""

from __future__ import annotations

from pathlib import Path

from decide.bank.cache import CheckedCopy, cached_bank
from decide.bank.text_file import YamlError, read_text
from decide.core.errors import BankError
from decide.core.model import Bank

PACKAGE = Path(__file__).resolve().parent.parent
CHECKED_COPY_NAME = "questions.checked.json"


def bundled_bank_path() -> Path:
    """The bank that ships with decide (inside the wheel), or the repository's copy in a checkout."""
    packaged = PACKAGE / "questions.yaml"
    return packaged if packaged.is_file() else PACKAGE.parent / "questions.yaml"


def checked_copy() -> CheckedCopy:
    """Where the bundled bank's checked copy is: shipped in an installed wheel, built on first
    use in a checkout (never written into an installed package)."""
    packaged = (PACKAGE / "questions.yaml").is_file()
    return CheckedCopy(PACKAGE / CHECKED_COPY_NAME, buildable=not packaged)


def read_bank(path: Path | None = None, language: str | None = None, *, keep: bool = True) -> Bank:
    """Read and check a bank file (the bundled bank when `path` is None).

    A bank whose exact text was checked before by this decide comes from its checked copy or
    the cache; any other is parsed and checked, and then kept, unless `keep` is False (private
    mode, which writes nothing on the computer).
    """
    bundled = path is None
    path = path if path is not None else bundled_bank_path()
    try:
        text = read_text(path, "bank")
    except YamlError as error:
        raise BankError(error.problems) from None

    def build() -> Bank:
        from decide.bank.load import parse_bank

        return parse_bank(text, str(path), language)

    copy = checked_copy() if bundled else None
    return cached_bank(text, language, build, keep=keep, checked_copy=copy)


def write_checked_copy(bank_path: Path, out: Path) -> None:
    """Check the bank at `bank_path` and write its checked copy at `out`, readable by everyone
    (it is the public bank, and an installed package is read by other accounts too).

    For the wheel's build hook: a bank with problems stops the build (BankError lists them),
    and so does a copy that cannot be written (OSError).
    """
    from decide.bank.cache import cache_key, write_entry
    from decide.bank.load import parse_bank

    try:
        text = read_text(bank_path, "bank")
    except YamlError as error:
        raise BankError(error.problems) from None
    bank = parse_bank(text, str(bank_path))
    if not write_entry(out, cache_key(text, None), bank, make_folder=False):
        raise OSError(f"could not write the checked copy of the bank to {out}")
    out.chmod(0o644)
