"""Starting the installed `decide` in a real pseudo-terminal, the way a person would."""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from typing import Any

import pexpect


def decide_command() -> tuple[str, list[str]]:
    """The installed `decide` script next to this Python, else `python -m decide`."""
    script = Path(sys.executable).with_name("decide")
    if script.is_file():
        return str(script), []
    return sys.executable, ["-m", "decide"]


def _as_a_person_starts_it() -> None:
    # A job started in the background by a non-interactive shell (as CI may start the suite)
    # inherits SIGINT ignored, and Python then never turns Ctrl-C into KeyboardInterrupt. A
    # person's terminal delivers it, so give decide the default handling they would have.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def spawn_decide(args: list[str], **options: Any) -> pexpect.spawn:
    """`decide ARGS` in a pseudo-terminal; `options` go to pexpect.spawn (env, cwd, timeout…)."""
    program, prefix = decide_command()
    return pexpect.spawn(program, [*prefix, *args], preexec_fn=_as_a_person_starts_it, **options)
