"""My safety plan: made, changed, printed, downloaded and deleted without an account."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from waylight.web.forms import SafetyPlanForm
from waylight.web.helplines import current_help, lines_for
from waylight.web.models import SafetyPlan
from waylight.web.owner import owner_for_write, owner_of
from waylight.web.plan_sections import SECTION_KEYS, SECTIONS
from waylight.web.services.erase import erase_rows

NO_PLAN = "There is no safety plan on this device yet."


def _plan_for(request: HttpRequest) -> SafetyPlan | None:
    """This device's plan, or the signed-in account's."""
    return owner_of(request).rows(SafetyPlan).first()


def _sections_of(plan: SafetyPlan) -> dict[str, list[str]]:
    try:
        content: dict[str, Any] = plan.content
    except ValueError:
        # Encrypted with a key this server no longer has: nothing can be read back.
        content = {}
    stored = content.get("sections", {})
    return {key: [str(line) for line in stored.get(key, [])] for key in SECTION_KEYS}


def prefilled_services(request: HttpRequest) -> list[str]:
    """The chosen country's emergency number and crisis lines, as lines of the plan."""
    help_ = current_help(request)
    lines: list[str] = []
    for line in lines_for(help_):
        reach = [c.label.removeprefix("Call ") for c in line.calls[:1]] + [
            t.label for t in line.texts[:1]
        ]
        if line.is_emergency:
            if reach:
                lines.append(f"Emergency services: {reach[0]}")
            continue
        if reach or line.chat_url or line.website:
            where = ", ".join(reach) or (line.chat_url or line.website or "")
            lines.append(f"{line.name}: {where}")
    return lines[:6]


@require_GET
def view_plan(request: HttpRequest) -> HttpResponse:
    plan = _plan_for(request)
    help_ = current_help(request)
    context: dict[str, Any] = {"nav": "plan", "help": help_, "lines": lines_for(help_)}
    if plan is None:
        return render(request, "waylight/plan/intro.html", context)
    sections = _sections_of(plan)
    context["plan"] = plan
    context["sections"] = [(s, sections[s.key]) for s in SECTIONS]
    return render(request, "waylight/plan/view.html", context)


@require_http_methods(["GET", "POST"])
def edit_plan(request: HttpRequest) -> HttpResponse:
    plan = _plan_for(request)
    if request.method == "POST":
        form = SafetyPlanForm(request.POST)
        if not form.is_valid():
            return render(
                request,
                "waylight/plan/edit.html",
                {"nav": "plan", "form": form, "plan": plan},
                status=422,
            )
        response = HttpResponseRedirect(reverse("plan"))
        writer = owner_for_write(request, response)
        with transaction.atomic():
            plan = writer.rows(SafetyPlan).select_for_update().first()
            if plan is None:
                plan = writer.stamp(SafetyPlan())
            plan.content = {"version": 1, "sections": form.sections()}
            plan.save()
        where = "in your account" if writer.is_account else "on this device"
        messages.success(request, f"Your safety plan is saved {where}.")
        return response
    if plan is not None:
        initial = {key: "\n".join(lines) for key, lines in _sections_of(plan).items()}
    else:
        initial = {"professionals": "\n".join(prefilled_services(request))}
    form = SafetyPlanForm(initial=initial)
    return render(request, "waylight/plan/edit.html", {"nav": "plan", "form": form, "plan": plan})


def _no_plan(request: HttpRequest) -> HttpResponse:
    messages.info(request, NO_PLAN + " You can make one here.")
    return HttpResponseRedirect(reverse("plan"))


@require_GET
def plan_pdf(request: HttpRequest) -> HttpResponse:
    from waylight.web.pdf import plan_page_pdf

    plan = _plan_for(request)
    if plan is None:
        return _no_plan(request)
    data = plan_page_pdf(_sections_of(plan), current_help(request))
    return _download(data, "application/pdf", "my-safety-plan.pdf")


@require_GET
def card_pdf(request: HttpRequest) -> HttpResponse:
    from waylight.web.pdf import wallet_card_pdf

    plan = _plan_for(request)
    if plan is None:
        return _no_plan(request)
    data = wallet_card_pdf(_sections_of(plan), current_help(request))
    return _download(data, "application/pdf", "my-safety-plan-card.pdf")


@require_GET
def plan_json(request: HttpRequest) -> HttpResponse:
    plan = _plan_for(request)
    if plan is None:
        return _no_plan(request)
    help_ = current_help(request)
    payload = {
        "format": "waylight-safety-plan",
        "version": 1,
        "created_at": plan.created_at.isoformat(),
        "updated_at": plan.updated_at.isoformat(),
        "exported_at": timezone.now().isoformat(),
        "sections": [
            {"id": s.key, "title": s.title, "entries": entries}
            for s, entries in ((s, _sections_of(plan)[s.key]) for s in SECTIONS)
        ],
        "help_now": help_.to_dict(),
    }
    body = json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")
    return _download(body, "application/json", "my-safety-plan.json")


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A plan is private: never keep it in a shared cache.
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def delete_plan(request: HttpRequest) -> HttpResponse:
    plan = _plan_for(request)
    if request.method == "POST":
        if plan is not None:
            erase_rows(SafetyPlan.objects.filter(pk=plan.pk))
            messages.success(request, "Your safety plan has been deleted.")
        return HttpResponseRedirect(reverse("plan"))
    if plan is None:
        return _no_plan(request)
    return render(request, "waylight/plan/delete.html", {"nav": "plan"})
