"""The queue API's key check and its rate limits.

`Authorization: Bearer <key>` on every call. The key is looked up on every request (never
cached), so a revoked key fails from the next call on. A valid key is counted against its own
limit (the key's `rate`, else `RATE_LIMITS["queue"]`), whatever address it comes from; a
missing, unknown or revoked key is counted against the caller's address in the "api" group,
like any other API call, so guessing keys is limited too. Over a limit: 429 with Retry-After.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest
from ninja.security import HttpBearer

from waylight.web.ratelimit import client_id, hit, parse_rate
from waylight.web.triage.models import ApiKey
from waylight.web.triage.services.apikeys import active_key

UNAUTHORISED = (
    "This call needs a valid API key: send `Authorization: Bearer <key>`. A key is made by "
    "an admin; a revoked key no longer works."
)


class RateLimited(Exception):
    """Over a limit; the API answers 429 with Retry-After."""

    def __init__(self, retry_after: float) -> None:
        super().__init__("rate limited")
        self.retry_after = retry_after


def _count(group: str, client: str, rate_text: str) -> None:
    if not getattr(settings, "RATE_LIMITS_ON", True):
        return
    try:
        wait = hit(group, client, parse_rate(rate_text))
    except DatabaseError:
        return  # the limit cannot be counted: let the call through (as the middleware does)
    if wait is not None:
        raise RateLimited(wait)


class ApiKeyAuth(HttpBearer):
    """django-ninja bearer auth: the caller's active `ApiKey`, or None (then 401)."""

    def __call__(self, request: HttpRequest) -> Any:
        found = super().__call__(request)
        if found is None:
            _count("api", client_id(request), settings.RATE_LIMITS["api"])
        return found

    def authenticate(self, request: HttpRequest, token: str) -> ApiKey | None:
        found = active_key(token.strip())
        if found is not None:
            _count("queue", f"key:{found.prefix}", found.rate or settings.RATE_LIMITS["queue"])
        return found
