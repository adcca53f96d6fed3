"""Where the web app keeps its data: a folder only its owner can open.

The folder holds the SQLite database and nothing secret: the keys live elsewhere
(waylight.web.keys). The folder is made 0700 and the database file 0600 before SQLite first
opens it (SQLite gives its -wal and -shm files the database file's mode).
"""

from __future__ import annotations

import os
from pathlib import Path

DATABASE_FILE = "waylight.sqlite3"


def data_dir() -> Path:
    """The data folder: WAYLIGHT_DATA_DIR, else the user's data folder for Waylight."""
    configured = os.environ.get("WAYLIGHT_DATA_DIR")
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("waylight", appauthor=False))


def prepare_data_dir(path: Path) -> str:
    """Make the folder (0700) and the database file (0600); "" when done, else why not.

    A folder that cannot be made or written is reported, not raised: help now and learning
    need no database, so the app still starts and says that saving is off.
    """
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        if path.stat().st_mode & 0o077:
            path.chmod(0o700)
        database = path / DATABASE_FILE
        for name in (DATABASE_FILE, f"{DATABASE_FILE}-wal", f"{DATABASE_FILE}-shm"):
            file = path / name
            if file.exists() and file.stat().st_mode & 0o077:
                file.chmod(0o600)
        if not database.exists():
            os.close(os.open(database, os.O_WRONLY | os.O_CREAT, 0o600))
        if not os.access(path, os.W_OK) or not os.access(database, os.W_OK):
            return f"the data folder {path} is read-only"
    except OSError as exc:
        return f"the data folder {path} cannot be used ({exc.strerror or type(exc).__name__})"
    return ""
