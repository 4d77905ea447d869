"""Collecting the tests touches no real folder: the README promises tests never touch a
person's sessions or cache, and that includes the moment pytest imports the test modules.

The whole suite is collected in a fresh Python process with DECIDE_HOME and DECIDE_CACHE unset
and HOME and the XDG folders pointing into one empty folder, which must still be empty after.
A small plugin also lists the session's own DECIDE_HOME and DECIDE_CACHE (set by conftest.py)
once collection is done: they too must be empty, so a test module that read a bank at import
(filling the cache) is caught even though conftest.py already keeps it away from the real one.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Runs in the child: collect everything, then report what the session folders hold.
COLLECT = """
import json, os, sys
from pathlib import Path
import pytest

class Report:
    def pytest_collection_finish(self, session):
        held = {}
        for name in ("DECIDE_HOME", "DECIDE_CACHE"):
            root = Path(os.environ[name]) if os.environ.get(name) else None
            held[name] = root and [str(p.relative_to(root)) for p in sorted(root.rglob("*"))]
        print("FOLDERS " + json.dumps(held))

code = pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", "tests"], plugins=[Report()])
sys.exit(int(code))
"""


def test_collecting_the_tests_writes_nothing_in_home_or_the_cache(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("DECIDE_HOME", "DECIDE_CACHE")}
    env |= {
        "HOME": str(home),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "XDG_CONFIG_HOME": str(home / ".config"),
    }
    result = subprocess.run(
        [sys.executable, "-c", COLLECT],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert re.search(r"^\d+ tests collected", result.stdout, re.M), result.stdout
    assert sorted(p.relative_to(home).as_posix() for p in home.rglob("*")) == []
    report = next(line for line in result.stdout.splitlines() if line.startswith("FOLDERS "))
    held = json.loads(report.removeprefix("FOLDERS "))
    # Non-empty here means a test module read a bank (or saved a session) at import: load it
    # in a fixture or a functools.cache function instead.
    assert held == {"DECIDE_HOME": [], "DECIDE_CACHE": []}
