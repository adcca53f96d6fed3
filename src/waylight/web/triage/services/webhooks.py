"""Signed webhooks for urgent posts, sent in the background, given up after a few tries.

Delivery semantics:

- **Outbox.** The API call that queues an urgent post writes a `WebhookDelivery` row in the
  same transaction (so a delivery exists exactly when the post does) and, after the commit,
  wakes this process's sender thread. The API call never waits for the platform's server.
- **At least once, at most `MAX_ATTEMPTS` times.** The sender posts the body; any 2xx answer
  within `TIMEOUT_S` seconds counts as delivered. Anything else (an error status, a redirect,
  which is never followed, a timeout, a refused connection) is tried again after 30 s, 2 min,
  10 min and 1 h; after the fifth failed attempt the delivery is marked `failed` and never
  tried again (it stays listed for the admin; the post stays in the queue regardless).
  A delivery can arrive twice (a 2xx lost on the way back): the `X-Waylight-Delivery` id is
  the same on every attempt, so the receiver can drop repeats.
- **Signed.** Each attempt carries `X-Waylight-Timestamp` (Unix seconds, now) and
  `X-Waylight-Signature: sha256=<hex>`, the HMAC-SHA256 of `"<timestamp>." + body` with the
  key's webhook secret. The receiver recomputes it, compares in constant time, and refuses a
  timestamp more than five minutes from its clock, so a recorded request cannot be replayed.
- **Who sends.** One daemon thread per server process, started by the first delivery; it
  claims due rows (a claim lasts `CLAIM_S`, so two processes never send the same row at once)
  and looks for due retries every `POLL_S` seconds. `waylight queue deliver` does one pass
  from the command line (for a timer, or after a restart with retries still due).
- **What is sent.** The platform's post id, its tiers and the early-warning alert, and the
  address of the post in the queue: never the text, never the author.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import close_old_connections, connection
from django.db.models import Q
from django.utils import timezone

from waylight.web.crypto import Undecryptable
from waylight.web.triage.models import ApiKey, QueuedPost, WebhookDelivery

log = logging.getLogger("waylight.web.triage.webhooks")

MAX_ATTEMPTS = 5
# Wait before attempt n + 1 after n failed ones.
RETRY_AFTER_S = (30, 120, 600, 3600)
TIMEOUT_S = 5.0
CLAIM_S = 60
POLL_S = 30.0
BATCH = 50
SIGNATURE_HEADER = "X-Waylight-Signature"
TIMESTAMP_HEADER = "X-Waylight-Timestamp"
DELIVERY_HEADER = "X-Waylight-Delivery"
EVENT = "post.urgent"


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """`sha256=<hex>`: HMAC-SHA256 of `"<timestamp>." + body` with the webhook secret."""
    signed = f"{timestamp}.".encode("ascii") + body
    return "sha256=" + hmac.new(secret.encode("utf-8"), signed, hashlib.sha256).hexdigest()


def delivery_for(api_key: ApiKey, post: QueuedPost, now: datetime) -> WebhookDelivery:
    """The (unsaved) delivery announcing one urgent post; its body carries no text."""
    delivery_id = str(uuid.uuid4())
    body = {
        "event": EVENT,
        "delivery_id": delivery_id,
        "created_at": now.isoformat(),
        "post": {
            "id": post.external_id,
            "concern": post.concern,
            "suicide_level": post.suicide_level,
            "self_harm": post.self_harm,
            "depression_level": post.depression_level,
            "received_at": post.received_at.isoformat(),
            "early_warning_alert": post.raised_alert,
        },
    }
    return WebhookDelivery(
        api_key=api_key,
        post=post,
        delivery_id=delivery_id,
        body=json.dumps(body, separators=(",", ":")),
        next_attempt_at=now,
    )


@dataclass(frozen=True)
class DeliveryPass:
    delivered: int = 0
    retrying: int = 0
    failed: int = 0


def deliver_due(now: datetime | None = None, *, limit: int = BATCH) -> DeliveryPass:
    """Send every delivery that is due now (at most `limit`), once each."""
    now = now or timezone.now()
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    due = list(
        WebhookDelivery.objects.filter(
            free, status=WebhookDelivery.PENDING, next_attempt_at__lte=now
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    delivered = retrying = failed = 0
    for pk in due:
        # The claim is one conditional UPDATE: only one process wins it.
        claimed = WebhookDelivery.objects.filter(
            free, pk=pk, status=WebhookDelivery.PENDING
        ).update(claimed_until=now + timedelta(seconds=CLAIM_S))
        if claimed != 1:
            continue
        delivery = WebhookDelivery.objects.select_related("api_key").get(pk=pk)
        ok, outcome = _attempt(delivery)
        delivery.attempts += 1
        delivery.last_outcome = outcome[:80]
        delivery.claimed_until = None
        finished = timezone.now()
        if ok:
            delivery.status = WebhookDelivery.DELIVERED
            delivery.finished_at = finished
            delivered += 1
        elif delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = WebhookDelivery.FAILED
            delivery.finished_at = finished
            failed += 1
            log.warning("webhook delivery %s given up after %d attempts", pk, delivery.attempts)
        else:
            wait = RETRY_AFTER_S[min(delivery.attempts, len(RETRY_AFTER_S)) - 1]
            # Counted from this pass's clock (`now`), so a pass given a time is repeatable.
            delivery.next_attempt_at = now + timedelta(seconds=wait)
            retrying += 1
        delivery.save(
            update_fields=[
                "attempts",
                "last_outcome",
                "claimed_until",
                "status",
                "finished_at",
                "next_attempt_at",
            ]
        )
    return DeliveryPass(delivered, retrying, failed)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None  # a 3xx is an answer like any other non-2xx: not delivered


_OPENER = urllib.request.build_opener(_NoRedirects)


def _attempt(delivery: WebhookDelivery) -> tuple[bool, str]:
    """(delivered, what happened in a few words: a status or an error type, never a body)."""
    api_key = delivery.api_key
    if not api_key.active:
        return False, "not sent: the key was revoked"
    if not api_key.webhook_url:
        return False, "no webhook address any more"
    try:
        secret = api_key.webhook_secret
    except Undecryptable:
        return False, "the webhook secret cannot be decrypted"
    body = delivery.body.encode("utf-8")
    stamp = int(time.time())
    request = urllib.request.Request(
        api_key.webhook_url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Waylight-Webhook/1",
            TIMESTAMP_HEADER: str(stamp),
            SIGNATURE_HEADER: signature(secret, stamp, body),
            DELIVERY_HEADER: delivery.delivery_id,
        },
    )
    try:
        with _OPENER.open(request, timeout=TIMEOUT_S) as response:
            status = int(response.status)
    except urllib.error.HTTPError as exc:
        status = int(exc.code)
    except (urllib.error.URLError, OSError, ValueError) as exc:
        return False, type(exc).__name__
    return 200 <= status < 300, f"HTTP {status}"


# ------------------------------------------------------------------- the background sender


class _Sender:
    """One daemon thread per process: sends due deliveries when woken, and every POLL_S."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def wake(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="waylight-webhooks", daemon=True
                )
                self._thread.start()
        self._wake.set()

    def _run(self) -> None:
        while True:
            self._wake.wait(timeout=POLL_S)
            self._wake.clear()
            try:
                close_old_connections()
                while _sent_a_full_batch(deliver_due()):
                    pass
            except Exception as exc:  # the sender must outlive any one failure
                log.warning("webhook pass failed (%s); next pass later", type(exc).__name__)
            finally:
                connection.close()


def _sent_a_full_batch(done: DeliveryPass) -> bool:
    return done.delivered + done.retrying + done.failed >= BATCH


_SENDER = _Sender()


def wake() -> None:
    """Start or nudge this process's sender (called after a commit that added deliveries)."""
    from django.conf import settings

    if getattr(settings, "QUEUE_WEBHOOKS", True):
        _SENDER.wake()
