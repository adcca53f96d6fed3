"""On the phone: manifest, icons, service worker, leave quickly; and calendar reminders."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from icalendar import Calendar
from tests.web.conftest import assert_safe_page

pytestmark = pytest.mark.django_db


def body(response: object) -> bytes:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return response.content  # type: ignore[attr-defined]


def test_the_manifest_installs_waylight_with_icons_the_app_serves(client: Client) -> None:
    html = client.get("/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in html
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        image = client.get(icon["src"])
        assert image.status_code == 200 and body(image).startswith(b"\x89PNG")


def test_the_service_worker_is_a_script_from_the_root_with_its_settings(client: Client) -> None:
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-store, private"  # a new release is seen at once
    text = response.content.decode()
    first, rest = text.split("\n", 1)
    assert first.startswith("self.WAYLIGHT_OFFLINE = {") and first.endswith("};")
    config = json.loads(first.removeprefix("self.WAYLIGHT_OFFLINE = ").removesuffix(";"))
    for page in ("/help-now/", "/plan/", "/toolbox/", "/journal/new/"):
        assert page in config["pages"]
        assert client.get(page).status_code == 200
    assert config["queued"] == ["/journal/new/", "/toolbox/urge/"]
    for asset in config["assets"]:
        assert client.get(asset).status_code == 200, asset
    assert "eval(" not in rest and "importScripts" not in rest


def test_every_page_has_leave_quickly_as_a_plain_link_that_sends_no_referrer(
    client: Client,
) -> None:
    for url in ("/", "/help-now/", "/journal/new/", "/progress/", "/toolbox/urge/", "/account/"):
        html = assert_safe_page(client.get(url))
        assert (
            '<a class="leave-quickly" href="https://www.bbc.co.uk/weather" rel="noreferrer" '
            "data-leave-quickly>Leave quickly</a>"
        ) in html, url


def test_the_offline_page_points_to_what_works_offline(client: Client) -> None:
    html = assert_safe_page(client.get("/offline/"))
    for link in ('href="/help-now/"', 'href="/plan/"', 'href="/toolbox/"', 'href="/journal/new/"'):
        assert link in html


def test_a_reminder_downloads_as_a_calendar_file(client: Client) -> None:
    assert "Download the reminder" in assert_safe_page(client.get("/reminders/"))
    response = client.post(
        "/reminders/",
        {"time": "21:15", "title": "Tea and a pause", "note": "", "days": ["MO", "TH"]},
    )
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="check-in.ics"'
    assert response["Cache-Control"] == "no-store, private"
    event = next(iter(Calendar.from_ical(response.content).walk("VEVENT")))
    assert str(event["summary"]) == "Tea and a pause"
    assert event.decoded("dtstart").strftime("%H:%M") == "21:15"
    assert event["rrule"]["BYDAY"] == ["MO", "TH"]
    text = response.content.decode().lower()
    for word in ("self-harm", "harm", "waylight", "suicide", "urge"):
        assert word not in text


def test_a_reminder_that_says_what_it_is_for_is_refused_with_a_reason(client: Client) -> None:
    response = client.post("/reminders/", {"time": "21:00", "title": "Self-harm check-in"})
    assert response.status_code == 422
    html = assert_safe_page(response)
    assert "should not say what it is for" in html and "Nothing was downloaded" in html
    assert 'value="Self-harm check-in"' in html  # kept for the person to change
