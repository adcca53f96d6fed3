"""The sharing part of the JSON API, at /api/care/: the same rules and reads as the pages.

Signed in with the Waylight session (the cookie; a write also needs the CSRF token), a
professional with their second factor reads their caseload, one person's shared data and its
FHIR bundle, and acknowledges a flag. A person downloads their own FHIR bundle. Consent is
checked again on every call (`viewer_access`), a share the caller may not see is 404, and every
read of a person's data is in the audit log before it is answered. Answers that carry flags
carry `help_now` and the crisis `resources`, like every other answer of this API.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router, Schema
from ninja.security import APIKeyCookie
from pydantic import StrictStr

from waylight.core.errors import InputError
from waylight.web.care_access import second_factor, viewer_access
from waylight.web.helplines import current_help
from waylight.web.selectors import care as care_selectors
from waylight.web.services import audit
from waylight.web.services import care as care_service
from waylight.web.services.guard import write_guard


class SessionCookie(APIKeyCookie):
    """Waylight's own session cookie (signed in on the web); CSRF-checked for writes."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:
        user = request.user
        return user if user.is_authenticated else None


router = Router(tags=["sharing"], auth=SessionCookie())


class AcknowledgeIn(Schema):
    flag: StrictStr
    note: StrictStr = ""


def _flag(row: care_selectors.FlagRow) -> dict[str, Any]:
    ack = row.acknowledged
    return {
        "key": row.flag.key,
        "kind": row.flag.kind,
        "label": row.flag.label,
        "reason": row.flag.reason,
        "hard": row.flag.hard,
        "raised_at": row.flag.when.isoformat(),
        "open": row.open,
        "acknowledged": None
        if ack is None
        else {"by": ack.by_name, "at": ack.at.isoformat(), "note": ack.note},
    }


def _not_found(request: HttpRequest) -> HttpResponse:
    from waylight.web.api import api

    return api.create_response(request, {"detail": "There is no such person here."}, status=404)


@router.get("/people", summary="My caseload (or the people who share with me)")
def people(request: HttpRequest) -> Any:
    rows = care_selectors.caseload(request.user, second_factor=second_factor(request))
    with write_guard():
        audit.record_many(
            request.user,
            [(row.access.link.role, row.access.person, "read", "caseload", "") for row in rows],
        )
    return {
        "people": [
            {
                "ref": row.access.link.ref,
                "name": row.access.name,
                "role": row.access.link.role,
                "parts": sorted(row.access.grant.parts),
                "since": row.access.link.created_at.isoformat(),
                "open_flags": [
                    {"key": f.key, "kind": f.kind, "label": f.label, "hard": f.hard}
                    for f in row.open_flags
                ],
            }
            for row in rows
        ]
    }


@router.get("/people/{ref}", summary="What one person shares with me, read now")
def person(request: HttpRequest, ref: str) -> Any:
    try:
        access = viewer_access(request, ref)
    except Http404:
        return _not_found(request)
    view = care_selectors.person_view(access, today=timezone.localdate())
    with write_guard():
        role, who = access.link.role, access.person
        reads = ["person", *view.parts_read]
        audit.record_many(request.user, [(role, who, "read", what, "") for what in reads])
    data: dict[str, Any] = {
        "name": access.name,
        "parts": sorted(access.grant.parts),
        "flags": [_flag(row) for row in view.flags],
        "help_now": view.open_hard,
        "resources": current_help(request).to_resources(),
    }
    if "results" in view.parts_read:
        data["results"] = [
            {
                "saved_at": r.when.isoformat(),
                "questionnaire": r.title,
                "total": r.total,
                "result": r.label,
                "hard_trigger": r.hard,
            }
            for r in view.results
        ]
    if "check_ins" in view.parts_read:
        data["check_ins"] = [
            {
                "day": s.check_in.day.isoformat(),
                "mood": s.check_in.mood,
                "urge": s.check_in.urge,
                "harmed": s.check_in.harmed,
                "sleep_hours": s.check_in.sleep_hours,
            }
            for s in view.check_ins
        ]
    if "notes" in view.parts_read:
        data["notes"] = [{"day": d.isoformat(), "note": n} for d, n in view.notes]
    if "plan" in view.parts_read:
        data["safety_plan"] = (
            None
            if view.plan is None
            else [{"step": title, "entries": lines} for title, lines in view.plan]
        )
    return data


@router.get("/people/{ref}/fhir", summary="Their shared results as a FHIR R4 Bundle")
def person_fhir(request: HttpRequest, ref: str) -> Any:
    import json

    from waylight.web.care_exports import shared_fhir

    try:
        access = viewer_access(request, ref)
    except Http404:
        return _not_found(request)
    if not access.may("export", "results"):
        return _not_found(request)
    with write_guard():
        audit.record(request.user, access.link.role, access.person, "export", "fhir")
    return json.loads(shared_fhir(access))


@router.post("/people/{ref}/acknowledge", summary="Acknowledge a flag: I have seen it and acted")
def acknowledge(request: HttpRequest, ref: str, payload: AcknowledgeIn) -> Any:
    try:
        access = viewer_access(request, ref)
    except Http404:
        return _not_found(request)
    view = care_selectors.person_view(access, today=timezone.localdate())
    row = next((r for r in view.flags if r.flag.key == payload.flag), None)
    if row is None or not access.may("acknowledge", row.flag.part):
        return _not_found(request)
    with write_guard():
        done = care_service.acknowledge(
            access.link, request.user, flag_key=row.flag.key, kind=row.flag.kind, note=payload.note
        )
    if not done:
        raise InputError("That flag was acknowledged already.")
    return {"acknowledged": True, "key": row.flag.key}


@router.get("/me/fhir", summary="My own kept questionnaire results as a FHIR R4 Bundle")
def my_fhir(request: HttpRequest) -> Any:
    import json

    from waylight.web.care_exports import own_fhir
    from waylight.web.owner import Owner

    return json.loads(own_fhir(Owner(request.user, None), audit.audit_ref(request.user)))
