"""Help now: the chosen country's crisis lines, and choosing a country."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from waylight.core.errors import InputError
from waylight.core.resources import CountryHelp, help_for, normalise_country
from waylight.web.country import COUNTRY_COOKIE, remember_country
from waylight.web.helplines import help_panel
from waylight.web.language import page_language

COUNTRY_UNKNOWN = gettext_lazy(
    "We do not know that country code. Please choose your country from the list."
)


def help_context(
    request: HttpRequest, *, youth_first: bool = False, **extra: Any
) -> dict[str, Any]:
    """What `includes/help_panel.html` needs, for the country this person chose."""
    panel = help_panel(request, youth_first=youth_first)
    return {"help": panel.help, "panel": panel, **extra}


def _help_now_page(
    request: HttpRequest, help_: CountryHelp | None, *, error: str = "", status: int = 200
) -> HttpResponse:
    panel = help_panel(request, help_=help_)
    context = {
        "help": panel.help,
        "panel": panel,
        "countries": panel.countries,
        "selected": panel.help.code or "",
        "error": error,
    }
    return render(request, "waylight/help_now.html", context, status=status)


@require_GET
def help_now(request: HttpRequest) -> HttpResponse:
    asked = request.GET.get("country", "").strip()
    if not asked:
        return _help_now_page(request, None)
    try:
        code = normalise_country(asked)
    except InputError:
        return _help_now_page(request, None, error=str(COUNTRY_UNKNOWN), status=400)
    return _help_now_page(request, help_for(code, lang=page_language(request)))


@require_GET
def time_zones(request: HttpRequest) -> JsonResponse:
    """Time zone -> country code, as the core guesses it: enhance.js reloads a first page only
    when the device's zone names another country than the language suggested."""
    from waylight.core.content import load_data
    from waylight.core.resources import TIME_ZONES_FILE

    zones = load_data(TIME_ZONES_FILE, schema="time_zones")["zones"]
    response = JsonResponse(zones)
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_POST
def set_country(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("country", "").strip()
    target = request.POST.get("next", "") or "/help-now/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/help-now/"
    if raw == "":
        code = ""
    else:
        try:
            code = normalise_country(raw)
        except InputError:
            error = _("We do not know that country. Please choose one from the list.")
            return _help_now_page(request, None, error=error, status=400)
    # After choosing, show the chosen country's lines, not a preview link of another one.
    target = target.split("?")[0] if target.startswith("/help-now/") else target
    response = HttpResponseRedirect(target)
    if code:
        remember_country(response, code, secure=request.is_secure())
    else:
        response.delete_cookie(COUNTRY_COOKIE, samesite="Lax")
    return response
