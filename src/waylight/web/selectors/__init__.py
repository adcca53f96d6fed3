"""Reads: what a device (or an account) holds, decrypted, with unreadable rows reported
instead of hidden.

Views read through these functions and never query the models themselves (writes go through
waylight.web.services). The plan and results are here; My space's reads are in `space`,
`progress` and `export`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from waylight.web.crypto import Undecryptable
from waylight.web.models import Device, KeptResult, SafetyPlan, device_owned_models
from waylight.web.owner import Owner

log = logging.getLogger("waylight.web.selectors")


def device_is_known(key_hash: str) -> bool:
    """Whether the server issued the key with this hash (and it was not erased since)."""
    return Device.objects.filter(key_hash=key_hash).exists()


def device_has_data(key_hash: str) -> bool:
    """Whether anything is kept for this device: a plan, a result, or any later kind of data."""
    return any(
        model.objects.filter(device_key_hash=key_hash).exists() for model in device_owned_models()
    )


@dataclass(frozen=True)
class StoredPlan:
    """A device's safety plan; `sections` is None when no configured key can open it."""

    id: int
    created_at: datetime
    updated_at: datetime
    sections: dict[str, list[str]] | None

    @property
    def readable(self) -> bool:
        return self.sections is not None


def plan_for_device(key_hash: str | None, section_keys: tuple[str, ...]) -> StoredPlan | None:
    return plan_for_owner(Owner(None, key_hash), section_keys)


def plan_for_owner(owner: Owner, section_keys: tuple[str, ...]) -> StoredPlan | None:
    """This device's plan, or the signed-in account's."""
    plan = owner.rows(SafetyPlan).first()
    if plan is None:
        return None
    sections: dict[str, list[str]] | None
    try:
        content: dict[str, Any] = plan.content
    except Undecryptable:
        log.warning("safety plan %s cannot be decrypted with the configured keys", plan.pk)
        sections = None
    else:
        stored = content.get("sections", {})
        sections = {key: [str(line) for line in stored.get(key, [])] for key in section_keys}
    return StoredPlan(plan.pk, plan.created_at, plan.updated_at, sections)


@dataclass(frozen=True)
class StoredResult:
    id: int
    instrument: str
    created_at: datetime
    content: dict[str, Any]


@dataclass(frozen=True)
class DeviceResults:
    readable: list[StoredResult]
    unreadable: int  # kept results no configured key can open: reported, never hidden


def results_for_device(key_hash: str | None) -> DeviceResults:
    return results_for_owner(Owner(None, key_hash))


def results_for_owner(owner: Owner) -> DeviceResults:
    """Kept results of this device, or of the signed-in account, newest first."""
    readable: list[StoredResult] = []
    unreadable = 0
    for kept in owner.rows(KeptResult):
        try:
            content = kept.content
        except Undecryptable:
            log.warning("kept result %s cannot be decrypted with the configured keys", kept.pk)
            unreadable += 1
            continue
        readable.append(StoredResult(kept.pk, kept.instrument, kept.created_at, content))
    return DeviceResults(readable, unreadable)
