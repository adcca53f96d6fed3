"""Polish that people notice: compressed pages, the US list leading with 988, and a dark theme
that follows the system setting and keeps every contrast axe checks."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from conftest import DESKTOP, PHONE
from playwright.sync_api import Page, expect
from waylight_ui import A11y, open_page

pytestmark = pytest.mark.browser

NewPage = Callable[..., Page]


def test_pages_and_their_files_arrive_compressed(page: Page, a11y: A11y) -> None:
    with page.expect_response(re.compile(r"/static/waylight/css/site\.css$")) as css:
        response = page.goto("/help-now/")
    assert response is not None and response.ok
    a11y(page)
    assert response.all_headers().get("content-encoding") in ("gzip", "br")
    assert css.value.all_headers().get("content-encoding") in ("gzip", "br")


def test_the_us_list_leads_with_988_call_text_and_chat(
    new_page: NewPage, a11y: A11y, base_url: str
) -> None:
    page = new_page(locale="en-US", timezone_id="America/Chicago")
    open_page(page, a11y, "/help-now/")
    first = page.locator("#help-panel .line").first
    expect(first.locator(".line-name")).to_have_text("988 Suicide & Crisis Lifeline")
    actions = first.locator(".line-actions a")
    expect(actions).to_have_text(["Call 988", "Text 988", "Chat online"])
    expect(actions.nth(0)).to_have_attribute("href", "tel:988")
    expect(actions.nth(1)).to_have_attribute("href", "sms:988")
    # The older number still works, so it is listed, but under "Other numbers".
    more = first.locator(".line-more")
    expect(more).to_contain_text("Other numbers")
    expect(more.locator("a[href='tel:18002738255']")).to_have_count(1)
    expect(first.locator(".line-actions a[href='tel:18002738255']")).to_have_count(0)


def _luminance(page: Page, selector: str, prop: str) -> float:
    """Relative luminance (0 black .. 1 white) of a computed colour."""
    value = page.evaluate(
        "([s, p]) => getComputedStyle(document.querySelector(s)).getPropertyValue(p)",
        [selector, prop],
    )
    found = re.findall(r"[\d.]+", str(value))
    assert len(found) >= 3, value

    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(float(x)) for x in found[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


DARK_PAGES = [
    "/",
    "/learn/",
    "/learn/signs/",
    "/learn/search/?q=I+want+to+kill+myself",
    "/learn/quiz/",
    "/check/",
    "/check/phq9/",
    "/worried/",
    "/help-now/",
    "/plan/",
    "/plan/edit/",
    "/results/",
    "/about/",
    "/about/how-we-write/",
]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_dark_theme_follows_the_system_and_passes_axe(
    new_page: NewPage, a11y: A11y, viewport: dict[str, int]
) -> None:
    page = new_page(viewport, color_scheme="dark")
    for path in DARK_PAGES:
        open_page(page, a11y, path)  # axe's contrast checks run on the dark colours
        assert _luminance(page, "body", "background-color") < 0.05, path
        assert _luminance(page, "body", "color") > 0.6, path


def test_the_dark_crisis_page_passes_axe(new_page: NewPage, a11y: A11y) -> None:
    page = new_page(color_scheme="dark")
    open_page(page, a11y, "/check/asq/")
    for _ in range(5):
        if page.locator("#check-flow[data-check-step]").count() == 0:
            break
        step = page.locator("#check-flow").get_attribute("data-check-step")
        page.get_by_role("radio", name="Yes" if step == "0" else "No", exact=True).check()
        page.locator("#check-flow button[value='next']").click()
        expect(page.locator(f"#check-flow[data-check-step='{step}']")).to_have_count(0)
        a11y(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Please talk to someone now")
    assert _luminance(page, "body", "background-color") < 0.05
