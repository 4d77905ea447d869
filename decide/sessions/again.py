"""The one way decide prints a command to type later: `decide resume ID` and its kin.

A person who stops today types the printed line tomorrow in a new terminal, where the virtual
environment decide was installed in is not active. So the line names the running program by
its full path when the `decide` found on PATH is not it (or there is none), and carries
`--store` and `--bank` when they are not the defaults, so it works exactly as printed.

Standard library only; the store's default folder comes from `decide.sessions.location`.
"""

from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path

NAME = "decide"


def program() -> str:
    """What to type for the running decide: `decide` when PATH finds this very program, else
    its full path (or `python -m decide` when run that way). Inside another program (tests,
    an embedding), plain `decide`."""
    argv0 = sys.argv[0] if sys.argv else ""
    if Path(argv0).name == NAME:
        running = Path(argv0).absolute()
        found = shutil.which(NAME)
        if found is not None and _same(Path(found), running):
            return NAME
        return shlex.quote(str(running))
    if Path(argv0).name == "__main__.py" and Path(argv0).parent.name == NAME:
        return f"{shlex.quote(sys.executable)} -m {NAME}"
    return NAME


def command(*words: str, store_root: Path | None = None, bank: Path | None = None) -> str:
    """`decide WORDS…`, with `--store DIR` when `store_root` is not the per-user default and
    `--bank FILE` when a bank other than the bundled one was used."""
    parts = [program(), *(shlex.quote(word) for word in words)]
    if store_root is not None and not _same(store_root, _default_root()):
        parts += ["--store", shlex.quote(str(store_root.absolute()))]
    if bank is not None:
        parts += ["--bank", shlex.quote(str(bank.expanduser().absolute()))]
    return " ".join(parts)


def resume_command(
    session_id: str, *, store_root: Path | None = None, bank: Path | None = None
) -> str:
    """The command that goes on with `session_id` from a fresh shell, as it must be typed."""
    return command("resume", session_id, store_root=store_root, bank=bank)


def _default_root() -> Path:
    """Without --store and $DECIDE_HOME (a new terminal may not have it set)."""
    from decide.sessions.location import per_user_store_root

    return per_user_store_root()


def _same(one: Path, other: Path) -> bool:
    try:
        return one.resolve() == other.resolve()
    except OSError:
        return False
