"""The wheel's build hook: ship a checked copy of the bundled bank next to it.

When a wheel is built (not an editable install), decide's own checker reads and checks
`questions.yaml` from this source tree, and the checked bank goes into the wheel as
`decide/questions.checked.json`, keyed (like every bank cache entry) by the bank's text,
decide's version and the contents of decide's `.py` files. So a first start on a fresh
machine, and private mode, which never writes a cache, read the bank warm. A bank with
problems stops the build with the list of them. An editable install gets no copy here: it
builds one in the checkout on its first use that may write (see `decide/bank/read.py`).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CheckedBankHook(BuildHookInterface[Any]):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, self.root)  # decide from this tree, not any installed one
        try:
            from decide.bank.read import CHECKED_COPY_NAME, write_checked_copy
        finally:
            sys.path.remove(self.root)
        self._folder = tempfile.TemporaryDirectory(prefix="decide-build-")
        out = Path(self._folder.name) / CHECKED_COPY_NAME
        write_checked_copy(Path(self.root) / "questions.yaml", out)
        build_data["force_include"][str(out)] = f"decide/{CHECKED_COPY_NAME}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder is not None:
            folder.cleanup()
