"""The triage queue's pages: thin. Reads through `selectors`, writes through `services`.

Every page and download is for reviewers only (`access.reviewer_required`); each works without
JavaScript (plain links and form posts) and renders the post's text escaped, piece by piece.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib import messages
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
)
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from waylight.core.triage import DecisionError, check_decision, false_alarm_reasons
from waylight.web.language import page_language
from waylight.web.ratelimit import rate_limited
from waylight.web.services.guard import WriteFailed, write_guard
from waylight.web.triage import exports, labels, selectors
from waylight.web.triage.access import reviewer_required
from waylight.web.triage.services import decisions
from waylight.web.views.errors import write_failed
from waylight.web.views.helpnow import help_context


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 7 else 1


@reviewer_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    page = selectors.queue_page(request.GET.get("show", "waiting"), _page_number(request))
    context = help_context(request, nav="triage", queue=page)
    return render(request, "triage/queue.html", context)


def _post_page(
    request: HttpRequest,
    post_id: int,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    detail = selectors.post_detail(post_id)
    if detail is None:
        raise Http404("no such post in the queue")
    context = {
        "nav": "triage",
        "post": detail,
        "reasons": false_alarm_reasons(page_language(request)),
        "errors": errors or {},
        "values": values or {},
    }
    return render(request, "triage/post.html", context, status=status)


@reviewer_required
@require_GET
def post(request: HttpRequest, post_id: int) -> HttpResponse:
    return _post_page(request, post_id)


def _done_message(external_id: str, action: str) -> str:
    if action == "reviewed":
        return _("Post %(post)s is marked reviewed.") % {"post": external_id}
    if action == "escalated":
        return _("Post %(post)s is marked escalated.") % {"post": external_id}
    return _("Post %(post)s is marked a false alarm.") % {"post": external_id}


def _seen(request: HttpRequest) -> int | None:
    """How many decisions the reviewer's page showed (None: not said, so not checked)."""
    raw = request.POST.get("seen", "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 7 else None


@rate_limited("review")
@reviewer_required
@require_POST
def decide(request: HttpRequest, post_id: int) -> HttpResponse:
    values = {name: request.POST.get(name, "") for name in ("action", "reason", "note")}
    try:
        checked = check_decision(
            values["action"],
            reason=values["reason"],
            note=values["note"],
            lang=page_language(request),
        )
    except DecisionError as refused:
        return _post_page(request, post_id, errors=refused.errors, values=values, status=422)
    try:
        with write_guard():
            done = decisions.decide(post_id, request.user, checked, seen=_seen(request))
    except WriteFailed as failed:
        return write_failed(request, failed.kind)
    except decisions.DecidedMeanwhile as meanwhile:
        latest = meanwhile.latest
        message = _(
            "%(reviewer)s decided this post while you were reading it (%(decision)s): their "
            "decision is below. Decide again if you still want to."
        ) % {
            "reviewer": selectors.reviewer_name(latest),
            "decision": labels.word(labels.STATUS, latest.action),
        }
        return _post_page(
            request, post_id, errors={"meanwhile": message}, values=values, status=409
        )
    if done is None:
        raise Http404("no such post in the queue")
    messages.success(request, _done_message(done.post.external_id, done.action))
    return HttpResponseRedirect(reverse("triage:queue"))


def _export_page(
    request: HttpRequest, *, error: str = "", given: str = "", status: int = 200
) -> HttpResponse:
    context = {
        "nav": "triage",
        "fields": selectors.EXPORT_FIELDS,
        "reasons": false_alarm_reasons(page_language(request)),
        "error": error,
        "given": given,
    }
    return render(request, "triage/export.html", context, status=status)


@reviewer_required
@require_GET
def export_page(request: HttpRequest) -> HttpResponse:
    return _export_page(request)


class _NotADate(ValueError):
    pass


def _since(request: HttpRequest) -> datetime | None:
    """The `since` date, None when not given; _NotADate for anything else."""
    raw = request.GET.get("since", "").strip()
    if not raw:
        return None
    try:
        day = datetime.fromisoformat(raw) if len(raw) <= 32 else None
    except ValueError:
        day = None
    if day is None:
        raise _NotADate(raw)
    return day if day.tzinfo else day.replace(tzinfo=timezone.get_current_timezone())


@reviewer_required
@require_GET
def export_false_alarms(request: HttpRequest, fmt: str) -> HttpResponseBase:
    if fmt not in exports.FORMATS:
        raise Http404("no such export format")
    try:
        since = _since(request)
    except _NotADate as bad:
        given = str(bad)[:32]
        error = _("“%(given)s” is not a date: write it as year-month-day, such as 2026-03-01.") % {
            "given": given
        }
        return _export_page(request, error=error, given=given, status=422)
    rows = selectors.false_alarms(since=since)
    return exports.download(rows, fmt, today=timezone.localdate())
