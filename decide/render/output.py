"""Where a summary goes, and saving it to a file the person named.

The rules for an output path live here, for `decide report --output`, `decide interview
--output` and the save prompt at the end of an interview alike (`summary_format`, then
`write_summary`):

- `-` is standard output.
- An existing name that is not a regular file (a link, a FIFO, a device) is refused.
- A folder is refused with one sentence that names a file in it.
- A name ending in a type decide writes (.txt .md .html .json, and .text .markdown .htm) gives
  the format; a `--format` that says otherwise is refused (FHIR is JSON: it goes in .json). A name ending in another type
  (.pdf, .docx) is refused. A name with no type is written in `--format`, else plain text.

A summary holds health data: a new file is readable by its owner only (0600), whatever the
umask. An existing file is never replaced unless the caller says so (`force`), and then the new
text goes to a temporary file in the same folder first and replaces the old one in one step, so
a crash never leaves half a summary. Every problem becomes one `OutputError` sentence.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from pathlib import Path

from decide.core.errors import OutputError
from decide.system.files import create_new, write_atomic

EXTENSIONS = {"text": "txt", "md": "md", "html": "html", "json": "json", "fhir": "json"}
FORMAT_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
}
KIND = {
    "text": "plain text",
    "md": "Markdown",
    "html": "a web page (HTML)",
    "json": "JSON",
    "fhir": "a FHIR QuestionnaireResponse (JSON)",
}
STANDARD_OUTPUT = "-"
# A file type: a dot, a letter, then letters or digits (not "Dr. Lee" or "notes.2026").
_TYPE_SUFFIX = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,9}")


def is_standard_output(path: Path) -> bool:
    """True for `-`, which means standard output rather than a file."""
    return str(path) == STANDARD_OUTPUT


def type_suffix(path: Path) -> str:
    """The file type a name ends with, in lower case ('.md'); '' when it has none."""
    suffix = path.suffix
    return suffix.lower() if _TYPE_SUFFIX.fullmatch(suffix) else ""


def summary_format(fmt: str | None, output: Path | None) -> str:
    """The format to write to `output` (None or `-`: standard output), checked against its name.

    `fmt` is what was asked for (`--format`, or the choice at the save prompt), None if nothing
    was. Raises OutputError with one sentence when the two cannot go together.
    """
    if output is None or is_standard_output(output):
        return fmt or "text"
    if output.is_dir():
        raise OutputError(folder_problem(output, fmt))
    suffix = type_suffix(output)
    named = FORMAT_BY_SUFFIX.get(suffix)
    wanted = fmt or named or "text"
    extension = EXTENSIONS.get(wanted, wanted)
    better = output.with_name(f"{output.stem if suffix else output.name}.{extension}")
    if suffix and named is None:
        fix = f"name it {better.name}" if fmt else "name it .txt, .md, .html or .json"
        pdf = " To get a PDF, save a web page (.html) and print it from a browser."
        raise OutputError(
            f"decide cannot write {suffix} files; {fix}.{pdf if suffix == '.pdf' else ''}"
        )
    if fmt and named and EXTENSIONS.get(fmt) != EXTENSIONS[named]:
        raise OutputError(
            f"{output.name} is a name for {KIND[named]}, but this summary is {KIND.get(fmt, fmt)}; "
            f"name it {better.name}.",
            hint=f"Or leave out --format to save {KIND[named]}.",
        )
    return wanted


def folder_problem(folder: Path, fmt: str | None) -> str:
    example = folder / f"decide-summary.{EXTENSIONS.get(fmt or 'text', 'txt')}"
    return f"{folder} is a folder. Give a file name, for example {example}."


def default_summary_name(generated_on: str, fmt: str, client_code: str | None = None) -> str:
    """`decide-summary-2026-11-26.md`: the date part of `generated_on`, the format's extension.

    A counselor copy (`client_code` given) is `decide-counselor-C7-2026-11-26.html`: the code
    goes only in a counselor copy's name, since a browser prints a file's address in the
    footer and the client's own copy must never carry it."""
    day = _safe(generated_on.split("T")[0]) or "today"
    extension = EXTENSIONS.get(fmt, fmt)
    if client_code is not None:
        return f"decide-counselor-{_safe(client_code) or 'client'}-{day}.{extension}"
    return f"decide-summary-{day}.{extension}"


def next_free_name(path: Path) -> Path:
    """`path` if nothing has that name yet, else the first free `stem-2.ext`, `stem-3.ext`…:
    a default name never offers to replace someone else's summary."""
    if not os.path.lexists(path):
        return path
    number = 2
    while os.path.lexists(candidate := path.with_name(f"{path.stem}-{number}{path.suffix}")):
        number += 1
    return candidate


def _safe(words: str) -> str:
    return re.sub(r"[^0-9A-Za-z_-]", "-", words)


HOW_TO_PRINT = "To print it, open it in a web browser, then print."


def saved_line(path: Path, fmt: str) -> str:
    """The words that confirm a saved summary, the same wherever it was saved from."""
    line = f"Saved your summary to {path}."
    return f"{line} {HOW_TO_PRINT}" if fmt == "html" else line


def write_summary(path: Path, text: str, *, force: bool) -> None:
    """Write `text` to `path` (UTF-8, 0600), or to standard output for `-`.

    Raises OutputError with one clear sentence. Check the path with `summary_format` first.
    """
    if is_standard_output(path):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    if path.is_dir():
        raise OutputError(folder_problem(path, None))
    _refuse_special(path)
    parent = path.parent
    if not parent.is_dir():
        raise OutputError(f"The folder {parent} does not exist. Create it first or pick another.")
    if path.exists() and not force:
        raise OutputError(f"{path} already exists.", hint="add --force to replace it.")
    data = text.encode("utf-8")
    try:
        if force:
            write_atomic(path, data)
        else:
            create_new(path, data)
    except FileExistsError:
        raise OutputError(f"{path} already exists.", hint="add --force to replace it.") from None
    except PermissionError:
        raise OutputError(f"You do not have permission to write {path}.") from None
    except OSError as error:
        reason = error.strerror or errno.errorcode.get(error.errno or 0, "unknown error")
        raise OutputError(f"Could not write {path}: {reason}.") from None


def _refuse_special(path: Path) -> None:
    """An existing name that is not a regular file (a link, a FIFO, a device) is never written
    through or replaced: it may stand for something else entirely (`/dev/full`, a pipe)."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return  # not there (or not reachable): creating it says what is wrong
    if not stat.S_ISREG(mode):
        what = "a link" if stat.S_ISLNK(mode) else "not a regular file"
        raise OutputError(
            f"{path} already exists and is {what}, so nothing was written.",
            hint="Give the name of a new file, or - to write to the screen.",
        )
