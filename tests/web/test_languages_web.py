"""The web app in Spanish: the page's language, the switcher, the content, the PDFs, the journal.

The browser's language is the default (Accept-Language), a choice made with the switcher is
kept in a cookie and wins, `lang` is right on every page, and everything a Spanish page shows
comes in Spanish from the same ids and logic as the English page.
"""

from __future__ import annotations

import re

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import translation
from tests.pdf_text import pdf_text
from tests.web.conftest import assert_safe_page
from tests.web.test_journal import form_token

pytestmark = pytest.mark.django_db

SPANISH = {"HTTP_ACCEPT_LANGUAGE": "es-MX,es;q=0.9,en;q=0.5"}
# Every page a person can open without having made anything first.
PAGES = [
    "/",
    "/about/",
    "/about/how-we-write/",
    "/help-now/",
    "/learn/",
    "/learn/signs/",
    "/learn/search/?q=mi+hija+se+tapa+los+brazos",
    "/learn/quiz/",
    "/learn/quiz/summary/",
    "/check/",
    "/check/phq9/",
    "/check/gad7/",
    "/check/asq/",
    "/worried/",
    "/plan/",
    "/plan/edit/",
    "/plan/import/",
    "/results/",
    "/space/",
    "/journal/",
    "/journal/new/",
    "/toolbox/",
    "/toolbox/urge/",
    "/toolbox/grounding/",
    "/toolbox/breathing/",
    "/toolbox/ideas/",
    "/toolbox/reasons/",
    "/progress/",
    "/reminders/",
    "/my-data/",
    "/account/",
    "/account/signup/",
    "/account/login/",
    "/delete-everything/",
    "/offline/",
]
# English words of the interface that must not be left on a Spanish page.
ENGLISH_CHROME = ("Skip to main content", "Leave quickly", "My safety plan", "Worried about")


def html_lang(html: str) -> str:
    found = re.search(r'<html lang="([^"]+)"', html)
    assert found, "the page has no lang attribute"
    return found.group(1)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_in_spanish_for_a_spanish_browser(client: Client, path: str) -> None:
    response = client.get(path, **SPANISH)
    assert response.status_code == 200, path
    html = assert_safe_page(response)
    assert html_lang(html) == "es"
    assert response["Content-Language"] == "es"
    for words in ENGLISH_CHROME:
        assert words not in html, f"{path} still says {words!r}"
    assert "Ayuda ahora" in html


def test_a_browser_in_a_language_waylight_does_not_speak_gets_english(client: Client) -> None:
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9").content.decode()
    assert html_lang(html) == "en" and "You are not alone in this" in html


def test_the_switcher_keeps_the_choice_in_a_cookie_that_beats_the_browser(
    csrf_client: Client,
) -> None:
    page = csrf_client.get("/learn/", **SPANISH).content.decode()
    # The other language, named in itself and marked as such, on a form with a CSRF token.
    assert '<button type="submit" name="language" value="en" lang="en">English</button>' in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token
    answer = csrf_client.post(
        "/language/?next=/learn/",
        {"language": "en", "csrfmiddlewaretoken": token.group(1)},
        **SPANISH,
    )
    assert answer.status_code == 302 and answer["Location"] == "/learn/"
    cookie = answer.cookies["waylight_lang"]
    assert cookie.value == "en" and cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 365 * 24 * 3600
    # The Spanish browser now gets English, page after page.
    assert html_lang(csrf_client.get("/help-now/", **SPANISH).content.decode()) == "en"


def test_the_switcher_refuses_a_forged_post_and_another_site_as_next(
    csrf_client: Client, client: Client
) -> None:
    assert csrf_client.post("/language/", {"language": "es"}).status_code == 403
    away = client.post("/language/?next=https://evil.example/", {"language": "es"})
    assert away["Location"] == "/"
    unknown = client.post("/language/?next=/learn/", {"language": "xx"})
    assert unknown["Location"] == "/learn/" and "waylight_lang" not in unknown.cookies


def test_content_comes_from_the_spanish_knowledge_base_and_search(client: Client) -> None:
    html = client.get("/learn/signs/", **SPANISH).content.decode()
    assert "Señales" in html or "señales" in html
    found = client.get("/learn/search/?q=quiero+morirme", **SPANISH).content.decode()
    # Help first for a crisis search, in Spanish words and with Spanish-speaking lines.
    assert "Puedes hablar con alguien ahora" in found


def test_a_text_shown_in_english_says_so_and_is_marked_for_screen_readers() -> None:
    template = Template(
        '{% load waylight_text %}<p{% if lang|other_language %} lang="{{ lang }}"{% endif %}>'
        'x</p>{% include "waylight/includes/in_english.html" %}'
    )
    with translation.override("es"):
        shown = template.render(Context({"lang": "en", "LANGUAGE_CODE": "es"}))
        translated = template.render(Context({"lang": "es", "LANGUAGE_CODE": "es"}))
    assert '<p lang="en">' in shown and "se muestra en inglés" in shown
    assert "lang=" not in translated.split("</p>")[0] and "inglés" not in translated


def test_the_spanish_check_uses_the_official_wording_and_the_same_trigger(client: Client) -> None:
    first = client.get("/check/phq9/", **SPANISH).content.decode()
    assert "Poco interés o placer en hacer cosas" in first
    assert "Ningún día" in first
    # An instrument without an official Spanish text: English questions, marked and explained.
    asq = client.get("/check/asq/", **SPANISH).content.decode()
    assert 'lang="en"' in asq and "se muestran en inglés" in asq


def test_the_printed_plan_is_in_spanish_with_its_accents(client: Client) -> None:
    saved = client.post(
        "/plan/edit/",
        {"warning_signs": "Cuando no duermo", "reasons": "Mi perro Toño\n¡Mi abuela, sí!"},
        **SPANISH,
    )
    assert saved.status_code == 302
    pdf = client.get("/plan/plan.pdf", **SPANISH).content
    text = pdf_text(pdf)
    for words in (
        "Mi plan de seguridad",
        "1. Mis señales de alarma",
        "Mi perro Toño",
        "¡Mi abuela",
    ):
        assert words in text, text
    assert "Ayuda ahora" in text and "(todavía no hay nada escrito)" in text
    assert b"/Lang (es)" in pdf
    card = pdf_text(client.get("/plan/card.pdf", **SPANISH).content)
    assert "Mis señales de alarma" in card and "Ayuda ahora" in card


def test_a_note_in_spanish_is_kept_and_said_to_be_unread(client: Client) -> None:
    token = form_token(client)
    answer = client.post(
        "/journal/new/",
        {
            "day": "2026-03-01",
            "mood": "3",
            "urge": "2",
            "harmed": "no",
            "note": "Hoy fue un día muy largo y nadie me entiende, estoy muy cansada",
            "form_token": token,
        },
        follow=True,
        **SPANISH,
    )
    html = answer.content.decode()
    # Not the crisis page, not a silent "saved": the note was not read, and help is one tap away.
    assert answer.redirect_chain[-1][0] == "/journal/"
    assert "no ha leído la tuya" in html and "Ayuda ahora" in html
    # The day is written the Spanish way (1 March 2026 was a Sunday).
    assert "domingo, 1 de marzo de 2026" in html.lower()


def test_a_spanish_form_with_a_mistake_is_answered_in_spanish(client: Client) -> None:
    token = form_token(client)
    answer = client.post(
        "/journal/new/", {"day": "2026-03-01", "mood": "42", "form_token": token}, **SPANISH
    )
    html = answer.content.decode()
    assert answer.status_code == 422
    assert "Elige un número del 0 al 10 para tu ánimo" in html
    assert "Hay que cambiar una cosita antes de guardar" in html


def test_a_reminder_refuses_words_in_either_language(client: Client) -> None:
    for title, page_language in (("mi plan de seguridad", SPANISH), ("my safety plan", SPANISH)):
        answer = client.post(
            "/reminders/",
            {"time": "20:00", "title": title, "note": "", "days": ["MO"]},
            **page_language,
        )
        assert answer.status_code == 422
        assert "Elige otras palabras" in answer.content.decode()
    english = client.post(
        "/reminders/", {"time": "20:00", "title": "mi plan de seguridad", "days": ["MO"]}
    )
    assert english.status_code == 422 and "choose other words" in english.content.decode()
