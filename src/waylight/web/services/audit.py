"""Writing to the audit log: every read and write of a person's data by anyone but the person.

Entries are appended in one transaction that locks the log's head row, so they form a single
chain whatever the number of workers (on SQLite every write transaction already takes the
database's write lock; on PostgreSQL the head row's lock orders them). An entry holds
references, a name, a role and codes, never a person's words. If the entry cannot be written,
the read does not happen either: the caller's page fails with 503 rather than show data that
left no trace.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from waylight.core.care.audit import AuditRecord, ChainCheck, check_chain
from waylight.web.models import AuditEvent, AuditHead, AuditSubject, ProfessionalProfile


def audit_ref(user: Any) -> str:
    """The account's random reference in the log (made the first time it is needed)."""
    found = AuditSubject.objects.filter(user=user).values_list("ref", flat=True).first()
    if found is not None:
        return str(found)
    with transaction.atomic():
        subject, _ = AuditSubject.objects.get_or_create(
            user=user, defaults={"ref": secrets.token_hex(16)}
        )
    return str(subject.ref)


def actor_name(user: Any) -> str:
    """How an actor is named to the person: a professional's own name, else the user name."""
    profile = ProfessionalProfile.objects.filter(user=user).first()
    if profile is not None:
        return f"{profile.display_name} ({profile.title}, {profile.organisation})"[:150]
    return str(user.get_username())[:150]


def record(
    actor: Any, role: str, subject: Any, action: str, what: str, object_ref: str = ""
) -> AuditRecord:
    """Append one entry: `actor` (in `role`) did `action` on `what` of `subject`'s data."""
    return record_many(actor, [(role, subject, action, what, object_ref)])[0]


def record_many(actor: Any, entries: Sequence[tuple[str, Any, str, str, str]]) -> list[AuditRecord]:
    """Append several entries by one actor in one transaction (a caseload reads many people).

    Each entry is (role, subject, action, what, object_ref); they are chained in that order.
    """
    if not entries:
        return []
    now = timezone.now()
    actor_ref, name = audit_ref(actor), actor_name(actor)
    refs = {pk: audit_ref(subject) for pk, subject in {e[1].pk: e[1] for e in entries}.items()}
    sealed: list[AuditRecord] = []
    with transaction.atomic():
        head = AuditHead.objects.select_for_update().get(pk=1)
        seq, prev = head.seq, head.hash
        for role, subject, action, what, object_ref in entries:
            seq += 1
            one = AuditRecord(
                seq, now, actor_ref, name, role, refs[subject.pk], action, what, object_ref
            ).sealed(prev)
            sealed.append(one)
            prev = one.hash
        AuditEvent.objects.bulk_create(
            AuditEvent(
                seq=one.seq,
                at=one.at,
                actor_ref=one.actor_ref,
                actor_name=one.actor_name,
                actor_role=one.actor_role,
                subject_ref=one.subject_ref,
                action=one.action,
                what=one.what,
                object_ref=one.object_ref,
                prev_hash=one.prev_hash,
                hash=one.hash,
            )
            for one in sealed
        )
        AuditHead.objects.filter(pk=1).update(seq=seq, hash=prev)
    return sealed


def _records() -> Iterator[AuditRecord]:
    for row in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        yield AuditRecord(
            seq=row.seq,
            at=row.at,
            actor_ref=row.actor_ref,
            actor_name=row.actor_name,
            actor_role=row.actor_role,
            subject_ref=row.subject_ref,
            action=row.action,
            what=row.what,
            object_ref=row.object_ref,
            prev_hash=row.prev_hash,
            hash=row.hash,
        )


def verify() -> ChainCheck:
    """Check the whole chain against the head (waylight.core.care.audit.check_chain)."""
    head = AuditHead.objects.filter(pk=1).values_list("seq", "hash").first() or (0, "0" * 64)
    return check_chain(_records(), head=(int(head[0]), str(head[1])))
