"""What the web app stores: devices, plans, kept results, the journal, urges ridden out,
preferences, and rate-limit counters.

Nothing personal is readable without the encryption keys (kept apart from the database): the
person's words and numbers live only in `ciphertext` columns, through `EncryptedJSON`. Only the
day of a journal entry is in the clear, so entries can be ordered and picked by date without
decrypting them all. A device is known by the SHA-256 hash of a key the server issued
(`Device`); rows made on it carry that hash. Once a person has an account and brought their
things into it (`claim_device_data` in waylight.web.claims), rows belong to the account
(`owner`) and their device hash is emptied (waylight.web.owner decides every query's scope).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models

from waylight.web.crypto import EncryptedJSON


class Device(models.Model):
    """A device key the server issued; only these are accepted (waylight.web.device)."""

    key_hash: models.CharField[str, str] = models.CharField(max_length=64, unique=True)
    created_at: models.DateTimeField[Any, datetime] = models.DateTimeField(auto_now_add=True)


class DeviceOwned(models.Model):
    """Base of everything a person keeps on a device: found by the device hash, encrypted."""

    device_key_hash: models.CharField[str, str] = models.CharField(max_length=64, db_index=True)
    owner: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    ciphertext: models.TextField[str, str] = models.TextField()
    created_at: models.DateTimeField[Any, datetime] = models.DateTimeField(auto_now_add=True)
    updated_at: models.DateTimeField[Any, datetime] = models.DateTimeField(auto_now=True)

    content: EncryptedJSON[Any] = EncryptedJSON("ciphertext")

    class Meta:
        abstract = True


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
    # The same "keep" posted twice (a double tap, a reload) keeps one copy: this is a hash of
    # the questionnaire run and its answers, unique per device.
    replay_key: models.CharField[str | None, str | None] = models.CharField(
        max_length=64, null=True, blank=True
    )

    class Meta:
        ordering = ("-created_at",)
        constraints = (
            models.UniqueConstraint(
                fields=["device_key_hash", "replay_key"], name="keep_once_per_device"
            ),
        )


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


def device_owned_models() -> list[type[DeviceOwned]]:
    """Every concrete model that holds a person's data by device (for erasure and rotation)."""
    from django.apps import apps

    return [
        model
        for model in apps.get_models()
        if issubclass(model, DeviceOwned) and not model._meta.abstract
    ]


class RateCounter(models.Model):
    """Requests counted per client and limit group in the current window (waylight.web.ratelimit).

    `bucket` is a keyed hash, never the client's address.
    """

    bucket: models.CharField[str, str] = models.CharField(max_length=64, primary_key=True)
    period_start: models.BigIntegerField[int, int] = models.BigIntegerField()
    hits: models.IntegerField[int, int] = models.IntegerField(default=0)
