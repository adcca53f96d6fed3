"""Accounts: made with a user name and a password only, and deleted with everything in them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from waylight.web.claims import Claimed, claim_device_data
from waylight.web.owner import Owner
from waylight.web.roles import PERSON
from waylight.web.services.erase import erase_everything, scrub_database_files


def create_account(username: str, password: str) -> Any:
    """A new account in the `person` role (Argon2id password hash; no email, no phone)."""
    with transaction.atomic():
        manager: Any = get_user_model().objects
        user = manager.create_user(username=username, password=password)
        group, _ = Group.objects.get_or_create(name=PERSON)
        user.groups.add(group)
    return user


def bring_device_data(user: Any, device_key: str | None) -> Claimed | None:
    """Move this device's plan, results and journal into the account (None: no device key)."""
    if not device_key:
        return None
    return claim_device_data(device_key, user)


def _sessions_of(user: Any) -> list[str]:
    """The keys of every session signed in as `user` (on any device)."""
    from django.contrib.sessions.models import Session

    wanted = str(user.pk)
    return [
        session.session_key
        for session in Session.objects.all().iterator()
        if str(session.get_decoded().get("_auth_user_id", "")) == wanted
    ]


def delete_account(user: Any) -> int:
    """Erase everything in the account, its sessions on every device, then the account."""
    from django.contrib.sessions.models import Session

    erased = erase_everything(Owner(user, None)).rows
    with transaction.atomic():
        Session.objects.filter(session_key__in=_sessions_of(user)).delete()
        user.delete()
    scrub_database_files()
    return erased
