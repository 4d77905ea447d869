"""Reading a bank or answers file's text: the size limit, UTF-8, and one sentence per failure.

Kept apart from `decide.bank.yamlsource` so that a bank found in the cache is read without
importing the YAML parser at all (it cost about 10 ms of every start).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from decide.core.errors import Problem
from decide.core.model import Location

MAX_BYTES = 16 * 1024 * 1024  # far above any real bank (10,000 questions is about 3 MiB)


class YamlError(Exception):
    """The file cannot be read as YAML at all; `problem` says where and why."""

    def __init__(self, problem: Problem, *more: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem
        self.problems = [problem, *more]


def read_text(path: Path, what: str) -> str:
    """The text of a file, or YamlError with a sentence for each way reading can fail."""
    start = Location(str(path), 0, 0)  # about the whole file, which has no line to point at
    a_file = _a_file(what)
    try:
        if path.is_dir():
            raise YamlError(Problem(start, f"this is a folder, not {a_file}"))
        size = path.stat().st_size
        with open(path, "rb") as handle:  # read with a limit: pipes and devices have no size
            data = handle.read(MAX_BYTES + 1) if size <= MAX_BYTES else b""
        if size > MAX_BYTES or len(data) > MAX_BYTES:
            limit = f"{MAX_BYTES // (1024 * 1024)} MB ({MAX_BYTES:,} bytes)"
            shown = f"{size:,} bytes" if size > MAX_BYTES else "longer than that"
            raise YamlError(
                Problem(
                    start,
                    f"{a_file} is at most {limit} and this file is {shown}, "
                    "so it is probably not one",
                )
            )
    except FileNotFoundError:
        raise YamlError(Problem(start, f"there is no {what} file here; check the path")) from None
    except PermissionError:
        raise YamlError(
            Problem(start, f"the {what} file cannot be read (permission denied)")
        ) from None
    except OSError as error:
        raise YamlError(
            Problem(start, f"the {what} file cannot be read ({error.strerror})")
        ) from None
    return decode(data, str(path), what)


def _a_file(what: str) -> str:
    """`a bank file`, `an answers file`."""
    return f"{'an' if what[:1] in 'aeiou' else 'a'} {what} file"


def decode(data: bytes, source: str, what: str) -> str:
    start = Location(source, 1, 1)
    if b"\x00" in data[:8192]:
        raise YamlError(Problem(start, f"this is a binary file, not {_a_file(what)}"))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise YamlError(
            Problem(
                Location(source, line, column),
                f"the {what} file is not UTF-8 text; save it as UTF-8",
            )
        ) from None
    if not text.strip():
        raise YamlError(Problem(start, f"the {what} file is empty"))
    return text


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large, acyclic tree is built or written out.

    Loading makes hundreds of thousands of small objects and no cycles; the collector would walk
    them again and again (a 10,000-question bank took 5x longer). Kept here, with no YAML
    import, so that a command can pause it around a bank read from the cache too.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
