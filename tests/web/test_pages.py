"""Every page answers, shows the Help now link, sends a CSP and has no inline script."""

from __future__ import annotations

import pytest
from django.test import Client
from tests.web.conftest import assert_safe_page

from waylight.core.instruments import list_instruments
from waylight.core.kb import load_knowledge_base

pytestmark = pytest.mark.django_db


def static_pages() -> list[tuple[str, str]]:
    kb = load_knowledge_base()
    first = kb.sections[0]
    pages = [
        ("/", "You are not alone"),
        ("/learn/", first.title),
        ("/learn/search/?q=hair", "Search"),
        ("/learn/quiz/", "Myth or fact?"),
        (f"/learn/{first.id}/", first.items[0].title),
        (f"/learn/{first.id}/{first.items[0].id}/", first.items[0].summary[:30]),
        ("/check/", "Check in with yourself"),
        ("/worried/", "Worried about someone?"),
        ("/help-now/", "Help now"),
        ("/plan/", "My safety plan"),
        ("/results/", "Results kept on this device"),
        ("/about/", "What Waylight is not"),
    ]
    pages += [(f"/check/{i.id}/", i.title.replace("-", "\u2011")) for i in list_instruments()]
    pages += [(f"/learn/{s.id}/", s.title) for s in kb.sections]
    return pages


@pytest.mark.parametrize(("url", "text"), static_pages())
def test_page_renders_with_help_now_and_strict_csp(client: Client, url: str, text: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    html = assert_safe_page(response)
    assert text in html


def test_security_headers(client: Client) -> None:
    response = client.get("/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    csp = response.headers["Content-Security-Policy"]
    for part in (
        "default-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'none'",
    ):
        assert part in csp


def test_unknown_page_is_a_friendly_404(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = assert_safe_page(response)
    assert "We could not find that page" in html
    assert "Traceback" not in html


def test_unknown_learn_item_is_404(client: Client) -> None:
    assert client.get("/learn/signs/no-such-item/").status_code == 404
    assert client.get("/learn/no-such-section/").status_code == 404
    assert client.get("/check/no-such-test/").status_code == 404


def test_server_error_page_has_no_stack_trace(client: Client) -> None:
    from waylight.web.views.errors import server_error

    response = server_error(None)  # type: ignore[arg-type]
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html and "/help-now/" in html
    assert "Traceback" not in html


def test_search_finds_items_in_everyday_words(client: Client) -> None:
    html = client.get("/learn/search/", {"q": "I pull my hair when I'm stressed"}).content.decode()
    assert "hair" in html.lower()
    assert "/learn/forms/" in html


def test_too_long_search_gets_a_clear_message(client: Client) -> None:
    response = client.get("/learn/search/", {"q": "x" * 500})
    assert "fewer than 200 characters" in response.content.decode()


def test_static_files_are_served(client: Client) -> None:
    for path in ("/static/waylight/css/site.css", "/static/waylight/js/htmx.min.js"):
        assert client.get(path).status_code == 200


def test_check_list_says_how_many_questions(client: Client) -> None:
    html = client.get("/check/").content.decode()
    assert "9 questions, and one more if your answers call for it" in html  # PHQ-9
    assert "4 questions, and one more if your answers call for it" in html  # ASQ
