"""Rate limits kept in the database, so every worker process counts the same attempts.

A limit allows `count` attempts per `seconds` for one key (a user name, an address). Keys are
stored only as a keyed hash (HMAC with the secret key): the table never holds a name or an
address. Fixed windows: simple, and good enough against guessing passwords.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from waylight.web.models import Throttle


@dataclass(frozen=True)
class Limit:
    name: str
    count: int
    seconds: int


# Failed sign-ins: 5 per name and 30 per address in 15 minutes; sign-ups: 10 an hour per address.
LOGIN_PER_NAME = Limit("login-name", 5, 15 * 60)
LOGIN_PER_ADDRESS = Limit("login-address", 30, 15 * 60)
SIGNUP_PER_ADDRESS = Limit("signup-address", 10, 60 * 60)


def client_address(request: HttpRequest) -> str:
    """The address the request came from (behind a proxy, the proxy's: see docs/recover.md)."""
    return str(request.META.get("REMOTE_ADDR", ""))


def _key(limit: Limit, value: str) -> str:
    message = f"{limit.name}\0{value.strip().lower()}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def retry_after(limit: Limit, value: str) -> int | None:
    """Seconds until another attempt is allowed, or None when one is allowed now."""
    row = Throttle.objects.filter(key=_key(limit, value)).first()
    if row is None:
        return None
    ends = row.window_start + timedelta(seconds=limit.seconds)
    now = timezone.now()
    if now >= ends or row.count < limit.count:
        return None
    return max(1, int((ends - now).total_seconds()) + 1)


def record(limit: Limit, value: str) -> None:
    """Count one attempt against the limit."""
    key = _key(limit, value)
    now = timezone.now()
    with transaction.atomic():
        row, created = Throttle.objects.select_for_update().get_or_create(
            key=key, defaults={"window_start": now, "count": 1}
        )
        if created:
            return
        if now >= row.window_start + timedelta(seconds=limit.seconds):
            row.window_start, row.count = now, 1
            row.save(update_fields=["window_start", "count"])
        else:
            Throttle.objects.filter(pk=row.pk).update(count=F("count") + 1)


def clear(limit: Limit, value: str) -> None:
    Throttle.objects.filter(key=_key(limit, value)).delete()
