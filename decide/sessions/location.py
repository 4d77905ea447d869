"""Where sessions live when no one says: `--store DIR`, else `$DECIDE_HOME`, else the
per-user data folder. Standard library and platformdirs only, so the commands to type later
(`decide.sessions.again`) can name it without loading the store."""

from __future__ import annotations

import os
from pathlib import Path


def default_store_root(override: str | None) -> Path:
    """Where sessions live: `--store DIR`, else `$DECIDE_HOME`, else the per-user data folder."""
    if override:
        return Path(override).expanduser().absolute()
    home = os.environ.get("DECIDE_HOME", "")
    if home:
        return Path(home).expanduser().absolute()
    return per_user_store_root()


def per_user_store_root() -> Path:
    """The per-user data folder: where sessions live when nothing says otherwise."""
    import platformdirs

    return Path(platformdirs.user_data_dir("decide", appauthor=False))
