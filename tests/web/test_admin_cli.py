"""`waylight admin`: make an admin, list and verify professionals, withdraw a verification."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner
from django.contrib.auth import get_user_model

from waylight.cli.admin import admin
from waylight.web.models import ProfessionalProfile
from waylight.web.roles import ADMIN
from waylight.web.services import professionals as pro_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def ready(monkeypatch: pytest.MonkeyPatch, settings: Any) -> None:
    monkeypatch.setattr("waylight.cli.serve.prepare", lambda: "")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(admin, list(args), env=env)


def test_create_makes_a_staff_account_in_the_admin_group() -> None:
    result = run("create", "boss", "--password-env", "PW", env={"PW": "a quiet harbour at dawn"})
    assert result.exit_code == 0, result.output
    user = get_user_model().objects.get(username="boss")
    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name=ADMIN).exists()
    assert user.check_password("a quiet harbour at dawn")
    again = run("create", "BOSS", "--password-env", "PW", env={"PW": "a quiet harbour at dawn"})
    assert again.exit_code == 2 and "already an account" in again.output


def test_create_refuses_a_weak_password() -> None:
    result = run("create", "boss", "--password-env", "PW", env={"PW": "12345678901"})
    assert result.exit_code == 2 and "password" in result.output.lower()
    assert not get_user_model().objects.filter(username="boss").exists()


def test_list_verify_and_unverify_a_professional() -> None:
    pro_service.create_professional(
        "drlee", "a quiet harbour", display_name="Dr Lee", title="GP", organisation="Practice"
    )
    assert "waiting" in run("professionals").output
    assert run("verify", "drlee").exit_code == 0
    assert ProfessionalProfile.objects.get().verified
    assert "verified" in run("professionals").output
    assert run("unverify", "drlee").exit_code == 0
    assert not ProfessionalProfile.objects.get().verified
    assert run("verify", "nobody").exit_code == 2
