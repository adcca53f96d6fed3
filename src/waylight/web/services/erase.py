"""Erasure that leaves nothing readable in any database file.

Deleting a row is not enough on SQLite: the old page versions stay in the write-ahead log
(`-wal` file) until a checkpoint, and a deleted row's bytes stay in its page until they are
overwritten. So:

1. the database runs with `PRAGMA secure_delete=ON` (settings): deleted cells and pages put on
   the free list are overwritten with zeros;
2. after the delete commits, `PRAGMA wal_checkpoint(TRUNCATE)` copies the log into the database
   file and truncates the log to zero bytes, so no old frame survives. A checkpoint has to wait
   for readers of older snapshots; it is retried for a few seconds and the outcome is reported.

On PostgreSQL the rows are deleted and autovacuum reclaims their space later; PostgreSQL's own
write-ahead log and backups keep old pages until they are recycled (docs/security.md says what
that means: the ciphertext there opens with no key the database holds).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Model, QuerySet

from waylight.web.owner import Owner

log = logging.getLogger("waylight.web.erase")

CHECKPOINT_TRIES = 25
CHECKPOINT_PAUSE_S = 0.2


@dataclass(frozen=True)
class Erased:
    rows: int
    # SQLite: True when the log was checkpointed and truncated, so no database file holds the
    # erased rows. PostgreSQL: always False; its files are the operator's (docs/security.md).
    files_scrubbed: bool


def erase(*querysets: QuerySet[Model]) -> Erased:
    """Delete every row of the querysets in one transaction, then scrub the database files."""
    with transaction.atomic():
        rows = sum(queryset.delete()[0] for queryset in querysets)
    return Erased(rows, scrub_database_files() if rows else True)


def scrub_database_files() -> bool:
    """On SQLite, leave no deleted data in the write-ahead log; False when it could not (yet).

    Inside a caller's transaction the scrub waits until that commits (and returns False).
    """
    if connection.in_atomic_block:
        transaction.on_commit(scrub_database_files)
        return False
    if connection.vendor == "sqlite":
        return _checkpoint_sqlite()
    return False


def _checkpoint_sqlite() -> bool:
    for _ in range(CHECKPOINT_TRIES):
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy, _log_frames, _done = cursor.fetchone()
        if not busy:
            return True
        time.sleep(CHECKPOINT_PAUSE_S)
    log.warning("the write-ahead log could not be truncated yet; the next erase retries")
    return False


def erase_everything(owner: Owner) -> Erased:
    """Every plan, result, check-in, urge and preference of this device or account.

    For an account, sharing ends too: every invitation and every share (with the flags
    acknowledged and the questionnaires asked for under it) goes. The audit log keeps its
    entries, which hold no personal text; when the account itself is deleted, its random
    audit reference (`AuditSubject`) goes with it, and the entries point at nobody.
    """
    from waylight.web.models import CareLink, Invitation, device_owned_models

    if not owner.known:
        return Erased(0, True)
    querysets: list[QuerySet[Model]] = [owner.rows(model) for model in device_owned_models()]
    if owner.user is not None:
        querysets += [
            Invitation.objects.filter(person=owner.user),
            CareLink.objects.filter(person=owner.user),
        ]
    return erase(*querysets)
