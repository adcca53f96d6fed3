"""Learn: search in everyday words, and the myth-or-fact quiz, in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from waylight_ui import A11y, click_and_wait, open_page

pytestmark = pytest.mark.browser


def test_search_in_everyday_words_finds_the_right_item(page: Page, a11y: A11y) -> None:
    open_page(page, a11y, "/learn/")
    page.get_by_role("searchbox", name=re.compile(r"Search in your own words")).fill(
        "I pull my hair when I'm stressed"
    )
    page.get_by_role("button", name="Search").click()
    results = page.get_by_role("link", name=re.compile(r"^Pulling out hair"))
    expect(results).to_be_visible()
    a11y(page)
    click_and_wait(page, results)
    a11y(page)
    expect(page.get_by_role("heading", name="Pulling out hair", level=1)).to_be_visible()


def test_myth_or_fact_quiz_tells_myths_from_facts(page: Page, a11y: A11y) -> None:
    open_page(page, a11y, "/learn/quiz/")
    expect(page.get_by_text("Statement 1 of", exact=False)).to_be_visible()
    page.get_by_role("radio", name="Myth", exact=True).check()
    page.get_by_role("button", name="Check", exact=True).click()
    verdict = page.get_by_role("status")
    expect(verdict).to_contain_text("This is a myth")
    a11y(page)

    click_and_wait(page, page.get_by_role("link", name="Next statement"))
    a11y(page)
    expect(page.get_by_text("Statement 2 of", exact=False)).to_be_visible()
    page.get_by_role("radio", name="Myth", exact=True).check()
    page.get_by_role("button", name="Check", exact=True).click()
    # The second statement is a fact: a wrong guess is corrected kindly, with the fact.
    expect(page.get_by_role("status")).to_contain_text("Not quite")
    expect(page.get_by_role("status")).to_contain_text("This is a fact")
    a11y(page)
