"""The bank cache: a checked bank kept as plain JSON, so an unchanged bank is not read twice.

EDGE module (files). Parsing and checking the bundled bank is a good part of the time before
the first question; a bank that has not changed since decide last checked it does not need
either. Each entry is keyed by the SHA-256 of the bank's text, the language asked for, decide's
version and a fingerprint of decide's own code (the relative path and the contents of every
`.py` file of the package), so a bank that changes by one byte, a new decide or an edited
checkout never finds an entry and is always checked again. The key names no file: a checked
bank holds no file name or position, so the same text is the same bank wherever it was read,
and the checked copy of the bundled bank that ships in the wheel (`decide.bank.checked_copy`,
made by the same `write_entry` when the wheel is built) is an entry like any other. The
fingerprint covers only `.py` files, so an entry never depends on itself.

- Where: `$DECIDE_CACHE`, else `$DECIDE_HOME/.cache`, else the per-user cache folder
  (platformdirs), in a `banks` folder made owner-only (0700); entries are 0600. A `banks`
  folder that is a link, belongs to someone else or that others can write to is not used at
  all (one note on stderr says which and the `chmod` that fixes it): anyone who can write
  there could put words in decide's mouth.
- An entry that is a link, a FIFO or anything but a regular file is never opened in a way that
  follows or blocks, never used and never replaced: one note, and the bank is checked again.
- What: one line of JSON saying what the entry is for (decide's version, the key, and the
  SHA-256 of the rest), then the bank in the plain form of `decide.bank.plain`. Never pickled
  objects or code: reading an entry builds only the model's own classes.
- An entry that cannot be read, is cut short, does not match its checksum or its key, or is
  from another decide is ignored and written again after the bank is checked.
- Writes go to a temporary file renamed into place, so a reader sees a whole entry or none.
  A cache that cannot be written (read-only home, full disk) just means no cache.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

from msgspec import Struct

from decide import __version__
from decide.bank.plain import PlainError, bank_from_json, bank_to_json
from decide.core.model import Bank
from decide.system.files import private_folder, read_regular, unsafe_folder, write_atomic
from decide.system.notes import note

FORMAT = 1
MAX_ENTRY_BYTES = 64 * 1024 * 1024


def cache_folder() -> Path:
    """Where bank entries live (see the module's docstring)."""
    override = os.environ.get("DECIDE_CACHE", "")
    if override:
        return Path(override).expanduser().absolute() / "banks"
    home = os.environ.get("DECIDE_HOME", "")
    if home:
        return Path(home).expanduser().absolute() / ".cache" / "banks"
    import platformdirs

    return Path(platformdirs.user_cache_dir("decide", appauthor=False)) / "banks"


PACKAGE = Path(__file__).resolve().parent.parent


@cache
def decide_fingerprint() -> str:
    """This decide's `code_fingerprint`, worked out once per process."""
    return code_fingerprint(PACKAGE)


def code_fingerprint(package: Path) -> str:
    """What tells one decide's code apart from any other: the relative path and the contents
    of every `.py` file of the package, hashed (about 4 ms for decide's 0.5 MB). Contents, not
    modification times: a wheel's files get new times when it is installed, and the checked
    copy made when the wheel was built must still be found."""
    digest = hashlib.sha256()
    folders = [str(package)]
    skip = len(folders[0]) + 1
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_dir(follow_symlinks=False) and entry.name != "__pycache__":
                    folders.append(entry.path)
                elif entry.name.endswith(".py") and entry.is_file(follow_symlinks=False):
                    code = read_regular(entry.path, MAX_ENTRY_BYTES)
                    digest.update(f"{entry.path[skip:]}\0{len(code)}\0".encode())
                    digest.update(code)
    return digest.hexdigest()


def cache_key(text: str, language: str | None) -> str:
    """The entry's name: the bank's text, the language asked for, decide's version and its
    code's fingerprint."""
    about = f"decide {__version__}\0{decide_fingerprint()}\0{language or ''}\0"
    digest = hashlib.sha256(about.encode("utf-8", "surrogatepass"))
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def cached_bank(
    text: str,
    language: str | None,
    build: Callable[[], Bank],
    *,
    keep: bool = True,
    checked_copy: CheckedCopy | None = None,
) -> Bank:
    """The bank for `text` from its checked copy or the cache, else `build()` it (which checks
    it) and, when `keep`, keep it (private mode writes nothing).

    `checked_copy` is where the bundled bank's checked copy lives, next to it in the package:
    shipped in the wheel, or built there on first use in a checkout. `build` raising (a bank
    with problems) keeps nothing: only checked banks are cached.
    """
    key = cache_key(text, language)
    copy_odd = False
    if checked_copy is not None:
        bank, copy_odd = _read_quietly(checked_copy.path, key, "the checked copy of the bank")
        if bank is not None:
            return bank
    folder = cache_folder()
    unsafe = unsafe_folder(folder)
    entry: Path | None = None
    if unsafe is not None:
        fix = f" (make it yours alone with: {unsafe.fix})" if unsafe.fix else ""
        note(f"the bank cache {folder} was not used: {unsafe.why}{fix}.")
    else:
        entry = folder / f"{key}.json"
        bank, entry_odd = _read_quietly(entry, key, "the bank cache entry")
        if bank is not None:
            return bank
        if entry_odd:
            entry = None  # never replaced
    bank = build()
    if keep:
        kept = (
            checked_copy is not None
            and checked_copy.buildable
            and not copy_odd
            and write_entry(checked_copy.path, key, bank, make_folder=False)
        )
        if not kept and entry is not None:
            write_entry(entry, key, bank)
    return bank


class CheckedCopy(Struct, frozen=True):
    """Where the bundled bank's checked copy is, and whether decide may build it there (in a
    checkout, yes; in an installed wheel, which ships it, no)."""

    path: Path
    buildable: bool


def _read_quietly(path: Path, key: str, what: str) -> tuple[Bank | None, bool]:
    """`read_entry`, and whether the place holds a link or something not a file (one note:
    such a place is never used nor replaced)."""
    try:
        return read_entry(path, key), False
    except _NotAFile:
        note(f"{what} {path} is a link or not a regular file, so it was not used.")
        return None, True


class _NotAFile(Exception):
    """An entry's name holds a link, a FIFO, a folder or a device: never used nor replaced."""


def read_entry(path: Path, key: str) -> Bank | None:
    """The bank kept at `path` for `key`, or None when there is none that can be trusted."""
    try:
        try:
            data = read_regular(path, MAX_ENTRY_BYTES + 1)  # never a link, never blocks
        except IsADirectoryError:
            raise _NotAFile from None
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise _NotAFile from None
            raise
        if len(data) > MAX_ENTRY_BYTES:
            return None
        head, _, body = data.partition(b"\n")
        about = json.loads(head)
        if (
            not isinstance(about, dict)
            or about.get("format") != FORMAT
            or about.get("decide") != __version__
            or about.get("key") != key
            or about.get("sha256") != hashlib.sha256(body).hexdigest()
        ):
            return None
        return bank_from_json(body)
    except (OSError, ValueError, RecursionError):  # PlainError and JSON errors are ValueErrors
        return None


def write_entry(path: Path, key: str, bank: Bank, *, make_folder: bool = True) -> bool:
    """Keep `bank` at `path`, atomically and owner-only; True when it was kept, False (and
    nothing said) when that failed. `make_folder`: make the folder and keep it owner-only (the
    cache's own); the package folder of a checkout is left as it is."""
    try:
        body = bank_to_json(bank)
    except PlainError:
        return False  # not expressible as plain JSON: simply not cached
    about = {
        "format": FORMAT,
        "decide": __version__,
        "key": key,
        "sha256": hashlib.sha256(body).hexdigest(),
    }
    head = json.dumps(about, separators=(",", ":")).encode()
    try:
        if make_folder:  # the cache folder is decide's own: made owner-only
            private_folder(path.parent)
        write_atomic(path, head + b"\n" + body)
    except OSError:
        return False
    return True
