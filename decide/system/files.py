"""File safety, in one place: owner-only files and folders, atomic writes, appends, locks, and
reading without following links or blocking.

Every file decide writes (sessions, the session index and its save log, the bank cache, saved
summaries) goes through these functions, and every file it reads back through `read_regular`:

- a new file is owner-only (0600) through the mode given to `os.open` *and* an explicit
  `fchmod`, so no umask can change it; a folder decide makes is 0700;
- a replacement is written to a temporary file in the same folder, fsynced, renamed over the
  old one in one step and the folder fsynced, so a crash leaves the old file or the new one;
- a link is never followed, and a FIFO or device named like one of decide's files is never
  opened in a way that could block (it is refused as "not a regular file", `ELOOP`).

POSIX only (it uses `fcntl.flock` and fsyncs folders). Standard library only.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
from pathlib import Path
from typing import NamedTuple

FOLDER_MODE = 0o700
FILE_MODE = 0o600
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # a symlink in the store is never followed


def os_problem(error: OSError, folder: Path, doing: str = "write in") -> str:
    """One plain sentence for what went wrong on disk, naming the folder (`doing`: what was
    not allowed there, "write in" or "read")."""
    code = error.errno
    if code == errno.EROFS:
        return f"the folder {folder} is on a read-only disk."
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return f"the disk holding {folder} is full."
    if code in (errno.EACCES, errno.EPERM):
        return f"decide is not allowed to {doing} {folder}."
    if code in (errno.ENOTDIR, errno.EEXIST) and not folder.is_dir():
        return f"{folder} is not a folder."
    if code == errno.ELOOP:
        return f"a file of it in {folder} is a link or not a regular file, so it was left alone."
    reason = os.strerror(code) if code else str(error)
    return f"{reason} ({folder})."


def ensure_private_folder(folder: Path) -> None:
    """Create `folder` owner-only (0700) if it does not exist yet. Raises OSError.

    A folder that already exists is used as it is: it belongs to the person (`--store .` or
    `--store ~` would otherwise quietly lock up a project or home folder), and every file decide
    puts in it is owner-only (0600) whatever the folder's mode. Missing parents are created
    like `mkdir -p` does; only the store folder itself is made owner-only.
    """
    if folder.is_dir():
        return  # someone's existing folder: leave its mode alone
    if folder.exists():
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(folder))
    try:
        try:
            folder.mkdir(mode=FOLDER_MODE)
        except FileNotFoundError:  # only touch the parents when they are missing
            folder.parent.mkdir(parents=True, exist_ok=True)
            folder.mkdir(mode=FOLDER_MODE)
    except FileExistsError:
        if not folder.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(folder)) from None
        return  # created a moment ago by another process: not ours to change
    if stat.S_IMODE(folder.stat().st_mode) != FOLDER_MODE:  # the umask took bits away
        os.chmod(folder, FOLDER_MODE)


def private_folder(folder: Path) -> None:
    """Create `folder` (and its parents) if missing, owner-only (0700): for folders that are
    decide's own, such as the bank cache, unlike a store the person named. A folder already
    there is left as it is; `unsafe_folder` says whether it may be used. A link in its place is
    refused (OSError ELOOP), never written through. Raises OSError."""
    try:
        info = os.lstat(folder)
    except FileNotFoundError:
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        info = os.lstat(folder)
        if stat.S_ISDIR(info.st_mode) and stat.S_IMODE(info.st_mode) != FOLDER_MODE:
            os.chmod(folder, FOLDER_MODE, follow_symlinks=False)  # the umask took bits away
    if stat.S_ISLNK(info.st_mode):
        raise OSError(errno.ELOOP, "a link, not a folder", str(folder))
    if not stat.S_ISDIR(info.st_mode):
        raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(folder))


class FolderProblem(NamedTuple):
    """Why a folder may not hold decide's files, and the command that fixes it (if one does)."""

    why: str  # the end of a sentence naming the folder: "its group can change the files in it"
    fix: str | None  # "chmod go-w /the/folder"


def unsafe_folder(folder: Path, *, follow: bool = False) -> FolderProblem | None:
    """Why decide must not keep its files in `folder`, or None when it may (or the folder does
    not exist yet: decide makes it owner-only).

    As ssh does with its own folders: the folder must be a real folder (not a link), belong to
    the person running decide, and not be writable by its group or by others, since anyone who
    can write in it can replace the files in it. With `follow`, a link to a folder is judged by
    that folder (a store the person named may be a link to another disk).
    """
    try:
        info = os.stat(folder, follow_symlinks=follow)
    except FileNotFoundError:
        return None
    except OSError as error:
        return FolderProblem(os_problem(error, folder, "read").rstrip("."), None)
    if stat.S_ISLNK(info.st_mode):
        return FolderProblem("it is a link, not a folder", None)
    if not stat.S_ISDIR(info.st_mode):
        return FolderProblem("it is not a folder", None)
    getuid = getattr(os, "getuid", None)
    if getuid is not None and info.st_uid != getuid():
        return FolderProblem("it belongs to another user", None)
    writable = [
        who
        for who, bit in (("its group", stat.S_IWGRP), ("other users", stat.S_IWOTH))
        if info.st_mode & bit
    ]
    if not writable:
        return None
    import shlex

    return FolderProblem(
        f"{' and '.join(writable)} can change the files in it",
        f"chmod go-w {shlex.quote(str(folder))}",
    )


def create_new(path: Path, data: bytes) -> None:
    """Write `data` to a new owner-only file at `path`; FileExistsError if anything (a file, a
    link) is there already. A file cut short by an error this process lives through is removed.
    Raises OSError."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, FILE_MODE)
    try:
        _write_private(fd, data)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    os.close(fd)


def append_line(path: Path, line: bytes) -> None:
    """Append one line to an owner-only file (created if missing), never through a link and
    never blocking on a FIFO (OSError ELOOP for anything but a regular file). One `write` call,
    so lines appended by two processes never interleave. Raises OSError."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | NOFOLLOW | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags, FILE_MODE)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.ELOOP, "not a regular file", str(path))
        os.write(fd, line)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old file or the new one.

    Temporary file in the same folder (0600), write, flush and fsync, `os.replace`, then fsync
    the folder so the rename itself is on disk. Raises OSError; the temporary file is removed
    on any error this process lives through.
    """
    import tempfile  # only when writing: reading a cached bank or a session never needs it

    fd, temporary = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".tmp", dir=path.parent)
    try:
        try:
            _write_private(fd, data)
        finally:
            os.close(fd)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """fsync a folder so a rename in it survives a power cut (a no-op where unsupported)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as error:  # some file systems do not sync folders
        if error.errno not in (errno.EINVAL, errno.ENOTSUP):
            raise
    finally:
        os.close(fd)


class _Removed(Exception):
    """The locked file is no longer the one at its path (its holder removed it)."""


class FileLock:
    """An exclusive, non-blocking `flock` on a lock file, held until `release`.

    The lock belongs to the open file, so it is dropped by the kernel when the process dies,
    even by SIGKILL: a crash never leaves a session locked. `release` removes the lock file
    while still holding the lock, so no empty lock files are left beside the sessions; to keep
    that safe, a lock only counts once the locked file is still the one at `path` (a process
    that locked a file just removed tries again with a new one, so two processes can never
    hold "the" lock at once). A kill leaves the file behind; the next release removes it.
    """

    def __init__(self, fd: int, path: Path) -> None:
        self._fd: int | None = fd
        self._path = path

    @classmethod
    def acquire(cls, path: Path) -> FileLock | None:
        """Lock `path` (created 0600 if missing); None if another process holds it."""
        while True:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | NOFOLLOW, FILE_MODE)
            with contextlib.suppress(_Removed):
                return cls._lock(fd, path)

    @classmethod
    def acquire_new(cls, path: Path) -> FileLock | None:
        """Create `path` and lock it; None if it already exists."""
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | NOFOLLOW, FILE_MODE)
        except FileExistsError:
            return None
        try:
            return cls._lock(fd, path)
        except _Removed:
            return None

    @classmethod
    def _lock(cls, fd: int, path: Path) -> FileLock | None:
        """The lock; None when another process holds it; _Removed when the file was removed
        from `path` in the meantime (try again with a new one)."""
        try:
            opened = os.fstat(fd)
            if not stat.S_ISREG(opened.st_mode):  # a FIFO or device named like a lock
                raise OSError(errno.ELOOP, "not a regular file")
            os.fchmod(fd, FILE_MODE)
            if not _try_lock(fd):
                os.close(fd)
                return None
            try:
                now = os.stat(path, follow_symlinks=False)
            except FileNotFoundError:
                now = None
            if now is None or (now.st_dev, now.st_ino) != (opened.st_dev, opened.st_ino):
                raise _Removed
        except BaseException:
            os.close(fd)
            raise
        return cls(fd, path)

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            with contextlib.suppress(OSError):
                os.unlink(self._path)  # still locked: nobody else can be using this file
            os.close(fd)  # closing the only descriptor drops the flock


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def is_regular_or_missing(path: Path) -> bool:
    """True when `path` is a regular file (not a link, FIFO or device) or nothing at all (or
    cannot be looked at: the read that follows says why)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:  # missing, or not even visible: reading it says why, if it must
        return True


def read_regular(path: Path | str, limit: int) -> bytes:
    """Up to `limit` bytes of a regular file, never through a link and never blocking on a
    FIFO or a device named like one of decide's files (OSError ELOOP for those). Raises
    OSError."""
    fd = os.open(path, os.O_RDONLY | NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.ELOOP, "not a regular file", str(path))
        # the file's own size (and one byte to see it grew), never a buffer of `limit`:
        # reading a small cache entry allocated the whole 64 MiB limit on every start
        wanted = min(limit, info.st_size + 1)
        chunks = []
        while wanted > 0:
            chunk = os.read(fd, wanted)
            if not chunk:
                break
            chunks.append(chunk)
            wanted -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _write_private(fd: int, data: bytes) -> None:
    """Make `fd` owner-only (0600), write all of `data` to it and fsync it."""
    os.fchmod(fd, FILE_MODE)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.fsync(fd)
