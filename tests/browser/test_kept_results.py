"""Results kept on this device, on a phone: stacked, with a small trend, and a delete that
asks first."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from waylight_ui import A11y, click_and_wait, open_page, progress

pytestmark = pytest.mark.browser


def _keep_phq2(page: Page, a11y: A11y, first: str, second: str) -> None:
    open_page(page, a11y, "/check/phq2/")
    page.get_by_role("radio", name=first, exact=True).check()
    page.get_by_role("button", name="Next").click()
    expect(progress(page, 2)).to_be_visible()
    a11y(page)
    page.get_by_role("radio", name=second, exact=True).check()
    page.get_by_role("button", name="See my result").click()
    expect(page.get_by_role("heading", name="Your PHQ-2 result")).to_be_visible()
    a11y(page)
    click_and_wait(page, page.get_by_role("button", name="Keep this result on this device"))
    a11y(page)


def test_kept_results_fit_a_phone_show_a_trend_and_confirm_a_delete(page: Page, a11y: A11y) -> None:
    _keep_phq2(page, a11y, "Nearly every day", "Nearly every day")  # 6
    _keep_phq2(page, a11y, "Several days", "Not at all")  # 1
    expect(page).to_have_url(re.compile(r"/results/$"))
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 360, f"the kept results scroll sideways ({width} px)"
    trend = page.locator("main .trend")
    expect(trend).to_contain_text("PHQ-2")
    expect(trend).to_contain_text(re.compile(r"6 on .*, then 1 on"))
    expect(trend.get_by_role("img", name=re.compile(r"PHQ-2 totals over time"))).to_be_visible()

    rows = page.locator("main .result-row")
    expect(rows).to_have_count(2)
    click_and_wait(page, rows.first.get_by_role("link", name=re.compile(r"^Delete")))
    a11y(page)
    expect(page.get_by_role("heading", name="Delete this result?", level=1)).to_be_visible()
    click_and_wait(page, page.get_by_role("link", name="No, keep it"))
    a11y(page)
    expect(rows).to_have_count(2)
    click_and_wait(page, rows.first.get_by_role("link", name=re.compile(r"^Delete")))
    a11y(page)
    click_and_wait(page, page.get_by_role("button", name="Yes, delete this result"))
    a11y(page)
    expect(page.get_by_role("status")).to_contain_text("deleted")
    expect(page.locator("main .result-row")).to_have_count(1)
