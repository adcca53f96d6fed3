"""On the web too, a hard trigger speaks first: no band reassurance beside it."""

from __future__ import annotations

import pytest
from django.test import Client
from tests.web.test_check import answer_all, calm_answers, state_of

from waylight.core.instruments import load_instrument

pytestmark = pytest.mark.django_db


def test_a_trigger_beside_a_low_total_shows_no_range_or_band_text(client: Client) -> None:
    client.cookies["waylight_country"] = "GB"
    html = answer_all(client, "phq9", calm_answers(load_instrument("phq9")) | {"9": "1"})
    shown = client.post(
        "/check/phq9/result/",
        {"state": state_of(html), "action": "confirm_safe", "i_am_safe": "on"},
    ).content.decode()
    assert "Your PHQ-9 result" in shown
    assert "lowest range" not in shown and "check again in two weeks" not in shown
    assert "None to minimal" not in shown
    assert "It cannot show how safe you are" in shown


def test_without_a_trigger_the_range_is_shown(client: Client) -> None:
    html = answer_all(client, "phq9", calm_answers(load_instrument("phq9")))
    assert "Range: <strong>None to minimal</strong>" in html
