"""`decide` and `python -m decide`: the command line, with two commands answered first.

Two spellings are answered here, before Typer and Rich are imported (they were most of the
time of the first, and about 45 ms of every run of the second):
- `decide --version`;
- `decide validate` and `decide validate BANK`, which a bank's author runs after every edit.
Every other spelling, `decide validate --help` among them, goes to `decide.cli`.
"""

from __future__ import annotations

import sys


def main() -> None:
    """The console-script entry point."""
    args = sys.argv[1:]
    if args == ["--version"]:
        from decide import __version__

        sys.stdout.write(f"decide {__version__}\n")
        return
    if args[:1] == ["validate"] and len(args) <= 2 and not any(a.startswith("-") for a in args[1:]):
        sys.exit(_validate(args[1] if len(args) == 2 else None))
    from decide.cli import main as run

    run()


def _validate(bank: str | None) -> int:
    """`decide validate [BANK]`, as the Typer command runs it, with the same errors."""
    from pathlib import Path

    from decide.core.errors import DecideError, ExitCode
    from decide.flows.validate import validate

    try:
        verdict = validate(Path(bank) if bank is not None else None)
    except DecideError as error:
        from decide.cli import print_error

        print_error(error)
        return int(error.exit_code)
    except KeyboardInterrupt:
        return int(ExitCode.INTERRUPTED)
    try:
        for stream, lines in ((sys.stdout, verdict.out), (sys.stderr, verdict.err)):
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
            stream.writelines(f"{line}\n" for line in lines)
            stream.flush()
    except (BrokenPipeError, ValueError):  # `decide validate | head -1`, or a closed stream
        pass
    return verdict.code


if __name__ == "__main__":
    main()
