"""The JSON API (django-ninja) at /api/: the same core calls and the same shapes as the CLI.

Every answer that touches suicide or self-harm carries `help_now` and `resources`, like the
CLI's --json output. Bad input gets 422 (400 for a body that is not JSON, 413 for one over the
size limit, 429 over the rate limit) and {"detail": "a clear message"}; the API accepts
exactly what the core accepts (JSON `true` is not an answer, "１" is not 1). The Swagger UI at
/api/docs can be switched off with WAYLIGHT_API_DOCS=0 (it is off in production by default).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import StrictInt, StrictStr

from waylight.core.errors import InputError
from waylight.core.limits import TEXT_MAX_CHARS_API
from waylight.core.limits import check_text as require_text

MAX_TEXT_CHARS = TEXT_MAX_CHARS_API

api = NinjaAPI(
    title="Waylight API",
    version="1",
    description=(
        "Score a questionnaire, find crisis lines, read the knowledge base and look for risk "
        "signals in text. Results are screening results, not a diagnosis; every result carries "
        "help-now resources."
    ),
    urls_namespace="api",
    docs_url="/docs" if settings.API_DOCS else None,
    openapi_url="/openapi.json",
)


@api.exception_handler(InputError)
def _input_error(request: HttpRequest, exc: InputError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=422)


@api.exception_handler(NinjaValidationError)
def _validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    problems = []
    for error in exc.errors:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "payload"))
        problems.append(
            f"{where}: {error.get('msg', 'is not valid')}" if where else error.get("msg", "")
        )
    detail = "; ".join(p for p in problems if p) or "The request is not valid."
    return api.create_response(request, {"detail": detail, "errors": exc.errors}, status=422)


class ScoreIn(Schema):
    instrument: StrictStr
    # Strict: pydantic would otherwise turn JSON true into 1 and "1.0" into 1.
    answers: list[StrictInt | StrictStr]
    country: StrictStr | None = None


class TextIn(Schema):
    text: StrictStr
    country: StrictStr | None = None


@api.post("/score", summary="Score a questionnaire (SPEC section 6 shape)")
def score(request: HttpRequest, payload: ScoreIn) -> dict[str, Any]:
    from waylight.core.assess import assess

    return assess(payload.instrument, payload.answers, country=payload.country).to_dict()


@api.get("/help-now", summary="Crisis lines and the emergency number for a country")
def help_now(request: HttpRequest, country: str | None = None) -> dict[str, Any]:
    from waylight.core.resources import help_for

    data = help_for(country).to_dict()
    return {**data, "help_now": True}


@api.get("/learn", summary="The knowledge-base sections")
def learn(request: HttpRequest) -> dict[str, Any]:
    from waylight.core.kb import load_knowledge_base

    kb = load_knowledge_base()
    return {
        "title": kb.title,
        "intro": kb.intro,
        "help_now": kb.help_now,
        "sections": [
            {"id": s.id, "title": s.title, "intro": s.intro, "count": s.count} for s in kb.sections
        ],
    }


@api.get("/learn/{section}", summary="One knowledge-base section with its items")
def learn_section(request: HttpRequest, section: str) -> Any:
    from waylight.core.kb import load_knowledge_base

    kb = load_knowledge_base()
    try:
        found = kb.section(section)
    except InputError as exc:
        return api.create_response(request, {"detail": str(exc)}, status=404)
    return {
        "id": found.id,
        "title": found.title,
        "intro": found.intro,
        "items": [item.to_dict() for item in found.items],
    }


@api.post("/check-text", summary="Risk signals in a text (C6 fields, with help-now resources)")
def check_text(request: HttpRequest, payload: TextIn) -> Any:
    if len(payload.text) > MAX_TEXT_CHARS:
        return api.create_response(
            request,
            {"detail": f"text is too long: at most {MAX_TEXT_CHARS} characters, please."},
            status=422,
        )
    require_text(payload.text)  # the core's own check: InputError becomes 422
    from waylight.core.textrisk import analyse

    return _with_resources(
        analyse(payload.text, country=payload.country).to_dict(), payload.country
    )


def _add_routers() -> None:
    # Sharing (the professional workspace): signed-in routes, waylight.web.api_care.
    from waylight.web.api_care import router

    api.add_router("/care", router)


_add_routers()


def _with_resources(data: dict[str, Any], country: str | None) -> dict[str, Any]:
    """Add resources when the detector's dict has none, so every answer carries help."""
    if "resources" not in data:
        from waylight.core.resources import help_for

        data["resources"] = help_for(country).to_resources()
    return data


# The triage queue's routes (/api/queue/...), with API-key auth: its own app.
from waylight.web.triage.api import register as _register_queue  # noqa: E402

_register_queue(api)
