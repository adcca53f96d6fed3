"""Sign-in limits per user name, on the same database counters as every other rate limit.

The address-wide limits (every anonymous write, sign-in and sign-up attempts per address) are
`waylight.web.ratelimit`'s, applied to the views with `@rate_limited`. What that cannot express
is kept here: failed sign-ins counted per user name (5 in 15 minutes), checked before the
password is even tried, so a guesser spread over many addresses still stops. Names are stored
only as keyed hashes (`ratelimit`'s buckets), never as they were typed.
"""

from __future__ import annotations

import math
import time

from waylight.web.models import RateCounter
from waylight.web.ratelimit import Rate, _bucket, hit

FAILED_SIGN_IN = "login-name"
FAILED_SIGN_IN_RATE = Rate(count=5, period_s=15 * 60)


def _name(username: str) -> str:
    return username.strip().lower()[:150]


def retry_after(username: str, *, now: float | None = None) -> int | None:
    """Seconds until this name may try again, or None when it may try now (nothing counted)."""
    now = time.time() if now is None else now
    rate = FAILED_SIGN_IN_RATE
    start = int(now // rate.period_s) * rate.period_s
    row = RateCounter.objects.filter(bucket=_bucket(FAILED_SIGN_IN, _name(username))).first()
    if row is None or row.period_start != start or row.hits < rate.count:
        return None
    return max(1, math.ceil(start + rate.period_s - now))


def failed(username: str) -> None:
    """Count one failed sign-in for this name."""
    hit(FAILED_SIGN_IN, _name(username), FAILED_SIGN_IN_RATE)


def succeeded(username: str) -> None:
    """A good sign-in starts the name's count again."""
    RateCounter.objects.filter(bucket=_bucket(FAILED_SIGN_IN, _name(username))).delete()
