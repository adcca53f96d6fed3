"""Friendly error pages: a clear message and a way on, never a stack trace."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


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
