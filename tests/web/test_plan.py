"""Safety plan without an account: make, change, print, wallet card, download, delete."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client
from tests.web.conftest import assert_safe_page

from waylight.web.claims import claim_device_data
from waylight.web.models import SafetyPlan

pytestmark = pytest.mark.django_db

PLAN = {
    "warning_signs": "I stop replying to messages\nI can't sleep",
    "coping_alone": "Listen to my playlist\nHot shower",
    "distractions": "The library",
    "helpers": "Aunt Rosa 07700 900123",
    "professionals": "Dr Okafor at the health centre",
    "safer_surroundings": "Ask my brother to keep things I could use to hurt myself",
    "reasons": "My dog Biscuit",
}


def make_plan(client: Client) -> None:
    response = client.post("/plan/edit/", PLAN)
    assert response.status_code == 302, response.content.decode()[:400]


def test_new_plan_form_is_prefilled_with_the_countrys_crisis_lines(client: Client) -> None:
    client.cookies["waylight_country"] = "GB"
    html = assert_safe_page(client.get("/plan/edit/"))
    assert "Samaritans" in html and "116 123" in html
    assert "Emergency services: 999" in html
    for title in (
        "My warning signs",
        "Things I can do on my own",
        "People I can ask for help",
        "Professionals and services",
        "Making my surroundings safer",
        "reasons for living",
    ):
        assert title in html


def test_make_view_and_edit_a_plan(client: Client) -> None:
    make_plan(client)
    cookie = client.cookies["waylight_device"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    html = assert_safe_page(client.get("/plan/"))
    assert "My dog Biscuit" in html and "Listen to my playlist" in html
    client.post("/plan/edit/", PLAN | {"reasons": "My dog Biscuit\nSeeing the sea"})
    assert "Seeing the sea" in client.get("/plan/").content.decode()
    assert SafetyPlan.objects.count() == 1


def test_the_database_holds_ciphertext_and_a_key_hash_only(client: Client) -> None:
    make_plan(client)
    key = client.cookies["waylight_device"].value
    with connection.cursor() as cursor:
        cursor.execute("SELECT device_key_hash, ciphertext FROM waylight_web_safetyplan")
        rows = cursor.fetchall()
    assert len(rows) == 1
    key_hash, ciphertext = rows[0]
    assert key not in key_hash and len(key_hash) == 64
    for words in ("Biscuit", "library", "Okafor", "playlist"):
        assert words not in ciphertext


def test_another_device_does_not_see_the_plan(client: Client) -> None:
    make_plan(client)
    stranger = Client()
    assert "My dog Biscuit" not in stranger.get("/plan/").content.decode()
    assert stranger.get("/plan/plan.json").status_code == 302


def test_bad_input_is_explained_and_changes_nothing(client: Client) -> None:
    make_plan(client)
    before = SafetyPlan.objects.get().ciphertext
    too_many = "\n".join(f"line {n}" for n in range(40))
    response = client.post("/plan/edit/", PLAN | {"coping_alone": too_many})
    assert response.status_code == 422
    html = response.content.decode()
    assert "at most 15 lines" in html and "Nothing has been saved" in html
    long_line = client.post("/plan/edit/", PLAN | {"reasons": "x" * 400})
    assert long_line.status_code == 422
    assert SafetyPlan.objects.get().ciphertext == before


def test_an_empty_plan_is_not_saved(client: Client) -> None:
    response = client.post("/plan/edit/", {key: "" for key in PLAN})
    assert response.status_code == 422
    assert "Your plan is empty" in response.content.decode()
    assert SafetyPlan.objects.count() == 0


def test_pdf_and_wallet_card(client: Client) -> None:
    make_plan(client)
    for url in ("/plan/plan.pdf", "/plan/card.pdf"):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert response["Cache-Control"] == "no-store, private"


def test_pdf_is_one_page_even_for_a_long_plan(client: Client) -> None:
    long_plan = {
        key: "\n".join(f"{key} entry {n} with some words" for n in range(15)) for key in PLAN
    }
    client.post("/plan/edit/", long_plan)
    pdf = client.get("/plan/plan.pdf").content
    assert b"/Count 1" in pdf


def test_pdf_prints_names_in_any_script(client: Client) -> None:
    client.post("/plan/edit/", PLAN | {"helpers": "Zoë\nАня 07700 900123\n李雷"})
    response = client.get("/plan/plan.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_json_download_has_every_section_and_help_now(client: Client) -> None:
    client.cookies["waylight_country"] = "GB"
    make_plan(client)
    response = client.get("/plan/plan.json")
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    entries = {s["id"]: s["entries"] for s in data["sections"]}
    assert entries["reasons"] == ["My dog Biscuit"]
    assert len(entries) == 7
    assert data["help_now"]["country"] == "GB"
    assert data["help_now"]["resources"][0]["kind"] == "emergency"


def test_delete_really_deletes(client: Client) -> None:
    make_plan(client)
    confirm = client.get("/plan/delete/")
    assert "cannot be undone" in confirm.content.decode()
    assert SafetyPlan.objects.count() == 1  # a GET changes nothing
    response = client.post("/plan/delete/")
    assert response.status_code == 302
    assert SafetyPlan.objects.count() == 0
    assert "Make my safety plan" in client.get("/plan/").content.decode()


def test_claim_device_data_moves_plans_into_an_account(client: Client) -> None:
    from django.contrib.auth import get_user_model

    make_plan(client)
    user = get_user_model().objects.create_user("sam")  # no password: hashing is slow
    claimed = claim_device_data(client.cookies["waylight_device"].value, user)
    assert claimed.plans == 1
    assert SafetyPlan.objects.get().owner == user


def test_a_huge_post_is_refused_and_saves_nothing(client: Client) -> None:
    response = client.post("/plan/edit/", {"reasons": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert "Nothing was saved or changed" in response.content.decode()
    assert SafetyPlan.objects.count() == 0
