"""Key rotation: rewrite every encrypted row with the newest key (`waylight keys reencrypt`)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from waylight.web.crypto import Undecryptable, made_with_newest_key, reencrypt
from waylight.web.models import device_owned_models
from waylight.web.services.erase import scrub_database_files


@dataclass(frozen=True)
class Rotated:
    rewritten: int
    already_current: int
    unreadable: int  # rows no configured key opens: left untouched, never overwritten


def reencrypt_all() -> Rotated:
    rewritten = current = unreadable = 0
    for model in device_owned_models():
        for pk in model.objects.values_list("pk", flat=True):
            with transaction.atomic():
                row = model.objects.select_for_update().filter(pk=pk).first()
                if row is None:
                    continue
                if made_with_newest_key(row.ciphertext):
                    current += 1
                    continue
                try:
                    row.ciphertext = reencrypt(row.ciphertext)
                except Undecryptable:
                    unreadable += 1
                    continue
                row.save(update_fields=["ciphertext"])
                rewritten += 1
    if rewritten:
        # The old ciphertext must not stay behind in the write-ahead log either.
        scrub_database_files()
    return Rotated(rewritten, current, unreadable)
