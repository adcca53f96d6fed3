"""The API refuses what the core refuses: unicode digits, JSON true, invisible or invalid text."""

from __future__ import annotations

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

UNICODE_DIGITS = ["²", "①", "１", "١", "٣", "𝟏"]
INVISIBLE_ONLY = ["\u200b", "\u200b\u200d\ufeff", " \u2060 \u200e ", "\u3000\u200b"]


def post(client: Client, url: str, body: object) -> tuple[int, dict[str, object]]:
    response = client.post(url, data=json.dumps(body), content_type="application/json")
    return response.status_code, response.json()


@pytest.mark.parametrize("digit", UNICODE_DIGITS)
def test_api_refuses_unicode_digits_like_the_core(client: Client, digit: str) -> None:
    status, data = post(client, "/api/score", {"instrument": "phq9", "answers": [digit, *[0] * 8]})
    assert status == 422
    assert "question 1" in str(data["detail"])


@pytest.mark.parametrize("value", [True, False, 1.0, None, [1], {"a": 1}])
def test_api_refuses_answers_that_are_not_ints_or_words(client: Client, value: object) -> None:
    status, data = post(client, "/api/score", {"instrument": "phq9", "answers": [value, *[0] * 8]})
    assert status == 422, data
    assert data["detail"]


def test_api_true_is_not_one(client: Client) -> None:
    status, _ = post(client, "/api/score", {"instrument": "phq2", "answers": [True, True]})
    assert status == 422


@pytest.mark.parametrize("text", INVISIBLE_ONLY)
def test_api_refuses_invisible_only_text(client: Client, text: str) -> None:
    status, data = post(client, "/api/check-text", {"text": text})
    assert status == 422 and "empty" in str(data["detail"])


def test_api_refuses_a_lone_surrogate(client: Client) -> None:
    body = '{"text": "I feel \\ud800 low"}'
    response = client.post("/api/check-text", data=body, content_type="application/json")
    assert response.status_code == 422 and "Unicode" in response.json()["detail"]
