"""What the web app stores: safety plans and kept check results, found by a device-key hash.

Nothing here is readable without the encryption key: the person's words live only in the
`ciphertext` fields. `owner` stays empty until the accounts issue lets a person move what they
made on a device into an account (see `claim_device_data` in waylight.web.claims).
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


class SafetyPlan(DeviceOwned):
    """One safety plan per device (or per account once claimed)."""

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["device_key_hash"], name="one_plan_per_device"),
        )


class KeptResult(DeviceOwned):
    """A check result the person chose to keep on this device (the default is not to keep)."""

    instrument: models.CharField[str, str] = models.CharField(max_length=32)

    class Meta:
        ordering = ("-created_at",)
