"""The core's own messages (a form's "please ...") in the page's language, for each request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from waylight.core.i18n import messages_in
from waylight.web.language import page_language


class CoreMessagesMiddleware:
    """After LocaleMiddleware: what the core says in this request is in the page's language."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with messages_in(page_language(request)):
            return self.get_response(request)
