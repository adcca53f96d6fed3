"""The triage queue's cast: platforms with keys, and one account per role.

platform          an active key (no webhook, texts not kept)
keeping_platform  an active key whose platform allows keeping texts for retraining
other_platform    another platform's active key
revoked_key       a key that was revoked
person, professional, admin_user, reviewer   accounts (each a signed-in Client via `as_`)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from waylight.web.triage.services.apikeys import CreatedKey, create_key, revoke

PASSWORD = "a long enough password 42"


@pytest.fixture(autouse=True)
def _no_rate_limits_unless_asked(settings: Any) -> None:
    # Hundreds of calls from one test address are the point here; the limits have own tests.
    settings.RATE_LIMITS_ON = False
    settings.QUEUE_WEBHOOKS = False


@pytest.fixture
def platform(db: None) -> CreatedKey:
    return create_key("Forum A")


@pytest.fixture
def keeping_platform(db: None) -> CreatedKey:
    return create_key("Forum K", keep_texts=True)


@pytest.fixture
def other_platform(db: None) -> CreatedKey:
    return create_key("Chat B")


@pytest.fixture
def revoked_key(db: None) -> CreatedKey:
    made = create_key("Old forum")
    revoke(made.api_key.prefix)
    return made


def make_user(name: str, *groups: str, staff: bool = False, password: str | None = None) -> Any:
    """An account in these groups; without a password (tests sign in with force_login), which
    skips the deliberately slow password hash. `staff`: an admin as Waylight makes them (staff,
    the admin group's permissions) with a confirmed second factor, which `sign_in` uses."""
    user = get_user_model().objects.create_user(username=name, password=password)
    for group in groups:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    if staff:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from waylight.web.roles import ADMIN
        from waylight.web.services.professionals import admin_permissions

        admins = Group.objects.get_or_create(name=ADMIN)[0]
        admins.permissions.add(*admin_permissions())
        user.groups.add(admins)
        user.is_staff = True
        user.save()
        TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return user


def sign_in(client: Client, user: Any) -> Client:
    """Sign `user` in on `client`; an account with a second factor has passed it too."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def person(db: None) -> Any:
    return make_user("pat", "person")


@pytest.fixture
def professional(db: None) -> Any:
    return make_user("dr-lee", "person", "professional")


@pytest.fixture
def admin_user(db: None) -> Any:
    return make_user("ada", "person", "admin", staff=True)


@pytest.fixture
def reviewer(db: None) -> Any:
    return make_user("rae", "person", "reviewer")


@pytest.fixture
def as_() -> Callable[[Any], Client]:
    """`as_(user)`: a Client signed in as that account (None: anonymous)."""

    def client_for(user: Any) -> Client:
        client = Client()
        return client if user is None else sign_in(client, user)

    return client_for


def bearer(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def send(client: Client, key: str | None, posts: list[dict[str, Any]], **extra: Any) -> Any:
    headers = bearer(key) if key else {}
    return client.post(
        "/api/queue/posts",
        data=json.dumps({"posts": posts, **extra}),
        content_type="application/json",
        **headers,
    )


def post(
    ident: str,
    text: str,
    *,
    author: str = "u1",
    time: str = "2026-03-02T10:00:00Z",
    **extra: Any,
) -> dict[str, Any]:
    return {"id": ident, "text": text, "author": author, "time": time, **extra}


# Test texts in general words only (SPEC section 3): no method, place or plan detail.
URGENT = "I want to end it all, I can't go on anymore"
CONCERN_A = "I feel like a burden to everyone and nothing will ever get better"
WATCH = "So tired lately, I can't sleep and nothing feels worth doing"
PLAIN = "Does anyone know when the library opens on Sunday?"
