"""Check-in reminders without servers: an .ics file for the person's own calendar."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from waylight.core.recover.reminders import (
    WEEKDAYS,
    ReminderError,
    default_note,
    default_title,
    parse_reminder,
    reminder_ics,
)
from waylight.web.language import page_language

DAY_NAMES = (
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
)


def _context(
    request: HttpRequest, values: Mapping[str, object], errors: dict[str, str] | None = None
) -> dict[str, object]:
    lang = page_language(request)
    return {
        "nav": "space",
        "values": values,
        "errors": errors or {},
        "days": list(zip(WEEKDAYS, [str(name) for name in DAY_NAMES], strict=True)),
        "default_title": default_title(lang),
        "default_note": default_note(lang),
    }


@require_http_methods(["GET", "POST"])
def reminders(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        values = {
            "time": "20:00",
            "title": default_title(page_language(request)),
            "note": default_note(page_language(request)),
            "days": list(WEEKDAYS),
        }
        return render(request, "waylight/reminders.html", _context(request, values))
    # A POST, not a link: the chosen words never sit in a URL or the browser history.
    days = request.POST.getlist("days")
    try:
        reminder = parse_reminder(request.POST, days=days, lang=page_language(request))
    except ReminderError as exc:
        values = {key: request.POST.get(key, "") for key in ("time", "title", "note")}
        values["days"] = days
        response = render(
            request, "waylight/reminders.html", _context(request, values, exc.errors), status=422
        )
        return response
    body = reminder_ics(
        reminder,
        start=timezone.localdate(),
        uid=str(uuid.uuid4()),
        stamp=timezone.now(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    # A plain file name: it shows in the downloads list.
    response["Content-Disposition"] = 'attachment; filename="check-in.ics"'
    return response
