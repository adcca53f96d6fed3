"""Help now: the chosen country's lines, dialable on a phone, reachable by keyboard in one step."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from waylight_ui import (
    A11y,
    choose_country,
    focused_attr,
    focused_text,
    open_page,
    press_tab_until,
    tel_links,
)

pytestmark = pytest.mark.browser


def _hrefs(page: Page) -> list[str]:
    return [str(h) for h in tel_links(page).evaluate_all("els => els.map(e => e.href)")]


def test_changing_country_shows_that_countrys_lines(page: Page, a11y: A11y) -> None:
    open_page(page, a11y, "/help-now/")

    choose_country(page, a11y, "United Kingdom")
    expect(page).to_have_url(re.compile(r"/help-now/$"))
    main = page.locator("main")
    expect(main).to_contain_text("Samaritans")
    expect(main).to_contain_text("116 123")
    assert "tel:116123" in _hrefs(page), _hrefs(page)
    assert "tel:999" in _hrefs(page), "the UK emergency number is not a tel: link"

    choose_country(page, a11y, "United States")
    expect(main).to_contain_text("988")
    expect(main).not_to_contain_text("116 123")
    assert "tel:988" in _hrefs(page), _hrefs(page)
    assert "tel:911" in _hrefs(page), "the US emergency number is not a tel: link"
    # A text line a phone can open: 988 takes texts too.
    assert page.locator("main a[href^='sms:988']").count() >= 1

    # The choice is remembered: another page's footer now gives the US emergency number.
    open_page(page, a11y, "/about/")
    expect(page.get_by_role("contentinfo").locator("a[href='tel:911']")).to_be_visible()
    open_page(page, a11y, "/help-now/")
    expect(page.get_by_label("Show crisis lines for")).to_have_value("US")


def test_unknown_country_code_gets_a_clear_message_and_still_shows_help(
    page: Page, a11y: A11y
) -> None:
    page.goto("/help-now/?country=ZZZ")
    a11y(page)
    expect(page.get_by_role("alert")).to_contain_text("country")
    assert tel_links(page).count() >= 1, "a bad country code hid every number to call"


def test_skip_link_and_help_now_work_by_keyboard(page: Page, a11y: A11y) -> None:
    open_page(page, a11y, "/learn/")

    page.keyboard.press("Tab")
    assert focused_text(page) == "Skip to main content"
    skip = page.get_by_role("link", name="Skip to main content")
    # Visible when focused, not only to screen readers: on screen and big enough to read.
    expect(skip).to_be_in_viewport()
    box = skip.bounding_box()
    assert box is not None and box["width"] > 40 and box["height"] > 16, box
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"

    # From the top of any page, the Help now control is a few presses of Tab away.
    open_page(page, a11y, "/learn/")
    press_tab_until(page, lambda: focused_attr(page, "href") == "/help-now/", limit=4)
    assert focused_text(page) == "Help now"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/help-now/$"))
    a11y(page)
    assert tel_links(page).count() >= 2
