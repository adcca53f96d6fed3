"""Where the web app keeps its files, and the keys it makes for itself on first start.

Secrets never live in the repository: a key given in the environment wins; otherwise one is
generated once and kept in the data folder, readable by the owner only.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path


def data_dir() -> Path:
    """The data folder: WAYLIGHT_DATA_DIR, else the user's data folder for Waylight."""
    configured = os.environ.get("WAYLIGHT_DATA_DIR")
    if configured:
        path = Path(configured).expanduser()
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("waylight", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def persistent_secret(env_name: str, filename: str, make: Callable[[], str]) -> str:
    """The secret from `env_name`, else the one kept in `filename`, else a new one kept there."""
    given = os.environ.get(env_name, "").strip()
    if given:
        return given
    path = data_dir() / filename
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    value = make()
    # O_EXCL: when several workers start at once, only the first one writes the key.
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(value)
    return value


def make_secret_key() -> str:
    return secrets.token_urlsafe(50)


def make_fernet_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode("ascii")
