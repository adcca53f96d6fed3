"""Worried about someone: tick what you noticed, get guidance (never a score about them)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from waylight_ui import A11y, click_and_wait, open_page, snap, tel_links

pytestmark = pytest.mark.browser


def test_observer_checklist_gives_guidance_and_help(page: Page, a11y: A11y) -> None:
    open_page(page, a11y, "/")
    click_and_wait(page, page.get_by_role("link", name=re.compile(r"^Worried about someone\?")))
    a11y(page)
    expect(page.get_by_role("heading", name="Worried about someone?", level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text("not a validated test")

    page.get_by_role("checkbox", name=re.compile(r"Pulling away from family and friends")).check()
    page.get_by_role("checkbox", name=re.compile(r"No longer enjoys things")).check()
    click_and_wait(page, page.get_by_role("button", name="What can I do?"))
    a11y(page)

    main = page.locator("main")
    expect(page.get_by_role("heading", name="What you can do next", level=1)).to_be_visible()
    snap(page, "worried-guidance")
    # Guidance for each kind of thing ticked, in plain words.
    expect(page.get_by_role("heading", name="Changes you may have noticed")).to_be_visible()
    expect(page.get_by_role("heading", name="Mood and signs of depression")).to_be_visible()
    expect(main).to_contain_text("depression can be treated")
    # Guidance, never a score about the other person; and help for them and for the reader.
    expect(main).not_to_contain_text(re.compile(r"their score|out of \d+|risk level", re.I))
    expect(main).to_contain_text("not a validated test")
    assert tel_links(page).count() >= 2

    # A suggested read opens the knowledge base.
    page.get_by_role("link", name=re.compile(r"Pulling away|Withdraw", re.I)).first.click()
    page.wait_for_load_state()
    a11y(page)
    expect(page).to_have_url(re.compile(r"/learn/[a-z-]+/[a-z0-9-]+/$"))


def test_checklist_sent_empty_asks_for_a_tick_and_changes_nothing(page: Page, a11y: A11y) -> None:
    open_page(page, a11y, "/worried/")
    click_and_wait(page, page.get_by_role("button", name="What can I do?"))
    a11y(page)
    # Either a clear message on the same page, or general guidance: never an error page.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"Worried about someone\?|What you can do next")
    )
    assert tel_links(page).count() >= 1
