"""The coping toolbox: ride the urge, grounding, slow breathing, ideas, my reasons for living.

Everything works without JavaScript except the live countdown of "ride the urge": without it,
the page says so and the same two steps work as form posts (the start time travels signed in
the form, nothing is stored until the person saves).
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib import messages
from django.core import signing
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from waylight.core.recover.journal import CheckInError
from waylight.core.recover.toolbox import load_toolbox
from waylight.core.recover.urges import parse_rating, parse_urge_ride
from waylight.web.language import page_language
from waylight.web.owner import Owner, owner_for_write, owner_of
from waylight.web.ratelimit import rate_limited
from waylight.web.selectors import space
from waylight.web.services import journal as journal_service
from waylight.web.services.guard import write_guard
from waylight.web.views.helpnow import help_context

RIDE_SALT = "waylight.toolbox.urge"
RIDE_MAX_AGE = 24 * 3600
SCALE = range(0, 11)


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "waylight/toolbox/index.html",
        help_context(request, nav="toolbox", toolbox=load_toolbox(page_language(request))),
    )


@require_GET
def grounding(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "waylight/toolbox/grounding.html",
        help_context(request, nav="toolbox", tool=load_toolbox(page_language(request)).grounding),
    )


@require_GET
def breathing(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "waylight/toolbox/breathing.html",
        help_context(request, nav="toolbox", tool=load_toolbox(page_language(request)).breathing),
    )


@require_GET
def ideas(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "waylight/toolbox/ideas.html",
        help_context(request, nav="toolbox", tool=load_toolbox(page_language(request)).ideas),
    )


@require_GET
def reasons(request: HttpRequest) -> HttpResponse:
    sections = space.plan_sections(owner_of(request))
    context = help_context(
        request,
        nav="toolbox",
        tool=load_toolbox(page_language(request)).reasons,
        reasons=(sections or {}).get("reasons", []),
        has_plan=sections is not None,
    )
    return render(request, "waylight/toolbox/reasons.html", context)


def _helped_choices(request: HttpRequest, owner: Owner) -> list[str]:
    tool = load_toolbox(page_language(request)).urge
    own = space.coping_lines(space.plan_sections(owner))
    return list(dict.fromkeys([*tool.while_waiting, *own]))


def _ride_context(request: HttpRequest, owner: Owner, **extra: Any) -> dict[str, Any]:
    tool = load_toolbox(page_language(request)).urge
    context: dict[str, Any] = {
        "nav": "toolbox",
        "tool": tool,
        "scale": SCALE,
        "helped_choices": _helped_choices(request, owner),
        "seconds": tool.minutes * 60,
        "errors": {},
        "values": {},
    }
    return help_context(request, **(context | extra))


def _started(state: str) -> tuple[int, float] | None:
    """(urge before, start time) from the signed form field of the no-JavaScript path."""
    try:
        data = signing.loads(state, salt=RIDE_SALT, max_age=RIDE_MAX_AGE)
        return int(data["b"]), float(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


@rate_limited("write", when=lambda request: request.POST.get("action") == "finish")
@require_http_methods(["GET", "POST"])
def urge(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    if request.method == "GET":
        return render(
            request, "waylight/toolbox/urge.html", _ride_context(request, owner, waiting=False)
        )
    action = request.POST.get("action", "")
    if action == "start":
        try:
            before = parse_rating(request.POST.get("before", ""), field="before")
        except CheckInError as exc:
            context = _ride_context(
                request, owner, waiting=False, errors=exc.errors, values=request.POST
            )
            return render(request, "waylight/toolbox/urge.html", context, status=422)
        now = time.time()
        state = signing.dumps({"b": before, "t": now}, salt=RIDE_SALT)
        context = _ride_context(request, owner, waiting=True, before=before, state=state)
        return render(request, "waylight/toolbox/urge.html", context)
    return _finish(request, owner)


def _finish(request: HttpRequest, owner: Owner) -> HttpResponse:
    started = _started(request.POST.get("state", ""))
    fields = {"before": request.POST.get("before", ""), "after": request.POST.get("after", "")}
    if started is not None:
        before, began = started
        fields["before"] = str(before)
        minutes = round((time.time() - began) / 60)
    else:
        # With JavaScript the countdown ran in the page (maybe offline): it sends the minutes.
        raw = request.POST.get("minutes", "")
        minutes = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 5 else 0
    try:
        ride = parse_urge_ride(
            fields,
            helped=request.POST.getlist("helped"),
            allowed_helped=set(_helped_choices(request, owner)),
            minutes=minutes,
        )
    except CheckInError as exc:
        context = _ride_context(
            request,
            owner,
            waiting=True,
            errors=exc.errors,
            values=request.POST,
            before=fields["before"],
            state=request.POST.get("state", ""),
        )
        return render(request, "waylight/toolbox/urge.html", context, status=422)
    response = HttpResponseRedirect(reverse("toolbox_urge_done"))
    with write_guard(), transaction.atomic():  # a failure is the 503 page
        journal_service.save_urge_ride(owner_for_write(request, response), ride)
    messages.success(request, _("Saved to your journal."))
    return response


@require_GET
def urge_done(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    rides = space.urge_rides(owner)
    latest = rides.items[0] if rides.items else None
    context = help_context(
        request,
        nav="toolbox",
        tool=load_toolbox(page_language(request)).urge,
        latest=latest,
        ridden=space.urges_ridden_out(owner),
    )
    return render(request, "waylight/toolbox/urge_done.html", context)
