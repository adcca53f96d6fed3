"""Where Waylight's keys come from, and the rule that they never sit beside the data.

Two secrets matter: Django's secret key (signs cookies, derives the key of the questionnaire
state) and the encryption keys for free text at rest (plans, kept results).

- **Production** (`WAYLIGHT_ENV=production`, or `WAYLIGHT_HTTPS` on): both come from the
  environment (`WAYLIGHT_SECRET_KEY`, `WAYLIGHT_ENCRYPTION_KEYS`), typically from the host's
  secret store. When one is missing or malformed, Waylight refuses to start and says which.
- **Local** (the default, `waylight serve` on a person's own computer): a key given in the
  environment still wins; otherwise the keys are generated once and kept in a keys folder
  (mode 0700, files 0600) that is *not* the data folder, so a copy of the data folder or of the
  database alone decrypts nothing.

Encryption keys rotate: several keys may be given, newest first. New writes use the newest;
rows made with an older key stay readable and are re-encrypted when they are next written
(`waylight keys reencrypt` rewrites them all at once, after which the old key can go).

If the keys folder cannot be written (a read-only disk, say), the app still starts so that help
now and learning keep working; saving is then off and says so (`Keys.problem`).
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

ENV_SECRET = "WAYLIGHT_SECRET_KEY"
ENV_SECRET_FALLBACKS = "WAYLIGHT_SECRET_KEY_FALLBACKS"
ENV_KEYS = "WAYLIGHT_ENCRYPTION_KEYS"
ENV_KEY_ONE = "WAYLIGHT_ENCRYPTION_KEY"  # the older, single-key name; still understood
ENV_KEYS_DIR = "WAYLIGHT_KEYS_DIR"

SECRET_FILE = "secret.key"
KEYS_FILE = "encryption.keys"
# Before keys had their own folder, these lived in the data folder; they are moved out on start.
LEGACY_FILES = {"secret.key": SECRET_FILE, "encryption.key": KEYS_FILE}

MIN_SECRET_CHARS = 50
MAKE_SECRET = "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
MAKE_KEY = "waylight keys new"


class KeyConfigError(ImproperlyConfigured):
    """The keys are missing, malformed or in a place where they would sit beside the data."""


@dataclass(frozen=True)
class Keys:
    secret_key: str
    secret_key_fallbacks: tuple[str, ...]
    encryption_keys: tuple[str, ...]  # newest first; empty when `problem` says why
    source: str  # "environment" or the keys folder, for `waylight serve` to print
    problem: str = ""  # why saving is off, or "" when the keys are usable


def make_secret_key() -> str:
    return secrets.token_urlsafe(MIN_SECRET_CHARS)


def make_fernet_key() -> str:
    from cryptography.fernet import Fernet

    return Fernet.generate_key().decode("ascii")


def default_keys_dir() -> Path:
    """The user's config folder for Waylight, `keys` inside it: never the data folder."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("waylight", appauthor=False)) / "keys"


def keys_dir() -> Path:
    configured = os.environ.get(ENV_KEYS_DIR, "").strip()
    return Path(configured).expanduser() if configured else default_keys_dir()


def parse_key_list(text: str) -> list[str]:
    """Keys separated by commas or new lines; blank lines and `#` comments are ignored."""
    keys: list[str] = []
    for line in text.replace(",", "\n").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keys.append(line)
    return keys


def check_fernet_keys(keys: list[str], where: str) -> tuple[str, ...]:
    """The keys, each checked to be a Fernet key (32 url-safe base64 bytes), else an error."""
    from cryptography.fernet import Fernet

    for number, key in enumerate(keys, start=1):
        try:
            Fernet(key.encode("ascii"))
        except (ValueError, UnicodeEncodeError):
            raise KeyConfigError(
                f"{where}: key number {number} is not a valid encryption key (it must be 32 "
                f"url-safe base64-encoded bytes). Make one with `{MAKE_KEY}`."
            ) from None
    return tuple(keys)


def _inside(child: Path, parent: Path) -> bool:
    try:
        child.resolve().relative_to(parent.resolve())
    except ValueError:
        return False
    return True


def load_keys(*, production: bool, data_dir: Path | None) -> Keys:
    """The keys for this process, following the rules in this module's docstring."""
    env_secret = os.environ.get(ENV_SECRET, "").strip()
    env_keys_text = os.environ.get(ENV_KEYS, "") or os.environ.get(ENV_KEY_ONE, "")
    env_keys = parse_key_list(env_keys_text)
    fallbacks = tuple(parse_key_list(os.environ.get(ENV_SECRET_FALLBACKS, "")))
    if env_keys:
        check_fernet_keys(env_keys, ENV_KEYS)
    if env_secret and len(env_secret) < MIN_SECRET_CHARS:
        raise KeyConfigError(
            f"{ENV_SECRET} is too short: use at least {MIN_SECRET_CHARS} random characters, "
            f"for example from `{MAKE_SECRET}`."
        )
    if production:
        missing = [
            name for name, value in ((ENV_SECRET, env_secret), (ENV_KEYS, env_keys)) if not value
        ]
        if missing:
            raise KeyConfigError(
                "Waylight runs in production mode (WAYLIGHT_ENV=production or WAYLIGHT_HTTPS "
                f"on), where keys come only from the environment, never from files beside the "
                f"data. Missing: {', '.join(missing)}. Make a secret key with `{MAKE_SECRET}` "
                f"and an encryption key with `{MAKE_KEY}`."
            )
        return Keys(env_secret, fallbacks, tuple(env_keys), "environment")
    if env_secret and env_keys:
        return Keys(env_secret, fallbacks, tuple(env_keys), "environment")
    folder = keys_dir()
    if data_dir is not None and (_inside(folder, data_dir) or _inside(data_dir, folder)):
        raise KeyConfigError(
            f"The keys folder ({folder}) must not be inside the data folder ({data_dir}) or "
            f"hold it: a copy of the data would then carry its own keys. Set {ENV_KEYS_DIR} to "
            "another folder."
        )
    try:
        _prepare_folder(folder, data_dir)
        secret = env_secret or _read_or_create(folder / SECRET_FILE, make_secret_key)
        stored = env_keys or parse_key_list(_read_or_create(folder / KEYS_FILE, make_fernet_key))
    except OSError as exc:
        # A read-only or missing disk must not take down help now: start without saving.
        reason = exc.strerror or type(exc).__name__
        return Keys(
            env_secret or make_secret_key(),
            fallbacks,
            tuple(env_keys),
            f"keys folder {folder}",
            problem=f"the keys folder {folder} cannot be used ({reason})" if not env_keys else "",
        )
    keys = check_fernet_keys(stored, str(folder / KEYS_FILE))
    return Keys(secret, fallbacks, keys, f"keys folder {folder}")


def _prepare_folder(folder: Path, data_dir: Path | None) -> None:
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o077:
        folder.chmod(0o700)
    if data_dir is not None:
        _move_legacy_keys(data_dir, folder)


def _move_legacy_keys(data_dir: Path, folder: Path) -> None:
    """Move keys an older Waylight kept in the data folder into the keys folder."""
    for old_name, new_name in LEGACY_FILES.items():
        old = data_dir / old_name
        if not old.is_file():
            continue
        new = folder / new_name
        value = old.read_text(encoding="utf-8").strip()
        if value and not new.exists():
            _write_new(new, value + "\n")
        _shred(old)


def _shred(path: Path) -> None:
    """Overwrite a small file with zeros, then remove it (its old bytes leave the data folder)."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.write(b"\0" * size)
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()


def _write_new(path: Path, text: str) -> bool:
    """Create `path` (0600) holding `text`; False when another process created it first."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    return True


def _read_or_create(path: Path, make: object) -> str:
    if not path.exists():
        assert callable(make)
        # O_EXCL: when several workers start at once, only the first one writes the key.
        _write_new(path, str(make()) + "\n")
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def add_new_key(folder: Path) -> str:
    """Put a new encryption key first in the keys folder's list; return it (`keys rotate`)."""
    path = folder / KEYS_FILE
    current = parse_key_list(path.read_text(encoding="utf-8")) if path.exists() else []
    new = make_fernet_key()
    tmp = path.with_name(KEYS_FILE + ".new")
    tmp.unlink(missing_ok=True)
    _write_new(tmp, "\n".join([new, *current]) + "\n")
    os.replace(tmp, path)
    return new
