"""My space: the way in to the check-in, the toolbox, progress, reminders, my data, account."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from waylight.web.models import JournalEntry
from waylight.web.owner import owner_of
from waylight.web.selectors import space as space_selectors


@require_GET
def space(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    context = {
        "nav": "space",
        "check_ins": owner.rows(JournalEntry).count(),
        "urges": space_selectors.urges_ridden_out(owner),
        "has_plan": space_selectors.plan_sections(owner) is not None,
    }
    if owner.user is not None:
        from waylight.web.selectors.care import open_requests

        # Questionnaires a professional asked for: shown until done or declined.
        context["requests"] = [r for r in open_requests(owner.user) if r.done_at is None]
    return render(request, "waylight/space/index.html", context)
