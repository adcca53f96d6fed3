"""Posts from a platform into the queue: read by the detector, kept, and followed per author.

The detector reads every post through `waylight.core.scan.scan_rows`, the same path as a batch
scan (the batch detector unless `WAYLIGHT_QUEUE_DETECTOR=full`), outside any transaction, so
the database is never held while texts are read. Then one transaction:

1. posts already received (same platform, same id) are answered `duplicate` and not read again;
2. each author's timeline is locked and its early warning (`waylight.core.early_warning`)
   reads the new posts one at a time, oldest first by their time; the state is stored back;
3. raised posts (watch and above) are kept with their text encrypted; posts the detector did
   not raise are kept only as a line in the author's history (no text);
4. an urgent post (or the one that raised its author's alert) on a platform with a webhook gets
   a delivery row; it is sent after the commit by the background sender, never in this call.

A batch is all or nothing: it is checked before (the API answers 422 for any bad post) and
written in one transaction.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from waylight.core.early_warning import AuthorAlert, AuthorPost, AuthorWatch
from waylight.core.scan import ScanInput, ScanRow, scan_rows
from waylight.core.triage import UNREAD, URGENT_BAND, is_raised, queue_priority
from waylight.web.triage.models import (
    NOT_RAISED,
    WAITING,
    ApiKey,
    AuthorTimeline,
    QueuedPost,
    WebhookDelivery,
)

AUTHOR_SALT = "waylight.triage.author"
QUEUED, DUPLICATE = "queued", "duplicate"


@dataclass(frozen=True)
class IncomingPost:
    """One post as the platform sent it (already checked by the API)."""

    id: str
    text: str
    author: str
    time: datetime
    metadata: dict[str, Any] | None = None


@dataclass(frozen=True)
class AlertNote:
    """An early-warning alert this post raised for its author."""

    reason: str
    posts_to_alert: int
    evidence: float


@dataclass(frozen=True)
class PostOutcome:
    id: str
    status: str  # queued | not_raised | duplicate
    queue_id: int | None
    row: ScanRow | None  # None for a duplicate (not read again)
    concern: str
    urgent: bool
    alert: AlertNote | None = None


@dataclass(frozen=True)
class Ingested:
    outcomes: list[PostOutcome]

    @property
    def help_now(self) -> bool:
        return any(o.concern == "urgent" for o in self.outcomes)


def author_hash(api_key: ApiKey, author: str) -> str:
    """A keyed hash of the platform's author id: rows are found by it, the id stays encrypted."""
    return salted_hmac(AUTHOR_SALT, f"{api_key.pk}\0{author}", algorithm="sha256").hexdigest()


def queue_detector() -> Any:
    from waylight.core.textrisk import Detector

    if getattr(settings, "QUEUE_DETECTOR", "batch") == "full":
        return Detector.default()
    return Detector.batch()


def ingest(api_key: ApiKey, posts: Sequence[IncomingPost]) -> Ingested:
    """Read, queue and follow a batch of posts; the outcome of each, in the order sent."""
    known = _known_ids(api_key, [p.id for p in posts])
    fresh = [p for p in posts if p.id not in known]
    rows = scan_rows([ScanInput(p.id, p.text) for p in fresh], detector=queue_detector())
    read = {p.id: (p, row) for p, row in zip(fresh, rows, strict=True)}
    try:
        written = _write(api_key, read)
    except IntegrityError:
        # The same ids arrived at the same moment in another call, which was written first:
        # write again, and those posts are now duplicates.
        written = _write(api_key, read)
    outcomes = []
    for post in posts:
        outcome = written.get(post.id)
        if outcome is None:
            stored = QueuedPost.objects.filter(api_key=api_key, external_id=post.id).first()
            outcome = PostOutcome(
                id=post.id,
                status=DUPLICATE,
                queue_id=stored.pk if stored else None,
                row=None,
                concern=stored.concern if stored else "",
                urgent=bool(stored and stored.priority == URGENT_BAND),
            )
        outcomes.append(outcome)
    return Ingested(outcomes)


def _known_ids(api_key: ApiKey, ids: list[str]) -> set[str]:
    return set(
        QueuedPost.objects.filter(api_key=api_key, external_id__in=ids).values_list(
            "external_id", flat=True
        )
    )


def _write(
    api_key: ApiKey, read: dict[str, tuple[IncomingPost, ScanRow]]
) -> dict[str, PostOutcome]:
    from waylight.web.triage.services import webhooks

    now = timezone.now()
    outcomes: dict[str, PostOutcome] = {}
    with transaction.atomic():
        known = _known_ids(api_key, list(read))
        todo = [pair for post_id, pair in read.items() if post_id not in known]
        by_author: dict[str, list[tuple[IncomingPost, ScanRow]]] = defaultdict(list)
        for post, row in todo:
            by_author[post.author].append((post, row))
        timelines = _locked_timelines(api_key, list(by_author))
        new_posts: list[QueuedPost] = []
        for author, items in by_author.items():
            timeline = timelines[author]
            watch = AuthorWatch.restore("", timeline.watch_state) if timeline.posts else None
            watch = watch or AuthorWatch("")
            items.sort(key=lambda item: item[0].time)  # stable: input order among equal times
            written: list[QueuedPost] = []
            for post, row in items:
                concern = row.concern if row.has_result else None
                number = watch.posts + 1
                raised_alert = watch.add(
                    AuthorPost(
                        row=number, post_id=post.id, concern=concern, time=post.time.isoformat()
                    )
                )
                written.append(
                    _queued_post(api_key, timeline, post, row, number, raised_alert, now)
                )
                if raised_alert:
                    timeline.alert_reason = str(watch.result().reason)
                    timeline.alerted_at = now
            timeline.posts = watch.posts
            timeline.watch_state = watch.snapshot()
            latest = max(post.time for post, _ in items)
            if timeline.last_post_at is None or latest > timeline.last_post_at:
                timeline.last_post_at = latest
            alert = watch.result()
            for queued in written:
                outcomes[queued.external_id] = _outcome(queued, read[queued.external_id][1], alert)
            new_posts += written
        _save_timelines(list(timelines.values()))
        QueuedPost.objects.bulk_create(new_posts)
        for queued in new_posts:
            outcomes[queued.external_id] = replace(outcomes[queued.external_id], queue_id=queued.pk)
        if api_key.webhook_url:
            urgent = [p for p in new_posts if p.status == WAITING and p.priority == URGENT_BAND]
            deliveries = [webhooks.delivery_for(api_key, p, now) for p in urgent]
            WebhookDelivery.objects.bulk_create(deliveries)
            if deliveries:
                transaction.on_commit(webhooks.wake)
    return outcomes


TIMELINE_FIELDS = ("posts", "watch_state", "alert_reason", "alerted_at", "last_post_at")


def _save_timelines(timelines: list[AuthorTimeline]) -> None:
    """One UPDATE statement run for every timeline (Django's bulk_update builds a CASE per
    row and field, which cost more than reading the posts themselves)."""
    if not timelines:
        return
    fields: list[Any] = [AuthorTimeline._meta.get_field(name) for name in TIMELINE_FIELDS]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(str(f.column))} = %s" for f in fields)
    sql = f"UPDATE {quote(AuthorTimeline._meta.db_table)} SET {assignments} WHERE id = %s"
    rows = [
        [f.get_db_prep_save(getattr(t, f.attname), connection) for f in fields] + [t.pk]
        for t in timelines
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _locked_timelines(api_key: ApiKey, authors: list[str]) -> dict[str, AuthorTimeline]:
    """Each author's timeline on this platform, made for a new author, locked for this write.

    Two queries whatever the batch holds: the known timelines (locked on PostgreSQL; SQLite's
    write transaction holds the whole database already), then one insert for the new ones.
    """
    hashes = {author: author_hash(api_key, author) for author in authors}
    found = {
        t.author_hash: t
        for t in AuthorTimeline.objects.select_for_update().filter(
            api_key=api_key, author_hash__in=list(hashes.values())
        )
    }
    new = [
        AuthorTimeline(
            api_key=api_key,
            author_hash=hashed,
            author_ciphertext=_encrypted(author),
            watch_state={},
        )
        for author, hashed in hashes.items()
        if hashed not in found
    ]
    # Two calls making the same new author at once: one insert wins, the other raises
    # IntegrityError and its whole write is tried again (`ingest`).
    for timeline in AuthorTimeline.objects.bulk_create(new):
        found[timeline.author_hash] = timeline
    return {author: found[hashed] for author, hashed in hashes.items()}


def _encrypted(value: Any) -> str:
    from waylight.web.crypto import encrypt_json

    return encrypt_json(value)


def _queued_post(
    api_key: ApiKey,
    timeline: AuthorTimeline,
    post: IncomingPost,
    row: ScanRow,
    number: int,
    raised_alert: bool,
    now: datetime,
) -> QueuedPost:
    concern = row.concern if row.has_result else UNREAD
    raised = is_raised(concern) or raised_alert
    signals = json.loads(row.signals) if row.signals else []
    queued = QueuedPost(
        api_key=api_key,
        timeline=timeline,
        external_id=post.id,
        posted_at=post.time,
        received_at=now,
        author_post_number=number,
        status=WAITING if raised else NOT_RAISED,
        priority=queue_priority(concern, raised_alert=raised_alert),
        raised_alert=raised_alert,
        concern=concern,
        suicide_level=row.suicide_level or "",
        suicide_score=row.suicide_score or 0.0,
        self_harm=bool(row.self_harm),
        self_harm_score=row.self_harm_score or 0.0,
        depression_level=row.depression_level or "",
        depression_score=row.depression_score or 0.0,
        rules=sorted({str(s.get("rule", "")) for s in signals if s.get("rule")}),
        model_version=row.model_version,
        content_version=row.content_version,
    )
    if raised:
        # Only a raised post keeps its words, and only encrypted.
        queued.content = {
            "text": post.text,
            "signals": signals,
            "explanation": row.explanation
            or f"The detector could not read this text ({row.error}). Please read it yourself.",
            "metadata": post.metadata or {},
            "cut": row.error if row.is_cut else "",
        }
    return queued


def _outcome(queued: QueuedPost, row: ScanRow, alert: AuthorAlert) -> PostOutcome:
    note = None
    if queued.raised_alert and alert.alert:
        note = AlertNote(
            reason=str(alert.reason),
            posts_to_alert=int(alert.posts_to_alert or 0),
            evidence=round(alert.evidence, 3),
        )
    return PostOutcome(
        id=queued.external_id,
        status=QUEUED if queued.status == WAITING else NOT_RAISED,
        queue_id=None,
        row=row,
        concern=queued.concern,
        urgent=queued.status == WAITING and queued.priority == URGENT_BAND,
        alert=note,
    )
