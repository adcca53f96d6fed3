"""Every main page on a 360 px phone: accessible, no sideways scrolling, "Help now" in reach;
and accessible again at desktop width.

Set WAYLIGHT_SCREENSHOTS=/some/folder to also save a phone and a desktop screenshot of each
page there (for looking at the pages by eye; nothing is compared).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from waylight_ui import A11y, header_help_now, open_page, snap

pytestmark = pytest.mark.browser

PHONE_WIDTH = 360

# The main pages a person can land on without making anything first.
MAIN_PAGES = {
    "home": "/",
    "learn": "/learn/",
    "learn-section": "/learn/signs/",
    "learn-item": None,  # the first item of the first section, found from the page
    "search": "/learn/search/?q=I+pull+my+hair+when+I%27m+stressed",
    "quiz": "/learn/quiz/",
    "check": "/check/",
    "check-question": "/check/phq9/",
    "worried": "/worried/",
    "help-now": "/help-now/",
    "plan": "/plan/",
    "plan-edit": "/plan/edit/",
    "results": "/results/",
    "about": "/about/",
    "how-we-write": "/about/how-we-write/",
    "plan-import": "/plan/import/",
    "quiz-summary": "/learn/quiz/summary/",
}


def _first_item_path(page: Page) -> str:
    page.goto("/learn/signs/")
    href = page.locator("main a[href^='/learn/signs/']").first.get_attribute("href")
    assert href, "the signs section links to no item"
    return href


def _assert_fits_phone(page: Page) -> None:
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.body.scrollWidth]"
    )
    assert max(widths) <= PHONE_WIDTH, (
        f"{page.url} scrolls sideways at {PHONE_WIDTH} px (content is {max(widths)} px wide)"
    )


def _assert_help_now_in_reach(page: Page) -> None:
    control = header_help_now(page)
    expect(control).to_be_visible()
    box = control.bounding_box()
    assert box is not None
    # In reach = on the first screen, without scrolling in any direction.
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH, f"Help now off-screen: {box}"
    assert box["y"] >= 0 and box["y"] + box["height"] <= 740, f"Help now below the fold: {box}"
    # A thumb-sized target (WCAG 2.5.8 asks for 24 px; 44 px is the comfortable size).
    assert box["height"] >= 24 and box["width"] >= 24, f"Help now is a tiny target: {box}"


@pytest.mark.parametrize("name", list(MAIN_PAGES))
def test_main_page_fits_a_phone_and_keeps_help_now_in_reach(
    page: Page, a11y: A11y, name: str
) -> None:
    path = MAIN_PAGES[name] or _first_item_path(page)
    if MAIN_PAGES[name] is None:
        a11y(page)
    open_page(page, a11y, path)
    snap(page, name)
    _assert_fits_phone(page)
    _assert_help_now_in_reach(page)
    # And on a desktop screen: the layout changes (two columns, one-line menu), so check again.
    page.set_viewport_size({"width": 1280, "height": 900})
    a11y(page)
    expect(header_help_now(page)).to_be_in_viewport()
    snap(page, name)


def test_help_now_control_leads_to_crisis_lines_in_one_step(page: Page, a11y: A11y) -> None:
    open_page(page, a11y, "/about/")
    header_help_now(page).click()
    expect(page).to_have_url(re.compile(r"/help-now/$"))
    a11y(page)
    expect(page.get_by_role("heading", name="Help now", level=1)).to_be_visible()
    assert page.locator("main a[href^='tel:']").count() >= 2
