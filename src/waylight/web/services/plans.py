"""Safety-plan writes, for a device or a signed-in account (`Owner`)."""

from __future__ import annotations

from django.db import transaction

from waylight.web.models import SafetyPlan
from waylight.web.owner import Owner
from waylight.web.services.erase import Erased, erase

PLAN_FORMAT_VERSION = 1


class PlanUnreadable(Exception):
    """The stored plan cannot be decrypted: saving over it would destroy it, so we refuse."""


def save_plan(owner: Owner, sections: dict[str, list[str]]) -> SafetyPlan:
    """Create or replace the owner's plan (encrypted with the newest key)."""
    from waylight.web.crypto import Undecryptable

    with transaction.atomic():
        plan = owner.rows(SafetyPlan).select_for_update().first()
        if plan is None:
            plan = owner.stamp(SafetyPlan())
        else:
            try:
                plan.content  # noqa: B018 - reading it is the check
            except Undecryptable as exc:
                raise PlanUnreadable from exc
        plan.content = {"version": PLAN_FORMAT_VERSION, "sections": sections}
        plan.save()
    return plan


def delete_plan(owner: Owner) -> Erased:
    return erase(owner.rows(SafetyPlan))
