"""With JavaScript switched off, the check flow and help now still work (SPEC sections 3, 5).

htmx is only an enhancement: every step must also work as a plain form post and a plain link.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from waylight_ui import click_and_wait, header_help_now, progress, tel_links

pytestmark = pytest.mark.browser


@pytest.fixture
def page_without_js(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(
        base_url=base_url,
        java_script_enabled=False,
        viewport={"width": 360, "height": 740},
        locale="en-GB",
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_check_flow_reaches_help_now_without_javascript(page_without_js: Page) -> None:
    # (No axe-core here: it needs JavaScript. The same pages pass axe in test_check_flow.py.)
    page = page_without_js
    page.goto("/check/phq9/")
    answers = ["Several days"] * 9 + ["Somewhat difficult"]
    for number, label in enumerate(answers, start=1):
        expect(progress(page, number)).to_be_visible()
        page.get_by_role("radio", name=label, exact=True).check()
        button = "See my result" if number == 10 else "Next"
        click_and_wait(page, page.get_by_role("button", name=button, exact=True))
    crisis = page.get_by_role("heading", name=re.compile("please talk to someone now", re.I))
    expect(crisis).to_be_visible()
    assert tel_links(page).count() >= 2

    # One press of the button without the tick keeps the help on screen.
    click_and_wait(page, page.get_by_role("button", name="Show my full result"))
    expect(crisis).to_be_visible()
    page.get_by_role("checkbox", name=re.compile(r"I am safe right now")).check()
    click_and_wait(page, page.get_by_role("button", name="Show my full result"))
    expect(page.get_by_role("heading", name="Your PHQ-9 result", level=1)).to_be_visible()
    assert tel_links(page).count() >= 2


def test_help_now_and_country_work_without_javascript(page_without_js: Page) -> None:
    page = page_without_js
    page.goto("/learn/")
    click_and_wait(page, header_help_now(page))
    expect(page).to_have_url(re.compile(r"/help-now/$"))
    page.get_by_label("Show crisis lines for").select_option(label="United States")
    click_and_wait(page, page.get_by_role("button", name="Save my country"))
    assert page.locator("main a[href='tel:988']").count() >= 1


def test_the_country_can_be_changed_from_the_panel_without_javascript(
    page_without_js: Page,
) -> None:
    page = page_without_js
    page.goto("/worried/")
    panel = page.locator("#help-panel")
    panel.get_by_text("Not in United Kingdom? Change").click()
    click_and_wait(page, panel.get_by_role("button", name="India", exact=True))
    expect(page).to_have_url(re.compile(r"/worried/$"))
    expect(page.locator("#help-panel")).to_contain_text("Tele MANAS")
    assert page.locator("main a[href='tel:14416']").count() >= 1


def test_a_crisis_search_shows_help_first_without_javascript(page_without_js: Page) -> None:
    page = page_without_js
    page.goto("/")
    page.get_by_role("searchbox", name=re.compile(r"Search in your own words")).fill(
        "I want to kill myself"
    )
    click_and_wait(page, page.get_by_role("button", name="Search"))
    expect(page.locator("#help-panel")).to_be_visible()
    assert tel_links(page, page.locator("#help-panel")).count() >= 1
