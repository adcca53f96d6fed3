"""The private device key: how a plan or a kept result is found again without an account.

The key is a random, unguessable value the server issues into an HttpOnly cookie. The database
keeps only its SHA-256 hash (`Device`), so a copy of the database cannot be used to open
someone's plan through the web app. (A 256-bit random key needs no slow hash.)

Only keys the server issued count: a cookie holding any other value is ignored, so a key
chosen by someone else cannot be planted on a device (session fixation). And a device whose key
holds nothing yet gets a fresh key on its first save, so even a planted key that the server did
issue never ends up holding the person's words.
"""

from __future__ import annotations

import hashlib
import secrets

from django.http import HttpRequest, HttpResponse

DEVICE_COOKIE = "waylight_device"
DEVICE_COOKIE_AGE = 2 * 365 * 24 * 3600
_KEY_BYTES = 32
_CACHE_ATTR = "_waylight_device_hash"


def hash_device_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def device_key(request: HttpRequest) -> str | None:
    """The device key from the cookie when it is well formed (issued or not), else None."""
    key = request.COOKIES.get(DEVICE_COOKIE, "")
    if 32 <= len(key) <= 128 and key.isascii() and key.replace("-", "").replace("_", "").isalnum():
        return key
    return None


def device_key_hash(request: HttpRequest) -> str | None:
    """The hash of this device's key when the server issued it, else None."""
    if hasattr(request, _CACHE_ATTR):
        cached: str | None = getattr(request, _CACHE_ATTR)
        return cached
    from waylight.web.selectors import device_is_known

    key = device_key(request)
    key_hash = hash_device_key(key) if key else None
    if key_hash is not None and not device_is_known(key_hash):
        key_hash = None
    setattr(request, _CACHE_ATTR, key_hash)
    return key_hash


def ensure_device_key(request: HttpRequest, response: HttpResponse) -> str:
    """The hash of this device's key, issuing a new key first unless the current one holds data.

    Call it inside the write's transaction: the new `Device` row is part of that write.
    """
    from waylight.web.selectors import device_has_data
    from waylight.web.services.devices import issue_device

    current = device_key_hash(request)
    if current is not None and device_has_data(current):
        return current
    key = secrets.token_urlsafe(_KEY_BYTES)
    key_hash = hash_device_key(key)
    issue_device(key_hash, replacing=current)
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
    setattr(request, _CACHE_ATTR, key_hash)
    return key_hash


def forget_device(request: HttpRequest, response: HttpResponse) -> None:
    """Remove the device cookie from the browser (after everything on it was erased)."""
    response.delete_cookie(DEVICE_COOKIE, samesite="Lax")
    request.COOKIES.pop(DEVICE_COOKIE, None)
    setattr(request, _CACHE_ATTR, None)
