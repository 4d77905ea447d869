"""`decide` and `python -m decide`: the command line, with `decide --version` answered first.

`decide --version` alone is answered here, before Typer and Rich are imported (they were most
of its time); everything else goes to `decide.cli`.
"""

from __future__ import annotations

import sys


def main() -> None:
    """The console-script entry point."""
    if sys.argv[1:] == ["--version"]:
        from decide import __version__

        sys.stdout.write(f"decide {__version__}\n")
        return
    from decide.cli import main as run

    run()


if __name__ == "__main__":
    main()
