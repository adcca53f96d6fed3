"""What the triage queue stores: API keys, authors' timelines, posts, decisions, webhook sends.

Personal text is encrypted at rest (waylight.web.crypto, keys kept apart from the database):
a post's text, the matched words of its signals, its metadata and its author's platform id live
only in `ciphertext` columns. What stays readable is what the queue must sort and count by:
the detector's tiers, levels and scores, times, statuses, and the rule ids that fired. An
author is found by a keyed hash of their platform id, never by the id itself.

Posts the detector did not raise (`none`) are kept without any text, only as a line in their
author's history. docs/batch.md ("Triage queue", "Retention") says how long each part is kept.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from waylight.web.crypto import EncryptedJSON

WAITING = "waiting"
NOT_RAISED = "not_raised"
REVIEWED = "reviewed"
ESCALATED = "escalated"
FALSE_ALARM = "false_alarm"
STATUSES = (
    (WAITING, _("Waiting")),
    (NOT_RAISED, _("Not raised")),
    (REVIEWED, _("Reviewed")),
    (ESCALATED, _("Escalated")),
    (FALSE_ALARM, _("False alarm")),
)
ACTIONS = ((REVIEWED, _("Reviewed")), (ESCALATED, _("Escalated")), (FALSE_ALARM, _("False alarm")))


class ApiKey(models.Model):
    """A platform's key to send posts. Made by an admin; only its hash is kept; revocable."""

    name: models.CharField[str, str] = models.CharField(
        max_length=100, help_text=_("Who uses this key: the platform or team, e.g. 'Forum A'.")
    )
    prefix: models.CharField[str, str] = models.CharField(max_length=16, unique=True)
    key_hash: models.CharField[str, str] = models.CharField(max_length=64)
    created_at: models.DateTimeField[Any, datetime] = models.DateTimeField(auto_now_add=True)
    created_by: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at: models.DateTimeField[Any, datetime | None] = models.DateTimeField(
        null=True, blank=True
    )
    keep_texts: models.BooleanField[bool, bool] = models.BooleanField(
        default=False,
        help_text=_(
            "The platform allows keeping the texts of false alarms for retraining (longer "
            "retention, and the text goes into the export). Off: texts are erased after review."
        ),
    )
    rate: models.CharField[str, str] = models.CharField(
        max_length=20,
        blank=True,
        default="",
        help_text=_("Calls allowed, e.g. '300/m' (empty: WAYLIGHT_RATE_QUEUE)."),
    )
    webhook_url: models.URLField[str, str] = models.URLField(
        blank=True,
        default="",
        help_text=_("Optional: urgent posts are announced here, signed (https://)."),
    )
    webhook_secret_ciphertext: models.TextField[str, str] = models.TextField(
        blank=True, default="", editable=False
    )

    webhook_secret: EncryptedJSON[str] = EncryptedJSON("webhook_secret_ciphertext")

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ("-created_at", "-pk")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class AuthorTimeline(models.Model):
    """One author's posts on one platform, as early warning reads them, post by post.

    `watch_state` is `AuthorWatch.snapshot()` (tiers, counts, weights and the platform's post
    ids: no text). The platform's author id is encrypted; rows are found by `author_hash`.
    """

    api_key: models.ForeignKey[Any, Any] = models.ForeignKey(
        ApiKey, on_delete=models.CASCADE, related_name="authors"
    )
    author_hash: models.CharField[str, str] = models.CharField(max_length=64)
    author_ciphertext: models.TextField[str, str] = models.TextField()
    posts: models.IntegerField[int, int] = models.IntegerField(default=0)
    watch_state: models.JSONField[Any, Any] = models.JSONField(default=dict)
    alert_reason: models.CharField[str, str] = models.CharField(
        max_length=32, blank=True, default=""
    )
    alerted_at: models.DateTimeField[Any, datetime | None] = models.DateTimeField(
        null=True, blank=True
    )
    last_post_at: models.DateTimeField[Any, datetime | None] = models.DateTimeField(
        null=True, blank=True
    )

    author: EncryptedJSON[str] = EncryptedJSON("author_ciphertext")

    class Meta:
        constraints = (
            models.UniqueConstraint(
                fields=["api_key", "author_hash"], name="one_timeline_per_author"
            ),
        )


class QueuedPost(models.Model):
    """One post a platform sent, with what the detector read in it and where it stands."""

    api_key: models.ForeignKey[Any, Any] = models.ForeignKey(
        ApiKey, on_delete=models.CASCADE, related_name="posts"
    )
    timeline: models.ForeignKey[Any, Any] = models.ForeignKey(
        AuthorTimeline, on_delete=models.CASCADE, related_name="timeline_posts"
    )
    external_id: models.CharField[str, str] = models.CharField(max_length=200)
    posted_at: models.DateTimeField[Any, datetime] = models.DateTimeField()
    received_at: models.DateTimeField[Any, datetime] = models.DateTimeField()
    # Which of its author's posts this was (1 = the first Waylight read), as early warning counts.
    author_post_number: models.IntegerField[int, int] = models.IntegerField()
    status: models.CharField[str, str] = models.CharField(max_length=16, choices=STATUSES)
    priority: models.SmallIntegerField[int, int] = models.SmallIntegerField(default=1)
    raised_alert: models.BooleanField[bool, bool] = models.BooleanField(default=False)
    concern: models.CharField[str, str] = models.CharField(max_length=10)
    suicide_level: models.CharField[str, str] = models.CharField(max_length=12)
    suicide_score: models.FloatField[float, float] = models.FloatField()
    self_harm: models.BooleanField[bool, bool] = models.BooleanField()
    self_harm_score: models.FloatField[float, float] = models.FloatField()
    depression_level: models.CharField[str, str] = models.CharField(max_length=12)
    depression_score: models.FloatField[float, float] = models.FloatField()
    # The rule ids of the signals (no matched words): what fired, for the retraining export.
    rules: models.JSONField[Any, Any] = models.JSONField(default=list)
    model_version: models.CharField[str, str] = models.CharField(max_length=64)
    content_version: models.CharField[str, str] = models.CharField(max_length=64)
    decided_at: models.DateTimeField[Any, datetime | None] = models.DateTimeField(
        null=True, blank=True
    )
    # {"text", "signals", "explanation", "metadata", "cut"}; "" once the text is erased, and
    # always "" for a post that was not raised.
    ciphertext: models.TextField[str, str] = models.TextField(blank=True, default="")
    text_erased_at: models.DateTimeField[Any, datetime | None] = models.DateTimeField(
        null=True, blank=True
    )

    content: EncryptedJSON[dict[str, Any]] = EncryptedJSON("ciphertext")

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["api_key", "external_id"], name="one_post_per_id"),
        )
        indexes = (
            models.Index(fields=["status", "priority", "received_at"], name="queue_order"),
            models.Index(fields=["timeline", "-author_post_number"], name="author_history"),
        )

    @property
    def has_text(self) -> bool:
        return bool(self.ciphertext)


class Decision(models.Model):
    """A reviewer's decision on a post, kept in its history (the latest one is its status)."""

    post: models.ForeignKey[Any, Any] = models.ForeignKey(
        QueuedPost, on_delete=models.CASCADE, related_name="decisions"
    )
    action: models.CharField[str, str] = models.CharField(max_length=16, choices=ACTIONS)
    reason: models.CharField[str, str] = models.CharField(max_length=40, blank=True, default="")
    # The reviewer's optional note, encrypted ("" when there is none).
    note_ciphertext: models.TextField[str, str] = models.TextField(blank=True, default="")
    # SET_NULL: an account deleted later leaves "a former reviewer" in the history.
    reviewer: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at: models.DateTimeField[Any, datetime] = models.DateTimeField()

    note: EncryptedJSON[str] = EncryptedJSON("note_ciphertext")

    class Meta:
        ordering = ("decided_at", "pk")


class WebhookDelivery(models.Model):
    """One announcement of an urgent post to a platform's webhook, sent in the background.

    The body names the post by the platform's id and carries tiers only, never text. It is
    sent at most `MAX_ATTEMPTS` times (waylight.web.triage.services.webhooks), then given up.
    """

    PENDING, DELIVERED, FAILED = "pending", "delivered", "failed"

    api_key: models.ForeignKey[Any, Any] = models.ForeignKey(
        ApiKey, on_delete=models.CASCADE, related_name="deliveries"
    )
    post: models.ForeignKey[Any, Any] = models.ForeignKey(
        QueuedPost, on_delete=models.CASCADE, related_name="deliveries"
    )
    delivery_id: models.CharField[str, str] = models.CharField(max_length=36, unique=True)
    body: models.TextField[str, str] = models.TextField()
    status: models.CharField[str, str] = models.CharField(max_length=10, default=PENDING)
    attempts: models.IntegerField[int, int] = models.IntegerField(default=0)
    next_attempt_at: models.DateTimeField[Any, datetime] = models.DateTimeField()
    claimed_until: models.DateTimeField[Any, datetime | None] = models.DateTimeField(
        null=True, blank=True
    )
    last_outcome: models.CharField[str, str] = models.CharField(
        max_length=80, blank=True, default=""
    )
    created_at: models.DateTimeField[Any, datetime] = models.DateTimeField(auto_now_add=True)
    finished_at: models.DateTimeField[Any, datetime | None] = models.DateTimeField(
        null=True, blank=True
    )

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = (models.Index(fields=["status", "next_attempt_at"], name="due_deliveries"),)
