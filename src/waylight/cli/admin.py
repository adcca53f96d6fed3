"""`waylight admin`: the team tasks that need no web page (docs/professional.md).

    waylight admin create NAME               # an admin account (asks for the password)
    waylight admin professionals             # professionals, verified or waiting
    waylight admin verify NAME               # verify a professional (after checking who they are)
    waylight admin unverify NAME             # withdraw it: they see nobody from their next request

Admins sign in on the web with their second factor before the admin site opens.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click


def _ready() -> None:
    from waylight.cli.serve import prepare

    off = prepare()
    if off:
        click.echo(f"Cannot change accounts: {off}.", err=True)
        sys.exit(2)


@click.group(name="admin")
def admin() -> None:
    """Make admin accounts and verify professionals."""


@admin.command(name="create")
@click.argument("username")
@click.option(
    "--password-env",
    metavar="VAR",
    help="Read the password from this environment variable instead of asking.",
)
def create(username: str, password_env: str | None) -> None:
    """Make an admin account (at least 10 characters, not a common password)."""
    _ready()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from waylight.web.services.professionals import create_admin

    if get_user_model().objects.filter(username__iexact=username).exists():
        raise click.UsageError(f"There is already an account called {username!r}.")
    if password_env:
        password = os.environ.get(password_env, "")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        validate_password(password)
    except ValidationError as exc:
        raise click.UsageError(" ".join(exc.messages)) from None
    create_admin(username, password)
    click.echo(
        f"Admin {username!r} made. Sign in on the web: you will set up the second factor "
        "first, then the admin site opens at /admin/."
    )


def _profile(username: str) -> Any:
    from waylight.web.models import ProfessionalProfile

    profile = ProfessionalProfile.objects.filter(user__username__iexact=username).first()
    if profile is None:
        raise click.UsageError(f"There is no professional called {username!r}.")
    return profile


@admin.command(name="professionals")
def professionals() -> None:
    """List professionals: verified, or waiting to be."""
    _ready()
    from waylight.web.models import ProfessionalProfile

    rows = ProfessionalProfile.objects.select_related("user").order_by("verified_at", "created_at")
    for p in rows:
        state = f"verified {p.verified_at:%Y-%m-%d}" if p.verified_at else "waiting"
        click.echo(f"{p.user.username}\t{p.display_name}\t{p.title}\t{p.organisation}\t{state}")


@admin.command(name="verify")
@click.argument("username")
def verify(username: str) -> None:
    """Verify a professional, once you have checked who they are and their role."""
    _ready()
    from waylight.web.services.professionals import verify_professional

    verify_professional(_profile(username), by=None)
    click.echo(f"{username} is verified: people can now share with them.")


@admin.command(name="unverify")
@click.argument("username")
def unverify(username: str) -> None:
    """Withdraw a professional's verification: they see nobody from their next request."""
    _ready()
    from waylight.web.services.professionals import withdraw_verification

    withdraw_verification(_profile(username))
    click.echo(f"{username} is no longer verified and sees nobody.")
