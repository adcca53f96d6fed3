"""Key rotation: rewrite every encrypted value with the newest key (`waylight keys reencrypt`).

Every column behind an `EncryptedJSON` attribute, in every installed app (a person's plan and
journal, the triage queue's posts, author ids, notes and webhook secrets), is found by looking
at the models, so a new encrypted column is rotated without being listed here. Empty values
(an erased text, a decision without a note) are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.db.models import Model

from waylight.web.crypto import EncryptedJSON, Undecryptable, made_with_newest_key, reencrypt
from waylight.web.services.erase import scrub_database_files


@dataclass(frozen=True)
class Rotated:
    rewritten: int
    already_current: int
    unreadable: int  # values no configured key opens: left untouched, never overwritten


def encrypted_columns() -> list[tuple[type[Model], str]]:
    """(model, column) for every encrypted column of every installed model."""
    found: list[tuple[type[Model], str]] = []
    for model in apps.get_models():
        columns = {
            attr.column
            for klass in model.__mro__
            for attr in vars(klass).values()
            if isinstance(attr, EncryptedJSON)
        }
        found += [(model, column) for column in sorted(columns)]
    return found


def reencrypt_all() -> Rotated:
    rewritten = current = unreadable = 0
    for model, column in encrypted_columns():
        manager = model._default_manager
        for pk in manager.exclude(**{column: ""}).values_list("pk", flat=True):
            with transaction.atomic():
                row = manager.select_for_update().filter(pk=pk).first()
                if row is None:
                    continue
                token = getattr(row, column)
                if not token:
                    continue
                if made_with_newest_key(token):
                    current += 1
                    continue
                try:
                    setattr(row, column, reencrypt(token))
                except Undecryptable:
                    unreadable += 1
                    continue
                row.save(update_fields=[column])
                rewritten += 1
    if rewritten:
        # The old ciphertext must not stay behind in the write-ahead log either.
        scrub_database_files()
    return Rotated(rewritten, current, unreadable)
