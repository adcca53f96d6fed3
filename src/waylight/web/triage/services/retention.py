"""How long the queue keeps what, and the purge that enforces it (`waylight queue purge`).

- A post the detector did not raise never has its text stored at all.
- A raised post's text (with its matched words, explanation and metadata) is kept, encrypted,
  while it waits for review, and for `QUEUE_TEXT_DAYS` (30) after its latest decision; then it
  is erased and the post keeps only its tiers, rule ids and decisions.
- On a platform whose key allows keeping texts (`keep_texts`), the texts of false alarms are
  kept for `QUEUE_TRAINING_DAYS` (365) instead, for the retraining export.
- Every post's record (ids, tiers, decisions) is deleted `QUEUE_RECORD_DAYS` (365) after it
  arrived; an author's timeline (and the encrypted author id) goes with their last post. A post
  still waiting for review is never deleted by age: the queue does not lose work.
- Finished webhook deliveries are deleted after 7 days.

Erasing uses waylight.web.services.erase: SQLite overwrites deleted and rewritten cells
(`secure_delete`) and the write-ahead log is truncated, so no database file keeps the words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from waylight.web.services.erase import erase, scrub_database_files
from waylight.web.triage.models import (
    FALSE_ALARM,
    WAITING,
    ApiKey,
    AuthorTimeline,
    QueuedPost,
    WebhookDelivery,
)

DELIVERY_DAYS = 7


@dataclass(frozen=True)
class Retention:
    text_days: int
    training_days: int
    record_days: int

    @classmethod
    def from_settings(cls) -> Retention:
        return cls(
            text_days=int(getattr(settings, "QUEUE_TEXT_DAYS", 30)),
            training_days=int(getattr(settings, "QUEUE_TRAINING_DAYS", 365)),
            record_days=int(getattr(settings, "QUEUE_RECORD_DAYS", 365)),
        )


@dataclass(frozen=True)
class Purged:
    texts_erased: int
    posts_deleted: int
    timelines_deleted: int
    deliveries_deleted: int
    files_scrubbed: bool


def _texts_due(now: datetime, keep: Retention) -> Q:
    decided_before = now - timedelta(days=keep.text_days)
    training_before = now - timedelta(days=keep.training_days)
    kept_for_training = Q(api_key__keep_texts=True, status=FALSE_ALARM)
    return Q(decided_at__lt=decided_before) & (
        ~kept_for_training | Q(decided_at__lt=training_before)
    )


def purge(*, now: datetime | None = None, dry_run: bool = False) -> Purged:
    """Erase every text and record past its time (docs/batch.md, "Retention")."""
    now = now or timezone.now()
    keep = Retention.from_settings()
    texts = (
        QueuedPost.objects.exclude(ciphertext="")
        .exclude(status=WAITING)
        .filter(_texts_due(now, keep))
    )
    old = now - timedelta(days=keep.record_days)
    records = QueuedPost.objects.filter(received_at__lt=old).exclude(status=WAITING)
    deliveries = WebhookDelivery.objects.filter(finished_at__lt=now - timedelta(days=DELIVERY_DAYS))
    if dry_run:
        return Purged(texts.count(), records.count(), 0, deliveries.count(), False)
    with transaction.atomic():
        erased_texts = texts.update(ciphertext="", text_erased_at=now)
        posts_deleted = records.delete()[1].get(QueuedPost._meta.label, 0)
        empty = AuthorTimeline.objects.filter(timeline_posts__isnull=True)
        timelines = empty.delete()[1].get(AuthorTimeline._meta.label, 0)
        delivered = deliveries.delete()[1].get(WebhookDelivery._meta.label, 0)
    changed = erased_texts or posts_deleted or timelines
    scrubbed = scrub_database_files() if changed else True
    return Purged(erased_texts, posts_deleted, timelines, delivered, scrubbed)


def erase_post(api_key: ApiKey, external_id: str) -> bool:
    """Erase one post a platform sent (text, record, decisions, deliveries); False if unknown."""
    rows = QueuedPost.objects.filter(api_key=api_key, external_id=external_id)
    if not rows.exists():
        return False
    erase(rows)
    return True


def erase_platform(api_key: ApiKey) -> int:
    """Erase everything a platform's key ever sent (posts, timelines, deliveries): rows gone."""
    return erase(
        WebhookDelivery.objects.filter(api_key=api_key),
        QueuedPost.objects.filter(api_key=api_key),
        AuthorTimeline.objects.filter(api_key=api_key),
    ).rows
