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
        ordering = ("-created_at", "-pk")
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
        ordering = ("-day", "-created_at", "-pk")
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
        ordering = ("-created_at", "-pk")


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


# ---------------------------------------------------------------- sharing (professional workspace)
# A person shares with a supporter or a professional by an invitation they make (`Invitation`);
# once accepted, a `CareLink` says who sees which parts (waylight.core.care.consent). Every read
# and write of a person's data by anyone but the person is an `AuditEvent`. Free text (the name
# the person is shown as, messages, acknowledgement notes) is encrypted like everything else.


class ProfessionalProfile(models.Model):
    """A professional's name and organisation, and whether an admin has verified them."""

    user: models.OneToOneField[Any, Any] = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="professional_profile"
    )
    display_name: models.CharField[str, str] = models.CharField(max_length=120)
    title: models.CharField[str, str] = models.CharField(max_length=120)
    organisation: models.CharField[str, str] = models.CharField(max_length=160)
    created_at: models.DateTimeField[Any, datetime] = models.DateTimeField(auto_now_add=True)
    verified_at: models.DateTimeField[Any, datetime | None] = models.DateTimeField(
        null=True, blank=True
    )
    verified_by: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    def __str__(self) -> str:
        return f"{self.display_name} ({self.title}, {self.organisation})"

    @property
    def verified(self) -> bool:
        return self.verified_at is not None


class Invitation(models.Model):
    """A one-time code a person gives to someone; only its SHA-256 hash is kept."""

    person: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    code_hash: models.CharField[str, str] = models.CharField(max_length=64, unique=True)
    for_role: models.CharField[str, str] = models.CharField(max_length=16)
    parts: models.CharField[str, str] = models.CharField(max_length=100, blank=True)
    # {"name": how the person is shown, "message": a word to the one invited}
    ciphertext: models.TextField[str, str] = models.TextField()
    created_at: models.DateTimeField[Any, datetime] = models.DateTimeField(auto_now_add=True)
    expires_at: models.DateTimeField[Any, datetime] = models.DateTimeField()
    used_at: models.DateTimeField[Any, datetime | None] = models.DateTimeField(
        null=True, blank=True
    )
    cancelled_at: models.DateTimeField[Any, datetime | None] = models.DateTimeField(
        null=True, blank=True
    )

    content: EncryptedJSON[Any] = EncryptedJSON("ciphertext")

    class Meta:
        ordering = ("-created_at", "-pk")


class CareLink(models.Model):
    """One person sharing with one viewer: which parts, since when, and whether it ended.

    `ref` is the random id in the viewer's addresses: it says nothing about the person, and
    a link that is not the viewer's (or has ended) is simply not found.
    """

    ref: models.CharField[str, str] = models.CharField(max_length=32, unique=True)
    person: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_links"
    )
    viewer: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_viewing"
    )
    role: models.CharField[str, str] = models.CharField(max_length=16)
    parts: models.CharField[str, str] = models.CharField(max_length=100, blank=True)
    # {"name": how the person is shown to the viewer}
    ciphertext: models.TextField[str, str] = models.TextField()
    created_at: models.DateTimeField[Any, datetime] = models.DateTimeField(auto_now_add=True)
    changed_at: models.DateTimeField[Any, datetime] = models.DateTimeField(auto_now=True)
    revoked_at: models.DateTimeField[Any, datetime | None] = models.DateTimeField(
        null=True, blank=True
    )

    content: EncryptedJSON[Any] = EncryptedJSON("ciphertext")

    class Meta:
        ordering = ("-created_at", "-pk")
        constraints = (
            models.UniqueConstraint(
                fields=["person", "viewer"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_open_link_per_person_and_viewer",
            ),
        )


class FlagAcknowledgement(models.Model):
    """A professional saying they have seen a flag and acted: who, when, an optional note."""

    link: models.ForeignKey[Any, Any] = models.ForeignKey(
        CareLink, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    flag_key: models.CharField[str, str] = models.CharField(max_length=80)
    kind: models.CharField[str, str] = models.CharField(max_length=24)
    by: models.ForeignKey[Any, Any] = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_name: models.CharField[str, str] = models.CharField(max_length=120)
    at: models.DateTimeField[Any, datetime] = models.DateTimeField(auto_now_add=True)
    # {"note": the optional note}
    ciphertext: models.TextField[str, str] = models.TextField()

    content: EncryptedJSON[Any] = EncryptedJSON("ciphertext")

    class Meta:
        ordering = ("-at", "-pk")
        constraints = (
            models.UniqueConstraint(fields=["link", "flag_key"], name="acknowledge_a_flag_once"),
        )


class QuestionnaireRequest(models.Model):
    """A professional asking the person to fill in a questionnaire; shown in their space."""

    link: models.ForeignKey[Any, Any] = models.ForeignKey(
        CareLink, on_delete=models.CASCADE, related_name="requests"
    )
    instrument: models.CharField[str, str] = models.CharField(max_length=16)
    by_name: models.CharField[str, str] = models.CharField(max_length=120)
    requested_at: models.DateTimeField[Any, datetime] = models.DateTimeField(auto_now_add=True)
    dismissed_at: models.DateTimeField[Any, datetime | None] = models.DateTimeField(
        null=True, blank=True
    )

    class Meta:
        ordering = ("-requested_at", "-pk")


class AuditSubject(models.Model):
    """The random reference an account has in the audit log.

    Audit entries hold this reference, never the account's id; deleting the account deletes
    this row, after which the entries about it point at nobody (and still verify).
    """

    user: models.OneToOneField[Any, Any] = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="audit_subject"
    )
    ref: models.CharField[str, str] = models.CharField(max_length=32, unique=True)


class AuditEvent(models.Model):
    """One entry of the append-only, hash-chained audit log (waylight.core.care.audit).

    Who (a reference, a name and a role), what was done to whose data, when. No personal text.
    The database refuses UPDATE and DELETE on this table (triggers made by migration 0005).
    """

    seq: models.BigIntegerField[int, int] = models.BigIntegerField(unique=True)
    at: models.DateTimeField[Any, datetime] = models.DateTimeField()
    actor_ref: models.CharField[str, str] = models.CharField(max_length=32)
    actor_name: models.CharField[str, str] = models.CharField(max_length=150)
    actor_role: models.CharField[str, str] = models.CharField(max_length=16)
    subject_ref: models.CharField[str, str] = models.CharField(max_length=32, db_index=True)
    action: models.CharField[str, str] = models.CharField(max_length=16)
    what: models.CharField[str, str] = models.CharField(max_length=32)
    object_ref: models.CharField[str, str] = models.CharField(max_length=80, blank=True)
    prev_hash: models.CharField[str, str] = models.CharField(max_length=64)
    hash: models.CharField[str, str] = models.CharField(max_length=64)

    class Meta:
        ordering = ("seq",)


class AuditHead(models.Model):
    """The last sequence number and hash of the audit log: one row, locked by each append."""

    seq: models.BigIntegerField[int, int] = models.BigIntegerField(default=0)
    hash: models.CharField[str, str] = models.CharField(max_length=64)
