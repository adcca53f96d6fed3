"""The queue API: a platform sends posts with its key, asks how one was decided, or erases one.

    POST   /api/queue/posts             up to MAX_POSTS posts: read, queued, answered per post
    GET    /api/queue/posts/{id}        where one of this platform's posts stands
    DELETE /api/queue/posts/{id}        erase one of this platform's posts (text and record)

Every call needs `Authorization: Bearer <key>` (401 otherwise, also for a revoked key) and is
counted against the key's rate limit (429 with Retry-After). A batch is all or nothing: one
bad post gets 422 naming it, and nothing is queued; more than MAX_POSTS posts get 413. Another
platform's post is 404, as if it did not exist.

Answers carry the detector's fields for each post (the same row as `waylight scan`), and the
help-now resources once for the whole batch (`help_now` is true when any post is urgent).
"""

from __future__ import annotations

import math
import unicodedata
from datetime import UTC, datetime
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI, Router, Schema
from ninja.errors import AuthenticationError
from pydantic import StrictBool, StrictFloat, StrictInt, StrictStr

from waylight.core.early_warning import time_key
from waylight.core.errors import InputError
from waylight.core.limits import TEXT_MAX_CHARS_API, check_text, has_visible_text
from waylight.core.scan import id_text
from waylight.web.triage.auth import UNAUTHORISED, ApiKeyAuth, RateLimited
from waylight.web.triage.models import NOT_RAISED, ApiKey

MAX_POSTS = 100
ID_MAX_CHARS = 200
METADATA_MAX_KEYS = 20
METADATA_MAX_CHARS = 2_000

router = Router(tags=["Triage queue"], auth=ApiKeyAuth())

Scalar = StrictStr | StrictInt | StrictFloat | StrictBool | None


class PostIn(Schema):
    id: StrictStr | StrictInt
    text: StrictStr
    author: StrictStr | StrictInt
    # ISO 8601 (a time without a zone is UTC) or Unix seconds.
    time: StrictStr | StrictInt | StrictFloat
    metadata: dict[str, Scalar] | None = None


class PostsIn(Schema):
    posts: list[PostIn]
    # The platform's country (ISO code) for the help-now resources in the answer.
    country: StrictStr | None = None


class EarlyWarningOut(Schema):
    alert: bool
    reason: str | None = None
    posts_to_alert: int | None = None
    evidence: float | None = None


class PostOut(Schema):
    id: str
    status: Literal["queued", "not_raised", "duplicate"]
    urgent: bool
    concern: str
    suicide_level: str | None = None
    suicide_score: float | None = None
    self_harm: bool | None = None
    self_harm_score: float | None = None
    depression_level: str | None = None
    depression_score: float | None = None
    signals: list[dict[str, Any]] | None = None
    explanation: str | None = None
    model_version: str | None = None
    content_version: str | None = None
    error: str | None = None
    early_warning: EarlyWarningOut | None = None


class IngestOut(Schema):
    posts: list[PostOut]
    queued: int
    not_raised: int
    duplicates: int
    help_now: bool
    resources: list[dict[str, Any]]


class DecisionOut(Schema):
    action: str
    reason: str
    decided_at: datetime


class StatusOut(Schema):
    id: str
    status: str
    urgent: bool
    concern: str
    received_at: datetime
    text_kept: bool
    decisions: list[DecisionOut]


class Refusal(Schema):
    detail: str


REFUSALS: dict[int, Any] = {401: Refusal, 422: Refusal, 429: Refusal}


def register(api: NinjaAPI) -> None:
    """Add the queue routes and their refusals (401, 429) to the main API."""

    def unauthorised(request: HttpRequest, exc: Any) -> HttpResponse:
        response = api.create_response(request, {"detail": UNAUTHORISED}, status=401)
        response["WWW-Authenticate"] = "Bearer"
        return response

    def too_many(request: HttpRequest, exc: Any) -> HttpResponse:
        seconds = math.ceil(exc.retry_after)
        detail = (
            "Too many calls with this key (or from here) in a short time. Nothing was queued or "
            f"changed. Please try again in {seconds} seconds."
        )
        response = api.create_response(request, {"detail": detail}, status=429)
        response["Retry-After"] = str(seconds)
        return response

    api.add_exception_handler(AuthenticationError, unauthorised)
    api.add_exception_handler(RateLimited, too_many)
    api.add_router("/queue", router)


# --------------------------------------------------------------------------- checking input


def _has_control(text: str) -> bool:
    # NUL and other control characters cannot be stored by every database (PostgreSQL text
    # refuses NUL) and never belong in an id.
    return any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text)


def _visible_id(value: str | int, what: str, where: str) -> str:
    text = id_text(value) or ""
    if not has_visible_text(text) or len(text) > ID_MAX_CHARS or _has_control(text):
        raise InputError(
            f"{where}: {what} must be 1 to {ID_MAX_CHARS} visible characters, "
            "without control characters."
        )
    return text


def _moment(value: str | int | float, where: str) -> datetime:
    moment = time_key(str(value))
    if moment is None:
        raise InputError(
            f"{where}: time must be an ISO 8601 date-time (e.g. 2026-03-02T20:30:00Z) "
            "or Unix seconds."
        )
    try:
        return datetime.fromtimestamp(moment, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise InputError(f"{where}: time is out of range.") from None


def _metadata(value: dict[str, Any] | None, where: str) -> dict[str, Any] | None:
    if not value:
        return None
    import json

    if len(value) > METADATA_MAX_KEYS or len(json.dumps(value)) > METADATA_MAX_CHARS:
        raise InputError(
            f"{where}: metadata is too large (at most {METADATA_MAX_KEYS} keys and "
            f"{METADATA_MAX_CHARS:,} characters as JSON)."
        )
    return value


def checked_posts(payload: PostsIn) -> list[Any]:
    """The batch as the ingest service takes it, or InputError naming the first bad post."""
    from waylight.web.triage.services.ingest import IncomingPost

    posts = []
    seen: set[str] = set()
    for index, given in enumerate(payload.posts):
        where = f"post {index + 1}"
        post_id = _visible_id(given.id, "id", where)
        where = f'post {index + 1} (id "{post_id}")' if post_id.isprintable() else where
        if post_id in seen:
            raise InputError(f"{where}: this id appears twice in the batch.")
        seen.add(post_id)
        if len(given.text) > TEXT_MAX_CHARS_API:
            raise InputError(
                f"{where}: text is too long: at most {TEXT_MAX_CHARS_API:,} characters."
            )
        try:
            check_text(given.text)
        except InputError as exc:
            raise InputError(f"{where}: {exc}") from None
        posts.append(
            IncomingPost(
                id=post_id,
                text=given.text,
                author=_visible_id(given.author, "author", where),
                time=_moment(given.time, where),
                metadata=_metadata(given.metadata, where),
            )
        )
    return posts


# --------------------------------------------------------------------------------- routes


def _refusal(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


NOT_SENT = "This key has sent no post with that id (or it was erased)."


def _key(request: HttpRequest) -> ApiKey:
    key: ApiKey = request.auth  # type: ignore[attr-defined]
    return key


@router.post(
    "/posts",
    response={200: IngestOut, 413: Refusal, **REFUSALS},
    summary=f"Send up to {MAX_POSTS} posts to be read and queued for review",
    description=(
        f"Each post (`id`, `text`, `author`, `time`, optional `metadata`) is read by the text "
        f"detector and, when raised (watch, concern or urgent), queued for a human reviewer; "
        f"each author's posts also feed early warning. At most {MAX_POSTS} posts and 256 KB per "
        f"call (413 beyond); a post id already sent is answered `duplicate` and not read "
        f"again. One bad post refuses the whole batch (422, naming it). Texts are kept "
        f"encrypted and erased after review (see the retention rules)."
    ),
)
def send_posts(request: HttpRequest, payload: PostsIn) -> Any:
    from waylight.core.resources import help_for
    from waylight.web.triage.services.ingest import ingest

    if len(payload.posts) > MAX_POSTS:
        detail = (
            f"Too many posts in one call: {len(payload.posts)}, at most {MAX_POSTS}. "
            "Send them in smaller batches; nothing was queued."
        )
        return _refusal(413, detail)
    help_ = help_for(payload.country)  # an unknown country is a 422 before anything is read
    done = ingest(_key(request), checked_posts(payload))
    answers = [_post_out(o) for o in done.outcomes]
    return {
        "posts": answers,
        "queued": sum(1 for a in answers if a["status"] == "queued"),
        "not_raised": sum(1 for a in answers if a["status"] == "not_raised"),
        "duplicates": sum(1 for a in answers if a["status"] == "duplicate"),
        "help_now": done.help_now,
        "resources": help_.to_resources(),
    }


def _post_out(outcome: Any) -> dict[str, Any]:
    import json

    answer: dict[str, Any] = {
        "id": outcome.id,
        "status": outcome.status,
        "urgent": outcome.urgent,
        "concern": outcome.concern,
    }
    row = outcome.row
    if row is not None:
        answer.update(row.to_dict())
        answer["id"] = outcome.id
        answer["signals"] = json.loads(row.signals) if row.signals else None
        answer["concern"] = outcome.concern
        alert = outcome.alert
        answer["early_warning"] = (
            {
                "alert": True,
                "reason": alert.reason,
                "posts_to_alert": alert.posts_to_alert,
                "evidence": alert.evidence,
            }
            if alert
            else {"alert": False}
        )
    return answer


@router.get(
    "/posts/{path:post_id}",
    response={200: StatusOut, 404: Refusal, **REFUSALS},
    summary="Where one of this platform's posts stands, with the reviewers' decisions",
    description="Decisions say what and when, never who. Another platform's post is 404.",
)
def post_status(request: HttpRequest, post_id: str) -> Any:
    from waylight.core.triage import URGENT_BAND
    from waylight.web.triage.selectors import api_status

    found = None if _has_control(post_id) else api_status(_key(request), post_id)
    if found is None:
        return _refusal(404, NOT_SENT)
    post, decisions = found
    return {
        "id": post.external_id,
        "status": post.status,
        "urgent": post.status != NOT_RAISED and post.priority == URGENT_BAND,
        "concern": post.concern,
        "received_at": post.received_at,
        "text_kept": post.has_text,
        "decisions": [
            {"action": d.action, "reason": d.reason, "decided_at": d.decided_at} for d in decisions
        ],
    }


@router.delete(
    "/posts/{path:post_id}",
    response={204: None, 404: Refusal, **REFUSALS},
    summary="Erase one of this platform's posts: its text, record and decisions",
    description=(
        "For a post its writer deleted on the platform. The author's early-warning evidence "
        "keeps the post's tier (a number, no text). Another platform's post is 404."
    ),
)
def erase_post(request: HttpRequest, post_id: str) -> Any:
    from waylight.web.triage.services.retention import erase_post as erase

    if _has_control(post_id) or not erase(_key(request), post_id):
        return _refusal(404, NOT_SENT)
    return HttpResponse(status=204)
