"""Waylight in Spanish, as a young person in Mexico meets it on a 360 px phone.

The whole journey in one browser profile whose language is Spanish: learn, a check whose item
9 is above 0 (help now first, in Spanish, with Mexico's lines), a safety plan written with
accents and printed (the PDF keeps them), and the language switcher, by touch and by keyboard.
Every page passes axe-core.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect
from tests.pdf_text import pdf_text
from waylight_ui import A11y, click_and_wait, open_page, press_tab_until, snap

pytestmark = pytest.mark.browser

NewPage = Callable[..., Page]
PHQ9_SPANISH_ITEM_9 = "Pensamientos de que estaría mejor muerto(a) o de lastimarse de alguna manera"


def _spanish_phone(new_page: NewPage) -> Page:
    return new_page(locale="es-MX", timezone_id="America/Mexico_City")


def _answer(page: Page, a11y: A11y, label: str, number: int, last: bool) -> None:
    expect(page.get_by_role("progressbar", name=re.compile(rf"^Pregunta {number} de \d+$")))
    page.get_by_role("radio", name=label, exact=True).check()
    page.get_by_role("button", name="Ver mi resultado" if last else "Siguiente").click()
    if not last:
        expect(
            page.get_by_role("progressbar", name=re.compile(rf"^Pregunta {number + 1} de \d+$"))
        ).to_be_visible()
    else:
        expect(page.get_by_role("progressbar")).to_have_count(0)
    a11y(page)


def test_the_spanish_journey_learn_check_help_now_plan_and_pdf(
    new_page: NewPage, a11y: A11y
) -> None:
    page = _spanish_phone(new_page)
    open_page(page, a11y, "/")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("No estás solo ni sola en esto")
    # The header's help is in Spanish and one tap away.
    expect(page.get_by_role("banner").get_by_role("link", name="Ayuda ahora")).to_be_visible()

    # Learn: a section and an article, in Spanish.
    click_and_wait(
        page, page.get_by_role("navigation", name="Principal").get_by_role("link", name="Aprender")
    )
    a11y(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("autolesión")
    click_and_wait(page, page.locator("main a.tile").first)
    a11y(page)
    click_and_wait(page, page.locator("main a.tile").first)
    a11y(page)
    expect(page.locator("article")).not_to_have_attribute("lang", "en")
    expect(page.locator("article h1")).not_to_have_text("")

    # Check: the PHQ-9 in its official Spanish wording; item 9 above 0 opens help now.
    open_page(page, a11y, "/check/")
    click_and_wait(page, page.locator("main a[href='/check/phq9/']"))
    a11y(page)
    expect(page.locator("legend")).to_contain_text("Poco interés o placer en hacer cosas")
    for number in range(1, 9):
        _answer(page, a11y, "Ningún día", number, last=False)
    expect(page.locator("legend")).to_contain_text(PHQ9_SPANISH_ITEM_9)
    _answer(page, a11y, "Varios días", 9, last=False)
    expect(page.locator("legend")).to_contain_text("Si marcó cualquiera de los problemas")
    _answer(page, a11y, "Un poco difícil", 10, last=True)
    expect(page.get_by_role("heading", level=1)).to_have_text("Por favor, habla con alguien ahora")
    main = page.locator("main")
    expect(main).to_contain_text("No se ha enviado nada a nadie")
    expect(main).to_contain_text("Línea de la Vida")  # Mexico's national line, in Spanish
    expect(main.locator("a[href='tel:911']").first).to_be_visible()
    snap(page, "es-check-crisis")
    # Leaving takes the same deliberate two steps as in English.
    page.get_by_role("button", name="Ver mi resultado completo").click()
    expect(page.get_by_role("alert")).to_contain_text("marca antes la casilla")
    a11y(page)

    # Plan: written with accents, printed, and the PDF keeps every letter.
    open_page(page, a11y, "/plan/edit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hacer mi plan de seguridad")
    page.get_by_label("1. Mis señales de alarma").fill("Cuando no duermo y me encierro")
    page.get_by_label("Mis razones para vivir").fill("Mi perro Toño\n¡Mi abuela, sí!")
    click_and_wait(page, page.get_by_role("button", name="Guardar mi plan"))
    a11y(page)
    expect(page.get_by_role("status")).to_contain_text("guardado")
    expect(page.locator("main")).to_contain_text("Mi perro Toño")
    with page.expect_download() as info:
        page.get_by_role("link", name="Imprimir (PDF)").click()
    path = info.value.path()
    assert path is not None
    with open(path, "rb") as handle:
        text = pdf_text(handle.read())
    for words in (
        "Mi plan de seguridad",
        "Mis señales de alarma",
        "Mi perro Toño",
        "¡Mi abuela, sí!",
    ):
        assert words in text, f"{words!r} is not in the printed plan:\n{text}"
    assert "Ayuda ahora" in text and "911" in text
    snap(page, "es-plan")


def test_the_switcher_changes_the_language_and_keeps_it(new_page: NewPage, a11y: A11y) -> None:
    page = _spanish_phone(new_page)
    open_page(page, a11y, "/help-now/")
    switch = page.get_by_role("button", name="English")
    expect(switch).to_have_attribute("lang", "en")
    click_and_wait(page, switch)
    a11y(page)
    # Back on the same page, in English, and the choice is kept from page to page.
    expect(page).to_have_url(re.compile(r"/help-now/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Help now")
    open_page(page, a11y, "/learn/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # And back, by keyboard alone: Tab to the switcher, Enter.
    press_tab_until(page, lambda: page.evaluate("document.activeElement.textContent") == "Español")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    a11y(page)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Aprende")


def test_in_the_us_the_spanish_page_lists_988_in_spanish(new_page: NewPage, a11y: A11y) -> None:
    page = new_page(locale="es-US", timezone_id="America/Chicago")
    open_page(page, a11y, "/help-now/")
    panel = page.locator("#help-panel")
    expect(panel).to_contain_text("Estados Unidos")
    first = panel.locator(".line").first
    expect(first).to_contain_text("988")
    expect(first).to_contain_text("español")
    snap(page, "es-help-now-us")


def test_a_questionnaire_without_an_official_spanish_text_says_so(
    new_page: NewPage, a11y: A11y
) -> None:
    page = _spanish_phone(new_page)
    open_page(page, a11y, "/check/asq/")
    expect(page.locator(".in-english")).to_contain_text("se muestran en inglés")
    # The questions are in English, and marked so for screen readers and translators.
    expect(page.locator("fieldset")).to_have_attribute("lang", "en")
    expect(page.locator("html")).to_have_attribute("lang", "es")
