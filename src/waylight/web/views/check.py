"""Check in: questionnaires one question at a time, then the result from the core.

Without JavaScript every question is its own form post; with htmx the same post swaps just the
question card. A result with a hard trigger (`help_now`) opens on the help-now page, which takes
a deliberate two-step action to leave (SPEC section 3.5).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
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
    progress,
)
from waylight.web.country import chosen_country
from waylight.web.language import page_language
from waylight.web.owner import owner_for_write
from waylight.web.ratelimit import rate_limited
from waylight.web.services.guard import WriteFailed, write_guard
from waylight.web.services.results import keep_result
from waylight.web.views.errors import write_failed_message
from waylight.web.views.helpnow import help_context

# After a questionnaire for young people, youth lines come first among the crisis lines.
YOUTH_INSTRUMENTS = frozenset({"phqa"})

CONFIRM_FIRST = gettext_lazy(
    "To see your full result, first tick the box to say you have read this and are safe right now."
)
INTERRUPTED = gettext_lazy(
    "Your answers could not be read, so nothing was kept. Please start this check again."
)


def _instrument(request: HttpRequest, instrument_id: str) -> Instrument:
    """The instrument in the page's language (its official translation, or English with a note);
    items, values and scoring are the same in every language."""
    try:
        return load_instrument(instrument_id, page_language(request))
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
        for instrument in list_instruments(page_language(request))
    ]
    return render(request, "waylight/check/index.html", {"nav": "check", "cards": cards})


@require_http_methods(["GET", "POST"])
def question(request: HttpRequest, instrument_id: str) -> HttpResponse:
    instrument = _instrument(request, instrument_id)
    if request.method == "GET":
        return _render_question(
            request, instrument, advance(instrument, CheckState(instrument.id, ()))
        )
    try:
        state = CheckState.load(request.POST.get("state", ""), instrument)
    except StateError:
        return _render_question(
            request, instrument, CheckState(instrument.id, ()), error=str(INTERRUPTED), status=400
        )
    action = request.POST.get("action", "next")
    if action == "back":
        previous, chosen = state.back(instrument)
        return _render_question(request, instrument, previous, chosen=chosen)
    if action == "show":
        # The browser's Back, Forward or reload (enhance.js): show this state again, with the
        # answer the person gave here if a later state the browser still holds remembers it.
        return _render_question(
            request, instrument, state, chosen=_remembered(request, instrument, state)
        )
    item = current_item(instrument, state)
    if item is None:
        return _render_result(request, instrument, state)
    raw = request.POST.get("answer", "").strip()
    if action == "skip" and not item.required:
        raw = NOT_ASKED
    elif raw not in {str(v) for v in item.values}:
        error = (
            _("Please choose one of the answers, then press Next.")
            if not raw
            else _("That answer is not one of the choices. Please choose one of the answers below.")
        )
        return _render_question(request, instrument, state, error=error, status=422)
    state = advance(instrument, state.with_answer(raw))
    if current_item(instrument, state) is None:
        return _render_result(request, instrument, state)
    return _render_question(request, instrument, state)


def _remembered(request: HttpRequest, instrument: Instrument, state: CheckState) -> str:
    """The answer to the current question of `state`, from the first later state the browser
    sent (`later`, newest first) that continues it; "" when none does."""
    here = len(state.answers)
    for token in request.POST.getlist("later")[:4]:
        try:
            later = CheckState.load(token, instrument)
        except StateError:
            continue
        if len(later.answers) > here and later.answers[:here] == state.answers:
            return later.answers[here]
    return ""


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
    number, count = progress(instrument, state)
    context = {
        "nav": "check",
        "instrument": instrument,
        "item": item,
        "state": state.sign(),
        "step": len(state.answers),
        "number": number,
        "count": count,
        # "See my result" only on the very last item: a question that depends on this answer
        # may still come after any earlier one.
        "is_last": len(state.answers) == len(instrument.items) - 1,
        "is_first": number == 1,
        "error": error,
        "chosen": chosen,
    }
    return render(request, "waylight/check/question.html", context, status=status)


def _assess(instrument: Instrument, state: CheckState, request: HttpRequest) -> Any:
    from waylight.core.assess import assess

    return assess(
        instrument.id,
        answers_for_core(state),
        country=chosen_country(request),
        lang=page_language(request),
    )


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
        youth_first=instrument.id in YOUTH_INSTRUMENTS,
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


def _is_keep(request: HttpRequest) -> bool:
    # Only keeping writes anything; leaving the help-now page must never be held back.
    return request.method == "POST" and request.POST.get("action") == "keep"


@rate_limited("write", when=_is_keep)
@require_http_methods(["GET", "POST"])
def result_action(request: HttpRequest, instrument_id: str) -> HttpResponse:
    """Leave the help-now page after confirming (two steps), or keep a result on this device."""
    instrument = _instrument(request, instrument_id)
    if request.method == "GET":
        # Results are never in a URL (they would sit in the browser history): start again.
        return HttpResponseRedirect(reverse("check_question", args=[instrument.id]))
    try:
        state = CheckState.load(request.POST.get("state", ""), instrument)
    except StateError:
        return _render_question(
            request, instrument, CheckState(instrument.id, ()), error=str(INTERRUPTED), status=400
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
                error=str(CONFIRM_FIRST),
                status=422,
            )
        return _render_result(request, instrument, state, confirmed=True)
    if action == "keep":
        result = _assess(instrument, state, request)
        response = HttpResponseRedirect(reverse("results"))
        content = {
            "answers": answers_for_core(state),
            "result": result.to_dict(),
            "band_label": result.band_label,
            "result_label": result.result_label,
        }
        try:
            with write_guard(), transaction.atomic():
                owner = owner_for_write(request, response)
                _kept, created = keep_result(owner, instrument.id, content, state.replay_key())
        except WriteFailed as failed:
            # The result page again, with its crisis lines, and the reason nothing was kept.
            return _render_result(
                request,
                instrument,
                state,
                confirmed=True,
                error=write_failed_message(failed.kind),
                status=503,
            )
        if owner.is_account:
            kept = (
                _("We kept this result in your account. You can delete it at any time.")
                if created
                else _("This result was already kept in your account; it is there once.")
            )
        else:
            kept = (
                _("We kept this result on this device. You can delete it at any time.")
                if created
                else _("This result was already kept on this device; it is there once.")
            )
        messages.success(request, kept)
        return response
    return _render_result(
        request,
        instrument,
        state,
        confirmed=True,
        error=_("We did not understand that choice. Nothing was changed."),
        status=400,
    )
