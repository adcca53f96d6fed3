"""The page's language: what the person chose, else their browser's, else English.

Django's LocaleMiddleware picks it for every request (the `waylight_lang` cookie first, then the
Accept-Language header) and activates its gettext catalog; `page_language` gives the same code
to the core's content loaders, so the page's words and its content agree. `set_language` is the
switcher on every page.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST


def page_language(request: HttpRequest | None = None) -> str:
    """The code of the language this request is answered in ("en", "es")."""
    from waylight.core.i18n import normalise_language

    code = getattr(request, "LANGUAGE_CODE", None) or translation.get_language()
    try:
        return str(normalise_language(code))
    except Exception:  # an unknown code never breaks a page: English
        return str(settings.LANGUAGE_CODE)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Remember the chosen language in a cookie and go back to the page it was chosen on."""
    code = request.POST.get("language", "")
    # The page to go back to is in the form's address, so the form has no field of its own.
    target = request.POST.get("next", "") or request.GET.get("next", "") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if code not in dict(settings.LANGUAGES):
        return response  # an unknown language changes nothing
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        httponly=True,
        secure=request.is_secure(),
        samesite="Lax",
    )
    return response
