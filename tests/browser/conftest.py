"""Real-browser fixtures: the real `waylight serve` in a subprocess, and Debian's Chromium.

The server (waylight_server.py) runs as a person would start it, with a fresh data folder.
Chromium is the system package (`apt-get install chromium`), never a Playwright download: the
browser tests skip with a reason when it is missing, except in CI (CI=true), where they fail.

Every page a test lands on must pass axe-core (no serious or critical violation): the `page`
fixture records every main-frame navigation and fails the test if one was never checked with
`a11y(page)`. It also fails on any script error or Content-Security-Policy report in the
console, because the app promises to work without inline script.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag, urlparse

import pytest
from waylight_axe import blocking_violations, violations_report
from waylight_server import RunningServer, start_server, stop_server

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, Response

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Everything under tests/browser drives Chromium, so it carries the marker even if a test
    # forgets it (`-m "not browser"` must leave every one of them out).
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    data_dir = tmp_path_factory.mktemp("waylight-data")
    # Two workers are plenty for one browser, and kinder to a small CI machine.
    running = start_server(data_dir, extra_args=["--workers", "2"])
    yield running
    stop_server(running)


@pytest.fixture(scope="session")
def base_url(server: RunningServer) -> str:
    return server.url


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        reason = (
            f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)"
        )
        if _in_ci():
            pytest.fail(reason + " (CI must run the browser tests)", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@dataclass
class PageWatch:
    """What happened on one page during a test: navigations, axe checks, console problems."""

    navigated: list[str] = field(default_factory=list)
    checked: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    # (status, path prefix) a test expects on purpose, such as a 404 after access ended.
    expected: list[tuple[int, str]] = field(default_factory=list)


def _page_key(url: str) -> str:
    return urldefrag(url).url


_WATCHES: dict[int, PageWatch] = {}


@pytest.fixture
def a11y() -> Callable[[Page], None]:
    """`a11y(page)`: fail on any serious or critical axe-core violation on the current page."""

    def check(page: Page) -> None:
        page.wait_for_load_state("load")
        violations = blocking_violations(page)
        watch = _WATCHES.get(id(page))
        if watch is not None:
            watch.checked.add(_page_key(page.url))
        assert not violations, violations_report(page.url, violations)

    return check


@pytest.fixture
def expect_status() -> Callable[[Page, int, str], None]:
    """`expect_status(page, 404, "/care/people/")`: that answer is what the test wants to see
    (a page that stopped working), not a fault."""

    def allow(page: Page, status: int, path_prefix: str) -> None:
        _WATCHES[id(page)].expected.append((status, path_prefix))

    return allow


@contextmanager
def _open_page(
    browser: Browser, base_url: str, viewport: dict[str, int], **options: Any
) -> Iterator[Page]:
    # A British browser in Britain unless a test says otherwise: the time zone must agree with
    # the language, or the first page would (rightly) switch to the zone's country.
    options = {"locale": "en-GB", "timezone_id": "Europe/London", **options}
    context = browser.new_context(
        base_url=base_url, viewport=viewport, accept_downloads=True, **options
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    watch = PageWatch()
    _WATCHES[id(page)] = watch

    def on_navigated(frame: Any) -> None:
        if frame == page.main_frame:
            watch.navigated.append(_page_key(frame.url))

    def on_console(message: ConsoleMessage) -> None:
        # Failed loads are judged by on_response, which knows the URL and the kind of request.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            watch.problems.append(f"console error on {page.url}: {message.text}")

    def on_response(response: Response) -> None:
        # A page may answer 4xx on purpose (a form with a mistake is shown again with 422, also
        # to htmx), but never a server error, never a refused form (403: CSRF), and never a
        # missing asset.
        status, kind = response.status, response.request.resource_type
        shown_again = status in (400, 422) and kind in ("document", "xhr", "fetch")
        path = urlparse(response.url).path
        if any(status == s and path.startswith(p) for s, p in watch.expected):
            return
        if status >= 500 or status == 403 or (status >= 400 and not shown_again):
            watch.problems.append(
                f"HTTP {status} for {response.request.method} {response.url} ({kind})"
            )

    page.on("framenavigated", on_navigated)
    page.on("console", on_console)
    page.on("response", on_response)
    page.on(
        "pageerror",
        lambda exc: watch.problems.append(f"script error on {page.url}: {exc.stack or exc}"),
    )
    try:
        yield page
        unchecked = [u for u in dict.fromkeys(watch.navigated) if u not in watch.checked]
        unchecked = [u for u in unchecked if u != "about:blank"]
        assert not unchecked, f"pages visited without an axe-core check: {unchecked}"
        assert not watch.problems, "\n".join(watch.problems)
    finally:
        _WATCHES.pop(id(page), None)
        context.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A fresh browser profile (no cookies) at phone width, Waylight's first audience."""
    with _open_page(browser, base_url, PHONE) as opened:
        yield opened


@pytest.fixture
def desktop_page(browser: Browser, base_url: str) -> Iterator[Page]:
    with _open_page(browser, base_url, DESKTOP) as opened:
        yield opened


@pytest.fixture
def new_page(browser: Browser, base_url: str) -> Iterator[Callable[..., Page]]:
    """`new_page(viewport=PHONE, **context options)`: another fresh, watched profile, e.g.
    `new_page(locale="en-US", timezone_id="Asia/Kolkata")` or `new_page(color_scheme="dark")`."""
    with ExitStack() as stack:

        def make(viewport: dict[str, int] = PHONE, **options: Any) -> Page:
            return stack.enter_context(_open_page(browser, base_url, viewport, **options))

        yield make
