"""The viewer's side: accept an invitation, the caseload, one person's page, acting on flags,
asking for a questionnaire, and exports of what is shared.

Every request checks consent again (`viewer_access`): a share that ended, or a part switched
off, is gone from the very next request, including one sent from a page already open. Every
read of a person's data is written to the audit log before it is shown; a share the viewer may
not see, or an action their share does not allow, answers 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from waylight.core.errors import InputError
from waylight.web import care_exports
from waylight.web.care_access import (
    is_professional,
    second_factor,
    staff_gate,
    to_sign_in,
    viewer_access,
)
from waylight.web.care_forms import AcceptForm, AcknowledgeForm, RequestForm
from waylight.web.helplines import help_panel
from waylight.web.language import page_language
from waylight.web.models import ProfessionalProfile
from waylight.web.pdfgate import pdf_slot
from waylight.web.ratelimit import rate_limited
from waylight.web.selectors import care as care_selectors
from waylight.web.services import audit
from waylight.web.services import care as care_service
from waylight.web.services.guard import write_guard


def _is_post(request: HttpRequest) -> bool:
    return request.method == "POST"


def _profile(request: HttpRequest) -> ProfessionalProfile | None:
    return ProfessionalProfile.objects.filter(user=request.user).first()


@require_GET
def caseload(request: HttpRequest) -> HttpResponse:
    """A professional's caseload (open flags first), or the people a supporter follows."""
    gate = staff_gate(request)
    if gate is not None:
        return gate
    professional = is_professional(request)
    profile = _profile(request) if professional else None
    if professional and (profile is None or not profile.verified):
        return render(request, "waylight/care/waiting.html", {"nav": "care", "profile": profile})
    rows = care_selectors.caseload(
        request.user, second_factor=second_factor(request), lang=page_language(request)
    )
    with write_guard():
        audit.record_many(
            request.user,
            [(row.access.link.role, row.access.person, "read", "caseload", "") for row in rows],
        )
    context = {"nav": "care", "rows": rows, "professional": professional, "profile": profile}
    return render(request, "waylight/care/caseload.html", context)


def _accept_context(request: HttpRequest, form: AcceptForm) -> dict[str, Any]:
    return {"nav": "care", "form": form, "professional": is_professional(request)}


@rate_limited("login", when=_is_post)
@require_http_methods(["GET", "POST"])
def accept(request: HttpRequest, code: str = "") -> HttpResponse:
    """Use an invitation code. The code may come in the link (`/care/accept/<code>/`)."""
    gate = staff_gate(request)
    if gate is not None:
        return gate
    professional = is_professional(request)
    profile = _profile(request) if professional else None
    if professional and (profile is None or not profile.verified):
        return render(request, "waylight/care/waiting.html", {"nav": "care", "profile": profile})
    form = AcceptForm(request.POST or None, initial={"code": code})
    if request.method == "GET":
        return render(request, "waylight/care/accept.html", _accept_context(request, form))
    if not form.is_valid():
        return render(
            request, "waylight/care/accept.html", _accept_context(request, form), status=422
        )
    try:
        with write_guard():
            link = care_service.accept_invitation(
                request.user, form.cleaned_data["code"], as_professional=professional
            )
    except InputError as refused:
        form.add_error("code", str(refused))
        return render(
            request, "waylight/care/accept.html", _accept_context(request, form), status=422
        )
    messages.success(request, _("Thank you. You can now see what they chose to share."))
    return HttpResponseRedirect(reverse("care_person", args=[link.ref]))


@require_GET
def person(request: HttpRequest, ref: str) -> HttpResponse:
    """One person's page: only what they share, each part read written to the audit log."""
    if not request.user.is_authenticated:
        return to_sign_in(request)
    gate = staff_gate(request)
    if gate is not None:
        return gate
    access = viewer_access(request, ref)
    view = care_selectors.person_view(
        access, today=timezone.localdate(), lang=page_language(request)
    )
    with write_guard():
        role, who = access.link.role, access.person
        reads = ["person", *view.parts_read]
        audit.record_many(request.user, [(role, who, "read", what, "") for what in reads])
    context = {
        "nav": "care",
        "view": view,
        "access": access,
        "notes": view.notes,
        "ack_form": AcknowledgeForm(),
        "request_form": RequestForm(),
        "may_request": access.may("request"),
        "may_export_results": access.may("export", "results"),
        "may_export": any(access.may("export", p) for p in access.grant.parts),
    }
    if view.open_hard:
        context["panel"] = help_panel(request)
    context["mood_chart"] = _trend_chart(view)
    return render(request, "waylight/care/person.html", context)


def _trend_chart(view: care_selectors.PersonView) -> Any:
    """Mood and urges over the shared check-ins, drawn as My progress draws them."""
    from waylight.web.charts import Series, line_chart
    from waylight.web.selectors.progress import _day_means

    days = _day_means(view.check_ins)
    if len(days) < 2:
        return ""
    return line_chart(
        "chart-shared-mood",
        title=_("Mood and urges of {name}, last 3 months").format(name=view.access.name),
        description=_("Mood (solid line) and urge (dashed line), 0 to 10, one point a day."),
        series=[
            Series(_("Mood"), [(d.day, round(d.mood, 1)) for d in days]),
            Series(_("Urge"), [(d.day, round(d.urge, 1)) for d in days]),
        ],
        y_range=(0, 10),
        y_labels=range(0, 11, 2),
    )


@rate_limited("write")
@require_POST
def acknowledge(request: HttpRequest, ref: str) -> HttpResponse:
    access = viewer_access(request, ref)
    form = AcknowledgeForm(request.POST)
    if not form.is_valid():
        raise Http404("no such flag")
    view = care_selectors.person_view(access, today=timezone.localdate())
    row = next((r for r in view.flags if r.flag.key == form.cleaned_data["flag"]), None)
    if row is None or not access.may("acknowledge", row.flag.part):
        raise Http404("no such flag")
    try:
        with write_guard():
            done = care_service.acknowledge(
                access.link,
                request.user,
                flag_key=row.flag.key,
                kind=row.flag.kind,
                note=form.cleaned_data["note"],
            )
    except InputError as problem:
        messages.error(request, str(problem))
        return HttpResponseRedirect(reverse("care_person", args=[ref]) + "#flags")
    messages.success(
        request,
        _("Flag “{label}” acknowledged.").format(label=row.flag.label)
        if done
        else _("That flag was acknowledged already."),
    )
    return HttpResponseRedirect(reverse("care_person", args=[ref]) + "#flags")


@rate_limited("write")
@require_POST
def request_questionnaire(request: HttpRequest, ref: str) -> HttpResponse:
    access = viewer_access(request, ref)
    if not access.may("request"):
        raise Http404("no such share")
    form = RequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please choose a questionnaire from the list."))
        return HttpResponseRedirect(reverse("care_person", args=[ref]) + "#ask")
    with write_guard():
        care_service.request_questionnaire(
            access.link, request.user, form.cleaned_data["instrument"]
        )
    messages.success(request, _("Asked. It shows in their space until they fill it in or say no."))
    return HttpResponseRedirect(reverse("care_person", args=[ref]) + "#ask")


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def export_fhir(request: HttpRequest, ref: str) -> HttpResponse:
    access = viewer_access(request, ref)
    if not access.may("export", "results"):
        raise Http404("no such export")
    with write_guard():
        audit.record(request.user, access.link.role, access.person, "export", "fhir")
    body = care_exports.shared_fhir(access)
    return _download(body, "application/fhir+json", "waylight-shared-fhir.json")


def _exportable(access: care_selectors.Access) -> care_selectors.PersonView:
    if not any(access.may("export", p) for p in access.grant.parts):
        raise Http404("no such export")
    return care_selectors.person_view(access, today=timezone.localdate())


@require_GET
def export_csv(request: HttpRequest, ref: str) -> HttpResponse:
    access = viewer_access(request, ref)
    view = _exportable(access)
    with write_guard():
        audit.record(request.user, access.link.role, access.person, "export", "csv")
    body = care_exports.shared_csv_zip(view)
    return _download(body, "application/zip", "waylight-shared-csv.zip")


@rate_limited("pdf")
@require_GET
def export_pdf(request: HttpRequest, ref: str) -> HttpResponse:
    access = viewer_access(request, ref)
    view = _exportable(access)
    from waylight.web.helplines import current_help

    with pdf_slot(request) as busy:
        if busy is not None:
            return busy
        with write_guard():
            audit.record(request.user, access.link.role, access.person, "export", "pdf")
        body = care_exports.shared_pdf(view, current_help(request))
    return _download(body, "application/pdf", "waylight-shared-summary.pdf")
