"""`waylight apikey`: make, list and revoke the API keys platforms use to send posts.

    waylight apikey create "Forum A" [--keep-texts] [--webhook-url URL] [--rate 300/m] [--json]
    waylight apikey list [--json]
    waylight apikey revoke wl_1a2b3c4d
    waylight apikey webhook wl_1a2b3c4d https://forum.example/hooks/waylight   (or --off)

A new key (and a webhook secret) is printed once: Waylight keeps only the key's hash.
"""

from __future__ import annotations

import json
from typing import Any

import click

from waylight.cli.errors import BadInput, input_errors


def _django() -> None:
    from waylight.cli.serve import prepare

    off = prepare()
    if off:
        raise click.ClickException(f"The database cannot be used: {off}.")


@click.group(name="apikey")
def apikey() -> None:
    """Make, list and revoke the API keys that platforms use to send posts to the queue."""


@apikey.command(name="create")
@click.argument("name")
@click.option(
    "--keep-texts",
    is_flag=True,
    help="The platform allows keeping false alarms' texts for retraining.",
)
@click.option("--webhook-url", default="", help="Announce urgent posts here (https://), signed.")
@click.option(
    "--rate",
    default="",
    help="Calls allowed with this key, e.g. 300/m (default: WAYLIGHT_RATE_QUEUE).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the new key as one JSON object.")
def create(name: str, keep_texts: bool, webhook_url: str, rate: str, as_json: bool) -> None:
    """Make a key for the platform NAME and print it once."""
    _django()
    from waylight.web.triage.services.apikeys import create_key

    with input_errors():
        made = create_key(name, keep_texts=keep_texts, webhook_url=webhook_url, rate=rate)
    if as_json:
        data = {
            "name": made.api_key.name,
            "prefix": made.api_key.prefix,
            "key": made.key,
            "webhook_secret": made.webhook_secret,
        }
        click.echo(json.dumps(data))
        return
    click.echo(f"API key for {made.api_key.name} ({made.api_key.prefix}):")
    click.echo(made.key)
    if made.webhook_secret:
        click.echo(f"Webhook secret: {made.webhook_secret}")
    click.echo(
        "Copy it now and pass it on privately: Waylight keeps only its hash and cannot show "
        "it again.",
        err=True,
    )


def _rows() -> list[dict[str, Any]]:
    from django.db.models import Count, Q

    from waylight.web.triage.models import ApiKey

    keys = ApiKey.objects.annotate(
        sent=Count("posts", distinct=True),
        failed=Count("deliveries", filter=Q(deliveries__status="failed"), distinct=True),
    ).order_by("created_at")
    return [
        {
            "prefix": k.prefix,
            "name": k.name,
            "created_at": k.created_at.isoformat(timespec="seconds"),
            "revoked_at": k.revoked_at.isoformat(timespec="seconds") if k.revoked_at else None,
            "keep_texts": k.keep_texts,
            "rate": k.rate or None,
            "webhook_url": k.webhook_url or None,
            "posts": getattr(k, "sent", 0),
            "failed_webhooks": getattr(k, "failed", 0),
        }
        for k in keys
    ]


@apikey.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per key, one per line.")
def list_keys(as_json: bool) -> None:
    """Every key, active or revoked (never the keys themselves: they are not kept)."""
    _django()
    rows = _rows()
    if as_json:
        for row in rows:
            click.echo(json.dumps(row))
        return
    if not rows:
        click.echo("No API keys yet: `waylight apikey create NAME` makes one.")
        return
    for row in rows:
        state = f"revoked {row['revoked_at']}" if row["revoked_at"] else "active"
        extras = []
        if row["keep_texts"]:
            extras.append("keeps texts")
        if row["webhook_url"]:
            extras.append(f"webhook {row['webhook_url']}")
            if row["failed_webhooks"]:
                extras.append(f"{row['failed_webhooks']} webhook(s) given up")
        if row["rate"]:
            extras.append(f"rate {row['rate']}")
        tail = f"; {', '.join(extras)}" if extras else ""
        click.echo(
            f"{row['prefix']}  {row['name']}: {state}, made {row['created_at']}, "
            f"{row['posts']} post(s){tail}"
        )


@apikey.command(name="revoke")
@click.argument("prefix")
def revoke_key(prefix: str) -> None:
    """Revoke the key starting PREFIX (e.g. wl_1a2b3c4d); it stops working at once."""
    _django()
    from waylight.web.triage.services.apikeys import revoke

    found = revoke(prefix)
    if found is None:
        raise BadInput(f"No API key has the prefix {prefix!r}; `waylight apikey list` shows them.")
    click.echo(f"Revoked {found.prefix} ({found.name}); its posts stay in the queue.")


@apikey.command(name="webhook")
@click.argument("prefix")
@click.argument("url", required=False, default="")
@click.option("--off", is_flag=True, help="Stop announcing urgent posts for this key.")
def webhook(prefix: str, url: str, off: bool) -> None:
    """Set (with a new secret, printed once) or remove the webhook address of a key."""
    _django()
    from waylight.web.triage.models import ApiKey
    from waylight.web.triage.services.apikeys import set_webhook

    if bool(url) == off:
        raise BadInput("Give a webhook address, or --off to remove it (not both).")
    found = ApiKey.objects.filter(prefix=prefix.strip()).first()
    if found is None:
        raise BadInput(f"No API key has the prefix {prefix!r}; `waylight apikey list` shows them.")
    with input_errors():
        secret = set_webhook(found, "" if off else url)
    if secret is None:
        click.echo(f"{found.prefix} no longer announces urgent posts.")
    else:
        click.echo(f"Webhook secret for {found.prefix}: {secret}")
        click.echo("Copy it now: it is not shown again.", err=True)
