"""Template context every page gets: the chosen country's help (for the footer), and whether
the browser should tell us its time zone before we trust a guess made from its language."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def site(request: HttpRequest) -> dict[str, Any]:
    def load_help() -> Any:
        from waylight.web.helplines import current_help

        return current_help(request)

    def needs_time_zone() -> bool:
        # Only on a page that can simply be loaded again (GET), and only while the country shown
        # is a guess made without the time zone: enhance.js then sends the zone and reloads once.
        from waylight.web.country import CHOSEN, TIME_ZONE, country_choice, time_zone

        if request.method != "GET" or time_zone(request):
            return False
        return country_choice(request).source not in (CHOSEN, TIME_ZONE)

    from django.conf import settings

    return {
        "site_help": SimpleLazyObject(load_help),
        "site_needs_time_zone": needs_time_zone,
        "leave_url": settings.LEAVE_URL,  # Recover: where "Leave quickly" goes
        # The language switcher names each language in itself ("Español"), never translated.
        "site_languages": settings.LANGUAGES,
    }
