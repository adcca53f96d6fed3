"""Kept-result writes, for a device or a signed-in account (`Owner`)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from waylight.web.models import KeptResult
from waylight.web.owner import Owner
from waylight.web.services.erase import Erased, erase


def keep_result(
    owner: Owner, instrument: str, content: dict[str, Any], replay_key: str
) -> tuple[KeptResult, bool]:
    """Keep a result once: the same questionnaire run kept again returns the first copy."""
    existing = owner.rows(KeptResult).filter(replay_key=replay_key).first()
    if existing is not None:
        return existing, False
    kept = owner.stamp(KeptResult(instrument=instrument, replay_key=replay_key))
    kept.content = content
    try:
        with transaction.atomic():
            kept.save()
    except IntegrityError:
        # Two identical posts at the same moment: the other one kept it.
        return owner.rows(KeptResult).get(replay_key=replay_key), False
    return kept, True


def delete_result(owner: Owner, result_id: int) -> Erased:
    return erase(owner.rows(KeptResult).filter(pk=result_id))
