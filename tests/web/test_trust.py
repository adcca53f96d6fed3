"""Privacy and limits inside the app: caching, device keys, sealed answers, keys, 429s."""

from __future__ import annotations

import base64
import json
import secrets

import pytest
from cryptography.fernet import Fernet
from django.core import signing
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from tests.web.test_check import answer_all, state_of

from waylight.web import crypto
from waylight.web.device import DEVICE_COOKIE
from waylight.web.models import Device, KeptResult, SafetyPlan
from waylight.web.ratelimit import GROUP_ATTR, parse_rate
from waylight.web.services.rotation import reencrypt_all

pytestmark = pytest.mark.django_db

PLAN = {"reasons": "My dog Biscuit", "helpers": "Aunt Rosa"}


def save_plan(client: Client, data: dict[str, str] | None = None) -> None:
    response = client.post("/plan/edit/", data or PLAN)
    assert response.status_code == 302, response.content.decode()[:300]


# -------------------------------------------------------------------------- caching (point 4)


def test_every_personal_page_is_no_store_private_and_varies_on_cookie(client: Client) -> None:
    save_plan(client)
    html = answer_all(client, "phq2", {"phq2-1": "0", "phq2-2": "0"})
    client.post("/check/phq2/result/", {"state": state_of(html), "action": "keep"})
    pages = [
        client.get("/plan/"),
        client.get("/plan/edit/"),
        client.get("/plan/plan.pdf"),
        client.get("/plan/card.pdf"),
        client.get("/plan/plan.json"),
        client.get("/results/"),
        client.get("/delete-everything/"),
        client.post("/check/phq2/", {"state": state_of(html), "answer": "0"}),
        client.post("/worried/", {"noticed": ["obs-withdrawing"]}),
        client.post(
            "/api/check-text", data=json.dumps({"text": "hi"}), content_type="application/json"
        ),
    ]
    for response in pages:
        assert response["Cache-Control"] == "no-store, private", response
        assert "Cookie" in response["Vary"], response


def test_static_files_keep_their_own_caching(client: Client) -> None:
    response = client.get("/static/waylight/css/site.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


# ---------------------------------------------------------------------- device keys (point 5)


def test_a_device_key_chosen_by_the_client_does_not_count(client: Client) -> None:
    chosen = secrets.token_urlsafe(32)
    client.cookies[DEVICE_COOKIE] = chosen
    save_plan(client)
    issued = client.cookies[DEVICE_COOKIE].value
    assert issued != chosen  # the server replaced it with one of its own
    attacker = Client()
    attacker.cookies[DEVICE_COOKIE] = chosen
    assert "Biscuit" not in attacker.get("/plan/").content.decode()
    assert attacker.get("/plan/plan.json").status_code == 302


def test_a_planted_issued_key_without_data_is_replaced_on_first_save(client: Client) -> None:
    attacker = Client()
    save_plan(attacker)
    attacker.post("/plan/delete/")  # the attacker's key is issued but now holds nothing
    planted = attacker.cookies[DEVICE_COOKIE].value
    client.cookies[DEVICE_COOKIE] = planted
    save_plan(client, {"reasons": "Seeing the sea"})
    assert client.cookies[DEVICE_COOKIE].value != planted
    assert "Seeing the sea" not in attacker.get("/plan/").content.decode()
    assert "Seeing the sea" in client.get("/plan/").content.decode()


def test_a_device_that_holds_data_keeps_its_key(client: Client) -> None:
    save_plan(client)
    first = client.cookies[DEVICE_COOKIE].value
    save_plan(client, {"reasons": "Seeing the sea"})
    assert client.cookies[DEVICE_COOKIE].value == first
    assert Device.objects.count() == 1


# ------------------------------------------------------------ questionnaire state (point 6)


def test_the_state_field_is_encrypted_not_just_signed(client: Client) -> None:
    html = answer_all(client, "phq9", {"phq9-9": "3"})
    token = state_of(html)
    with pytest.raises(signing.BadSignature):
        signing.loads(token, salt="waylight.check.state")
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    assert b'"3"' not in raw and b"phq9" not in raw  # nothing readable inside


def test_keep_posted_twice_keeps_one_copy(client: Client) -> None:
    html = answer_all(client, "gad7", {})
    state = state_of(html)
    for _ in range(3):
        response = client.post("/check/gad7/result/", {"state": state, "action": "keep"})
        assert response.status_code == 302
    assert KeptResult.objects.count() == 1
    # A new run through the same questionnaire is a new result.
    html = answer_all(client, "gad7", {})
    client.post("/check/gad7/result/", {"state": state_of(html), "action": "keep"})
    assert KeptResult.objects.count() == 2


# -------------------------------------------------------------------- keys, rotation (point 1)


def other_key() -> str:
    return Fernet.generate_key().decode()


def test_old_rows_stay_readable_after_rotation_and_are_reencrypted_on_write(
    client: Client, settings: object
) -> None:
    save_plan(client)
    old_keys = tuple(settings.ENCRYPTION_KEYS)  # type: ignore[attr-defined]
    new = other_key()
    settings.ENCRYPTION_KEYS = (new, *old_keys)  # type: ignore[attr-defined]
    assert "Biscuit" in client.get("/plan/").content.decode()
    before = SafetyPlan.objects.get().ciphertext
    assert not crypto.made_with_newest_key(before)
    save_plan(client, {"reasons": "My dog Biscuit\nSeeing the sea"})
    assert crypto.made_with_newest_key(SafetyPlan.objects.get().ciphertext)
    settings.ENCRYPTION_KEYS = (new,)  # type: ignore[attr-defined]
    assert "Seeing the sea" in client.get("/plan/").content.decode()


def test_reencrypt_all_moves_every_row_to_the_newest_key(client: Client, settings: object) -> None:
    save_plan(client)
    html = answer_all(client, "phq2", {})
    client.post("/check/phq2/result/", {"state": state_of(html), "action": "keep"})
    new = other_key()
    settings.ENCRYPTION_KEYS = (new, *settings.ENCRYPTION_KEYS)  # type: ignore[attr-defined]
    rotated = reencrypt_all()
    assert (rotated.rewritten, rotated.unreadable) == (2, 0)
    settings.ENCRYPTION_KEYS = (new,)  # type: ignore[attr-defined]  # the old key can go
    assert "Biscuit" in client.get("/plan/").content.decode()
    assert reencrypt_all().already_current == 2


def test_an_unreadable_plan_is_reported_and_never_saved_over(
    client: Client, settings: object
) -> None:
    save_plan(client)
    before = SafetyPlan.objects.get().ciphertext
    settings.ENCRYPTION_KEYS = (other_key(),)  # type: ignore[attr-defined]  # the key is lost
    page = client.get("/plan/")
    assert page.status_code == 503
    assert "cannot open it" in page.content.decode()
    assert client.get("/plan/edit/").status_code == 503  # no empty form to save over it
    response = client.post("/plan/edit/", {"reasons": "Something new"})
    assert response.status_code == 409
    assert "Something new" in response.content.decode()  # what was typed comes back
    assert SafetyPlan.objects.get().ciphertext == before
    assert client.get("/plan/plan.pdf").status_code == 503


def test_unreadable_kept_results_are_counted_not_hidden(client: Client, settings: object) -> None:
    html = answer_all(client, "phq2", {})
    client.post("/check/phq2/result/", {"state": state_of(html), "action": "keep"})
    settings.ENCRYPTION_KEYS = (other_key(),)  # type: ignore[attr-defined]
    html = client.get("/results/").content.decode()
    assert "1 kept result on this device cannot be opened" in html


# ------------------------------------------------------------------------ rate limits (7)


def limited_views() -> dict[str, tuple[str, object]]:
    found: dict[str, tuple[str, object]] = {}

    def walk(patterns: list[URLPattern | URLResolver], prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                found[prefix + str(pattern.pattern)] = (
                    str(pattern.name),
                    getattr(pattern.callback, GROUP_ATTR, None),
                )

    walk(get_resolver().url_patterns, "/")
    # The Django admin is for staff only and signs in through /account/login/ (rate limited).
    return {route: view for route, view in found.items() if not route.startswith("/admin/")}


# Posts that write nothing the server keeps, and must never be held back from a person in
# the middle of a questionnaire or looking for help.
NEVER_LIMITED = {
    "check_question",
    "set_country",
    "set_language",
    "worried",
    "quiz",
    "quiz_question",
}


def test_every_view_that_writes_data_is_rate_limited() -> None:
    views = limited_views()
    for route, (name, group) in views.items():
        if route.startswith(("/api/", "/admin/")):
            continue  # the whole API is limited by path, the admin site's posts too
        if name in {"plan_edit", "plan_delete", "check_result", "result_delete"}:
            assert group == "write", route
        if name in {
            "journal_new",
            "journal_edit",
            "journal_delete",
            "toolbox_urge",
            "progress_days_since",
            "signup",
            "password_change",
            "account_delete",
        }:
            assert group == "write", route
        if name in {"export_pdf"}:
            assert group == "pdf", route
        if name in {"login", "care_accept", "care_accept_code", "two_factor", "two_factor_setup"}:
            assert group == "login", route
        if name == "decide":  # a reviewer's decision in the triage queue
            assert group == "review", route
        # Sharing and the professional workspace: every write.
        if name in {
            "sharing_invite",
            "sharing_cancel",
            "sharing_parts",
            "sharing_stop",
            "sharing_dismiss",
            "care_acknowledge",
            "care_request",
            "pro_signup",
        }:
            assert group == "write", route
        if name == "care_pdf":
            assert group == "pdf", route
        if name in {"plan_pdf", "plan_card"}:
            assert group == "pdf", route
    assert views["/delete-everything/"][1] == "write"
    unlisted = {
        name
        for route, (name, group) in views.items()
        if group is None and not route.startswith(("/api/", "/admin/"))
    } - NEVER_LIMITED
    # Every remaining view only reads (GET), which the decorators below enforce.
    assert unlisted <= {
        "home",
        "about",
        "healthz",
        "help_now",
        "learn",
        "learn_search",
        "learn_section",
        "learn_item",
        "check",
        "plan",
        "plan_json",
        "results",
        "how_we_write",
        "time_zones",
        "quiz_summary",
        # My space (Recover): pages, downloads, the offline files; a reminder is made, not
        # stored; signing out only ends a session.
        "space",
        "journal",
        "journal_queued",
        "journal_support",
        "toolbox",
        "toolbox_urge_done",
        "toolbox_grounding",
        "toolbox_breathing",
        "toolbox_ideas",
        "toolbox_reasons",
        "progress",
        "reminders",
        "my_data",
        "export_json",
        "export_csv",
        "account",
        "logout",
        "manifest",
        "service_worker",
        "offline",
        # The triage queue (reviewers only): the queue, one post, the export page and files.
        "queue",
        "post",
        "export",
        "export_false_alarms",
        # Sharing: pages and downloads that only read (each read is audited).
        "sharing",
        "sharing_audit",
        "care",
        "care_person",
        "care_fhir",
        "care_csv",
        "export_fhir",
    }, unlisted


@override_settings(RATE_LIMITS={"write": "3/m", "api": "4/m", "pdf": "2/m"})
def test_writes_over_the_limit_get_429_with_retry_after_and_save_nothing(client: Client) -> None:
    for n in range(3):
        save_plan(client, {"reasons": f"reason {n}"})
    response = client.post("/plan/edit/", {"reasons": "one too many"})
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "Nothing was saved" in response.content.decode()
    assert "one too many" not in client.get("/plan/").content.decode()
    # Help now, and leaving the help-now page of a result, are never limited.
    assert client.get("/help-now/").status_code == 200
    html = answer_all(client, "phq9", {"phq9-9": "1"})
    confirm = client.post(
        "/check/phq9/result/",
        {"state": state_of(html), "action": "confirm_safe", "i_am_safe": "on"},
    )
    assert confirm.status_code == 200


@override_settings(RATE_LIMITS={"write": "3/m", "api": "4/m", "pdf": "2/m"})
def test_every_api_route_is_limited_with_a_json_429(client: Client) -> None:
    for _ in range(4):
        assert client.get("/api/help-now?country=GB").status_code == 200
    response = client.get("/api/learn")
    assert response.status_code == 429
    assert "try again in" in response.json()["detail"]
    assert int(response["Retry-After"]) >= 1


@override_settings(RATE_LIMITS={"write": "30/m", "api": "4/m", "pdf": "2/m"})
def test_pdfs_are_limited(client: Client) -> None:
    save_plan(client)
    assert client.get("/plan/plan.pdf").status_code == 200
    assert client.get("/plan/card.pdf").status_code == 200
    assert client.get("/plan/plan.pdf").status_code == 429


@override_settings(RATE_LIMITS={"write": "2/m", "api": "4/m", "pdf": "2/m"})
def test_each_client_address_has_its_own_count() -> None:
    one, two = Client(REMOTE_ADDR="203.0.113.1"), Client(REMOTE_ADDR="203.0.113.2")
    for n in range(2):
        save_plan(one, {"reasons": f"r{n}"})
    assert one.post("/plan/edit/", PLAN).status_code == 429
    save_plan(two)


def test_rates_are_read_as_documented() -> None:
    assert parse_rate("30/m").count == 30 and parse_rate("30/m").period_s == 60
    assert parse_rate("5/10s").period_s == 10 and parse_rate("1000/h").period_s == 3600
    for bad in ("x/m", "5/d", "５/m"):
        with pytest.raises(ValueError):
            parse_rate(bad)


# ----------------------------------------------------------------------- operations (10)


@override_settings(SECURE_SSL_REDIRECT=True)
def test_healthz_is_not_redirected_under_https(client: Client) -> None:
    assert client.get("/healthz").status_code == 200
    assert client.get("/").status_code == 301


def test_delete_everything_erases_plan_results_device_and_cookies(client: Client) -> None:
    save_plan(client)
    html = answer_all(client, "phq2", {})
    client.post("/check/phq2/result/", {"state": state_of(html), "action": "keep"})
    client.post("/country/", {"country": "GB"})
    page = client.get("/delete-everything/").content.decode()
    assert "your safety plan" in page and "1 kept result" in page
    response = client.post("/delete-everything/")
    assert response.status_code == 200
    assert "Everything on this device is deleted" in response.content.decode()
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert response.cookies[DEVICE_COOKIE]["max-age"] == 0
    assert response.cookies["waylight_country"]["max-age"] == 0
    assert (SafetyPlan.objects.count(), KeptResult.objects.count(), Device.objects.count()) == (
        0,
        0,
        0,
    )
