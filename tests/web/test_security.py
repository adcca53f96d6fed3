"""CSRF on every form, cookies and the country choice."""

from __future__ import annotations

import pytest
from django.test import Client
from tests.web.conftest import assert_safe_page

from waylight.web.models import SafetyPlan

pytestmark = pytest.mark.django_db

FORM_POSTS = [
    ("/plan/edit/", {"reasons": "My dog"}),
    ("/plan/delete/", {}),
    ("/country/", {"country": "GB"}),
    ("/check/phq9/", {"answer": "0"}),
    ("/check/phq9/result/", {"action": "keep"}),
    ("/worried/", {"noticed": "obs-withdrawing"}),
    ("/learn/quiz/1/", {"guess": "myth"}),
    ("/results/1/delete/", {}),
]


@pytest.mark.parametrize(("url", "data"), FORM_POSTS)
def test_every_form_refuses_a_post_without_csrf_token(
    csrf_client: Client, url: str, data: dict
) -> None:
    response = csrf_client.post(url, data)
    assert response.status_code == 403
    html = assert_safe_page(response)
    assert "nothing was saved or changed" in html
    assert SafetyPlan.objects.count() == 0
    assert "waylight_country" not in response.cookies


def test_forms_work_with_the_csrf_token(csrf_client: Client) -> None:
    page = csrf_client.get("/plan/edit/")
    token = page.context["csrf_token"]
    response = csrf_client.post(
        "/plan/edit/", {"reasons": "My dog", "csrfmiddlewaretoken": str(token)}
    )
    assert response.status_code == 302
    assert SafetyPlan.objects.count() == 1


def test_every_page_form_carries_a_csrf_token(client: Client) -> None:
    for url in ("/plan/edit/", "/help-now/", "/check/phq9/", "/worried/", "/learn/quiz/1/"):
        html = client.get(url).content.decode()
        assert html.count('method="post"') == html.count('name="csrfmiddlewaretoken"'), url


def test_choosing_a_country_shows_its_lines_everywhere(client: Client) -> None:
    response = client.post("/country/", {"country": "gb", "next": "/help-now/"})
    assert response.status_code == 302
    cookie = response.cookies["waylight_country"]
    assert cookie.value == "GB" and cookie["httponly"] and cookie["samesite"] == "Lax"
    html = client.get("/help-now/").content.decode()
    assert 'href="tel:116123"' in html and 'href="tel:999"' in html
    assert html.index('href="tel:999"') < html.index('href="tel:116123"')  # emergency first
    assert 'href="sms:85258?&amp;body=SHOUT"' in html
    # The footer of every other page uses the same country.
    assert 'href="tel:999"' in client.get("/learn/").content.decode()


def test_unknown_country_gets_a_message_and_changes_nothing(client: Client) -> None:
    client.post("/country/", {"country": "FR"})
    response = client.post("/country/", {"country": "Atlantis"})
    assert response.status_code == 400
    assert "We do not know that country" in response.content.decode()
    assert "waylight_country" not in response.cookies
    assert 'href="tel:3114"' in client.get("/help-now/").content.decode()


def test_language_guess_when_no_country_is_chosen(client: Client) -> None:
    html = client.get("/help-now/", HTTP_ACCEPT_LANGUAGE="en-AU,en;q=0.8").content.decode()
    assert "Australia" in html and 'href="tel:000"' in html


def test_unknown_country_falls_back_to_findahelpline(client: Client) -> None:
    html = client.get("/help-now/").content.decode()
    assert "findahelpline.com" in html


def test_next_parameter_cannot_redirect_off_site(client: Client) -> None:
    response = client.post("/country/", {"country": "GB", "next": "https://evil.example/"})
    assert response["Location"] == "/help-now/"


def test_worried_checklist_gives_guidance_and_help_now(client: Client) -> None:
    html = client.post("/worried/", {"noticed": ["obs-withdrawing"]}).content.decode()
    assert "What to say" in html and "What not to say" in html and "Look after yourself" in html
    urgent = client.post("/worried/", {"noticed": ["obs-wants-to-die"]}).content.decode()
    assert urgent.index('class="help-panel"') < urgent.index("What to say")
    bad = client.post("/worried/", {"noticed": ["not-an-item"]})
    assert bad.status_code == 422 and "nothing was changed" in bad.content.decode()


def test_quiz_reveals_the_fact(client: Client) -> None:
    response = client.post("/learn/quiz/1/", {"guess": "fact"})
    html = response.content.decode()
    assert "This is a myth" in html and "The fact:" in html
    bad = client.post("/learn/quiz/1/", {"guess": "maybe"})
    assert bad.status_code == 422 and "Please choose" in bad.content.decode()


def test_every_page_sets_the_csrf_cookie_even_without_a_form(client: Client) -> None:
    # The service worker fetches pages in parallel right after the first page: if that page set
    # no CSRF cookie, each parallel answer would set its own and a form would then be refused.
    response = client.get("/healthz")
    assert "csrftoken" in response.cookies
    token = response.cookies["csrftoken"].value
    again = client.get("/check/")
    assert "csrftoken" not in again.cookies or again.cookies["csrftoken"].value == token
