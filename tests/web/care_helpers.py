"""Helpers for the sharing tests: a person with data, professionals with a second factor,
supporters, invitations made and accepted through the real pages."""

from __future__ import annotations

import re
import time
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from waylight.core.assess import assess
from waylight.core.recover.journal import CheckIn
from waylight.web.models import JournalEntry, KeptResult, ProfessionalProfile
from waylight.web.services import accounts as account_service
from waylight.web.services import professionals as pro_service

PASSWORD = "blue kettle on a quiet morning"
User = get_user_model()


def person(client: Client, name: str = "sam") -> Any:
    """A person's account, signed in on `client`."""
    user = account_service.create_account(name, PASSWORD)
    client.force_login(user)
    return user


def totp_token(device: TOTPDevice, *, step_offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + step_offset * device.step
    return f"{totp.token():06d}"


def professional(
    client: Client, name: str = "drlee", *, verified: bool = True, second_factor: bool = True
) -> Any:
    """A professional signed in on `client`, with a confirmed TOTP device and (by default) the
    second factor typed in this session and an admin's verification."""
    user = pro_service.create_professional(
        name,
        PASSWORD,
        display_name=f"Dr {name.title()}",
        title="School counsellor",
        organisation="Hill School",
    )
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    if verified:
        pro_service.verify_professional(ProfessionalProfile.objects.get(user=user), by=None)
    client.post("/account/login/", {"username": name, "password": PASSWORD})
    if second_factor:
        response = client.post("/pro/two-factor/", {"token": totp_token(device)})
        assert response.status_code == 302, response.content.decode()[:500]
    return user


def supporter(client: Client, name: str = "mum") -> Any:
    return person(client, name)


def invite(
    client: Client,
    *,
    role: str = "professional",
    parts: tuple[str, ...] = ("results", "check_ins", "plan", "note_flags"),
    name: str = "Sam",
) -> str:
    """Make an invitation through the page; the code shown once."""
    response = client.post(
        "/sharing/invite/",
        {"role": role, "parts": list(parts), "valid_for": "3", "name": name, "message": ""},
    )
    assert response.status_code == 200, response.content.decode()[:800]
    found = re.search(r'id="invite-code">([A-Z0-9-]+)<', response.content.decode())
    assert found is not None
    return found.group(1)


def accept(client: Client, code: str) -> str:
    """Accept through the page; the share's reference (from the redirect)."""
    response = client.post("/care/accept/", {"code": code})
    assert response.status_code == 302, response.content.decode()[:800]
    found = re.search(r"/care/people/([a-f0-9]+)/", response["Location"])
    assert found is not None
    return found.group(1)


def keep(user: Any, instrument: str, answers: list[str], when: datetime) -> KeptResult:
    """A kept result in the person's account, as the check flow stores one."""
    result = assess(instrument, answers, country="GB")
    kept = KeptResult(owner=user, device_key_hash="", instrument=instrument)
    kept.content = {
        "answers": answers,
        "result": result.to_dict(),
        "band_label": result.band_label,
        "result_label": result.result_label,
    }
    kept.save()
    KeptResult.objects.filter(pk=kept.pk).update(created_at=when)
    return kept


def check_in(
    user: Any,
    day: date,
    *,
    mood: int = 5,
    urge: int = 2,
    harmed: bool | None = False,
    note: str = "",
    concern: str = "none",
) -> JournalEntry:
    row = JournalEntry(owner=user, device_key_hash="", day=day)
    entry = CheckIn(day=day, mood=mood, urge=urge, harmed=harmed, note=note)
    row.content = {
        "version": 1,
        "check_in": entry.to_dict(),
        "concern": concern,
        "help_now": concern == "urgent",
    }
    row.save()
    return row


def phq9(total: int, item9: int = 0) -> list[str]:
    answers, left = [], total - item9
    for _ in range(8):
        value = min(3, left)
        answers.append(str(value))
        left -= value
    assert left == 0
    return [*answers, str(item9)]


def ago(days: float) -> datetime:
    return timezone.now() - timedelta(days=days)
