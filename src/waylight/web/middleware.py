"""Cross-cutting answers: security headers, private caching, body limits, failed writes."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_vary_headers

from waylight.web.crypto import KeysUnavailable
from waylight.web.services.guard import WriteFailed, classify

# No inline script or style anywhere: every asset comes from the app itself.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
PRIVATE = "no-store, private"

Handler = Callable[[HttpRequest], HttpResponse]


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy, which Django does not set itself."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class PrivateResponsesMiddleware:
    """`Cache-Control: no-store, private` and `Vary: Cookie` on every page the app renders.

    Pages show plans, results, answers or the chosen country's lines, and a shared family
    computer or a proxy must keep none of them. Private by default means a page added later is
    private too. Static files (served before this by whitenoise) keep their own caching.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response["Cache-Control"] = PRIVATE
        patch_vary_headers(response, ["Cookie"])
        return response


class CsrfCookieOnPagesMiddleware:
    """Every page read (GET) sets the CSRF cookie, even a page without a form.

    Otherwise the first page without a form leaves the browser with no token, and requests made
    right after it in parallel (the service worker keeping pages for offline use, a click into a
    questionnaire) would each be issued a different token: the last cookie to arrive wins, and
    the form that carries another one is refused with 403. One cookie from the first page on
    keeps every later form in step with it.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "GET" and not request.path.startswith(("/api/", "/static/")):
            get_token(request)
        return self.get_response(request)


class ApiErrorsAsJsonMiddleware:
    """Every API refusal is JSON with a `detail` message, even those django-ninja writes as text
    (405 Method Not Allowed) or Django answers before the API runs (404, 400)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            from django.http import JsonResponse

            detail = API_ERRORS.get(response.status_code, "The request could not be answered.")
            if response.status_code == 405:
                detail = f"{detail} Allowed: {response.get('Allow', '')}."
            replacement = JsonResponse({"detail": detail}, status=response.status_code)
            for header in ("Allow", "Retry-After"):
                if header in response:
                    replacement[header] = response[header]
            return replacement
        return response


API_ERRORS = {
    400: "The request could not be used: it is not well formed.",
    403: "The request was refused.",
    404: "There is no such address in the API.",
    405: "This address does not accept that method.",
}


class BodySizeLimitMiddleware:
    """413 for a body bigger than DATA_UPLOAD_MAX_MEMORY_SIZE, before any of it is read."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit is not None and length > limit:
            from waylight.web.views.errors import too_large

            return too_large(request, limit)
        return self.get_response(request)


class WriteFailureMiddleware:
    """A storage failure no view caught becomes a 503 that says nothing was saved."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        from waylight.web.views.errors import write_failed

        if isinstance(exc, WriteFailed):
            return write_failed(request, exc.kind)
        if isinstance(exc, DatabaseError | KeysUnavailable):
            return write_failed(request, classify(exc))
        return None
