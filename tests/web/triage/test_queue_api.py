"""The queue API: a platform's key, a batch of posts read and queued, and every refusal."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from django.test import Client, override_settings
from tests.web.triage.conftest import PLAIN, URGENT, WATCH, bearer, post, send

from waylight.web.triage.api import MAX_POSTS
from waylight.web.triage.models import AuthorTimeline, QueuedPost
from waylight.web.triage.services.apikeys import CreatedKey, create_key, revoke

CONCERN = "I feel like a burden"

pytestmark = pytest.mark.django_db


def test_a_batch_is_read_queued_and_answered_post_by_post(
    client: Client, platform: CreatedKey
) -> None:
    response = send(
        client,
        platform.key,
        [post("p1", PLAIN), post("p2", URGENT), post(7, WATCH, author=42, time=1772445600)],
        country="GB",
    )
    assert response.status_code == 200, response.json()
    data = response.json()
    answers = {a["id"]: a for a in data["posts"]}
    assert [a["id"] for a in data["posts"]] == ["p1", "p2", "7"]  # the order sent, ids as text
    assert answers["p1"]["status"] == "not_raised" and answers["p1"]["concern"] == "none"
    assert answers["p2"]["status"] == "queued" and answers["p2"]["urgent"] is True
    assert answers["p2"]["concern"] == "urgent" and answers["p2"]["suicide_level"] != "none"
    assert answers["7"]["status"] == "queued" and answers["7"]["concern"] == "watch"
    # The same row as a batch scan: every C6 column, signals as a list with spans.
    for column in ("suicide_score", "self_harm", "depression_level", "explanation"):
        assert column in answers["p2"]
    assert answers["p2"]["signals"] and {"start", "end", "kind"} <= set(answers["p2"]["signals"][0])
    assert answers["p2"]["model_version"].startswith("text-model-")
    assert (data["queued"], data["not_raised"], data["duplicates"]) == (2, 1, 0)
    # Help now once for the batch, never in the rows.
    assert data["help_now"] is True and data["resources"]
    assert all("resources" not in a for a in data["posts"])


def test_help_now_resources_come_even_when_nothing_is_urgent(
    client: Client, platform: CreatedKey
) -> None:
    data = send(client, platform.key, [post("a", PLAIN)]).json()
    assert data["help_now"] is False and data["resources"]


def test_a_post_not_raised_keeps_no_text(client: Client, platform: CreatedKey) -> None:
    send(client, platform.key, [post("quiet", PLAIN), post("loud", URGENT)])
    assert QueuedPost.objects.get(external_id="quiet").ciphertext == ""
    loud = QueuedPost.objects.get(external_id="loud")
    assert loud.content["text"] == URGENT
    # Encrypted at rest: the words are not in the column.
    assert "end it all" not in loud.ciphertext


def test_the_same_id_sent_again_is_a_duplicate_and_not_read_twice(
    client: Client, platform: CreatedKey
) -> None:
    send(client, platform.key, [post("x", URGENT)])
    again = send(client, platform.key, [post("x", PLAIN), post("y", PLAIN)]).json()
    assert [a["status"] for a in again["posts"]] == ["duplicate", "not_raised"]
    assert again["posts"][0]["concern"] == "urgent"  # what was read the first time
    assert QueuedPost.objects.filter(external_id="x").count() == 1
    assert AuthorTimeline.objects.get().posts == 2


def test_the_same_id_from_two_platforms_is_two_posts(
    client: Client, platform: CreatedKey, other_platform: CreatedKey
) -> None:
    send(client, platform.key, [post("x", URGENT)])
    answer = send(client, other_platform.key, [post("x", URGENT)]).json()
    assert answer["posts"][0]["status"] == "queued"
    assert QueuedPost.objects.filter(external_id="x").count() == 2


def test_early_warning_follows_an_author_across_calls(client: Client, platform: CreatedKey) -> None:
    first = send(client, platform.key, [post("c1", CONCERN, author="w")]).json()
    assert first["posts"][0]["early_warning"] == {
        "alert": False,
        "reason": None,
        "posts_to_alert": None,
        "evidence": None,
    }
    # A second concern post from the same author, in a later call: 2 x 0.9 + 2 = 3.8 >= 3.5.
    second = send(
        client, platform.key, [post("c2", CONCERN, author="w", time="2026-03-02T11:00:00Z")]
    ).json()
    alert = second["posts"][0]["early_warning"]
    assert alert["alert"] is True and alert["reason"] == "accumulated_evidence"
    assert alert["posts_to_alert"] == 2 and alert["evidence"] == pytest.approx(3.8)
    raised = QueuedPost.objects.get(external_id="c2")
    assert raised.raised_alert and raised.priority == 0  # into the urgent band
    # Another author's posts never count towards this one.
    other = send(client, platform.key, [post("c3", CONCERN, author="v")]).json()
    assert other["posts"][0]["early_warning"]["alert"] is False


def test_an_authors_posts_in_one_batch_are_read_oldest_first(
    client: Client, platform: CreatedKey
) -> None:
    late = post("late", PLAIN, author="t", time="2026-03-02T12:00:00Z")
    early = post("early", CONCERN, author="t", time="2026-03-02T09:00:00Z")
    send(client, platform.key, [late, early])
    numbers = dict(QueuedPost.objects.values_list("external_id", "author_post_number"))
    assert numbers == {"early": 1, "late": 2}


def test_the_author_id_is_kept_encrypted_and_found_by_a_keyed_hash(
    client: Client, platform: CreatedKey
) -> None:
    send(client, platform.key, [post("a", URGENT, author="someone-123")])
    timeline = AuthorTimeline.objects.get()
    assert timeline.author == "someone-123"
    assert "someone-123" not in timeline.author_ciphertext + timeline.author_hash


# ----------------------------------------------------------------------------- refusals


def test_more_than_the_limit_is_413_and_nothing_is_queued(
    client: Client, platform: CreatedKey
) -> None:
    posts = [post(f"p{n}", PLAIN) for n in range(MAX_POSTS + 1)]
    response = send(client, platform.key, posts)
    assert response.status_code == 413
    assert f"at most {MAX_POSTS}" in response.json()["detail"]
    assert not QueuedPost.objects.exists()
    assert send(client, platform.key, posts[:MAX_POSTS]).status_code == 200


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        ({"text": "   \u200b "}, "empty"),
        ({"text": "x" * 20_001}, "too long"),
        ({"time": "next tuesday"}, "ISO 8601"),
        ({"id": ""}, "id must be"),
        ({"author": "   "}, "author must be"),
        ({"id": "x" * 201}, "id must be"),
        ({"metadata": {f"k{n}": n for n in range(21)}}, "metadata is too large"),
        ({"metadata": {"a": "x" * 3000}}, "metadata is too large"),
        ({"text": 12}, "text"),
        ({"time": True}, "time"),
        ({"metadata": {"nested": {"a": 1}}}, "metadata"),
    ],
)
def test_one_bad_post_refuses_the_batch_with_a_message_naming_it(
    client: Client, platform: CreatedKey, bad: dict[str, Any], words: str
) -> None:
    posts = [post("good", URGENT), {**post("bad", URGENT), **bad}]
    response = send(client, platform.key, posts)
    assert response.status_code == 422, response.json()
    detail = response.json()["detail"]
    assert words in detail and ("post 2" in detail or "posts.1" in detail), detail
    assert not QueuedPost.objects.exists()


def test_an_id_twice_in_one_batch_is_refused(client: Client, platform: CreatedKey) -> None:
    response = send(client, platform.key, [post("d", PLAIN), post("d", URGENT)])
    assert response.status_code == 422 and "twice" in response.json()["detail"]


def test_an_unknown_country_is_refused_before_anything_is_read(
    client: Client, platform: CreatedKey
) -> None:
    response = send(client, platform.key, [post("a", URGENT)], country="XX1")
    assert response.status_code == 422 and not QueuedPost.objects.exists()


def test_malformed_json_and_a_missing_field_are_clear(client: Client, platform: CreatedKey) -> None:
    broken = client.post(
        "/api/queue/posts",
        data="{not json",
        content_type="application/json",
        **bearer(platform.key),
    )
    assert broken.status_code in (400, 422) and broken.json()["detail"]
    missing = send(client, platform.key, [{"id": "a", "text": URGENT, "time": "2026-03-02"}])
    assert missing.status_code == 422 and "author" in missing.json()["detail"]


def test_a_body_over_the_size_limit_is_413(client: Client, platform: CreatedKey) -> None:
    posts = [post(f"p{n}", "word " * 3000) for n in range(20)]  # ~300 KB
    response = send(client, platform.key, posts)
    assert response.status_code == 413 and "too large" in response.json()["detail"]


# ----------------------------------------------------------------------------- keys


@pytest.mark.parametrize(
    "header",
    [
        None,
        "Bearer",
        "Bearer wl_00000000_" + "a" * 43,
        "Basic dXNlcjpwYXNz",
        "Bearer not-a-key",
    ],
)
def test_without_a_valid_key_every_route_is_401(
    client: Client, platform: CreatedKey, header: str | None
) -> None:
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    body = json.dumps({"posts": [post("a", URGENT)]})
    calls = [
        client.post("/api/queue/posts", data=body, content_type="application/json", **extra),
        client.get("/api/queue/posts/a", **extra),
        client.delete("/api/queue/posts/a", **extra),
    ]
    for response in calls:
        assert response.status_code == 401
        assert "API key" in response.json()["detail"]
        assert response["WWW-Authenticate"] == "Bearer"
    assert not QueuedPost.objects.exists()


def test_a_key_with_one_character_changed_is_refused(client: Client, platform: CreatedKey) -> None:
    key = platform.key
    wrong = key[:-1] + ("A" if key[-1] != "A" else "B")
    assert send(client, wrong, [post("a", URGENT)]).status_code == 401


def test_revoking_a_key_works_from_the_next_call(client: Client) -> None:
    made = create_key("Forum R")
    assert send(client, made.key, [post("a", PLAIN)]).status_code == 200
    revoke(made.api_key.prefix)
    assert send(client, made.key, [post("b", PLAIN)]).status_code == 401
    assert client.get("/api/queue/posts/a", **bearer(made.key)).status_code == 401


def test_the_key_is_stored_only_as_its_hash(platform: CreatedKey) -> None:
    row = platform.api_key
    assert platform.key not in (row.key_hash, row.prefix, row.name)
    assert platform.key.startswith(row.prefix + "_")
    assert len(platform.key) > len(row.prefix) + 40


@override_settings(RATE_LIMITS_ON=True, RATE_LIMITS={"api": "3/m", "queue": "2/m"})
def test_each_key_has_its_own_limit_with_retry_after(
    client: Client, platform: CreatedKey, other_platform: CreatedKey
) -> None:
    for n in range(2):
        assert send(client, platform.key, [post(f"a{n}", PLAIN)]).status_code == 200
    over = send(client, platform.key, [post("a9", PLAIN)])
    assert over.status_code == 429 and 1 <= int(over["Retry-After"]) <= 60
    assert "Nothing was queued" in over.json()["detail"]
    assert not QueuedPost.objects.filter(external_id="a9").exists()
    # Another key from the same address is not held back, and the key limit is not an
    # address limit: more calls than the "api" group allows all pass with a good key.
    assert send(client, other_platform.key, [post("b1", PLAIN)]).status_code == 200


@override_settings(RATE_LIMITS_ON=True, RATE_LIMITS={"api": "3/m", "queue": "100/m"})
def test_calls_without_a_valid_key_are_limited_per_address(
    client: Client, platform: CreatedKey
) -> None:
    for _ in range(3):
        assert send(client, "wl_00000000_" + "b" * 43, [post("a", PLAIN)]).status_code == 401
    assert send(client, "wl_00000000_" + "b" * 43, [post("a", PLAIN)]).status_code == 429


def test_a_key_may_carry_its_own_rate(client: Client, settings: Any) -> None:
    settings.RATE_LIMITS_ON = True
    made = create_key("Small forum", rate="1/m")
    assert send(client, made.key, [post("a", PLAIN)]).status_code == 200
    assert send(client, made.key, [post("b", PLAIN)]).status_code == 429


# ----------------------------------------------------------------------------- status, erase


def test_a_platform_reads_where_its_post_stands_but_not_anothers(
    client: Client, platform: CreatedKey, other_platform: CreatedKey
) -> None:
    send(client, platform.key, [post("mine/1", URGENT)])
    mine = client.get("/api/queue/posts/mine/1", **bearer(platform.key))
    assert mine.status_code == 200
    assert mine.json()["status"] == "waiting" and mine.json()["decisions"] == []
    assert mine.json()["urgent"] is True and mine.json()["text_kept"] is True
    theirs = client.get("/api/queue/posts/mine/1", **bearer(other_platform.key))
    assert theirs.status_code == 404 and theirs.json()["detail"]


def test_a_platform_erases_its_own_post_and_only_its_own(
    client: Client, platform: CreatedKey, other_platform: CreatedKey
) -> None:
    send(client, platform.key, [post("gone", URGENT)])
    assert client.delete("/api/queue/posts/gone", **bearer(other_platform.key)).status_code == 404
    assert QueuedPost.objects.filter(external_id="gone").exists()
    assert client.delete("/api/queue/posts/gone", **bearer(platform.key)).status_code == 204
    assert not QueuedPost.objects.filter(external_id="gone").exists()
    assert client.get("/api/queue/posts/gone", **bearer(platform.key)).status_code == 404


def test_no_post_text_reaches_the_log(
    client: Client, platform: CreatedKey, caplog: pytest.LogCaptureFixture
) -> None:
    marker = "zebra-marker-4471"
    with caplog.at_level(logging.DEBUG):
        send(client, platform.key, [post("m1", f"{URGENT} {marker}", author=marker)])
        send(client, platform.key, [post("m2", f"{URGENT} {marker}", time="not a time")])
        send(client, "wl_00000000_" + "c" * 43, [post("m3", marker)])
    assert marker not in caplog.text


def test_the_openapi_description_documents_the_queue(client: Client) -> None:
    spec = client.get("/api/openapi.json").json()
    operations = spec["paths"]["/api/queue/posts"]["post"]
    assert {"200", "401", "413", "422", "429"} <= set(operations["responses"])
    assert operations["security"]
    assert "/api/queue/posts/{post_id}" in spec["paths"]
    schemes = spec["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())
