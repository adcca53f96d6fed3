"""Friendly error pages: a clear message and a way on, never a stack trace."""

from __future__ import annotations

import logging
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

log = logging.getLogger("waylight.web.errors")

# Why a write failed, in words for the person (services.guard.classify gives the kind), in the
# page's language (str() of each is the translation; the JSON API answers in English).
WRITE_FAILED = {
    "locked": gettext_lazy("Waylight was busy saving other things and could not wait any longer."),
    "full": gettext_lazy("The server has run out of storage space."),
    "read-only": gettext_lazy(
        "The server's storage is read-only at the moment, so saving is switched off."
    ),
    "no-keys": gettext_lazy(
        "The server has no encryption key at the moment, so saving is switched off."
    ),
    "unavailable": gettext_lazy("The server's storage is not available at the moment."),
}
NOTHING_SAVED = gettext_lazy("Nothing was saved.")
RETRY_AFTER_S = {"locked": 5}


def write_failed_message(kind: str) -> str:
    return f"{WRITE_FAILED.get(kind, WRITE_FAILED['unavailable'])} {NOTHING_SAVED}"


def write_failed(
    request: HttpRequest,
    kind: str,
    *,
    template: str = "waylight/errors/503.html",
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """503: the write did not happen. A view may pass its own form page to show again."""
    message = write_failed_message(kind)
    response: HttpResponse
    if _is_api(request):
        with override("en"):  # the JSON API answers in English
            response = JsonResponse({"detail": write_failed_message(kind)}, status=503)
    else:
        response = render(request, template, {**(context or {}), "message": message}, status=503)
    if kind in RETRY_AFTER_S:
        response["Retry-After"] = str(RETRY_AFTER_S[kind])
    return response


def too_large(request: HttpRequest, limit: int) -> HttpResponse:
    if _is_api(request):
        message = (
            f"That request is too large: at most {limit // 1024} KB is accepted in one go. "
            "Nothing was saved or changed."
        )
        return JsonResponse({"detail": message}, status=413)
    message = _(
        "That request is too large: at most {size} KB is accepted in one go. "
        "Nothing was saved or changed."
    ).format(size=limit // 1024)
    return render(request, "waylight/errors/413.html", {"message": message}, status=413)


def _is_api(request: HttpRequest | None) -> bool:
    return request is not None and request.path.startswith("/api/")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": "There is no such address in the API."}, status=404)
    return render(request, "waylight/errors/404.html", {}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": "Something went wrong on our side."}, status=500)
    # No context processors that could fail again: a plain template with static links.
    from django.template import loader

    return HttpResponse(loader.get_template("waylight/errors/500.html").render(), status=500)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        detail = "The request could not be used: it is too large or not well formed."
        return JsonResponse({"detail": detail}, status=400)
    return render(request, "waylight/errors/400.html", {}, status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "waylight/errors/403_csrf.html", {}, status=403)
