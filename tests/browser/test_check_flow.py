"""Check in: a PHQ-9 with thoughts of self-harm leads to help now, which one tap cannot dismiss.

SPEC section 3: a hard trigger shows help-now resources; a crisis flow cannot be dismissed by
one accidental tap; a result never hides help-now resources.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from waylight_ui import A11y, answer_question, click_and_wait, open_page, progress, snap, tel_links

pytestmark = pytest.mark.browser

PHQ9_COUNT = 10  # nine items and the functional-difficulty question
CRISIS_HEADING = re.compile(r"please talk to someone now", re.IGNORECASE)


def _answer_phq9(page: Page, a11y: A11y, item9: str) -> None:
    open_page(page, a11y, "/check/")
    click_and_wait(
        page, page.get_by_role("link", name=re.compile(r"^Patient Health Questionnaire \(PHQ.9\)"))
    )
    a11y(page)
    # (titles may use a non-breaking hyphen, so "PHQ-9" never breaks across lines)
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile(r"PHQ.9"))
    for number in range(1, 9):
        answer_question(page, a11y, "Several days", number, PHQ9_COUNT)
    answer_question(page, a11y, item9, 9, PHQ9_COUNT)
    answer_question(page, a11y, "Somewhat difficult", 10, PHQ9_COUNT)


def _expect_crisis_page(page: Page) -> None:
    expect(page.get_by_role("heading", name=CRISIS_HEADING, level=1)).to_be_visible()
    expect(
        page.get_by_role("heading", name="People you can talk to now", exact=True)
    ).to_be_visible()
    # The chosen country's lines (en-GB browser: the UK), each a number a phone can dial.
    expect(tel_links(page).first).to_be_visible()
    assert tel_links(page).count() >= 2, "the crisis page offers fewer than two numbers to call"
    expect(page.locator("main")).to_contain_text("116 123")


def test_phq9_item9_above_zero_lands_on_help_now_that_one_tap_cannot_dismiss(
    page: Page, a11y: A11y
) -> None:
    _answer_phq9(page, a11y, item9="Several days")
    _expect_crisis_page(page)
    snap(page, "check-crisis")
    # The full result is not shown yet: help comes first.
    expect(page.get_by_text("Score", exact=True)).to_have_count(0)

    # One accidental tap on the obvious button does not leave the page.
    leave = page.get_by_role("button", name="Show my full result")
    click_and_wait(page, leave)
    a11y(page)
    _expect_crisis_page(page)
    expect(page.get_by_role("alert")).to_contain_text("tick the box")

    # The deliberate two-step way does: tick "I am safe right now", then press the button.
    page.get_by_role("checkbox", name=re.compile(r"I am safe right now")).check()
    click_and_wait(page, page.get_by_role("button", name="Show my full result"))
    a11y(page)
    expect(page.get_by_role("heading", name="Your PHQ-9 result", level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text("out of 27")
    # Seeing the full result never hides help: the lines stay on the page, at the top.
    panel_heading = page.get_by_role("heading", name="People you can talk to now", exact=True)
    expect(panel_heading).to_be_visible()
    snap(page, "check-result-after-crisis")
    assert tel_links(page).count() >= 2
    expect(page.locator("main")).to_contain_text("116 123")


def test_phq9_without_item9_gives_a_result_that_still_shows_help(page: Page, a11y: A11y) -> None:
    _answer_phq9(page, a11y, item9="Not at all")
    expect(page.get_by_role("heading", name="Your PHQ-9 result", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name=CRISIS_HEADING)).to_have_count(0)
    main = page.locator("main")
    expect(main).to_contain_text("8 out of 27")  # eight items at "several days" (1 point each)
    snap(page, "check-result")
    expect(main).to_contain_text("not a diagnosis")
    # A negative result never hides help-now resources (SPEC section 3.4).
    assert tel_links(page).count() >= 2
    expect(main).to_contain_text("116 123")


def test_a_questionnaire_can_be_answered_by_keyboard_alone(page: Page, a11y: A11y) -> None:
    """Tab to the choices, pick with the arrow keys, Tab to the button, Enter: no mouse."""
    open_page(page, a11y, "/check/phq2/")
    count = 2
    for number in range(1, count + 1):
        expect(progress(page, number, count)).to_be_visible()
        _tab_to(page, "radio")
        page.keyboard.press("ArrowDown")  # from "Not at all" to "Several days" (and checks it)
        assert page.evaluate("() => document.activeElement.checked") is True
        assert page.evaluate("() => document.activeElement.value") == "1"
        button = "See my result" if number == count else "Next"
        _tab_to(page, "button", button)
        page.keyboard.press("Enter")
        if number < count:
            expect(progress(page, number + 1, count)).to_be_visible()
        else:
            expect(page.get_by_role("heading", name="Your PHQ-2 result")).to_be_visible()
        a11y(page)
    expect(page.locator("main")).to_contain_text("2 out of 6")
    assert tel_links(page).count() >= 1


def test_the_help_now_path_works_by_keyboard_alone(page: Page, a11y: A11y) -> None:
    """ASQ with a "yes" leads to help now; leaving it by keyboard also takes two steps."""
    open_page(page, a11y, "/check/asq/")
    # Question 1 "Yes" (Space on the first choice); questions 2 to 5 "No" (one arrow down).
    for number in range(1, 6):
        _tab_to(page, "radio")
        page.keyboard.press("Space" if number == 1 else "ArrowDown")
        _tab_to(page, "button", "See my result" if number == 5 else "Next")
        page.keyboard.press("Enter")
        if number < 5:
            expect(progress(page, number + 1, 5)).to_be_visible()
            a11y(page)
    _expect_crisis_page(page)
    a11y(page)

    _tab_to(page, "button", "Show my full result")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # one press, box not ticked: still on help now
    a11y(page)
    _expect_crisis_page(page)

    _tab_to(page, "checkbox")
    page.keyboard.press("Space")
    _tab_to(page, "button", "Show my full result")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    a11y(page)
    heading = page.get_by_role("heading", name=re.compile(r"Your ASQ result"), level=1)
    expect(heading).to_be_visible()
    assert tel_links(page).count() >= 2


def _tab_to(page: Page, role: str, name: str | None = None, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(
            "() => { const e = document.activeElement;"
            " return [e.tagName.toLowerCase(), e.type || '', (e.innerText || '').trim()]; }"
        )
        tag, kind, text = info
        if role in ("radio", "checkbox") and tag == "input" and kind == role:
            return
        if role == "button" and tag == "button" and (name is None or text == name):
            return
    raise AssertionError(f"Tab never reached the {role} {name or ''}")


def test_the_tile_and_the_first_question_count_the_same_questions(page: Page, a11y: A11y) -> None:
    open_page(page, a11y, "/check/")
    tile = page.get_by_role("link", name=re.compile(r"^PHQ.9 modified for adolescents"))
    expect(tile).to_contain_text("12 questions, and one more")
    click_and_wait(page, tile)
    a11y(page)
    expect(progress(page, 1, 12)).to_be_visible()


def test_the_result_is_plain_and_keeps_the_licence_in_about_this_questionnaire(
    page: Page, a11y: A11y
) -> None:
    open_page(page, a11y, "/check/phq9/")
    answers = ["Nearly every day"] * 5 + ["More than half the days"] * 3 + ["Not at all"]
    for number, label in enumerate(answers, start=1):
        answer_question(page, a11y, label, number, PHQ9_COUNT)
    answer_question(page, a11y, "Very difficult", 10, PHQ9_COUNT)
    main = page.locator("main")
    expect(page.get_by_role("heading", name="Your PHQ-9 result", level=1)).to_be_visible()
    expect(main).not_to_contain_text("syndrome")
    licence = main.get_by_text("Pfizer", exact=False)
    expect(licence.first).to_be_hidden()
    page.get_by_text("About this questionnaire", exact=True).click()
    expect(licence.first).to_be_visible()
    a11y(page)
