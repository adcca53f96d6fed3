"""The JSON API: the same shapes as the CLI, help-now resources in every answer, clear errors."""

from __future__ import annotations

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def post_json(client: Client, url: str, body: object) -> tuple[int, dict]:
    response = client.post(url, data=json.dumps(body), content_type="application/json")
    return response.status_code, response.json()


def test_openapi_description_lists_every_endpoint(client: Client) -> None:
    spec = client.get("/api/openapi.json").json()
    for path in (
        "/api/score",
        "/api/help-now",
        "/api/learn",
        "/api/learn/{section}",
        "/api/check-text",
    ):
        assert path in spec["paths"]
    assert client.get("/api/docs").status_code == 200


def test_score_has_the_cli_shape(client: Client) -> None:
    status, data = post_json(
        client,
        "/api/score",
        {"instrument": "phq9", "answers": [1, 1, 1, 1, 1, 0, 0, 0, 0], "country": "GB"},
    )
    assert status == 200
    assert list(data)[:8] == [
        "instrument",
        "total",
        "band",
        "result",
        "flags",
        "next_steps",
        "help_now",
        "resources",
    ]
    assert data["total"] == 5 and data["band"] == "mild" and data["help_now"] is False
    assert data["resources"][0]["kind"] == "emergency" and data["resources"][0]["dial"] == "999"


def test_score_item9_is_help_now(client: Client) -> None:
    _, data = post_json(client, "/api/score", {"instrument": "phq9", "answers": [0] * 8 + [1]})
    assert data["help_now"] is True
    assert data["resources"]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"instrument": "phq9", "answers": [0] * 8 + [5]}, "9"),
        ({"instrument": "nope", "answers": [0]}, "nope"),
        ({"instrument": "phq9", "answers": [0, 0]}, "answers"),
        ({"instrument": "phq9", "answers": [0] * 9, "country": "ZZZ"}, "country code"),
        ({"answers": [0] * 9}, "instrument"),
    ],
)
def test_bad_score_input_is_422_with_a_message(client: Client, body: object, words: str) -> None:
    status, data = post_json(client, "/api/score", body)
    assert status == 422
    assert words in data["detail"]


def test_malformed_json_is_refused(client: Client) -> None:
    response = client.post("/api/score", data="{not json", content_type="application/json")
    assert response.status_code in (400, 422)
    assert "detail" in response.json()


def test_help_now(client: Client) -> None:
    data = client.get("/api/help-now", {"country": "GB"}).json()
    assert data["country"] == "GB" and data["help_now"] is True
    assert data["resources"][0]["kind"] == "emergency"
    fallback = client.get("/api/help-now").json()
    assert fallback["is_fallback"] is True and fallback["resources"]
    bad = client.get("/api/help-now", {"country": "Narnia"})
    assert bad.status_code == 422 and "country code" in bad.json()["detail"]


def test_learn(client: Client) -> None:
    sections = client.get("/api/learn").json()["sections"]
    assert sections and all({"id", "title", "count"} <= set(s) for s in sections)
    first = client.get(f"/api/learn/{sections[0]['id']}").json()
    assert len(first["items"]) == sections[0]["count"]
    missing = client.get("/api/learn/no-such-section")
    assert missing.status_code == 404 and "no-such-section" in missing.json()["detail"]


def test_check_text_carries_help_now_resources(client: Client) -> None:
    status, data = post_json(
        client, "/api/check-text", {"text": "this exam is killing me", "country": "GB"}
    )
    assert status == 200
    assert {"suicide_risk", "self_harm", "depression", "concern", "help_now", "resources"} <= set(
        data
    )
    assert data["resources"][0]["dial"] == "999"


def test_check_text_in_another_language_says_so_with_help(client: Client) -> None:
    status, data = post_json(
        client,
        "/api/check-text",
        {"text": "estoy tan cansada y nadie me entiende", "country": "ES"},
    )
    assert status == 200
    assert data["status"] == "language_not_supported" and data["concern"] is None
    assert data["language"]["code"] == "es" and data["help_now"] is True
    assert data["resources"][0]["dial"] == "112"


def test_check_text_refuses_huge_or_empty_text(client: Client) -> None:
    status, data = post_json(client, "/api/check-text", {"text": "a" * 30_000})
    assert status == 422 and "too long" in data["detail"]
    status, data = post_json(client, "/api/check-text", {"text": "   "})
    assert status == 422 and "empty" in data["detail"]


def test_a_huge_body_gets_413_with_a_json_message(client: Client) -> None:
    body = json.dumps({"text": "a" * 2_000_000})
    response = client.post("/api/check-text", data=body, content_type="application/json")
    assert response.status_code == 413
    assert "too large" in response.json()["detail"]


def test_unknown_api_address_is_json_404(client: Client) -> None:
    response = client.get("/api/nothing-here")
    assert response.status_code == 404
    assert "detail" in response.json()
