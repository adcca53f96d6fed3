"""Home, About and the health check."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from waylight.web.language import page_language
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
        "instruments": list_instruments(page_language(request)),
        "kb": load_knowledge_base(page_language(request)),
    }
    return render(request, "waylight/about.html", context)


@require_GET
def how_we_write(request: HttpRequest) -> HttpResponse:
    """How Waylight writes and checks its pages, with every review note from the data.

    Readers of a knowledge-base page see its sources; what the editors changed from the source
    article, and why, is gathered here for anyone who wants to check the work.
    """
    from waylight.core.kb import load_knowledge_base

    kb = load_knowledge_base(page_language(request))
    sections = [
        (section, [item for item in section.items if item.review_note]) for section in kb.sections
    ]
    sections = [(s, items) for s, items in sections if s.review_note or items]
    return render(
        request, "waylight/how_we_write.html", {"nav": "about", "kb": kb, "sections": sections}
    )


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
