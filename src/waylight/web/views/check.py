"""Check in: questionnaires one question at a time, then the result from the core.

Without JavaScript every question is its own form post; with htmx the same post swaps just the
question card. A result with a hard trigger (`help_now`) opens on the help-now page, which takes
a deliberate two-step action to leave (SPEC section 3.5).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from waylight.core.errors import InputError
from waylight.core.instruments import Instrument, list_instruments, load_instrument
from waylight.web.checkflow import (
    NOT_ASKED,
    CheckState,
    StateError,
    advance,
    answers_for_core,
    current_item,
)
from waylight.web.country import chosen_country
from waylight.web.models import KeptResult
from waylight.web.owner import owner_for_write
from waylight.web.views.helpnow import help_context

CONFIRM_FIRST = (
    "To see your full result, first tick the box to say you have read this and are safe right now."
)
INTERRUPTED = "Your answers could not be read, so nothing was kept. Please start this check again."


def _instrument(instrument_id: str) -> Instrument:
    try:
        return load_instrument(instrument_id)
    except InputError as exc:
        raise Http404(str(exc)) from exc


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    cards = [
        {
            "instrument": instrument,
            "always": sum(1 for item in instrument.items if item.asked_if is None),
            "sometimes": sum(1 for item in instrument.items if item.asked_if is not None),
        }
        for instrument in list_instruments()
    ]
    return render(request, "waylight/check/index.html", {"nav": "check", "cards": cards})


@require_http_methods(["GET", "POST"])
def question(request: HttpRequest, instrument_id: str) -> HttpResponse:
    instrument = _instrument(instrument_id)
    if request.method == "GET":
        return _render_question(
            request, instrument, advance(instrument, CheckState(instrument.id, ()))
        )
    try:
        state = CheckState.load(request.POST.get("state", ""), instrument)
    except StateError:
        return _render_question(
            request, instrument, CheckState(instrument.id, ()), error=INTERRUPTED, status=400
        )
    action = request.POST.get("action", "next")
    if action == "back":
        previous, chosen = state.back(instrument)
        return _render_question(request, instrument, previous, chosen=chosen)
    item = current_item(instrument, state)
    if item is None:
        return _render_result(request, instrument, state)
    raw = request.POST.get("answer", "").strip()
    if action == "skip" and not item.required:
        raw = NOT_ASKED
    elif raw not in {str(v) for v in item.values}:
        error = (
            "Please choose one of the answers, then press Next."
            if not raw
            else ("That answer is not one of the choices. Please choose one of the answers below.")
        )
        return _render_question(request, instrument, state, error=error, status=422)
    state = advance(instrument, state.with_answer(raw))
    if current_item(instrument, state) is None:
        return _render_result(request, instrument, state)
    return _render_question(request, instrument, state)


def _render_question(
    request: HttpRequest,
    instrument: Instrument,
    state: CheckState,
    *,
    error: str = "",
    chosen: str = "",
    status: int = 200,
) -> HttpResponse:
    item = current_item(instrument, state)
    if item is None:
        return _render_result(request, instrument, state)
    asked_before = sum(1 for a in state.answers if a != NOT_ASKED)
    context = {
        "nav": "check",
        "instrument": instrument,
        "item": item,
        "state": state.sign(),
        "number": len(state.answers) + 1,
        "count": len(instrument.items),
        "is_first": asked_before == 0,
        "error": error,
        "chosen": chosen,
    }
    return render(request, "waylight/check/question.html", context, status=status)


def _assess(instrument: Instrument, state: CheckState, request: HttpRequest) -> Any:
    from waylight.core.assess import assess

    return assess(instrument.id, answers_for_core(state), country=chosen_country(request))


def _render_result(
    request: HttpRequest,
    instrument: Instrument,
    state: CheckState,
    *,
    confirmed: bool = False,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    try:
        result = _assess(instrument, state, request)
    except InputError as exc:
        return _render_question(
            request, instrument, CheckState(instrument.id, ()), error=str(exc), status=422
        )
    data = result.to_dict()
    show_crisis_first = bool(data["help_now"])
    context = help_context(
        request,
        nav="check",
        instrument=instrument,
        result=result,
        data=data,
        state=state.sign(),
        crisis=show_crisis_first and not confirmed,
        help_now=show_crisis_first,
        error=error,
    )
    template = "waylight/check/crisis.html" if context["crisis"] else "waylight/check/result.html"
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
def result_action(request: HttpRequest, instrument_id: str) -> HttpResponse:
    """Leave the help-now page after confirming (two steps), or keep a result on this device."""
    instrument = _instrument(instrument_id)
    if request.method == "GET":
        # Results are never in a URL (they would sit in the browser history): start again.
        return HttpResponseRedirect(reverse("check_question", args=[instrument.id]))
    try:
        state = CheckState.load(request.POST.get("state", ""), instrument)
    except StateError:
        return _render_question(
            request, instrument, CheckState(instrument.id, ()), error=INTERRUPTED, status=400
        )
    if current_item(instrument, state) is not None:
        return _render_question(request, instrument, state)
    action = request.POST.get("action", "")
    if action == "confirm_safe":
        if request.POST.get("i_am_safe") != "on":
            return _render_result(
                request,
                instrument,
                state,
                error=CONFIRM_FIRST,
                status=422,
            )
        return _render_result(request, instrument, state, confirmed=True)
    if action == "keep":
        result = _assess(instrument, state, request)
        response = HttpResponseRedirect(reverse("results"))
        kept = owner_for_write(request, response).stamp(KeptResult(instrument=instrument.id))
        kept.content = {
            "answers": answers_for_core(state),
            "result": result.to_dict(),
            "band_label": result.band_label,
            "result_label": result.result_label,
        }
        kept.save()
        messages.success(
            request, "We kept this result on this device. You can delete it at any time."
        )
        return response
    return _render_result(
        request,
        instrument,
        state,
        confirmed=True,
        error="We did not understand that choice. Nothing was changed.",
        status=400,
    )
