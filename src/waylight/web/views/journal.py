"""The daily check-in (journal): write, read back, change and delete, without an account.

Saving calls the core (checks, the note read by the text detector, which answer to give) and
the journal service; a concerning note opens a gentle page with the person's own safety plan
and help-now lines. Nobody else is told.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.core import signing
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from waylight.core.recover.journal import (
    CheckIn,
    CheckInError,
    coping_choices,
    coping_label,
    harm_forms,
    journal_rules,
    parse_check_in,
)
from waylight.core.recover.notes import Answer, NoteReading, read_note
from waylight.web.country import chosen_country
from waylight.web.language import page_language
from waylight.web.models import JournalEntry
from waylight.web.owner import Owner, carry_cookies, owner_for_write, owner_of
from waylight.web.plan_sections import sections_for
from waylight.web.ratelimit import rate_limited
from waylight.web.selectors import space
from waylight.web.services import journal as journal_service
from waylight.web.services.guard import WriteFailed, write_guard
from waylight.web.views.errors import write_failed, write_failed_message
from waylight.web.views.helpnow import help_context

FORM_TOKEN_SALT = "waylight.journal.form"
FORM_TOKEN_MAX_AGE = 90 * 24 * 3600  # a form kept offline on a phone for a while still counts
PER_PAGE = 30
SCALE = range(0, 11)


def _form_token() -> str:
    return signing.dumps(secrets.token_hex(16), salt=FORM_TOKEN_SALT)


def _submission(request: HttpRequest) -> str:
    """The saved-once key of this form: its signed token, plus the offline queue time."""
    try:
        token = signing.loads(
            request.POST.get("form_token", ""), salt=FORM_TOKEN_SALT, max_age=FORM_TOKEN_MAX_AGE
        )
    except signing.BadSignature:
        return ""  # an old or changed form still saves; it just is not protected from repeats
    queued_at = request.POST.get("queued_at", "")
    if not (queued_at.isascii() and queued_at.isdigit() and len(queued_at) <= 16):
        queued_at = ""
    return journal_service.submission_hash(str(token), queued_at)


def _choices(request: HttpRequest, owner: Owner, keep: tuple[str, ...] = ()) -> Any:
    return coping_choices(
        space.coping_lines(space.plan_sections(owner)), keep=keep, lang=page_language(request)
    )


def _form_context(
    request: HttpRequest,
    owner: Owner,
    *,
    values: dict[str, Any],
    errors: dict[str, str] | None = None,
    entry_id: int | None = None,
) -> dict[str, Any]:
    lang = page_language(request)
    rules = journal_rules(lang)
    chosen = tuple(values.get("coping", ()))
    return {
        "nav": "space",
        "rules": rules,
        "scale": SCALE,
        "values": values,
        "errors": errors or {},
        "forms": harm_forms(lang),
        "coping": _choices(request, owner, keep=chosen),
        "chosen": set(chosen),
        "entry_id": entry_id,
        "form_token": _form_token(),
        "today": timezone.localdate().isoformat(),
    }


def _values_from_post(request: HttpRequest) -> dict[str, Any]:
    names = ("day", "mood", "urge", "harmed", "harm_form", "sleep_hours", "note")
    values: dict[str, Any] = {name: request.POST.get(name, "") for name in names}
    values["coping"] = request.POST.getlist("coping")
    return values


def _values_from(check_in: CheckIn) -> dict[str, Any]:
    return {
        "day": check_in.day.isoformat(),
        "mood": str(check_in.mood),
        "urge": str(check_in.urge),
        "harmed": {True: "yes", False: "no", None: ""}[check_in.harmed],
        "harm_form": check_in.harm_form or "",
        "sleep_hours": "" if check_in.sleep_hours is None else f"{check_in.sleep_hours:g}",
        "note": check_in.note,
        "coping": list(check_in.coping),
    }


def _parse(request: HttpRequest, owner: Owner, keep: tuple[str, ...] = ()) -> CheckIn:
    allowed = {c.value for c in _choices(request, owner, keep)}
    fields = {k: v for k, v in _values_from_post(request).items() if k != "coping"}
    return parse_check_in(
        fields,
        coping=request.POST.getlist("coping"),
        allowed_coping=allowed,
        today=timezone.localdate(),
    )


def _after_save(
    request: HttpRequest, entry_id: int, answer: Answer, reading: NoteReading
) -> HttpResponseRedirect:
    if answer == "support":
        return HttpResponseRedirect(reverse("journal_support", args=[entry_id]))
    if not reading.read:
        # Said plainly, never a silent "all fine": the note is kept, but nothing read it.
        messages.info(
            request,
            _(
                "Waylight reads notes in English only, so it did not read yours: it is kept, "
                "but nothing answered it. If things are hard right now, Help now has people "
                "you can talk to today."
            ),
        )
    words = journal_rules(page_language(request)).responses
    if answer == "setback":
        messages.info(request, words["saved"] + " " + words["setback"])
    elif answer == "strong_urge":
        messages.info(request, words["saved"] + " " + words["strong_urge"])
    else:
        messages.success(request, words["saved"])
    return HttpResponseRedirect(reverse("journal"))


@require_GET
def journal(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    page = Paginator(owner.rows(JournalEntry), PER_PAGE).get_page(request.GET.get("page"))
    rows = []
    unreadable = 0
    lang = page_language(request)
    forms = {f.value: f.label for f in harm_forms(lang)}
    for row in page.object_list:
        one = space.read_check_in(row)
        if one is None:
            unreadable += 1
            continue
        rows.append(
            {
                "stored": one,
                "coping": [coping_label(c, lang) for c in one.check_in.coping],
                "form": forms.get(one.check_in.harm_form or ""),
            }
        )
    rides = space.urge_rides(owner)
    context = {
        "nav": "space",
        "rows": rows,
        "page": page,
        "unreadable": unreadable,
        "rides": rides.items[:10],
        "rules": journal_rules(lang),
    }
    return render(request, "waylight/journal/list.html", context)


def _is_post(request: HttpRequest) -> bool:
    return request.method == "POST"


def _not_saved(
    request: HttpRequest, owner: Owner, kind: str, *, entry_id: int | None = None
) -> HttpResponse:
    """503 with the form again, holding everything the person typed (the note above all)."""
    context = _form_context(request, owner, values=_values_from_post(request), entry_id=entry_id)
    context["save_error"] = write_failed_message(kind)
    return write_failed(request, kind, template="waylight/journal/form.html", context=context)


@rate_limited("write", when=_is_post)
@require_http_methods(["GET", "POST"])
def new_entry(request: HttpRequest) -> HttpResponse:
    owner = owner_of(request)
    if request.method == "GET":
        values = {"day": timezone.localdate().isoformat(), "coping": []}
        return render(
            request, "waylight/journal/form.html", _form_context(request, owner, values=values)
        )
    try:
        check_in = _parse(request, owner)
    except CheckInError as exc:
        context = _form_context(
            request, owner, values=_values_from_post(request), errors=exc.errors
        )
        return render(request, "waylight/journal/form.html", context, status=422)
    reading = read_note(check_in.note, country=chosen_country(request))
    response = HttpResponseRedirect(reverse("journal"))
    try:
        with write_guard(), transaction.atomic():
            writer = owner_for_write(request, response)
            saved = journal_service.save_check_in(
                writer, check_in, reading=reading, submission=_submission(request)
            )
    except WriteFailed as failed:
        return _not_saved(request, owner, failed.kind)
    return carry_cookies(response, _after_save(request, saved.id, saved.answer, reading))


@rate_limited("write", when=_is_post)
@require_http_methods(["GET", "POST"])
def edit_entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    owner = owner_of(request)
    stored = space.check_in(owner, entry_id)
    if stored is None:
        raise Http404("no such check-in")
    if request.method == "GET":
        context = _form_context(
            request, owner, values=_values_from(stored.check_in), entry_id=entry_id
        )
        return render(request, "waylight/journal/form.html", context)
    try:
        check_in = _parse(request, owner, keep=stored.check_in.coping)
    except CheckInError as exc:
        context = _form_context(
            request, owner, values=_values_from_post(request), errors=exc.errors, entry_id=entry_id
        )
        return render(request, "waylight/journal/form.html", context, status=422)
    reading = read_note(check_in.note, country=chosen_country(request))
    try:
        with write_guard():
            saved = journal_service.update_check_in(owner, entry_id, check_in, reading=reading)
    except WriteFailed as failed:
        return _not_saved(request, owner, failed.kind, entry_id=entry_id)
    if saved is None:
        raise Http404("no such check-in")
    return _after_save(request, saved.id, saved.answer, reading)


@rate_limited("write", when=_is_post)
@require_http_methods(["GET", "POST"])
def delete_entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    owner = owner_of(request)
    stored = space.check_in(owner, entry_id)
    if request.method == "POST":
        with write_guard():  # a failure is the 503 page (WriteFailureMiddleware)
            deleted = journal_service.delete_check_in(owner, entry_id)
        if deleted:
            messages.success(request, _("That check-in has been deleted."))
        else:
            messages.error(request, _("We could not find that check-in. Nothing was changed."))
        return HttpResponseRedirect(reverse("journal"))
    if stored is None:
        raise Http404("no such check-in")
    return render(request, "waylight/journal/delete.html", {"nav": "space", "stored": stored})


@require_GET
def support(request: HttpRequest, entry_id: int) -> HttpResponse:
    """The gentle answer to a concerning note: help-now lines first, then their own plan."""
    owner = owner_of(request)
    if space.check_in(owner, entry_id) is None:
        raise Http404("no such check-in")
    sections = space.plan_sections(owner) or {}
    plan_sections = sections_for(page_language(request)).sections
    plan = [(s, sections[s.key]) for s in plan_sections if sections.get(s.key)]
    context = help_context(
        request,
        nav="space",
        words=journal_rules(page_language(request)).responses["support"],
        words_lang=journal_rules(page_language(request)).lang,
        plan=plan,
    )
    return render(request, "waylight/journal/support.html", context)


@require_GET
def queued(request: HttpRequest) -> HttpResponse:
    """Shown by the service worker when a check-in was kept on the phone to send later."""
    return render(request, "waylight/journal/queued.html", {"nav": "space"})
