"""Bringing what was made on a device into a person's account, in one step.

`claim_device_data(device_key, user)` gives the account every plan, kept result, check-in,
urge ridden out and preference made with that device key and not yet in an account. The rows
keep their encrypted content, gain an owner and lose the device hash, so after signing out the
device shows none of them. An account holds one safety plan: when it already has one, the
device's plan stays on the device (and `plan_left_on_device` says so) rather than overwriting
either. The same goes for preferences.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from waylight.web.device import hash_device_key
from waylight.web.models import JournalEntry, KeptResult, Preferences, SafetyPlan, UrgeRide


@dataclass(frozen=True)
class Claimed:
    plans: int
    results: int
    check_ins: int = 0
    urges: int = 0
    plan_left_on_device: bool = False

    @property
    def anything(self) -> bool:
        return bool(self.plans or self.results or self.check_ins or self.urges)


def claim_device_data(device_key: str, user: AbstractBaseUser) -> Claimed:
    """Give `user` everything made with `device_key` that is not in an account yet."""
    key_hash = hash_device_key(device_key)
    moved: dict[str, int] = {}
    left = False
    with transaction.atomic():
        for name, model in (
            ("results", KeptResult),
            ("check_ins", JournalEntry),
            ("urges", UrgeRide),
        ):
            moved[name] = model.objects.filter(device_key_hash=key_hash, owner__isnull=True).update(
                owner=user, device_key_hash=""
            )
        for name, one_per_account in (("plans", SafetyPlan), ("preferences", Preferences)):
            on_device = one_per_account.objects.filter(device_key_hash=key_hash, owner__isnull=True)
            if one_per_account.objects.filter(owner=user).exists():
                moved[name] = 0
                left = left or (name == "plans" and on_device.exists())
            else:
                moved[name] = on_device.update(owner=user, device_key_hash="")
    return Claimed(
        plans=moved["plans"],
        results=moved["results"],
        check_ins=moved["check_ins"],
        urges=moved["urges"],
        plan_left_on_device=left,
    )
