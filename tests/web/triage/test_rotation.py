"""Rotating the encryption keys covers every app: the queue's posts, author ids, notes and
secrets, a person's things, and the professional workspace's invitations, shares and notes."""

from __future__ import annotations

from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.test import Client
from tests.web.triage.conftest import URGENT, post, send

from waylight.web import crypto
from waylight.web.services.rotation import encrypted_columns, reencrypt_all
from waylight.web.triage.models import ApiKey, AuthorTimeline, Decision, QueuedPost
from waylight.web.triage.services.apikeys import create_key

pytestmark = pytest.mark.django_db


def test_every_encrypted_column_of_the_queue_is_rotated(
    client: Client, reviewer: Any, as_: Any, settings: Any
) -> None:
    columns = {(m.__name__, c) for m, c in encrypted_columns()}
    assert {
        ("QueuedPost", "ciphertext"),
        ("AuthorTimeline", "author_ciphertext"),
        ("Decision", "note_ciphertext"),
        ("ApiKey", "webhook_secret_ciphertext"),
        ("SafetyPlan", "ciphertext"),
        ("Invitation", "ciphertext"),
        ("CareLink", "ciphertext"),
        ("FlagAcknowledgement", "ciphertext"),
    } <= columns
    made = create_key("Forum R", webhook_url="https://forum.example/hooks")
    send(client, made.key, [post("r1", URGENT, author="ra")])
    queued = QueuedPost.objects.get()
    as_(reviewer).post(
        f"/triage/posts/{queued.pk}/decide/", {"action": "escalated", "note": "call them"}
    )
    new = Fernet.generate_key().decode()
    settings.ENCRYPTION_KEYS = (new, *settings.ENCRYPTION_KEYS)
    rotated = reencrypt_all()
    assert (rotated.rewritten, rotated.unreadable) == (4, 0)
    settings.ENCRYPTION_KEYS = (new,)  # the old key can go
    assert QueuedPost.objects.get().content["text"] == URGENT
    assert AuthorTimeline.objects.get().author == "ra"
    assert Decision.objects.get().note == "call them"
    assert ApiKey.objects.get().webhook_secret == made.webhook_secret
    assert crypto.made_with_newest_key(QueuedPost.objects.get().ciphertext)
    assert reencrypt_all().already_current == 4


def test_every_ciphertext_column_of_every_app_is_found_by_the_rotation() -> None:
    from django.apps import apps

    found = {(m._meta.label, c) for m, c in encrypted_columns()}
    stored = {
        (model._meta.label, field.column)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if field.column.endswith("ciphertext")
    }
    assert stored == found
    assert {label.split(".")[0] for label, _ in found} == {"waylight_web", "waylight_triage"}
