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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from waylight.web.forms import SafetyPlanForm
from waylight.web.helplines import current_help, help_panel, reach_lines
from waylight.web.language import page_language
from waylight.web.owner import owner_for_write, owner_of
from waylight.web.pdfgate import pdf_slot
from waylight.web.plan_sections import SECTION_KEYS, PlanSection, sections_for
from waylight.web.ratelimit import rate_limited
from waylight.web.selectors import StoredPlan, plan_for_owner
from waylight.web.services.guard import WriteFailed, write_guard
from waylight.web.services.plans import PlanUnreadable, save_plan
from waylight.web.services.plans import delete_plan as erase_plan
from waylight.web.views.errors import write_failed, write_failed_message

UNREADABLE = gettext_lazy(
    "Your safety plan is on this device, but this server cannot open it: the key it was "
    "locked with is missing. Nothing has been changed or saved over it. The person who runs "
    "this Waylight may be able to restore the key. You can also delete it and start again."
)


def _sections(request: HttpRequest) -> tuple[PlanSection, ...]:
    """The plan's sections with their words in the page's language (the keys never change)."""
    return sections_for(page_language(request)).sections


def _plan_for(request: HttpRequest) -> StoredPlan | None:
    """This device's plan, or the signed-in account's."""
    return plan_for_owner(owner_of(request), SECTION_KEYS)


def _sections_of(plan: StoredPlan) -> dict[str, list[str]]:
    assert plan.sections is not None, "callers show the unreadable page first"
    return plan.sections


def _unreadable(request: HttpRequest, *, status: int = 503) -> HttpResponse:
    return render(
        request,
        "waylight/plan/unreadable.html",
        {"nav": "plan", "message": str(UNREADABLE)},
        status=status,
    )


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
    if not plan.readable:
        return _unreadable(request)
    sections = _sections_of(plan)
    context["plan"] = plan
    context["sections"] = [(s, sections[s.key]) for s in _sections(request)]
    return render(request, "waylight/plan/view.html", context)


def _is_post(request: HttpRequest) -> bool:
    return request.method == "POST"


@rate_limited("write", when=_is_post)
@require_http_methods(["GET", "POST"])
def edit_plan(request: HttpRequest) -> HttpResponse:
    plan = _plan_for(request)
    if plan is not None and not plan.readable and request.method == "GET":
        return _unreadable(request)
    if request.method == "POST":
        form = SafetyPlanForm(request.POST)
        context = {"nav": "plan", "form": form, "plan": plan}
        if not form.is_valid():
            return render(request, "waylight/plan/edit.html", context, status=422)
        return _save(
            request,
            form,
            _("Your safety plan is saved in your account."),
            _("Your safety plan is saved on this device."),
            context=context,
        )
    if plan is not None:
        initial = {key: "\n".join(lines) for key, lines in _sections_of(plan).items()}
    else:
        initial = {"professionals": "\n".join(prefilled_services(request))}
    form = SafetyPlanForm(initial=initial)
    return render(request, "waylight/plan/edit.html", {"nav": "plan", "form": form, "plan": plan})


def _save(
    request: HttpRequest,
    form: SafetyPlanForm,
    in_account: str,
    on_device: str,
    *,
    context: dict[str, Any],
) -> HttpResponse:
    """Save the form's plan for this device (or the signed-in account); on failure the form
    comes back with what was typed. The message says which: `in_account` or `on_device`."""
    response = HttpResponseRedirect(reverse("plan"))
    try:
        with write_guard(), transaction.atomic():
            owner = owner_for_write(request, response)
            save_plan(owner, form.sections())
    except PlanUnreadable:
        form.add_error(None, str(UNREADABLE))
        return render(request, "waylight/plan/edit.html", context, status=409)
    except WriteFailed as failed:
        form.add_error(None, write_failed_message(failed.kind))
        return write_failed(
            request, failed.kind, template="waylight/plan/edit.html", context=context
        )
    messages.success(request, in_account if owner.is_account else on_device)
    return response


@rate_limited("write", when=_is_post)
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
        context["error"] = _("Please choose your plan file first, then press the button.")
        return render(request, "waylight/plan/import.html", context, status=422)
    try:
        fields = read_plan_file(upload.read(MAX_FILE_BYTES + 1))
    except PlanFileError as exc:
        context["error"] = str(exc)
        return render(request, "waylight/plan/import.html", context, status=422)
    form = SafetyPlanForm(fields)
    form_context = {"nav": "plan", "form": form, "plan": plan}
    if not form.is_valid():
        # Show what was read in the ordinary editor, with its messages; nothing is saved yet.
        return render(request, "waylight/plan/edit.html", form_context, status=422)
    return _save(
        request,
        form,
        _("Your safety plan was brought in and saved in your account."),
        _("Your safety plan was brought in and saved on this device."),
        context=form_context,
    )


def _no_plan(request: HttpRequest) -> HttpResponse:
    messages.info(request, _("There is no safety plan on this device yet. You can make one here."))
    return HttpResponseRedirect(reverse("plan"))


@rate_limited("pdf")
@require_GET
def plan_pdf(request: HttpRequest) -> HttpResponse:
    from waylight.web.pdf import plan_page_pdf

    plan = _plan_for(request)
    if plan is None:
        return _no_plan(request)
    if not plan.readable:
        return _unreadable(request)
    with pdf_slot(request) as busy:
        if busy is not None:
            return busy
        data = plan_page_pdf(_sections_of(plan), current_help(request), _sections(request))
    return _download(data, "application/pdf", "my-safety-plan.pdf")


@rate_limited("pdf")
@require_GET
def card_pdf(request: HttpRequest) -> HttpResponse:
    from waylight.web.pdf import wallet_card_pdf

    plan = _plan_for(request)
    if plan is None:
        return _no_plan(request)
    if not plan.readable:
        return _unreadable(request)
    with pdf_slot(request) as busy:
        if busy is not None:
            return busy
        data = wallet_card_pdf(_sections_of(plan), current_help(request), _sections(request))
    return _download(data, "application/pdf", "my-safety-plan-card.pdf")


@require_GET
def plan_json(request: HttpRequest) -> HttpResponse:
    plan = _plan_for(request)
    if plan is None:
        return _no_plan(request)
    if not plan.readable:
        return _unreadable(request)
    help_ = current_help(request)
    payload = {
        "format": "waylight-safety-plan",
        "version": 1,
        "created_at": plan.created_at.isoformat(),
        "updated_at": plan.updated_at.isoformat(),
        "exported_at": timezone.now().isoformat(),
        "sections": [
            {"id": s.key, "title": s.title, "entries": entries}
            for s, entries in ((s, _sections_of(plan)[s.key]) for s in _sections(request))
        ],
        "help_now": help_.to_dict(),
    }
    body = json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")
    return _download(body, "application/json", "my-safety-plan.json")


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A plan is private: never keep it in any cache (PrivateResponsesMiddleware also says so).
    response["Cache-Control"] = "no-store, private"
    return response


@rate_limited("write", when=_is_post)
@require_http_methods(["GET", "POST"])
def delete_plan(request: HttpRequest) -> HttpResponse:
    plan = _plan_for(request)
    if request.method == "POST":
        if plan is not None:
            with write_guard():
                erase_plan(owner_of(request))
            messages.success(request, _("Your safety plan has been deleted."))
        return HttpResponseRedirect(reverse("plan"))
    if plan is None:
        return _no_plan(request)
    return render(request, "waylight/plan/delete.html", {"nav": "plan", "readable": plan.readable})
