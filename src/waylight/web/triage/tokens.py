"""API keys and webhook secrets: made here, shown once, never stored as they are.

An API key looks like `wl_1a2b3c4d_<43 random characters>`. The first part (`wl_1a2b3c4d`) is
its public prefix, stored as it is so the key can be found and named in lists; the whole key is
stored only as its SHA-256 hash. A key holds 256 random bits, so a fast hash is enough (nobody
can guess a key from its hash by trying words, as with a password) and checking one costs
microseconds, not the tens of milliseconds a password hash would add to every API call.

A webhook secret (`whsec_<43 random characters>`) must be known again to sign each delivery,
so it is stored encrypted (waylight.web.crypto), never hashed.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

KEY_RE = re.compile(r"^(wl_[0-9a-f]{8})_[A-Za-z0-9_-]{43}$")
WEBHOOK_SECRET_PREFIX = "whsec_"


@dataclass(frozen=True)
class NewKey:
    """A key as made: `key` is shown once; `prefix` and `key_hash` are what is stored."""

    key: str
    prefix: str
    key_hash: str


def make_api_key() -> NewKey:
    prefix = f"wl_{secrets.token_hex(4)}"
    key = f"{prefix}_{secrets.token_urlsafe(32)}"
    return NewKey(key=key, prefix=prefix, key_hash=hash_key(key))


def prefix_of(key: str) -> str | None:
    """The public prefix of something shaped like a key, else None (checked before any query)."""
    found = KEY_RE.match(key)
    return found.group(1) if found else None


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def make_webhook_secret() -> str:
    return WEBHOOK_SECRET_PREFIX + secrets.token_urlsafe(32)
