"""The private device key: how a plan or a kept result is found again without an account.

The key is a random, unguessable value kept in an HttpOnly cookie on the person's device. The
database stores only its SHA-256 hash, so a copy of the database cannot be used to open
someone's plan through the web app. (A 256-bit random key needs no slow hash.)
"""

from __future__ import annotations

import hashlib
import secrets

from django.http import HttpRequest, HttpResponse

DEVICE_COOKIE = "waylight_device"
DEVICE_COOKIE_AGE = 2 * 365 * 24 * 3600
_KEY_BYTES = 32


def hash_device_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def device_key(request: HttpRequest) -> str | None:
    """The device key from the cookie, or None when this device has none (or a malformed one)."""
    key = request.COOKIES.get(DEVICE_COOKIE, "")
    if 32 <= len(key) <= 128 and key.replace("-", "").replace("_", "").isalnum():
        return key
    return None


def device_key_hash(request: HttpRequest) -> str | None:
    key = device_key(request)
    return hash_device_key(key) if key else None


def ensure_device_key(request: HttpRequest, response: HttpResponse) -> str:
    """The hash of this device's key, giving the device a new key first when it has none."""
    key = device_key(request)
    if key is None:
        key = secrets.token_urlsafe(_KEY_BYTES)
        response.set_cookie(
            DEVICE_COOKIE,
            key,
            max_age=DEVICE_COOKIE_AGE,
            httponly=True,
            secure=request.is_secure(),
            samesite="Lax",
        )
        # Later code in the same request (for example a redirect target) sees the new key.
        request.COOKIES[DEVICE_COOKIE] = key
    return hash_device_key(key)
