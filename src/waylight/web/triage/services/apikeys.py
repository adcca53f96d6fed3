"""API keys: made by an admin (shown once), found by the API on every call, revoked at once."""

from __future__ import annotations

import hmac
import ipaddress
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from waylight.core.errors import InputError
from waylight.web.ratelimit import parse_rate
from waylight.web.triage.models import ApiKey
from waylight.web.triage.tokens import hash_key, make_api_key, make_webhook_secret, prefix_of

NAME_MAX = 100
LOOPBACK_NAMES = {"localhost"}
# Why a delivery still waiting was given up when its key was revoked.
REVOKED_OUTCOME = "not sent: the key was revoked"


@dataclass(frozen=True)
class CreatedKey:
    """A new key and, with a webhook, its signing secret: both shown once, then never again."""

    api_key: ApiKey
    key: str
    webhook_secret: str | None


def check_webhook_url(url: str) -> str:
    """The URL as given, or InputError: https, or plain http only to this machine (loopback)."""
    url = url.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise InputError(_("A webhook address must be a full https:// address."))
    if parts.username or parts.password:
        raise InputError(_("A webhook address must not carry a user name or password."))
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise InputError(
            _(
                "A webhook address must use https:// (plain http:// only to this machine, "
                "for tests)."
            )
        )
    return url


def _is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_rate(rate: str) -> str:
    rate = rate.strip()
    if rate:
        try:
            parse_rate(rate)
        except ValueError as exc:
            raise InputError(str(exc)) from None
    return rate


def check_name(name: str) -> str:
    name = " ".join(name.split())
    if not name or len(name) > NAME_MAX:
        raise InputError(
            _("Give the key a name of 1 to %(most)d characters (who will use it).")
            % {"most": NAME_MAX}
        )
    return name


def create_key(
    name: str,
    *,
    created_by: Any | None = None,
    keep_texts: bool = False,
    webhook_url: str = "",
    rate: str = "",
) -> CreatedKey:
    """A new active key; InputError (nothing made) when a field cannot be used."""
    name = check_name(name)
    webhook_url = check_webhook_url(webhook_url)
    rate = check_rate(rate)
    made = make_api_key()
    secret = make_webhook_secret() if webhook_url else None
    row = ApiKey(
        name=name,
        prefix=made.prefix,
        key_hash=made.key_hash,
        created_by=created_by,
        keep_texts=keep_texts,
        webhook_url=webhook_url,
        rate=rate,
    )
    if secret is not None:
        row.webhook_secret = secret
    with transaction.atomic():
        row.save()
    return CreatedKey(api_key=row, key=made.key, webhook_secret=secret)


def set_webhook(api_key: ApiKey, webhook_url: str) -> str | None:
    """Change a key's webhook address; a new secret (returned, shown once) when one is set."""
    webhook_url = check_webhook_url(webhook_url)
    api_key.webhook_url = webhook_url
    secret = make_webhook_secret() if webhook_url else None
    api_key.webhook_secret_ciphertext = ""
    if secret is not None:
        api_key.webhook_secret = secret
    api_key.save(update_fields=["webhook_url", "webhook_secret_ciphertext"])
    return secret


def active_key(presented: str) -> ApiKey | None:
    """The active key a caller presented, or None (unknown, malformed, or revoked).

    Read from the database on every call, so a revocation counts from the next request on.
    """
    prefix = prefix_of(presented)
    if prefix is None:
        return None
    found = ApiKey.objects.filter(prefix=prefix, revoked_at__isnull=True).first()
    if found is None or not hmac.compare_digest(found.key_hash, hash_key(presented)):
        return None
    return found


def revoke(prefix: str) -> ApiKey | None:
    """Revoke the key with this prefix (again is harmless); None when there is no such key.

    From the next request on the key is refused, and webhook deliveries still waiting for its
    platform are given up: a revoked platform is told nothing more.
    """
    from waylight.web.triage.models import WebhookDelivery

    with transaction.atomic():
        found = ApiKey.objects.select_for_update().filter(prefix=prefix.strip()).first()
        if found is None:
            return None
        if found.revoked_at is None:
            found.revoked_at = timezone.now()
            found.save(update_fields=["revoked_at"])
        WebhookDelivery.objects.filter(api_key=found, status=WebhookDelivery.PENDING).update(
            status=WebhookDelivery.FAILED,
            finished_at=found.revoked_at,
            claimed_until=None,
            last_outcome=REVOKED_OUTCOME,
        )
    return found
