"""Saving, changing and deleting check-ins and urges ridden out, and My space preferences."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from waylight.core.recover.journal import CheckIn
from waylight.core.recover.notes import Answer, NoteReading, answer_for
from waylight.core.recover.urges import UrgeRide
from waylight.web.models import JournalEntry, Preferences
from waylight.web.models import UrgeRide as UrgeRideRow
from waylight.web.owner import Owner
from waylight.web.services.erase import erase

CONTENT_VERSION = 1


@dataclass(frozen=True)
class SavedCheckIn:
    id: int
    answer: Answer
    reading: NoteReading
    created: bool  # False when the same form had already been saved (sent twice)


def submission_hash(token: str, queued_at: str = "") -> str:
    """The stored form of a one-time form token (plus the offline queue time, if any)."""
    if not token:
        return ""
    return hashlib.sha256(f"{token}\0{queued_at}".encode()).hexdigest()


def _content(check_in: CheckIn, reading: NoteReading) -> dict[str, object]:
    return {
        "version": CONTENT_VERSION,
        "check_in": check_in.to_dict(),
        # Only the tier is kept: the note itself is the evidence, and it is encrypted too.
        "concern": reading.concern,
        "help_now": reading.help_now,
    }


def save_check_in(
    owner: Owner, check_in: CheckIn, *, reading: NoteReading, submission: str = ""
) -> SavedCheckIn:
    """Save a new check-in (once per form) with what the detector read in its note.

    The note is read before (`waylight.core.recover.notes.read_note`), outside the write's
    transaction, so the database is never held while the detector reads.
    """
    answer = answer_for(check_in, reading)
    if submission:
        existing = owner.rows(JournalEntry).filter(submission=submission).first()
        if existing is not None:
            return SavedCheckIn(existing.pk, answer, reading, created=False)
    entry = owner.stamp(JournalEntry(day=check_in.day, submission=submission))
    entry.content = _content(check_in, reading)
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        # The same form arrived twice at once: the first one was saved.
        existing = owner.rows(JournalEntry).filter(submission=submission).first()
        if existing is None:
            raise
        return SavedCheckIn(existing.pk, answer, reading, created=False)
    return SavedCheckIn(entry.pk, answer, reading, created=True)


def update_check_in(
    owner: Owner, entry_id: int, check_in: CheckIn, *, reading: NoteReading
) -> SavedCheckIn | None:
    """Change one of the owner's check-ins; None when it is not theirs or not there."""
    with transaction.atomic():
        entry = owner.rows(JournalEntry).select_for_update().filter(pk=entry_id).first()
        if entry is None:
            return None
        entry.day = check_in.day
        entry.content = _content(check_in, reading)
        entry.save()
    return SavedCheckIn(entry.pk, answer_for(check_in, reading), reading, created=False)


def delete_check_in(owner: Owner, entry_id: int) -> bool:
    return erase(owner.rows(JournalEntry).filter(pk=entry_id)).rows > 0


def save_urge_ride(owner: Owner, ride: UrgeRide) -> int:
    row = owner.stamp(UrgeRideRow())
    row.content = {"version": CONTENT_VERSION, "ride": ride.to_dict()}
    row.save()
    return int(row.pk)


def delete_urge_ride(owner: Owner, ride_id: int) -> bool:
    return erase(owner.rows(UrgeRideRow).filter(pk=ride_id)).rows > 0


def set_show_days_since(owner: Owner, show: bool) -> None:
    with transaction.atomic():
        row = owner.rows(Preferences).select_for_update().first()
        if row is None:
            row = owner.stamp(Preferences())
            content: dict[str, object] = {"version": CONTENT_VERSION}
        else:
            try:
                content = dict(row.content)
            except ValueError:
                content = {"version": CONTENT_VERSION}
        content["show_days_since"] = show
        row.content = content
        row.save()
