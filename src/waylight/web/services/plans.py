"""Safety-plan writes."""

from __future__ import annotations

from django.db import transaction

from waylight.web.models import SafetyPlan
from waylight.web.services.erase import Erased, erase

PLAN_FORMAT_VERSION = 1


class PlanUnreadable(Exception):
    """The stored plan cannot be decrypted: saving over it would destroy it, so we refuse."""


def save_plan(key_hash: str, sections: dict[str, list[str]]) -> SafetyPlan:
    """Create or replace this device's plan (encrypted with the newest key)."""
    from waylight.web.crypto import Undecryptable

    with transaction.atomic():
        plan = SafetyPlan.objects.select_for_update().filter(device_key_hash=key_hash).first()
        if plan is None:
            plan = SafetyPlan(device_key_hash=key_hash)
        else:
            try:
                plan.content  # noqa: B018 - reading it is the check
            except Undecryptable as exc:
                raise PlanUnreadable from exc
        plan.content = {"version": PLAN_FORMAT_VERSION, "sections": sections}
        plan.save()
    return plan


def delete_plan(key_hash: str) -> Erased:
    return erase(SafetyPlan.objects.filter(device_key_hash=key_hash))
