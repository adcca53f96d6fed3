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


def decide(
    post_id: int, reviewer: Any, decision: CheckedDecision, *, now: datetime | None = None
) -> Decision | None:
    """Record `decision` on a raised post; None when there is no such post in the queue."""
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
