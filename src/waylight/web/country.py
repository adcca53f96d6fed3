"""Which country's crisis lines to show: the person's choice, else a guess, always changeable."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

COUNTRY_COOKIE = "waylight_country"
COUNTRY_COOKIE_AGE = 365 * 24 * 3600


def chosen_country(request: HttpRequest) -> str | None:
    """The country code from the cookie, else a guess from the browser's language, else None.

    The time zone is only known in the browser, so the server guesses from Accept-Language.
    """
    from waylight.core.errors import InputError
    from waylight.core.resources import guess_country, help_for

    code = request.COOKIES.get(COUNTRY_COOKIE, "").strip().upper()
    if code:
        try:
            help_for(code)
        except InputError:
            code = ""
        else:
            return code
    return guess_country(request.headers.get("Accept-Language"), None)


def remember_country(response: HttpResponse, code: str, *, secure: bool) -> None:
    response.set_cookie(
        COUNTRY_COOKIE,
        code,
        max_age=COUNTRY_COOKIE_AGE,
        httponly=True,
        secure=secure,
        samesite="Lax",
    )
