"""Learn: search in everyday words, and the myth-or-fact quiz, in a real browser."""

from __future__ import annotations

import re
from itertools import pairwise

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


def test_reader_pages_show_sources_and_review_notes_live_in_how_we_write(
    page: Page, a11y: A11y
) -> None:
    from waylight.core.kb import load_knowledge_base

    item = next(i for i in load_knowledge_base().items if i.review_note and i.sources)
    open_page(page, a11y, f"/learn/{item.section}/{item.id}/")
    main = page.locator("main")
    expect(page.get_by_role("heading", name="Sources", level=2)).to_be_visible()
    expect(main).not_to_contain_text("How we checked")
    expect(main).not_to_contain_text(item.review_note[:60])
    click_and_wait(page, page.get_by_role("link", name="How we write and check these pages"))
    a11y(page)
    expect(page.get_by_role("heading", name="How we write Waylight", level=1)).to_be_visible()
    note = page.locator(f"li[id='{item.id}']")
    expect(note).to_contain_text(item.review_note[:60])
    expect(note.get_by_role("link", name=item.title)).to_be_visible()


@pytest.mark.parametrize("width", [360, 1280])
def test_a_worried_parent_is_led_to_the_signs_and_how_to_help(
    page: Page, a11y: A11y, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    open_page(page, a11y, "/")
    box = page.get_by_role("searchbox", name=re.compile(r"Search in your own words"))
    box.fill("my daughter is cutting herself")
    page.get_by_role("button", name="Search").click()
    lead = page.get_by_role("heading", name="Worried about someone?", level=2)
    expect(lead).to_be_visible()
    a11y(page)
    # The guidance names a real line to talk it through (en-GB browser: PAPYRUS HOPELINE247,
    # which the directory lists for anyone worried about a young person).
    expect(page.locator("#search-results .family-line")).to_contain_text("HOPELINE247")
    tiles = page.locator("#search-results .tiles a.tile")
    expect(tiles.first).to_be_visible()
    first_href = tiles.first.get_attribute("href") or ""
    assert re.match(r"^/learn/(helping|signs|depression-links)/", first_href), first_href
    hrefs = tiles.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    sections = [h.split("/")[2] for h in hrefs]
    if "forms" in sections:
        assert all(s == "forms" for s in sections[sections.index("forms") :]), sections
    # The lead comes before the articles.
    lead_box, tile_box = lead.bounding_box(), tiles.first.bounding_box()
    assert lead_box and tile_box and lead_box["y"] < tile_box["y"]


def test_worried_guidance_names_a_line_for_the_person_worried(page: Page, a11y: A11y) -> None:
    open_page(page, a11y, "/worried/")
    page.get_by_role("checkbox", name=re.compile(r"Pulling away from family and friends")).check()
    click_and_wait(page, page.get_by_role("button", name="What can I do?"))
    a11y(page)
    line = page.locator("main .family-line").first
    # en-GB: the line the directory lists for anyone worried about a young person.
    expect(line).to_contain_text("HOPELINE247")
    expect(line.locator("a[href='tel:08000684141']")).to_have_count(1)


def test_the_quiz_mixes_myths_and_facts_and_ends_with_a_summary(page: Page, a11y: A11y) -> None:
    from waylight.core.kb import load_knowledge_base

    total = len(load_knowledge_base().section("myths").items)
    kinds: list[str] = []
    open_page(page, a11y, "/learn/quiz/")
    for number in range(1, total + 1):
        expect(page.get_by_text(f"Statement {number} of {total}")).to_be_visible()
        page.get_by_role("radio", name="Myth", exact=True).check()
        page.get_by_role("button", name="Check", exact=True).click()
        verdict = page.get_by_role("status")
        expect(verdict).to_contain_text(re.compile(r"This is a (myth|fact)"))
        kinds.append("myth" if "This is a myth" in verdict.inner_text() else "fact")
        a11y(page)
        if number < total:
            click_and_wait(page, page.get_by_role("link", name="Next statement"))
            a11y(page)
    assert "myth" in kinds and "fact" in kinds, kinds
    strictly_alternating = all(a != b for a, b in pairwise(kinds))
    assert not strictly_alternating, f"the answers can be guessed from the order: {kinds}"
    click_and_wait(page, page.get_by_role("link", name="See what each statement teaches"))
    a11y(page)
    summary = page.locator("main ol.quiz-summary > li")
    expect(summary).to_have_count(total)
    for index, kind in enumerate(kinds):
        expect(summary.nth(index)).to_contain_text("A myth." if kind == "myth" else "A fact.")
