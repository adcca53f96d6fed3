"""Deleting for real: rows go, and nothing of them stays readable in the database files.

SQLite runs with `secure_delete` on (deleted content is overwritten with zeros), and after a
delete the write-ahead log is checkpointed and truncated, so the old pages that still held the
ciphertext and the device hash leave the `-wal` file too. On PostgreSQL deleted rows are gone
from every query at once; their space is reclaimed by autovacuum (see docs/recover.md).
"""

from __future__ import annotations

import time

from django.db import connection, transaction

from waylight.web.models import JournalEntry, KeptResult, Preferences, SafetyPlan, UrgeRide
from waylight.web.owner import Owner

# Everything a person keeps. A new kind of personal row must be added here to be erased.
PERSONAL_MODELS = (SafetyPlan, KeptResult, JournalEntry, UrgeRide, Preferences)
_CHECKPOINT_TRIES = 20


def scrub_database_files() -> None:
    """Move every committed page out of SQLite's write-ahead log and empty it."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return
    for _ in range(_CHECKPOINT_TRIES):
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy, _log, _done = cursor.fetchone()
        if not busy:
            return
        time.sleep(0.05)  # another worker is reading: its read ends within milliseconds


def erase_rows(*querysets: object) -> int:
    """Delete the rows of every queryset in one transaction, then scrub the files."""
    deleted = 0
    with transaction.atomic():
        for queryset in querysets:
            count, _ = queryset.delete()  # type: ignore[attr-defined]
            deleted += count
    scrub_database_files()
    return deleted


def erase_everything(owner: Owner) -> int:
    """Every plan, result, check-in, urge and preference of this device or account."""
    if not owner.known:
        return 0
    return erase_rows(*(owner.rows(model) for model in PERSONAL_MODELS))
