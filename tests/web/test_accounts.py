"""Optional accounts: a user name and a password, Argon2id, rate-limited sign-in, and this
device's plan, results and journal brought in in one step."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone
from tests.web.conftest import assert_safe_page
from tests.web.recover_data import add_check_ins, keep_result, phq9_answers

from waylight.web.models import JournalEntry, KeptResult, RateCounter, SafetyPlan, UrgeRide

pytestmark = pytest.mark.django_db

PASSWORD = "blue kettle on a quiet morning"
User = get_user_model()


def sign_up(client: Client, name: str = "river", bring: bool = True, password: str = PASSWORD):
    data = {"username": name, "password1": password, "password2": password}
    if bring:
        data["bring"] = "on"
    return client.post("/account/signup/", data)


def sign_in(client: Client, name: str = "river", password: str = PASSWORD, bring: bool = False):
    data = {"username": name, "password": password}
    if bring:
        data["bring"] = "on"
    return client.post("/account/login/", data)


def fill_device(client: Client) -> None:
    client.post("/plan/edit/", {"reasons": "My grandad's garden"})
    keep_result(client, "phq9", phq9_answers(11), timezone.now())
    add_check_ins(client, 3, end=timezone.localdate())
    client.post(
        "/toolbox/urge/", {"action": "finish", "before": "6", "after": "2", "minutes": "15"}
    )


def test_no_account_is_needed_and_none_is_pushed(client: Client) -> None:
    html = assert_safe_page(client.get("/account/"))
    assert "Everything in Waylight works without an account" in html
    assert "no email" in html


def test_sign_up_asks_for_a_name_and_a_password_only(client: Client) -> None:
    html = assert_safe_page(client.get("/account/signup/"))
    assert 'name="username"' in html and 'name="password1"' in html
    fields = set(re.findall(r'<input[^>]* name="([^"]+)"', html))
    assert fields == {"csrfmiddlewaretoken", "username", "password1", "password2", "bring"}


def test_a_new_account_has_an_argon2id_hash_and_the_person_role(client: Client) -> None:
    response = sign_up(client)
    assert response.status_code == 302 and response["Location"] == "/space/"
    user = User.objects.get(username="river")
    assert user.password.startswith("argon2$argon2id$")
    assert list(user.groups.values_list("name", flat=True)) == ["person"]
    assert user.email == ""
    assert "Signed in as <strong>river</strong>" in client.get("/account/").content.decode()


def test_weak_passwords_and_taken_names_are_explained(client: Client) -> None:
    weak = sign_up(client, password="12345678")
    assert weak.status_code == 422
    html = weak.content.decode()
    assert "too short" in html or "too common" in html
    assert not User.objects.exists()
    sign_up(client)
    other = Client()
    taken = sign_up(other, name="RIVER")
    assert taken.status_code == 422 and "That user name is taken" in taken.content.decode()
    assert User.objects.count() == 1


def test_everything_on_this_device_comes_into_the_account_in_one_step(client: Client) -> None:
    fill_device(client)
    response = sign_up(client)
    assert response.status_code == 302
    user = User.objects.get()
    for model, count in ((SafetyPlan, 1), (KeptResult, 1), (JournalEntry, 3), (UrgeRide, 1)):
        assert model.objects.filter(owner=user, device_key_hash="").count() == count, model
    notice = client.get("/space/").content.decode()
    assert "Moved into your account: your safety plan, 1 kept result, 3 check-ins" in notice
    assert "My grandad&#x27;s garden" in client.get("/plan/").content.decode()

    # Signed out, this device shows none of it; signed in again, all of it.
    client.post("/account/logout/")
    assert "grandad" not in client.get("/plan/").content.decode()
    assert "day 0" not in client.get("/journal/").content.decode()
    assert client.get("/results/").content.decode().count("PHQ-9") == 0
    sign_in(client)
    assert "day 0" in client.get("/journal/").content.decode()


def test_without_the_tick_things_stay_on_the_device(client: Client) -> None:
    fill_device(client)
    sign_up(client, bring=False)
    assert SafetyPlan.objects.get().owner is None
    assert "grandad" not in client.get("/plan/").content.decode()


def test_an_accounts_own_plan_is_never_overwritten_by_a_device_plan(client: Client) -> None:
    client.post("/plan/edit/", {"reasons": "Plan in the account"})
    sign_up(client)
    client.post("/account/logout/")
    laptop = Client()
    laptop.post("/plan/edit/", {"reasons": "Plan on the laptop"})
    add_check_ins(laptop, 2, end=timezone.localdate())
    sign_in(laptop, bring=True)
    notices = laptop.get("/space/").content.decode()  # the flash messages show once
    assert "the plan on this device stayed on this device" in notices
    assert "Moved into your account: 2 check-ins." in notices
    html = laptop.get("/plan/").content.decode()
    assert "Plan in the account" in html and "Plan on the laptop" not in html
    assert JournalEntry.objects.filter(owner__isnull=False).count() == 2
    laptop.post("/account/logout/")
    assert "Plan on the laptop" in laptop.get("/plan/").content.decode()


def test_signed_in_writes_go_to_the_account(client: Client) -> None:
    sign_up(client)
    client.post("/plan/edit/", {"reasons": "Written while signed in"})
    plan = SafetyPlan.objects.get()
    assert plan.owner is not None and plan.device_key_hash == ""
    assert "saved in your account" in client.get("/plan/").content.decode()


def test_sign_in_is_rate_limited_per_name(client: Client) -> None:
    sign_up(Client())
    for _ in range(5):
        assert sign_in(client, password="wrong password here").status_code == 422
    blocked = sign_in(client)  # even the right password waits now
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) > 0
    html = assert_safe_page(blocked)
    assert "Nothing was saved or changed" in html
    assert "_auth_user_id" not in client.session
    # The table holds keyed hashes, never the name or the address.
    keys = list(RateCounter.objects.values_list("bucket", flat=True))
    assert keys and all(len(k) == 64 and "river" not in k for k in keys)


def test_sign_in_is_rate_limited_per_address(client: Client) -> None:
    for n in range(30):
        sign_in(client, name=f"nobody{n}", password="wrong")
    assert sign_in(client, name="someone-else", password="wrong").status_code == 429


def test_a_good_sign_in_clears_the_names_count(client: Client) -> None:
    sign_up(Client())
    for _ in range(4):
        sign_in(client, password="wrong")
    assert sign_in(client).status_code == 302
    client.post("/account/logout/")
    for _ in range(4):
        sign_in(client, password="wrong")
    assert sign_in(client).status_code == 302


def test_sign_out_ends_the_session_for_good(client: Client) -> None:
    sign_up(client)
    cookie = client.cookies["sessionid"].value
    assert Session.objects.filter(session_key=cookie).exists()
    assert client.get("/account/logout/").status_code == 405  # never a GET
    response = client.post("/account/logout/")
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    assert not Session.objects.filter(session_key=cookie).exists()
    replay = Client()
    replay.cookies["sessionid"] = cookie
    assert "Signed in as" not in replay.get("/account/").content.decode()


def test_change_password(client: Client) -> None:
    sign_up(client)
    elsewhere = Client()
    sign_in(elsewhere)
    wrong = client.post(
        "/account/password/", {"old_password": "nope", "new_password1": "x", "new_password2": "x"}
    )
    assert wrong.status_code == 422
    new = "a different long passphrase"
    done = client.post(
        "/account/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    assert "Signed in as" in client.get("/account/").content.decode()  # still signed in here
    assert "Signed in as" not in elsewhere.get("/account/").content.decode()  # out elsewhere
    assert User.objects.get().check_password(new)


def test_account_pages_need_an_account(client: Client) -> None:
    for url in ("/account/password/", "/account/delete/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/account/login/")


def test_delete_my_account_and_everything_in_it(client: Client) -> None:
    fill_device(client)
    sign_up(client)
    phone = Client()
    sign_in(phone)  # signed in on another device too: that session must end as well
    stranger = Client()
    sign_up(stranger, name="someone-else")
    wrong = client.post("/account/delete/", {"password": "not it"})
    assert wrong.status_code == 422 and "Nothing was deleted" in wrong.content.decode()
    assert User.objects.count() == 2
    response = client.post("/account/delete/", {"password": PASSWORD})
    assert response.status_code == 302 and response["Clear-Site-Data"]
    assert list(User.objects.values_list("username", flat=True)) == ["someone-else"]
    assert Session.objects.count() == 1  # only the other person's
    assert "Signed in as" not in phone.get("/account/").content.decode()
    for model in (SafetyPlan, KeptResult, JournalEntry, UrgeRide):
        assert not model.objects.exists(), model


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/account/signup/", {"username": "a", "password1": "b", "password2": "b"}),
        ("/account/login/", {"username": "a", "password": "b"}),
        ("/account/logout/", {}),
        ("/journal/new/", {"day": "2026-01-01", "mood": "5", "urge": "5"}),
        ("/toolbox/urge/", {"action": "finish", "before": "5", "after": "4"}),
        ("/progress/days-since/", {"show": "on"}),
        ("/delete-everything/", {}),
        ("/reminders/", {"time": "20:00"}),
    ],
)
def test_every_new_form_needs_its_csrf_token(csrf_client: Client, url: str, data: dict) -> None:
    response = csrf_client.post(url, data)
    assert response.status_code == 403
    assert not JournalEntry.objects.exists() and not User.objects.exists()
