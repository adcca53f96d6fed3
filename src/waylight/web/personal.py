"""Pages and downloads with a person's own data: never stored by a browser or a shared cache."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

NO_STORE = "no-store, private"
# Sent after deleting everything or signing out: the browser drops its caches and the offline
# copies the service worker kept (the plan, the journal form), not only the server's rows.
CLEAR_SITE_DATA = '"cache", "storage"'

View = Callable[..., HttpResponse]


def mark_personal(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = NO_STORE
    patch_vary_headers(response, ("Cookie",))
    return response


def personal(view: View) -> View:
    """Decorate a view whose answer depends on this person's data."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return mark_personal(view(request, *args, **kwargs))

    return wrapped


def forget_on_this_browser(response: HttpResponse) -> HttpResponse:
    response["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response
