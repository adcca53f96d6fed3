"""What My space shows: check-ins, urges ridden out, kept scores, the plan, preferences.

Rows are decrypted here and handed on as the core's typed objects. A row that cannot be
decrypted (a key this server no longer has) is counted and reported, never shown as empty.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from waylight.core.recover.change import ScorePoint, followed_instruments
from waylight.core.recover.journal import CheckIn
from waylight.core.recover.urges import UrgeRide
from waylight.core.textrisk.rules import Tier
from waylight.web.crypto import decrypt_json
from waylight.web.models import JournalEntry, KeptResult, Preferences, SafetyPlan
from waylight.web.models import UrgeRide as UrgeRideRow
from waylight.web.owner import Owner
from waylight.web.plan_sections import SECTION_KEYS


@dataclass(frozen=True)
class StoredCheckIn:
    id: int
    check_in: CheckIn
    concern: Tier
    help_now: bool
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class StoredRide:
    id: int
    ride: UrgeRide
    created_at: datetime


@dataclass(frozen=True)
class KeptScore:
    id: int
    instrument: str
    title: str
    when: datetime
    total: int | None
    label: str | None
    help_now: bool

    def point(self) -> ScorePoint | None:
        return None if self.total is None else ScorePoint(self.when, self.total, self.help_now)


T = TypeVar("T")


@dataclass(frozen=True)
class Readable(Generic[T]):
    """Rows as objects, and how many could not be decrypted with this server's keys."""

    items: list[T] = field(default_factory=list)
    unreadable: int = 0


@dataclass(frozen=True)
class SpacePreferences:
    show_days_since: bool = False


def _from_content(
    pk: int, content: dict[str, Any], created_at: datetime, updated_at: datetime
) -> StoredCheckIn:
    return StoredCheckIn(
        id=pk,
        check_in=CheckIn.from_dict(content["check_in"]),
        concern=content.get("concern", "none"),
        help_now=bool(content.get("help_now", False)),
        created_at=created_at,
        updated_at=updated_at,
    )


def _stored_check_in(row: JournalEntry) -> StoredCheckIn:
    return _from_content(row.pk, row.content, row.created_at, row.updated_at)


def check_ins(owner: Owner, *, since: date | None = None) -> Readable[StoredCheckIn]:
    """The owner's check-ins, newest day first (from `since` when given).

    Read as plain columns rather than model objects: a year is 365 rows on every progress page.
    """
    rows = owner.rows(JournalEntry)
    if since is not None:
        rows = rows.filter(day__gte=since)
    columns = rows.values_list("pk", "ciphertext", "created_at", "updated_at")

    def stored(row: tuple[int, str, datetime, datetime]) -> StoredCheckIn:
        pk, ciphertext, created_at, updated_at = row
        return _from_content(pk, decrypt_json(ciphertext), created_at, updated_at)

    return _decrypt(columns, stored)


def read_check_in(row: JournalEntry) -> StoredCheckIn | None:
    """One row as a check-in, or None when it cannot be decrypted."""
    try:
        return _stored_check_in(row)
    except (ValueError, KeyError, TypeError):
        return None


def check_in(owner: Owner, entry_id: int) -> StoredCheckIn | None:
    row = owner.rows(JournalEntry).filter(pk=entry_id).first()
    return None if row is None else read_check_in(row)


def urge_rides(owner: Owner) -> Readable[StoredRide]:
    def stored(row: UrgeRideRow) -> StoredRide:
        return StoredRide(row.pk, UrgeRide.from_dict(row.content["ride"]), row.created_at)

    return _decrypt(owner.rows(UrgeRideRow), stored)


def urges_ridden_out(owner: Owner) -> int:
    """Finished rides count whatever their numbers: waiting with an urge is the skill."""
    return owner.rows(UrgeRideRow).count()


def kept_scores(owner: Owner, *, instruments: Iterable[str] | None = None) -> Readable[KeptScore]:
    """Kept questionnaire results (oldest first), for the followed questionnaires by default."""
    from waylight.core.instruments import load_instrument

    wanted = tuple(instruments) if instruments is not None else followed_instruments()
    rows = owner.rows(KeptResult).filter(instrument__in=wanted).order_by("created_at", "pk")

    def stored(row: KeptResult) -> KeptScore:
        content = row.content
        result = content["result"]
        return KeptScore(
            id=row.pk,
            instrument=row.instrument,
            title=load_instrument(row.instrument).title,
            when=row.created_at,
            total=result.get("total"),
            label=content.get("band_label") or content.get("result_label"),
            help_now=bool(result.get("help_now")),
        )

    return _decrypt(rows, stored)


def plan_sections(owner: Owner) -> dict[str, list[str]] | None:
    """The owner's safety plan as section key -> lines; None when there is no (readable) plan."""
    plan = owner.rows(SafetyPlan).first()
    if plan is None:
        return None
    try:
        content: dict[str, Any] = plan.content
    except ValueError:
        return None
    stored = content.get("sections", {})
    return {key: [str(line) for line in stored.get(key, [])] for key in SECTION_KEYS}


def coping_lines(sections: dict[str, list[str]] | None) -> list[str]:
    """The plan's own coping ideas (things I can do on my own; people and places)."""
    if not sections:
        return []
    return [*sections.get("coping_alone", []), *sections.get("distractions", [])]


def preferences(owner: Owner) -> SpacePreferences:
    row = owner.rows(Preferences).first()
    if row is None:
        return SpacePreferences()
    try:
        content = row.content
    except ValueError:
        return SpacePreferences()
    return SpacePreferences(show_days_since=bool(content.get("show_days_since", False)))


def _decrypt(rows: Iterable[Any], build: Callable[[Any], T]) -> Readable[T]:
    items: list[T] = []
    unreadable = 0
    for row in rows:
        try:
            items.append(build(row))
        except (ValueError, KeyError, TypeError):
            unreadable += 1
    return Readable(items, unreadable)
