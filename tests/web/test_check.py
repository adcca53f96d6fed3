"""The check flow through forms: one question per post, results from the core, help now."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from tests.web.conftest import assert_safe_page

from waylight.core.instruments import Instrument, list_instruments, load_instrument
from waylight.web.checkflow import CheckState
from waylight.web.models import KeptResult

pytestmark = pytest.mark.django_db

STATE = re.compile(r'name="state" value="([^"]+)"')


def state_of(html: str) -> str:
    found = STATE.search(html)
    assert found, "no state field on the page"
    return found.group(1)


def answer_all(client: Client, instrument_id: str, pick: dict[str, str] | None = None) -> str:
    """Answer every asked question (first option unless `pick` says otherwise); the last page."""
    instrument = load_instrument(instrument_id)
    url = f"/check/{instrument_id}/"
    html = client.get(url).content.decode()
    for _ in range(len(instrument.items) + 1):
        if 'name="answer"' not in html:
            return html
        # The step is the item's place in the instrument (the "Question N" a person reads
        # counts only the questions actually asked).
        step = int(re.search(r'data-check-step="(\d+)"', html).group(1))  # type: ignore[union-attr]
        item = instrument.items[step]
        value = (pick or {}).get(item.id, str(item.options[0].value))
        response = client.post(url, {"state": state_of(html), "answer": value, "action": "next"})
        assert response.status_code == 200, response.content.decode()[:500]
        html = response.content.decode()
    raise AssertionError("the questionnaire never ended")


def calm_answers(instrument: Instrument) -> dict[str, str]:
    """Answers that raise no hard trigger: 0 for numbers, 'no' for yes/no questions."""
    return {item.id: "0" if item.numeric else "no" for item in instrument.items}


@pytest.mark.parametrize("instrument", list_instruments(), ids=lambda i: i.id)
def test_each_instrument_ends_on_a_result_with_help(client: Client, instrument: Instrument) -> None:
    html = answer_all(client, instrument.id, calm_answers(instrument))
    assert f"Your {instrument.short_title} result" in html
    assert "What this result is, and what it is not" in html
    assert instrument.citation[:40] in html.replace("&#x27;", "'").replace("&amp;", "&")
    # A negative result never hides help-now resources.
    assert ('class="help-panel"' in html and 'href="tel:' in html) or "findahelpline" in html
    assert_safe_page(client.get(f"/check/{instrument.id}/"))


def test_phq9_item9_above_zero_lands_on_help_now(client: Client) -> None:
    instrument = load_instrument("phq9")
    answers = calm_answers(instrument) | {"9": "1"}
    html = answer_all(client, "phq9", answers)
    assert "Please talk to someone now" in html
    # The crisis panel comes before anything else, and the score is not shown yet.
    assert html.index('class="help-panel"') < html.index("Are you safe right now?")
    assert "Your PHQ-9 result" not in html
    assert 'name="i_am_safe"' in html


def test_help_now_result_needs_two_deliberate_steps(client: Client) -> None:
    client.cookies["waylight_country"] = "GB"
    answers = calm_answers(load_instrument("phq9")) | {"9": "2"}
    html = answer_all(client, "phq9", answers)
    state = state_of(html)
    # One tap on the button without ticking the box does not leave the help-now page.
    one_tap = client.post("/check/phq9/result/", {"state": state, "action": "confirm_safe"})
    assert one_tap.status_code == 422
    text = one_tap.content.decode()
    assert "tick the box" in text and "Your PHQ-9 result" not in text
    # Ticking the box and pressing the button shows the result, still with help at the top.
    both = client.post(
        "/check/phq9/result/", {"state": state, "action": "confirm_safe", "i_am_safe": "on"}
    )
    text = both.content.decode()
    assert both.status_code == 200
    assert "Your PHQ-9 result" in text
    assert text.index('class="help-panel"') < text.index('class="card score-card"')
    assert 'href="tel:116123"' in text  # Samaritans, for the chosen country


def test_asq_yes_is_help_now_and_asks_question_five(client: Client) -> None:
    html = answer_all(client, "asq", {"1": "yes", "2": "no", "3": "no", "4": "no", "5": "no"})
    assert "Please talk to someone now" in html


def test_asq_all_no_skips_question_five(client: Client) -> None:
    url = "/check/asq/"
    html = client.get(url).content.decode()
    for _ in range(4):
        html = client.post(url, {"state": state_of(html), "answer": "no"}).content.decode()
    assert "Your ASQ result" in html
    assert "thoughts of killing yourself right now" not in html


def test_wrong_answer_gets_a_message_on_the_same_question(client: Client) -> None:
    url = "/check/phq9/"
    phq9 = load_instrument("phq9")
    html = client.get(url).content.decode()
    state = state_of(html)
    for bad in ("", "7", "yes"):
        response = client.post(url, {"state": state, "answer": bad})
        assert response.status_code == 422
        text = response.content.decode()
        assert "Please choose one of the answers" in text
        assert "Question 1 of" in text
        # Nothing changed (the sealed field differs each time: a fresh IV, same contents).
        assert CheckState.load(state_of(text), phq9) == CheckState.load(state, phq9)


def test_tampered_state_is_refused_and_starts_again(client: Client) -> None:
    response = client.post("/check/phq9/", {"state": "forged:token", "answer": "0"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "start this check again" in text and "Question 1 of" in text


def test_back_returns_to_the_previous_question(client: Client) -> None:
    url = "/check/gad7/"
    html = client.get(url).content.decode()
    html = client.post(url, {"state": state_of(html), "answer": "2"}).content.decode()
    assert "Question 2 of" in html
    back = client.post(url, {"state": state_of(html), "action": "back"}).content.decode()
    assert "Question 1 of" in back
    assert 'value="2" checked' in back


def test_result_is_not_kept_unless_asked(client: Client) -> None:
    html = answer_all(client, "gad7", calm_answers(load_instrument("gad7")))
    assert KeptResult.objects.count() == 0
    response = client.post("/check/gad7/result/", {"state": state_of(html), "action": "keep"})
    assert response.status_code == 302
    kept = KeptResult.objects.get()
    assert kept.instrument == "gad7"
    assert '"total"' not in kept.ciphertext  # encrypted at rest
    listing = client.get("/results/").content.decode()
    assert "Generalized Anxiety" in listing or "GAD-7" in listing
    client.post(f"/results/{kept.pk}/delete/")
    assert KeptResult.objects.count() == 0


def test_another_device_cannot_delete_a_kept_result(client: Client) -> None:
    html = answer_all(client, "phq2", calm_answers(load_instrument("phq2")))
    client.post("/check/phq2/result/", {"state": state_of(html), "action": "keep"})
    kept = KeptResult.objects.get()
    stranger = Client()
    stranger.post(f"/results/{kept.pk}/delete/")
    assert KeptResult.objects.filter(pk=kept.pk).exists()


def test_phqa_lifetime_attempt_yes_lands_on_help_now(client: Client) -> None:
    answers = calm_answers(load_instrument("phqa")) | {"13": "yes"}
    html = answer_all(client, "phqa", answers)
    assert "Please talk to someone now" in html


def test_get_on_the_result_address_starts_again(client: Client) -> None:
    response = client.get("/check/phq9/result/")
    assert response.status_code == 302 and response["Location"] == "/check/phq9/"
