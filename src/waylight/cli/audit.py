"""`waylight audit verify`: check the audit log's hash chain (exit 1 where it breaks).

    waylight audit verify          # "intact: N entries" and the last hash, or where it breaks
    waylight audit verify --json   # {"ok", "entries", "head_hash", "broken_at", "problem"}

Keep the printed last hash somewhere apart from the database (a ticket, a printed page): a
later run that prints a different history up to that point shows the log was rewritten.
"""

from __future__ import annotations

import json
import sys

import click


@click.group(name="audit")
def audit() -> None:
    """The audit log of who looked at a person's data."""


@audit.command(name="verify")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def verify(as_json: bool) -> None:
    """Check the audit log's hash chain; exit 1 and say where if it is broken."""
    from waylight.cli.serve import prepare

    off = prepare()
    if off:
        click.echo(f"Cannot read the audit log: {off}.", err=True)
        sys.exit(2)
    from waylight.web.services.audit import verify as check

    result = check()
    if as_json:
        click.echo(
            json.dumps(
                {
                    "ok": result.ok,
                    "entries": result.checked,
                    "head_hash": result.head_hash,
                    "broken_at": result.broken_at,
                    "problem": result.problem or None,
                }
            )
        )
    elif result.ok:
        click.echo(f"The audit log is intact: {result.checked} entries.")
        click.echo(f"Last hash: {result.head_hash}")
    else:
        click.echo(f"The audit log is broken at entry {result.broken_at}: {result.problem}.")
        click.echo(f"Entries read before the break: {result.checked - 1}.")
    if not result.ok:
        sys.exit(1)
