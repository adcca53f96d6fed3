"""The person's side of sharing: invite, see who sees what, change it, stop it, read who looked.

Sharing needs an account (what is only on a device is never shared). Before making an
invitation the person reads, in plain words, what the other will see and not see, and that a
professional may have a duty to act on risk. The code is shown once: only its hash is kept.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from waylight.core.care.consent import (
    parse_parts,
    parse_role,
    parse_valid_for,
    sharing_words,
)
from waylight.core.errors import InputError
from waylight.web.care_forms import InvitationForm, PartsForm
from waylight.web.language import page_language
from waylight.web.ratelimit import rate_limited
from waylight.web.selectors import care as care_selectors
from waylight.web.services import care as care_service
from waylight.web.services.guard import write_guard


def _is_post(request: HttpRequest) -> bool:
    return request.method == "POST"


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    lang = page_language(request)
    context: dict[str, object] = {"nav": "space", "words": sharing_words(lang)}
    if request.user.is_authenticated:
        shared = care_selectors.sharing(request.user)
        context["sharing"] = shared
        context["share_rows"] = [
            (
                row,
                PartsForm(
                    initial={"parts": sorted(row.parts)}, auto_id=f"id_{row.ref}_%s", lang=lang
                ),
            )
            for row in shared.shares
        ]
    return render(request, "waylight/sharing/index.html", context)


@login_required
@rate_limited("write", when=_is_post)
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    lang = page_language(request)
    form = InvitationForm(request.POST or None, lang=lang)
    context = {"nav": "space", "form": form, "words": sharing_words(lang)}
    if request.method == "GET":
        return render(request, "waylight/sharing/invite.html", context)
    if not form.is_valid():
        return render(request, "waylight/sharing/invite.html", context, status=422)
    data = form.cleaned_data
    try:
        role = parse_role(data["role"])
        parts = parse_parts(data["parts"])
        valid_for = parse_valid_for(data["valid_for"])
        if not parts:
            raise InputError(_("Please tick at least one thing to share."))
        with write_guard():
            made = care_service.make_invitation(
                request.user,
                role=role,
                parts=parts,
                valid_for=valid_for,
                name=data["name"],
                message=data["message"],
            )
    except InputError as problem:
        form.add_error(None, str(problem))
        return render(request, "waylight/sharing/invite.html", context, status=422)
    link = request.build_absolute_uri(reverse("care_accept_code", args=[made.code]))
    return render(
        request,
        "waylight/sharing/invited.html",
        {
            "nav": "space",
            "code": made.code,
            "link": link,
            "invitation": made.invitation,
            "role": sharing_words(lang).role(role),
            "parts": [sharing_words(lang).part(p) for p in sorted(parts)],
            "valid_for": valid_for,
        },
    )


@login_required
@rate_limited("write")
@require_POST
def cancel_invitation(request: HttpRequest, invitation_id: int) -> HttpResponse:
    with write_guard():
        done = care_service.cancel_invitation(request.user, invitation_id)
    if done:
        messages.success(request, _("The invitation is cancelled: its code no longer works."))
    return HttpResponseRedirect(reverse("sharing"))


@login_required
@rate_limited("write")
@require_POST
def change_parts(request: HttpRequest, ref: str) -> HttpResponse:
    if not any(s.ref == ref for s in care_selectors.sharing(request.user).shares):
        raise Http404("no such share")
    form = PartsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That choice could not be used. Nothing was changed."))
        return HttpResponseRedirect(reverse("sharing"))
    with write_guard():
        done = care_service.set_parts(request.user, ref, parse_parts(form.cleaned_data["parts"]))
    if done:
        messages.success(request, _("Saved. From now on they see only what is ticked."))
    return HttpResponseRedirect(reverse("sharing"))


@login_required
@rate_limited("write", when=_is_post)
@require_http_methods(["GET", "POST"])
def stop(request: HttpRequest, ref: str) -> HttpResponse:
    share = next((s for s in care_selectors.sharing(request.user).shares if s.ref == ref), None)
    if share is None:
        raise Http404("no such share")  # not theirs, or ended already
    if request.method == "GET":
        return render(request, "waylight/sharing/stop.html", {"nav": "space", "share": share})
    with write_guard():
        care_service.revoke(request.user, ref)
    messages.success(
        request,
        _("You stopped sharing with {name}. It works at once.").format(name=share.viewer_name),
    )
    return HttpResponseRedirect(reverse("sharing"))


@login_required
@require_GET
def who_looked(request: HttpRequest) -> HttpResponse:
    rows = care_selectors.audit_for(request.user, lang=page_language(request))
    return render(request, "waylight/sharing/audit.html", {"nav": "space", "rows": rows})


@login_required
@rate_limited("write")
@require_POST
def dismiss_request(request: HttpRequest, request_id: int) -> HttpResponse:
    with write_guard():
        care_service.dismiss_request(request.user, request_id)
    messages.success(request, _("Fine: that request is gone from your space."))
    return HttpResponseRedirect(reverse("space"))
