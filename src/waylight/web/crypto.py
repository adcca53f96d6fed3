"""Encryption at rest for free text (plans, kept results), with the key from settings."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


@cache
def _fernet() -> Fernet:
    return Fernet(settings.ENCRYPTION_KEY.encode("ascii"))


def encrypt_json(value: Any) -> str:
    """A Fernet token (text) holding `value` as JSON."""
    payload = json.dumps(value, ensure_ascii=False).encode("utf-8")
    return _fernet().encrypt(payload).decode("ascii")


def decrypt_json(token: str) -> Any:
    """The value inside a token from `encrypt_json`; raises ValueError when it cannot be read."""
    try:
        payload = _fernet().decrypt(token.encode("ascii"))
    except InvalidToken as exc:
        raise ValueError("this data was encrypted with another key") from exc
    return json.loads(payload.decode("utf-8"))
