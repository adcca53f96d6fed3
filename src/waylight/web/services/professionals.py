"""Professional and admin accounts: made, verified by an admin, and given a second factor.

A professional signs up with their name, job title and organisation, sets up a TOTP second
factor, and then waits: until an admin verifies them, they see nobody and cannot accept an
invitation. Admins are made from the command line (`waylight admin create`) and also sign in
with a second factor before the admin site opens.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from waylight.web.models import ProfessionalProfile
from waylight.web.roles import ADMIN, PROFESSIONAL


def create_professional(
    username: str, password: str, *, display_name: str, title: str, organisation: str
) -> Any:
    """A new, unverified professional account (no `person` role, no data of its own)."""
    with transaction.atomic():
        manager: Any = get_user_model().objects
        user = manager.create_user(username=username, password=password)
        user.groups.add(Group.objects.get_or_create(name=PROFESSIONAL)[0])
        ProfessionalProfile.objects.create(
            user=user, display_name=display_name, title=title, organisation=organisation
        )
    return user


def create_admin(username: str, password: str) -> Any:
    """An admin: staff for the admin site (which also needs their second factor)."""
    with transaction.atomic():
        manager: Any = get_user_model().objects
        user = manager.create_user(username=username, password=password, is_staff=True)
        group = Group.objects.get_or_create(name=ADMIN)[0]
        group.permissions.add(*admin_permissions())
        user.groups.add(group)
    return user


# What the admin site lets an admin do: verify professionals, reset a lost second factor,
# manage the triage queue's API keys.
ADMIN_PERMISSIONS = (
    ("waylight_web", "view_professionalprofile"),
    ("waylight_web", "change_professionalprofile"),
    ("otp_totp", "view_totpdevice"),
    ("otp_totp", "delete_totpdevice"),
    # The triage queue: make and revoke platforms' API keys, see webhook deliveries.
    ("waylight_triage", "view_apikey"),
    ("waylight_triage", "add_apikey"),
    ("waylight_triage", "change_apikey"),
    ("waylight_triage", "view_webhookdelivery"),
)


def admin_permissions() -> list[Any]:
    from django.contrib.auth.models import Permission

    return [
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in ADMIN_PERMISSIONS
    ]


def verify_professional(profile: ProfessionalProfile, by: Any | None) -> None:
    """Mark a professional as checked by an admin (their identity and their role)."""
    ProfessionalProfile.objects.filter(pk=profile.pk).update(
        verified_at=timezone.now(), verified_by=by
    )


def withdraw_verification(profile: ProfessionalProfile) -> None:
    """They see nobody again from their next request on; their shares stay for the person."""
    ProfessionalProfile.objects.filter(pk=profile.pk).update(verified_at=None, verified_by=None)
