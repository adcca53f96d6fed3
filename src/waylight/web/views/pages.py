"""Home, About and the health check."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from waylight.web.views.helpnow import help_context


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "waylight/home.html", help_context(request, nav="home"))


@require_GET
def about(request: HttpRequest) -> HttpResponse:
    from waylight.core.instruments import list_instruments
    from waylight.core.kb import load_knowledge_base

    context = {
        "nav": "about",
        "instruments": list_instruments(),
        "kb": load_knowledge_base(),
    }
    return render(request, "waylight/about.html", context)


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
