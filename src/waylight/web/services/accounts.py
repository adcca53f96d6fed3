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


def delete_account(user: Any) -> int:
    """Erase everything in the account, then the account itself; returns rows erased."""
    erased = erase_everything(Owner(user, None))
    with transaction.atomic():
        user.delete()  # sessions end too: they are found by this user's id and hash
    scrub_database_files()
    return erased
