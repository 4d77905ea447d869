"""Run `decide` in a child process that records every network attempt and every write.

The child installs a `sys.audit` hook before decide is imported. The hook sees every socket
created, connected or resolved, every file opened for writing and every file or folder created,
renamed, removed or changed, anywhere, by any module. It lets them happen (so a failure shows
what decide would do) and reports them, one per line, on stderr after `VIOLATION:`. Writes are
allowed only under the paths given as allowed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

DRIVER = r"""
import os, sys
allowed = [os.path.realpath(p) for p in sys.argv[1].split(os.pathsep) if p]
violations = []
WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
CHANGES = {"os.mkdir", "os.rename", "os.remove", "os.rmdir", "os.chmod", "os.chown",
           "os.link", "os.symlink", "os.truncate", "os.utime", "shutil.copyfile",
           "shutil.move", "shutil.rmtree"}

def inside(path):
    if isinstance(path, int):
        return True  # an already open descriptor: its opening was checked
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    real = os.path.realpath(os.fspath(path))
    if real == os.devnull:
        return True
    return any(real == a or real.startswith(a + os.sep) for a in allowed)

def hook(event, args):
    if event.startswith("socket.") or event.startswith("urllib") or event == "http.client.connect":
        violations.append(f"network: {event} {args!r}"[:300])
    elif event == "open" and args[0] is not None:
        flags = args[2] if len(args) > 2 and isinstance(args[2], int) else 0
        mode = args[1] if isinstance(args[1], str) else ""
        if (flags & WRITE or any(c in mode for c in "wax+")) and not inside(args[0]):
            violations.append(f"write: open {args[0]!r} {mode or flags}")
    elif event in CHANGES:
        for path in args[:2]:
            if isinstance(path, (str, bytes, os.PathLike)) and not inside(path):
                violations.append(f"write: {event} {path!r}")

sys.addaudithook(hook)
if os.environ.get("GUARD_SELF_TEST"):  # proves the guard sees what it must refuse
    import socket
    try:
        socket.create_connection(("127.0.0.1", 9), timeout=0.1)
    except OSError:
        pass
sys.argv = ["decide", *sys.argv[2:]]
code = 0
try:
    from decide.cli import main
    main()
except SystemExit as stop:
    code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
finally:
    for line in violations:
        print("VIOLATION:", line, file=sys.stderr)
    sys.stderr.flush()
os._exit(code)
"""


@dataclass(frozen=True)
class Guarded:
    returncode: int
    stdout: str
    stderr: str

    @property
    def violations(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("VIOLATION:")]


def guarded_decide(
    args: list[str], *, home: Path, allowed: list[Path], input: str = "", self_test: bool = False
) -> Guarded:
    """Run `decide ARGS` with HOME, the XDG folders, TMPDIR and the working folder in `home`."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(REPO),
        "PYTHONDONTWRITEBYTECODE": "1",  # no __pycache__ in the checkout
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "TMPDIR": str(home / "tmp"),
        "TERM": "dumb",
        "LANG": "C.UTF-8",
    }
    if self_test:
        env["GUARD_SELF_TEST"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, os.pathsep.join(str(p) for p in allowed), *args],
        cwd=home,
        env=env,
        input=input,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return Guarded(done.returncode, done.stdout, done.stderr)


def tree(root: Path) -> dict[str, tuple[int, bytes]]:
    """Every file and folder under `root`: relative path -> (mode, contents)."""
    found: dict[str, tuple[int, bytes]] = {}
    for path in sorted(root.rglob("*")):
        key = str(path.relative_to(root))
        if path.is_dir():
            found[key + "/"] = (path.stat().st_mode, b"")
        else:
            found[key] = (path.stat().st_mode, path.read_bytes())
    return found
