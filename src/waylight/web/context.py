"""Template context every page gets: the chosen country's help, for the footer."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def site(request: HttpRequest) -> dict[str, Any]:
    def load_help() -> Any:
        from waylight.web.helplines import current_help

        return current_help(request)

    from django.conf import settings

    return {"site_help": SimpleLazyObject(load_help), "leave_url": settings.LEAVE_URL}
