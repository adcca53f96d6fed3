"""Steps a person takes in the Waylight web app, written once for every browser test.

Selectors use roles and labels, as assistive technology does, so a page that loses its labels
breaks these steps too.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

A11y = Callable[[Page], None]


def header_help_now(page: Page) -> Locator:
    """The "Help now" control in the site header (every page has one)."""
    return page.get_by_role("banner").get_by_role("link", name="Help now", exact=True)


def tel_links(page: Page, within: Locator | None = None) -> Locator:
    return (within or page.locator("main")).locator("a[href^='tel:']")


def open_page(page: Page, a11y: A11y, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.ok, (
        f"GET {path} answered {response and response.status}"
    )
    a11y(page)


def click_and_wait(page: Page, locator: Locator) -> None:
    """Click something that loads a new page (a link or a plain form post)."""
    with page.expect_navigation():
        locator.click()


def progress(page: Page, number: int, count: int | None = None) -> Locator:
    """The check's progress bar, named "Question N of M" for screen readers too.

    M counts the questions that will be asked, so it can grow by one when an answer calls for
    a follow-up question; leave `count` out to accept any M.
    """
    if count is None:
        return page.get_by_role("progressbar", name=re.compile(rf"^Question {number} of \d+$"))
    return page.get_by_role("progressbar", name=f"Question {number} of {count}", exact=True)


def answer_question(page: Page, a11y: A11y, label: str, number: int, count: int) -> None:
    """Answer check question `number` of `count` with the option `label`, then go on.

    With JavaScript, htmx swaps in the next question without a page load, so the step waits
    for what the person sees next (the next question's counter, or a result heading) rather
    than for a navigation.
    """
    expect(progress(page, number)).to_be_visible()
    page.get_by_role("radio", name=label, exact=True).check()
    button = "See my result" if number == count else "Next"
    page.get_by_role("button", name=button, exact=True).click()
    if number < count:
        expect(progress(page, number + 1)).to_be_visible()
    else:
        expect(page.get_by_role("heading", level=1)).not_to_have_text("")
        expect(progress(page, number)).to_have_count(0)
    a11y(page)


def choose_country(page: Page, a11y: A11y, country_name: str) -> None:
    """Pick a country on the help-now page and save it (a plain form post)."""
    page.get_by_label("Show crisis lines for").select_option(label=country_name)
    click_and_wait(page, page.get_by_role("button", name="Save my country"))
    a11y(page)


def press_tab_until(page: Page, matches: Callable[[], bool], limit: int = 60) -> None:
    """Press Tab until `matches()` holds for the focused element, failing after `limit` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if matches():
            return
    raise AssertionError(f"not reached with {limit} presses of Tab")


def focused_text(page: Page) -> str:
    return str(page.evaluate("() => (document.activeElement?.innerText || '').trim()"))


def focused_attr(page: Page, name: str) -> str:
    return str(page.evaluate(f"() => document.activeElement?.getAttribute('{name}') || ''"))


def snap(page: Page, name: str) -> None:
    """Save a full-page screenshot when WAYLIGHT_SCREENSHOTS names a folder (for human eyes)."""
    folder = os.environ.get("WAYLIGHT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        width = page.viewport_size["width"] if page.viewport_size else 0
        page.screenshot(path=str(Path(folder) / f"{name}-{width}.png"), full_page=True)
