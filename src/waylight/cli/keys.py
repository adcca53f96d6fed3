"""`waylight keys`: make, rotate and apply encryption keys (docs/security.md "Keys").

    waylight keys new          # print a fresh key (for WAYLIGHT_ENCRYPTION_KEYS)
    waylight keys rotate       # local keys folder: put a new key first, keep the old ones
    waylight keys reencrypt    # rewrite every stored row with the newest key

After `reencrypt` reports no unreadable rows, the old keys can be removed.
"""

from __future__ import annotations

import os
import sys

import click


@click.group(name="keys")
def keys() -> None:
    """Make, rotate and apply the encryption keys for stored plans and results."""


@keys.command(name="new")
def new() -> None:
    """Print a fresh encryption key (nothing is stored)."""
    from waylight.web.keys import make_fernet_key

    click.echo(make_fernet_key())


@keys.command(name="rotate")
def rotate() -> None:
    """Put a new key first in the local keys folder; the older keys still read old rows."""
    from waylight.web.keys import ENV_KEY_ONE, ENV_KEYS, add_new_key, keys_dir

    if os.environ.get(ENV_KEYS) or os.environ.get(ENV_KEY_ONE):
        raise click.UsageError(
            f"The keys come from {ENV_KEYS}: put a new key (`waylight keys new`) first in that "
            "list, restart, then run `waylight keys reencrypt`."
        )
    folder = keys_dir()
    if not folder.is_dir():
        raise click.UsageError(f"There is no keys folder at {folder} yet: start Waylight once.")
    add_new_key(folder)
    click.echo(f"A new key is first in {folder}. Now run `waylight keys reencrypt`.")


@keys.command(name="reencrypt")
def reencrypt() -> None:
    """Rewrite every stored plan and result with the newest key."""
    from waylight.cli.serve import prepare

    off = prepare()
    if off:
        raise click.UsageError(f"Cannot re-encrypt: {off}.")
    from waylight.web.services.rotation import reencrypt_all

    done = reencrypt_all()
    click.echo(
        f"Re-encrypted {done.rewritten} rows; {done.already_current} already used the newest "
        f"key; {done.unreadable} could not be opened with any key."
    )
    if done.unreadable:
        click.echo("Keep the old keys until those rows are restored or deleted.", err=True)
        sys.exit(1)
