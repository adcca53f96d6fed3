"""A reviewer's decision on a queued post: reviewed, escalated or false alarm, with who and when.

Every decision is a new row in the post's history; the latest one is the post's status. A post
can be decided again (a second look, or an escalation after a review); nothing is overwritten.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from waylight.core.triage import CheckedDecision
from waylight.web.triage.models import NOT_RAISED, Decision, QueuedPost


class DecidedMeanwhile(Exception):
    """Another reviewer decided the post after this reviewer's page was shown."""

    def __init__(self, latest: Decision) -> None:
        super().__init__("decided meanwhile")
        self.latest = latest


def decide(
    post_id: int,
    reviewer: Any,
    decision: CheckedDecision,
    *,
    seen: int | None = None,
    now: datetime | None = None,
) -> Decision | None:
    """Record `decision` on a raised post; None when there is no such post in the queue.

    `seen`: how many decisions the reviewer's page showed; when the post has more now,
    DecidedMeanwhile (nothing recorded). None skips the check.
    """
    now = now or timezone.now()
    with transaction.atomic():
        post = (
            QueuedPost.objects.select_for_update()
            .filter(pk=post_id)
            .exclude(status=NOT_RAISED)
            .first()
        )
        if post is None:
            return None
        if seen is not None:
            latest = Decision.objects.filter(post=post).select_related("reviewer").last()
            if latest is not None and Decision.objects.filter(post=post).count() > seen:
                raise DecidedMeanwhile(latest)
        row = Decision(
            post=post,
            action=decision.action,
            reason=decision.reason,
            reviewer=reviewer,
            decided_at=now,
        )
        if decision.note:
            row.note = decision.note
        row.save()
        post.status = decision.action
        post.decided_at = now
        post.save(update_fields=["status", "decided_at"])
    return row
