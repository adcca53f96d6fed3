"""The crisis path as a person in distress meets it, on a 360 px phone and a desktop.

Each test pins one defect found by walking the app as new users would: the wrong country's
numbers, "Help now" pushed off-screen by large text, a search that ignored crisis words, a
crisis page that frightened, buttons that did nothing, and a Back button that lost everything.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from conftest import DESKTOP, PHONE
from playwright.sync_api import Page, expect
from waylight_ui import A11y, click_and_wait, header_help_now, open_page, snap, tel_links

pytestmark = pytest.mark.browser

NewPage = Callable[..., Page]


def _help_panel(page: Page) -> object:
    return page.locator("#help-panel")


def _first_line_name(page: Page) -> str:
    return page.locator("#help-panel .line .line-name").first.inner_text().strip()


# --- 1. The right country, and one tap to change it -------------------------------------------


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_time_zone_beats_the_language_india_with_an_english_us_browser(
    new_page: NewPage, a11y: A11y, viewport: dict[str, int]
) -> None:
    page = new_page(viewport, locale="en-US", timezone_id="Asia/Kolkata")
    page.goto("/help-now/")
    # The first answer is guessed from the language; the page then learns the time zone.
    main = page.locator("main")
    expect(main).to_contain_text("Tele MANAS")
    a11y(page)
    expect(page.locator("#help-panel")).to_contain_text("India")
    expect(main).not_to_contain_text("988")
    hrefs = tel_links(page).evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert "tel:14416" in hrefs and "tel:112" in hrefs, hrefs
    assert "tel:911" not in hrefs, hrefs
    snap(page, "help-now-india")


def test_a_time_zone_that_agrees_with_the_language_changes_nothing(
    new_page: NewPage, a11y: A11y
) -> None:
    page = new_page(locale="en-US", timezone_id="America/Chicago")
    open_page(page, a11y, "/help-now/")
    expect(page.locator("#help-panel")).to_contain_text("United States")
    assert page.locator("main a[href='tel:988']").count() >= 1


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_not_in_this_country_is_beside_the_first_number_and_one_tap_away(
    new_page: NewPage, a11y: A11y, viewport: dict[str, int]
) -> None:
    page = new_page(viewport, locale="en-US", timezone_id="America/New_York")
    open_page(page, a11y, "/worried/")
    panel = page.locator("#help-panel")
    change = panel.get_by_text("Not in United States? Change")
    expect(change).to_be_visible()
    # Beside the first number: the control sits above the first line's call button, within
    # one phone screen of it.
    first_call = panel.locator(".line a[href^='tel:']").first
    change_box, call_box = change.bounding_box(), first_call.bounding_box()
    assert change_box and call_box
    assert 0 < call_box["y"] - change_box["y"] < 400, (change_box, call_box)
    change.click()  # one tap opens a short list
    a11y(page)
    click_and_wait(page, panel.get_by_role("button", name="India", exact=True))
    a11y(page)
    # Back on the same page, now with India's lines, and the choice is kept.
    expect(page).to_have_url(re.compile(r"/worried/$"))
    expect(page.locator("#help-panel")).to_contain_text("Tele MANAS")
    expect(page.locator("#help-panel")).to_contain_text("Not in India? Change")


# --- 2. Large text never hides Help now ---------------------------------------------------------


@pytest.mark.parametrize("width", [320, 360])
@pytest.mark.parametrize("path", ["/", "/learn/", "/check/phq9/", "/help-now/", "/plan/"])
def test_help_now_stays_on_screen_at_200_percent_text(
    new_page: NewPage, a11y: A11y, width: int, path: str
) -> None:
    page = new_page({"width": width, "height": 640})
    open_page(page, a11y, path)
    # 200 % text, as a phone's largest text setting gives: everything is sized in rem.
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    control = header_help_now(page)
    expect(control).to_be_in_viewport(ratio=1)
    box = control.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"Help now cut off: {box}"
    assert box["y"] + box["height"] <= 640, f"Help now below the first screen: {box}"
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{path} scrolls sideways at 200 % text ({scroll_width} px)"
    a11y(page)


# --- 3. Search that hears crisis words ----------------------------------------------------------


def _panel_before_first_result(page: Page) -> None:
    panel = page.locator("#help-panel")
    expect(panel).to_be_visible()
    first_result = page.locator("#search-results .tiles a.tile").first
    expect(first_result).to_be_visible()
    panel_box, result_box = panel.bounding_box(), first_result.bounding_box()
    assert panel_box and result_box and panel_box["y"] < result_box["y"]
    assert tel_links(page, panel).count() >= 1


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_search_with_crisis_words_shows_help_now_first(
    new_page: NewPage, a11y: A11y, viewport: dict[str, int]
) -> None:
    page = new_page(viewport)
    open_page(page, a11y, "/learn/search/?q=I+want+to+kill+myself")
    _panel_before_first_result(page)
    snap(page, "search-crisis")


def test_search_as_you_type_and_the_home_search_hear_crisis_words(page: Page, a11y: A11y) -> None:
    open_page(page, a11y, "/")
    box = page.get_by_role("searchbox", name=re.compile(r"Search in your own words"))
    box.fill("i don't want to be here anymore")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#help-panel")).to_be_visible()
    a11y(page)
    _panel_before_first_result(page)

    # An everyday search shows no crisis panel, only the articles.
    box = page.get_by_role("searchbox", name=re.compile(r"Search in your own words"))
    box.fill("I pull my hair when I'm stressed")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name=re.compile(r"^Pulling out hair"))).to_be_visible()
    expect(page.locator("#search-results #help-panel")).to_have_count(0)
    a11y(page)


# --- 4. The crisis page after a questionnaire ---------------------------------------------------


def _answer_until_result(page: Page, a11y: A11y, answers: dict[int, str], default: str) -> None:
    """Answer whatever question is shown (by its step), until a page without a question."""
    for _ in range(20):
        flow = page.locator("#check-flow")
        step_attr = flow.get_attribute("data-check-step")
        if step_attr is None:
            return
        step = int(step_attr)
        label = answers.get(step, default)
        radio = page.get_by_role("radio", name=label, exact=True)
        if radio.count() == 0:
            radio = page.get_by_role("radio").first
        radio.check()
        page.locator("#check-flow button[value='next']").click()
        expect(page.locator(f"#check-flow[data-check-step='{step}']")).to_have_count(0)
        a11y(page)
    raise AssertionError("the questionnaire never ended")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_crisis_page_leads_with_people_who_listen_and_says_nothing_was_sent(
    new_page: NewPage, a11y: A11y, viewport: dict[str, int]
) -> None:
    page = new_page(viewport)
    open_page(page, a11y, "/check/phq9/")
    _answer_until_result(page, a11y, {8: "Several days"}, "Not at all")
    expect(page.get_by_role("heading", level=1)).to_have_text("Please talk to someone now")
    main = page.locator("main")
    expect(main).to_contain_text("Nothing has been sent to anyone")
    expect(main).not_to_contain_text("Thank you for telling us")
    # Listening lines first (en-GB browser: Samaritans), the emergency number after them.
    assert _first_line_name(page) == "Samaritans"
    hrefs = tel_links(page, page.locator("#help-panel")).evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    assert hrefs.index("tel:116123") < hrefs.index("tel:999"), hrefs
    # "I'm not safe" calls, and is as large as the way on.
    not_safe = page.get_by_role("link", name=re.compile(r"^I'm not safe"))
    expect(not_safe).to_have_attribute("href", "tel:999")
    go_on = page.get_by_role("button", name="Show my full result")
    a, b = not_safe.bounding_box(), go_on.bounding_box()
    assert a and b
    assert abs(a["height"] - b["height"]) <= 2 and abs(a["width"] - b["width"]) <= 2, (a, b)
    snap(page, "crisis-page")


def test_after_the_phq_a_youth_lines_come_first(
    new_page: NewPage, a11y: A11y, base_url: str
) -> None:
    page = new_page()
    page.context.add_cookies([{"name": "waylight_country", "value": "AU", "url": base_url}])
    open_page(page, a11y, "/help-now/")
    assert _first_line_name(page) == "Lifeline"  # the usual order for everyone
    open_page(page, a11y, "/check/phqa/")
    _answer_until_result(page, a11y, {12: "Yes"}, "Not at all")
    expect(page.get_by_role("heading", level=1)).to_have_text("Please talk to someone now")
    assert _first_line_name(page) == "Kids Helpline"


# --- 5. Next or Check without a choice says why ------------------------------------------------


def test_next_without_a_choice_shows_the_message_with_javascript(page: Page, a11y: A11y) -> None:
    open_page(page, a11y, "/check/phq9/")
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("alert")).to_contain_text("Please choose one of the answers")
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile(r"PHQ.9"))
    a11y(page)

    open_page(page, a11y, "/learn/quiz/")
    page.get_by_role("button", name="Check", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Please choose")
    a11y(page)


# --- 6. Back keeps the place and the answers ----------------------------------------------------


def _checked_label(page: Page) -> str:
    return str(
        page.evaluate(
            "() => { const r = document.querySelector('#check-flow input[type=radio]:checked');"
            " return r ? r.closest('label').innerText.trim() : ''; }"
        )
    )


def _question_number(page: Page) -> int:
    text = page.locator("#check-flow .progress label").inner_text()
    found = re.search(r"Question (\d+) of", text)
    assert found, text
    return int(found.group(1))


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_back_forward_and_reload_keep_the_place_and_the_answers(
    new_page: NewPage, a11y: A11y, viewport: dict[str, int]
) -> None:
    page = new_page(viewport)
    open_page(page, a11y, "/check/phq9/")
    picks = ["Several days", "More than half the days", "Nearly every day"]
    for number, label in enumerate(picks, start=1):
        assert _question_number(page) == number
        page.get_by_role("radio", name=label, exact=True).check()
        page.get_by_role("button", name="Next").click()
        expect(page.locator("#check-flow .progress label")).to_contain_text(
            f"Question {number + 1} of"
        )
        a11y(page)
    # The address says which step, never an answer.
    assert re.search(r"/check/phq9/\?step=4$", page.url), page.url

    page.go_back()
    expect(page.locator("#check-flow .progress label")).to_contain_text("Question 3 of")
    assert _checked_label(page) == "Nearly every day"
    a11y(page)
    page.go_back()
    expect(page.locator("#check-flow .progress label")).to_contain_text("Question 2 of")
    assert _checked_label(page) == "More than half the days"
    a11y(page)

    page.go_forward()
    expect(page.locator("#check-flow .progress label")).to_contain_text("Question 3 of")
    a11y(page)
    page.reload()
    expect(page.locator("#check-flow .progress label")).to_contain_text("Question 3 of")
    assert _checked_label(page) == "Nearly every day"
    a11y(page)

    # The answers kept are the answers scored: 1 + 2 + 3, then zeros.
    page.get_by_role("button", name="Next").click()
    expect(page.locator("#check-flow .progress label")).to_contain_text("Question 4 of")
    _answer_until_result(page, a11y, {}, "Not at all")
    expect(page.locator("main")).to_contain_text("6 out of 27")
    assert "6" not in page.url.split("?")[-1] or page.url.endswith("step=result"), page.url


# --- 13. An h1 on every question screen ---------------------------------------------------------


def test_every_question_screen_has_a_heading(page: Page, a11y: A11y) -> None:
    open_page(page, a11y, "/check/gad7/")
    for _ in range(3):
        expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile(r"GAD.7"))
        page.get_by_role("radio", name="Several days", exact=True).check()
        number = _question_number(page)
        page.get_by_role("button", name="Next").click()
        expect(page.locator("#check-flow .progress label")).to_contain_text(
            f"Question {number + 1} of"
        )
        a11y(page)


def test_help_now_is_in_the_header_of_the_crisis_page(page: Page, a11y: A11y) -> None:
    open_page(page, a11y, "/check/asq/")
    _answer_until_result(page, a11y, {0: "Yes"}, "No")
    expect(header_help_now(page)).to_be_visible()
