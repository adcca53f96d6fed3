"""Rate limits on every anonymous write, every PDF and every API route: 429 with Retry-After.

A view joins a limit group with `@rate_limited("write")` (optionally only when a predicate on
the request holds); everything under /api/ is in the "api" group, but the triage queue's
routes, which count per API key (`KEYED_API_PREFIXES`). The limits are in settings
(`RATE_LIMITS`, "count/period" per client address) and shared by every worker process through
the database: one atomic upsert per counted request, on SQLite and on PostgreSQL alike. (A
per-process memory cache would give each gunicorn worker its own count; django-ratelimit
refuses Django's database cache because its increment is not atomic, hence this small counter.)

Help now is never limited, nor are the questionnaire's steps (a person in the middle of one
must not be stopped). When the database cannot count (read-only, locked), requests go through:
help matters more than the limit.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import logging
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

log = logging.getLogger("waylight.web.ratelimit")

PERIODS = {"s": 1, "m": 60, "h": 3600}
GROUP_ATTR = "waylight_rate_group"
WHEN_ATTR = "waylight_rate_when"
API_PREFIX = "/api/"
# API routes that count per API key instead of per address (waylight.web.triage.auth counts
# them, and counts calls without a valid key per address in the "api" group).
KEYED_API_PREFIXES = ("/api/queue/",)
ADMIN_PREFIX = "/admin/"
CLEANUP_CHANCE = 0.01

F = TypeVar("F", bound=Callable[..., Any])


def rate_limited(group: str, when: Callable[[HttpRequest], bool] | None = None) -> Callable[[F], F]:
    """Count requests to this view in `group` (only those for which `when` holds)."""

    def mark(view: F) -> F:
        setattr(view, GROUP_ATTR, group)
        setattr(view, WHEN_ATTR, when)
        return view

    return mark


@dataclass(frozen=True)
class Rate:
    count: int
    period_s: int


def parse_rate(text: str) -> Rate:
    """ "30/m" -> 30 per 60 s; also "5/s", "1000/h", "10/5m"."""
    count, _, period = text.strip().partition("/")
    unit = period[-1:] if period else "m"
    multiple = int(period[:-1]) if period[:-1] else 1
    if unit not in PERIODS or not (count.isascii() and count.isdigit()) or multiple < 1:
        raise ValueError(f"a rate is 'count/period' with period s, m or h, not {text!r}")
    return Rate(int(count), multiple * PERIODS[unit])


def client_id(request: HttpRequest) -> str:
    """The client's address (a /64 network for IPv6); behind a proxy, the address it saw."""
    address = str(request.META.get("REMOTE_ADDR", ""))
    if getattr(settings, "BEHIND_PROXY", False):
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        if forwarded.strip():
            address = forwarded.split(",")[-1].strip()
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _bucket(group: str, client: str) -> str:
    # Keyed: the table never holds an address, nor a hash that could be matched to one.
    secret = settings.SECRET_KEY.encode("utf-8")
    return hmac.new(secret, f"{group}|{client}".encode(), hashlib.sha256).hexdigest()


def hit(group: str, client: str, rate: Rate, now: float | None = None) -> float | None:
    """Count one request; seconds until the client may try again when over the limit."""
    from waylight.web.models import RateCounter

    now = time.time() if now is None else now
    start = int(now // rate.period_s) * rate.period_s
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (bucket, period_start, hits) VALUES (%s, %s, 1) "
            f"ON CONFLICT (bucket) DO UPDATE SET hits = CASE WHEN {table}.period_start = "
            f"excluded.period_start THEN {table}.hits + 1 ELSE 1 END, "
            "period_start = excluded.period_start RETURNING hits",
            [_bucket(group, client), start],
        )
        hits = int(cursor.fetchone()[0])
        if random.random() < CLEANUP_CHANCE:
            cursor.execute(f"DELETE FROM {table} WHERE period_start < %s", [start - 3600])
    if hits <= rate.count:
        return None
    return max(1.0, start + rate.period_s - now)


def too_many(request: HttpRequest, retry_after: float) -> HttpResponse:
    seconds = math.ceil(retry_after)
    response: HttpResponse
    if request.path.startswith(API_PREFIX):
        message = (
            f"Too many requests from here in a short time. Nothing was saved or changed. "
            f"Please try again in {seconds} seconds."
        )
        response = JsonResponse({"detail": message}, status=429)
    else:
        response = render(request, "waylight/errors/429.html", {"seconds": seconds}, status=429)
    response["Retry-After"] = str(seconds)
    return response


class RateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if not getattr(settings, "RATE_LIMITS_ON", True):
            return None
        if request.path.startswith(KEYED_API_PREFIXES):
            return None
        group = "api" if request.path.startswith(API_PREFIX) else getattr(view, GROUP_ATTR, None)
        if group is None and request.path.startswith(ADMIN_PREFIX) and request.method == "POST":
            group = "write"  # the admin site's views are Django's: every change they make
        if group is None:
            return None
        when = getattr(view, WHEN_ATTR, None)
        if group != "api" and when is not None and not when(request):
            return None
        rate = parse_rate(settings.RATE_LIMITS[group])
        try:
            retry_after = hit(group, client_id(request), rate)
        except DatabaseError as exc:
            log.warning("rate limit not counted (%s); request let through", type(exc).__name__)
            return None
        return too_many(request, retry_after) if retry_after is not None else None
