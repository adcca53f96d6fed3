"""Signed webhooks for urgent posts, received by a real HTTP server on this machine.

The receiver checks each delivery as a platform would (docs/batch.md, "Webhooks"): the
HMAC-SHA256 of "<timestamp>." + body with the key's secret, compared in constant time, and a
timestamp no more than five minutes from its clock.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from tests.web.triage.conftest import PLAIN, URGENT, post, send

from waylight.core.errors import InputError
from waylight.web.triage.models import WebhookDelivery
from waylight.web.triage.services import webhooks
from waylight.web.triage.services.apikeys import check_webhook_url, create_key, revoke

REPLAY_WINDOW_S = 300


def verify(secret: str, headers: Any, body: bytes, *, now: float | None = None) -> bool:
    """What a receiving platform does with each delivery (the recipe in docs/batch.md)."""
    stamp = headers.get("X-Waylight-Timestamp", "")
    given = headers.get("X-Waylight-Signature", "")
    if not stamp.isdigit() or abs((now or time.time()) - int(stamp)) > REPLAY_WINDOW_S:
        return False
    expected = hmac.new(secret.encode(), stamp.encode() + b"." + body, hashlib.sha256)
    return hmac.compare_digest(given, "sha256=" + expected.hexdigest())


@dataclass
class Receiver:
    url: str
    secret: str = ""
    status: int = 204
    hold: threading.Event | None = None
    got: list[dict[str, Any]] = field(default_factory=list)
    holding: threading.Event = field(default_factory=threading.Event)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    box: list[Receiver] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            me = box[0]
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if me.hold is not None:
                me.holding.set()
                me.hold.wait(timeout=20)
            me.got.append(
                {
                    "verified": verify(me.secret, self.headers, body),
                    "body": json.loads(body),
                    "delivery": self.headers.get("X-Waylight-Delivery"),
                    "headers": dict(self.headers),
                    "raw": body,
                }
            )
            self.send_response(me.status)
            if 300 <= me.status < 400:
                self.send_header("Location", me.url + "/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    box.append(Receiver(url=f"http://127.0.0.1:{server.server_address[1]}/hooks/waylight"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield box[0]
    server.shutdown()
    server.server_close()


def platform_with_hook(receiver: Receiver) -> Any:
    made = create_key("Forum W", webhook_url=receiver.url)
    assert made.webhook_secret and made.webhook_secret.startswith("whsec_")
    receiver.secret = made.webhook_secret
    return made


@pytest.mark.django_db
def test_an_urgent_post_is_announced_signed_and_without_its_words(
    client: Client, receiver: Receiver
) -> None:
    made = platform_with_hook(receiver)
    send(client, made.key, [post("u1", URGENT, author="writer-9"), post("q1", PLAIN)])
    assert WebhookDelivery.objects.count() == 1  # only the urgent post
    done = webhooks.deliver_due()
    assert (done.delivered, done.retrying, done.failed) == (1, 0, 0)
    (got,) = receiver.got
    assert got["verified"], got["headers"]
    assert got["body"]["event"] == "post.urgent"
    assert got["body"]["post"]["id"] == "u1" and got["body"]["post"]["concern"] == "urgent"
    assert got["delivery"] == got["body"]["delivery_id"]
    assert b"end it all" not in got["raw"] and b"writer-9" not in got["raw"]
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "delivered" and delivery.attempts == 1
    assert delivery.last_outcome == "HTTP 204"
    assert webhooks.deliver_due().delivered == 0  # never sent twice


@pytest.mark.django_db
def test_a_revoked_platform_is_told_nothing_more(client: Client, receiver: Receiver) -> None:
    receiver.status = 500
    made = platform_with_hook(receiver)
    send(client, made.key, [post("u1", URGENT)])
    webhooks.deliver_due()  # one failed attempt: a retry is waiting
    assert WebhookDelivery.objects.get().status == "pending"
    receiver.status = 204
    revoke(made.api_key.prefix)
    later = timezone.now() + timedelta(hours=2)
    assert webhooks.deliver_due(now=later) == webhooks.DeliveryPass(0, 0, 0)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed" and delivery.attempts == 1
    assert delivery.last_outcome == "not sent: the key was revoked"
    assert len(receiver.got) == 1  # only the attempt before the revocation


@pytest.mark.django_db
def test_a_changed_body_an_old_timestamp_or_another_secret_fail_the_check(
    client: Client, receiver: Receiver
) -> None:
    made = platform_with_hook(receiver)
    send(client, made.key, [post("u1", URGENT)])
    webhooks.deliver_due()
    (got,) = receiver.got
    headers, raw = got["headers"], got["raw"]
    assert verify(made.webhook_secret, headers, raw)
    assert not verify(made.webhook_secret, headers, raw.replace(b"urgent", b"watch!"))
    assert not verify("whsec_another", headers, raw)
    later = int(headers["X-Waylight-Timestamp"]) + REPLAY_WINDOW_S + 1
    assert not verify(made.webhook_secret, headers, raw, now=later)


@pytest.mark.django_db
def test_failures_are_retried_a_few_times_then_given_up(client: Client, receiver: Receiver) -> None:
    receiver.status = 500
    made = platform_with_hook(receiver)
    send(client, made.key, [post("u1", URGENT)])
    now = timezone.now()
    for attempt in range(1, webhooks.MAX_ATTEMPTS + 1):
        webhooks.deliver_due(now=now)
        delivery = WebhookDelivery.objects.get()
        assert delivery.attempts == attempt and delivery.last_outcome == "HTTP 500"
        if attempt < webhooks.MAX_ATTEMPTS:
            assert delivery.status == "pending"
            wait = webhooks.RETRY_AFTER_S[attempt - 1]
            assert delivery.next_attempt_at >= now + timedelta(seconds=wait - 5)
            # Not before its time: a pass now sends nothing.
            assert webhooks.deliver_due(now=delivery.next_attempt_at - timedelta(seconds=1)) == (
                webhooks.DeliveryPass()
            )
            now = delivery.next_attempt_at + timedelta(seconds=1)
    assert WebhookDelivery.objects.get().status == "failed"
    assert len(receiver.got) == webhooks.MAX_ATTEMPTS
    assert webhooks.deliver_due(now=now + timedelta(days=30)) == webhooks.DeliveryPass()
    assert len(receiver.got) == webhooks.MAX_ATTEMPTS  # never again
    assert all(g["delivery"] == receiver.got[0]["delivery"] for g in receiver.got)


@pytest.mark.django_db
def test_a_redirect_is_not_followed_and_not_a_delivery(client: Client, receiver: Receiver) -> None:
    receiver.status = 302
    made = platform_with_hook(receiver)
    send(client, made.key, [post("u1", URGENT)])
    assert webhooks.deliver_due().retrying == 1
    assert len(receiver.got) == 1
    assert WebhookDelivery.objects.get().last_outcome == "HTTP 302"


@pytest.mark.django_db
def test_an_unreachable_receiver_is_a_failed_attempt_not_an_error(client: Client) -> None:
    made = create_key("Forum X", webhook_url="http://127.0.0.1:9/nothing-listens")
    send(client, made.key, [post("u1", URGENT)])
    assert webhooks.deliver_due().retrying == 1
    assert WebhookDelivery.objects.get().last_outcome in ("URLError", "ConnectionRefusedError")


@pytest.mark.django_db(transaction=True)
def test_the_api_call_never_waits_for_the_webhook(
    client: Client, receiver: Receiver, settings: Any
) -> None:
    settings.QUEUE_WEBHOOKS = True
    receiver.hold = threading.Event()
    made = platform_with_hook(receiver)
    response = send(client, made.key, [post("u1", URGENT)])
    # The call has answered, while the receiver is still holding the delivery (or has not
    # even been called yet): the send happens in the background.
    assert response.status_code == 200
    assert not receiver.got
    assert receiver.holding.wait(timeout=20), "the background sender never called"
    receiver.hold.set()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if WebhookDelivery.objects.get().status == "delivered":
            break
        time.sleep(0.1)
    assert WebhookDelivery.objects.get().status == "delivered"
    assert receiver.got[0]["verified"]


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://platform.example/hooks", True),
        ("http://127.0.0.1:8080/hooks", True),
        ("http://localhost/hooks", True),
        ("http://[::1]/hooks", True),
        ("http://platform.example/hooks", False),
        ("ftp://platform.example/hooks", False),
        ("https://user:pass@platform.example/hooks", False),
        ("platform.example/hooks", False),
    ],
)
def test_webhook_addresses_must_be_https_except_on_this_machine(url: str, ok: bool) -> None:
    if ok:
        assert check_webhook_url(url) == url
    else:
        with pytest.raises(InputError):
            check_webhook_url(url)
