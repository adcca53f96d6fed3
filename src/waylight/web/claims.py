"""The seam for accounts: moving what was made on a device into a person's account.

The accounts issue calls `claim_device_data(device_key, user)` after a person signs in on a
device that already holds a safety plan or kept results. Nothing else needs to change: the rows
keep their encrypted content and gain an owner.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from waylight.web.device import hash_device_key
from waylight.web.models import KeptResult, SafetyPlan


@dataclass(frozen=True)
class Claimed:
    plans: int
    results: int


def claim_device_data(device_key: str, user: AbstractBaseUser) -> Claimed:
    """Give `user` every plan and kept result made with `device_key` that has no owner yet."""
    key_hash = hash_device_key(device_key)
    with transaction.atomic():
        plans = SafetyPlan.objects.filter(device_key_hash=key_hash, owner__isnull=True).update(
            owner=user
        )
        results = KeptResult.objects.filter(device_key_hash=key_hash, owner__isnull=True).update(
            owner=user
        )
    return Claimed(plans=plans, results=results)
