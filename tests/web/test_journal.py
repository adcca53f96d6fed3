"""The daily check-in on the web: write, read back, change, delete; private to its device."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from tests.web.conftest import assert_safe_page

from waylight.web.models import JournalEntry

pytestmark = pytest.mark.django_db

ENTRY = {
    "day": "2026-03-01",
    "mood": "4",
    "urge": "6",
    "harmed": "no",
    "sleep_hours": "6.5",
    "note": "Talked to Priya after school, felt a bit lighter",
}


def form_token(client: Client, url: str = "/journal/new/") -> str:
    html = client.get(url).content.decode()
    found = re.search(r'name="form_token" value="([^"]+)"', html)
    assert found, "the check-in form has no one-time token"
    return found.group(1)


def check_in(client: Client, **fields: object) -> object:
    data = {**ENTRY, "form_token": form_token(client), **fields}
    return client.post("/journal/new/", data)


def test_the_check_in_form_asks_everything_point_2_names(client: Client) -> None:
    html = assert_safe_page(client.get("/journal/new/"))
    for words in (
        "How is your mood today?",
        "How strong has the urge to hurt yourself been",
        "Did you hurt yourself today?",
        "What did you do to cope?",
        "Hours of sleep",
        "A note for yourself",
        "Cutting or injuring the skin",
    ):
        assert words in html
    assert 'name="coping" value="toolbox-urge"' in html
    assert client.get("/journal/new/")["Cache-Control"] == "no-store, private"


def test_save_and_read_back(client: Client) -> None:
    response = check_in(client)
    assert response.status_code == 302 and response["Location"] == "/journal/"
    page = client.get("/journal/")
    html = assert_safe_page(page)
    assert "Talked to Priya after school" in html and "4 of 10" in html and "6.5 hours" in html
    assert "Sunday 1 March 2026" in html
    assert "Your check-in is saved." in html
    assert page["Cache-Control"] == "no-store, private" and "Cookie" in page["Vary"]


def test_only_ciphertext_and_the_day_reach_the_database(client: Client) -> None:
    check_in(client)
    with connection.cursor() as cursor:
        cursor.execute("SELECT day, ciphertext, device_key_hash FROM waylight_web_journalentry")
        ((day, ciphertext, key_hash),) = cursor.fetchall()
    assert str(day) == "2026-03-01" and len(key_hash) == 64
    for words in ("Priya", "lighter", '"mood"', "6.5"):
        assert words not in ciphertext


def test_my_plan_gives_the_coping_choices_and_they_are_saved(client: Client) -> None:
    client.post("/plan/edit/", {"coping_alone": "Draw in my sketchbook\nBake something"})
    html = client.get("/journal/new/").content.decode()
    assert 'value="Draw in my sketchbook"' in html
    check_in(client, coping=["Draw in my sketchbook", "toolbox-grounding"])
    listed = client.get("/journal/").content.decode()
    assert "Draw in my sketchbook, 5-4-3-2-1 grounding" in listed


def test_bad_input_is_explained_and_saves_nothing(client: Client) -> None:
    response = check_in(client, mood="11", urge="", day="3000-01-01", coping=["made up"])
    assert response.status_code == 422
    html = assert_safe_page(response)
    assert "Nothing has been saved yet" in html
    assert "Please choose a number from 0 to 10 for your mood." in html
    assert "in the future" in html and "from the list" in html
    assert 'value="Talked to Priya after school' not in html  # the note goes in the textarea
    assert "Talked to Priya after school" in html  # ...and is kept for the person
    assert JournalEntry.objects.count() == 0


def test_a_huge_note_gets_a_clear_answer_and_saves_nothing(client: Client) -> None:
    response = check_in(client, note="x" * 5000)
    assert response.status_code == 422
    assert "longer than 4,000 characters" in response.content.decode()
    huge = check_in(client, note="x" * (10 * 1024 * 1024))
    assert huge.status_code == 413 and "Nothing was saved or changed" in huge.content.decode()
    assert JournalEntry.objects.count() == 0


def test_the_same_form_sent_twice_is_saved_once(client: Client) -> None:
    token = form_token(client)
    for _ in range(2):
        client.post("/journal/new/", {**ENTRY, "form_token": token})
    assert JournalEntry.objects.count() == 1
    # Two check-ins written offline from one kept form differ by the time they were queued.
    for queued_at in ("1772400000000", "1772400060000", "1772400060000"):
        client.post("/journal/new/", {**ENTRY, "form_token": token, "queued_at": queued_at})
    assert JournalEntry.objects.count() == 3


def test_a_changed_or_missing_token_still_saves(client: Client) -> None:
    client.post("/journal/new/", {**ENTRY, "form_token": "not-signed"})
    client.post("/journal/new/", ENTRY)
    assert JournalEntry.objects.count() == 2


def test_edit_and_delete(client: Client) -> None:
    check_in(client)
    entry = JournalEntry.objects.get()
    edit = client.get(f"/journal/{entry.pk}/edit/")
    html = assert_safe_page(edit)
    assert "Change a check-in" in html and "Talked to Priya" in html
    client.post(f"/journal/{entry.pk}/edit/", {**ENTRY, "mood": "8", "note": "Better today"})
    listed = client.get("/journal/").content.decode()
    assert "8 of 10" in listed and "Better today" in listed and "Priya" not in listed
    assert JournalEntry.objects.count() == 1
    confirm = client.get(f"/journal/{entry.pk}/delete/")
    assert "cannot be undone" in assert_safe_page(confirm)
    assert JournalEntry.objects.count() == 1  # a GET changes nothing
    client.post(f"/journal/{entry.pk}/delete/")
    assert JournalEntry.objects.count() == 0


def test_another_device_cannot_see_change_or_delete_a_check_in(client: Client) -> None:
    check_in(client)
    entry = JournalEntry.objects.get()
    stranger = Client()
    assert "Priya" not in stranger.get("/journal/").content.decode()
    assert stranger.get(f"/journal/{entry.pk}/edit/").status_code == 404
    assert stranger.post(f"/journal/{entry.pk}/edit/", {**ENTRY, "note": "x"}).status_code == 404
    assert stranger.get(f"/journal/{entry.pk}/support/").status_code == 404
    stranger.post(f"/journal/{entry.pk}/delete/")
    assert JournalEntry.objects.count() == 1
    assert "Priya" in client.get("/journal/").content.decode()


def test_a_concerning_note_opens_a_gentle_page_with_my_plan_and_help(client: Client) -> None:
    client.cookies["waylight_country"] = "GB"
    client.post("/plan/edit/", {"helpers": "My sister Amara", "reasons": "My cat Pip"})
    response = check_in(client, note="I keep thinking everyone would be better off without me")
    entry = JournalEntry.objects.get()
    assert response["Location"] == f"/journal/{entry.pk}/support/"
    html = assert_safe_page(client.get(response["Location"]))
    assert "Thank you for writing this down" in html
    assert "Nobody has been told" in html
    assert "My sister Amara" in html and "My cat Pip" in html
    assert 'href="tel:116123"' in html and 'href="tel:999"' in html
    assert html.index('href="tel:999"') < html.index("My sister Amara")  # help first
    for lecture in ("you should not", "you must", "don't do", "dangerous"):
        assert lecture not in html.lower()


def test_a_concerning_note_without_a_plan_offers_to_make_one(client: Client) -> None:
    response = check_in(client, note="I want to die, I cannot do this anymore")
    html = client.get(response["Location"]).content.decode()
    assert "have a safety plan yet" in html and 'href="/plan/edit/"' in html


def test_everyday_words_just_save(client: Client) -> None:
    response = check_in(client, note="This exam is killing me lol")
    assert response["Location"] == "/journal/"


def test_a_setback_gets_words_about_recovery_never_blame(client: Client) -> None:
    check_in(client, harmed="yes", harm_form="form-scratching", note="")
    html = client.get("/journal/").content.decode()
    assert "A setback is part of recovery" in html
    assert "Yes (Scratching" in html


def test_the_offline_page_for_a_queued_check_in_exists(client: Client) -> None:
    html = assert_safe_page(client.get("/journal/queued/"))
    assert "sent by itself" in html
