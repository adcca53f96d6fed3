"""Sharing in a real browser: a professional signs up with a second factor and is verified by
an admin (on the command line); a young person checks in, reads what will be shared, invites
them and shares results; the professional accepts, sees the flag and acknowledges it (by
keyboard); the person stops sharing and the professional's open page stops working; the person
reads who looked. axe-core checks every page on the way.
"""

from __future__ import annotations

import base64
import re
import subprocess
import time
from collections.abc import Callable
from datetime import date

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect
from waylight_server import RunningServer, server_env, waylight_command
from waylight_ui import A11y, click_and_wait, open_page, press_tab_until, snap

pytestmark = pytest.mark.browser

PASSWORD = "a long and quiet harbour at dawn"

ANONYMOUS_PAGES = ["/sharing/", "/pro/signup/", "/account/login/?next=/sharing/invite/"]


@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_new_pages_pass_axe_before_signing_in(page: Page, a11y: A11y, path: str) -> None:
    open_page(page, a11y, path)


def _step() -> int:
    return int(time.time() // 30)


def _code(secret_text: str, step: int) -> str:
    """The app's code for one 30-second step."""
    totp = TOTP(base64.b32decode(secret_text.replace(" ", "")))
    totp.time = step * 30 + 1
    return f"{totp.token():06d}"


def _next_step_after(step: int) -> int:
    """Wait for a later 30-second step and return it.

    A code is accepted once (a replay of the last step is refused), and the server learns the
    clock drift from the first code: if that code crossed a step boundary on its way, a code
    from a step ahead would fall outside the window. So a second sign-in waits for a new step
    and types that step's code, as a person would."""
    while _step() <= step:
        time.sleep(0.5)
    return _step()


def _waylight(server: RunningServer, *args: str) -> str:
    done = subprocess.run(
        [*waylight_command(), *args],
        env=server_env(server.data_dir),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    return done.stdout


def _professional_signs_up(pro: Page, a11y: A11y) -> tuple[str, int]:
    open_page(pro, a11y, "/pro/signup/")
    pro.get_by_label("Your name, as people will see it").fill("Dr Rosa Lee")
    pro.get_by_label("Your role").fill("School counsellor")
    pro.get_by_label("Where you work").fill("Hill School")
    pro.get_by_label("User name").fill("rosalee")
    pro.get_by_label("Password", exact=True).fill(PASSWORD)
    pro.get_by_label("Password confirmation").fill(PASSWORD)
    click_and_wait(pro, pro.get_by_role("button", name="Make my work account"))
    expect(pro.get_by_role("heading", name="Set up your second factor")).to_be_visible()
    expect(pro.locator("img.qr")).to_be_visible()
    a11y(pro)
    secret = pro.locator("#totp-key").inner_text()
    step = _step()
    pro.get_by_label("The 6-digit code from your authenticator app").fill(_code(secret, step))
    click_and_wait(pro, pro.get_by_role("button", name="Check the code"))
    expect(pro.get_by_role("heading", name="Waiting for an admin to verify you")).to_be_visible()
    a11y(pro)
    return secret, step


def _person_checks_in_and_invites(sam: Page, a11y: A11y) -> str:
    open_page(sam, a11y, "/account/signup/")
    sam.get_by_label("User name").fill("sam-r")
    sam.get_by_label("Password", exact=True).fill(PASSWORD)
    sam.get_by_label("Password confirmation").fill(PASSWORD)
    click_and_wait(sam, sam.get_by_role("button", name="Make my account"))
    a11y(sam)
    open_page(sam, a11y, "/journal/new/")
    sam.get_by_label("Date").fill(date.today().isoformat())
    for question, value in (("How is your mood today?", 3), ("How strong has the urge", 6)):
        group = sam.get_by_role("group", name=re.compile("^" + re.escape(question)))
        group.get_by_role("radio", name=str(value), exact=True).check()
    sam.get_by_role("radio", name="Yes", exact=True).check()
    click_and_wait(sam, sam.get_by_role("button", name="Save my check-in"))
    a11y(sam)

    open_page(sam, a11y, "/sharing/")
    click_and_wait(sam, sam.get_by_role("link", name="Share with someone"))
    a11y(sam)
    # The plain words come before the form: what they see, and a professional's duty to act.
    expect(sam.get_by_text("A professional may have to act")).to_be_visible()
    snap(sam, "care-invite")
    expect(sam.get_by_text(re.compile("may have a duty to act"))).to_be_visible()
    sam.get_by_role("radio", name=re.compile("^A professional")).check()
    expect(sam.get_by_role("checkbox", name="My questionnaire results")).to_be_checked()
    expect(sam.get_by_role("checkbox", name="The words of my check-in notes")).not_to_be_checked()
    sam.get_by_label("The name they see for you (optional)").fill("Sam")
    click_and_wait(sam, sam.get_by_role("button", name="I understand: make the code"))
    a11y(sam)
    return sam.locator("#invite-code").inner_text()


def test_invite_accept_flag_acknowledge_revoke_and_read_the_audit(
    page: Page,
    desktop_page: Page,
    a11y: A11y,
    server: RunningServer,
    expect_status: Callable[[Page, int, str], None],
) -> None:
    sam, pro = page, desktop_page
    secret, setup_step = _professional_signs_up(pro, a11y)
    listed = _waylight(server, "admin", "professionals")
    assert "rosalee" in listed and "waiting" in listed
    _waylight(server, "admin", "verify", "rosalee")

    code = _person_checks_in_and_invites(sam, a11y)

    # The professional types the code, by keyboard only.
    open_page(pro, a11y, "/care/")
    expect(pro.get_by_role("heading", name="Caseload")).to_be_visible()
    open_page(pro, a11y, "/care/accept/")
    press_tab_until(pro, lambda: pro.evaluate("() => document.activeElement?.name") == "code")
    pro.keyboard.type(code)
    with pro.expect_navigation():
        pro.keyboard.press("Enter")
    a11y(pro)
    expect(pro.get_by_role("heading", name="Sam", exact=True)).to_be_visible()
    flag = pro.locator(".flag").filter(has_text="Self-harm logged")
    expect(flag).to_contain_text("open")
    expect(pro.get_by_role("heading", name="Questionnaires")).to_be_visible()
    open_page(pro, a11y, "/care/")
    expect(pro.get_by_text("1 open flag: Self-harm logged")).to_be_visible()
    click_and_wait(pro, pro.get_by_role("link", name="Sam"))
    a11y(pro)

    # Acknowledge it by keyboard: the note, then the button.
    pro.locator(".flag textarea").first.focus()
    pro.keyboard.type("Spoke with Sam at school today; plan reviewed.")
    pro.keyboard.press("Tab")
    with pro.expect_navigation():
        pro.keyboard.press("Enter")
    a11y(pro)
    expect(pro.get_by_text(re.compile("Acknowledged by Dr Rosa Lee"))).to_be_visible()
    expect(pro.get_by_text("Spoke with Sam at school today; plan reviewed.")).to_be_visible()
    snap(pro, "care-person")

    # The person stops sharing; the professional's open page stops working.
    open_page(sam, a11y, "/sharing/")
    expect(
        sam.get_by_role("heading", name="Dr Rosa Lee, School counsellor, Hill School")
    ).to_be_visible()
    click_and_wait(sam, sam.get_by_role("link", name="Stop sharing"))
    a11y(sam)
    click_and_wait(sam, sam.get_by_role("button", name="Stop sharing now"))
    a11y(sam)
    expect(sam.get_by_text(re.compile("You stopped sharing with Dr Rosa Lee"))).to_be_visible()

    expect_status(pro, 404, "/care/people/")
    pro.get_by_label("Questionnaire", exact=True).select_option(
        label="Patient Health Questionnaire (PHQ-9)"
    )
    with pro.expect_navigation():
        pro.get_by_role("button", name="Ask them").click()
    a11y(pro)
    expect(pro.get_by_role("heading", level=1)).not_to_have_text("Sam")
    open_page(pro, a11y, "/care/")
    expect(pro.get_by_text("Nobody shares with you yet")).to_be_visible()

    # The person reads who looked at what, and when.
    open_page(sam, a11y, "/sharing/who-looked/")
    table = sam.get_by_role("table")
    expect(table).to_contain_text("Dr Rosa Lee (School counsellor, Hill School)")
    expect(table).to_contain_text("looked at your check-in numbers")
    expect(table).to_contain_text("marked a flag as seen and acted on")
    expect(table).to_contain_text("used your invitation code")
    snap(sam, "care-who-looked")

    # Signing in again asks for the second factor; the chain verifies.
    open_page(pro, a11y, "/account/")
    click_and_wait(pro, pro.get_by_role("button", name="Sign out"))
    a11y(pro)
    open_page(pro, a11y, "/account/login/")
    pro.get_by_label("User name").fill("rosalee")
    pro.get_by_label("Password", exact=True).fill(PASSWORD)
    click_and_wait(pro, pro.get_by_role("button", name="Sign in"))
    expect(
        pro.get_by_role("heading", name="Type the code from your authenticator app")
    ).to_be_visible()
    a11y(pro)
    pro.get_by_label("The 6-digit code from your authenticator app").fill(
        _code(secret, _next_step_after(setup_step))
    )
    click_and_wait(pro, pro.get_by_role("button", name="Sign in"))
    a11y(pro)
    expect(pro.get_by_role("heading", name="Caseload")).to_be_visible()
    verified = _waylight(server, "audit", "verify")
    assert "The audit log is intact" in verified
