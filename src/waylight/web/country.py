"""Which country's crisis lines to show: the person's choice, else a guess, always changeable.

The guess uses the device's time zone when the browser has told us (enhance.js keeps it in the
`waylight_tz` cookie: a phone in India set to US English is still in India), else the browser's
language. Without JavaScript only the language is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse

COUNTRY_COOKIE = "waylight_country"
COUNTRY_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE_COOKIE = "waylight_tz"
_TIME_ZONE = re.compile(r"^[A-Za-z0-9_+/-]{1,64}$")

CHOSEN, TIME_ZONE, LANGUAGE, UNKNOWN = "chosen", "time_zone", "language", "unknown"
SHOWN = "shown"  # another country, looked at on purpose (help-now/?country=CC)


@dataclass(frozen=True)
class CountryChoice:
    """The country to show help for, and where that came from (`CHOSEN`, `TIME_ZONE`, ...)."""

    code: str | None
    source: str

    @property
    def guessed(self) -> bool:
        return self.source in (TIME_ZONE, LANGUAGE)


def time_zone(request: HttpRequest) -> str | None:
    """The device's time zone as the browser reported it, if it looks like one."""
    value = request.COOKIES.get(TIME_ZONE_COOKIE, "").strip()
    return value if _TIME_ZONE.match(value) else None


def country_choice(request: HttpRequest) -> CountryChoice:
    from waylight.core.errors import InputError
    from waylight.core.resources import guess_country, help_for

    code = request.COOKIES.get(COUNTRY_COOKIE, "").strip().upper()
    if code:
        try:
            help_for(code)
        except InputError:
            pass
        else:
            return CountryChoice(code, CHOSEN)
    zone = time_zone(request)
    if zone:
        from_zone = guess_country(None, zone)
        if from_zone:
            return CountryChoice(from_zone, TIME_ZONE)
    from_language = guess_country(request.headers.get("Accept-Language"), None)
    if from_language:
        return CountryChoice(from_language, LANGUAGE)
    return CountryChoice(None, UNKNOWN)


def chosen_country(request: HttpRequest) -> str | None:
    """The country code from the cookie, else a guess (time zone, then language), else None."""
    return country_choice(request).code


def remember_country(response: HttpResponse, code: str, *, secure: bool) -> None:
    response.set_cookie(
        COUNTRY_COOKIE,
        code,
        max_age=COUNTRY_COOKIE_AGE,
        httponly=True,
        secure=secure,
        samesite="Lax",
    )
