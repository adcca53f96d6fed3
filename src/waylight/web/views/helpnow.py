"""Help now: the chosen country's crisis lines, and choosing a country."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from waylight.core.errors import InputError
from waylight.core.resources import help_for, list_countries, normalise_country
from waylight.web.country import chosen_country, remember_country
from waylight.web.helplines import current_help, lines_for


def help_context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    """What `includes/help_panel.html` needs, for the country this person chose."""
    help_ = current_help(request)
    return {"help": help_, "lines": lines_for(help_), **extra}


@require_GET
def help_now(request: HttpRequest) -> HttpResponse:
    status = 200
    error = ""
    asked = request.GET.get("country", "").strip()
    code = chosen_country(request)
    if asked:
        try:
            code = normalise_country(asked)
        except InputError:
            error = "We do not know that country code. Please choose your country from the list."
            status = 400
    help_ = help_for(code)
    context = {
        "help": help_,
        "lines": lines_for(help_),
        "countries": list_countries(),
        "selected": help_.code or "",
        "error": error,
    }
    return render(request, "waylight/help_now.html", context, status=status)


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
            help_ = current_help(request)
            context = {
                "help": help_,
                "lines": lines_for(help_),
                "countries": list_countries(),
                "selected": help_.code or "",
                "error": "We do not know that country. Please choose one from the list.",
                "next": "/help-now/",
            }
            return render(request, "waylight/help_now.html", context, status=400)
    # After choosing, show the chosen country's lines, not a preview link of another one.
    target = target.split("?")[0] if target.startswith("/help-now/") else target
    response = HttpResponseRedirect(target)
    if code:
        remember_country(response, code, secure=request.is_secure())
    else:
        response.delete_cookie("waylight_country", samesite="Lax")
    return response
