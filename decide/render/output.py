"""Saving a summary to a file the person named.

A summary holds health data: a new file is readable by its owner only (0600), whatever the
umask. An existing file is never replaced unless the caller says so (`force`), and then the new
text goes to a temporary file in the same folder first and replaces the old one in one step, so
a crash never leaves half a summary. Every problem becomes one `OutputError` sentence.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from pathlib import Path

from decide.errors import OutputError

EXTENSIONS = {"text": "txt", "md": "md", "html": "html", "json": "json"}


def default_summary_name(generated_on: str, fmt: str) -> str:
    """`decide-summary-2026-11-26.md`: the date part of `generated_on`, the format's extension."""
    day = re.sub(r"[^0-9A-Za-z-]", "-", generated_on.split("T")[0]) or "today"
    return f"decide-summary-{day}.{EXTENSIONS.get(fmt, fmt)}"


def write_summary(path: Path, text: str, *, force: bool) -> None:
    """Write `text` to `path` (UTF-8, 0600). Raises OutputError with one clear sentence."""
    if path.is_dir():
        raise OutputError(
            f"{path} is a folder. Give a file name, for example {path / 'decide-summary.md'}."
        )
    parent = path.parent
    if not parent.is_dir():
        raise OutputError(f"The folder {parent} does not exist. Create it first or pick another.")
    if path.exists() and not force:
        raise OutputError(f"{path} already exists.", hint="add --force to replace it.")
    data = text.encode("utf-8")
    try:
        if force:
            _replace(path, data)
        else:
            _create(path, data)
    except FileExistsError:
        raise OutputError(f"{path} already exists.", hint="add --force to replace it.") from None
    except PermissionError:
        raise OutputError(f"You do not have permission to write {path}.") from None
    except OSError as error:
        reason = error.strerror or errno.errorcode.get(error.errno or 0, "unknown error")
        raise OutputError(f"Could not write {path}: {reason}.") from None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
    os.fsync(fd)


def _create(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)
        _write_all(fd, data)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    os.close(fd)


def _replace(path: Path, data: bytes) -> None:
    fd, temp = tempfile.mkstemp(prefix=".decide-summary-", dir=path.parent)  # 0600 already
    try:
        os.fchmod(fd, 0o600)
        _write_all(fd, data)
        os.close(fd)
        fd = -1
        os.replace(temp, path)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
