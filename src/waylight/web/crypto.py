"""Encryption at rest for free text, with keys from settings (waylight.web.keys).

Every stored text goes through `encrypt_json` / `decrypt_json`, or through the `EncryptedJSON`
descriptor that wraps them for a model. The keys rotate: `settings.ENCRYPTION_KEYS` lists them
newest first (cryptography's MultiFernet); a value is always written with the newest key and
read with whichever key made it, so a row made with an old key is re-encrypted on its next
write. A value no key can open raises `Undecryptable`: callers report it, and never treat it as
empty (an empty plan saved over it would destroy the person's words for good).
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any, Generic, TypeVar, overload

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class KeysUnavailable(RuntimeError):
    """No encryption key is configured, so nothing can be saved (settings.SAVING_OFF_REASON)."""


class Undecryptable(ValueError):
    """A stored value cannot be opened with any of the configured keys."""


@cache
def _keyring(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode("ascii")) for key in keys])


def keyring() -> MultiFernet:
    keys = tuple(settings.ENCRYPTION_KEYS)
    if not keys:
        raise KeysUnavailable(getattr(settings, "SAVING_OFF_REASON", "") or "no encryption key")
    return _keyring(keys)


def encrypt_json(value: Any) -> str:
    """A token (text) holding `value` as JSON, made with the newest key."""
    payload = json.dumps(value, ensure_ascii=False).encode("utf-8")
    return keyring().encrypt(payload).decode("ascii")


def decrypt_json(token: str) -> Any:
    """The value inside a token from `encrypt_json`, whichever configured key made it."""
    try:
        payload = keyring().decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeEncodeError) as exc:
        raise Undecryptable("none of the configured keys opens this data") from exc
    return json.loads(payload.decode("utf-8"))


def made_with_newest_key(token: str) -> bool:
    """Whether the newest key made this token (False: an older key, or none)."""
    keys = tuple(settings.ENCRYPTION_KEYS)
    if not keys:
        return False
    try:
        Fernet(keys[0].encode("ascii")).decrypt(token.encode("ascii"))
    except (InvalidToken, UnicodeEncodeError):
        return False
    return True


def reencrypt(token: str) -> str:
    """The same value under the newest key (raises Undecryptable when no key opens it)."""
    try:
        return keyring().rotate(token.encode("ascii")).decode("ascii")
    except (InvalidToken, UnicodeEncodeError) as exc:
        raise Undecryptable("none of the configured keys opens this data") from exc


T = TypeVar("T")


class EncryptedJSON(Generic[T]):
    """A model attribute kept encrypted in a text column: `content = EncryptedJSON("ciphertext")`.

    Reading decrypts (raising Undecryptable when no key opens it); writing encrypts with the
    newest key. Any model can use it for any JSON value.
    """

    def __init__(self, column: str) -> None:
        self.column = column

    @overload
    def __get__(self, instance: None, owner: type) -> EncryptedJSON[T]: ...
    @overload
    def __get__(self, instance: object, owner: type) -> T: ...
    def __get__(self, instance: object | None, owner: type) -> Any:
        if instance is None:
            return self
        return decrypt_json(getattr(instance, self.column))

    def __set__(self, instance: object, value: T) -> None:
        setattr(instance, self.column, encrypt_json(value))
