"""The server side of the crisis path and the phone fixes (the browser tests drive the same
pages in Chromium): country from the time zone, the panel's order, search leads, progress
counts, review notes, tap-to-call plans, plan import, kept-result deletes and compression."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from django.test import Client
from tests.web.conftest import assert_safe_page

from waylight.core.kb import load_knowledge_base
from waylight.web.plan_import import PlanFileError, read_plan_file
from waylight.web.templatetags.waylight_text import phone_links

pytestmark = pytest.mark.django_db


# --- country ----------------------------------------------------------------------------------


def test_the_time_zone_cookie_beats_the_language(client: Client) -> None:
    client.cookies["waylight_tz"] = "Asia/Kolkata"
    html = client.get("/help-now/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert "Lines for <strong>India</strong> (from your time zone)" in html
    assert 'href="tel:14416"' in html and 'href="tel:988"' not in html


def test_a_chosen_country_beats_the_time_zone(client: Client) -> None:
    client.cookies["waylight_tz"] = "Asia/Kolkata"
    client.cookies["waylight_country"] = "GB"
    html = client.get("/help-now/").content.decode()
    assert "Lines for <strong>United Kingdom</strong>." in html


@pytest.mark.parametrize("zone", ["Not/AZone", "<script>", "x" * 300])
def test_a_strange_time_zone_falls_back_to_the_language(client: Client, zone: str) -> None:
    client.cookies["waylight_tz"] = zone
    response = client.get("/help-now/", HTTP_ACCEPT_LANGUAGE="en-GB")
    assert response.status_code == 200
    assert (
        "Lines for <strong>United Kingdom</strong> (from your browser" in response.content.decode()
    )


def test_a_first_page_asks_the_browser_for_its_time_zone_only_while_guessing(
    client: Client,
) -> None:
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    assert 'data-time-zone-check="GB"' in html and 'data-time-zones="/country/zones.json"' in html
    client.cookies["waylight_tz"] = "Europe/London"
    assert "data-time-zone-check" not in client.get("/").content.decode()
    zones = json.loads(client.get("/country/zones.json").content)
    assert zones["Asia/Kolkata"] == "IN" and zones["Europe/London"] == "GB"


def test_changing_country_from_the_panel_returns_to_the_same_page(client: Client) -> None:
    html = client.get("/worried/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert "Not in United States? Change" in html
    assert 'name="next" value="/worried/"' in html
    response = client.post("/country/", {"country": "IN", "next": "/worried/"})
    assert response.status_code == 302 and response["Location"] == "/worried/"


# --- the panel --------------------------------------------------------------------------------


def test_listening_lines_come_before_the_emergency_number_in_the_panel(client: Client) -> None:
    client.cookies["waylight_country"] = "US"
    html = client.get("/worried/").content.decode()
    panel = html[html.index('id="help-panel"') :]
    assert panel.index('href="tel:988"') < panel.index('href="tel:911"')
    # The old 988 number is still there, under "Other numbers", after 988's call/text/chat.
    first_line = panel[: panel.index("Crisis Text Line")]
    assert first_line.index("Chat online") < first_line.index("Other numbers")
    assert first_line.index("Other numbers") < first_line.index('href="tel:18002738255"')


def test_every_page_with_a_panel_stays_free_of_inline_script_and_style(client: Client) -> None:
    for path in ("/", "/help-now/", "/worried/", "/plan/", "/learn/search/?q=kms"):
        assert_safe_page(client.get(path))


# --- search -----------------------------------------------------------------------------------


def test_a_search_with_crisis_words_puts_the_panel_before_the_articles(client: Client) -> None:
    html = client.get("/learn/search/", {"q": "I want to kill myself"}).content.decode()
    assert html.index('id="help-panel"') < html.index("What we found for")


def test_a_search_about_someone_else_leads_with_worried_guidance(client: Client) -> None:
    html = client.get("/learn/search/", {"q": "my son is cutting himself"}).content.decode()
    assert 'id="help-panel"' not in html
    assert html.index("Worried about someone?") < html.index("What we found for")


def test_the_home_page_has_a_search(client: Client) -> None:
    html = client.get("/").content.decode()
    assert 'role="search"' in html and 'action="/learn/search/"' in html


# --- questionnaires ---------------------------------------------------------------------------


@pytest.mark.parametrize(("instrument", "count"), [("phq9", 9), ("phqa", 12), ("asq", 4)])
def test_the_first_question_counts_only_questions_always_asked(
    client: Client, instrument: str, count: int
) -> None:
    html = client.get(f"/check/{instrument}/").content.decode()
    assert f"Question 1 of {count}<" in html
    assert html.count("<h1") == 1


def test_a_follow_up_question_joins_the_count_once_an_answer_calls_for_it(client: Client) -> None:
    html = client.get("/check/phq9/").content.decode()
    state = re.search(r'name="state" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    calm = client.post("/check/phq9/", {"state": state, "answer": "0", "action": "next"})
    assert "Question 2 of 9<" in calm.content.decode()
    troubled = client.post("/check/phq9/", {"state": state, "answer": "1", "action": "next"})
    assert "Question 2 of 10<" in troubled.content.decode()
    assert "<h1" in troubled.content.decode()


def test_show_gives_back_a_step_with_the_answer_a_later_state_remembers(client: Client) -> None:
    html = client.get("/check/phq2/").content.decode()
    first = re.search(r'name="state" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    after = client.post("/check/phq2/", {"state": first, "answer": "2", "action": "next"})
    later = re.search(r'name="state" value="([^"]+)"', after.content.decode()).group(1)  # type: ignore[union-attr]
    shown = client.post(
        "/check/phq2/", {"state": first, "later": ["not a state", later], "action": "show"}
    ).content.decode()
    assert "Question 1 of 2<" in shown
    assert re.search(r'value="2" checked', shown), "the earlier answer is not ticked again"


# --- learn ------------------------------------------------------------------------------------


def test_no_knowledge_base_page_shows_its_review_note(client: Client) -> None:
    kb = load_knowledge_base()
    noted = [item for item in kb.items if item.review_note]
    assert noted, "the test needs items with review notes"
    for item in kb.items:
        html = client.get(f"/learn/{item.section}/{item.id}/").content.decode()
        if item.review_note:
            assert item.review_note[:50] not in html, item.id
        assert "How we checked" not in html
    guide = client.get("/about/how-we-write/").content.decode()
    for item in noted:
        assert f'id="{item.id}"' in guide


def test_the_quiz_summary_lists_every_statement(client: Client) -> None:
    html = client.get("/learn/quiz/summary/").content.decode()
    assert html.count('class="quiz-statement"') == len(load_knowledge_base().section("myths").items)


# --- the plan ---------------------------------------------------------------------------------


def test_typed_numbers_become_links_and_nothing_else_is_trusted() -> None:
    html = str(phone_links('<img src=x onerror="alert(1)"> call Mum on 07700 900123'))
    assert "<img" not in html and "&lt;img" in html
    assert '<a href="tel:07700900123">07700 900123</a>' in html
    assert str(phone_links("Since 2019, every 24/7 line")) == "Since 2019, every 24/7 line"
    assert 'href="tel:+442079460958"' in str(phone_links("+44 20 7946 0958"))


def _plan_file(sections: list[dict[str, object]], **extra: object) -> bytes:
    body = {"format": "waylight-safety-plan", "version": 1, "sections": sections, **extra}
    return json.dumps(body).encode()


def test_a_plan_file_is_read_section_by_section() -> None:
    fields = read_plan_file(
        _plan_file(
            [
                {"id": "reasons", "entries": ["My sister", "The sea"]},
                {"id": "not_a_part", "entries": ["left out"]},
            ],
            help_now={"resources": []},
        )
    )
    assert fields["reasons"] == "My sister\nThe sea"
    assert "not_a_part" not in fields


@pytest.mark.parametrize(
    "data",
    [
        b"not json",
        b'{"format": "something-else"}',
        b"[1, 2, 3]",
        _plan_file([{"id": "reasons", "entries": [1, 2]}]),
        b"[" * 100_000,
        b" " * (300 * 1024),
    ],
    ids=["text", "other-format", "list", "not-strings", "deep", "huge"],
)
def test_a_file_that_is_not_a_plan_gets_a_clear_message(data: bytes) -> None:
    with pytest.raises(PlanFileError):
        read_plan_file(data)


def test_importing_a_plan_saves_it_and_a_bad_file_changes_nothing(client: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    good = SimpleUploadedFile(
        "plan.json", _plan_file([{"id": "coping_alone", "entries": ["Music"]}])
    )
    response = client.post("/plan/import/", {"plan_file": good})
    assert response.status_code == 302
    assert "Music" in client.get("/plan/").content.decode()
    bad = SimpleUploadedFile("plan.json", b'{"format": "nope"}')
    refused = client.post("/plan/import/", {"plan_file": bad})
    assert refused.status_code == 422
    assert "not a Waylight safety plan" in refused.content.decode()
    assert "Music" in client.get("/plan/").content.decode()
    empty = client.post("/plan/import/", {})
    assert empty.status_code == 422


def test_importing_needs_the_csrf_token(csrf_client: Client) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("plan.json", _plan_file([{"id": "reasons", "entries": ["x"]}]))
    assert csrf_client.post("/plan/import/", {"plan_file": upload}).status_code == 403


# --- kept results -----------------------------------------------------------------------------


def test_deleting_a_kept_result_asks_first(client: Client) -> None:
    html = client.get("/check/phq2/").content.decode()
    for answer in ("1", "1"):
        state = re.search(r'name="state" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
        html = client.post(
            "/check/phq2/", {"state": state, "answer": answer, "action": "next"}
        ).content.decode()
    state = re.search(r'name="state" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    client.post("/check/phq2/result/", {"state": state, "action": "keep"})
    listing = client.get("/results/").content.decode()
    delete_url = re.search(r'href="(/results/\d+/delete/)"', listing).group(1)  # type: ignore[union-attr]
    confirm = client.get(delete_url)
    assert confirm.status_code == 200 and "Delete this result?" in confirm.content.decode()
    assert "PHQ-2" in client.get("/results/").content.decode()  # still there after the GET
    client.post(delete_url)
    assert "There are no kept results" in client.get("/results/").content.decode()
    other = Client().get(delete_url, follow=True)  # another device: nothing to show or delete
    assert "could not find that result" in other.content.decode()


# --- compression ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/help-now/", "/api/help-now?country=GB"])
def test_text_responses_are_compressed_when_the_browser_accepts_it(
    client: Client, path: str
) -> None:
    response = client.get(path, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert gzip.decompress(response.content)
    plain = client.get(path)
    assert not plain.has_header("Content-Encoding")
