"""`waylight reviewer`: who may read the triage queue (the `reviewer` group).

waylight reviewer add NAME       an existing account becomes a reviewer
waylight reviewer remove NAME    no longer (effective at the next page they open)
waylight reviewer list
"""

from __future__ import annotations

import click

from waylight.cli.apikey import _django
from waylight.cli.errors import BadInput


@click.group(name="reviewer")
def reviewer() -> None:
    """Add, remove and list the accounts that may read and decide the triage queue."""


def _account(name: str) -> object:
    from django.contrib.auth import get_user_model

    found = get_user_model().objects.filter(username__iexact=name.strip()).first()
    if found is None:
        raise BadInput(
            f"No account is called {name!r}. The person makes one first (Account, then "
            "'Make one'), then an admin adds it here."
        )
    return found


def _group() -> object:
    from django.contrib.auth.models import Group

    from waylight.web.triage.access import REVIEWER

    return Group.objects.get_or_create(name=REVIEWER)[0]


@reviewer.command(name="add")
@click.argument("name")
def add(name: str) -> None:
    """Make the account NAME a reviewer."""
    _django()
    user = _account(name)
    user.groups.add(_group())  # type: ignore[attr-defined]
    click.echo(f"{user} is a reviewer: /triage/ opens for them.")


@reviewer.command(name="remove")
@click.argument("name")
def remove(name: str) -> None:
    """Take the account NAME out of the reviewers."""
    _django()
    user = _account(name)
    user.groups.remove(_group())  # type: ignore[attr-defined]
    click.echo(f"{user} is no longer a reviewer.")


@reviewer.command(name="list")
def list_reviewers() -> None:
    """Every reviewer account."""
    _django()
    from waylight.web.triage.access import REVIEWER

    group = _group()
    names = sorted(u.get_username() for u in group.user_set.all())  # type: ignore[attr-defined]
    click.echo("\n".join(names) if names else f"No account is in the {REVIEWER!r} group yet.")
