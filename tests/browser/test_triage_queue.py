"""The triage queue in a real browser against the real server: a platform sends a batch with its
key (the server announces the urgent one to the platform's webhook, signed, in the background),
a reviewer signs in, sees the urgent post first with its evidence highlighted, marks one post a
false alarm with a reason, escalates another, and exports the reasons; a revoked key is then
refused. An admin makes a key in the Django admin and sees it once. axe-core checks every page
on the way; a second journey works without JavaScript.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import hmac
import io
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from playwright.sync_api import Browser, Page, expect
from waylight_axe import blocking_violations, violations_report
from waylight_server import RunningServer
from waylight_ui import A11y, click_and_wait

pytestmark = pytest.mark.browser

PASSWORD = "a long enough password 42"
# General words only (SPEC section 3): no method, place or plan detail.
URGENT = "I want to end it all, I can't go on anymore"
WATCH = "So tired lately, I can't sleep and nothing feels worth doing"
CONCERN = "I feel like a burden"
PLAIN = "Does anyone know when the library opens on Sunday?"


def waylight(server: RunningServer, *args: str) -> str:
    """Run a `waylight` command against the running server's data, as its admin would."""
    env = {
        **os.environ,
        "WAYLIGHT_DATA_DIR": str(server.data_dir),
        "WAYLIGHT_KEYS_DIR": str(server.data_dir.with_name(server.data_dir.name + "-keys")),
    }
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "waylight", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=True,
    )
    return done.stdout


def make_account(server: RunningServer, name: str, *, staff: bool = False) -> None:
    env = {
        **os.environ,
        "WAYLIGHT_DATA_DIR": str(server.data_dir),
        "WAYLIGHT_KEYS_DIR": str(server.data_dir.with_name(server.data_dir.name + "-keys")),
    }
    env.pop("DATABASE_URL", None)
    code = (
        "from waylight.cli.serve import prepare; prepare();"
        "from waylight.web.services.accounts import create_account;"
        f"create_account({name!r}, {PASSWORD!r})"
    )
    if staff:  # an admin as `waylight admin create` makes one
        code = (
            "from waylight.cli.serve import prepare; prepare();"
            "from waylight.web.services.professionals import create_admin;"
            f"create_admin({name!r}, {PASSWORD!r})"
        )
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=180)


def totp_code(secret_text: str) -> str:
    """The code an authenticator app shows now for this key (as it is shown on the page)."""
    from django_otp.oath import TOTP

    totp = TOTP(base64.b32decode(secret_text.replace(" ", "")))
    return f"{totp.token():06d}"


def make_reviewer(server: RunningServer, name: str) -> None:
    make_account(server, name)
    waylight(server, "reviewer", "add", name)


def send(server: RunningServer, key: str, posts: list[dict[str, Any]]) -> tuple[int, Any]:
    request = urllib.request.Request(
        server.url + "/api/queue/posts",
        data=json.dumps({"posts": posts, "country": "GB"}).encode(),
        method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def sign_in(page: Page, a11y: A11y, name: str) -> None:
    page.goto("/triage/")
    expect(page).to_have_url(re.compile(r"/account/login/\?next=/triage/"))
    a11y(page)
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    click_and_wait(page, page.get_by_role("button", name="Sign in"))
    expect(page).to_have_url(re.compile(r"/triage/$"))
    a11y(page)


def fits(page: Page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"] if page.viewport_size else 0
    assert width <= viewport, f"{page.url} scrolls sideways ({width} px on a {viewport} px screen)"


def card(page: Page, post_id: str) -> Any:
    return page.locator(
        "article.queue-card", has=page.get_by_role("heading", name=re.compile(f"post {post_id}$"))
    )


class Hooks(BaseHTTPRequestHandler):
    """A platform's webhook receiver: keeps each delivery with whether its signature held."""

    secret = ""
    got: ClassVar[list[tuple[bool, dict[str, Any]]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        stamp = self.headers.get("X-Waylight-Timestamp", "0")
        mac = hmac.new(self.secret.encode(), stamp.encode() + b"." + body, hashlib.sha256)
        fresh = abs(time.time() - int(stamp)) <= 300
        signed = hmac.compare_digest(
            self.headers.get("X-Waylight-Signature", ""), "sha256=" + mac.hexdigest()
        )
        Hooks.got.append((fresh and signed, json.loads(body)))
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def hooks() -> Iterator[str]:
    Hooks.got = []
    receiver = ThreadingHTTPServer(("127.0.0.1", 0), Hooks)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{receiver.server_address[1]}/hooks"
    receiver.shutdown()
    receiver.server_close()


def test_a_platform_sends_a_reviewer_decides_and_exports(
    server: RunningServer, new_page: Callable[..., Page], a11y: A11y, tmp_path: Path, hooks: str
) -> None:
    key = json.loads(
        waylight(server, "apikey", "create", "Forum J", "--json", "--webhook-url", hooks)
    )
    Hooks.secret = key["webhook_secret"]
    make_reviewer(server, "journey-rae")
    status, answer = send(
        server,
        key["key"],
        [
            {"id": "j-watch", "text": WATCH, "author": "a1", "time": "2026-03-02T09:00:00Z"},
            {"id": "j-plain", "text": PLAIN, "author": "a2", "time": "2026-03-02T09:05:00Z"},
            {"id": "j-concern", "text": CONCERN, "author": "a3", "time": "2026-03-02T09:10:00Z"},
            {"id": "j-urgent", "text": URGENT, "author": "a4", "time": "2026-03-02T09:20:00Z"},
        ],
    )
    assert status == 200, answer
    assert [p["status"] for p in answer["posts"]] == ["queued", "not_raised", "queued", "queued"]
    assert answer["help_now"] is True
    # The server announced the urgent post in the background, signed.
    deadline = time.monotonic() + 30
    while not Hooks.got and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [(ok, hook["post"]["id"]) for ok, hook in Hooks.got] == [(True, "j-urgent")]

    page = new_page(viewport={"width": 1280, "height": 900})
    sign_in(page, a11y, "journey-rae")

    # The urgent post comes first, though it arrived in the same call as the others.
    headings = page.locator("article.queue-card h2").all_inner_texts()
    mine = [h for h in headings if h.endswith(("j-urgent", "j-watch", "j-concern"))]
    assert mine[0] == "Urgent: post j-urgent", headings
    urgent = card(page, "j-urgent")
    expect(urgent.locator("mark.evidence").first).to_be_visible()
    expect(urgent.locator("mark.evidence", has_text="want to end it")).to_have_count(1)
    expect(card(page, "j-plain")).to_have_count(0)
    expect(page.get_by_role("heading", name="Help now, to pass on")).to_have_count(1)
    # On a phone too: nothing scrolls sideways, and axe still passes.
    page.set_viewport_size({"width": 360, "height": 740})
    fits(page)
    a11y(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    # A false alarm, with a reason.
    click_and_wait(
        page, card(page, "j-watch").get_by_role("link", name=re.compile("Read and decide"))
    )
    a11y(page)
    expect(page.get_by_role("heading", name="post j-watch", level=1)).to_be_visible()
    expect(page.locator(".post-text mark.evidence", has_text="So tired")).to_be_visible()
    page.get_by_role("radio", name=re.compile("^A joke or sarcasm")).check()
    page.get_by_label("Note", exact=False).last.fill("Said in a game chat")
    click_and_wait(page, page.get_by_role("button", name="Mark false alarm"))
    expect(page).to_have_url(re.compile(r"/triage/$"))
    a11y(page)
    expect(page.get_by_role("status")).to_contain_text("Post j-watch is marked a false alarm.")
    expect(card(page, "j-watch")).to_have_count(0)

    # Escalate the urgent one.
    click_and_wait(
        page, card(page, "j-urgent").get_by_role("link", name=re.compile("Read and decide"))
    )
    a11y(page)
    page.set_viewport_size({"width": 360, "height": 740})
    fits(page)
    a11y(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Note for whoever takes it on").fill("Please contact the writer today")
    click_and_wait(page, page.get_by_role("button", name="Escalate"))
    a11y(page)
    expect(page.get_by_role("status")).to_contain_text("Post j-urgent is marked escalated.")
    click_and_wait(page, page.get_by_role("link", name=re.compile(r"^Escalated \(")))
    a11y(page)
    expect(card(page, "j-urgent")).to_have_count(1)

    # Export the reasons.
    click_and_wait(page, page.get_by_role("link", name="Export false alarms"))
    a11y(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    saved = tmp_path / "false-alarms.csv"
    download.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text())))
    ours = [r for r in rows if r["post_id"] == "j-watch"]
    assert len(ours) == 1 and ours[0]["reason"] == "joke" and ours[0]["platform"] == "Forum J"
    assert ours[0]["text"] == "" and ours[0]["text_kept"] == "false"  # Forum J keeps no texts
    assert "journey-rae" not in saved.read_text()

    # The platform asks how its posts were decided: what and when, never who.
    request = urllib.request.Request(
        server.url + "/api/queue/posts/j-watch", headers={"Authorization": f"Bearer {key['key']}"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        decided = json.loads(response.read())
    assert decided["status"] == "false_alarm"
    assert [(d["action"], d["reason"]) for d in decided["decisions"]] == [("false_alarm", "joke")]
    assert "journey-rae" not in json.dumps(decided)

    # Revoked, the key stops working at once.
    waylight(server, "apikey", "revoke", key["prefix"])
    status, refused = send(
        server, key["key"], [{"id": "j-late", "text": URGENT, "author": "a4", "time": 1772445600}]
    )
    assert status == 401 and "API key" in refused["detail"]


def test_a_decision_works_without_javascript(server: RunningServer, browser: Browser) -> None:
    # (No axe here: it needs JavaScript. The same pages pass axe in the journey above.)
    key = json.loads(waylight(server, "apikey", "create", "Forum N", "--json"))
    make_reviewer(server, "nojs-rae")
    status, _ = send(
        server,
        key["key"],
        [{"id": "n-1", "text": CONCERN, "author": "n", "time": "2026-03-02T08:00:00Z"}],
    )
    assert status == 200
    context = browser.new_context(base_url=server.url, java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    try:
        page.goto("/triage/")
        page.get_by_label("User name").fill("nojs-rae")
        page.get_by_label("Password").fill(PASSWORD)
        click_and_wait(page, page.get_by_role("button", name="Sign in"))
        click_and_wait(
            page, card(page, "n-1").get_by_role("link", name=re.compile("Read and decide"))
        )
        # "Something else" without a note is refused with a message, and nothing is recorded.
        page.get_by_role("radio", name=re.compile("^Something else")).check()
        click_and_wait(page, page.get_by_role("button", name="Mark false alarm"))
        expect(page.get_by_role("alert")).to_contain_text("needs a short note")
        expect(page.get_by_text("No decision yet.")).to_be_visible()
        click_and_wait(page, page.get_by_role("button", name="Mark reviewed"))
        expect(page.get_by_role("status")).to_contain_text("Post n-1 is marked reviewed.")
    finally:
        context.close()


def test_an_admin_makes_a_key_in_the_admin_and_sees_it_once(
    server: RunningServer, browser: Browser
) -> None:
    # Django's admin loads jQuery, whose start-up feature tests try an inline style that the
    # Content-Security-Policy refuses (logged in the console, harmless: the admin works). So
    # this page is not the console-watching fixture's; axe still checks every page.
    make_account(server, "admin-ada", staff=True)
    context = browser.new_context(
        base_url=server.url, viewport={"width": 1280, "height": 900}, locale="en-GB"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    scripts_failed: list[str] = []
    page.on("pageerror", lambda exc: scripts_failed.append(str(exc)))

    def axe() -> None:
        page.wait_for_load_state("load")
        violations = blocking_violations(page)
        assert not violations, violations_report(page.url, violations)

    try:
        # The admin signs in through Waylight's own sign-in page, then comes back.
        page.goto("/admin/waylight_triage/apikey/add/")
        expect(page).to_have_url(re.compile(r"/account/login/\?next="))
        axe()
        page.get_by_label("User name").fill("admin-ada")
        page.get_by_label("Password").fill(PASSWORD)
        click_and_wait(page, page.get_by_role("button", name="Sign in"))
        # An admin's first sign-in sets up their second factor, then opens the admin site.
        expect(page).to_have_url(re.compile(r"/pro/two-factor/setup/"))
        secret = page.locator("#totp-key").inner_text()
        page.get_by_label("The 6-digit code from your authenticator app").fill(totp_code(secret))
        click_and_wait(page, page.get_by_role("button", name="Check the code"))
        expect(page).to_have_url(re.compile(r"/admin/"))
        axe()
        page.goto("/admin/waylight_triage/apikey/add/")
        expect(page).to_have_url(re.compile(r"/admin/waylight_triage/apikey/add/$"))
        axe()
        page.get_by_label("Name").fill("Forum Admin-made")
        click_and_wait(page, page.get_by_role("button", name="Save", exact=True))
        axe()
        shown = page.get_by_label("API key").input_value()
        assert re.fullmatch(r"wl_[0-9a-f]{8}_[A-Za-z0-9_-]{43}", shown)
        status, answer = send(
            server, shown, [{"id": "adm-1", "text": PLAIN, "author": "x", "time": 1772445600}]
        )
        assert status == 200 and answer["posts"][0]["status"] == "not_raised"
        # Listed afterwards, never shown again.
        click_and_wait(page, page.get_by_role("link", name="Back to the API keys"))
        axe()
        expect(page.get_by_role("link", name="Forum Admin-made")).to_be_visible()
        assert shown not in page.content()
        assert not scripts_failed, scripts_failed
    finally:
        context.close()


def test_an_account_that_is_not_a_reviewer_gets_a_plain_refusal(
    server: RunningServer, browser: Browser
) -> None:
    # A 403 answer on purpose: not the console-watching fixture's page (it fails on any 403).
    make_account(server, "not-a-reviewer")
    context = browser.new_context(base_url=server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto("/triage/")
        page.get_by_label("User name").fill("not-a-reviewer")
        page.get_by_label("Password").fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", name="This page is for reviewers")).to_be_visible()
        expect(page.locator("article.queue-card")).to_have_count(0)
        violations = blocking_violations(page)
        assert not violations, violations_report(page.url, violations)
    finally:
        context.close()
