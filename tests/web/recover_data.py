"""Helpers for the Recover web tests: a device with kept results and a run of check-ins."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from django.test import Client

from waylight.core.assess import assess
from waylight.core.recover.journal import CheckIn
from waylight.web.device import hash_device_key
from waylight.web.models import JournalEntry, KeptResult


def device_hash(client: Client) -> str:
    """This client's device-key hash, giving it a key first (by opening the check-in form)."""
    if "waylight_device" not in client.cookies:
        client.post("/progress/days-since/", {"show": "off"})
    return hash_device_key(client.cookies["waylight_device"].value)


def phq9_answers(total: int, item9: int = 0) -> list[str]:
    answers, left = [], total - item9
    for _ in range(8):
        value = min(3, left)
        answers.append(str(value))
        left -= value
    assert left == 0
    return [*answers, str(item9)]


def keep_result(client: Client, instrument: str, answers: list[str], when: datetime) -> KeptResult:
    """A kept result exactly as the check flow stores one, dated `when`."""
    result = assess(instrument, answers, country="GB")
    kept = KeptResult(device_key_hash=device_hash(client), instrument=instrument)
    kept.content = {
        "answers": answers,
        "result": result.to_dict(),
        "band_label": result.band_label,
        "result_label": result.result_label,
    }
    kept.save()
    KeptResult.objects.filter(pk=kept.pk).update(created_at=when)
    return kept


def add_check_ins(client: Client, days: int, *, end: date, harmed_on: set[int] = frozenset()):
    """`days` daily check-ins ending on `end` (mood and urge vary), stored as the service does."""
    key_hash = device_hash(client)
    rows = []
    for n in range(days):
        day = end - timedelta(days=days - 1 - n)
        entry = CheckIn(
            day=day,
            mood=(n * 3) % 11,
            urge=(n * 7) % 11,
            harmed=(n in harmed_on) if n % 5 else None,
            note=f"day {n}",
        )
        row = JournalEntry(device_key_hash=key_hash, day=day)
        row.content = {
            "version": 1,
            "check_in": entry.to_dict(),
            "concern": "none",
            "help_now": False,
        }
        rows.append(row)
    JournalEntry.objects.bulk_create(rows)


def utc(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
