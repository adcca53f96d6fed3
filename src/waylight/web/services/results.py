"""Kept-result writes."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from waylight.web.models import KeptResult
from waylight.web.services.erase import Erased, erase


def keep_result(
    key_hash: str, instrument: str, content: dict[str, Any], replay_key: str
) -> tuple[KeptResult, bool]:
    """Keep a result once: the same questionnaire run kept again returns the first copy."""
    existing = KeptResult.objects.filter(device_key_hash=key_hash, replay_key=replay_key).first()
    if existing is not None:
        return existing, False
    kept = KeptResult(device_key_hash=key_hash, instrument=instrument, replay_key=replay_key)
    kept.content = content
    try:
        with transaction.atomic():
            kept.save()
    except IntegrityError:
        # Two identical posts at the same moment: the other one kept it.
        return KeptResult.objects.get(device_key_hash=key_hash, replay_key=replay_key), False
    return kept, True


def delete_result(key_hash: str, result_id: int) -> Erased:
    return erase(KeptResult.objects.filter(pk=result_id, device_key_hash=key_hash))
