"""Recover in a real browser: a week of check-ins, an urge ridden out, charts and tables, an
account that takes this device's things, export, delete-all (then no trace in the raw
database), offline help, keyboard only, and axe on every page visited.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from recover_ui import (
    check_in,
    device_hash,
    expect_saved_notice,
    raw_database,
    scale,
    stored_ciphertexts,
)
from waylight_server import RunningServer
from waylight_ui import (
    A11y,
    click_and_wait,
    focused_attr,
    focused_text,
    header_help_now,
    open_page,
    press_tab_until,
    snap,
)

pytestmark = pytest.mark.browser

NEW_PAGES = [
    "/space/",
    "/journal/",
    "/journal/new/",
    "/journal/queued/",
    "/toolbox/",
    "/toolbox/urge/",
    "/toolbox/grounding/",
    "/toolbox/breathing/",
    "/toolbox/ideas/",
    "/toolbox/reasons/",
    "/progress/",
    "/reminders/",
    "/my-data/",
    "/delete-everything/",
    "/account/",
    "/account/signup/",
    "/account/login/",
    "/offline/",
]


def _fits(page: Page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"] if page.viewport_size else 0
    assert width <= viewport, f"{page.url} scrolls sideways ({width} px on a {viewport} px screen)"


@pytest.mark.parametrize("path", NEW_PAGES)
def test_every_new_page_passes_axe_on_a_phone_and_a_desktop(
    page: Page, a11y: A11y, path: str
) -> None:
    open_page(page, a11y, path)
    _fits(page)
    expect(header_help_now(page)).to_be_in_viewport()
    expect(page.get_by_role("link", name="Leave quickly")).to_be_in_viewport()
    snap(page, "recover" + path.rstrip("/").replace("/", "-"))
    page.set_viewport_size({"width": 1280, "height": 900})
    a11y(page)


@pytest.mark.parametrize("width", [360, 1280])
def test_a_week_of_check_ins_then_charts_and_tables(
    browser: Browser, base_url: str, a11y: A11y, width: int, request: pytest.FixtureRequest
) -> None:
    page: Page = request.getfixturevalue("page" if width == 360 else "desktop_page")
    today = date.today()
    for n in range(7):
        day = today - timedelta(days=6 - n)
        check_in(
            page, a11y, day=day.isoformat(), mood=3 + n % 4, urge=6 - n % 3, note=f"week day {n}"
        )
        expect_saved_notice(page, "Your check-in is saved.")
    expect(page.locator("main")).to_contain_text("week day 6")

    open_page(page, a11y, "/progress/")
    chart = page.get_by_role("img", name=re.compile(r"^Mood and urges"))
    expect(chart).to_be_visible()
    expect(page.locator("main")).to_contain_text("You have kept 7 check-ins.")
    page.get_by_text("Mood and urges as a table").click()
    table = page.get_by_role("table", name=re.compile("Mood and urges"))
    expect(table).to_be_visible()
    expect(table.locator("tbody tr")).to_have_count(7)
    a11y(page)
    _fits(page)
    snap(page, "recover-progress-week")


def test_an_urge_ridden_out_with_the_countdown(page: Page, a11y: A11y) -> None:
    open_page(page, a11y, "/toolbox/")
    click_and_wait(page, page.get_by_role("link", name=re.compile("^Ride the urge")))
    a11y(page)
    scale(page, "How strong is the urge right now?", 7)
    page.get_by_role("button", name="Start the 15 minutes").click()
    clock = page.locator("[data-urge-remaining]")
    expect(clock).to_be_visible()
    expect(clock).not_to_have_text("15:00", timeout=5000)  # it counts down in the page
    expect(clock).to_have_text(re.compile(r"^14:5\d$"))
    assert focused_text(page) == "Stay with it"  # focus follows the person to the next step
    expect(page.get_by_text("The countdown needs JavaScript")).to_be_hidden()
    a11y(page)
    scale(page, "How strong is the urge now?", 3)
    page.get_by_role("checkbox", name="Move somewhere else, even another room.").check()
    click_and_wait(page, page.get_by_role("button", name="Save to my journal"))
    a11y(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("You stayed with it")
    main = page.locator("main")
    expect(main).to_contain_text("The urge went from 7 to 3 out of 10")
    expect(main).to_contain_text("Move somewhere else")
    open_page(page, a11y, "/progress/")
    expect(main).to_contain_text("You rode out your first urge.")


def test_a_concerning_note_gets_my_plan_and_help_at_once(page: Page, a11y: A11y) -> None:
    open_page(page, a11y, "/plan/edit/")
    page.get_by_label("4. People I can ask for help").fill("My cousin Dee")
    click_and_wait(page, page.get_by_role("button", name="Save my plan"))
    a11y(page)
    check_in(
        page,
        a11y,
        day=date.today().isoformat(),
        mood=1,
        urge=8,
        note="I keep thinking everyone would be better off without me",
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for writing this down")
    main = page.locator("main")
    expect(main).to_contain_text("Nobody has been told")
    expect(main).to_contain_text("My cousin Dee")
    assert main.locator("a[href^='tel:']").count() >= 2
    snap(page, "recover-support")


def test_claim_into_an_account_then_only_the_account_shows_it(
    desktop_page: Page, a11y: A11y
) -> None:
    page = desktop_page
    name = f"fern{date.today():%j}{id(page) % 100000}"
    password = "a slow walk by the canal"
    open_page(page, a11y, "/plan/edit/")
    page.get_by_label("My reasons for living").fill("Swimming on Saturdays")
    click_and_wait(page, page.get_by_role("button", name="Save my plan"))
    a11y(page)
    check_in(page, a11y, day=date.today().isoformat(), mood=6, urge=2, note="Claim me please")

    open_page(page, a11y, "/account/signup/")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Password confirmation").fill(password)
    expect(
        page.get_by_role("checkbox", name=re.compile("^Bring what is on this device"))
    ).to_be_checked()
    click_and_wait(page, page.get_by_role("button", name="Make my account"))
    a11y(page)
    expect(page.get_by_role("status")).to_contain_text("Moved into your account: your safety plan")

    open_page(page, a11y, "/account/")
    click_and_wait(page, page.get_by_role("button", name="Sign out"))
    a11y(page)
    open_page(page, a11y, "/plan/")
    expect(page.locator("main")).not_to_contain_text("Swimming on Saturdays")
    open_page(page, a11y, "/journal/")
    expect(page.locator("main")).not_to_contain_text("Claim me please")

    open_page(page, a11y, "/account/login/")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(password)
    click_and_wait(page, page.get_by_role("button", name="Sign in"))
    a11y(page)
    open_page(page, a11y, "/journal/")
    expect(page.locator("main")).to_contain_text("Claim me please")


def _download(page: Page, name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=name).click()
    path = info.value.path()
    assert path is not None
    return Path(path).read_bytes()


def test_export_then_delete_everything_leaves_no_trace(
    page: Page, a11y: A11y, server: RunningServer
) -> None:
    open_page(page, a11y, "/plan/edit/")
    page.get_by_label("My reasons for living").fill("Baking with my mum")
    click_and_wait(page, page.get_by_role("button", name="Save my plan"))
    a11y(page)
    check_in(page, a11y, day=date.today().isoformat(), mood=5, urge=4, note="Export me")

    open_page(page, a11y, "/my-data/")
    data = json.loads(_download(page, "Everything as JSON"))
    assert [c["note"] for c in data["check_ins"]] == ["Export me"]
    assert _download(page, "Everything as CSV tables").startswith(b"PK")
    assert _download(page, "A summary of my results over time (PDF)").startswith(b"%PDF-")

    key_hash = device_hash(page)
    traces = [key_hash, *(c[:48] for c in stored_ciphertexts(server.data_dir, key_hash))]
    assert len(traces) >= 3
    assert key_hash.encode() in raw_database(server.data_dir)

    click_and_wait(page, page.get_by_role("link", name="Delete everything on this device"))
    a11y(page)
    click_and_wait(page, page.get_by_role("button", name="Yes, delete everything"))
    a11y(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Everything on this device is deleted"
    )
    assert "waylight_device" not in {c["name"] for c in page.context.cookies()}
    raw = raw_database(server.data_dir)
    left = [t for t in traces if t.encode() in raw]
    assert not left, f"{len(left)} traces of the deleted data are still in the database files"
    open_page(page, a11y, "/journal/")
    expect(page.locator("main")).not_to_contain_text("Export me")


def _service_worker_ready(page: Page) -> None:
    page.wait_for_function(
        "() => navigator.serviceWorker && navigator.serviceWorker.controller !== null",
        timeout=20_000,
    )


def test_offline_plan_help_now_toolbox_and_a_check_in_sent_later(page: Page, a11y: A11y) -> None:
    open_page(page, a11y, "/plan/edit/")
    page.get_by_label("My reasons for living").fill("Reading to my little sister")
    click_and_wait(page, page.get_by_role("button", name="Save my plan"))
    a11y(page)
    page.evaluate("() => navigator.serviceWorker.ready")
    page.reload()  # the worker now controls the page (and has kept the offline pages)
    a11y(page)
    _service_worker_ready(page)

    page.context.set_offline(True)
    try:
        open_page(page, a11y, "/plan/")
        expect(page.locator("main")).to_contain_text("Reading to my little sister")
        open_page(page, a11y, "/help-now/")
        assert page.locator("main a[href^='tel:']").count() >= 2
        open_page(page, a11y, "/toolbox/grounding/")
        expect(page.locator("main")).to_contain_text("five things you can see")
        open_page(page, a11y, "/learn/quiz/")  # never kept: the offline page instead
        expect(page.get_by_role("heading", level=1)).to_have_text("No connection right now")

        check_in(
            page,
            a11y,
            day=date.today().isoformat(),
            mood=4,
            urge=5,
            note="Written on the bus with no signal",
        )
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Your check-in is kept on this phone"
        )
    finally:
        page.context.set_offline(False)

    # Back online, the page hears it and asks the worker to send what it kept; it says so.
    expect(page.get_by_role("status").first).to_contain_text(
        "has been sent and saved", timeout=20_000
    )
    a11y(page)
    open_page(page, a11y, "/journal/")
    expect(page.locator("main")).to_contain_text("Written on the bus with no signal")
    assert page.locator("main").inner_text().count("Written on the bus") == 1


@pytest.fixture
def plain_page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A phone without a service worker, for leaving the site (nothing external is reached)."""
    context = browser.new_context(
        base_url=base_url, viewport={"width": 360, "height": 740}, service_workers="block"
    )
    context.route(
        "https://www.bbc.co.uk/**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<title>Weather</title><p>Sunny</p>"
        ),
    )
    page = context.new_page()
    yield page
    context.close()


def test_leave_quickly_goes_to_a_neutral_site_and_leaves_no_history(plain_page: Page) -> None:
    page = plain_page
    page.goto("/")
    page.goto("/journal/new/")
    link = page.get_by_role("link", name="Leave quickly")
    assert link.get_attribute("rel") == "noreferrer"
    with page.expect_navigation():
        link.click()
    assert page.url.startswith("https://www.bbc.co.uk/weather")
    page.go_back()
    assert page.url.endswith("/"), f"going back showed {page.url}, not the page before"


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


def test_my_space_without_javascript(page_without_js: Page) -> None:
    # (No axe-core here: it needs JavaScript. The same pages pass axe above.)
    page = page_without_js
    page.goto("/journal/new/")
    page.get_by_label("Date").fill(date.today().isoformat())
    scale(page, "How is your mood today?", 5)
    scale(page, "How strong has the urge", 2)
    page.get_by_label("A note for yourself").fill("No script needed")
    click_and_wait(page, page.get_by_role("button", name="Save my check-in"))
    expect(page.locator("main")).to_contain_text("No script needed")

    page.goto("/toolbox/urge/")
    expect(page.get_by_text("The countdown needs JavaScript")).to_be_visible()
    scale(page, "How strong is the urge right now?", 6)
    click_and_wait(page, page.get_by_role("button", name="Start the 15 minutes"))
    expect(page.get_by_role("heading", name="Stay with it")).to_be_visible()
    scale(page, "How strong is the urge now?", 2)
    click_and_wait(page, page.get_by_role("button", name="Save to my journal"))
    expect(page.locator("main")).to_contain_text("The urge went from 6 to 2 out of 10")

    page.goto("/progress/")
    expect(page.get_by_role("img", name=re.compile("^Mood and urges"))).to_be_visible()
    page.get_by_text("Mood and urges as a table").click()  # <details> needs no script
    expect(page.get_by_role("table", name=re.compile("Mood and urges"))).to_be_visible()
    page.goto("/toolbox/breathing/")
    expect(page.locator(".breathe-circle")).to_be_visible()


def test_a_check_in_by_keyboard_alone(page: Page, a11y: A11y) -> None:
    open_page(page, a11y, "/journal/new/")
    press_tab_until(page, lambda: focused_attr(page, "id") == "day")
    # Tab moves through the date's own parts (day, month, year), then into the mood scale,
    # where the first choice takes the focus.
    press_tab_until(page, lambda: focused_attr(page, "name") == "mood", limit=5)
    assert focused_attr(page, "value") == "0"
    for _ in range(6):
        page.keyboard.press("ArrowRight")  # arrows move the choice along the scale
    page.keyboard.press("Tab")
    assert focused_attr(page, "name") == "urge"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    press_tab_until(page, lambda: focused_attr(page, "id") == "note")
    page.keyboard.type("Typed without a mouse")
    press_tab_until(page, lambda: focused_text(page) == "Save my check-in")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    a11y(page)
    main = page.locator("main")
    expect(main).to_contain_text("Typed without a mouse")
    expect(main).to_contain_text("6 of 10")
    expect(main).to_contain_text("2 of 10")
