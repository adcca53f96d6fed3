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

from waylight.web.device import device_key_hash, ensure_device_key
from waylight.web.forms import SafetyPlanForm
from waylight.web.helplines import current_help, help_panel, reach_lines
from waylight.web.models import SafetyPlan
from waylight.web.plan_sections import SECTION_KEYS, SECTIONS

NO_PLAN = "There is no safety plan on this device yet."


def _plan_for(request: HttpRequest) -> SafetyPlan | None:
    key_hash = device_key_hash(request)
    if key_hash is None:
        return None
    return SafetyPlan.objects.filter(device_key_hash=key_hash).first()


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
    return reach_lines(current_help(request))[:6]


@require_GET
def view_plan(request: HttpRequest) -> HttpResponse:
    plan = _plan_for(request)
    panel = help_panel(request)
    context: dict[str, Any] = {"nav": "plan", "help": panel.help, "panel": panel}
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
        return _save(request, form.sections(), "Your safety plan is saved on this device.")
    if plan is not None:
        initial = {key: "\n".join(lines) for key, lines in _sections_of(plan).items()}
    else:
        initial = {"professionals": "\n".join(prefilled_services(request))}
    form = SafetyPlanForm(initial=initial)
    return render(request, "waylight/plan/edit.html", {"nav": "plan", "form": form, "plan": plan})


def _save(request: HttpRequest, sections: dict[str, list[str]], message: str) -> HttpResponse:
    response = HttpResponseRedirect(reverse("plan"))
    key_hash = ensure_device_key(request, response)
    with transaction.atomic():
        plan = SafetyPlan.objects.select_for_update().filter(device_key_hash=key_hash).first()
        if plan is None:
            plan = SafetyPlan(device_key_hash=key_hash)
        plan.content = {"version": 1, "sections": sections}
        plan.save()
    messages.success(request, message)
    return response


@require_http_methods(["GET", "POST"])
def import_plan(request: HttpRequest) -> HttpResponse:
    """Bring in a plan from its "Download (JSON)" file (a new phone): checked like typing it."""
    from waylight.web.plan_import import MAX_FILE_BYTES, PlanFileError, read_plan_file

    plan = _plan_for(request)
    context: dict[str, Any] = {"nav": "plan", "plan": plan}
    if request.method == "GET":
        return render(request, "waylight/plan/import.html", context)
    upload = request.FILES.get("plan_file")
    if upload is None:
        context["error"] = "Please choose your plan file first, then press the button."
        return render(request, "waylight/plan/import.html", context, status=422)
    try:
        fields = read_plan_file(upload.read(MAX_FILE_BYTES + 1))
    except PlanFileError as exc:
        context["error"] = str(exc)
        return render(request, "waylight/plan/import.html", context, status=422)
    form = SafetyPlanForm(fields)
    if not form.is_valid():
        # Show what was read in the ordinary editor, with its messages; nothing is saved yet.
        return render(
            request,
            "waylight/plan/edit.html",
            {"nav": "plan", "form": form, "plan": plan},
            status=422,
        )
    return _save(
        request, form.sections(), "Your safety plan was brought in and saved on this device."
    )


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
            SafetyPlan.objects.filter(device_key_hash=plan.device_key_hash).delete()
            messages.success(request, "Your safety plan has been deleted from this device.")
        return HttpResponseRedirect(reverse("plan"))
    if plan is None:
        return _no_plan(request)
    return render(request, "waylight/plan/delete.html", {"nav": "plan"})
