"""Worried about someone: the observer checklist from the core, and what to do next."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from waylight.core.errors import InputError
from waylight.core.kb import load_knowledge_base
from waylight.core.observer import guide, load_checklist
from waylight.web.country import chosen_country
from waylight.web.language import page_language
from waylight.web.views.helpnow import help_context

HELPING_SECTION = "helping"


def _kb_links(kb_refs: list[str], lang: str) -> list[object]:
    kb = load_knowledge_base(lang)
    return [kb.item(ref) for ref in dict.fromkeys(kb_refs) if kb.has_item(ref)]


@require_http_methods(["GET", "POST"])
def worried(request: HttpRequest) -> HttpResponse:
    lang = page_language(request)
    checklist = load_checklist(lang)
    kb = load_knowledge_base(lang)
    helping = (
        kb.section(HELPING_SECTION) if any(s.id == HELPING_SECTION for s in kb.sections) else None
    )
    context = help_context(request, nav="worried", checklist=checklist, helping=helping)
    if request.method == "GET":
        return render(request, "waylight/worried/checklist.html", context)
    ticked = request.POST.getlist("noticed")
    try:
        guidance = guide(ticked, country=chosen_country(request), lang=lang)
    except InputError:
        context["error"] = _(
            "Some of what was sent is not on this checklist, so nothing was changed. Please tick "
            "the boxes again and press the button."
        )
        return render(request, "waylight/worried/checklist.html", context, status=422)
    context.update(
        guidance=guidance,
        ticked=set(ticked),
        read_more=_kb_links([i.kb_ref for i in guidance.checked if i.kb_ref], lang),
    )
    return render(request, "waylight/worried/guidance.html", context)
