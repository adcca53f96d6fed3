"""Authorisation, proven cell by cell: role × object × action over every route of sharing.

The object is one person's share (its reference in the viewer's addresses) and their own
sharing pages. Each cell says the exact answer. A share the asker may not see is 404, never
403, so a professional cannot even learn that a person exists; nobody but the person changes
what is shared. A professional needs the second factor in this session and an admin's
verification, checked on every request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from tests.web.care_helpers import (
    PASSWORD,
    accept,
    ago,
    check_in,
    invite,
    keep,
    person,
    phq9,
    professional,
    supporter,
    totp_token,
)

from waylight.web.models import CareLink, FlagAcknowledgement, ProfessionalProfile
from waylight.web.services import professionals as pro_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick_passwords(settings: Any) -> None:
    # Dozens of accounts per test: the password hash is not what is tested here (Argon2id is
    # tested in test_accounts.py), and a fast one keeps the matrix quick on a small machine.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    ref: str  # Sam's share with Dr Lee
    supporter_ref: str  # Sam's share with Mum
    flag: str
    clients: dict[str, Client]


def _admin_client() -> Client:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    user = pro_service.create_admin("boss", PASSWORD)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client.post("/account/login/", {"username": "boss", "password": PASSWORD})
    client.post("/pro/two-factor/", {"token": totp_token(device)})
    return client


@pytest.fixture
def world() -> World:
    sam_c, pro_c, mum_c = Client(), Client(), Client()
    sam = person(sam_c)
    professional(pro_c)
    supporter(mum_c)
    ref = accept(pro_c, invite(sam_c, parts=("results", "check_ins", "plan", "note_flags")))
    supporter_ref = accept(mum_c, invite(sam_c, role="supporter"))
    keep(sam, "phq9", phq9(4, item9=1), ago(1))
    check_in(sam, timezone.localdate(), harmed=True)
    flag = f"phq_item9:result:{sam.kept_results_pk}" if hasattr(sam, "kept_results_pk") else ""
    # No second factor this session (but set up, verified by an admin).
    no_2fa = Client()
    no_2fa.post("/account/login/", {"username": "drlee", "password": PASSWORD})
    # Verified once, then withdrawn: a share made while verified.
    withdrawn = Client()
    professional(withdrawn, "drold")
    accept(withdrawn, invite(sam_c))
    pro_service.withdraw_verification(ProfessionalProfile.objects.get(user__username="drold"))
    other_pro = Client()
    professional(other_pro, "drkim")
    stranger = Client()
    person(stranger, "alex")
    clients = {
        "anonymous": Client(),
        "person": sam_c,
        "stranger": stranger,
        "supporter": mum_c,
        "professional": pro_c,
        "pro_no_2fa": no_2fa,
        "pro_withdrawn": withdrawn,
        "other_pro": other_pro,
        "admin": _admin_client(),
    }
    from waylight.web.models import KeptResult

    flag = f"phq_item9:result:{KeptResult.objects.get().pk}"
    return World(ref, supporter_ref, flag, clients)


ROLES = [
    "anonymous",
    "person",
    "stranger",
    "supporter",
    "professional",
    "pro_no_2fa",
    "pro_withdrawn",
    "other_pro",
    "admin",
]


@dataclass(frozen=True)
class Action:
    name: str
    call: Callable[[Client, World], Any]


def _get(path: str) -> Callable[[Client, World], Any]:
    return lambda c, w: c.get(path.format(ref=w.ref))


ACTIONS = {
    "read": Action("read", _get("/care/people/{ref}/")),
    "export_fhir": Action("export_fhir", _get("/care/people/{ref}/shared-fhir.json")),
    "export_csv": Action("export_csv", _get("/care/people/{ref}/shared-csv.zip")),
    "export_pdf": Action("export_pdf", _get("/care/people/{ref}/shared-summary.pdf")),
    "acknowledge": Action(
        "acknowledge",
        lambda c, w: c.post(f"/care/people/{w.ref}/acknowledge/", {"flag": w.flag, "note": ""}),
    ),
    "request": Action(
        "request", lambda c, w: c.post(f"/care/people/{w.ref}/ask/", {"instrument": "phq9"})
    ),
    "change": Action(
        "change", lambda c, w: c.post(f"/sharing/{w.ref}/parts/", {"parts": ["results", "notes"]})
    ),
    "stop": Action("stop", lambda c, w: c.post(f"/sharing/{w.ref}/stop/")),
}

# Expected status per role and action. 302 for the anonymous: to sign in (the same for any
# address, so nothing leaks); for a professional without the second factor, reading sends
# them to type it, and everything else is 404.
OK, GONE, SIGN_IN = 200, 404, 302
EXPECTED: dict[str, dict[str, int]] = {
    "anonymous": {
        "read": SIGN_IN,
        "export_fhir": GONE,
        "export_csv": GONE,
        "export_pdf": GONE,
        "acknowledge": GONE,
        "request": GONE,
        "change": SIGN_IN,
        "stop": SIGN_IN,
    },
    "person": {
        "read": GONE,
        "export_fhir": GONE,
        "export_csv": GONE,
        "export_pdf": GONE,
        "acknowledge": GONE,
        "request": GONE,
        "change": 302,
        "stop": 302,
    },
    "professional": {
        "read": OK,
        "export_fhir": OK,
        "export_csv": OK,
        "export_pdf": OK,
        "acknowledge": 302,
        "request": 302,
        "change": GONE,
        "stop": GONE,
    },
    "pro_no_2fa": {**dict.fromkeys(ACTIONS, GONE), "read": 302},
}
for _role in ("stranger", "supporter", "pro_withdrawn", "other_pro", "admin"):
    EXPECTED[_role] = dict.fromkeys(ACTIONS, GONE)


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
def test_role_object_action(world: World, role: str, action: str) -> None:
    response = ACTIONS[action].call(world.clients[role], world)
    expected = EXPECTED[role][action]
    assert response.status_code == expected, (role, action, response.status_code)
    if response.status_code == 302 and role == "pro_no_2fa":
        assert response["Location"].startswith("/pro/two-factor/")
    if response.status_code == 302 and role == "anonymous":
        assert response["Location"].startswith("/account/login/")
    changed = CareLink.objects.get(ref=world.ref)
    if not (role == "person" and action in {"change", "stop"}):
        # Nobody else can change what is shared, or end it.
        assert changed.parts == "results,check_ins,plan,note_flags"
        assert changed.revoked_at is None
    acknowledged = FlagAcknowledgement.objects.exists()
    assert acknowledged is (role == "professional" and action == "acknowledge")


def test_the_supporter_reads_their_own_share_but_nothing_else(world: World) -> None:
    mum = world.clients["supporter"]
    html = mum.get(f"/care/people/{world.supporter_ref}/").content.decode()
    assert "Questionnaires" in html and "Flags" not in html
    for path in ("shared-fhir.json", "shared-csv.zip", "shared-summary.pdf"):
        assert mum.get(f"/care/people/{world.supporter_ref}/{path}").status_code == 404
    ask = mum.post(f"/care/people/{world.supporter_ref}/ask/", {"instrument": "phq9"})
    assert ask.status_code == 404


def test_a_part_switched_off_is_gone_from_the_next_export(world: World) -> None:
    pro, sam = world.clients["professional"], world.clients["person"]
    assert pro.get(f"/care/people/{world.ref}/shared-fhir.json").status_code == 200
    sam.post(f"/sharing/{world.ref}/parts/", {"parts": ["plan"]})
    assert pro.get(f"/care/people/{world.ref}/shared-fhir.json").status_code == 404
    html = pro.get(f"/care/people/{world.ref}/").content.decode()
    assert "Questionnaires" not in html and "Safety plan" in html
    assert "Item 9 above 0" not in html  # a flag never tells what its part would not


def test_the_persons_own_pages_show_only_their_own(world: World) -> None:
    stranger = world.clients["stranger"]
    assert "Dr Drlee" not in stranger.get("/sharing/").content.decode()
    assert "Dr Drlee" not in stranger.get("/sharing/who-looked/").content.decode()
    assert "Dr Drlee" in world.clients["person"].get("/sharing/").content.decode()
    assert world.clients["anonymous"].get("/sharing/who-looked/").status_code == 302
    assert world.clients["anonymous"].get("/sharing/invite/").status_code == 302


def test_the_admin_site_is_for_admins_with_their_second_factor(world: World) -> None:
    assert world.clients["admin"].get("/admin/").status_code == 200
    page = world.clients["admin"].get("/admin/waylight_web/professionalprofile/")
    assert page.status_code == 200 and "Dr Drlee" in page.content.decode()
    no_2fa = Client()
    no_2fa.post("/account/login/", {"username": "boss", "password": PASSWORD})
    world.clients["boss_no_2fa"] = no_2fa
    for role in ("anonymous", "person", "professional", "supporter", "boss_no_2fa"):
        response = world.clients[role].get("/admin/", follow=True)
        landed = response.redirect_chain[-1][0].split("?")[0]
        if response.status_code != 404:  # signed in, but not an admin: no such page
            assert landed in ("/account/login/", "/pro/two-factor/"), role
        assert "Team administration" not in response.content.decode(), role


def test_the_admin_site_holds_no_persons_data() -> None:
    from waylight.web.admin import site

    registered = {model._meta.label for model in site._registry}
    # The triage queue's platform keys and webhook delivery statuses: no person's words.
    assert registered == {
        "waylight_web.ProfessionalProfile",
        "otp_totp.TOTPDevice",
        "waylight_triage.ApiKey",
        "waylight_triage.WebhookDelivery",
    }


def test_an_admin_verifies_a_professional_in_the_admin_site(world: World) -> None:
    fresh = Client()
    professional(fresh, "drnew", verified=False)
    profile = ProfessionalProfile.objects.get(user__username="drnew")
    admin = world.clients["admin"]
    response = admin.post(
        "/admin/waylight_web/professionalprofile/",
        {"action": "verify", "_selected_action": [profile.pk]},
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.verified and profile.verified_by.username == "boss"
    assert "Caseload" in fresh.get("/care/").content.decode()


API = {
    "read": lambda c, w: c.get(f"/api/care/people/{w.ref}"),
    "export_fhir": lambda c, w: c.get(f"/api/care/people/{w.ref}/fhir"),
    "acknowledge": lambda c, w: c.post(
        f"/api/care/people/{w.ref}/acknowledge",
        data={"flag": w.flag, "note": "seen"},
        content_type="application/json",
    ),
}
API_EXPECTED = {
    "anonymous": dict.fromkeys(API, 401),
    "professional": {"read": 200, "export_fhir": 200, "acknowledge": 200},
}


@pytest.mark.parametrize("action", list(API))
@pytest.mark.parametrize("role", ROLES)
def test_api_role_object_action(world: World, role: str, action: str) -> None:
    response = API[action](world.clients[role], world)
    expected = API_EXPECTED.get(role, dict.fromkeys(API, 404))[action]
    assert response.status_code == expected, (role, action, response.content[:200])
    assert "detail" in response.json() or response.status_code == 200
    assert FlagAcknowledgement.objects.exists() is (
        role == "professional" and action == "acknowledge"
    )


def test_api_caseload_lists_only_the_callers_shares(world: World) -> None:
    mine = world.clients["professional"].get("/api/care/people").json()["people"]
    assert [p["ref"] for p in mine] == [world.ref]
    assert mine[0]["open_flags"][0]["kind"] == "phq_item9"
    assert world.clients["other_pro"].get("/api/care/people").json()["people"] == []
    assert world.clients["pro_no_2fa"].get("/api/care/people").json()["people"] == []
    assert world.clients["anonymous"].get("/api/care/people").status_code == 401
    one = world.clients["professional"].get(f"/api/care/people/{world.ref}").json()
    assert one["help_now"] is True and one["resources"]
    assert "notes" not in one  # not shared


def test_api_writes_need_the_csrf_token(world: World) -> None:
    from django.test import Client as CsrfClient

    strict = CsrfClient(enforce_csrf_checks=True)
    strict.cookies = world.clients["professional"].cookies
    response = strict.post(
        f"/api/care/people/{world.ref}/acknowledge",
        data={"flag": world.flag, "note": ""},
        content_type="application/json",
    )
    assert response.status_code == 403 and "detail" in response.json()
    assert not FlagAcknowledgement.objects.exists()
