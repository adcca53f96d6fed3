"""`waylight queue`: the triage queue's housekeeping.

    waylight queue purge [--dry-run]                    erase texts and records past their time
    waylight queue purge --platform wl_1a2b3c4d --everything   erase all a platform ever sent
    waylight queue export --format csv|jsonl [-o FILE] [--since 2026-03-01]   false alarms
    waylight queue deliver                              send webhook deliveries that are due

Run `purge` daily (a cron job or a systemd timer); docs/batch.md, "Retention", says what it
erases when.
"""

from __future__ import annotations

import sys
from datetime import datetime

import click

from waylight.cli.apikey import _django
from waylight.cli.errors import BadInput


@click.group(name="queue")
def queue() -> None:
    """Purge, export and deliver for the triage queue."""


@queue.command(name="purge")
@click.option("--dry-run", is_flag=True, help="Count what would be erased; change nothing.")
@click.option("--platform", default="", help="With --everything: the key prefix of a platform.")
@click.option(
    "--everything", is_flag=True, help="Erase every post, author and delivery of --platform."
)
def purge(dry_run: bool, platform: str, everything: bool) -> None:
    """Erase texts and records whose retention time is over (or one platform's everything)."""
    _django()
    from waylight.web.triage.services import retention

    if everything or platform:
        if not (everything and platform):
            raise BadInput("--everything needs --platform PREFIX, and the other way round.")
        from waylight.web.triage.models import ApiKey

        found = ApiKey.objects.filter(prefix=platform.strip()).first()
        if found is None:
            raise BadInput(f"No API key has the prefix {platform!r}.")
        if dry_run:
            from waylight.web.triage.models import QueuedPost

            count = QueuedPost.objects.filter(api_key=found).count()
            click.echo(f"Would erase {count} post(s) sent with {found.prefix} ({found.name}).")
            return
        rows = retention.erase_platform(found)
        click.echo(f"Erased {rows} row(s) sent with {found.prefix} ({found.name}).")
        return
    done = retention.purge(dry_run=dry_run)
    verb = "Would erase" if dry_run else "Erased"
    click.echo(
        f"{verb} {done.texts_erased} text(s) and {done.posts_deleted} post record(s); "
        f"{done.timelines_deleted} author timeline(s) and {done.deliveries_deleted} webhook "
        "record(s) deleted."
    )
    if not dry_run and not done.files_scrubbed:
        click.echo("The database's log could not be truncated yet; run purge again.", err=True)


@queue.command(name="export")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="jsonl", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="File to write (default: standard output).",
)
@click.option(
    "--since", default="", help="Only false alarms decided on or after this date (YYYY-MM-DD)."
)
def export(fmt: str, output: str | None, since: str) -> None:
    """The false alarms, with their reasons, as data for retraining (no reviewer in it)."""
    _django()
    from django.utils import timezone

    from waylight.web.triage import exports, selectors

    start = None
    if since:
        try:
            start = datetime.fromisoformat(since)
        except ValueError:
            raise BadInput(f"--since must be a date such as 2026-03-01, not {since!r}.") from None
        if start.tzinfo is None:
            start = start.replace(tzinfo=timezone.get_current_timezone())
    lines = exports.lines(selectors.false_alarms(since=start), fmt)
    if output is None:
        for line in lines:
            sys.stdout.write(line)
        return
    with open(output, "w", encoding="utf-8", newline="") as handle:
        for line in lines:
            handle.write(line)


@queue.command(name="deliver")
def deliver() -> None:
    """Send the webhook deliveries that are due now (the server does this by itself too)."""
    _django()
    from waylight.web.triage.services.webhooks import deliver_due

    done = deliver_due()
    click.echo(
        f"Delivered {done.delivered}; {done.retrying} to retry later; {done.failed} given up."
    )
