"""The validate run: a bank file in, its problems (or a one-line verdict) and an exit code out.

EDGE module behind `decide validate`. It needs neither Typer nor Rich, so `decide validate
[BANK]`, the command a bank's author runs after every edit, is started without them
(`decide.__main__`); the Typer command is the same run, for every other spelling of it.
"""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct


class Verdict(Struct, frozen=True):
    """What `decide validate` shows: lines for stdout, lines for stderr, and its exit code."""

    out: tuple[str, ...]
    err: tuple[str, ...] = ()
    code: int = 0


def validate(bank: Path | None) -> Verdict:
    """Check `bank` (the bundled bank when None), through the bank cache like every run."""
    from decide.bank import read_bank
    from decide.bank.text_file import paused_gc
    from decide.core.errors import BankError, printable, problem_lines

    try:
        with paused_gc():  # the check and the cache entry written after it make no cycles
            loaded = read_bank(bank)
    except BankError as error:
        found = _count(len(error.problems), "problem")
        return Verdict(out=tuple(problem_lines(error.problems)), err=(f"{found} found.",), code=1)
    meta = loaded.meta
    name = printable(str(bank)) if bank is not None else "bundled bank"
    parts = (
        _count(len(loaded.options), "option"),
        _count(len(loaded.rows), "row"),
        _count(len(loaded.questions), "question"),
        _count(len(loaded.considerations), "consideration"),
        _count(len(loaded.sources), "source"),
    )
    return Verdict(out=(f"{name}: valid. {meta.title} {meta.version}: {', '.join(parts)}.",))


def _count(number: int, noun: str) -> str:
    """`1 row`, `14 rows`, `10,000 questions`."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
