"""What the web app stores: plans, kept results, the journal, urges ridden out, preferences.

Each row belongs to one device (by the SHA-256 hash of its private key) or, once a person has
an account and brought their things into it, to that account (`owner`; the device hash is then
emptied). Nothing personal is readable without the encryption key: the person's words and
numbers live only in the `ciphertext` fields. Only the day of a journal entry is in the clear,
so entries can be ordered and picked by date without decrypting them all.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models

from waylight.web.crypto import decrypt_json, encrypt_json


class DeviceOwned(models.Model):
    device_key_hash: models.CharField[str, str] = models.CharField(max_length=64, db_index=True)
    owner: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    ciphertext: models.TextField[str, str] = models.TextField()
    created_at: models.DateTimeField[Any, datetime] = models.DateTimeField(auto_now_add=True)
    updated_at: models.DateTimeField[Any, datetime] = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def content(self) -> Any:
        return decrypt_json(self.ciphertext)

    @content.setter
    def content(self, value: Any) -> None:
        self.ciphertext = encrypt_json(value)


def one_per_device_or_account(name: str) -> tuple[models.UniqueConstraint, ...]:
    """At most one row per device without an account, and at most one per account."""
    return (
        models.UniqueConstraint(
            fields=["device_key_hash"],
            condition=models.Q(owner__isnull=True),
            name=f"one_{name}_per_device",
        ),
        models.UniqueConstraint(
            fields=["owner"],
            condition=models.Q(owner__isnull=False),
            name=f"one_{name}_per_account",
        ),
    )


class SafetyPlan(DeviceOwned):
    """One safety plan per device (or per account once claimed)."""

    class Meta:
        constraints = one_per_device_or_account("plan")


class KeptResult(DeviceOwned):
    """A check result the person chose to keep on this device (the default is not to keep)."""

    instrument: models.CharField[str, str] = models.CharField(max_length=32)

    class Meta:
        ordering = ("-created_at",)


class JournalEntry(DeviceOwned):
    """One daily check-in (mood, urge, self-harm yes/no, coping, sleep, note), encrypted.

    `submission` is the hash of the form's one-time token (and, for a check-in sent again after
    being offline, the time it was queued), so a form sent twice is saved once.
    """

    day: models.DateField[Any, Any] = models.DateField(db_index=True)
    submission: models.CharField[str, str] = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ("-day", "-created_at")
        constraints = (
            models.UniqueConstraint(
                fields=["submission"],
                condition=~models.Q(submission=""),
                name="one_entry_per_submission",
            ),
        )


class UrgeRide(DeviceOwned):
    """An urge ridden out with the toolbox timer: before, after, minutes, what helped."""

    class Meta:
        ordering = ("-created_at",)


class Preferences(DeviceOwned):
    """Small choices about My space (for now: show the "days since" counter)."""

    class Meta:
        constraints = one_per_device_or_account("preferences")


class Throttle(models.Model):
    """A count of recent attempts for a rate limit; `key` is a keyed hash, never a name."""

    key: models.CharField[str, str] = models.CharField(max_length=64, unique=True)
    window_start: models.DateTimeField[Any, datetime] = models.DateTimeField()
    count: models.PositiveIntegerField[int, int] = models.PositiveIntegerField(default=0)
